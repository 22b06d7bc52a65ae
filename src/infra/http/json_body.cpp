#include "infra/http/json_body.hpp"

#include <fmt/format.h>

#include "core/errors.hpp"
#include "core/ids.hpp"
#include "core/time.hpp"

namespace rt::http {

boost::json::value parse_body(const Request& request) {
    boost::system::error_code ec;
    auto v = boost::json::parse(request.body, ec);
    if (ec) throw bad_request(fmt::format("ugyldig JSON: {}", ec.message()));
    return v;
}

boost::json::object parse_object_body(const Request& request) {
    if (request.body.find_first_not_of(" \t\r\n") == std::string::npos) return {};
    auto v = parse_body(request);
    return object_field(v, "body");
}

const boost::json::array& body_array(const boost::json::value& body) {
    if (!body.is_array()) throw bad_request("body må være en JSON-liste");
    return body.as_array();
}

const boost::json::object& object_field(const boost::json::value& v, std::string_view what) {
    if (!v.is_object()) throw bad_request(fmt::format("{} må være et JSON-objekt", what));
    return v.as_object();
}

std::optional<std::string> optional_string(const boost::json::object& o, std::string_view key) {
    auto it = o.find(key);
    if (it == o.end() || it->value().is_null()) return std::nullopt;
    if (!it->value().is_string()) throw bad_request(fmt::format("feltet '{}' må være en tekst", key));
    std::string_view v = it->value().as_string();
    // PostgreSQL text cannot hold U+0000; storing it would silently cut the text there.
    if (v.find('\0') != std::string_view::npos) throw bad_request(fmt::format("feltet '{}' kan ikke inneholde NUL-tegn", key));
    return std::string(v);
}

std::string required_string(const boost::json::object& o, std::string_view key) {
    auto v = optional_string(o, key);
    if (!v) throw bad_request(fmt::format("feltet '{}' mangler", key));
    return *v;
}

std::optional<std::int64_t> optional_int(const boost::json::object& o, std::string_view key) {
    auto it = o.find(key);
    if (it == o.end() || it->value().is_null()) return std::nullopt;
    const auto& v = it->value();
    if (v.is_int64()) return v.as_int64();
    if (v.is_uint64() && v.as_uint64() <= static_cast<std::uint64_t>(INT64_MAX)) return static_cast<std::int64_t>(v.as_uint64());
    throw bad_request(fmt::format("feltet '{}' må være et heltall", key));
}

std::optional<bool> optional_bool(const boost::json::object& o, std::string_view key) {
    auto it = o.find(key);
    if (it == o.end() || it->value().is_null()) return std::nullopt;
    if (!it->value().is_bool()) throw bad_request(fmt::format("feltet '{}' må være true eller false", key));
    return it->value().as_bool();
}

std::optional<std::vector<std::string>> optional_string_array(const boost::json::object& o, std::string_view key) {
    auto it = o.find(key);
    if (it == o.end() || it->value().is_null()) return std::nullopt;
    if (!it->value().is_array()) throw bad_request(fmt::format("feltet '{}' må være en liste", key));
    std::vector<std::string> out;
    for (const auto& e : it->value().as_array()) {
        if (!e.is_string()) throw bad_request(fmt::format("feltet '{}' må være en liste av tekster", key));
        if (std::string_view(e.as_string()).find('\0') != std::string_view::npos)
            throw bad_request(fmt::format("feltet '{}' kan ikke inneholde NUL-tegn", key));
        out.emplace_back(e.as_string());
    }
    return out;
}

std::string uuid_param(const Request& r, std::string_view name) {
    auto id = parse_uuid(r.param(name));
    if (!id) throw bad_request(fmt::format("{} er ikke en UUID", name));
    return *id;
}

boost::json::value tid_json(const std::optional<Instant>& t) {
    if (!t) return nullptr;
    return boost::json::string(tid::format_oslo(*t));
}

std::optional<std::string> tekstfelt(const boost::json::object& o, std::string_view key, std::size_t max, bool non_empty) {
    auto v = http::optional_string(o, key);
    if (!v) return v;
    std::size_t chars = 0;
    for (unsigned char c : *v)
        if ((c & 0xC0) != 0x80) ++chars;
    if (chars > max) throw bad_request(fmt::format("feltet '{}' kan ha høyst {} tegn", key, max));
    if (non_empty && v->find_first_not_of(" \t\r\n") == std::string::npos)
        throw bad_request(fmt::format("feltet '{}' kan ikke være tomt", key));
    return v;
}

std::optional<Instant> tidsfelt(const boost::json::object& o, std::string_view key) {
    auto v = http::optional_string(o, key);
    if (!v) return std::nullopt;
    auto t = tid::parse_iso(*v);
    if (!t) throw bad_request(fmt::format("feltet '{}' er ikke et ISO-8601-tidspunkt", key));
    return t;
}

}  // namespace rt::http
