#pragma once
// SQL for jobbsoker, jobbsoker_hendelse and the outbox. Callers own the transaction. Every read
// made for an API response sees visible (er_synlig) rows only.
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "infra/pg/connection.hpp"
#include "modules/jobbsoker/model.hpp"

namespace rt::jobbsoker::jobbsoker_repo {

struct NyJobbsoker {
    std::string fodselsnummer, fornavn, etternavn;
    std::optional<std::string> lagt_til_av_navn;
};

// Adds those whose fnr is not on the meeting yet, and brings back removed ones (as LAGT_TIL,
// same personTreffId); returns those rows. Someone already on the meeting is left as is.
std::vector<Jobbsoker> insert(pg::Connection& c, std::string_view treff_id, const std::vector<NyJobbsoker>& nye, Instant now);

// Writes the events (one timestamp for all) and puts those that become rapid messages in the
// outbox, in the same transaction.
void insert_hendelser(pg::Connection& c, const std::vector<NyHendelse>& hendelser, Instant now);

// Visible, not deleted, with their events.
std::vector<Jobbsoker> list_synlige(pg::Connection& c, std::string_view treff_id);

struct Sok {
    std::optional<std::string> fritekst;
    std::vector<std::string> statuser;
    long long side = 1;
    long long antall_per_side = 25;
};
struct SokResultat {
    std::vector<Jobbsoker> jobbsokere;
    long long totalt = 0;
    long long antall_skjulte = 0;
    std::map<std::string, long long> antall_per_status;
};
SokResultat sok(pg::Connection& c, std::string_view treff_id, const Sok& sok);

// One job seeker of the meeting, visible or not, deleted or not (callers decide). `lock` takes
// the row lock so that concurrent changes to one job seeker happen one after the other.
std::optional<Jobbsoker> find(pg::Connection& c, std::string_view treff_id, std::string_view id, bool lock = false);
std::optional<Jobbsoker> find_by_fnr(pg::Connection& c, std::string_view treff_id, std::string_view fnr, bool lock = false);

// The ids among `ids` that are on the meeting, visible and not deleted.
std::vector<std::string> synlige_av(pg::Connection& c, std::string_view treff_id, const std::vector<std::string>& ids);

// Moves the given rows from `fra` to `til`; returns the ids that moved (rows already moved by a
// concurrent transaction are not returned, so their event is written once).
std::vector<std::string> flytt_status(pg::Connection& c, const std::vector<std::string>& ids, std::string_view fra,
                                      std::string_view til);
void sett_status(pg::Connection& c, std::string_view id, std::string_view status);

// Ids of the meeting's job seekers with one of the statuses, visible or not, in the order they
// were added.
std::vector<std::string> med_status(pg::Connection& c, std::string_view treff_id, const std::vector<std::string_view>& statuser);
long long antall_ikke_slettet(pg::Connection& c, std::string_view treff_id);

// Visible, not deleted job seekers, and those of them who said yes: the counts of the meetings'
// JSON, per meeting id (a meeting with none is absent).
struct Antall {
    long long synlige = 0;
    long long svart_ja = 0;
};
std::map<std::string, Antall> antall_synlige(pg::Connection& c, const std::vector<std::string>& treff_ider);

// One job seeker's events, newest first.
std::vector<Hendelse> hendelser(pg::Connection& c, std::string_view jobbsoker_id);

struct HendelseMedPerson {
    Hendelse hendelse;
    std::string fodselsnummer, fornavn, etternavn;
    long long rekkefolge = 0;
};
// Events of the meeting's visible job seekers, newest first.
std::vector<HendelseMedPerson> hendelser_for_treff(pg::Connection& c, std::string_view treff_id);

// True if the job seeker has an event of this type whose data has these values at these keys.
bool har_hendelse_med(pg::Connection& c, std::string_view jobbsoker_id, std::string_view type,
                      const std::string& data_subset_json);

}  // namespace rt::jobbsoker::jobbsoker_repo
