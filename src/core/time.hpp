#pragma once
// Instants in and out of text. Everything we show people is Europe/Oslo local time, with its
// daylight-saving rules from the system time-zone database; instants are stored in UTC.
#include <optional>
#include <string>
#include <string_view>

#include "core/clock.hpp"

namespace rt::tid {

// ISO-8601 date-time, years 1 to 9999 with offsets from -18:00 to +18:00 (every such instant
// fits in a PostgreSQL timestamptz, though with an extreme offset its UTC year may be 0 or
// 10000: see format_database): `2025-10-01T08:00:00`, optional fraction (up to 9 digits, kept
// to microseconds), then `Z`, `+02:00`, `+0200`, `+02` or nothing. A space may stand for `T`.
// Without an offset the time is Europe/Oslo local time; a time that is skipped by the spring
// change is moved forward, and an ambiguous autumn time takes the earlier instant.
std::optional<Instant> parse_iso(std::string_view text);

// `2025-10-01T06:00:00.123456Z`, for logs (and the database, for years 1 and later).
std::string format_utc(Instant t);
// An instant as PostgreSQL reads it, for any year a timestamptz holds: format_utc, with years
// before 1 written the database's way (`0001-12-31T06:00:00Z BC` for the proleptic year 0).
std::string format_database(Instant t);
// A timestamptz as PostgreSQL writes it (ISO DateStyle): years of five digits and ` BC` too.
std::optional<Instant> parse_database(std::string_view text);
// `2025-10-01T08:00:00+02:00` (whole seconds), the API's and the rapid's format.
std::string format_oslo(Instant t);
// `2025-10-01T08:00:00.123+02:00` (milliseconds), for endretTidspunkt.
std::string format_oslo_millis(Instant t);
// `2025-10-01T08:00:00.123456` without offset, the rapid's @opprettet format.
std::string format_oslo_local(Instant t);
// `2025-10-01`: the Oslo calendar date.
std::string oslo_date(Instant t);

struct OsloTime {
    int year, month, day, hour, minute;
};
OsloTime oslo_parts(Instant t);

}  // namespace rt::tid
