#pragma once
// SQL for rekrutteringstreff. Callers own the transaction.
#include <optional>
#include <string_view>

#include "infra/pg/connection.hpp"
#include "modules/jobbsoker/model.hpp"

namespace rt::jobbsoker::treff_repo {

void insert(pg::Connection& c, const Treff& t);
// With the counts of visible job seekers; a SLETTET meeting is not found. `lock` takes the row
// lock, so that status changes of one meeting happen one at a time.
std::optional<Treff> find(pg::Connection& c, std::string_view id, bool lock = false);
void update_fields(pg::Connection& c, const Treff& t);
void set_status(pg::Connection& c, std::string_view id, std::string_view status, Instant when, std::string_view by);

}  // namespace rt::jobbsoker::treff_repo
