#include <catch2/catch.hpp>
#include <fmt/format.h>

#include "core/ids.hpp"

#include "core/time.hpp"
#include "infra/kafka/dead_letters.hpp"
#include "infra/metrics.hpp"
#include "infra/pg/pool.hpp"
#include "infra/rapid/embedded_rapid.hpp"
#include "infra/rapid/ping_pong.hpp"
#include "support/test_db.hpp"

using namespace rt;
using namespace std::chrono_literals;

namespace {
struct Embedded {
    test::TestDatabase db;
    Metrics metrics;
    FixedClock clock{*tid::parse_iso("2025-10-01T08:00:00+02:00")};
    pg::Pool pool{db.url(), 2};
    kafka::DeadLetters dead_letters{pool, metrics};
    rapid::EmbeddedRapid rapid{rapid::Deltaker{"instans-1"}, clock, dead_letters, metrics};
    std::mutex mutex;
    std::vector<rapid::Message> seen;
    std::vector<std::optional<std::string>> keys;  // of the records `seen` came in

    void capture(const std::string& event) {
        rapid::River r;
        r.name = "fanger-" + event;
        r.precondition(rapid::require_value("@event_name", event));
        r.on_message = [this](const rapid::Message& m, rapid::Context& ctx) {
            std::lock_guard lock(mutex);
            seen.push_back(m);
            keys.push_back(ctx.key());
        };
        rapid.add_river(std::move(r));
    }
};
}  // namespace

TEST_CASE("embedded rapid: a published message reaches every river, our own included") {
    Embedded e;
    e.capture("hendelse");
    e.capture("hendelse");
    e.rapid.start();
    e.rapid.publish("k", rapid::Message(boost::json::object{{"@event_name", "hendelse"}}));
    REQUIRE(e.rapid.drain(5s));
    REQUIRE(e.seen.size() == 2);
    REQUIRE(e.seen[0].json().at("system_read_count").as_int64() == 1);
    REQUIRE(e.seen[0].string("@opprettet") == "2025-10-01T08:00:00.000000");
}

TEST_CASE("embedded rapid: poison is a dead letter and the next message is handled") {
    Embedded e;
    e.capture("god");
    e.rapid.start();
    e.rapid.inject("k", "{ikke json");
    e.rapid.inject("k", R"({"@event_name":"god"})");
    REQUIRE(e.rapid.drain(5s));
    REQUIRE(e.seen.size() == 1);
    REQUIRE(e.db.scalar("SELECT topic || ':' || handler FROM dead_letter") == "embedded-rapid:rapid");
}

namespace {
// A ping as a participant on the library sends it (tbd-libs JsonMessage: LocalDateTime.now() in
// Europe/Oslo with nanoseconds, read once by the sender's own rapid).
std::string bibliotekets_ping(const std::string& ping_time) {
    return fmt::format(R"({{"@event_name":"ping","ping_time":"{0}","@id":"7d6a3c3e-7f34-4a55-9f0c-0f2b2c9a1d11",
        "@opprettet":"{0}","system_read_count":0,"system_participating_services":[{{"id":"7d6a3c3e-7f34-4a55-9f0c-0f2b2c9a1d11",
        "time":"{0}","service":"toi-helseapp","instance":"toi-helseapp-7c9d8f-x2x4","image":"ghcr.io/navikt/toi-helseapp:1a2b3c"}}]}})",
                       ping_time);
}
std::vector<std::string> pong_times(Embedded& e) {
    std::vector<std::string> out;
    for (const auto& m : e.seen) out.emplace_back(m.string("ping_time"));
    return out;
}
}  // namespace

TEST_CASE("ping from a library participant: pong as read, two entries of ours, keyed like the ping") {
    Embedded e;
    rapid::add_ping_pong(e.rapid, e.clock, std::chrono::hours(1));
    e.capture("pong");
    e.rapid.start();
    e.rapid.inject("ping-nøkkel", bibliotekets_ping("2025-10-01T07:59:59.123456789"));
    REQUIRE(e.rapid.drain(5s));
    REQUIRE(e.seen.size() == 1);
    const auto& pong = e.seen[0];
    REQUIRE(e.keys == std::vector<std::optional<std::string>>{"ping-nøkkel"});
    REQUIRE(pong.string("pong_time") == "2025-10-01T08:00:00.000000");
    REQUIRE(pong.string("ping_time") == "2025-10-01T07:59:59.123456789");
    REQUIRE(pong.string("app_name") == "rekrutteringstreff");
    REQUIRE(pong.string("instance_id") == "instans-1");
    REQUIRE(pong.json().at("@forårsaket_av") == boost::json::object{{"id", "7d6a3c3e-7f34-4a55-9f0c-0f2b2c9a1d11"},
                                                                    {"opprettet", "2025-10-01T07:59:59.123456789"},
                                                                    {"event_name", "ping"}});
    REQUIRE(parse_uuid(pong.id()));
    REQUIRE(pong.id() != "7d6a3c3e-7f34-4a55-9f0c-0f2b2c9a1d11");
    REQUIRE(pong.string("@opprettet") == "2025-10-01T08:00:00.000000");
    // As sent: the ping's count plus our read; the ping's entry plus our read and our publish. (The
    // capture river read the pong once more: one more count and entry.)
    REQUIRE(pong.json().at("system_read_count").as_int64() == 2);
    const auto& entries = pong.json().at("system_participating_services").as_array();
    REQUIRE(entries.size() == 4);
    REQUIRE(entries[0].at("service").as_string() == "toi-helseapp");
    REQUIRE(entries[1].at("id").as_string() == "7d6a3c3e-7f34-4a55-9f0c-0f2b2c9a1d11");  // our read of the ping
    REQUIRE(entries[1].at("service").as_string() == "rekrutteringstreff");
    REQUIRE(entries[2].at("id").as_string() == pong.id());  // our publish of the pong
    REQUIRE(entries[2].at("instance").as_string() == "instans-1");
}

TEST_CASE("ping: a ping without a key gets a pong without one, and bad pings are skipped without a dead letter") {
    Embedded e;
    rapid::add_ping_pong(e.rapid, e.clock, std::chrono::hours(1));
    e.capture("pong");
    e.rapid.start();
    for (const char* bad : {R"({"@event_name":"ping"})", R"({"@event_name":"ping","ping_time":null})",
                            R"({"@event_name":"ping","ping_time":20251001})", R"({"@event_name":"ping","ping_time":"i morgen"})",
                            R"({"@event_name":"ping","ping_time":"2025-10-01T07:59:59+02:00"})",
                            R"({"@event_name":"ping","ping_time":"2025-10-01T05:59:59Z"})"})
        e.rapid.inject("k", bad);
    e.rapid.inject(std::nullopt, R"({"@event_name":"ping","ping_time":"2025-10-01T07:59"})");  // no seconds: LocalDateTime
    REQUIRE(e.rapid.drain(5s));
    REQUIRE(pong_times(e) == std::vector<std::string>{"2025-10-01T07:59"});
    REQUIRE(e.keys == std::vector<std::optional<std::string>>{std::nullopt});
    REQUIRE(e.db.count("SELECT count(*) FROM dead_letter") == 0);
}

TEST_CASE("ping: the window compares ping_time, so a re-read old ping does not silence the next one") {
    Embedded e;
    rapid::add_ping_pong(e.rapid, e.clock, std::chrono::hours(1));
    e.capture("pong");
    e.rapid.start();
    // A restarted instance re-reads the last ping and then gets the next one at once.
    e.rapid.inject("k", bibliotekets_ping("2025-10-01T07:59:00"));
    e.rapid.inject("k", bibliotekets_ping("2025-10-01T07:59:30"));
    e.rapid.inject("k", bibliotekets_ping("2025-10-01T07:59:20"));         // older than the last answered
    e.rapid.inject("k", bibliotekets_ping("2025-10-01T07:59:35"));         // 5 s after: at most 5 s is ignored
    e.rapid.inject("k", bibliotekets_ping("2025-10-01T07:59:35.000001"));  // just over 5 s
    e.rapid.inject("k", bibliotekets_ping("2025-10-01T06:59:59"));         // more than an hour old
    REQUIRE(e.rapid.drain(5s));
    REQUIRE(pong_times(e) == std::vector<std::string>{"2025-10-01T07:59:00", "2025-10-01T07:59:30", "2025-10-01T07:59:35.000001"});
}

TEST_CASE("ping: a ping_time far in the future is ignored and does not silence later pings") {
    Embedded e;
    rapid::add_ping_pong(e.rapid, e.clock, std::chrono::hours(1));
    e.capture("pong");
    e.rapid.start();
    e.rapid.inject("k", bibliotekets_ping("2035-01-01T00:00:00"));
    e.rapid.inject("k", bibliotekets_ping("2025-10-01T09:00:01"));  // 1 h 0 min 1 s ahead: too far
    e.rapid.inject("k", bibliotekets_ping("2025-10-01T09:00:00"));  // exactly the bound: answered
    REQUIRE(e.rapid.drain(5s));
    e.clock.advance(2h);
    e.rapid.inject("k", bibliotekets_ping("2025-10-01T10:00:00"));
    REQUIRE(e.rapid.drain(5s));
    REQUIRE(pong_times(e) == std::vector<std::string>{"2025-10-01T09:00:00", "2025-10-01T10:00:00"});
}

TEST_CASE("embedded rapid: a tombstone is skipped without a dead letter, and start publishes up and ready") {
    Embedded e;
    // Rivers run one after another over a batch: registered in the order the names are expected.
    e.capture("application_up");
    e.capture("application_ready");
    e.capture("x");
    e.rapid.start();
    e.rapid.inject("k", std::nullopt);
    e.rapid.inject("k", R"({"@event_name":"x"})");
    REQUIRE(e.rapid.drain(5s));
    std::vector<std::string> names;
    for (const auto& m : e.seen) names.emplace_back(m.event_name());
    REQUIRE(names == std::vector<std::string>{"application_up", "application_ready", "x"});
    REQUIRE(e.seen[0].string("app_name") == "rekrutteringstreff");
    REQUIRE(e.seen[0].string("instance_id") == "instans-1");
    REQUIRE(e.db.count("SELECT count(*) FROM dead_letter") == 0);
}

TEST_CASE("a batch river gets the batch, when it fails permanently only the poison is set aside") {
    Embedded e;
    std::vector<std::size_t> batch_sizes;
    std::vector<std::string> handled;
    rapid::River r;
    r.name = "batch";
    r.precondition(rapid::require_value("@event_name", std::string("b")));
    r.on_batch = [&](const std::vector<const rapid::Message*>& ms, rapid::Context&) {
        batch_sizes.push_back(ms.size());
        for (auto* m : ms)
            if (m->string("nr") == "gift") throw PermanentError("giftig");
        for (auto* m : ms) handled.emplace_back(m->string("nr"));
    };
    e.rapid.add_river(std::move(r));
    e.rapid.inject("k", R"({"@event_name":"b","nr":"1"})");
    e.rapid.inject("k", R"({"@event_name":"b","nr":"gift"})");
    e.rapid.inject("k", R"({"@event_name":"b","nr":"3"})");
    e.rapid.start();  // all three are waiting, so they arrive as one batch
    REQUIRE(e.rapid.drain(5s));
    REQUIRE(batch_sizes == std::vector<std::size_t>{3, 1, 1, 1});
    REQUIRE(handled == std::vector<std::string>{"1", "3"});
    REQUIRE(e.db.scalar("SELECT handler || ':' || reason FROM dead_letter") == "batch:giftig");
}
