// The job seeker event relay: bus + rapid, in order, visible job seekers only.
#include <catch2/catch.hpp>
#include <mutex>
#include <thread>

#include "core/time.hpp"
#include "infra/rapid/embedded_rapid.hpp"
#include "modules/jobbsoker/events.hpp"
#include "support/component.hpp"
#include "support/eventually.hpp"
#include "support/fnr.hpp"
#include "support/kafka_test_support.hpp"

using namespace rt;
using rt::test::Component;
using rt::test::eventually;
using rt::test::test_fnr;

using rt::test::path;
using rt::test::ider;
namespace {

// What our own rapid and bus carried.
struct Captured {
    std::mutex mutex;
    std::vector<rapid::Message> rapid;
    std::vector<std::string> bus;  // "type:fnr"
    std::vector<rapid::Message> of(const std::string& event) {
        std::lock_guard lock(mutex);
        std::vector<rapid::Message> out;
        for (const auto& m : rapid)
            if (m.event_name() == event) out.push_back(m);
        return out;
    }
    std::size_t bus_size() {
        std::lock_guard lock(mutex);
        return bus.size();
    }
};

test::ComponentOptions capturing(Captured& cap) {
    test::ComponentOptions o;
    o.before_start = [&cap](Service& s) {
        rapid::River r;
        r.name = "test-fanger";
        r.precondition(rapid::require_any("@event_name", {"rekrutteringstreffinvitasjon", "rekrutteringstreffSvarOgStatus",
                                                            "rekrutteringstreffoppdatering"}));
        r.on_message = [&cap](const rapid::Message& m, rapid::Context&) {
            std::lock_guard lock(cap.mutex);
            cap.rapid.push_back(m);
        };
        s.rapid().add_river(std::move(r));
        s.bus().subscribe<jobbsoker::HendelserVidereformidlet>([&cap](const jobbsoker::HendelserVidereformidlet& e) {
            std::lock_guard lock(cap.mutex);
            for (const auto& h : e.hendelser)
                cap.bus.push_back(std::visit(
                    [](const auto& x) {
                        using T = std::decay_t<decltype(x)>;
                        const char* type = std::is_same_v<T, jobbsoker::Invitert> ? "invitert"
                                           : std::is_same_v<T, jobbsoker::SvarOgStatus> ? "svar"
                                                                                           : "endret";
                        return std::string(type) + ":" + x.fnr;
                    },
                    h));
        });
    };
    return o;
}
}  // namespace

TEST_CASE("relay: an invitation gives exactly one rekrutteringstreffinvitasjon with the spec's fields, then it is marked") {
    Captured cap;
    Component c(capturing(cap));
    auto eier = c.arbeidsgiverrettet("Z123456");
    auto id = c.publisert_treff(eier, "Jobbtreff hos bedrift AS");
    auto ids = c.legg_til(id, 0, 1, eier);
    c.json("POST", path(id, "/jobbsoker/inviter"), eier, ider(ids));
    REQUIRE(eventually([&] { return c.db.count("SELECT count(*) FROM aktivitetskort_polling") == 1; }));
    REQUIRE(eventually([&] { return cap.of("rekrutteringstreffinvitasjon").size() == 1; }));
    std::this_thread::sleep_for(std::chrono::milliseconds(200));
    auto msgs = cap.of("rekrutteringstreffinvitasjon");
    REQUIRE(msgs.size() == 1);
    const auto& m = msgs[0];
    auto treff = c.json("GET", path(id), eier);
    auto hendelse_id = c.db.scalar("SELECT id FROM jobbsoker_hendelse WHERE hendelsestype = 'INVITERT'");
    REQUIRE(m.string("fnr") == test_fnr(0));
    REQUIRE(m.string("rekrutteringstreffId") == id);
    REQUIRE(m.string("hendelseId") == hendelse_id);
    REQUIRE(m.string("tittel") == "Jobbtreff hos bedrift AS");
    REQUIRE(m.string("beskrivelse") == "Vi treffes og snakker om jobb");
    REQUIRE(m.string("fraTid") == treff.at("fraTid").as_string());
    REQUIRE(m.string("tilTid") == treff.at("tilTid").as_string());
    REQUIRE(m.string("svarfrist") == treff.at("svarfrist").as_string());
    REQUIRE(m.string("opprettetAv") == "Z123456");
    REQUIRE(m.string("opprettetTidspunkt") == tid::format_oslo(c.clock->now()));
    REQUIRE(m.string("gateadresse") == "Eksempelgate 1");
    REQUIRE(m.string("postnummer") == "0123");
    REQUIRE(m.string("poststed") == "Oslo");
    REQUIRE(cap.bus == std::vector<std::string>{"invitert:" + test_fnr(0)});
    REQUIRE(c.db.count("SELECT count(*) FROM hendelse_utboks") == 0);
}

TEST_CASE("relay: answers and the meeting's fate become rekrutteringstreffSvarOgStatus as the mapping table says") {
    Captured cap;
    Component c(capturing(cap));
    auto eier = c.arbeidsgiverrettet("Z123456");
    auto id = c.publisert_treff(eier);
    auto ids = c.legg_til(id, 0, 3, eier);
    c.json("POST", path(id, "/jobbsoker/inviter"), eier, ider(ids));
    c.json("POST", path(id, "/jobbsoker/borger/svar-ja"), c.borger(test_fnr(0)));
    c.json("POST", path(id, "/jobbsoker/borger/svar-nei"), c.borger(test_fnr(1)));
    c.json("POST", path(id, "/avlys"), eier);
    REQUIRE(eventually([&] { return cap.of("rekrutteringstreffSvarOgStatus").size() == 4; }));
    std::map<std::string, std::string> seen;
    for (const auto& m : cap.of("rekrutteringstreffSvarOgStatus")) {
        auto o = m.json();
        std::string key = std::string(m.string("fnr")) + (o.contains("treffstatus") ? ":status" : ":svar");
        std::string value = std::string(o.contains("svar") ? (o.at("svar").as_bool() ? "svar=true" : "svar=false") : "svar=-") +
                            " treffstatus=" + std::string(o.contains("treffstatus") ? o.at("treffstatus").as_string().c_str() : "-") +
                            " av=" + std::string(m.string("endretAv")) +
                            " person=" + (o.at("endretAvPersonbruker").as_bool() ? "true" : "false");
        REQUIRE_FALSE((o.contains("svar") && o.at("svar").is_null()));
        seen[key] = value;
    }
    REQUIRE(seen[test_fnr(0) + ":svar"] == "svar=true treffstatus=- av=" + test_fnr(0) + " person=true");
    REQUIRE(seen[test_fnr(1) + ":svar"] == "svar=false treffstatus=- av=" + test_fnr(1) + " person=true");
    REQUIRE(seen[test_fnr(0) + ":status"] == "svar=true treffstatus=avlyst av=Z123456 person=false");
    REQUIRE(seen[test_fnr(2) + ":status"] == "svar=- treffstatus=avlyst av=Z123456 person=false");
}

TEST_CASE("relay: registered changes become rekrutteringstreffoppdatering, with endredeFelter only for the yes-sayer") {
    Captured cap;
    Component c(capturing(cap));
    auto eier = c.arbeidsgiverrettet("Z123456");
    auto id = c.publisert_treff(eier);
    auto ids = c.legg_til(id, 0, 2, eier);
    c.json("POST", path(id, "/jobbsoker/inviter"), eier, ider(ids));
    c.json("POST", path(id, "/jobbsoker/borger/svar-ja"), c.borger(test_fnr(1)));
    auto t = c.json("GET", path(id), eier).as_object();
    auto fra = *tid::parse_iso(t.at("fraTid").as_string()) + std::chrono::hours(1);
    t["fraTid"] = tid::format_oslo(fra);
    t["tilTid"] = tid::format_oslo(fra + std::chrono::hours(2));
    c.json("PUT", path(id), eier, boost::json::serialize(t));
    c.json("POST", path(id, "/endringer"), eier, R"({"endredeFelter":["TIDSPUNKT","STED"]})", 201);
    REQUIRE(eventually([&] { return cap.of("rekrutteringstreffoppdatering").size() == 3; }));
    std::map<std::string, std::vector<rapid::Message>> per_fnr;
    for (auto& m : cap.of("rekrutteringstreffoppdatering")) per_fnr[std::string(m.string("fnr"))].push_back(m);
    REQUIRE(per_fnr[test_fnr(0)].size() == 1);
    REQUIRE(per_fnr[test_fnr(1)].size() == 2);
    for (const auto& [fnr, meldinger] : per_fnr)
        for (const auto& m : meldinger) {
            REQUIRE(m.string("rekrutteringstreffId") == id);
            REQUIRE(m.string("fraTid") == tid::format_oslo(fra));
            REQUIRE(m.string("tilTid") == tid::format_oslo(fra + std::chrono::hours(2)));
            REQUIRE(m.string("tittel") == "Jobbtreff hos Bedrift AS");
            REQUIRE(m.string("gateadresse") == "Eksempelgate 1");
            REQUIRE(m.string("endretAv") == "Z123456");
        }
    REQUIRE_FALSE(per_fnr[test_fnr(0)][0].json().contains("endredeFelter"));
    // The card update first, then the notification, each with the hendelseId of its own event.
    REQUIRE_FALSE(per_fnr[test_fnr(1)][0].json().contains("endredeFelter"));
    REQUIRE(per_fnr[test_fnr(1)][1].json().at("endredeFelter").as_array() == boost::json::array{"TIDSPUNKT", "STED"});
    REQUIRE(per_fnr[test_fnr(1)][1].string("hendelseId") ==
            c.db.scalar("SELECT id FROM jobbsoker_hendelse WHERE hendelsestype = 'TREFF_ENDRET_ETTER_PUBLISERING_NOTIFIKASJON'"));
}

TEST_CASE("relay: an invisible job seeker's events are held back and go out, in order, once visible again") {
    Captured cap;
    Component c(capturing(cap));
    auto eier = c.arbeidsgiverrettet();
    auto id = c.publisert_treff(eier);
    auto ids = c.legg_til(id, 0, 2, eier);
    c.db.connect().query("UPDATE jobbsoker SET er_synlig = false, synlighet_sist_oppdatert = now(), synlighet_kilde = 'EVENT' WHERE fodselsnummer = $1",
                         test_fnr(1));
    c.json("POST", path(id, "/jobbsoker/inviter"), eier, ider({ids[0]}));
    c.db.connect().query("UPDATE jobbsoker SET status = 'INVITERT' WHERE id = $1", ids[1]);
    c.db.connect().query(R"(WITH h AS (INSERT INTO jobbsoker_hendelse (id, jobbsoker_id, tidspunkt, hendelsestype, opprettet_av_aktortype, aktoridentifikasjon)
                            VALUES (gen_random_uuid(), $1, now(), 'INVITERT', 'ARRANGØR', 'Z1') RETURNING id, rekkefolge, jobbsoker_id)
                            INSERT INTO hendelse_utboks (hendelse_id, rekkefolge, jobbsoker_id) SELECT * FROM h)",
                         ids[1]);
    REQUIRE(eventually([&] { return cap.of("rekrutteringstreffinvitasjon").size() == 1; }));
    c.service->scheduler().run_once(jobbsoker::kRelayJob);
    REQUIRE(cap.of("rekrutteringstreffinvitasjon").size() == 1);
    REQUIRE(c.db.count("SELECT count(*) FROM hendelse_utboks") == 1);

    // Visible again through the module's own door: the relay is woken and sends it.
    c.service->jobbsoker().synlighet().bruk_hendelser({{test_fnr(1), true, false, c.clock->now() + std::chrono::hours(1)}});
    REQUIRE(eventually([&] { return cap.of("rekrutteringstreffinvitasjon").size() == 2; }, std::chrono::seconds(5)));
    REQUIRE(cap.of("rekrutteringstreffinvitasjon")[1].string("fnr") == test_fnr(1));
    REQUIRE(c.db.count("SELECT count(*) FROM hendelse_utboks") == 0);
}

TEST_CASE("relay: a job seeker made visible with nothing in the outbox does not wake the relay") {
    Captured cap;
    Component c(capturing(cap));
    auto eier = c.arbeidsgiverrettet();
    auto id = c.publisert_treff(eier);
    c.legg_til(id, 0, 2, eier);
    c.db.connect().query("UPDATE jobbsoker SET er_synlig = false, synlighet_sist_oppdatert = now(), synlighet_kilde = 'EVENT'");
    REQUIRE(c.db.count("SELECT count(*) FROM hendelse_utboks") == 0);
    auto runs = [&] {
        return c.service->metrics().counter_value("scheduler_runs_total", {{"job", std::string(jobbsoker::kRelayJob)}, {"result", "ok"}});
    };
    // Settled first: adding job seekers writes no outbox rows, but the service's start may still wake it.
    std::this_thread::sleep_for(std::chrono::milliseconds(300));
    const auto before = runs();

    c.service->jobbsoker().synlighet().bruk_hendelser({{test_fnr(0), true, false, c.clock->now() + std::chrono::hours(1)},
                                                        {test_fnr(1), true, false, c.clock->now() + std::chrono::hours(1)}});
    REQUIRE(c.db.count("SELECT count(*) FROM jobbsoker WHERE er_synlig") == 2);
    // A wake runs the relay at once (the test above sees its message within milliseconds).
    std::this_thread::sleep_for(std::chrono::milliseconds(500));
    REQUIRE(runs() == before);
}

TEST_CASE("relay: a subscriber failing for one job seeker holds back that job seeker only, and retries later") {
    Captured cap;
    std::atomic<bool> fail{true};
    auto opts = capturing(cap);
    auto capture = opts.before_start;
    opts.before_start = [&, capture](Service& s) {
        s.bus().subscribe<jobbsoker::HendelserVidereformidlet>([&](const jobbsoker::HendelserVidereformidlet& e) {
            for (const auto& h : e.hendelser)
                if (fail && std::visit([](const auto& x) { return x.fnr; }, h) == test_fnr(0))
                    throw std::runtime_error("kortet kunne ikke lages");
        });
        capture(s);
    };
    Component c(opts);
    auto eier = c.arbeidsgiverrettet();
    auto id = c.publisert_treff(eier);
    auto ids = c.legg_til(id, 0, 2, eier);
    c.json("POST", path(id, "/jobbsoker/inviter"), eier, ider(ids));
    c.json("POST", path(id, "/jobbsoker/borger/svar-ja"), c.borger(test_fnr(0)));
    REQUIRE(eventually([&] { return cap.of("rekrutteringstreffinvitasjon").size() == 1; }));
    REQUIRE(cap.of("rekrutteringstreffinvitasjon")[0].string("fnr") == test_fnr(1));
    REQUIRE(eventually([&] { return c.db.count("SELECT count(*) FROM hendelse_utboks WHERE forsok > 0") == 1; }));
    REQUIRE(c.db.count("SELECT count(*) FROM hendelse_utboks") == 2);  // the invitation and the answer wait
    REQUIRE(c.service->metrics().counter_value("hendelse_relay_feil_total") >= 1);

    fail = false;
    c.service->scheduler().run_once(jobbsoker::kRelayJob);
    REQUIRE(eventually([&] { return cap.of("rekrutteringstreffSvarOgStatus").size() == 1; }));
    REQUIRE(cap.of("rekrutteringstreffinvitasjon").size() == 2);
    REQUIRE(c.db.count("SELECT count(*) FROM hendelse_utboks") == 0);
}

TEST_CASE("relay on Kafka: invite puts exactly one rekrutteringstreffinvitasjon on the rapid, keyed by fnr") {
    test::ComponentOptions opts;
    opts.kafka = true;
    opts.rapid_topic = test::fresh_topic("rapid_relay");
    Component c(opts);
    auto eier = c.arbeidsgiverrettet();
    auto id = c.publisert_treff(eier);
    auto ids = c.legg_til(id, 0, 1, eier);
    c.json("POST", path(id, "/jobbsoker/inviter"), eier, ider(ids));
    c.json("POST", path(id, "/jobbsoker/inviter"), eier, ider(ids));
    REQUIRE(eventually([&] { return c.db.count("SELECT count(*) FROM aktivitetskort_polling") == 1; }));
    int invitasjoner = 0;
    for (const auto& r : test::read_to_end(opts.rapid_topic)) {  // our life-cycle events are there too
        auto m = rapid::Message::parse(r.value);
        if (m.event_name() != "rekrutteringstreffinvitasjon") continue;
        ++invitasjoner;
        REQUIRE(m.string("fnr") == test_fnr(0));
        REQUIRE(m.string("rekrutteringstreffId") == id);
        REQUIRE(m.json().at("system_participating_services").as_array().size() == 1);
    }
    REQUIRE(invitasjoner == 1);
}
