#pragma once
// Shared by the module's HTTP handlers: who is calling, path ids, and field checks whose
// failures are 400 problems naming the field (never echoing a fødselsnummer).
#include <initializer_list>
#include <optional>
#include <string>

#include "core/clock.hpp"
#include "infra/auth/authenticator.hpp"
#include "infra/http/json_body.hpp"
#include "modules/jobbsoker/tilgang.hpp"

namespace rt::jobbsoker {

// The caller as a counsellor with one of `roller` (401 without a valid token, 403 otherwise).
auth::Principal veileder(const auth::Authenticator& auth, const http::Request& r, std::initializer_list<Role> roller);
auth::Principal borger(const auth::Authenticator& auth, const http::Request& r);

// A {name} path parameter that must be a UUID (400 otherwise).
std::string path_uuid(const http::Request& r, std::string_view name);

// Text of at most `max` characters (UTF-8 code points); `non_empty` refuses "" and blanks.
std::optional<std::string> tekstfelt(const boost::json::object& o, std::string_view key, std::size_t max, bool non_empty);
std::optional<Instant> tidsfelt(const boost::json::object& o, std::string_view key);

// Every read of a meeting's job seekers leaves an audit line.
void audit(const auth::Principal& p, const http::Request& r, const std::string& treff_id);

}  // namespace rt::jobbsoker
