#include <catch2/catch.hpp>

#include "core/errors.hpp"
#include "infra/http/router.hpp"

using namespace rt::http;

namespace {
Request req(std::string method, std::string path) {
    Request r;
    r.method = std::move(method);
    r.path = std::move(path);
    return r;
}
}  // namespace

TEST_CASE("router matches parameters, and a literal segment wins over a parameter") {
    Router router;
    router.add("GET", "/api/rekrutteringstreff/{id}/jobbsoker/{personTreffId}/aktivitetskort",
               [](Request& r) { return text(200, "kort:" + r.param("id") + ":" + r.param("personTreffId")); });
    router.add("GET", "/api/rekrutteringstreff/{id}/jobbsoker/hendelser/x",
               [](Request& r) { return text(200, "hendelser:" + r.param("id")); });
    router.add("GET", "/api/rekrutteringstreff/{id}", [](Request& r) { return text(200, "treff:" + r.param("id")); });

    auto a = req("GET", "/api/rekrutteringstreff/t1/jobbsoker/p1/aktivitetskort");
    REQUIRE(router.dispatch(a).body == "kort:t1:p1");
    REQUIRE(a.route == "/api/rekrutteringstreff/{id}/jobbsoker/{personTreffId}/aktivitetskort");
    auto b = req("GET", "/api/rekrutteringstreff/t2/jobbsoker/hendelser/x");
    REQUIRE(router.dispatch(b).body == "hendelser:t2");
    auto c = req("GET", "/api/rekrutteringstreff/t3/");
    REQUIRE(router.dispatch(c).body == "treff:t3");
}

TEST_CASE("router answers 404 for unknown paths and 405 for a known path with another method") {
    Router router;
    router.add("GET", "/isalive", [](Request&) { return text(200, "OK"); });
    auto unknown = req("GET", "/finnes/ikke");
    auto r = router.dispatch(unknown);
    REQUIRE(r.status == 404);
    REQUIRE(r.content_type == "application/problem+json");
    auto wrong = req("DELETE", "/isalive");
    REQUIRE(router.dispatch(wrong).status == 405);
}

TEST_CASE("router: a problem names the route pattern, never the path, which may carry a fødselsnummer") {
    Router router;
    router.add("GET", "/api/rekrutteringstreff/{id}", [](Request&) -> Response { throw rt::bad_request("id er ikke en UUID"); });
    auto bad = req("GET", "/api/rekrutteringstreff/01010012345");
    auto r = router.dispatch(bad);
    REQUIRE(r.status == 400);
    REQUIRE(r.body.find("01010012345") == std::string::npos);
    REQUIRE(boost::json::parse(r.body).at("instance").as_string() == "/api/rekrutteringstreff/{id}");
    auto unknown = req("GET", "/01010012345");
    REQUIRE(router.dispatch(unknown).body.find("01010012345") == std::string::npos);
}

TEST_CASE("router turns handler errors into problem+json: Problem keeps its status, others are 500") {
    Router router;
    router.add("POST", "/a", [](Request&) -> Response { throw rt::conflict("treffet er avlyst"); });
    router.add("POST", "/b", [](Request&) -> Response { throw std::runtime_error("secret internal detail"); });
    router.add("POST", "/c", [](Request&) -> Response { throw rt::TransientError("db down"); });
    auto a = req("POST", "/a");
    auto ra = router.dispatch(a);
    REQUIRE(ra.status == 409);
    REQUIRE(ra.body.find("treffet er avlyst") != std::string::npos);
    auto b = req("POST", "/b");
    auto rb = router.dispatch(b);
    REQUIRE(rb.status == 500);
    REQUIRE(rb.body.find("secret internal detail") == std::string::npos);
    auto c = req("POST", "/c");
    REQUIRE(router.dispatch(c).status == 503);
}

TEST_CASE("router lists its routes in the order they were added") {
    Router router;
    router.add("GET", "/isalive", [](Request&) { return text(200, "OK"); });
    router.add("POST", "/api/rekrutteringstreff/{id}/publiser", [](Request&) { return text(200, "OK"); });
    auto routes = router.routes();
    REQUIRE(routes.size() == 2);
    REQUIRE(routes[0].method == "GET");
    REQUIRE(routes[0].pattern == "/isalive");
    REQUIRE(routes[1].method == "POST");
    REQUIRE(routes[1].pattern == "/api/rekrutteringstreff/{id}/publiser");
}
