#include <catch2/catch.hpp>
#include <date/date.h>

#include <random>

#include "core/time.hpp"

using namespace rt;

TEST_CASE("ISO times with offset, Z, or none (= Europe/Oslo) give the right instant") {
    auto z = tid::parse_iso("2025-10-01T06:00:00Z");
    REQUIRE(z);
    REQUIRE(tid::format_utc(*z) == "2025-10-01T06:00:00.000000Z");
    REQUIRE(*tid::parse_iso("2025-10-01T08:00:00+02:00") == *z);
    REQUIRE(*tid::parse_iso("2025-10-01T08:00:00+0200") == *z);
    REQUIRE(*tid::parse_iso("2025-10-01 06:00:00+00") == *z);
    REQUIRE(*tid::parse_iso("2025-10-01T08:00:00") == *z);  // summer time in Oslo: +02:00
    REQUIRE(tid::format_utc(*tid::parse_iso("2025-01-15T08:00:00")) == "2025-01-15T07:00:00.000000Z");  // winter +01:00
    REQUIRE(tid::format_utc(*tid::parse_iso("2025-10-01T08:00:00.123")) == "2025-10-01T06:00:00.123000Z");
    REQUIRE(tid::format_utc(*tid::parse_iso("2025-10-01T08:00:00.123456789")) == "2025-10-01T06:00:00.123456Z");
}

TEST_CASE("local times at the daylight-saving changes") {
    // 2025-03-30 02:30 does not exist in Oslo: moved forward to 03:30 CEST = 01:30Z.
    REQUIRE(tid::format_utc(*tid::parse_iso("2025-03-30T02:30:00")) == "2025-03-30T01:30:00.000000Z");
    // 2025-10-26 02:30 happens twice: the earlier (CEST, 00:30Z) is taken.
    REQUIRE(tid::format_utc(*tid::parse_iso("2025-10-26T02:30:00")) == "2025-10-26T00:30:00.000000Z");
}

TEST_CASE("unparsable times are refused") {
    for (auto bad : {"", "2025-10-01", "2025-13-01T08:00:00", "2025-10-01T25:00:00", "2025-10-01T08:00:00+",
                     "2025-10-01T08:00:00X", "2025-10-01T08:00:00.", "i går", "2025-02-30T08:00:00"})
        REQUIRE_FALSE(tid::parse_iso(bad).has_value());
}

TEST_CASE("formatting in Oslo time follows daylight saving") {
    auto summer = *tid::parse_iso("2025-10-01T06:00:00Z");
    REQUIRE(tid::format_oslo(summer) == "2025-10-01T08:00:00+02:00");
    auto winter = *tid::parse_iso("2025-11-01T06:00:00.987654Z");
    REQUIRE(tid::format_oslo(winter) == "2025-11-01T07:00:00+01:00");
    REQUIRE(tid::format_oslo_millis(winter) == "2025-11-01T07:00:00.987+01:00");
    REQUIRE(tid::format_oslo_local(winter) == "2025-11-01T07:00:00.987654");
    REQUIRE(tid::oslo_date(*tid::parse_iso("2025-10-01T23:30:00Z")) == "2025-10-02");
    auto p = tid::oslo_parts(summer);
    REQUIRE(p.year == 2025);
    REQUIRE(p.month == 10);
    REQUIRE(p.day == 1);
    REQUIRE(p.hour == 8);
    REQUIRE(p.minute == 0);
}

TEST_CASE("years 1 to 9999 with any offset up to 18 hours are accepted, others are refused") {
    REQUIRE(tid::parse_iso("0001-01-01T00:00:00+18:00").has_value());
    REQUIRE(tid::parse_iso("9999-12-31T23:59:59.999999-18:00").has_value());
    REQUIRE(tid::parse_iso("0001-01-01T00:00:00").has_value());  // Oslo local mean time
    REQUIRE_FALSE(tid::parse_iso("0000-06-01T00:00:00Z").has_value());
    REQUIRE_FALSE(tid::parse_iso("10000-01-01T00:00:00Z").has_value());
    REQUIRE_FALSE(tid::parse_iso("2025-01-01T00:00:00+18:01").has_value());
    REQUIRE_FALSE(tid::parse_iso("2025-01-01T00:00:00-19:00").has_value());
    REQUIRE_FALSE(tid::parse_iso("2025-01-01T00:00:00Z BC").has_value());
    REQUIRE(tid::parse_iso("2024-02-29T12:00:00Z").has_value());
    REQUIRE(tid::parse_iso("2000-02-29T12:00:00Z").has_value());
    REQUIRE_FALSE(tid::parse_iso("2023-02-29T12:00:00Z").has_value());
    REQUIRE_FALSE(tid::parse_iso("1900-02-29T12:00:00Z").has_value());
}

TEST_CASE("the database form reaches UTC years 0 and 10000, and reads back what PostgreSQL writes") {
    auto first = *tid::parse_iso("0001-01-01T00:00:00+18:00");
    REQUIRE(tid::format_database(first) == "0001-12-31T06:00:00.000000Z BC");
    REQUIRE(tid::parse_database("0001-12-31 06:00:00+00 BC") == first);
    auto last = *tid::parse_iso("9999-12-31T23:59:59.999999-18:00");
    REQUIRE(tid::format_database(last) == "10000-01-01T17:59:59.999999Z");
    REQUIRE(tid::parse_database("10000-01-01 17:59:59.999999+00") == last);
    auto now = *tid::parse_iso("2025-10-01T08:00:00.123456+02:00");
    REQUIRE(tid::format_database(now) == tid::format_utc(now));
    REQUIRE(tid::parse_database("2025-10-01 06:00:00.123456+00") == now);
    REQUIRE(tid::parse_database("1890-01-01 00:00:00+00:43:00") == *tid::parse_iso("1889-12-31T23:17:00Z"));
    REQUIRE_FALSE(tid::parse_database("2025-10-01 06:00:00").has_value());
}

TEST_CASE("format_utc writes what date::format writes, for years 0 to 9999 and the edges of a day") {
    std::mt19937_64 rng(20261205);
    // Year 0 (the proleptic 1 BC) to the end of 9999, in microseconds since the epoch.
    auto first = date::sys_days{date::year{0} / 1 / 1}.time_since_epoch();
    auto last = date::sys_days{date::year{10000} / 1 / 1}.time_since_epoch();
    std::uniform_int_distribution<long long> us(std::chrono::duration_cast<std::chrono::microseconds>(first).count(),
                                                std::chrono::duration_cast<std::chrono::microseconds>(last).count() - 1);
    std::vector<Instant> times;
    for (int i = 0; i < 20000; ++i) times.push_back(Instant{std::chrono::microseconds{us(rng)}});
    auto day = date::sys_days{date::year{2025} / 10 / 26};
    for (auto t : {Instant{day}, Instant{day} - std::chrono::microseconds{1}, Instant{day} + std::chrono::microseconds{999'999},
                   Instant{}, Instant{date::sys_days{date::year{9999} / 12 / 31}} + std::chrono::hours{23} + std::chrono::minutes{59} +
                                  std::chrono::seconds{59} + std::chrono::microseconds{999'999}})
        times.push_back(t);
    for (auto t : times) {
        INFO(date::format("%FT%TZ", t));
        REQUIRE(tid::format_utc(t) == date::format("%FT%TZ", t));
    }
}
