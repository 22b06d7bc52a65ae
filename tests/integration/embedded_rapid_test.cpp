#include <catch2/catch.hpp>

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
    rapid::EmbeddedRapid rapid{"instans-1", clock, dead_letters, metrics};
    std::mutex mutex;
    std::vector<rapid::Message> seen;

    void capture(const std::string& event) {
        rapid::River r;
        r.name = "fanger-" + event;
        r.precondition(rapid::require_value("@event_name", event));
        r.on_message = [this](const rapid::Message& m, rapid::Context&) {
            std::lock_guard lock(mutex);
            seen.push_back(m);
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

TEST_CASE("ping is answered with pong naming its cause; too old and too frequent pings are ignored") {
    Embedded e;
    rapid::add_ping_pong(e.rapid, e.clock);
    e.capture("pong");
    e.rapid.start();
    e.rapid.inject("k", R"({"@event_name":"ping","@id":"p1","@opprettet":"2025-10-01T07:59:59","ping_time":"2025-10-01T07:59:59"})");
    REQUIRE(e.rapid.drain(5s));
    REQUIRE(e.seen.size() == 1);
    const auto& pong = e.seen[0];
    REQUIRE(pong.string("pong_time") == "2025-10-01T08:00:00.000000");
    REQUIRE(pong.string("ping_time") == "2025-10-01T07:59:59");
    REQUIRE(pong.string("app_name") == "rekrutteringstreff");
    REQUIRE(pong.string("instance_id") == "instans-1");
    REQUIRE(pong.string("@forårsaket_av.id") == "p1");
    REQUIRE(pong.string("@forårsaket_av.event_name") == "ping");
    REQUIRE(pong.id() != "p1");

    e.clock.advance(3s);  // within 5 s of the last answer
    e.rapid.inject("k", R"({"@event_name":"ping","ping_time":"2025-10-01T08:00:02"})");
    REQUIRE(e.rapid.drain(5s));
    e.clock.advance(10s);
    e.rapid.inject("k", R"({"@event_name":"ping","ping_time":"2025-10-01T06:59:00"})");  // more than an hour old
    e.rapid.inject("k", R"({"@event_name":"ping","ping_time":"2025-10-01T08:00:12"})");
    REQUIRE(e.rapid.drain(5s));
    REQUIRE(e.seen.size() == 2);
    REQUIRE(e.seen[1].string("ping_time") == "2025-10-01T08:00:12");
}

TEST_CASE("a batch river gets the batch; when it fails permanently only the poison is set aside") {
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
