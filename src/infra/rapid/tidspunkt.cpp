#include "infra/rapid/tidspunkt.hpp"

#include <string>

#include "core/time.hpp"

namespace rt::rapid {
namespace {

// `yyyy-mm-ddThh:mm` followed by the end, an offset or `Z` (no seconds): the seconds are added.
bool uten_sekunder(std::string_view s) { return s.size() >= 16 && s[13] == ':' && (s.size() == 16 || s[16] != ':'); }

bool har_sone(std::string_view s) {
    // After the time of day (from position 19, or 16 without seconds), a sign or `Z` starts a zone.
    for (std::size_t i = 16; i < s.size(); ++i)
        if (s[i] == 'Z' || s[i] == '+' || s[i] == '-') return true;
    return false;
}

}  // namespace

std::optional<Instant> les_tidspunkt(std::string_view text) {
    if (text.size() < 16 || text[10] != 'T') return std::nullopt;
    if (!uten_sekunder(text)) return tid::parse_iso(text);
    std::string med(text.substr(0, 16));
    med += ":00";
    med += text.substr(16);
    return tid::parse_iso(med);
}

std::optional<Instant> les_lokal_tid(std::string_view text) {
    if (text.size() < 16 || har_sone(text)) return std::nullopt;
    return les_tidspunkt(text);
}

}  // namespace rt::rapid
