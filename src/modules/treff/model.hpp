#pragma once
// Public: the meeting's domain: its statuses, category, event log and who changed it. Other
// modules' domains (the job seekers', the employers') build on it.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/clock.hpp"

namespace rt::treff {

namespace treffstatus {
inline constexpr std::string_view utkast = "UTKAST", publisert = "PUBLISERT", avlyst = "AVLYST",
                                  fullfort = "FULLFØRT", slettet = "SLETTET";
}

namespace kategori {
inline constexpr std::string_view rekrutteringstreff = "REKRUTTERINGSTREFF", workop = "WORKOP";
inline constexpr std::string_view alle[] = {rekrutteringstreff, workop};
}  // namespace kategori

// The meeting's own events (rekrutteringstreff_hendelse).
namespace treffhendelsestype {
inline constexpr std::string_view opprettet = "OPPRETTET", eier_lagt_til = "EIER_LAGT_TIL", eier_fjernet = "EIER_FJERNET",
                                  oppdatert = "OPPDATERT", publisert = "PUBLISERT", avpublisert = "AVPUBLISERT",
                                  endret_etter_publisering = "TREFF_ENDRET_ETTER_PUBLISERING", avlyst = "AVLYST",
                                  gjenapnet = "GJENÅPNET", fullfort = "FULLFØRT", slettet = "SLETTET";
}

// What a job seeker can be told changed after publishing (endredeFelter).
namespace endret_felt {
inline constexpr std::string_view alle[] = {"NAVN", "TIDSPUNKT", "SVARFRIST", "STED", "INTRODUKSJON"};
}

namespace aktortype {
inline constexpr std::string_view arrangor = "ARRANGØR", jobbsoker = "JOBBSØKER", system = "SYSTEM";
}

// `ressurs` of a line in a meeting's merged event list (allehendelser).
namespace ressurs {
inline constexpr std::string_view rekrutteringstreff = "REKRUTTERINGSTREFF", jobbsoker = "JOBBSØKER",
                                  arbeidsgiver = "ARBEIDSGIVER";
}

// Who made a change: a counsellor (ARRANGØR with their NAV ident) or the service itself (SYSTEM,
// ident "SYSTEM", for the automatic completion).
struct Aktor {
    std::string type;
    std::string ident;
};
inline Aktor arrangor(std::string nav_ident) { return {std::string(aktortype::arrangor), std::move(nav_ident)}; }
inline Aktor systemet() { return {std::string(aktortype::system), "SYSTEM"}; }

struct Treff {
    std::string id;
    std::string tittel;
    std::optional<std::string> beskrivelse;
    std::optional<Instant> fra_tid, til_tid, svarfrist;
    std::optional<std::string> gateadresse, postnummer, poststed;
    std::optional<std::string> kommune, kommunenummer, fylke, fylkesnummer;
    std::string kategori{kategori::rekrutteringstreff};
    std::string status;
    std::optional<std::string> avlyst_fra_status;  // set while AVLYST: where gjenapn goes back to
    std::string opprettet_av;
    std::optional<std::string> opprettet_av_navkontor;  // no source: always null
    Instant opprettet_tidspunkt;
    std::vector<std::string> eiere;
    std::vector<std::string> kontorer;  // no source: always empty
    Instant sist_endret;
    std::string sist_endret_av;
    // Filled in by the meeting's participants (TreffDeltaker::tell) for the JSON.
    long long antall_jobbsokere = 0;
    long long antall_svart_ja = 0;
    long long antall_arbeidsgivere = 0;
};

// One event of a meeting's merged event list: the meeting's own (ressurs REKRUTTERINGSTREFF) or
// a participant's, with the subject it is about.
struct TreffHendelse {
    std::string id;
    std::string ressurs;
    Instant tidspunkt;
    std::string hendelsestype;
    std::string aktortype;
    std::optional<std::string> aktor;
    std::optional<std::string> subjekt_id, subjekt_navn;
    long long rekkefolge = 0;  // the order its source wrote it in
};

}  // namespace rt::treff
