#include "modules/jobbsoker/http_felles.hpp"

#include <fmt/format.h>

#include "core/errors.hpp"
#include "core/ids.hpp"
#include "core/time.hpp"
#include "infra/log.hpp"

namespace rt::jobbsoker {




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


}  // namespace rt::jobbsoker
