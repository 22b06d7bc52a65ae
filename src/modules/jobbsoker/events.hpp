#pragma once
// The job seeker module's public bus events. The relay publishes HendelserVidereformidlet (in
// event order, visible job seekers only) before it marks the events delivered; a subscriber's
// exception keeps them undelivered, so subscribers must be idempotent on hendelse_id.
// AktivitetskortFeilet is published by others and handled here.
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "core/clock.hpp"

namespace rt::jobbsoker {

struct TreffInfo {
    std::string id;
    std::string tittel;
    std::optional<std::string> beskrivelse;
    std::optional<Instant> fra_tid, til_tid, svarfrist;
    std::optional<std::string> gateadresse, postnummer, poststed;
};

// INVITERT
struct Invitert {
    std::string hendelse_id;
    std::string fnr;
    TreffInfo treff;
    std::string invitert_av;  // NAV ident
    Instant tidspunkt;
};

// The answers, on-behalf answers, a removed answer and the meeting's fate (SVART_*, SVAR_*,
// IKKE_SVART_*), as rekrutteringstreffSvarOgStatus.
struct SvarOgStatus {
    std::string hendelse_id;
    std::string fnr;
    std::string treff_id;
    std::optional<bool> svar;
    std::optional<std::string> treffstatus;  // "avlyst" or "fullført"
    std::string endret_av;                   // the citizen's fnr, the counsellor's NAV ident, or SYSTEM
    bool endret_av_personbruker = false;
    Instant tidspunkt;
    std::string hendelsestype;  // the job seeker event it comes from
    std::string aktortype;      // ARRANGØR, JOBBSØKER or SYSTEM
};

// TREFF_ENDRET_ETTER_PUBLISERING (every invited job seeker: the card follows the meeting) and
// TREFF_ENDRET_ETTER_PUBLISERING_NOTIFIKASJON (those who said yes: they are notified).
struct TreffEndret {
    std::string hendelse_id;
    std::string fnr;
    TreffInfo treff;
    std::string endret_av;
    std::optional<std::vector<std::string>> endrede_felter;  // the notification only
    Instant tidspunkt;
    std::string hendelsestype;
};

using VidereformidletHendelse = std::variant<Invitert, SvarOgStatus, TreffEndret>;

struct HendelserVidereformidlet {
    std::vector<VidereformidletHendelse> hendelser;
};

// The activity plan refused a card: the job seeker gets AKTIVITETSKORT_OPPRETTELSE_FEIL.
struct AktivitetskortFeilet {
    std::string treff_id;
    std::string fnr;
    std::string aktor;      // the refused version's endretAv ident
    std::string aktortype;  // ARRANGØR, JOBBSØKER or SYSTEM
    std::string message_id;
    std::string error_type;
};

}  // namespace rt::jobbsoker
