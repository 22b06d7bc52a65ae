#include <catch2/catch.hpp>
#include <fmt/format.h>

#include <random>

#include "core/time.hpp"
#include "infra/rapid/tidspunkt.hpp"

using namespace rt;
using rapid::les_lokal_tid;
using rapid::les_tidspunkt;

namespace {
Instant at(const char* iso) { return *tid::parse_iso(iso); }
}  // namespace

TEST_CASE("rapid times: LocalDateTime's text in Europe/Oslo, with 0 to 9 decimals and optional seconds") {
    REQUIRE(les_tidspunkt("2025-10-01T08:00:00") == at("2025-10-01T08:00:00+02:00"));
    REQUIRE(les_tidspunkt("2025-10-01T08:00") == at("2025-10-01T08:00:00+02:00"));
    REQUIRE(les_tidspunkt("2025-01-15T08:00") == at("2025-01-15T08:00:00+01:00"));
    REQUIRE(les_tidspunkt("2025-10-01T08:00:00.1") == at("2025-10-01T06:00:00.100Z"));
    REQUIRE(les_tidspunkt("2025-10-01T08:00:00.123456789") == at("2025-10-01T06:00:00.123456Z"));
    REQUIRE(les_tidspunkt("2025-10-01T08:00:00+02:00") == at("2025-10-01T06:00:00Z"));
    REQUIRE(les_tidspunkt("2025-10-01T06:00Z") == at("2025-10-01T06:00:00Z"));
    REQUIRE(les_tidspunkt("2025-10-01T08:00+02:00") == at("2025-10-01T06:00:00Z"));
    for (const char* bad : {"", "2025-10-01", "2025-10-01 08:00:00", "2025-10-01T8:00", "2025-10-01T08:00:00.", "2025-13-01T08:00",
                            "2025-02-30T08:00:00", "2025-10-01T24:00:00", "2025-10-01T08:00:00.1234567890", "i går", "2025-10-01T08:00:00x"})
        REQUIRE_FALSE(les_tidspunkt(bad).has_value());
}

TEST_CASE("rapid times: a local date-time only, for ping_time") {
    REQUIRE(les_lokal_tid("2025-10-01T08:00:00.5") == at("2025-10-01T08:00:00.5+02:00"));
    REQUIRE(les_lokal_tid("2025-10-01T08:00") == at("2025-10-01T08:00:00+02:00"));
    REQUIRE_FALSE(les_lokal_tid("2025-10-01T08:00:00Z").has_value());
    REQUIRE_FALSE(les_lokal_tid("2025-10-01T08:00:00+02:00").has_value());
    REQUIRE_FALSE(les_lokal_tid("2025-10-01T08:00:00-01:00").has_value());
    REQUIRE_FALSE(les_lokal_tid("2025-10-01T08:00+0200").has_value());
}

TEST_CASE("rapid times: the remembered stretch between daylight-saving changes gives what parse_iso gives") {
    // Random local times, many near the changes (ambiguous and skipped hours included), read in
    // an order that moves in and out of remembered stretches.
    std::mt19937_64 rng(20261202);
    std::uniform_int_distribution<int> year(1950, 2100), month(1, 12), day(1, 28), hour(0, 23), minute(0, 59), second(0, 59),
        decimals(0, 9), near(0, 2);
    for (int i = 0; i < 20000; ++i) {
        int y = year(rng), mo = month(rng), d = day(rng), h = hour(rng);
        if (near(rng) == 0) {  // the last Sundays of March and October, around 02:00-03:00
            mo = near(rng) == 0 ? 3 : 10;
            d = 24 + near(rng) * 3;
            h = 1 + near(rng);
        }
        auto text = fmt::format("{:04}-{:02}-{:02}T{:02}:{:02}:{:02}", y, mo, d, h, minute(rng), second(rng));
        int n = decimals(rng);
        if (n > 0) {
            text += '.';
            for (int k = 0; k < n; ++k) text += static_cast<char>('0' + rng() % 10);
        }
        INFO(text);
        REQUIRE(les_tidspunkt(text) == tid::parse_iso(text));
        REQUIRE(les_tidspunkt(text) == tid::parse_iso(text));  // again, now from the remembered stretch
    }
}
