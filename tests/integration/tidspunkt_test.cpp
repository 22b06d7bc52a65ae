// Every date-time the API accepts is stored and read back as the same instant, and every one it
// cannot store is a 400: the edges of PostgreSQL's timestamptz walked through the real API.
#include <boost/json.hpp>
#include <catch2/catch.hpp>
#include <fmt/format.h>

#include "core/time.hpp"
#include "support/component.hpp"

using namespace rt;

namespace {

// PUT fraTid (and a tilTid one second later, as the API requires), then GET: the instants read back.
std::pair<int, std::optional<Instant>> lagre_fra_tid(test::Component& c, const std::string& token, const std::string& id,
                                                      const std::string& fra) {
    boost::json::object body{{"tittel", "Tidstest"}, {"fraTid", fra}};
    auto r = c.call("PUT", "/api/rekrutteringstreff/" + id, token, boost::json::serialize(body));
    if (r.status != 200) return {r.status, std::nullopt};
    auto treff = c.json("GET", "/api/rekrutteringstreff/" + id, token);
    // At the very edges the Oslo time of an accepted instant lies in year 0 or 10000, which the
    // API shows as such (0000-12-31T06:43:00+00:43): read with the database's wider grammar.
    return {r.status, tid::parse_database(std::string(treff.at("fraTid").as_string()))};
}

}  // namespace

TEST_CASE("date-times at the edges of years 1 and 9999, leap days and Oslo's clock changes are stored exactly") {
    test::Component c;
    auto token = c.arbeidsgiverrettet();
    auto id = std::string(c.json("POST", "/api/rekrutteringstreff", token, "{}", 201).at("id").as_string());
    const char* edges[] = {
        "0001-01-01T00:00:00+18:00",          // UTC year 0, 1 BC to PostgreSQL
        "0001-01-01T00:00:00-18:00",
        "0001-01-01T00:00:00Z",
        "0001-01-01T00:00:00",                // Oslo local mean time, +00:43
        "9999-12-31T23:59:59.999999-18:00",   // UTC year 10000
        "9999-12-31T23:59:59+18:00",
        "9999-12-31T23:59:59Z",
        "2024-02-29T12:00:00+01:00",          // leap days
        "2000-02-29T23:59:59.5-03:30",
        "0004-02-29T00:00:00+14:00",
        "2025-03-30T02:30:00",                // skipped by the spring change in Oslo: moved forward
        "2025-10-26T02:30:00",                // twice in the autumn change: the earlier instant
        "2025-10-26T02:30:00+01:00",          // the later one, by its offset
        "2025-10-26T00:59:59Z",
        "1970-01-01T00:00:00Z",
    };
    for (const char* edge : edges) {
        INFO(edge);
        auto sent = tid::parse_iso(edge);
        REQUIRE(sent.has_value());
        auto [status, stored] = lagre_fra_tid(c, token, id, edge);
        REQUIRE(status == 200);
        REQUIRE(stored.has_value());
        // The API answers in Oslo time with whole seconds.
        REQUIRE(*stored == std::chrono::floor<std::chrono::seconds>(*sent));
        auto exact = c.db.scalar(fmt::format("SELECT fra_tid = '{}'::timestamptz FROM rekrutteringstreff WHERE id = '{}'",
                                             tid::format_database(*sent), id));
        REQUIRE(exact == "t");
    }
}

TEST_CASE("date-times outside what can be stored are 400, and leave the meeting as it was") {
    test::Component c;
    auto token = c.arbeidsgiverrettet();
    auto id = std::string(c.json("POST", "/api/rekrutteringstreff", token, "{}", 201).at("id").as_string());
    REQUIRE(lagre_fra_tid(c, token, id, "2025-06-01T12:00:00+02:00").first == 200);
    for (const char* bad : {"0000-12-31T23:59:59Z", "10000-01-01T00:00:00Z", "-0001-01-01T00:00:00Z",
                            "2025-01-01T00:00:00+18:01", "2025-01-01T00:00:00-19:00", "2023-02-29T12:00:00Z",
                            "1900-02-29T00:00:00Z", "2025-13-01T00:00:00Z", "2025-01-01T24:00:00Z",
                            "2025-01-01T00:00:60Z", "2025-01-01T00:00:00Z BC", "2025-01-01T00:00:00.1234567890Z"}) {
        INFO(bad);
        auto [status, stored] = lagre_fra_tid(c, token, id, bad);
        REQUIRE(status == 400);
    }
    auto treff = c.json("GET", "/api/rekrutteringstreff/" + id, token);
    REQUIRE(treff.at("fraTid").as_string() == "2025-06-01T12:00:00+02:00");
}
