// Meetings over real HTTP and the real PostgreSQL: lifecycle, and every error code the spec names.
#include <catch2/catch.hpp>

#include "core/time.hpp"
#include "support/component.hpp"
#include "support/fnr.hpp"

using namespace rt;
using rt::test::Component;

using rt::test::path;

TEST_CASE("meeting: create with a default title, read it back as UTKAST with its creator as owner") {
    Component c;
    auto eier = c.arbeidsgiverrettet("Z111111");
    auto id = std::string(c.json("POST", "/api/rekrutteringstreff", eier, "", 201).at("id").as_string());
    auto t = c.json("GET", path(id), c.jobbsokerrettet()).as_object();
    REQUIRE(t.at("id").as_string() == id);
    REQUIRE(t.at("tittel").as_string() == "Nytt rekrutteringstreff");
    REQUIRE(t.at("status").as_string() == "UTKAST");
    REQUIRE(t.at("opprettetAvPersonNavident").as_string() == "Z111111");
    REQUIRE(t.at("eiere").as_array() == boost::json::array{"Z111111"});
    REQUIRE(t.at("sistEndretAv").as_string() == "Z111111");
    REQUIRE(t.at("antallJobbsøkere").as_int64() == 0);
    REQUIRE(t.at("antallJobbsøkereSvartJa").as_int64() == 0);
    REQUIRE(t.at("fraTid").is_null());
    REQUIRE(tid::parse_iso(t.at("opprettetAvTidspunkt").as_string()).value() == c.clock->now());
    // The rest of the frontend's shape: fields this service has no source for keep their place.
    REQUIRE(t.at("kategori").as_string() == "REKRUTTERINGSTREFF");
    REQUIRE(t.at("opprettetAvNavkontorEnhetId").is_null());
    REQUIRE(t.at("kontorer").as_array().empty());
    REQUIRE(t.at("antallArbeidsgivere").as_int64() == 0);
    REQUIRE(t.at("antallJobbsøkereFåttJobb").as_int64() == 0);
    for (auto felt : {"kommune", "kommunenummer", "fylke", "fylkesnummer", "gateadresse", "beskrivelse"}) REQUIRE(t.at(felt).is_null());
    REQUIRE(t.size() == 26);

    auto named = c.json("POST", "/api/rekrutteringstreff", eier, R"({"tittel":"Sommerjobb","kategori":"WORKOP"})", 201);
    auto n = c.json("GET", path(std::string(named.at("id").as_string())), eier);
    REQUIRE(n.at("tittel").as_string() == "Sommerjobb");
    REQUIRE(n.at("kategori").as_string() == "WORKOP");
}

TEST_CASE("meeting: PUT sets every field, answers in Europe/Oslo offset, and clears what is left out") {
    Component c;
    auto eier = c.arbeidsgiverrettet();
    auto id = std::string(c.json("POST", "/api/rekrutteringstreff", eier, "{}", 201).at("id").as_string());
    auto t = c.json("PUT", path(id), eier,
                    R"({"tittel":"Treff","beskrivelse":"B","fraTid":"2030-06-01T08:00:00Z","tilTid":"2030-06-01T12:00:00+02:00",
                        "svarfrist":"2030-05-20T23:59:00+02:00","gateadresse":"Gate 2","postnummer":"5003","poststed":"Bergen",
                        "kommune":"Bergen","kommunenummer":"4601","fylke":"Vestland","fylkesnummer":"46","kategori":"WORKOP"})")
                 .as_object();
    REQUIRE(t.at("fraTid").as_string() == "2030-06-01T10:00:00+02:00");
    REQUIRE(t.at("tilTid").as_string() == "2030-06-01T12:00:00+02:00");
    REQUIRE(t.at("svarfrist").as_string() == "2030-05-20T23:59:00+02:00");
    REQUIRE(t.at("poststed").as_string() == "Bergen");
    REQUIRE(t.at("kommune").as_string() == "Bergen");
    REQUIRE(t.at("kommunenummer").as_string() == "4601");
    REQUIRE(t.at("fylke").as_string() == "Vestland");
    REQUIRE(t.at("fylkesnummer").as_string() == "46");
    REQUIRE(t.at("kategori").as_string() == "REKRUTTERINGSTREFF");  // chosen at creation, never changed
    auto cleared = c.json("PUT", path(id), eier, R"({"tittel":"Bare tittel"})").as_object();
    REQUIRE(cleared.at("beskrivelse").is_null());
    REQUIRE(cleared.at("fraTid").is_null());
    REQUIRE(cleared.at("kommunenummer").is_null());
    REQUIRE(cleared.at("tittel").as_string() == "Bare tittel");
}

TEST_CASE("meeting: publish needs times in order, a deadline and an address (400), only from UTKAST (409)") {
    Component c;
    auto eier = c.arbeidsgiverrettet();
    auto id = std::string(c.json("POST", "/api/rekrutteringstreff", eier, "{}", 201).at("id").as_string());
    auto r = c.call("POST", path(id, "/publiser"), eier);
    REQUIRE(r.status == 400);
    REQUIRE(r.headers["content-type"] == "application/problem+json");
    c.json("PUT", path(id), eier, R"({"tittel":"T","fraTid":"2030-06-01T08:00:00Z","tilTid":"2030-06-01T10:00:00Z"})");
    auto missing = c.call("POST", path(id, "/publiser"), eier);
    REQUIRE(missing.status == 400);
    REQUIRE(missing.body.find("svarfrist") != std::string::npos);
    REQUIRE(missing.body.find("adresse") != std::string::npos);
    REQUIRE(c.json("GET", path(id), eier).at("status").as_string() == "UTKAST");

    c.json("PUT", path(id), eier, c.felter("Klar"));
    REQUIRE(c.json("POST", path(id, "/publiser"), eier).at("status").as_string() == "PUBLISERT");
    REQUIRE(c.call("POST", path(id, "/publiser"), eier).status == 409);
}

TEST_CASE("meeting: delete only an UTKAST without job seekers, which still reads while every write to it is 409") {
    Component c;
    auto eier = c.arbeidsgiverrettet();
    auto tom = std::string(c.json("POST", "/api/rekrutteringstreff", eier, "{}", 201).at("id").as_string());
    auto med = std::string(c.json("POST", "/api/rekrutteringstreff", eier, "{}", 201).at("id").as_string());
    c.legg_til(med, 0, 1, eier);
    REQUIRE(c.call("DELETE", path(med), eier).status == 409);
    REQUIRE(c.json("DELETE", path(tom), eier).at("status").as_string() == "SLETTET");
    REQUIRE(c.json("GET", path(tom), c.jobbsokerrettet()).at("status").as_string() == "SLETTET");
    auto før = c.snapshot();
    REQUIRE(c.call("DELETE", path(tom), eier).status == 409);
    REQUIRE(c.call("PUT", path(tom), eier, c.felter("Etter sletting")).status == 409);
    REQUIRE(c.call("POST", path(tom, "/publiser"), eier).status == 409);
    REQUIRE(c.call("POST", path(tom, "/avlys"), eier).status == 409);
    REQUIRE(c.call("POST", path(tom, "/jobbsoker"), eier, R"([{"fødselsnummer":")" + test::test_fnr(5) +
                                                             R"(","fornavn":"A","etternavn":"B"}])")
                .status == 409);
    REQUIRE(c.snapshot() == før);
    auto publisert = c.publisert_treff(eier);
    REQUIRE(c.call("DELETE", path(publisert), eier).status == 409);
    REQUIRE(c.db.count("SELECT count(*) FROM rekrutteringstreff WHERE status = 'SLETTET'") == 1);
}

TEST_CASE("meeting: unknown id is 404, a path id that is not a UUID is 400") {
    Component c;
    auto t = c.arbeidsgiverrettet();
    auto unknown = c.call("GET", path("6f1c3a52-9b7e-4c2d-8e1f-0a1b2c3d4e5f"), t);
    REQUIRE(unknown.status == 404);
    REQUIRE(unknown.headers["content-type"] == "application/problem+json");
    REQUIRE(c.call("GET", path("ikke-en-uuid"), t).status == 400);
    REQUIRE(c.call("POST", path("6f1c3a52-9b7e-4c2d-8e1f-0a1b2c3d4e5f", "/publiser"), t).status == 404);
}

TEST_CASE("meeting: PUT of a published meeting with invited job seekers writes OPPDATERT and no job seeker event") {
    Component c;
    auto eier = c.arbeidsgiverrettet("Z123456");
    auto id = c.publisert_treff(eier, "Gammel tittel");
    auto ids = c.legg_til(id, 0, 2, eier);
    c.json("POST", path(id, "/jobbsoker/inviter"), eier, rt::test::ider({ids[0], ids[1]}));
    c.json("POST", path(id, "/jobbsoker/borger/svar-ja"), c.borger(test::test_fnr(0)));
    auto jobbsokerhendelser = c.db.count("SELECT count(*) FROM jobbsoker_hendelse");
    REQUIRE(c.json("PUT", path(id), eier, c.felter("Ny tittel", 20)).at("tittel").as_string() == "Ny tittel");
    REQUIRE(c.db.count("SELECT count(*) FROM jobbsoker_hendelse") == jobbsokerhendelser);
    REQUIRE(c.db.scalar("SELECT string_agg(hendelsestype || '/' || aktoridentifikasjon, ',' ORDER BY rekkefolge) FROM rekrutteringstreff_hendelse") ==
            "OPPRETTET/Z123456,EIER_LAGT_TIL/Z123456,OPPDATERT/Z123456,PUBLISERT/Z123456,OPPDATERT/Z123456");
}

TEST_CASE("meeting: cancelling gives yes-sayers SVART_JA_TREFF_AVLYST and the unanswered IKKE_SVART_TREFF_AVLYST") {
    Component c;
    auto eier = c.arbeidsgiverrettet("Z123456");
    auto id = c.publisert_treff(eier);
    auto ids = c.legg_til(id, 0, 4, eier);  // 0: not invited, 1: invited, 2: yes, 3: no
    c.json("POST", path(id, "/jobbsoker/inviter"), eier,
           boost::json::serialize(boost::json::object{{"personTreffIder", {ids[1], ids[2], ids[3]}}}));
    c.json("POST", path(id, "/jobbsoker/borger/svar-ja"), c.borger(test::test_fnr(2)));
    c.json("POST", path(id, "/jobbsoker/borger/svar-nei"), c.borger(test::test_fnr(3)));
    c.json("POST", path(id, "/avlys"), eier);
    REQUIRE(c.db.scalar(R"(SELECT string_agg(j.fornavn || '=' || h.hendelsestype || '/' || h.opprettet_av_aktortype || '/' ||
                                  h.aktoridentifikasjon, ';' ORDER BY j.fornavn)
                           FROM jobbsoker_hendelse h JOIN jobbsoker j ON j.id = h.jobbsoker_id
                           WHERE h.hendelsestype LIKE '%AVLYST')") ==
            "Fornavn1=IKKE_SVART_TREFF_AVLYST/ARRANGØR/Z123456;Fornavn2=SVART_JA_TREFF_AVLYST/ARRANGØR/Z123456");
}

TEST_CASE("meeting: completing gives SVART_JA_TREFF_FULLFØRT and IKKE_SVART_TREFF_FULLFØRT") {
    Component c;
    auto eier = c.arbeidsgiverrettet();
    auto id = c.publisert_treff(eier);
    auto ids = c.legg_til(id, 0, 2, eier);
    c.json("POST", path(id, "/jobbsoker/inviter"), eier, boost::json::serialize(boost::json::object{{"personTreffIder", {ids[0], ids[1]}}}));
    c.json("POST", path(id, "/jobbsoker/borger/svar-ja"), c.borger(test::test_fnr(0)));
    c.clock->advance(std::chrono::hours(24 * 15));  // past tilTid
    c.json("POST", path(id, "/fullfor"), c.arbeidsgiverrettet());
    REQUIRE(c.db.scalar(R"(SELECT string_agg(j.fornavn || '=' || h.hendelsestype, ';' ORDER BY j.fornavn)
                           FROM jobbsoker_hendelse h JOIN jobbsoker j ON j.id = h.jobbsoker_id
                           WHERE h.hendelsestype LIKE '%FULLFØRT')") ==
            "Fornavn0=SVART_JA_TREFF_FULLFØRT;Fornavn1=IKKE_SVART_TREFF_FULLFØRT");
    auto t = c.json("GET", path(id), c.arbeidsgiverrettet());
    REQUIRE(t.at("antallJobbsøkere").as_int64() == 2);
    REQUIRE(t.at("antallJobbsøkereSvartJa").as_int64() == 1);
}

TEST_CASE("meeting: an edit that would leave a published meeting without time, deadline or address is 400") {
    Component c;
    auto eier = c.arbeidsgiverrettet();
    auto id = c.publisert_treff(eier, "Publisert");
    auto r = c.call("PUT", path(id), eier, R"({"tittel":"Bare tittel"})");
    REQUIRE(r.status == 400);
    REQUIRE(r.body.find("svarfrist") != std::string::npos);
    auto t = c.json("GET", path(id), eier);
    REQUIRE(t.at("tittel").as_string() == "Publisert");
    REQUIRE_FALSE(t.at("svarfrist").is_null());
}
