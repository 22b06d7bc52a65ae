#pragma once
// Public: how other modules read a meeting, in their own transaction (so that a job seeker's
// change can hold the meeting's row lock while it is made). Never through the table.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "infra/pg/connection.hpp"
#include "modules/treff/model.hpp"

namespace rt::treff {

enum class Las {
    ingen,
    del,       // FOR SHARE: an answer; conflicts with status changes, not with other answers
    oppdater,  // FOR UPDATE: status changes and edits of one meeting happen one at a time
};

// Any status, SLETTET too. Without the participants' counts.
std::optional<Treff> finn(pg::Connection& c, std::string_view id, Las las = Las::ingen);
// The same, or a 404 Problem.
Treff krev(pg::Connection& c, std::string_view id, Las las = Las::ingen);
// The meetings among `ider` that exist, in no particular order.
std::vector<Treff> finn_mange(pg::Connection& c, const std::vector<std::string>& ider);

}  // namespace rt::treff
