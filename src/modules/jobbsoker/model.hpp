#pragma once
// The job seekers' domain: job seekers on a meeting and their events, as plain structs. The
// meeting itself is the meeting module's (modules/treff/model.hpp).
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/clock.hpp"
#include "modules/treff/model.hpp"

namespace rt::jobbsoker {

using treff::Aktor;
using treff::Treff;
using treff::TreffHendelse;
namespace aktortype = treff::aktortype;
namespace ressurs = treff::ressurs;
namespace treffhendelsestype = treff::treffhendelsestype;
namespace treffstatus = treff::treffstatus;

namespace status {
inline constexpr std::string_view lagt_til = "LAGT_TIL", invitert = "INVITERT", svart_ja = "SVART_JA",
                                  svart_nei = "SVART_NEI", slettet = "SLETTET";
inline constexpr std::string_view alle_synlige[] = {lagt_til, invitert, svart_ja, svart_nei};
// Invited, answered or not: those a meeting's fate and changes concern.
inline constexpr std::string_view inviterte[] = {invitert, svart_ja, svart_nei};
inline bool er_invitert(std::string_view s) { return s == invitert || s == svart_ja || s == svart_nei; }
}  // namespace status

namespace hendelsestype {
inline constexpr std::string_view opprettet = "OPPRETTET", oppdatert = "OPPDATERT", slettet = "SLETTET",
                                  invitert = "INVITERT", svart_ja = "SVART_JA_TIL_INVITASJON",
                                  svart_nei = "SVART_NEI_TIL_INVITASJON",
                                  svart_ja_av_eier = "SVART_JA_TIL_INVITASJON_AV_EIER",
                                  svart_nei_av_eier = "SVART_NEI_TIL_INVITASJON_AV_EIER",
                                  svar_fjernet_av_eier = "SVAR_FJERNET_AV_EIER",
                                  svart_ja_avlyst = "SVART_JA_TREFF_AVLYST",
                                  svart_ja_fullfort = "SVART_JA_TREFF_FULLFØRT",
                                  ikke_svart_avlyst = "IKKE_SVART_TREFF_AVLYST",
                                  ikke_svart_fullfort = "IKKE_SVART_TREFF_FULLFØRT",
                                  aktivitetskort_feil = "AKTIVITETSKORT_OPPRETTELSE_FEIL",
                                  minside_svar = "MOTTATT_SVAR_FRA_MINSIDE",
                                  treff_endret = "TREFF_ENDRET_ETTER_PUBLISERING",
                                  treff_endret_notifikasjon = "TREFF_ENDRET_ETTER_PUBLISERING_NOTIFIKASJON";
// The events that become rapid messages (messages.md) and therefore pass through the outbox.
inline constexpr std::string_view videreformidles[] = {
    invitert,          svart_ja,          svart_nei,         svart_ja_av_eier,    svart_nei_av_eier, svar_fjernet_av_eier,
    svart_ja_avlyst,   svart_ja_fullfort, ikke_svart_avlyst, ikke_svart_fullfort, treff_endret,      treff_endret_notifikasjon};
}  // namespace hendelsestype

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
