// A meeting's owners ("Owners" in ../shared/spec/jobbsoker.md) over real HTTP and PostgreSQL.
#include <catch2/catch.hpp>

#include <thread>

#include "support/component.hpp"

using namespace rt;
using rt::test::Component;
using rt::test::path;

namespace {

std::string nytt_treff(const Component& c, const std::string& token) {
    return std::string(c.json("POST", "/api/rekrutteringstreff", token, "{}", 201).at("id").as_string());
}

// The meeting's owner events, oldest first, as "TYPE subject by actor".
std::vector<std::string> eierhendelser(const Component& c, const std::string& id) {
    std::vector<std::string> out;
    auto conn = c.db.connect();
    auto r = conn.query(R"(SELECT hendelsestype || ' ' || subjekt_id || ' av ' || aktoridentifikasjon FROM rekrutteringstreff_hendelse
                           WHERE rekrutteringstreff_id = $1 AND hendelsestype LIKE 'EIER%' ORDER BY rekkefolge)",
                        id);
    for (int i = 0; i < r.rows(); ++i) out.push_back(r.str(i, 0));
    return out;
}

}  // namespace

TEST_CASE("owners: read by any counsellor, PUT meg appends once, DELETE removes with an event") {
    Component c;
    auto id = nytt_treff(c, c.arbeidsgiverrettet("A111111"));
    REQUIRE(c.json("GET", path(id, "/eiere"), c.jobbsokerrettet()).as_array() == boost::json::array{"A111111"});

    REQUIRE(c.call("PUT", path(id, "/eiere/meg"), c.arbeidsgiverrettet("B222222")).status == 200);
    REQUIRE(c.call("PUT", path(id, "/eiere/meg"), c.arbeidsgiverrettet("B222222")).status == 200);  // idempotent
    REQUIRE(c.call("PUT", path(id, "/eiere/meg"), c.utvikler("U333333")).status == 200);
    REQUIRE(c.json("GET", path(id, "/eiere"), c.utvikler()).as_array() == boost::json::array{"A111111", "B222222", "U333333"});
    REQUIRE(c.json("GET", path(id), c.utvikler()).at("eiere").as_array() == boost::json::array{"A111111", "B222222", "U333333"});

    // A new owner may now do what owners do, and remove another.
    REQUIRE(c.call("DELETE", path(id, "/eiere/A111111"), c.arbeidsgiverrettet("B222222")).status == 200);
    REQUIRE(c.json("GET", path(id, "/eiere"), c.utvikler()).as_array() == boost::json::array{"B222222", "U333333"});
    REQUIRE(eierhendelser(c, id) == std::vector<std::string>{"EIER_LAGT_TIL A111111 av A111111", "EIER_LAGT_TIL B222222 av B222222",
                                                             "EIER_LAGT_TIL U333333 av U333333", "EIER_FJERNET A111111 av B222222"});
    auto siste = c.json("GET", path(id, "/hendelser"), c.utvikler()).as_array().at(0);
    REQUIRE(siste.at("hendelsestype").as_string() == "EIER_FJERNET");
    REQUIRE(siste.at("aktørIdentifikasjon").as_string() == "B222222");
    auto alle = c.json("GET", path(id, "/allehendelser"), c.utvikler()).as_array().at(0);
    REQUIRE(alle.at("subjektId").as_string() == "A111111");
    REQUIRE(alle.at("subjektNavn").as_string() == "A111111");
}

TEST_CASE("owners: 404 for a non-owner ident or an unknown meeting, 400 for the last owner, 409 on a deleted meeting") {
    Component c;
    auto eier = c.arbeidsgiverrettet("A111111");
    auto id = nytt_treff(c, eier);
    auto for_ = c.snapshot();
    REQUIRE(c.call("DELETE", path(id, "/eiere/X999999"), eier).status == 404);
    REQUIRE(c.call("DELETE", path(id, "/eiere/A111111"), eier).status == 400);  // the only owner
    REQUIRE(c.call("GET", path("00000000-0000-4000-8000-000000000000", "/eiere"), eier).status == 404);
    REQUIRE(c.call("PUT", path("00000000-0000-4000-8000-000000000000", "/eiere/meg"), eier).status == 404);
    REQUIRE(c.call("DELETE", path("00000000-0000-4000-8000-000000000000", "/eiere/A111111"), eier).status == 404);
    REQUIRE(c.call("GET", path("ikke-en-uuid", "/eiere"), eier).status == 400);
    REQUIRE(c.snapshot() == for_);

    REQUIRE(c.call("DELETE", path(id), eier).status == 200);
    auto slettet = c.snapshot();
    REQUIRE(c.json("GET", path(id, "/eiere"), eier).as_array() == boost::json::array{"A111111"});  // still reads
    REQUIRE(c.call("PUT", path(id, "/eiere/meg"), c.arbeidsgiverrettet("B222222")).status == 409);
    REQUIRE(c.snapshot() == slettet);
}

TEST_CASE("owners: two owners removing each other at once leave one owner") {
    Component c;
    auto id = nytt_treff(c, c.arbeidsgiverrettet("A111111"));
    REQUIRE(c.call("PUT", path(id, "/eiere/meg"), c.arbeidsgiverrettet("B222222")).status == 200);
    int a = 0, b = 0;
    std::thread t1([&] { a = c.call("DELETE", path(id, "/eiere/B222222"), c.arbeidsgiverrettet("A111111")).status; });
    std::thread t2([&] { b = c.call("DELETE", path(id, "/eiere/A111111"), c.arbeidsgiverrettet("B222222")).status; });
    t1.join();
    t2.join();
    // The second under the row lock sees one owner left: 400 (last owner) or 403 (no longer an owner).
    REQUIRE(((a == 200) != (b == 200)));
    REQUIRE(c.json("GET", path(id, "/eiere"), c.utvikler()).as_array().size() == 1);
}
