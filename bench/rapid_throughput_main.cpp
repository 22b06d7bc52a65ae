// The two halves of bench/rapid_throughput, run as separate processes so that the consumer's
// peak RSS is its own and not the producer's:
//   rapid_throughput produce <brokers> <topic> <n>
//   rapid_throughput consume <brokers> <topic> <n> <database-url>
// Each prints `name value` lines on stdout for the script to pick up.
#include <fmt/format.h>
#include <sys/resource.h>

#include <algorithm>
#include <chrono>
#include <condition_variable>
#include <fstream>
#include <iostream>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "core/clock.hpp"
#include "core/ids.hpp"
#include "infra/kafka/admin.hpp"
#include "infra/kafka/producer.hpp"
#include "infra/kafka/topics.hpp"
#include "infra/log.hpp"
#include "infra/metrics.hpp"
#include "infra/pg/pool.hpp"
#include "infra/rapid/kafka_rapid.hpp"

using namespace rt;
using Steady = std::chrono::steady_clock;

namespace {

constexpr std::size_t kChunk = 10'000;
constexpr int kPartitions = 4;
const auto kConsumeTimeout = std::chrono::minutes(10);

double seconds_since(Steady::time_point from, Steady::time_point to = Steady::now()) {
    return std::chrono::duration<double>(to - from).count();
}

// An 11-digit, fødselsnummer-shaped key (ddmmyy + 5 digits) per index, so that the keys spread
// over the partitions the way real persons would.
std::string fnr(std::size_t i) {
    return fmt::format("{:02}{:02}{:02}{:05}", 1 + i % 28, 1 + (i / 28) % 12, (i / 336) % 100, i % 100'000);
}

// A visibility event as the engine publishes it (../shared/spec/messages.md), with the envelope
// a hop adds: about 300 bytes.
std::string visibility_event(const std::string& person) {
    return fmt::format(
        R"({{"@event_name":"synlighet-event","@id":"{}","@opprettet":"2025-10-01T08:00:00.123456",)"
        R"("fodselsnummer":"{}","@slutt_av_hendelseskjede":true,)"
        R"("synlighet":{{"erSynlig":true,"ferdigBeregnet":true,"sperret":false}},"system_read_count":0,)"
        R"("@forårsaket_av":{{"id":"{}","event_name":"cv"}}}})",
        new_uuid(), person, new_uuid());
}

int produce(const kafka::KafkaSettings& settings, const std::string& topic, std::size_t n) {
    kafka::create_topic(settings, topic, kPartitions);
    kafka::Producer producer(settings);
    std::size_t bytes = 0;
    const auto start = Steady::now();
    for (std::size_t sent = 0; sent < n;) {
        std::vector<kafka::OutRecord> chunk;
        chunk.reserve(kChunk);
        for (; chunk.size() < kChunk && sent < n; ++sent) {
            auto person = fnr(sent);
            auto value = visibility_event(person);
            bytes += value.size();
            chunk.push_back({topic, std::move(person), std::move(value), {}});
        }
        producer.send(chunk);  // waits for the acknowledgements, as our relays do
    }
    const double s = seconds_since(start);
    fmt::print("produced {}\nbytes_avg {}\nseconds {:.3f}\nrate {:.0f}\n", n, bytes / n, s, n / s);
    return 0;
}

// What the river's handler saw; the handler runs on the consumer thread, main() waits here.
struct Tally {
    std::mutex mutex;
    std::condition_variable changed;
    std::size_t count = 0;
    std::size_t batches = 0;  // handler calls: small batches mean per-batch costs dominate
    // librdkafka 2.0 stops fetching while its queue holds queued.min.messages (100,000) or
    // queued.max.messages.kbytes, and looks again only when its broker thread next wakes up
    // (up to 1 s later): a consumer that fell behind once sits idle, and it shows up here.
    Steady::duration longest_pause{};
    std::optional<Steady::time_point> first, last;

    void add(std::size_t k) {
        const auto now = Steady::now();
        std::lock_guard lock(mutex);
        if (!first) first = now;
        if (last) longest_pause = std::max(longest_pause, now - *last);
        count += k;
        ++batches;
        last = now;
        changed.notify_all();
    }
};

// The event-stream river of the visibility module (../shared/spec/messages.md), counting only:
// what is measured is the rapid's cost per message, not the module's.
rapid::River counting_river(Tally& tally, const Clock& clock) {
    rapid::River river;
    river.name = "synlighet-bench";
    river.precondition(rapid::require_key("synlighet.erSynlig"))
        .precondition(rapid::require_value("synlighet.ferdigBeregnet", true))
        .precondition(rapid::require_value("@slutt_av_hendelseskjede", true))
        .validate(rapid::require_key("fodselsnummer"))
        .validate(rapid::require_opprettet(clock, std::chrono::hours(1)));
    river.on_batch = [&tally](const std::vector<const rapid::Message*>& batch, rapid::Context&) { tally.add(batch.size()); };
    return river;
}

// User + system CPU of the whole process (every thread, the group join included).
double cpu_seconds() {
    rusage u{};
    getrusage(RUSAGE_SELF, &u);
    auto s = [](const timeval& t) { return static_cast<double>(t.tv_sec) + static_cast<double>(t.tv_usec) / 1e6; };
    return s(u.ru_utime) + s(u.ru_stime);
}

// The peak resident set of this process (VmHWM), in KiB.
long peak_rss_kib() {
    std::ifstream status("/proc/self/status");
    for (std::string line; std::getline(status, line);)
        if (line.rfind("VmHWM:", 0) == 0) return std::stol(line.substr(6));
    return -1;
}

int consume(const kafka::KafkaSettings& settings, const std::string& topic, std::size_t n, const std::string& db_url) {
    Metrics metrics;
    SystemClock clock;
    // Only DeadLetters needs the database, and only for refused messages: none are expected,
    // and the pool opens connections on demand, so nothing is written there.
    pg::Pool pool(db_url, 1);
    kafka::Topics topics(settings, pool, metrics);
    // Default batch size, as the service runs it.
    rapid::KafkaRapid rapid(topics, {topic, "rapid-bench-" + new_uuid(), "earliest"}, rapid::Deltaker{"rapid-bench"}, clock,
                            metrics);
    Tally tally;
    rapid.add_river(counting_river(tally, clock));

    const auto start = Steady::now();
    topics.start();
    bool all = false;
    {
        std::unique_lock lock(tally.mutex);
        all = tally.changed.wait_for(lock, kConsumeTimeout, [&] { return tally.count >= n; });
    }
    topics.stop();
    std::lock_guard lock(tally.mutex);
    if (!all || !tally.first) {
        std::cerr << fmt::format("only {} of {} messages reached the river within {} min\n", tally.count, n,
                                 std::chrono::duration_cast<std::chrono::minutes>(kConsumeTimeout).count());
        return 1;
    }
    const double s = seconds_since(*tally.first, *tally.last);
    fmt::print("consumed {}\nbatches {}\nlongest_pause_ms {}\njoin_seconds {:.3f}\nseconds {:.3f}\nrate {:.0f}\n"
               "cpu_seconds {:.3f}\ndead_letters {}\npeak_rss_kib {}\n",
               tally.count, tally.batches,
               std::chrono::duration_cast<std::chrono::milliseconds>(tally.longest_pause).count(),
               seconds_since(start, *tally.first), s, tally.count / s, cpu_seconds(),
               metrics.counter_value("dead_letters_total", {{"topic", topic}, {"handler", "synlighet-bench"}}) +
                   metrics.counter_value("dead_letters_total", {{"topic", topic}, {"handler", "rapid"}}),
               peak_rss_kib());
    return 0;
}

}  // namespace

int main(int argc, char** argv) {
    const std::vector<std::string> args(argv + 1, argv + argc);
    const bool produce_call = args.size() == 4 && args[0] == "produce";
    const bool consume_call = args.size() == 5 && args[0] == "consume";
    if (!produce_call && !consume_call) {
        std::cerr << "usage: rapid_throughput produce <brokers> <topic> <n>\n"
                     "       rapid_throughput consume <brokers> <topic> <n> <database-url>\n";
        return 2;
    }
    // librdkafka's and the consumer's info lines would mix with the figures on stdout.
    log::set_level(log::Level::warn);
    try {
        kafka::KafkaSettings settings{args[1], std::nullopt, "rapid-throughput-bench", {}};
        const auto n = static_cast<std::size_t>(std::stoull(args[3]));
        if (n == 0) throw std::invalid_argument("n must be at least 1");
        return produce_call ? produce(settings, args[2], n) : consume(settings, args[2], n, args[4]);
    } catch (const std::exception& e) {
        std::cerr << "rapid_throughput: " << e.what() << "\n";
        return 1;
    }
}
