#pragma once
// SQL for rekrutteringstreff. Callers own the transaction.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "infra/pg/connection.hpp"
#include "modules/jobbsoker/treff_model.hpp"

namespace rt::jobbsoker::treff_repo {

enum class Las {
    ingen,
    del,       // FOR SHARE: an answer; conflicts with status changes, not with other answers
    oppdater,  // FOR UPDATE: status changes and edits of one meeting happen one at a time
};

void insert(pg::Connection& c, const Treff& t);
// Any status, SLETTET too (it still reads; every write to it is refused by its status).
// Without the participants' counts.
std::optional<Treff> find(pg::Connection& c, std::string_view id, Las las = Las::ingen);
// The same, or a 404 Problem.
Treff krev(pg::Connection& c, std::string_view id, Las las = Las::ingen);
// The fields a PUT sets, and sist_endret/sist_endret_av.
void update_fields(pg::Connection& c, const Treff& t);
// `avlyst_fra` is the status a cancellation leaves (null for every other status).
void set_status(pg::Connection& c, std::string_view id, std::string_view status, const std::optional<std::string>& avlyst_fra,
                Instant when, std::string_view by);
// Published meetings whose tilTid is before `now`, earliest first.
std::vector<std::string> publiserte_avsluttet_for(pg::Connection& c, Instant now);

}  // namespace rt::jobbsoker::treff_repo
