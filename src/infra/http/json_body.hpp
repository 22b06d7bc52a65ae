#pragma once
// Reading JSON request bodies. Every failure is a 400 Problem naming the field, so handlers can
// read fields in one line each and never see a half-valid body.
#include <boost/json.hpp>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "core/clock.hpp"
#include "infra/http/message.hpp"

namespace rt::http {

boost::json::value parse_body(const Request& request);
// An empty body counts as {}.
boost::json::object parse_object_body(const Request& request);
const boost::json::array& body_array(const boost::json::value& body);

const boost::json::object& object_field(const boost::json::value& v, std::string_view what);
std::string required_string(const boost::json::object& o, std::string_view key);
// Text fields never hold U+0000 (PostgreSQL text cannot store it).
std::optional<std::string> optional_string(const boost::json::object& o, std::string_view key);
std::optional<std::int64_t> optional_int(const boost::json::object& o, std::string_view key);
std::optional<bool> optional_bool(const boost::json::object& o, std::string_view key);
// Text of at most `max` characters (UTF-8 code points); `non_empty` refuses "" and blanks.
std::optional<std::string> tekstfelt(const boost::json::object& o, std::string_view key, std::size_t max, bool non_empty);
// An ISO-8601 instant with offset, when present.
std::optional<Instant> tidsfelt(const boost::json::object& o, std::string_view key);
// Absent or null: nothing; present: an array of strings.
std::optional<std::vector<std::string>> optional_string_array(const boost::json::object& o, std::string_view key);

// A {name} path parameter that must be a UUID (400 otherwise); canonical lower case.
std::string uuid_param(const Request& r, std::string_view name);
// An instant as the API shows it (Europe/Oslo offset), or null.
boost::json::value tid_json(const std::optional<Instant>& t);

}  // namespace rt::http
