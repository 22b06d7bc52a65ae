#include "infra/rapid/tidspunkt.hpp"

#include <date/date.h>
#include <date/tz.h>

#include <string>

#include "core/time.hpp"

namespace rt::rapid {
namespace {

using namespace std::chrono;

// `yyyy-mm-ddThh:mm` followed by the end, an offset or `Z` (no seconds): the seconds are added.
bool uten_sekunder(std::string_view s) { return s.size() >= 16 && s[13] == ':' && (s.size() == 16 || s[16] != ':'); }

bool har_sone(std::string_view s) {
    // After the time of day (from position 16), a sign or `Z` starts a zone.
    for (std::size_t i = 16; i < s.size(); ++i)
        if (s[i] == 'Z' || s[i] == '+' || s[i] == '-') return true;
    return false;
}

bool tall(std::string_view s, std::size_t pos, std::size_t n, int& out) {
    out = 0;
    for (std::size_t i = pos; i < pos + n; ++i) {
        if (s[i] < '0' || s[i] > '9') return false;
        out = out * 10 + (s[i] - '0');
    }
    return true;
}

// Every river that uses @opprettet reads one per message, nearly always a local time in the
// same stretch of Oslo's time between two daylight-saving changes. Remember that stretch (less a
// day at each end, so no local time near a change is decided here) and its offset; everything
// else goes to tid::parse_iso, which decides the changes.
struct Strekning {
    date::local_seconds fra{}, til{};
    seconds offset{};
};
thread_local Strekning t_strekning;

// `yyyy-mm-ddThh:mm:ss` with 0 to 9 decimals and nothing after, inside the remembered stretch.
std::optional<Instant> lokal_fra_husket(std::string_view s) {
    if (s.size() < 19 || s.size() > 29 || s[4] != '-' || s[7] != '-' || s[10] != 'T' || s[13] != ':' || s[16] != ':')
        return std::nullopt;
    int y, mo, d, h, mi, se;
    if (!tall(s, 0, 4, y) || !tall(s, 5, 2, mo) || !tall(s, 8, 2, d) || !tall(s, 11, 2, h) || !tall(s, 14, 2, mi) ||
        !tall(s, 17, 2, se) || h > 23 || mi > 59 || se > 59)
        return std::nullopt;
    long long micros = 0;
    if (s.size() > 19) {
        if (s[19] != '.' || s.size() == 20) return std::nullopt;
        for (std::size_t i = 20; i < s.size(); ++i) {
            if (s[i] < '0' || s[i] > '9') return std::nullopt;
            if (i < 26) micros = micros * 10 + (s[i] - '0');
        }
        for (std::size_t i = s.size(); i < 26; ++i) micros *= 10;
    }
    auto ymd = date::year{y} / mo / d;
    if (!ymd.ok()) return std::nullopt;
    auto lokal = date::local_days{ymd} + hours{h} + minutes{mi} + seconds{se};
    if (lokal < t_strekning.fra || lokal >= t_strekning.til) return std::nullopt;
    return Instant(duration_cast<microseconds>(lokal.time_since_epoch() - t_strekning.offset) + microseconds{micros});
}

void husk_strekning(Instant t) {
    static const date::time_zone* oslo = date::locate_zone("Europe/Oslo");
    auto info = oslo->get_info(t);
    // Only bounded stretches (before 1895 and after the last rule they are not), and long ones.
    const date::sys_seconds tidlig{date::sys_days{date::year{1900} / 1 / 1}}, sent{date::sys_days{date::year{9000} / 1 / 1}};
    if (info.begin <= tidlig || info.end >= sent || info.end - info.begin < days{3}) return;
    t_strekning.offset = duration_cast<seconds>(info.offset);
    t_strekning.fra = date::local_seconds{(info.begin + days{1}).time_since_epoch() + t_strekning.offset};
    t_strekning.til = date::local_seconds{(info.end - days{1}).time_since_epoch() + t_strekning.offset};
}

}  // namespace

std::optional<Instant> les_tidspunkt(std::string_view text) {
    if (text.size() < 16 || text[10] != 'T') return std::nullopt;
    if (auto t = lokal_fra_husket(text)) return t;
    std::optional<Instant> t;
    if (!uten_sekunder(text)) {
        t = tid::parse_iso(text);
    } else {
        std::string med(text.substr(0, 16));
        med += ":00";
        med += text.substr(16);
        t = tid::parse_iso(med);
    }
    if (t && !har_sone(text)) husk_strekning(*t);
    return t;
}

std::optional<Instant> les_lokal_tid(std::string_view text) {
    if (text.size() < 16 || har_sone(text)) return std::nullopt;
    return les_tidspunkt(text);
}

}  // namespace rt::rapid
