// The automatic completion ("Automatic completion" in ../shared/spec/jobbsoker.md) over the real
// PostgreSQL: published meetings whose tilTid has passed are completed as SYSTEM, each in its own
// transaction; one that fails does not stop the others; two instances complete a meeting once.
#include <catch2/catch.hpp>
#include <fmt/format.h>

#include <mutex>
#include <thread>

#include "infra/log.hpp"
#include "infra/rapid/rapid.hpp"
#include "support/component.hpp"
#include "support/eventually.hpp"
#include "support/fnr.hpp"

using namespace rt;
using rt::test::Component;
using rt::test::eventually;
using rt::test::ider;
using rt::test::path;
using rt::test::test_fnr;

namespace {

constexpr const char* kEier = "Z100001";

// A published meeting with `n` job seekers from test_fnr(forste), all invited; the first says
// yes on their behalf. `avsluttet`: it ended yesterday, otherwise it is two weeks ahead.
std::string publisert_treff(const Component& c, bool avsluttet, int forste, int n = 2) {
    auto eier = c.arbeidsgiverrettet(kEier);
    auto id = std::string(c.json("POST", "/api/rekrutteringstreff", eier, "{}", 201).at("id").as_string());
    c.json("PUT", path(id), eier, c.felter("Treff", avsluttet ? -1 : 14));
    c.json("POST", path(id, "/publiser"), eier);
    auto ids = c.legg_til(id, forste, n, eier);
    c.json("POST", path(id, "/jobbsoker/inviter"), eier, ider(ids));
    c.json("POST", path(id, "/jobbsoker/" + ids[0] + "/svar"), eier, R"({"svar":true})");
    return id;
}

std::string status(const Component& c, const std::string& id) {
    return c.db.scalar("SELECT status FROM rekrutteringstreff WHERE id = '" + id + "'");
}

// "type/actor type/actor" of the meeting's FULLFØRT event(s), and of its job seekers' fate events.
std::string fullfort_hendelser(const Component& c, const std::string& id) {
    return c.db.scalar(fmt::format(R"(SELECT coalesce((SELECT string_agg(hendelsestype || '/' || opprettet_av_aktortype || '/' || aktoridentifikasjon, ';' ORDER BY rekkefolge)
                                                      FROM rekrutteringstreff_hendelse WHERE rekrutteringstreff_id = '{0}' AND hendelsestype = 'FULLFØRT'), '') || ' | ' ||
                                             coalesce((SELECT string_agg(h.hendelsestype || '/' || h.opprettet_av_aktortype || '/' || h.aktoridentifikasjon, ';' ORDER BY h.rekkefolge)
                                                      FROM jobbsoker_hendelse h JOIN jobbsoker j ON j.id = h.jobbsoker_id
                                                      WHERE j.rekrutteringstreff_id = '{0}' AND h.hendelsestype LIKE '%FULLFØRT'), ''))",
                                   id));
}

constexpr const char* kSystemetsFullforing = "FULLFØRT/SYSTEM/SYSTEM | SVART_JA_TREFF_FULLFØRT/SYSTEM/SYSTEM;IKKE_SVART_TREFF_FULLFØRT/SYSTEM/SYSTEM";

struct Fanget {
    std::mutex mutex;
    std::vector<boost::json::object> meldinger;
};

test::ComponentOptions fang_svar_og_status(Fanget& f) {
    test::ComponentOptions o;
    o.before_start = [&f](Service& s) {
        rapid::River r;
        r.name = "test-fanger";
        r.precondition(rapid::require_value("@event_name", std::string("rekrutteringstreffSvarOgStatus")));
        r.on_message = [&f](const rapid::Message& m, rapid::Context&) {
            // A copy in default storage: the rapid parses each batch into a buffer it reuses.
            std::lock_guard lock(f.mutex);
            f.meldinger.push_back(boost::json::object(m.json(), {}));
        };
        s.rapid().add_river(std::move(r));
    };
    return o;
}

}  // namespace

TEST_CASE("auto-complete: a meeting whose tilTid passed is completed as SYSTEM, and running, cancelled and draft ones are left") {
    Fanget fanget;
    Component c(fang_svar_og_status(fanget));
    auto ferdig = publisert_treff(c, true, 0);
    auto pagar = publisert_treff(c, false, 2);
    auto avlyst = publisert_treff(c, true, 4);
    c.json("POST", path(avlyst, "/avlys"), c.arbeidsgiverrettet(kEier));
    auto utkast = std::string(c.json("POST", "/api/rekrutteringstreff", c.arbeidsgiverrettet(kEier), "{}", 201).at("id").as_string());
    c.json("PUT", path(utkast), c.arbeidsgiverrettet(kEier), c.felter("Utkast", -1));
    REQUIRE(status(c, ferdig) == "PUBLISERT");  // nothing ran at start: the first run is two minutes later

    REQUIRE(c.service->scheduler().run_once(rt::treff::kAutoFullforJob));
    CHECK(status(c, ferdig) == "FULLFØRT");
    CHECK(c.db.scalar("SELECT sist_endret_av FROM rekrutteringstreff WHERE id = '" + ferdig + "'") == "SYSTEM");
    CHECK(fullfort_hendelser(c, ferdig) == kSystemetsFullforing);
    CHECK(status(c, pagar) == "PUBLISERT");
    CHECK(status(c, avlyst) == "AVLYST");
    CHECK(status(c, utkast) == "UTKAST");
    for (const auto& id : {pagar, avlyst, utkast}) CHECK(fullfort_hendelser(c, id) == " | ");

    // The rapid: endretAv SYSTEM on the completion's messages.
    auto er_fullfort = [](const boost::json::object& m) { return m.contains("treffstatus") && m.at("treffstatus") == "fullført"; };
    REQUIRE(eventually([&] {
        std::lock_guard lock(fanget.mutex);
        return std::count_if(fanget.meldinger.begin(), fanget.meldinger.end(), er_fullfort) >= 2;
    }));
    {
        std::lock_guard lock(fanget.mutex);
        std::vector<std::string> sett;
        for (const auto& m : fanget.meldinger)
            if (er_fullfort(m))
                sett.push_back(fmt::format("{}/{}/{}/{}", std::string_view(m.at("fnr").as_string()), m.contains("svar") ? "ja" : "-",
                                           std::string_view(m.at("treffstatus").as_string()), std::string_view(m.at("endretAv").as_string())));
        std::sort(sett.begin(), sett.end());
        std::vector<std::string> forventet{test_fnr(0) + "/ja/fullført/SYSTEM", test_fnr(1) + "/-/fullført/SYSTEM"};
        std::sort(forventet.begin(), forventet.end());
        CHECK(sett == forventet);
    }
    // The cards (standalone: versions stay in the table): SYSTEM/SYSTEM.
    REQUIRE(eventually([&] { return c.db.count("SELECT count(*) FROM aktivitetskort_versjon WHERE endret_av_type = 'SYSTEM'") == 2; }));
    CHECK(c.db.scalar(R"(SELECT string_agg(k.fnr || '=' || v.aktivitet_status || '/' || v.endret_av || '/' || v.endret_av_type, ';'
                                           ORDER BY v.aktivitet_status)
                         FROM aktivitetskort_versjon v JOIN aktivitetskort k ON k.aktivitetskort_id = v.aktivitetskort_id
                         WHERE v.endret_av_type = 'SYSTEM')") ==
          test_fnr(1) + "=AVBRUTT/SYSTEM/SYSTEM;" + test_fnr(0) + "=FULLFORT/SYSTEM/SYSTEM");

    // A second run finds nothing to do; once the other meeting has ended, it is completed too.
    auto før = c.snapshot();
    REQUIRE(c.service->scheduler().run_once(rt::treff::kAutoFullforJob));
    CHECK(c.snapshot() == før);
    c.clock->advance(std::chrono::hours(24 * 15));
    REQUIRE(c.service->scheduler().run_once(rt::treff::kAutoFullforJob));
    CHECK(status(c, pagar) == "FULLFØRT");
    CHECK(fullfort_hendelser(c, pagar) == kSystemetsFullforing);
    CHECK(status(c, avlyst) == "AVLYST");
}

TEST_CASE("auto-complete: a meeting that fails is logged and left for the next run, and the others are completed") {
    Component c;
    auto feiler = publisert_treff(c, true, 0);
    auto andre = publisert_treff(c, true, 2);
    auto tredje = publisert_treff(c, true, 4);
    // The database refuses the failing meeting's fate events, so its whole transaction rolls back.
    c.db.connect().exec(fmt::format(R"(
        CREATE FUNCTION nekt() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'nektet av testen'; END $$;
        CREATE TRIGGER nekt BEFORE INSERT ON jobbsoker_hendelse FOR EACH ROW
            WHEN (NEW.hendelsestype LIKE '%FULLFØRT' AND NEW.jobbsoker_id IN ({}))
            EXECUTE FUNCTION nekt();)",
                                    c.db.scalar("SELECT string_agg(quote_literal(id::text) || '::uuid', ',') FROM jobbsoker WHERE rekrutteringstreff_id = '" +
                                                feiler + "'")));
    std::mutex mutex;
    std::vector<std::string> linjer;
    log::set_sink([&](std::string_view line) {
        std::lock_guard lock(mutex);
        linjer.emplace_back(line);
    });
    REQUIRE(c.service->scheduler().run_once(rt::treff::kAutoFullforJob));
    log::set_sink({});
    CHECK(status(c, feiler) == "PUBLISERT");
    CHECK(fullfort_hendelser(c, feiler) == " | ");  // not even the meeting's own event
    CHECK(status(c, andre) == "FULLFØRT");
    CHECK(status(c, tredje) == "FULLFØRT");
    {
        std::lock_guard lock(mutex);
        auto feil = std::find_if(linjer.begin(), linjer.end(), [&](const std::string& l) {
            return l.find("\"level\":\"ERROR\"") != std::string::npos && l.find(feiler) != std::string::npos;
        });
        REQUIRE(feil != linjer.end());
        CHECK(feil->find("treff.autofullfor") != std::string::npos);
    }

    c.db.connect().exec("DROP TRIGGER nekt ON jobbsoker_hendelse");
    REQUIRE(c.service->scheduler().run_once(rt::treff::kAutoFullforJob));
    CHECK(status(c, feiler) == "FULLFØRT");
    CHECK(fullfort_hendelser(c, feiler) == kSystemetsFullforing);
}

TEST_CASE("auto-complete: two instances on one database complete each meeting once, with one set of events") {
    Component c;
    Service annen(c.service->config(), c.clock);
    annen.start();
    auto kappes = [&](const std::function<void(Service&)>& kjor) {
        std::thread a([&] { kjor(*c.service); });
        std::thread b([&] { kjor(annen); });
        a.join();
        b.join();
    };
    std::vector<std::string> treffene;
    for (int i = 0; i < 4; ++i) treffene.push_back(publisert_treff(c, true, 10 * i, 3));

    // Through the scheduler: the job's lock lets one instance run at a time.
    kappes([](Service& s) { s.scheduler().run_once(rt::treff::kAutoFullforJob); });
    for (const auto& id : treffene) {
        CHECK(status(c, id) == "FULLFØRT");
        CHECK(fullfort_hendelser(c, id) ==
              "FULLFØRT/SYSTEM/SYSTEM | SVART_JA_TREFF_FULLFØRT/SYSTEM/SYSTEM;IKKE_SVART_TREFF_FULLFØRT/SYSTEM/SYSTEM;"
              "IKKE_SVART_TREFF_FULLFØRT/SYSTEM/SYSTEM");
    }

    // Around the lock, both at once: the checks made again under each meeting's row lock still
    // let exactly one of them complete it.
    treffene.clear();
    for (int i = 0; i < 4; ++i) treffene.push_back(publisert_treff(c, true, 100 + 10 * i, 3));
    std::atomic<std::size_t> fullfort{0};
    kappes([&](Service& s) { fullfort += s.treff().tjeneste().fullfor_avsluttede(); });
    CHECK(fullfort == treffene.size());
    for (const auto& id : treffene) {
        CHECK(status(c, id) == "FULLFØRT");
        CHECK(fullfort_hendelser(c, id) ==
              "FULLFØRT/SYSTEM/SYSTEM | SVART_JA_TREFF_FULLFØRT/SYSTEM/SYSTEM;IKKE_SVART_TREFF_FULLFØRT/SYSTEM/SYSTEM;"
              "IKKE_SVART_TREFF_FULLFØRT/SYSTEM/SYSTEM");
    }
    CHECK(c.db.count("SELECT count(*) FROM (SELECT jobbsoker_id FROM jobbsoker_hendelse WHERE hendelsestype LIKE '%FULLFØRT' "
                     "GROUP BY jobbsoker_id HAVING count(*) > 1) x") == 0);
    annen.stop();
}

TEST_CASE("auto-complete: the scheduled job is registered and runs when woken, as it will every interval") {
    Component c;
    auto id = publisert_treff(c, true, 0);
    c.service->scheduler().wake(rt::treff::kAutoFullforJob);
    REQUIRE(eventually([&] { return status(c, id) == "FULLFØRT"; }));
    CHECK(fullfort_hendelser(c, id) == kSystemetsFullforing);
}
