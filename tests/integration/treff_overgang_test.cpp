// The meeting's transitions (the table in "Meetings", ../shared/spec/jobbsoker.md), over real HTTP
// and the real PostgreSQL: every action from every status, what it leaves behind when allowed (the
// new status and its meeting event, with the caller as actor) and that a refusal changes nothing.
// Then the meeting's event lists (…/hendelser and …/allehendelser) in the spec's shapes.
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

constexpr const char* kEier = "Z100001";

// The statuses a meeting can be in, with what matters for the transitions.
enum class Start {
    Utkast,             // filled in, nobody on it
    UtkastMedJobbsoker, // filled in, one job seeker added
    Publisert,          // running in two weeks, one job seeker added, nobody invited
    PublisertInvitert,  // the same with the job seeker invited
    PublisertAvsluttet, // ended yesterday (tilTid passed), one job seeker invited
    AvlystFraUtkast,
    AvlystFraPublisert,  // one job seeker invited
    Fullfort,
    Slettet,
};

const char* navn(Start s) {
    switch (s) {
        case Start::Utkast: return "UTKAST";
        case Start::UtkastMedJobbsoker: return "UTKAST med jobbsøker";
        case Start::Publisert: return "PUBLISERT, ingen invitert";
        case Start::PublisertInvitert: return "PUBLISERT, en invitert";
        case Start::PublisertAvsluttet: return "PUBLISERT, tilTid passert";
        case Start::AvlystFraUtkast: return "AVLYST fra UTKAST";
        case Start::AvlystFraPublisert: return "AVLYST fra PUBLISERT";
        case Start::Fullfort: return "FULLFØRT";
        case Start::Slettet: return "SLETTET";
    }
    return "?";
}

std::string lag(const Component& c, Start s) {
    auto eier = c.arbeidsgiverrettet(kEier);
    auto id = std::string(c.json("POST", "/api/rekrutteringstreff", eier, "{}", 201).at("id").as_string());
    bool avsluttet = s == Start::PublisertAvsluttet || s == Start::Fullfort;
    c.json("PUT", path(id), eier, c.felter("Treffet", avsluttet ? -1 : 14));
    auto legg_til = [&] { return c.legg_til(id, 0, 1, eier); };
    switch (s) {
        case Start::Utkast: break;
        case Start::UtkastMedJobbsoker: legg_til(); break;
        case Start::Publisert:
            c.json("POST", path(id, "/publiser"), eier);
            legg_til();
            break;
        case Start::PublisertInvitert:
        case Start::PublisertAvsluttet:
        case Start::AvlystFraPublisert:
        case Start::Fullfort:
            c.json("POST", path(id, "/publiser"), eier);
            c.json("POST", path(id, "/jobbsoker/inviter"), eier, ider(legg_til()));
            if (s == Start::AvlystFraPublisert) c.json("POST", path(id, "/avlys"), eier);
            if (s == Start::Fullfort) c.json("POST", path(id, "/fullfor"), eier);
            break;
        case Start::AvlystFraUtkast: c.json("POST", path(id, "/avlys"), eier); break;
        case Start::Slettet: c.json("DELETE", path(id), eier); break;
    }
    return id;
}

enum class Handling { Publiser, Avpubliser, Avlys, Gjenapn, Fullfor, Slett, Endre, Endringer };
constexpr Handling kHandlinger[] = {Handling::Publiser, Handling::Avpubliser, Handling::Avlys, Handling::Gjenapn,
                                    Handling::Fullfor,  Handling::Slett,      Handling::Endre, Handling::Endringer};

struct Kall {
    const char* navn;
    std::string method, sti, body;
    const char* hendelse;  // the meeting event it writes when allowed
};

Kall kall(const Component& c, Handling h, const std::string& id) {
    switch (h) {
        case Handling::Publiser: return {"publiser", "POST", path(id, "/publiser"), "", "PUBLISERT"};
        case Handling::Avpubliser: return {"avpubliser", "POST", path(id, "/avpubliser"), "", "AVPUBLISERT"};
        case Handling::Avlys: return {"avlys", "POST", path(id, "/avlys"), "", "AVLYST"};
        case Handling::Gjenapn: return {"gjenapn", "POST", path(id, "/gjenapn"), "", "GJENÅPNET"};
        case Handling::Fullfor: return {"fullfor", "POST", path(id, "/fullfor"), "", "FULLFØRT"};
        case Handling::Slett: return {"DELETE", "DELETE", path(id), "", "SLETTET"};
        case Handling::Endre: return {"PUT", "PUT", path(id), c.felter("Endret", 20), "OPPDATERT"};
        case Handling::Endringer:
            return {"endringer", "POST", path(id, "/endringer"), R"({"endredeFelter":["NAVN"]})", "TREFF_ENDRET_ETTER_PUBLISERING"};
    }
    return {};
}

// The answer, and the status afterwards ("" where refused: the status stays).
struct Utfall {
    int status;
    const char* til = "";
};
struct Rad {
    Start start;
    Utfall utfall[std::size(kHandlinger)];
};
// Columns in the order of kHandlinger: publiser, avpubliser, avlys, gjenapn, fullfor, DELETE, PUT, endringer.
const Rad kTabell[] = {
    {Start::Utkast, {{200, "PUBLISERT"}, {409}, {200, "AVLYST"}, {409}, {409}, {200, "SLETTET"}, {200, "UTKAST"}, {400}}},
    {Start::UtkastMedJobbsoker, {{200, "PUBLISERT"}, {409}, {200, "AVLYST"}, {409}, {409}, {409}, {200, "UTKAST"}, {400}}},
    {Start::Publisert, {{409}, {200, "UTKAST"}, {200, "AVLYST"}, {409}, {409}, {409}, {200, "PUBLISERT"}, {201, "PUBLISERT"}}},
    {Start::PublisertInvitert, {{409}, {409}, {200, "AVLYST"}, {409}, {409}, {409}, {200, "PUBLISERT"}, {201, "PUBLISERT"}}},
    {Start::PublisertAvsluttet, {{409}, {409}, {200, "AVLYST"}, {409}, {200, "FULLFØRT"}, {409}, {200, "PUBLISERT"}, {201, "PUBLISERT"}}},
    {Start::AvlystFraUtkast, {{409}, {409}, {409}, {200, "UTKAST"}, {409}, {409}, {409}, {400}}},
    {Start::AvlystFraPublisert, {{409}, {409}, {409}, {200, "PUBLISERT"}, {409}, {409}, {409}, {400}}},
    {Start::Fullfort, {{409}, {409}, {409}, {409}, {409}, {409}, {409}, {400}}},
    {Start::Slettet, {{409}, {409}, {409}, {409}, {409}, {409}, {409}, {400}}},
};

std::string sist_treffhendelse(const Component& c, const std::string& id) {
    return c.db.scalar("SELECT hendelsestype || '/' || opprettet_av_aktortype || '/' || aktoridentifikasjon FROM rekrutteringstreff_hendelse "
                       "WHERE rekrutteringstreff_id = '" + id + "' ORDER BY rekkefolge DESC LIMIT 1");
}

std::string treffstatus(const Component& c, const std::string& id) {
    return c.db.scalar("SELECT status FROM rekrutteringstreff WHERE id = '" + id + "'");
}

}  // namespace

TEST_CASE("transitions: every action from every status, as the spec's table, and a refusal changes nothing") {
    Component c;
    int celler = 0;
    for (const auto& rad : kTabell) {
        for (std::size_t i = 0; i < std::size(kHandlinger); ++i) {
            auto id = lag(c, rad.start);
            auto k = kall(c, kHandlinger[i], id);
            const auto& forventet = rad.utfall[i];
            auto før = c.snapshot();
            auto status_før = treffstatus(c, id);
            auto r = c.call(k.method, k.sti, c.arbeidsgiverrettet(kEier), k.body);
            INFO(k.navn << " from " << navn(rad.start) << " -> " << r.status << " " << r.body);
            ++celler;
            CHECK(r.status == forventet.status);
            if (forventet.status >= 400) {
                CHECK(r.headers["content-type"] == "application/problem+json");
                CHECK(c.snapshot() == før);
                CHECK(treffstatus(c, id) == status_før);
                continue;
            }
            CHECK(treffstatus(c, id) == forventet.til);
            CHECK(sist_treffhendelse(c, id) == std::string(k.hendelse) + "/ARRANGØR/" + kEier);
            // Every write answers the meeting as it is now (endringer: 201 without a body).
            if (kHandlinger[i] == Handling::Endringer) CHECK(r.body.empty());
            else if (kHandlinger[i] != Handling::Slett) CHECK(boost::json::parse(r.body).at("status").as_string() == forventet.til);
        }
    }
    CHECK(celler == 9 * 8);
}

TEST_CASE("transitions: a cancelled draft reopens as a draft and must be published through publiser and its checks") {
    Component c;
    auto eier = c.arbeidsgiverrettet(kEier);
    auto id = std::string(c.json("POST", "/api/rekrutteringstreff", eier, "{}", 201).at("id").as_string());
    c.json("POST", path(id, "/avlys"), eier);
    CHECK(c.db.scalar("SELECT avlyst_fra_status FROM rekrutteringstreff") == "UTKAST");
    CHECK(c.json("POST", path(id, "/gjenapn"), eier).at("status").as_string() == "UTKAST");
    CHECK(c.db.scalar("SELECT coalesce(avlyst_fra_status, 'null') FROM rekrutteringstreff") == "null");
    CHECK(c.call("POST", path(id, "/publiser"), eier).status == 400);  // no times, deadline or address
    c.json("PUT", path(id), eier, c.felter("Nå klar"));
    CHECK(c.json("POST", path(id, "/publiser"), eier).at("status").as_string() == "PUBLISERT");
}

TEST_CASE("transitions: reopening a cancelled meeting writes no job seeker event and changes no job seeker's status") {
    Component c;
    auto eier = c.arbeidsgiverrettet(kEier);
    auto id = c.publisert_treff(eier);
    auto ids = c.legg_til(id, 0, 3, eier);
    c.json("POST", path(id, "/jobbsoker/inviter"), eier, ider(ids));
    c.json("POST", path(id, "/jobbsoker/borger/svar-ja"), c.borger(test_fnr(0)));
    c.json("POST", path(id, "/jobbsoker/borger/svar-nei"), c.borger(test_fnr(1)));
    c.json("POST", path(id, "/avlys"), eier);
    auto hendelser = c.db.count("SELECT count(*) FROM jobbsoker_hendelse");
    auto statuser = c.db.scalar("SELECT string_agg(status, ',' ORDER BY fornavn) FROM jobbsoker");
    CHECK(statuser == "SVART_JA,SVART_NEI,INVITERT");
    CHECK(c.json("POST", path(id, "/gjenapn"), eier).at("status").as_string() == "PUBLISERT");
    CHECK(c.db.count("SELECT count(*) FROM jobbsoker_hendelse") == hendelser);
    CHECK(c.db.scalar("SELECT string_agg(status, ',' ORDER BY fornavn) FROM jobbsoker") == statuser);
    // Published again: the answers count again, and cancelling again writes the fate once more.
    c.json("POST", path(id, "/jobbsoker/borger/svar-ja"), c.borger(test_fnr(2)));
    c.json("POST", path(id, "/avlys"), eier);
    CHECK(c.db.count("SELECT count(*) FROM jobbsoker_hendelse WHERE hendelsestype = 'SVART_JA_TREFF_AVLYST'") == 3);
}

TEST_CASE("transitions: completing needs tilTid passed: not before the meeting, not while it goes on") {
    Component c;
    auto eier = c.arbeidsgiverrettet(kEier);
    auto id = c.publisert_treff(eier);  // two weeks ahead
    auto før = c.snapshot();
    auto r = c.call("POST", path(id, "/fullfor"), eier);
    CHECK(r.status == 409);
    CHECK(r.body.find("tilTid") != std::string::npos);
    c.clock->advance(std::chrono::hours(24 * 14 + 1));  // during the meeting: it started, it has not ended
    CHECK(c.call("POST", path(id, "/fullfor"), c.arbeidsgiverrettet(kEier)).status == 409);
    CHECK(c.snapshot() == før);
    c.clock->advance(std::chrono::hours(2));  // ended
    CHECK(c.json("POST", path(id, "/fullfor"), c.arbeidsgiverrettet(kEier)).at("status").as_string() == "FULLFØRT");
}

TEST_CASE("transitions: a meeting with job seekers that are all removed can be deleted only while nobody is on it") {
    Component c;
    auto eier = c.arbeidsgiverrettet(kEier);
    auto id = std::string(c.json("POST", "/api/rekrutteringstreff", eier, "{}", 201).at("id").as_string());
    auto ids = c.legg_til(id, 0, 1, eier);
    CHECK(c.call("DELETE", path(id), eier).status == 409);
    c.json("DELETE", path(id, "/jobbsoker/" + ids[0] + "/slett"), eier);
    CHECK(c.json("DELETE", path(id), eier).at("status").as_string() == "SLETTET");
}

TEST_CASE("endringer: an empty list still writes the card update for the invited and the notification for yes-sayers") {
    Component c;
    auto eier = c.arbeidsgiverrettet(kEier);
    auto id = c.publisert_treff(eier);
    auto ids = c.legg_til(id, 0, 2, eier);
    c.json("POST", path(id, "/jobbsoker/inviter"), eier, ider(ids));
    c.json("POST", path(id, "/jobbsoker/" + ids[0] + "/svar"), eier, R"({"svar":true})");
    // Only unknown names: the same as none.
    c.json("POST", path(id, "/endringer"), eier, R"({"endredeFelter":["FARGE"]})", 201);
    CHECK(c.db.scalar(R"(SELECT string_agg(j.fornavn || '=' || h.hendelsestype || '/' || coalesce(h.hendelse_data::text, 'null'), ';'
                                           ORDER BY j.fornavn, h.rekkefolge)
                         FROM jobbsoker_hendelse h JOIN jobbsoker j ON j.id = h.jobbsoker_id WHERE h.hendelsestype LIKE 'TREFF_ENDRET%')") ==
          R"(Fornavn0=TREFF_ENDRET_ETTER_PUBLISERING/null;Fornavn0=TREFF_ENDRET_ETTER_PUBLISERING_NOTIFIKASJON/{"endredeFelter": []};)"
          "Fornavn1=TREFF_ENDRET_ETTER_PUBLISERING/null");
}

TEST_CASE("meeting events: …/hendelser lists the meeting's own events newest first, with actor and nothing else") {
    Component c;
    auto eier = c.arbeidsgiverrettet(kEier);
    auto id = std::string(c.json("POST", "/api/rekrutteringstreff", eier, R"({"tittel":"Logg"})", 201).at("id").as_string());
    c.clock->advance(std::chrono::minutes(1));
    c.json("PUT", path(id), c.arbeidsgiverrettet(kEier), c.felter("Logg"));
    c.clock->advance(std::chrono::minutes(1));
    c.json("POST", path(id, "/publiser"), c.utvikler("Z900009"));
    c.clock->advance(std::chrono::minutes(1));
    c.json("POST", path(id, "/endringer"), c.arbeidsgiverrettet(kEier), R"({"endredeFelter":[]})", 201);
    c.clock->advance(std::chrono::minutes(1));
    c.json("POST", path(id, "/avlys"), c.arbeidsgiverrettet(kEier));
    c.clock->advance(std::chrono::minutes(1));
    c.json("POST", path(id, "/gjenapn"), c.arbeidsgiverrettet(kEier));
    auto liste = c.json("GET", path(id, "/hendelser"), c.arbeidsgiverrettet(kEier)).as_array();
    std::vector<std::string> typer;
    for (const auto& h : liste) {
        const auto& o = h.as_object();
        CHECK(o.size() == 5);
        CHECK(o.at("opprettetAvAktørType").as_string() == "ARRANGØR");
        CHECK(tid::parse_iso(o.at("tidspunkt").as_string()).has_value());
        typer.push_back(fmt::format("{}/{}", std::string_view(o.at("hendelsestype").as_string()),
                                    std::string_view(o.at("aktørIdentifikasjon").as_string())));
    }
    CHECK(typer == std::vector<std::string>{"GJENÅPNET/Z100001", "AVLYST/Z100001", "TREFF_ENDRET_ETTER_PUBLISERING/Z100001",
                                            "PUBLISERT/Z900009", "OPPDATERT/Z100001", "EIER_LAGT_TIL/Z100001", "OPPRETTET/Z100001"});
    CHECK(liste.front().at("tidspunkt").as_string() == tid::format_oslo(c.clock->now()));
    CHECK(c.db.scalar("SELECT subjekt_id || '/' || subjekt_navn FROM rekrutteringstreff_hendelse WHERE hendelsestype = 'EIER_LAGT_TIL'") ==
          "Z100001/Z100001");
    // Not read for anyone but the owners; the event log is the meeting's own, no audit line needed.
    CHECK(c.call("GET", path(id, "/hendelser"), c.arbeidsgiverrettet("Z100002")).status == 403);
    CHECK(c.audit_lines().empty());
}

TEST_CASE("meeting events: …/allehendelser merges the meeting's and its visible job seekers' events, newest first") {
    Component c;
    auto eier = c.arbeidsgiverrettet(kEier);
    auto id = c.publisert_treff(eier);  // OPPRETTET, EIER_LAGT_TIL, OPPDATERT, PUBLISERT at T0
    c.clock->advance(std::chrono::minutes(1));
    eier = c.arbeidsgiverrettet(kEier);
    auto ids = c.legg_til(id, 0, 3, eier);  // T1: three OPPRETTET
    c.clock->advance(std::chrono::minutes(1));
    c.json("POST", path(id, "/jobbsoker/inviter"), eier, ider({ids[0], ids[2]}));  // T2
    c.json("DELETE", path(id, "/jobbsoker/" + ids[1] + "/slett"), eier);            // T2: removed ones stay listed
    c.db.connect().query("UPDATE jobbsoker SET er_synlig = false WHERE id = $1", ids[2]);  // hidden: not listed
    c.clock->advance(std::chrono::minutes(1));
    c.json("POST", path(id, "/avlys"), c.arbeidsgiverrettet(kEier));  // T3: AVLYST and its consequence

    auto liste = c.json("GET", path(id, "/allehendelser"), c.arbeidsgiverrettet(kEier)).as_array();
    std::vector<std::string> linjer;
    for (const auto& h : liste) {
        const auto& o = h.as_object();
        CHECK(o.size() == 8);
        CHECK_FALSE(o.contains("hendelseData"));
        linjer.push_back(fmt::format("{} {} {} {}", std::string_view(o.at("ressurs").as_string()),
                                     std::string_view(o.at("hendelsestype").as_string()),
                                     o.at("subjektId").is_null() ? std::string("-") : std::string(o.at("subjektId").as_string()),
                                     o.at("subjektNavn").is_null() ? std::string("-") : std::string(o.at("subjektNavn").as_string())));
    }
    const auto a = test_fnr(0), b = test_fnr(1);
    // At one instant (one transaction) the job seekers' events are the consequences and come first.
    CHECK(linjer == std::vector<std::string>{
                        "JOBBSØKER IKKE_SVART_TREFF_AVLYST " + a + " Fornavn0 Etternavn0",
                        "REKRUTTERINGSTREFF AVLYST - -",
                        "JOBBSØKER SLETTET " + b + " Fornavn1 Etternavn1",
                        "JOBBSØKER INVITERT " + a + " Fornavn0 Etternavn0",
                        "JOBBSØKER OPPRETTET " + b + " Fornavn1 Etternavn1",
                        "JOBBSØKER OPPRETTET " + a + " Fornavn0 Etternavn0",
                        "REKRUTTERINGSTREFF PUBLISERT - -",
                        "REKRUTTERINGSTREFF OPPDATERT - -",
                        "REKRUTTERINGSTREFF EIER_LAGT_TIL Z100001 Z100001",
                        "REKRUTTERINGSTREFF OPPRETTET - -",
                    });
    CHECK(liste[0].at("opprettetAvAktørType").as_string() == "ARRANGØR");
    CHECK(liste[0].at("aktørIdentifikasjon").as_string() == kEier);
    // It names job seekers: one audit line, as for every read of them.
    auto audit = c.audit_lines();
    REQUIRE(audit.size() == 1);
    CHECK(audit[0].find("cs3=" + id) != std::string::npos);
}
