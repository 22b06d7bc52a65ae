#include "core/time.hpp"

#include <date/date.h>
#include <date/tz.h>
#include <fmt/format.h>

namespace rt::tid {
namespace {

using namespace std::chrono;

const date::time_zone* oslo() {
    static const date::time_zone* zone = date::locate_zone("Europe/Oslo");
    return zone;
}

bool digits(std::string_view s, std::size_t pos, std::size_t n, int& out) {
    if (pos + n > s.size()) return false;
    out = 0;
    for (std::size_t i = pos; i < pos + n; ++i) {
        if (s[i] < '0' || s[i] > '9') return false;
        out = out * 10 + (s[i] - '0');
    }
    return true;
}

date::local_time<microseconds> oslo_local(Instant t) { return oslo()->to_local(t); }

}  // namespace

std::optional<Instant> parse_iso(std::string_view s) {
    int y, mo, d, h, mi, sec;
    if (!digits(s, 0, 4, y) || s.size() < 19 || s[4] != '-' || !digits(s, 5, 2, mo) || s[7] != '-' ||
        !digits(s, 8, 2, d) || (s[10] != 'T' && s[10] != ' ') || !digits(s, 11, 2, h) || s[13] != ':' ||
        !digits(s, 14, 2, mi) || s[16] != ':' || !digits(s, 17, 2, sec))
        return std::nullopt;
    std::size_t pos = 19;
    long long micros = 0;
    if (pos < s.size() && s[pos] == '.') {
        ++pos;
        int n = 0;
        while (pos < s.size() && s[pos] >= '0' && s[pos] <= '9') {
            if (n < 6) micros = micros * 10 + (s[pos] - '0');
            ++n;
            ++pos;
        }
        if (n == 0 || n > 9) return std::nullopt;
        for (int i = n; i < 6; ++i) micros *= 10;
    }
    auto ymd = date::year{y} / mo / d;
    // Year 1 to 9999 in UTC too: an offset can push 0001-01-01 into year 0, which PostgreSQL refuses.
    if (!ymd.ok() || y < 2 || y > 9998 || h > 23 || mi > 59 || sec > 59) return std::nullopt;
    auto local = date::local_days{ymd} + hours{h} + minutes{mi} + seconds{sec} + microseconds{micros};
    if (pos == s.size()) {
        auto info = oslo()->get_info(local);
        switch (info.result) {
            case date::local_info::unique: return Instant(local.time_since_epoch() - info.first.offset);
            case date::local_info::ambiguous: return Instant(local.time_since_epoch() - info.first.offset);
            case date::local_info::nonexistent: return Instant(local.time_since_epoch() - info.first.offset);
        }
    }
    if (s[pos] == 'Z' && pos + 1 == s.size()) return Instant(local.time_since_epoch());
    if (s[pos] != '+' && s[pos] != '-') return std::nullopt;
    int sign = s[pos] == '-' ? -1 : 1, oh = 0, om = 0;
    ++pos;
    if (!digits(s, pos, 2, oh)) return std::nullopt;
    pos += 2;
    if (pos < s.size()) {
        if (s[pos] == ':') ++pos;
        if (!digits(s, pos, 2, om) || pos + 2 != s.size()) return std::nullopt;
    }
    if (oh > 18 || om > 59) return std::nullopt;
    return Instant(local.time_since_epoch() - sign * (hours{oh} + minutes{om}));
}

std::string format_utc(Instant t) { return date::format("%FT%TZ", t); }

namespace {
std::string offset_text(Instant t) {
    auto info = oslo()->get_info(t);
    auto m = duration_cast<minutes>(info.offset).count();
    return fmt::format("{}{:02}:{:02}", m < 0 ? '-' : '+', std::abs(m) / 60, std::abs(m) % 60);
}
}  // namespace

std::string format_oslo(Instant t) {
    return date::format("%FT%T", floor<seconds>(oslo_local(t))) + offset_text(t);
}

std::string format_oslo_millis(Instant t) {
    return date::format("%FT%T", floor<milliseconds>(oslo_local(t))) + offset_text(t);
}

std::string format_oslo_local(Instant t) { return date::format("%FT%T", oslo_local(t)); }

std::string oslo_date(Instant t) { return date::format("%F", floor<date::days>(oslo_local(t))); }

OsloTime oslo_parts(Instant t) {
    auto local = oslo_local(t);
    auto day = floor<date::days>(local);
    date::year_month_day ymd{day};
    date::hh_mm_ss hms{floor<minutes>(local - day)};
    return {int(ymd.year()), int(unsigned(ymd.month())), int(unsigned(ymd.day())), int(hms.hours().count()),
            int(hms.minutes().count())};
}

}  // namespace rt::tid
