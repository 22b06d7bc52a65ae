// Posts on a meeting ("Posts" in ../shared/spec/arbeidsgiver.md) over real HTTP and PostgreSQL,
// and who may call the meeting module's new endpoints (owners, search, posts).
#include <catch2/catch.hpp>
#include <fmt/format.h>

#include "core/time.hpp"
#include "support/component.hpp"
#include "support/fnr.hpp"

using namespace rt;
using rt::test::Component;
using rt::test::ider;
using rt::test::path;
using rt::test::test_fnr;

namespace {

constexpr const char* kEier = "A111111";

std::string innlegg(const std::string& tittel, const std::string& html, const std::string& sendes = "null") {
    boost::json::object o{{"tittel", tittel},
                          {"opprettetAvPersonNavn", "Kari Veileder"},
                          {"opprettetAvPersonBeskrivelse", "Veileder"},
                          {"htmlContent", html},
                          {"innleggKiLoggId", "ignorert"},
                          {"lagreLikevel", true}};
    o["sendesTilJobbsokerTidspunkt"] = boost::json::parse(sendes);
    return boost::json::serialize(o);
}

std::string utkast(const Component& c, const std::string& token) {
    return std::string(c.json("POST", "/api/rekrutteringstreff", token, "{}", 201).at("id").as_string());
}

}  // namespace

TEST_CASE("posts: create, read, list oldest first, change, delete, and the HTML comes back byte for byte") {
    Component c;
    auto eier = c.arbeidsgiverrettet(kEier);
    auto id = c.publisert_treff(eier);
    const std::string html = "<p>Velkommen &amp; <a href=\"https://nav.no\" target=_blank>les mer</a><br/>  æøå 😀</p><!-- x -->";
    auto forste = c.json("POST", path(id, "/innlegg"), eier, innlegg("Introduksjon", html, "\"2025-10-01T08:00:00+02:00\""), 201);
    REQUIRE(forste.at("htmlContent").as_string() == html);
    REQUIRE(forste.at("treffId").as_string() == id);
    REQUIRE(forste.at("opprettetAvPersonNavident").as_string() == kEier);
    REQUIRE(forste.at("opprettetAvPersonNavn").as_string() == "Kari Veileder");
    REQUIRE(tid::parse_iso(forste.at("sendesTilJobbsokerTidspunkt").as_string()) == tid::parse_iso("2025-10-01T06:00:00Z"));
    REQUIRE(tid::parse_iso(forste.at("opprettetTidspunkt").as_string()).value() == c.clock->now());
    REQUIRE(forste.as_object().size() == 10);
    std::string forste_id(forste.at("id").as_string());
    // A published meeting takes a second post.
    auto andre = c.json("POST", path(id, "/innlegg"), c.utvikler(), innlegg("Program", "<ul><li>1</li></ul>"), 201);
    std::string andre_id(andre.at("id").as_string());
    auto liste = c.json("GET", path(id, "/innlegg"), c.jobbsokerrettet()).as_array();
    REQUIRE(liste.size() == 2);
    REQUIRE(liste[0].at("id").as_string() == forste_id);
    REQUIRE(liste[1].at("id").as_string() == andre_id);
    REQUIRE(c.json("GET", path(id, "/innlegg/" + forste_id), c.jobbsokerrettet()).at("htmlContent").as_string() == html);

    c.clock->advance(std::chrono::minutes(5));
    auto endret = c.json("PUT", path(id, "/innlegg/" + forste_id), c.utvikler("U999999"), innlegg("Ny tittel", "<b>ny</b>"));
    REQUIRE(endret.at("tittel").as_string() == "Ny tittel");
    REQUIRE(endret.at("opprettetAvPersonNavident").as_string() == kEier);  // never changed
    REQUIRE(endret.at("sendesTilJobbsokerTidspunkt").is_null());
    REQUIRE(tid::parse_iso(endret.at("sistOppdatertTidspunkt").as_string()).value() == c.clock->now());
    REQUIRE(tid::parse_iso(endret.at("opprettetTidspunkt").as_string()) != tid::parse_iso(endret.at("sistOppdatertTidspunkt").as_string()));

    REQUIRE(c.call("DELETE", path(id, "/innlegg/" + forste_id), eier).status == 204);
    REQUIRE(c.call("GET", path(id, "/innlegg/" + forste_id), eier).status == 404);
    REQUIRE(c.json("GET", path(id, "/innlegg"), eier).as_array().size() == 1);
}

TEST_CASE("posts: on a draft a second POST overwrites the oldest post and still answers 201") {
    Component c;
    auto eier = c.arbeidsgiverrettet(kEier);
    auto id = utkast(c, eier);
    REQUIRE(c.json("GET", path(id, "/innlegg"), eier).as_array().empty());
    auto forste = c.json("POST", path(id, "/innlegg"), eier, innlegg("En", "<p>1</p>"), 201);
    c.clock->advance(std::chrono::seconds(3));
    auto andre = c.json("POST", path(id, "/innlegg"), eier, innlegg("To", "<p>2</p>"), 201);
    REQUIRE(andre.at("id") == forste.at("id"));
    REQUIRE(andre.at("tittel").as_string() == "To");
    REQUIRE(tid::parse_iso(andre.at("sistOppdatertTidspunkt").as_string()).value() == c.clock->now());
    auto liste = c.json("GET", path(id, "/innlegg"), eier).as_array();
    REQUIRE(liste.size() == 1);
    REQUIRE(liste[0].at("htmlContent").as_string() == "<p>2</p>");
}

TEST_CASE("posts: refused HTML, missing fields, wrong types and oversize are 400 and store nothing") {
    Component c;
    auto eier = c.arbeidsgiverrettet(kEier);
    auto id = c.publisert_treff(eier);
    auto post = c.json("POST", path(id, "/innlegg"), eier, innlegg("Ok", "<p>ok</p>"), 201);
    std::string post_id(post.at("id").as_string());
    auto for_ = c.snapshot();
    std::vector<std::string> daarlige = {
        innlegg("x", "<ScRiPt>alert(1)</ScRiPt>"),
        innlegg("x", "<a href=\"&#106;avascript:alert(1)\">x</a>"),
        innlegg("x", "<a href=\"java&#x09;script:alert(1)\">x</a>"),
        innlegg("x", "<svg onload=alert(1)>"),
        innlegg("x", "<img src=x onerror=\"alert('\\\"')\">"),
        innlegg("x", "<iframe src=//x>"),
        innlegg("x", std::string(50'001, 'a')),
        innlegg("x", "<p>ok</p>", "\"i morgen\""),
        innlegg("x", "<p>ok</p>", "17"),
        R"({"tittel":"x","opprettetAvPersonNavn":"a","opprettetAvPersonBeskrivelse":"b"})",
        R"({"tittel":"x","opprettetAvPersonNavn":"a","opprettetAvPersonBeskrivelse":"b","htmlContent":null})",
        R"({"tittel":"x","opprettetAvPersonNavn":"a","opprettetAvPersonBeskrivelse":"b","htmlContent":5})",
        R"({"tittel":["x"],"opprettetAvPersonNavn":"a","opprettetAvPersonBeskrivelse":"b","htmlContent":"<p/>"})",
        R"({"opprettetAvPersonNavn":"a","opprettetAvPersonBeskrivelse":"b","htmlContent":"<p/>"})",
        R"({"tittel":"x","opprettetAvPersonBeskrivelse":"b","htmlContent":"<p/>"})",
        R"({"tittel":"x","opprettetAvPersonNavn":"a","htmlContent":"<p/>"})",
        R"({"tittel":"x",)",
        R"([1,2])",
        "ikke json"};
    for (const auto& body : daarlige) {
        INFO(body.substr(0, 120));
        auto r = c.call("POST", path(id, "/innlegg"), eier, body);
        REQUIRE(r.status == 400);
        REQUIRE(r.headers.at("content-type").starts_with("application/problem+json"));
        REQUIRE(c.call("PUT", path(id, "/innlegg/" + post_id), eier, body).status == 400);
    }
    // Exactly 50,000 characters (not bytes) are fine.
    std::string grense;
    for (int i = 0; i < 50'000; ++i) grense += "ø";
    REQUIRE(c.call("PUT", path(id, "/innlegg/" + post_id), eier, innlegg("x", grense)).status == 200);
    REQUIRE(c.snapshot() != for_);
}

TEST_CASE("posts: unknown meeting or post is 404, a post of another meeting is 404, writes to a deleted meeting are 409") {
    Component c;
    auto eier = c.arbeidsgiverrettet(kEier);
    auto id = utkast(c, eier);
    auto annet = utkast(c, eier);
    auto post = c.json("POST", path(annet, "/innlegg"), eier, innlegg("Annet", "<p/>"), 201);
    std::string post_id(post.at("id").as_string());
    const std::string ukjent = "00000000-0000-4000-8000-000000000000";
    auto for_ = c.snapshot();
    REQUIRE(c.call("GET", path(ukjent, "/innlegg"), eier).status == 404);
    REQUIRE(c.call("POST", path(ukjent, "/innlegg"), eier, innlegg("x", "<p/>")).status == 404);
    REQUIRE(c.call("GET", path(id, "/innlegg/" + post_id), eier).status == 404);
    REQUIRE(c.call("PUT", path(id, "/innlegg/" + post_id), eier, innlegg("x", "<p/>")).status == 404);
    REQUIRE(c.call("DELETE", path(id, "/innlegg/" + post_id), eier).status == 404);
    REQUIRE(c.call("DELETE", path(id, "/innlegg/" + ukjent), eier).status == 404);
    REQUIRE(c.call("GET", path(id, "/innlegg/ikke-uuid"), eier).status == 400);
    REQUIRE(c.snapshot() == for_);

    REQUIRE(c.call("DELETE", path(annet), eier).status == 200);
    auto slettet = c.snapshot();
    REQUIRE(c.json("GET", path(annet, "/innlegg"), eier).as_array().size() == 1);  // still reads
    REQUIRE(c.call("POST", path(annet, "/innlegg"), eier, innlegg("x", "<p/>")).status == 409);
    REQUIRE(c.call("PUT", path(annet, "/innlegg/" + post_id), eier, innlegg("x", "<p/>")).status == 409);
    REQUIRE(c.call("DELETE", path(annet, "/innlegg/" + post_id), eier).status == 409);
    REQUIRE(c.snapshot() == slettet);
}

TEST_CASE("new endpoints: every role × owners, search and posts, and a refused call changes nothing") {
    Component c;
    auto eier_token = c.arbeidsgiverrettet(kEier);
    auto id = c.publisert_treff(eier_token);
    auto personer = c.legg_til(id, 0, 2, eier_token);
    REQUIRE(c.call("POST", path(id, "/jobbsoker/inviter"), eier_token, ider({personer[0]})).status == 200);
    auto post = c.json("POST", path(id, "/innlegg"), eier_token, innlegg("Intro", "<p>hei</p>"), 201);
    std::string post_id(post.at("id").as_string());

    struct Kaller {
        const char* navn;
        std::string token;
        bool veileder, arbeidsgiver_eller_utvikler, eier_eller_utvikler, invitert_borger;
    };
    std::vector<Kaller> kallere = {
        {"eier (ARBEIDSGIVER_RETTET)", eier_token, true, true, true, false},
        {"ARBEIDSGIVER_RETTET, ikke eier", c.arbeidsgiverrettet("B222222"), true, true, false, false},
        {"JOBBSØKER_RETTET", c.jobbsokerrettet("J333333"), true, false, false, false},
        {"UTVIKLER", c.utvikler("U444444"), true, true, true, false},
        {"veileder uten roller", c.veileder("R555555", {}), false, false, false, false},
        {"borger, invitert", c.borger(test_fnr(0)), false, false, false, true},
        {"borger, lagt til", c.borger(test_fnr(1)), false, false, false, false},
        {"borger, ikke på treffet", c.borger(test_fnr(7)), false, false, false, false},
    };
    for (const auto& k : kallere) {
        INFO(k.navn);
        auto for_ = c.snapshot();
        auto borger = !k.veileder && k.token.size() && std::string(k.navn).starts_with("borger");
        auto les_status = k.veileder ? 200 : k.invitert_borger ? 200 : borger ? 404 : 403;
        CHECK(c.call("GET", path(id, "/eiere"), k.token).status == (k.veileder ? 200 : 403));
        CHECK(c.call("GET", "/api/rekrutteringstreff/sok", k.token).status == (k.veileder ? 200 : 403));
        CHECK(c.call("GET", path(id, "/innlegg"), k.token).status == les_status);
        CHECK(c.call("GET", path(id, "/innlegg/" + post_id), k.token).status == les_status);
        // Writes by those who may not: refused, nothing changed.
        if (!k.eier_eller_utvikler) {
            CHECK(c.call("POST", path(id, "/innlegg"), k.token, innlegg("x", "<p/>")).status == 403);
            CHECK(c.call("PUT", path(id, "/innlegg/" + post_id), k.token, innlegg("x", "<p/>")).status == 403);
            CHECK(c.call("DELETE", path(id, "/innlegg/" + post_id), k.token).status == 403);
            CHECK(c.call("DELETE", path(id, "/eiere/" + std::string(kEier)), k.token).status == 403);
        }
        if (!k.arbeidsgiver_eller_utvikler) CHECK(c.call("PUT", path(id, "/eiere/meg"), k.token).status == 403);
        CHECK(c.snapshot() == for_);
    }
    // No token, a bad token: 401 everywhere, nothing changed.
    auto for_ = c.snapshot();
    for (const std::string& token : {std::string(""), std::string("ikke.et.token"), c.arbeidsgiverrettet(kEier) + "x"}) {
        CHECK(c.call("GET", path(id, "/eiere"), token).status == 401);
        CHECK(c.call("PUT", path(id, "/eiere/meg"), token).status == 401);
        CHECK(c.call("DELETE", path(id, "/eiere/" + std::string(kEier)), token).status == 401);
        CHECK(c.call("GET", "/api/rekrutteringstreff/sok", token).status == 401);
        CHECK(c.call("GET", path(id, "/innlegg"), token).status == 401);
        CHECK(c.call("GET", path(id, "/innlegg/" + post_id), token).status == 401);
        CHECK(c.call("POST", path(id, "/innlegg"), token, innlegg("x", "<p/>")).status == 401);
        CHECK(c.call("PUT", path(id, "/innlegg/" + post_id), token, innlegg("x", "<p/>")).status == 401);
        CHECK(c.call("DELETE", path(id, "/innlegg/" + post_id), token).status == 401);
    }
    CHECK(c.snapshot() == for_);
    // And the writes the roles allow.
    CHECK(c.call("PUT", path(id, "/innlegg/" + post_id), c.utvikler("U444444"), innlegg("y", "<p/>")).status == 200);
    CHECK(c.call("PUT", path(id, "/eiere/meg"), c.utvikler("U444444")).status == 200);
    CHECK(c.call("DELETE", path(id, "/eiere/U444444"), eier_token).status == 200);
    CHECK(c.call("DELETE", path(id, "/innlegg/" + post_id), eier_token).status == 204);
}
