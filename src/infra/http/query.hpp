#pragma once
// The query string of a request as name → value, percent-decoded ('+' is a space). A name given
// more than once has its values joined with ',' (so `a=x&a=y` reads as the list `a=x,y`).
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "infra/http/message.hpp"

namespace rt::http {

using QueryParams = std::map<std::string, std::string, std::less<>>;

// 400 on a malformed percent escape.
QueryParams query_params(const Request& r);
// A comma-separated list; absent or empty is nothing, empty items are dropped.
std::optional<std::vector<std::string>> query_list(const QueryParams& q, std::string_view name);

}  // namespace rt::http
