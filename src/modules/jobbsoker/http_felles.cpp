#include "modules/jobbsoker/http_felles.hpp"

#include <fmt/format.h>

#include "core/errors.hpp"
#include "core/ids.hpp"
#include "core/time.hpp"
#include "infra/log.hpp"

namespace rt::jobbsoker {

auth::Principal veileder(const auth::Authenticator& auth, const http::Request& r, std::initializer_list<Role> roller) {
    auto p = auth.authenticate(r);
    krev_veileder(p, roller);
    return p;
}

auth::Principal borger(const auth::Authenticator& auth, const http::Request& r) {
    auto p = auth.authenticate(r);
    krev_borger(p);
    return p;
}

std::string path_uuid(const http::Request& r, std::string_view name) {
    auto id = parse_uuid(r.param(name));
    if (!id) throw bad_request(fmt::format("{} er ikke en UUID", name));
    return *id;
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

void audit(const auth::Principal& p, const http::Request& r, const std::string& treff_id) {
    log::audit_access(p.nav_ident, treff_id, r.method, r.path);
}

}  // namespace rt::jobbsoker
