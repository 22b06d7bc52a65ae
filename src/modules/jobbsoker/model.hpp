#pragma once
// The job seeker module's domain: meetings, job seekers and their events, as plain structs.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/clock.hpp"

namespace rt::jobbsoker {

namespace treffstatus {
inline constexpr std::string_view utkast = "UTKAST", publisert = "PUBLISERT", avlyst = "AVLYST",
                                  fullfort = "FULLFØRT", slettet = "SLETTET";
}

namespace status {
inline constexpr std::string_view lagt_til = "LAGT_TIL", invitert = "INVITERT", svart_ja = "SVART_JA",
                                  svart_nei = "SVART_NEI", slettet = "SLETTET";
inline constexpr std::string_view alle_synlige[] = {lagt_til, invitert, svart_ja, svart_nei};
}  // namespace status

namespace hendelsestype {
inline constexpr std::string_view opprettet = "OPPRETTET", oppdatert = "OPPDATERT", slettet = "SLETTET",
                                  invitert = "INVITERT", svart_ja = "SVART_JA_TIL_INVITASJON",
                                  svart_nei = "SVART_NEI_TIL_INVITASJON", svart_ja_avlyst = "SVART_JA_TREFF_AVLYST",
                                  svart_ja_fullfort = "SVART_JA_TREFF_FULLFØRT",
                                  ikke_svart_avlyst = "IKKE_SVART_TREFF_AVLYST",
                                  ikke_svart_fullfort = "IKKE_SVART_TREFF_FULLFØRT",
                                  aktivitetskort_feil = "AKTIVITETSKORT_OPPRETTELSE_FEIL",
                                  minside_svar = "MOTTATT_SVAR_FRA_MINSIDE",
                                  treff_endret = "TREFF_ENDRET_ETTER_PUBLISERING_NOTIFIKASJON";
// The events that become rapid messages (messages.md) and therefore pass through the outbox.
inline constexpr std::string_view videreformidles[] = {invitert,          svart_ja,           svart_nei,
                                                       svart_ja_avlyst,   svart_ja_fullfort,  ikke_svart_avlyst,
                                                       ikke_svart_fullfort, treff_endret};
}  // namespace hendelsestype

namespace aktortype {
inline constexpr std::string_view arrangor = "ARRANGØR", jobbsoker = "JOBBSØKER", system = "SYSTEM";
}

struct Treff {
    std::string id;
    std::string tittel;
    std::optional<std::string> beskrivelse;
    std::optional<Instant> fra_tid, til_tid, svarfrist;
    std::optional<std::string> gateadresse, postnummer, poststed;
    std::string status;
    std::string opprettet_av;
    Instant opprettet_tidspunkt;
    std::vector<std::string> eiere;
    Instant sist_endret;
    std::string sist_endret_av;
    long long antall_jobbsokere = 0;
    long long antall_svart_ja = 0;
};

struct Hendelse {
    std::string id;
    std::string jobbsoker_id;
    Instant tidspunkt;
    std::string hendelsestype;
    std::string aktortype;
    std::optional<std::string> aktor;
    std::optional<std::string> data;  // JSON text
};

struct Jobbsoker {
    std::string id;  // personTreffId
    std::string treff_id;
    std::string fodselsnummer;
    std::string fornavn, etternavn;
    std::optional<std::string> lagt_til_av_navn;
    std::string status;
    bool er_synlig = true;
    std::vector<Hendelse> hendelser;  // newest first, when read with them
};

// A new event to write, for one job seeker.
struct NyHendelse {
    std::string jobbsoker_id;
    std::string_view hendelsestype;
    std::string_view aktortype;
    std::optional<std::string> aktor;
    std::optional<std::string> data;  // JSON text
};

}  // namespace rt::jobbsoker
