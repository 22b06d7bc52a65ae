#pragma once
// Employers on a meeting, their needs and their events (../shared/spec/arbeidsgiver.md).
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/clock.hpp"

namespace rt::arbeidsgiver {

namespace status {
inline constexpr std::string_view aktiv = "AKTIV", slettet = "SLETTET";
}

namespace hendelsestype {
// OPPDATERT is in the original's list but never written, here or there.
inline constexpr std::string_view opprettet = "OPPRETTET", reaktivert = "REAKTIVERT", behov_endret = "BEHOV_ENDRET",
                                  slettet = "SLETTET";
}

struct Naringskode {
    std::optional<std::string> kode, beskrivelse;
};

// An employer as the request describes it.
struct NyArbeidsgiver {
    std::string orgnr;
    std::string navn;
    std::vector<Naringskode> naringskoder;
    std::optional<std::string> gateadresse, postnummer, poststed;
};

// A tag from NAV's job ontology; konseptId may be missing for FORERKORT only.
struct Tagg {
    std::string label;
    std::string kategori;
    std::optional<long long> konsept_id;
};

struct Behov {
    std::vector<Tagg> samlede_kvalifikasjoner;
    std::vector<std::string> arbeidssprak;  // without "Annet"
    int antall = 0;
    std::vector<std::string> ansettelsesformer;
    std::vector<Tagg> personlige_egenskaper;
};

struct Arbeidsgiver {
    std::string id;  // arbeidsgiverTreffId
    std::string treff_id;
    std::string orgnr;
    std::string navn;
    std::string status;
    std::optional<std::string> gateadresse, postnummer, poststed;
};

struct ArbeidsgiverMedBehov {
    Arbeidsgiver arbeidsgiver;
    std::optional<Behov> behov;
};

// Who wrote an event: a counsellor (ARRANGØR with their NAV ident).
struct Aktor {
    std::string type;
    std::string ident;
};

struct Hendelse {
    std::string id;
    Instant tidspunkt;
    std::string hendelsestype;
    std::string aktortype;
    std::optional<std::string> aktor;
    std::string orgnr;
    std::string orgnavn;
    long long rekkefolge = 0;
};

}  // namespace rt::arbeidsgiver
