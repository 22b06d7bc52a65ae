// Visibility on the real broker and database: every race case of ../shared/spec/synlighet.md.
#include <catch2/catch.hpp>
#include <fmt/format.h>

#include "core/time.hpp"
#include "modules/synlighet/behov_jobb.hpp"
#include "support/component.hpp"
#include "support/eventually.hpp"
#include "support/fnr.hpp"
#include "support/kafka_test_support.hpp"

using namespace rt;
using rt::test::Component;
using rt::test::eventually;
using rt::test::test_fnr;

using rt::test::path;
namespace {


std::string hendelse(const std::string& fnr, bool synlig, const std::string& opprettet) {
    return fmt::format(R"({{"@event_name":"synlighet-oppdatert","fodselsnummer":"{}","@opprettet":"{}","@slutt_av_hendelseskjede":true,
        "synlighet":{{"erSynlig":{},"ferdigBeregnet":true,"sperret":false}}}})",
                       fnr, opprettet, synlig ? "true" : "false");
}
std::string svar(const std::string& fnr, const std::string& answer, const std::string& opprettet) {
    return fmt::format(R"({{"@event_name":"behov","@behov":["synlighetRekrutteringstreff"],"fodselsnummer":"{}","@opprettet":"{}",
        "synlighetRekrutteringstreff":{}}})",
                       fnr, opprettet, answer);
}

// A service on the real broker with one meeting holding job seekers 0..n-1 and a sentinel.
struct Synlighet {
    std::string topic = test::fresh_topic("rapid_synlighet");
    std::unique_ptr<Component> c;
    std::string treff;
    std::string sentinel = test_fnr(99);
    int barrier_count = 0;

    explicit Synlighet(int n = 3) {
        test::ComponentOptions o;
        o.kafka = true;
        o.rapid_topic = topic;
        o.configure = [](Config& cfg) { cfg.synlighet_behov_intervall = std::chrono::hours(1); };
        c = std::make_unique<Component>(o);
        auto eier = c->arbeidsgiverrettet();
        treff = c->publisert_treff(eier);
        c->legg_til(treff, 0, n, eier);
        c->legg_til(treff, 99, 1, eier);
    }
    void send(std::initializer_list<std::string> raw) {
        std::vector<std::pair<std::string, std::string>> records;
        for (const auto& r : raw) records.emplace_back("k", r);
        test::produce_raw(topic, records);
    }
    // Everything sent before has been handled when the sentinel's newer event is in.
    void barrier() {
        auto t = fmt::format("2030-01-01T00:00:{:02}", ++barrier_count);
        send({hendelse(sentinel, true, t)});
        auto expected = tid::format_utc(*tid::parse_iso(t));
        REQUIRE(eventually([&] {
            auto v = c->db.scalar("SELECT synlighet_sist_oppdatert FROM jobbsoker WHERE fodselsnummer = '" + sentinel + "'");
            return !v.empty() && tid::format_utc(*tid::parse_iso(v)) == expected;
        }));
    }
    // "synlig/kilde/time" of the job seeker's row(s).
    std::string rad(const std::string& fnr) {
        return c->db.scalar(R"(SELECT string_agg(er_synlig || '/' || coalesce(synlighet_kilde, '-') || '/' ||
                                  coalesce(to_char(synlighet_sist_oppdatert AT TIME ZONE 'Europe/Oslo', 'HH24:MI:SS'), '-'), ';')
                               FROM jobbsoker WHERE fodselsnummer = ')" + fnr + "'");
    }
};

const std::string kSynlig = R"({"erSynlig":true,"ferdigBeregnet":true,"sperret":false})";
const std::string kIkkeSynlig = R"({"erSynlig":false,"ferdigBeregnet":true,"sperret":false})";

}  // namespace

TEST_CASE("synlighet: an event (not visible, T2) then a need answer (visible): the row stays invisible") {
    Synlighet s;
    s.send({hendelse(test_fnr(0), false, "2025-10-01T08:00:02"), svar(test_fnr(0), kSynlig, "2025-10-01T08:00:05")});
    s.barrier();
    REQUIRE(s.rad(test_fnr(0)) == "false/EVENT/08:00:02");
}

TEST_CASE("synlighet: out-of-order events: T2 then T1 changes nothing; T3 then applies") {
    Synlighet s;
    s.send({hendelse(test_fnr(0), false, "2025-10-01T08:00:02")});
    s.barrier();
    s.send({hendelse(test_fnr(0), true, "2025-10-01T08:00:01")});
    s.barrier();
    REQUIRE(s.rad(test_fnr(0)) == "false/EVENT/08:00:02");
    s.send({hendelse(test_fnr(0), true, "2025-10-01T08:00:03")});
    s.barrier();
    REQUIRE(s.rad(test_fnr(0)) == "true/EVENT/08:00:03");
}

TEST_CASE("synlighet: a need answer then an earlier event: the event applies, it outranks the answer") {
    Synlighet s;
    s.send({svar(test_fnr(0), kSynlig, "2025-10-01T09:00:00")});
    s.barrier();
    REQUIRE(s.rad(test_fnr(0)) == "true/NEED/09:00:00");
    s.send({hendelse(test_fnr(0), false, "2025-10-01T08:00:00")});
    s.barrier();
    REQUIRE(s.rad(test_fnr(0)) == "false/EVENT/08:00:00");
}

TEST_CASE("synlighet: a need answer not finished, without erSynlig, or 'not found' makes the person invisible") {
    Synlighet s(4);
    s.send({svar(test_fnr(0), R"({"erSynlig":true,"ferdigBeregnet":false})", "2025-10-01T08:00:00"),
            svar(test_fnr(1), R"({"ferdigBeregnet":true,"sperret":false})", "2025-10-01T08:00:00"),
            svar(test_fnr(2), kIkkeSynlig, "2025-10-01T08:00:00"),
            svar(test_fnr(3), R"({"erSynlig":null,"ferdigBeregnet":true})", "2025-10-01T08:00:00")});
    s.barrier();
    for (int i = 0; i < 4; ++i) REQUIRE(s.rad(test_fnr(i)) == "false/NEED/08:00:00");
}

TEST_CASE("synlighet: the same event twice changes nothing the second time; an unknown fnr changes nothing") {
    Synlighet s;
    s.send({hendelse(test_fnr(0), false, "2025-10-01T08:00:02"), hendelse(test_fnr(0), false, "2025-10-01T08:00:02"),
            hendelse(test_fnr(50), false, "2025-10-01T08:00:02")});
    s.barrier();
    REQUIRE(s.rad(test_fnr(0)) == "false/EVENT/08:00:02");
    s.c->db.connect().exec("UPDATE jobbsoker SET sperret = true WHERE fodselsnummer = '" + test_fnr(0) + "'");
    s.send({hendelse(test_fnr(0), false, "2025-10-01T08:00:02")});
    s.barrier();
    REQUIRE(s.c->db.scalar("SELECT sperret FROM jobbsoker WHERE fodselsnummer = '" + test_fnr(0) + "'") == "t");  // untouched
    REQUIRE(s.c->db.count("SELECT count(*) FROM dead_letter") == 0);
}

TEST_CASE("synlighet: one event updates the person's rows on every meeting") {
    Synlighet s;
    auto eier = s.c->arbeidsgiverrettet();
    for (int i = 0; i < 2; ++i) s.c->legg_til(s.c->publisert_treff(eier), 0, 1, eier);
    REQUIRE(s.c->db.count("SELECT count(*) FROM jobbsoker WHERE fodselsnummer = '" + test_fnr(0) + "'") == 3);
    s.send({hendelse(test_fnr(0), false, "2025-10-01T08:00:02")});
    s.barrier();
    REQUIRE(s.rad(test_fnr(0)) == "false/EVENT/08:00:02;false/EVENT/08:00:02;false/EVENT/08:00:02");
}

TEST_CASE("synlighet: @opprettet with offset, Z, or none (Europe/Oslo, summer and winter time)") {
    Synlighet s(4);
    s.send({hendelse(test_fnr(0), false, "2025-10-01T08:00:00+02:00"), hendelse(test_fnr(1), false, "2025-10-01T06:00:00Z"),
            hendelse(test_fnr(2), false, "2025-10-01T08:00:00.123456"), hendelse(test_fnr(3), false, "2025-01-15T08:00:00")});
    s.barrier();
    auto utc = [&](int i) {
        return tid::format_utc(*tid::parse_iso(s.c->db.scalar("SELECT synlighet_sist_oppdatert FROM jobbsoker WHERE fodselsnummer = '" + test_fnr(i) + "'")));
    };
    REQUIRE(utc(0) == "2025-10-01T06:00:00.000000Z");
    REQUIRE(utc(1) == "2025-10-01T06:00:00.000000Z");
    REQUIRE(utc(2) == "2025-10-01T06:00:00.123456Z");
    REQUIRE(utc(3) == "2025-01-15T07:00:00.000000Z");
}

TEST_CASE("synlighet: each kind of malformed message is a dead letter without the fnr, and the consumer goes on") {
    Synlighet s(2);
    s.send({"{ikke json",
            R"({"@event_name":"x","@opprettet":"2025-10-01T08:00:00","@slutt_av_hendelseskjede":true,"synlighet":{"erSynlig":false,"ferdigBeregnet":true}})",
            hendelse(test_fnr(0), false, "i går"),
            fmt::format(R"({{"fodselsnummer":"{}","@opprettet":"2025-10-01T08:00:00","@slutt_av_hendelseskjede":true,"synlighet":{{"erSynlig":"nei","ferdigBeregnet":true}}}})", test_fnr(0)),
            svar(test_fnr(0), R"("ja")", "2025-10-01T08:00:00"),
            hendelse(test_fnr(1), false, "2025-10-01T08:00:00")});
    s.barrier();
    REQUIRE(s.rad(test_fnr(1)) == "false/EVENT/08:00:00");
    REQUIRE(s.rad(test_fnr(0)) == "true/-/-");
    REQUIRE(s.c->db.scalar("SELECT string_agg(handler || ':' || reason, '|' ORDER BY kafka_offset) FROM dead_letter") ==
            "rapid:ikke gyldig JSON|synlighet-hendelse:mangler fodselsnummer|synlighet-hendelse:@opprettet kan ikke leses som tidspunkt|"
            "synlighet-hendelse:synlighet.erSynlig er ikke true eller false|synlighet-behovssvar:synlighetRekrutteringstreff er ikke et objekt");
    REQUIRE(s.c->db.count("SELECT count(*) FROM dead_letter WHERE reason LIKE '%" + test_fnr(0) + "%'") == 0);
}

TEST_CASE("synlighet: hidden job seekers vanish from the list, search, counts, event list and the citizen read") {
    Synlighet s(2);
    auto eier = s.c->arbeidsgiverrettet();
    s.send({hendelse(test_fnr(0), false, "2025-10-01T08:00:00")});
    s.barrier();
    auto list = s.c->json("GET", path(s.treff, "/jobbsoker"), eier).as_array();
    for (const auto& j : list) REQUIRE(j.at("fødselsnummer").as_string() != test_fnr(0));
    REQUIRE(list.size() == 2);  // job seeker 1 and the sentinel
    auto sok = s.c->json("POST", path(s.treff, "/jobbsoker/sok"), eier, "{}").as_object();
    REQUIRE(sok.at("totalt").as_int64() == 2);
    REQUIRE(sok.at("antallSkjulte").as_int64() == 1);
    REQUIRE(s.c->json("GET", path(s.treff), eier).at("antallJobbsøkere").as_int64() == 2);
    auto hendelser = s.c->json("GET", path(s.treff, "/jobbsoker/hendelser"), eier);
    for (const auto& h : hendelser.as_array()) REQUIRE(h.at("fødselsnummer").as_string() != test_fnr(0));
    REQUIRE(s.c->call("GET", path(s.treff, "/jobbsoker/borger"), s.c->borger(test_fnr(0))).status == 404);

    s.send({hendelse(test_fnr(0), true, "2025-10-01T09:00:00")});
    s.barrier();
    REQUIRE(s.c->json("GET", path(s.treff, "/jobbsoker"), eier).as_array().size() == 3);
}

TEST_CASE("synlighet: the relay holds back a hidden job seeker's invitation and sends it once visible again") {
    Synlighet s(2);
    auto eier = s.c->arbeidsgiverrettet();
    s.send({hendelse(test_fnr(0), false, "2025-10-01T08:00:00")});
    s.barrier();
    auto ids = s.c->db.scalar("SELECT string_agg(id::text, ',') FROM jobbsoker WHERE fodselsnummer IN ('" + test_fnr(0) + "','" + test_fnr(1) + "')");
    auto hidden = s.c->db.scalar("SELECT id FROM jobbsoker WHERE fodselsnummer = '" + test_fnr(0) + "'");
    auto shown = s.c->db.scalar("SELECT id FROM jobbsoker WHERE fodselsnummer = '" + test_fnr(1) + "'");
    // The API refuses to invite someone hidden; invited before hiding is the case that waits.
    s.c->json("POST", path(s.treff, "/jobbsoker/inviter"), eier, R"({"personTreffIder":[")" + shown + R"("]})");
    s.c->db.connect().exec("UPDATE jobbsoker SET er_synlig = true WHERE id = '" + hidden + "'");
    s.c->json("POST", path(s.treff, "/jobbsoker/inviter"), eier, R"({"personTreffIder":[")" + hidden + R"("]})");
    REQUIRE(eventually([&] { return s.c->db.count("SELECT count(*) FROM aktivitetskort_polling") == 2; }));
    // Hidden, then a new event for a hidden person waits in the outbox.
    s.send({hendelse(test_fnr(0), false, "2025-10-01T10:00:00")});
    s.barrier();
    s.c->json("POST", path(s.treff, "/avlys"), eier);
    REQUIRE(eventually([&] { return s.c->db.count("SELECT count(*) FROM aktivitetskort_polling") == 3; }));
    s.c->service->scheduler().run_once("hendelse-relay");
    REQUIRE(s.c->db.count("SELECT count(*) FROM hendelse_utboks") == 1);
    s.send({hendelse(test_fnr(0), true, "2025-10-01T11:00:00")});
    REQUIRE(eventually([&] { return s.c->db.count("SELECT count(*) FROM hendelse_utboks") == 0; }));
    auto values = test::read_topic(s.topic, 1000, std::chrono::seconds(3));
    int avlyst_for_hidden = 0;
    for (const auto& v : values) {
        auto m = rapid::Message::parse(v);
        if (m.event_name() == "rekrutteringstreffSvarOgStatus" && m.string("fnr") == test_fnr(0)) ++avlyst_for_hidden;
    }
    REQUIRE(avlyst_for_hidden == 1);
    (void)ids;
}

TEST_CASE("synlighet: the need scheduler asks once per distinct unevaluated fnr, deleted excluded, until answered") {
    Synlighet s(3);
    auto eier = s.c->arbeidsgiverrettet();
    s.c->legg_til(s.c->publisert_treff(eier), 0, 1, eier);  // fnr 0 on two meetings
    auto slettes = s.c->db.scalar("SELECT id FROM jobbsoker WHERE fodselsnummer = '" + test_fnr(2) + "'");
    s.c->json("DELETE", path(s.treff, "/jobbsoker/" + slettes + "/slett"), eier);
    s.send({hendelse(test_fnr(1), true, "2025-10-01T08:00:00")});
    s.barrier();  // also evaluates the sentinel

    REQUIRE(synlighet::publiser_behov(s.c->service->jobbsoker().synlighet(), s.c->service->rapid()) == 1);
    REQUIRE(synlighet::publiser_behov(s.c->service->jobbsoker().synlighet(), s.c->service->rapid()) == 1);  // asked again
    auto values = test::read_topic(s.topic, 1000, std::chrono::seconds(3));
    std::vector<rapid::Message> behov;
    for (const auto& v : values) {
        auto m = rapid::Message::parse(v);
        if (m.event_name() == "behov" && !m.has("synlighetRekrutteringstreff")) behov.push_back(m);
    }
    REQUIRE(behov.size() == 2);
    for (const auto& b : behov) {
        REQUIRE(b.string("fodselsnummer") == test_fnr(0));
        REQUIRE(b.json().at("@behov").as_array() == boost::json::array{"synlighetRekrutteringstreff"});
        REQUIRE(b.has("@id"));
        REQUIRE(b.has("@opprettet"));
    }
    s.send({svar(test_fnr(0), kSynlig, "2025-10-01T08:00:00")});
    s.barrier();
    REQUIRE(synlighet::publiser_behov(s.c->service->jobbsoker().synlighet(), s.c->service->rapid()) == 0);
}
