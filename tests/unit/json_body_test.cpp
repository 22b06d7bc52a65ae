#include <catch2/catch.hpp>

#include "core/errors.hpp"
#include "infra/http/json_body.hpp"

using namespace rt::http;

namespace {
Request with_body(std::string body) {
    Request r;
    r.body = std::move(body);
    return r;
}
int status_of(const std::function<void()>& f) {
    try {
        f();
    } catch (const rt::Problem& p) {
        return p.status;
    }
    return 0;
}
}  // namespace

TEST_CASE("malformed JSON is a 400") {
    REQUIRE(status_of([] { parse_body(with_body("{\"tittel\": ")); }) == 400);
    REQUIRE(status_of([] { parse_body(with_body("not json")); }) == 400);
    REQUIRE(status_of([] { parse_object_body(with_body("[1,2]")); }) == 400);
}

TEST_CASE("an empty body is an empty object") { REQUIRE(parse_object_body(with_body("  ")).empty()); }

TEST_CASE("typed fields: right type is read, wrong type or missing is a 400 naming the field") {
    auto o = parse_object_body(with_body(R"({"tittel":"Treff","side":2,"aktiv":true,"tall":"3","liste":["a","b"],"null":null})"));
    REQUIRE(required_string(o, "tittel") == "Treff");
    REQUIRE(*optional_int(o, "side") == 2);
    REQUIRE(*optional_bool(o, "aktiv") == true);
    REQUIRE_FALSE(optional_string(o, "null").has_value());
    REQUIRE_FALSE(optional_string(o, "mangler").has_value());
    REQUIRE(*optional_string_array(o, "liste") == std::vector<std::string>{"a", "b"});

    REQUIRE_THROWS_WITH(optional_int(o, "tall"), Catch::Contains("tall"));
    REQUIRE_THROWS_WITH(optional_string(o, "side"), Catch::Contains("side"));
    REQUIRE_THROWS_WITH(required_string(o, "mangler"), Catch::Contains("mangler"));
    REQUIRE_THROWS_WITH(optional_bool(o, "tittel"), Catch::Contains("tittel"));
    REQUIRE(status_of([&] { optional_string_array(o, "tittel"); }) == 400);
}

TEST_CASE("json and problem responses carry the right content type and fields") {
    auto r = json(201, boost::json::object{{"id", "x"}});
    REQUIRE(r.status == 201);
    REQUIRE(r.content_type == "application/json");
    REQUIRE(r.body == R"({"id":"x"})");

    auto p = problem(409, "Ugyldig tilstand", "treffet er ikke publisert", "/api/x");
    REQUIRE(p.content_type == "application/problem+json");
    auto body = boost::json::parse(p.body).as_object();
    REQUIRE(body.at("status").as_int64() == 409);
    REQUIRE(body.at("title").as_string() == "Ugyldig tilstand");
    REQUIRE(body.at("detail").as_string() == "treffet er ikke publisert");
    REQUIRE(body.at("type").as_string().size() > 0);
}
