// A request that hits a database timeout answers 503 with Retry-After, and the service goes on.
#include <boost/json.hpp>
#include <catch2/catch.hpp>

#include "support/component.hpp"

using namespace rt;

TEST_CASE("a request that waits on a row lock past the lock timeout is 503 with Retry-After") {
    test::ComponentOptions options;
    options.configure = [](Config& c) { c.db_lock_timeout = std::chrono::milliseconds(300); };
    test::Component c(options);
    auto token = c.arbeidsgiverrettet();
    auto id = std::string(c.json("POST", "/api/rekrutteringstreff", token, "{}", 201).at("id").as_string());
    auto holder = c.db.connect();
    holder.exec("BEGIN");
    holder.query("SELECT 1 FROM rekrutteringstreff WHERE id = $1::uuid FOR UPDATE", id);
    auto r = c.call("PUT", "/api/rekrutteringstreff/" + id, token, R"({"tittel":"Låst"})");
    REQUIRE(r.status == 503);
    REQUIRE(r.headers["retry-after"] == "1");
    REQUIRE(r.headers["content-type"] == "application/problem+json");
    holder.exec("ROLLBACK");
    REQUIRE(c.call("PUT", "/api/rekrutteringstreff/" + id, token, R"({"tittel":"Fri"})").status == 200);
    REQUIRE(c.json("GET", "/api/rekrutteringstreff/" + id, token).at("tittel").as_string() == "Fri");
}
