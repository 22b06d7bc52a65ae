#pragma once
// SQL for rekrutteringstreff. Callers own the transaction.
#include <optional>
#include <string_view>

#include "infra/pg/connection.hpp"
#include "modules/jobbsoker/model.hpp"

namespace rt::jobbsoker::treff_repo {

enum class Las {
    ingen,
    del,       // FOR SHARE: a citizen's answer; conflicts with status changes, not with other answers
    oppdater,  // FOR UPDATE: status changes and edits of one meeting happen one at a time
};

void insert(pg::Connection& c, const Treff& t);
// A SLETTET meeting is not found. Without the job seeker counts (see med_antall).
std::optional<Treff> find(pg::Connection& c, std::string_view id, Las las = Las::ingen);
// The same, or a 404 Problem.
Treff krev(pg::Connection& c, std::string_view id, Las las = Las::ingen);
// Fills in the counts of visible job seekers, for the meeting's JSON.
Treff med_antall(pg::Connection& c, Treff t);
void update_fields(pg::Connection& c, const Treff& t);
void set_status(pg::Connection& c, std::string_view id, std::string_view status, Instant when, std::string_view by);

}  // namespace rt::jobbsoker::treff_repo
