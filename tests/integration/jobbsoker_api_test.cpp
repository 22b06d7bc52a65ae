// Job seekers and citizens over real HTTP and the real PostgreSQL.
#include <catch2/catch.hpp>
#include <fmt/format.h>

#include "support/component.hpp"
#include "support/eventually.hpp"
#include "support/fnr.hpp"

using namespace rt;
using rt::test::Component;
using rt::test::test_fnr;

using rt::test::path;
using rt::test::ider;
namespace {
void skjul(const Component& c, const std::string& fnr) {
    c.db.connect().query("UPDATE jobbsoker SET er_synlig = false, synlighet_sist_oppdatert = now(), synlighet_kilde = 'EVENT' WHERE fodselsnummer = $1", fnr);
}
}  // namespace

TEST_CASE("job seekers: add in bulk (201 with their ids), an fnr already there is not added twice") {
    Component c;
    auto t = c.jobbsokerrettet();
    auto id = std::string(c.json("POST", "/api/rekrutteringstreff", c.arbeidsgiverrettet(), "{}", 201).at("id").as_string());
    auto first = c.legg_til(id, 0, 3, t);
    REQUIRE(first.size() == 3);
    auto again = c.legg_til(id, 2, 2, t);  // fnr 2 is there already, 3 is new
    REQUIRE(again.size() == 1);
    REQUIRE(c.db.count("SELECT count(*) FROM jobbsoker") == 4);
    auto body = fmt::format(R"([{{"fødselsnummer":"{0}","fornavn":"A","etternavn":"B"}},{{"fødselsnummer":"{0}","fornavn":"A","etternavn":"B"}}])",
                            test_fnr(9));
    REQUIRE(c.json("POST", path(id, "/jobbsoker"), t, body, 201).at("personTreffIder").as_array().size() == 1);
    REQUIRE(c.db.count("SELECT count(*) FROM jobbsoker_hendelse WHERE hendelsestype = 'OPPRETTET'") == 5);
    REQUIRE(c.db.scalar("SELECT DISTINCT status || '/' || er_synlig || '/' || coalesce(synlighet_sist_oppdatert::text, 'null') FROM jobbsoker") ==
            "LAGT_TIL/true/null");
}

TEST_CASE("job seekers: the list shows visible, not deleted job seekers with their events newest first") {
    Component c;
    auto eier = c.arbeidsgiverrettet("Z100000");
    auto id = c.publisert_treff(eier);
    auto ids = c.legg_til(id, 0, 3, eier);
    c.json("POST", path(id, "/jobbsoker/inviter"), eier, ider({ids[0]}));
    c.json("DELETE", path(id, "/jobbsoker/" + ids[1] + "/slett"), eier);
    skjul(c, test_fnr(2));
    auto list = c.json("GET", path(id, "/jobbsoker"), c.utvikler("Z200000")).as_array();
    REQUIRE(list.size() == 1);
    const auto& j = list[0].as_object();
    REQUIRE(j.at("personTreffId").as_string() == ids[0]);
    REQUIRE(j.at("fødselsnummer").as_string() == test_fnr(0));
    REQUIRE(j.at("fornavn").as_string() == "Fornavn0");
    REQUIRE(j.at("status").as_string() == "INVITERT");
    const auto& h = j.at("hendelser").as_array();
    REQUIRE(h.size() == 2);
    REQUIRE(h[0].at("hendelsestype").as_string() == "INVITERT");
    REQUIRE(h[0].at("opprettetAvAktørType").as_string() == "ARRANGØR");
    REQUIRE(h[0].at("aktørIdentifikasjon").as_string() == "Z100000");
    REQUIRE(h[0].at("hendelseData").is_null());
    REQUIRE(h[1].at("hendelsestype").as_string() == "OPPRETTET");
    auto audit = c.audit_lines();
    REQUIRE(audit.size() == 1);
    REQUIRE(audit[0].find("suid=Z200000") != std::string::npos);
    REQUIRE(audit[0].find("act=ACCESS") != std::string::npos);
    REQUIRE(audit[0].find("cs3=" + id) != std::string::npos);
    REQUIRE(c.json("GET", path(id), eier).at("antallJobbsøkere").as_int64() == 1);
}

TEST_CASE("job seekers: search by free text and status, with paging, hidden count and counts per status") {
    Component c;
    auto eier = c.arbeidsgiverrettet();
    auto id = c.publisert_treff(eier);
    boost::json::array body;
    const char* navn[][2] = {{"Kari", "Nordmann"}, {"Ola", "Nordmann"}, {"Per", "Hansen"}, {"Kari", "Hansen"}, {"Anne", "Nord_lys"}};
    for (int i = 0; i < 5; ++i) body.push_back({{"fødselsnummer", test_fnr(i)}, {"fornavn", navn[i][0]}, {"etternavn", navn[i][1]}});
    auto ids = c.json("POST", path(id, "/jobbsoker"), eier, boost::json::serialize(body), 201).at("personTreffIder").as_array();
    c.json("POST", path(id, "/jobbsoker/inviter"), eier, ider({std::string(ids[0].as_string()), std::string(ids[2].as_string())}));
    skjul(c, test_fnr(3));

    auto r = c.json("POST", path(id, "/jobbsoker/sok"), eier, R"({"fritekst":"nord"})").as_object();
    REQUIRE(r.at("totalt").as_int64() == 3);
    REQUIRE(r.at("antallSkjulte").as_int64() == 1);
    REQUIRE(r.at("side").as_int64() == 1);
    REQUIRE(r.at("jobbsøkere").as_array().size() == 3);
    REQUIRE(r.at("antallPerStatus").at("INVITERT").as_int64() == 1);
    REQUIRE(r.at("antallPerStatus").at("LAGT_TIL").as_int64() == 2);
    REQUIRE(r.at("antallPerStatus").at("SVART_JA").as_int64() == 0);

    auto s = c.json("POST", path(id, "/jobbsoker/sok"), eier, R"({"status":["INVITERT"]})").as_object();
    REQUIRE(s.at("totalt").as_int64() == 2);
    REQUIRE(s.at("antallPerStatus").at("LAGT_TIL").as_int64() == 2);  // counts ignore the status filter

    auto kari = c.json("POST", path(id, "/jobbsoker/sok"), eier, R"({"fritekst":"kari"})").as_object();
    REQUIRE(kari.at("totalt").as_int64() == 1);  // the hidden Kari Hansen is not found, nor counted

    auto underscore = c.json("POST", path(id, "/jobbsoker/sok"), eier, R"({"fritekst":"or_m"})").as_object();
    REQUIRE(underscore.at("totalt").as_int64() == 0);  // _ is a character, not a wildcard ("ordm" is not found)
    auto literal = c.json("POST", path(id, "/jobbsoker/sok"), eier, R"({"fritekst":"d_l"})").as_object();
    REQUIRE(literal.at("totalt").as_int64() == 1);

    auto side2 = c.json("POST", path(id, "/jobbsoker/sok"), eier, R"({"side":2,"antallPerSide":3})").as_object();
    REQUIRE(side2.at("totalt").as_int64() == 4);
    REQUIRE(side2.at("side").as_int64() == 2);
    REQUIRE(side2.at("jobbsøkere").as_array().size() == 1);
    auto tom = c.json("POST", path(id, "/jobbsoker/sok"), eier, R"({"side":9})").as_object();
    REQUIRE(tom.at("jobbsøkere").as_array().empty());
    REQUIRE(tom.at("totalt").as_int64() == 4);

    REQUIRE(c.call("POST", path(id, "/jobbsoker/sok"), eier, R"({"status":["UKJENT"]})").status == 400);
    REQUIRE(c.call("POST", path(id, "/jobbsoker/sok"), eier, R"({"antallPerSide":0})").status == 400);
    REQUIRE(c.call("POST", path(id, "/jobbsoker/sok"), eier, R"({"side":"1"})").status == 400);
}

TEST_CASE("job seekers: invite needs a published meeting (409), unknown or hidden ids are 404 and nothing is stored") {
    Component c;
    auto eier = c.arbeidsgiverrettet();
    auto utkast = std::string(c.json("POST", "/api/rekrutteringstreff", eier, "{}", 201).at("id").as_string());
    auto u = c.legg_til(utkast, 0, 1, eier);
    REQUIRE(c.call("POST", path(utkast, "/jobbsoker/inviter"), eier, ider({u[0]})).status == 409);

    auto id = c.publisert_treff(eier);
    auto ids = c.legg_til(id, 1, 3, eier);
    skjul(c, test_fnr(3));
    REQUIRE(c.call("POST", path(id, "/jobbsoker/inviter"), eier, ider({ids[0], "6f1c3a52-9b7e-4c2d-8e1f-0a1b2c3d4e5f"})).status == 404);
    REQUIRE(c.call("POST", path(id, "/jobbsoker/inviter"), eier, ider({ids[0], ids[2]})).status == 404);
    REQUIRE(c.call("POST", path(id, "/jobbsoker/inviter"), eier, ider({ids[0], u[0]})).status == 404);  // another meeting's
    REQUIRE(c.call("POST", path(id, "/jobbsoker/inviter"), eier, R"({"personTreffIder":["x"]})").status == 400);
    REQUIRE(c.db.count("SELECT count(*) FROM jobbsoker WHERE status = 'INVITERT'") == 0);
    REQUIRE(c.db.count("SELECT count(*) FROM jobbsoker_hendelse WHERE hendelsestype = 'INVITERT'") == 0);

    c.json("POST", path(id, "/jobbsoker/inviter"), eier, ider({ids[0], ids[1]}));
    c.json("POST", path(id, "/jobbsoker/inviter"), eier, ider({ids[0], ids[1]}));  // already invited: no new event
    REQUIRE(c.db.count("SELECT count(*) FROM jobbsoker_hendelse WHERE hendelsestype = 'INVITERT'") == 2);
    REQUIRE(test::eventually([&] { return c.db.count("SELECT count(*) FROM aktivitetskort_polling") == 2; }));
}

TEST_CASE("job seekers: remove is 200, then 409, and unknown or hidden is 404") {
    Component c;
    auto eier = c.arbeidsgiverrettet();
    auto id = c.publisert_treff(eier);
    auto ids = c.legg_til(id, 0, 2, eier);
    skjul(c, test_fnr(1));
    c.json("DELETE", path(id, "/jobbsoker/" + ids[0] + "/slett"), eier);
    REQUIRE(c.call("DELETE", path(id, "/jobbsoker/" + ids[0] + "/slett"), eier).status == 409);
    REQUIRE(c.call("DELETE", path(id, "/jobbsoker/" + ids[1] + "/slett"), eier).status == 404);
    REQUIRE(c.call("DELETE", path(id, "/jobbsoker/6f1c3a52-9b7e-4c2d-8e1f-0a1b2c3d4e5f/slett"), eier).status == 404);
    REQUIRE(c.call("DELETE", path(id, "/jobbsoker/nei/slett"), eier).status == 400);
    REQUIRE(c.db.scalar("SELECT status FROM jobbsoker WHERE id = '" + ids[0] + "'") == "SLETTET");
    REQUIRE(c.db.count("SELECT count(*) FROM jobbsoker_hendelse WHERE hendelsestype = 'SLETTET'") == 1);
}

TEST_CASE("job seekers: once invited, answered yes or answered no, removing is 409 and changes nothing") {
    Component c;
    auto eier = c.arbeidsgiverrettet();
    auto id = c.publisert_treff(eier);
    auto ids = c.legg_til(id, 0, 3, eier);  // 0 invited, 1 yes, 2 no
    c.json("POST", path(id, "/jobbsoker/inviter"), eier, ider(ids));
    c.json("POST", path(id, "/jobbsoker/borger/svar-ja"), c.borger(test_fnr(1)));
    c.json("POST", path(id, "/jobbsoker/borger/svar-nei"), c.borger(test_fnr(2)));
    auto før = c.snapshot();
    for (const auto& pid : ids) {
        auto r = c.call("DELETE", path(id, "/jobbsoker/" + pid + "/slett"), eier);
        INFO(r.body);
        REQUIRE(r.status == 409);
        REQUIRE(r.headers["content-type"] == "application/problem+json");
    }
    REQUIRE(c.snapshot() == før);
    REQUIRE(c.db.scalar("SELECT string_agg(status, ',' ORDER BY fornavn) FROM jobbsoker") == "INVITERT,SVART_JA,SVART_NEI");
}

TEST_CASE("job seekers: the meeting's event list holds visible job seekers' events, newest first, with who they are") {
    Component c;
    auto eier = c.arbeidsgiverrettet();
    auto id = c.publisert_treff(eier);
    auto ids = c.legg_til(id, 0, 2, eier);
    c.json("POST", path(id, "/jobbsoker/inviter"), eier, ider({ids[0], ids[1]}));
    skjul(c, test_fnr(1));
    auto list = c.json("GET", path(id, "/jobbsoker/hendelser"), eier).as_array();
    REQUIRE(list.size() == 2);
    REQUIRE(list[0].at("hendelsestype").as_string() == "INVITERT");
    REQUIRE(list[1].at("hendelsestype").as_string() == "OPPRETTET");
    for (const auto& h : list) {
        REQUIRE(h.at("personTreffId").as_string() == ids[0]);
        REQUIRE(h.at("fødselsnummer").as_string() == test_fnr(0));
        REQUIRE(h.at("fornavn").as_string() == "Fornavn0");
        REQUIRE(h.at("etternavn").as_string() == "Etternavn0");
    }
    REQUIRE(c.audit_lines().size() == 1);
}

TEST_CASE("citizen: reads their own row in the borger shape, answers yes and no, and the same answer twice adds nothing") {
    Component c;
    auto eier = c.arbeidsgiverrettet("Z100000");
    auto id = c.publisert_treff(eier);
    auto ids = c.legg_til(id, 0, 1, eier);
    auto meg = c.borger(test_fnr(0));
    auto b = c.json("GET", path(id, "/jobbsoker/borger"), meg).as_object();
    REQUIRE(b.at("personTreffId").as_string() == ids[0]);
    REQUIRE(b.at("treffId").as_string() == id);
    REQUIRE(b.at("fødselsnummer").as_string() == test_fnr(0));
    REQUIRE(b.at("fornavn").as_string() == "Fornavn0");
    REQUIRE(b.at("etternavn").as_string() == "Etternavn0");
    for (auto felt : {"kontor", "veilederNavn", "veilederNavIdent"}) REQUIRE(b.at(felt).is_null());
    REQUIRE(b.at("statuser") == boost::json::value{{"erPåmeldt", false}, {"erInvitert", false}, {"harSvart", false}});
    REQUIRE(b.at("hendelser").as_array().size() == 1);
    REQUIRE(b.size() == 10);
    REQUIRE(c.call("POST", path(id, "/jobbsoker/borger/svar-ja"), meg).status == 403);  // not invited

    c.json("POST", path(id, "/jobbsoker/inviter"), eier, ider({ids[0]}));
    b = c.json("GET", path(id, "/jobbsoker/borger"), meg).as_object();
    REQUIRE(b.at("statuser") == boost::json::value{{"erPåmeldt", false}, {"erInvitert", true}, {"harSvart", false}});
    c.json("POST", path(id, "/jobbsoker/borger/svar-ja"), meg);
    c.json("POST", path(id, "/jobbsoker/borger/svar-ja"), meg);
    b = c.json("GET", path(id, "/jobbsoker/borger"), meg).as_object();
    REQUIRE(b.at("statuser") == boost::json::value{{"erPåmeldt", true}, {"erInvitert", true}, {"harSvart", true}});
    const auto& h = b.at("hendelser").as_array();
    REQUIRE(h.size() == 3);
    REQUIRE(h[0].at("hendelsestype").as_string() == "SVART_JA_TIL_INVITASJON");
    REQUIRE(h[0].at("opprettetAvAktørType").as_string() == "JOBBSØKER");
    REQUIRE(h[0].at("aktørIdentifikasjon").as_string() == test_fnr(0));
    REQUIRE(h[0].at("hendelseData").is_null());
    REQUIRE(h[1].at("hendelsestype").as_string() == "INVITERT");
    REQUIRE(h[1].at("aktørIdentifikasjon").as_string() == "Z100000");
    REQUIRE(h[2].at("hendelsestype").as_string() == "OPPRETTET");
    c.json("POST", path(id, "/jobbsoker/borger/svar-nei"), meg);
    REQUIRE(c.json("GET", path(id, "/jobbsoker/borger"), meg).at("statuser") ==
            boost::json::value{{"erPåmeldt", false}, {"erInvitert", true}, {"harSvart", true}});
    REQUIRE(c.db.scalar(R"(SELECT string_agg(hendelsestype || '/' || opprettet_av_aktortype || '/' || aktoridentifikasjon, ';' ORDER BY rekkefolge)
                           FROM jobbsoker_hendelse WHERE hendelsestype LIKE 'SVART%')") ==
            "SVART_JA_TIL_INVITASJON/JOBBSØKER/" + test_fnr(0) + ";SVART_NEI_TIL_INVITASJON/JOBBSØKER/" + test_fnr(0));
}

TEST_CASE("citizen: not on the meeting or removed is 404, hidden or not invited is 403, a closed meeting 409, and nothing is stored") {
    Component c;
    auto eier = c.arbeidsgiverrettet();
    auto id = c.publisert_treff(eier);
    auto ids = c.legg_til(id, 0, 4, eier);
    c.json("POST", path(id, "/jobbsoker/inviter"), eier, ider({ids[0], ids[1]}));
    c.json("DELETE", path(id, "/jobbsoker/" + ids[3] + "/slett"), eier);
    skjul(c, test_fnr(1));
    auto før = c.snapshot();
    auto svar = [&](int fnr) { return c.call("POST", path(id, "/jobbsoker/borger/svar-ja"), c.borger(test_fnr(fnr))).status; };
    auto les = [&](int fnr) { return c.call("GET", path(id, "/jobbsoker/borger"), c.borger(test_fnr(fnr))).status; };
    REQUIRE(les(7) == 404);  // not on the meeting
    REQUIRE(svar(7) == 404);
    REQUIRE(les(3) == 404);  // removed
    REQUIRE(svar(3) == 404);
    REQUIRE(les(1) == 404);  // hidden
    REQUIRE(svar(1) == 403);
    REQUIRE(les(2) == 200);  // added, not invited
    REQUIRE(svar(2) == 403);
    REQUIRE(c.call("POST", path("6f1c3a52-9b7e-4c2d-8e1f-0a1b2c3d4e5f", "/jobbsoker/borger/svar-ja"), c.borger(test_fnr(0))).status == 404);
    REQUIRE(c.snapshot() == før);

    c.json("POST", path(id, "/avlys"), eier);
    før = c.snapshot();
    REQUIRE(svar(0) == 409);
    REQUIRE(c.snapshot() == før);
    REQUIRE(c.db.count("SELECT count(*) FROM jobbsoker_hendelse WHERE hendelsestype LIKE 'SVART%INVITASJON'") == 0);
}

TEST_CASE("citizen: may answer after the deadline, while the meeting is published") {
    Component c;
    auto eier = c.arbeidsgiverrettet();
    auto id = c.publisert_treff(eier);  // svarfrist 11 days ahead, the meeting 14
    auto ids = c.legg_til(id, 0, 1, eier);
    c.json("POST", path(id, "/jobbsoker/inviter"), eier, ider(ids));
    c.clock->advance(std::chrono::hours(24 * 12));
    c.json("POST", path(id, "/jobbsoker/borger/svar-ja"), c.borger(test_fnr(0)));
    REQUIRE(c.db.scalar("SELECT status FROM jobbsoker") == "SVART_JA");
    c.clock->advance(std::chrono::hours(24 * 3));  // and after the meeting, as long as nobody completed it
    c.json("POST", path(id, "/jobbsoker/borger/svar-nei"), c.borger(test_fnr(0)));
    REQUIRE(c.db.scalar("SELECT status FROM jobbsoker") == "SVART_NEI");
}

TEST_CASE("job seekers: 10,000 with every field fit in one request, all or nothing") {
    Component c;
    auto eier = c.arbeidsgiverrettet();
    auto id = std::string(c.json("POST", "/api/rekrutteringstreff", eier, "{}", 201).at("id").as_string());
    boost::json::array body;
    for (int i = 0; i < 10000; ++i)
        body.push_back({{"fødselsnummer", rt::test::test_fnr(i)},
                        {"fornavn", fmt::format("Fornavn{}", i)},
                        {"etternavn", fmt::format("Etternavn{}", i)},
                        {"lagtTilAvNavn", "Veileder Veiledersen"}});
    auto text = boost::json::serialize(body);
    REQUIRE(text.size() > 1024 * 1024);
    REQUIRE(c.json("POST", path(id, "/jobbsoker"), eier, text, 201).at("personTreffIder").as_array().size() == 10000);
    REQUIRE(c.db.count("SELECT count(*) FROM jobbsoker") == 10000);
    REQUIRE(c.db.count("SELECT count(*) FROM jobbsoker_hendelse WHERE hendelsestype = 'OPPRETTET'") == 10000);
}

TEST_CASE("job seekers: someone removed can be added again, keeping their personTreffId and history") {
    Component c;
    auto eier = c.arbeidsgiverrettet();
    auto id = c.publisert_treff(eier);
    auto ids = c.legg_til(id, 0, 1, eier);
    c.json("DELETE", path(id, "/jobbsoker/" + ids[0] + "/slett"), eier);
    REQUIRE(c.json("GET", path(id, "/jobbsoker"), eier).as_array().empty());
    auto again = c.legg_til(id, 0, 1, eier);
    REQUIRE(again == ids);
    auto list = c.json("GET", path(id, "/jobbsoker"), eier).as_array();
    REQUIRE(list.size() == 1);
    REQUIRE(list[0].at("status").as_string() == "LAGT_TIL");
    REQUIRE(c.db.scalar("SELECT string_agg(hendelsestype, ',' ORDER BY rekkefolge) FROM jobbsoker_hendelse") == "OPPRETTET,SLETTET,OPPRETTET");
    REQUIRE(c.legg_til(id, 0, 1, eier).empty());  // on the meeting now: not added twice
}
