#pragma once
// SQL for innlegg. Callers own the transaction.
#include <optional>
#include <string_view>
#include <vector>

#include "infra/pg/connection.hpp"
#include "modules/treff/innlegg.hpp"

namespace rt::treff::innlegg_repo {

void insert(pg::Connection& c, const Innlegg& i);
// The fields of a PUT (or an overwrite) and sist_oppdatert_tidspunkt.
void update(pg::Connection& c, const Innlegg& i);
// Oldest first.
std::vector<Innlegg> for_treff(pg::Connection& c, std::string_view treff_id);
// Only if it belongs to the meeting.
std::optional<Innlegg> find(pg::Connection& c, std::string_view treff_id, std::string_view id);
bool remove(pg::Connection& c, std::string_view treff_id, std::string_view id);

}  // namespace rt::treff::innlegg_repo
