// Answers on a job seeker's behalf ("Answers on a job seeker's behalf" in
// ../shared/spec/jobbsoker.md) and what a citizen may read of a meeting ("Citizens"), over real
// HTTP and the real PostgreSQL. The cards and rapid messages these answers make are in
// aktivitetskort_test.cpp.
#include <catch2/catch.hpp>

#include "support/component.hpp"
#include "support/fnr.hpp"

using namespace rt;
using rt::test::Component;
using rt::test::ider;
using rt::test::path;
using rt::test::test_fnr;

namespace {

constexpr const char* kEier = "Z100001";

void skjul(const Component& c, const std::string& id) { c.db.connect().query("UPDATE jobbsoker SET er_synlig = false WHERE id = $1", id); }

std::string svar_body(const char* svar) { return std::string(R"({"svar":)") + svar + "}"; }

}  // namespace

TEST_CASE("on behalf: yes, no and none move the status and write the owner's event, and the same twice stores nothing") {
    Component c;
    auto eier = c.arbeidsgiverrettet(kEier);
    auto id = c.publisert_treff(eier);
    auto ids = c.legg_til(id, 0, 1, eier);
    c.json("POST", path(id, "/jobbsoker/inviter"), eier, ider(ids));
    const auto sti = path(id, "/jobbsoker/" + ids[0] + "/svar");
    auto status = [&] { return c.db.scalar("SELECT status FROM jobbsoker"); };

    c.json("POST", sti, eier, svar_body("true"));
    CHECK(status() == "SVART_JA");
    auto før = c.snapshot();
    c.json("POST", sti, eier, svar_body("true"));  // already: 200, nothing stored
    CHECK(c.snapshot() == før);
    c.json("POST", sti, c.utvikler("Z900009"), svar_body("false"));  // UTVIKLER passes every counsellor check
    CHECK(status() == "SVART_NEI");
    c.json("POST", sti, eier, R"({"svar":null,"kommentar":"ringte og trakk svaret"})");  // other keys are ignored
    CHECK(status() == "INVITERT");
    før = c.snapshot();
    c.json("POST", sti, eier, svar_body("null"));
    CHECK(c.snapshot() == før);
    CHECK(c.db.scalar(R"(SELECT string_agg(hendelsestype || '/' || opprettet_av_aktortype || '/' || aktoridentifikasjon || '/' ||
                                           coalesce(hendelse_data::text, 'null'), ';' ORDER BY rekkefolge)
                         FROM jobbsoker_hendelse WHERE hendelsestype NOT IN ('OPPRETTET', 'INVITERT'))") ==
          "SVART_JA_TIL_INVITASJON_AV_EIER/ARRANGØR/Z100001/null;SVART_NEI_TIL_INVITASJON_AV_EIER/ARRANGØR/Z900009/null;"
          "SVAR_FJERNET_AV_EIER/ARRANGØR/Z100001/null");
    // Each is on its way to the rapid and the card.
    CHECK(c.db.count("SELECT count(*) FROM jobbsoker_hendelse h WHERE hendelsestype LIKE 'SVAR%' AND (EXISTS "
                     "(SELECT 1 FROM hendelse_utboks u WHERE u.hendelse_id = h.id) OR EXISTS "
                     "(SELECT 1 FROM aktivitetskort_polling p WHERE p.hendelse_id = h.id))") == 3);
}

TEST_CASE("on behalf: not on the meeting or hidden is 404, not invited or removed is 409, a meeting not published 409") {
    Component c;
    auto eier = c.arbeidsgiverrettet(kEier);
    auto id = c.publisert_treff(eier);
    auto annet = c.publisert_treff(eier);
    auto ids = c.legg_til(id, 0, 4, eier);  // 0 invited, 1 added only, 2 removed, 3 invited and hidden
    auto fremmed = c.legg_til(annet, 5, 1, eier);
    c.json("POST", path(id, "/jobbsoker/inviter"), eier, ider({ids[0], ids[3]}));
    c.json("DELETE", path(id, "/jobbsoker/" + ids[2] + "/slett"), eier);
    skjul(c, ids[3]);
    auto svar = [&](const std::string& treff, const std::string& pid) {
        return c.call("POST", path(treff, "/jobbsoker/" + pid + "/svar"), eier, svar_body("true")).status;
    };
    auto før = c.snapshot();
    CHECK(svar(id, "6f1c3a52-9b7e-4c2d-8e1f-0a1b2c3d4e5f") == 404);
    CHECK(svar(id, fremmed[0]) == 404);  // another meeting's job seeker
    CHECK(svar("6f1c3a52-9b7e-4c2d-8e1f-0a1b2c3d4e5f", ids[0]) == 404);
    CHECK(svar(id, ids[3]) == 404);
    CHECK(svar(id, ids[1]) == 409);
    CHECK(svar(id, ids[2]) == 409);
    CHECK(c.snapshot() == før);

    // The deadline is not checked; the meeting's status is.
    c.clock->advance(std::chrono::hours(24 * 12));
    eier = c.arbeidsgiverrettet(kEier);
    CHECK(svar(id, ids[0]) == 200);
    c.json("POST", path(id, "/avlys"), eier);
    før = c.snapshot();
    auto r = c.call("POST", path(id, "/jobbsoker/" + ids[0] + "/svar"), eier, svar_body("false"));
    CHECK(r.status == 409);
    CHECK(r.body.find(test_fnr(0)) == std::string::npos);
    CHECK(c.snapshot() == før);
    CHECK(c.db.scalar("SELECT status FROM jobbsoker WHERE id = '" + ids[0] + "'") == "SVART_JA");
}

TEST_CASE("citizen view: GET /{id} shows an invited citizen the meeting's public fields, and anyone else reads 404") {
    Component c;
    auto eier = c.arbeidsgiverrettet(kEier);
    auto id = c.publisert_treff(eier, "Treff for borgere");
    auto ids = c.legg_til(id, 0, 6, eier);  // 0 invited, 1 yes, 2 no, 3 added only, 4 removed, 5 invited and hidden
    c.json("POST", path(id, "/jobbsoker/inviter"), eier, ider({ids[0], ids[1], ids[2], ids[5]}));
    c.json("POST", path(id, "/jobbsoker/borger/svar-ja"), c.borger(test_fnr(1)));
    c.json("POST", path(id, "/jobbsoker/borger/svar-nei"), c.borger(test_fnr(2)));
    c.json("DELETE", path(id, "/jobbsoker/" + ids[4] + "/slett"), eier);
    skjul(c, ids[5]);

    for (int i : {0, 1, 2}) {
        auto t = c.json("GET", path(id), c.borger(test_fnr(i))).as_object();
        INFO("citizen " << i);
        CHECK(t.size() == 11);
        CHECK(t.at("id").as_string() == id);
        CHECK(t.at("tittel").as_string() == "Treff for borgere");
        CHECK(t.at("beskrivelse").as_string() == "Vi treffes og snakker om jobb");
        CHECK(t.at("status").as_string() == "PUBLISERT");
        CHECK(t.at("kategori").as_string() == "REKRUTTERINGSTREFF");
        CHECK(t.at("gateadresse").as_string() == "Eksempelgate 1");
        CHECK(t.at("postnummer").as_string() == "0123");
        CHECK(t.at("poststed").as_string() == "Oslo");
        for (auto felt : {"fraTid", "tilTid", "svarfrist"}) CHECK(t.at(felt).is_string());
        for (auto felt : {"eiere", "opprettetAvPersonNavident", "antallJobbsøkere", "sistEndretAv"}) CHECK_FALSE(t.contains(felt));
    }
    for (int i : {3, 4, 5, 9}) {
        auto r = c.call("GET", path(id), c.borger(test_fnr(i)));
        INFO("citizen " << i << " -> " << r.body);
        CHECK(r.status == 404);
        CHECK(r.headers["content-type"] == "application/problem+json");
    }
    // A meeting that does not exist reads the same as one the citizen is not invited to.
    auto ukjent = c.call("GET", path("6f1c3a52-9b7e-4c2d-8e1f-0a1b2c3d4e5f"), c.borger(test_fnr(0)));
    CHECK(ukjent.status == 404);
    CHECK(boost::json::parse(ukjent.body).at("detail") ==
          boost::json::parse(c.call("GET", path(id), c.borger(test_fnr(3))).body).at("detail"));
    // Still invited once the meeting is cancelled: the citizen sees that it is.
    c.json("POST", path(id, "/avlys"), eier);
    CHECK(c.json("GET", path(id), c.borger(test_fnr(0))).at("status").as_string() == "AVLYST");
}
