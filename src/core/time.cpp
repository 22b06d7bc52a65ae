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

namespace {

// The date-time grammar of parse_iso, and PostgreSQL's output of a timestamptz (which may have a
// year of more than four digits, and " BC" for years before 1). `from_database` allows those.
std::optional<Instant> parse(std::string_view s, bool from_database) {
    bool bc = false;
    if (from_database && s.ends_with(" BC")) {
        bc = true;
        s.remove_suffix(3);
    }
    std::size_t wide = 0;  // year digits beyond four
    while (from_database && 4 + wide < s.size() && wide < 2 && s[4 + wide] >= '0' && s[4 + wide] <= '9') ++wide;
    int y = 0, y_extra = 0, mo, d, h, mi, sec;
    if (!digits(s, 0, 4, y) || (wide && !digits(s, 4, wide, y_extra))) return std::nullopt;
    for (std::size_t i = 0; i < wide; ++i) y *= 10;
    y += y_extra;
    s.remove_prefix(wide);  // positions below are those of a four-digit year
    if (s.size() < 19 || s[4] != '-' || !digits(s, 5, 2, mo) || s[7] != '-' || !digits(s, 8, 2, d) ||
        (s[10] != 'T' && s[10] != ' ') || !digits(s, 11, 2, h) || s[13] != ':' || !digits(s, 14, 2, mi) || s[16] != ':' ||
        !digits(s, 17, 2, sec))
        return std::nullopt;
    if (bc) y = 1 - y;  // 1 BC is the proleptic year 0
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
    if (!ymd.ok() || h > 23 || mi > 59 || sec > 59) return std::nullopt;
    if (!from_database && (y < 1 || y > 9999)) return std::nullopt;
    auto local = date::local_days{ymd} + hours{h} + minutes{mi} + seconds{sec} + microseconds{micros};
    if (pos == s.size()) {
        if (from_database) return std::nullopt;  // always with an offset
        auto info = oslo()->get_info(local);
        switch (info.result) {
            case date::local_info::unique: return Instant(local.time_since_epoch() - info.first.offset);
            case date::local_info::ambiguous: return Instant(local.time_since_epoch() - info.first.offset);
            case date::local_info::nonexistent: return Instant(local.time_since_epoch() - info.first.offset);
        }
    }
    if (s[pos] == 'Z' && pos + 1 == s.size()) return Instant(local.time_since_epoch());
    if (s[pos] != '+' && s[pos] != '-') return std::nullopt;
    int sign = s[pos] == '-' ? -1 : 1, oh = 0, om = 0, os = 0;
    ++pos;
    if (!digits(s, pos, 2, oh)) return std::nullopt;
    pos += 2;
    if (pos < s.size()) {
        if (s[pos] == ':') ++pos;
        if (!digits(s, pos, 2, om)) return std::nullopt;
        pos += 2;
        // PostgreSQL writes the seconds of an offset that has them (local mean time).
        if (from_database && pos < s.size() && s[pos] == ':' && digits(s, pos + 1, 2, os)) pos += 3;
        if (pos != s.size()) return std::nullopt;
    }
    if (oh > 18 || om > 59 || (oh == 18 && om > 0)) return std::nullopt;
    return Instant(local.time_since_epoch() - sign * (hours{oh} + minutes{om} + seconds{os}));
}

}  // namespace

std::optional<Instant> parse_iso(std::string_view s) { return parse(s, false); }

std::optional<Instant> parse_database(std::string_view s) { return parse(s, true); }

std::string format_database(Instant t) {
    auto day = floor<date::days>(t);
    date::year_month_day ymd{day};
    int y = int(ymd.year());
    if (y >= 1) return format_utc(t);
    // PostgreSQL reads no year 0 or negative years: the proleptic year 0 is 1 BC.
    auto time = date::format("%T", t - day);
    return fmt::format("{:04}-{:02}-{:02}T{}Z BC", 1 - y, unsigned(ymd.month()), unsigned(ymd.day()), time);
}

std::string format_utc(Instant t) {
    auto day = floor<date::days>(t);
    date::year_month_day ymd{day};
    int y = int(ymd.year());
    // date::format goes through an ostringstream and its locale: a sixth of the service's CPU
    // in a visibility burst, where every event's time is written once as a parameter.
    if (y < 0 || y > 9999) return date::format("%FT%TZ", t);
    auto us = (t - day).count();
    auto s = us / 1'000'000;
    return fmt::format("{:04}-{:02}-{:02}T{:02}:{:02}:{:02}.{:06}Z", y, unsigned(ymd.month()), unsigned(ymd.day()), s / 3600,
                       s / 60 % 60, s % 60, us % 1'000'000);
}

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
