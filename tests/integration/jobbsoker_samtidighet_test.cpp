// Concurrent requests over real HTTP: the database decides, each state change is written once.
#include <catch2/catch.hpp>
#include <thread>

#include "support/component.hpp"
#include "support/fnr.hpp"

using namespace rt;
using rt::test::Component;
using rt::test::test_fnr;

using rt::test::path;

TEST_CASE("concurrency: the same invitation sent twice at once gives one INVITERT event") {
    Component c;
    auto eier = c.arbeidsgiverrettet();
    auto id = c.publisert_treff(eier);
    for (int round = 0; round < 5; ++round) {
        auto ids = c.legg_til(id, round * 10, 10, eier);
        boost::json::array a;
        for (const auto& i : ids) a.emplace_back(i);
        auto body = boost::json::serialize(boost::json::object{{"personTreffIder", a}});
        int s1 = 0, s2 = 0;
        std::thread t1([&] { s1 = c.call("POST", path(id, "/jobbsoker/inviter"), eier, body).status; });
        std::thread t2([&] { s2 = c.call("POST", path(id, "/jobbsoker/inviter"), eier, body).status; });
        t1.join();
        t2.join();
        REQUIRE(s1 == 200);
        REQUIRE(s2 == 200);
    }
    REQUIRE(c.db.count("SELECT count(*) FROM jobbsoker WHERE status = 'INVITERT'") == 50);
    REQUIRE(c.db.count("SELECT count(*) FROM jobbsoker_hendelse WHERE hendelsestype = 'INVITERT'") == 50);
    REQUIRE(c.db.count("SELECT count(*) FROM (SELECT jobbsoker_id FROM jobbsoker_hendelse WHERE hendelsestype = 'INVITERT' GROUP BY 1 HAVING count(*) > 1) x") == 0);
}

TEST_CASE("concurrency: a citizen answering yes and no at once ends with one status and the event that matches it") {
    Component c;
    auto eier = c.arbeidsgiverrettet();
    auto id = c.publisert_treff(eier);
    auto ids = c.legg_til(id, 0, 8, eier);
    boost::json::array a;
    for (const auto& i : ids) a.emplace_back(i);
    c.json("POST", path(id, "/jobbsoker/inviter"), eier, boost::json::serialize(boost::json::object{{"personTreffIder", a}}));
    for (int i = 0; i < 8; ++i) {
        auto meg = c.borger(test_fnr(i));
        std::thread ja([&] { REQUIRE(c.call("POST", path(id, "/jobbsoker/borger/svar-ja"), meg).status == 200); });
        std::thread nei([&] { REQUIRE(c.call("POST", path(id, "/jobbsoker/borger/svar-nei"), meg).status == 200); });
        ja.join();
        nei.join();
        auto status = c.db.scalar("SELECT status FROM jobbsoker WHERE id = '" + ids[i] + "'");
        auto last = c.db.scalar("SELECT hendelsestype FROM jobbsoker_hendelse WHERE jobbsoker_id = '" + ids[i] +
                                "' ORDER BY rekkefolge DESC LIMIT 1");
        REQUIRE((status == "SVART_JA" || status == "SVART_NEI"));
        REQUIRE(last == (status == "SVART_JA" ? "SVART_JA_TIL_INVITASJON" : "SVART_NEI_TIL_INVITASJON"));
        // Each request wrote an event only if it changed the status: at most two, never two alike in a row.
        REQUIRE(c.db.count("SELECT count(*) FROM jobbsoker_hendelse WHERE jobbsoker_id = '" + ids[i] + "' AND hendelsestype LIKE 'SVART%'") <= 2);
    }
}

TEST_CASE("concurrency: a yes racing with complete ends consistent: the fate event matches the final answer") {
    Component c;
    for (int round = 0; round < 10; ++round) {
        auto eier = c.arbeidsgiverrettet();
        auto id = c.publisert_treff(eier);
        auto ids = c.legg_til(id, round, 1, eier);
        c.json("POST", path(id, "/jobbsoker/inviter"), eier, rt::test::ider(ids));
        c.clock->advance(std::chrono::hours(24 * 15));  // past tilTid: it may be completed, and answers still count
        eier = c.arbeidsgiverrettet();
        int svar_status = 0;
        std::thread svar([&] { svar_status = c.call("POST", path(id, "/jobbsoker/borger/svar-ja"), c.borger(test_fnr(round))).status; });
        std::thread fullfor([&] { REQUIRE(c.call("POST", path(id, "/fullfor"), eier).status == 200); });
        svar.join();
        fullfor.join();
        auto status = c.db.scalar("SELECT status FROM jobbsoker WHERE id = '" + ids[0] + "'");
        auto typer = c.db.scalar("SELECT string_agg(hendelsestype, ',' ORDER BY rekkefolge) FROM jobbsoker_hendelse WHERE jobbsoker_id = '" + ids[0] + "'");
        if (svar_status == 200) {
            REQUIRE(status == "SVART_JA");
            REQUIRE(typer == "OPPRETTET,INVITERT,SVART_JA_TIL_INVITASJON,SVART_JA_TREFF_FULLFØRT");
        } else {
            REQUIRE(svar_status == 409);
            REQUIRE(status == "INVITERT");
            REQUIRE(typer == "OPPRETTET,INVITERT,IKKE_SVART_TREFF_FULLFØRT");
        }
    }
}

TEST_CASE("concurrency: unpublishing racing with an invitation ends as a draft with nobody invited, or published with the invitation") {
    Component c;
    auto eier = c.arbeidsgiverrettet();
    for (int round = 0; round < 10; ++round) {
        auto id = c.publisert_treff(eier);
        auto ids = c.legg_til(id, round, 1, eier);
        int inviter = 0, avpubliser = 0;
        std::thread a([&] { inviter = c.call("POST", path(id, "/jobbsoker/inviter"), eier, rt::test::ider(ids)).status; });
        std::thread b([&] { avpubliser = c.call("POST", path(id, "/avpubliser"), eier).status; });
        a.join();
        b.join();
        auto treff = c.db.scalar("SELECT status FROM rekrutteringstreff WHERE id = '" + id + "'");
        auto jobbsoker = c.db.scalar("SELECT status FROM jobbsoker WHERE id = '" + ids[0] + "'");
        INFO("round " << round << ": invite " << inviter << ", unpublish " << avpubliser);
        if (avpubliser == 200) {
            REQUIRE(inviter == 409);
            REQUIRE(treff == "UTKAST");
            REQUIRE(jobbsoker == "LAGT_TIL");
        } else {
            REQUIRE(avpubliser == 409);
            REQUIRE(inviter == 200);
            REQUIRE(treff == "PUBLISERT");
            REQUIRE(jobbsoker == "INVITERT");
        }
    }
}
