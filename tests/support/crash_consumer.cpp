// A rapid participant for the crash test: records every message it handles in `handled` and is
// killed with SIGKILL by the test half-way. Arguments: brokers topic group database-url.
#include <fmt/format.h>

#include <iostream>
#include <thread>

#include "infra/kafka/topics.hpp"
#include "infra/metrics.hpp"
#include "infra/pg/pool.hpp"
#include "infra/rapid/kafka_rapid.hpp"

int main(int argc, char** argv) {
    if (argc != 5) {
        std::cerr << "usage: crash_consumer brokers topic group database-url\n";
        return 2;
    }
    rt::Metrics metrics;
    rt::SystemClock clock;
    rt::pg::Pool pool(argv[4], 2);
    rt::kafka::Topics topics(rt::kafka::KafkaSettings{argv[1], std::nullopt, "crash-consumer", {}}, pool, metrics);
    rt::rapid::KafkaRapid rapid(topics, {argv[2], argv[3], "earliest", 50}, rt::rapid::Deltaker{"crash"}, clock, metrics);
    rt::rapid::River river;
    river.name = "teller";
    river.precondition(rt::rapid::require_value("@event_name", std::string("telling")));
    river.on_message = [&](const rt::rapid::Message& m, rt::rapid::Context&) {
        std::this_thread::sleep_for(std::chrono::milliseconds(3));  // slow enough to be killed half-way
        pool.with([&](rt::pg::Connection& c) { c.query("INSERT INTO handled (id) VALUES ($1)", std::string(m.string("nr"))); });
    };
    rapid.add_river(std::move(river));
    topics.start();
    std::this_thread::sleep_for(std::chrono::hours(1));
}
