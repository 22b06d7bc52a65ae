#pragma once
// Shared by the module's HTTP handlers: field checks whose failures are 400 problems naming the
// field (never echoing a fødselsnummer).
#include <initializer_list>
#include <optional>
#include <string>

#include "core/clock.hpp"
#include "infra/auth/authenticator.hpp"
#include "infra/http/json_body.hpp"
#include "modules/jobbsoker/tilgang.hpp"

namespace rt::jobbsoker {

// Text of at most `max` characters (UTF-8 code points); `non_empty` refuses "" and blanks.
std::optional<std::string> tekstfelt(const boost::json::object& o, std::string_view key, std::size_t max, bool non_empty);
std::optional<Instant> tidsfelt(const boost::json::object& o, std::string_view key);

}  // namespace rt::jobbsoker
