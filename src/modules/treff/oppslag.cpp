#include "modules/treff/oppslag.hpp"

#include "modules/treff/treff_repository.hpp"

namespace rt::treff {

std::optional<Treff> finn(pg::Connection& c, std::string_view id, Las las) { return treff_repo::find(c, id, las); }
Treff krev(pg::Connection& c, std::string_view id, Las las) { return treff_repo::krev(c, id, las); }
std::vector<Treff> finn_mange(pg::Connection& c, const std::vector<std::string>& ider) { return treff_repo::find_many(c, ider); }

}  // namespace rt::treff
