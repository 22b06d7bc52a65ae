#pragma once
// SQL for rekrutteringstreff. Callers own the transaction.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "infra/pg/connection.hpp"
#include "modules/treff/model.hpp"
#include "modules/treff/oppslag.hpp"

namespace rt::treff::treff_repo {

using treff::Las;

void insert(pg::Connection& c, const Treff& t);
// Any status, SLETTET too (it still reads; every write to it is refused by its status).
// Without the participants' counts.
std::optional<Treff> find(pg::Connection& c, std::string_view id, Las las = Las::ingen);
// The same, or a 404 Problem.
Treff krev(pg::Connection& c, std::string_view id, Las las = Las::ingen);
std::vector<Treff> find_many(pg::Connection& c, const std::vector<std::string>& ids);
// The fields a PUT sets, and sist_endret/sist_endret_av.
void update_fields(pg::Connection& c, const Treff& t);
// `avlyst_fra` is the status a cancellation leaves (null for every other status).
void set_status(pg::Connection& c, std::string_view id, std::string_view status, const std::optional<std::string>& avlyst_fra,
                Instant when, std::string_view by);
void set_eiere(pg::Connection& c, std::string_view id, const std::vector<std::string>& eiere);
// Published meetings whose tilTid is before `now`, earliest first.
std::vector<std::string> publiserte_avsluttet_for(pg::Connection& c, Instant now);

}  // namespace rt::treff::treff_repo
