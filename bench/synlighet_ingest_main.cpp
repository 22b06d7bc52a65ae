// The helper of bench/synlighet_ingest: seeds a database, produces the visibility event stream,
// and consumes it in one of two modes, each in a process of its own (so that its peak RSS is
// its own):
//   synlighet_ingest seed <database-url>
//   synlighet_ingest produce <brokers> <topic> <n>
//   synlighet_ingest consume batch|autocommit <brokers> <topic> <n> <database-url> <timeout-seconds>
//   synlighet_ingest write <file> <n>           (the same stream as key<TAB>value lines for kcat -P)
//   synlighet_ingest delete-topic <brokers> <topic>
// batch      = the service's path: KafkaRapid + the synlighet rivers over a SynlighetLager (per
//              poll batch the newest event per fnr, one UPDATE, one transaction, then the offsets).
// autocommit = the baseline: the same rapid and rules, but a river with on_message that applies
//              each event with its own UPDATE on one connection in autocommit.
// Each prints `name value` lines on stdout for the script to pick up.
#include <fmt/format.h>
#include <sys/resource.h>

#include <condition_variable>
#include <cstdio>
#include <memory>
#include <iostream>
#include <map>
#include <mutex>
#include <optional>

#include "bench_support.hpp"
#include "core/ids.hpp"
#include "core/time.hpp"
#include "infra/kafka/admin.hpp"
#include "infra/kafka/producer.hpp"
#include "infra/kafka/topics.hpp"
#include "infra/log.hpp"
#include "infra/metrics.hpp"
#include "infra/pg/migrations.hpp"
#include "infra/pg/pool.hpp"
#include "infra/rapid/kafka_rapid.hpp"
#include "modules/jobbsoker/synlighet_lager.hpp"
#include "modules/synlighet/rivers.hpp"
#include "modules/synlighet/vurdering.hpp"
#include "support/synlighet_strom.hpp"

using namespace rt;
using namespace rt::bench;

namespace {

constexpr int kPartitions = 4;
namespace strom = test::synlighet_strom;

// --- seed ---------------------------------------------------------------------------------

int seed(const std::string& url) {
    auto c = pg::Connection::open(url);
    pg::migrate(c, pg::embedded_migrations());
    auto start = Steady::now();
    strom::seed(c);
    fmt::print("meetings {}\nrows {}\npersons {}\nseed_seconds {:.3f}\n", strom::kMeetings, strom::kRows, strom::kPersons,
               seconds_since(start));
    return 0;
}

// --- produce ------------------------------------------------------------------------------

// n events to a fresh topic of kPartitions partitions, by our producer.
int produce(const kafka::KafkaSettings& settings, const std::string& topic, std::size_t n) {
    kafka::create_topic(settings, topic, kPartitions);
    kafka::Producer producer(settings);
    strom::Strom stream;
    const auto start = Steady::now();
    constexpr std::size_t kChunk = 10'000;
    for (std::size_t sent = 0; sent < n;) {
        std::vector<kafka::OutRecord> chunk;
        chunk.reserve(kChunk);
        for (; chunk.size() < kChunk && sent < n; ++sent) {
            auto e = stream.next();
            chunk.push_back({topic, std::move(e.key), std::move(e.value), {}});
        }
        producer.send(chunk);  // waits for the acknowledgements
    }
    const double s = seconds_since(start);
    fmt::print("produced {}\non_meeting {}\nbytes_avg {}\nseconds {:.3f}\nrate {:.0f}\n", n, stream.on_meeting,
               stream.bytes / n, s, static_cast<double>(n) / s);
    return 0;
}

// The same n events as `key<TAB>value` lines, for `kcat -P -K '\t'` (bench/synlighet_burst).
int write(const std::string& path, std::size_t n) {
    std::FILE* f = std::fopen(path.c_str(), "w");
    if (!f) throw std::runtime_error("cannot write " + path);
    std::unique_ptr<std::FILE, int (*)(std::FILE*)> closer(f, &std::fclose);
    strom::Strom stream;
    for (std::size_t i = 0; i < n; ++i) {
        auto e = stream.next();
        fmt::print(f, "{}\t{}\n", e.key, e.value);
    }
    fmt::print("written {}\non_meeting {}\nbytes_avg {}\n", n, stream.on_meeting, stream.bytes / n);
    return 0;
}

// --- consume ------------------------------------------------------------------------------

struct Tally {
    std::mutex mutex;
    std::condition_variable changed;
    std::size_t target = 0;
    std::size_t count = 0;
    std::size_t calls = 0;
    std::optional<Steady::time_point> first, last;
    Steady::duration in_handler{};  // verdicts + UPDATE (+ COMMIT): the river's own work

    Steady::time_point begin() {
        auto now = Steady::now();
        std::lock_guard lock(mutex);
        if (!first) first = now;
        return now;
    }
    void add(std::size_t k, Steady::time_point began) {
        auto now = Steady::now();
        std::lock_guard lock(mutex);
        count += k;
        ++calls;
        last = now;
        in_handler += now - began;
        if (count >= target) changed.notify_all();
    }
};

// User + system CPU of the whole process (every thread).
double cpu_seconds() {
    rusage u{};
    getrusage(RUSAGE_SELF, &u);
    auto s = [](const timeval& t) { return static_cast<double>(t.tv_sec) + static_cast<double>(t.tv_usec) / 1e6; };
    return s(u.ru_utime) + s(u.ru_stime);
}

int partition_count(rd_kafka_t* rk, const std::string& topic) {
    rd_kafka_topic_t* rkt = rd_kafka_topic_new(rk, topic.c_str(), nullptr);
    const rd_kafka_metadata_t* md = nullptr;
    auto e = rd_kafka_metadata(rk, 0, rkt, &md, 10000);
    rd_kafka_topic_destroy(rkt);
    if (e) throw std::runtime_error(fmt::format("no metadata for {}: {}", topic, rd_kafka_err2str(e)));
    int n = md->topic_cnt ? md->topics[0].partition_cnt : 0;
    rd_kafka_metadata_destroy(md);
    return n;
}

// The group's committed offset equals the end of every partition.
bool committed_to_end(const kafka::KafkaSettings& base, const std::string& group, const std::string& topic) {
    auto settings = base;
    settings.extra = {{"group.id", group}, {"enable.auto.commit", "false"}};
    auto conf = kafka::make_conf(settings);
    char err[512];
    kafka::KafkaHandle rk(rd_kafka_new(RD_KAFKA_CONSUMER, conf.get(), err, sizeof err));
    if (!rk) throw std::runtime_error(err);
    conf.release();
    int partitions = partition_count(rk.get(), topic);
    kafka::PartitionList list(rd_kafka_topic_partition_list_new(partitions));
    for (int p = 0; p < partitions; ++p) rd_kafka_topic_partition_list_add(list.get(), topic.c_str(), p);
    if (auto e = rd_kafka_committed(rk.get(), list.get(), 10000)) throw std::runtime_error(rd_kafka_err2str(e));
    // After the committed offset, only the consumers' own life-cycle events (application_down,
    // application_not_ready, published when they stopped) may remain.
    bool all = true;
    std::map<int, int64_t> rest;  // partition -> end offset still to look at
    kafka::PartitionList from(rd_kafka_topic_partition_list_new(partitions));
    for (int p = 0; p < partitions; ++p) {
        int64_t low = 0, high = 0;
        rd_kafka_query_watermark_offsets(rk.get(), topic.c_str(), p, &low, &high, 10000);
        const auto committed = list->elems[p].offset;
        if (committed < 0 || committed > high) all = false;
        else if (committed < high) {
            rd_kafka_topic_partition_list_add(from.get(), topic.c_str(), p)->offset = committed;
            rest[p] = high;
        }
    }
    if (all && !rest.empty()) {
        rd_kafka_poll_set_consumer(rk.get());
        rd_kafka_assign(rk.get(), from.get());
        const auto until = Steady::now() + std::chrono::seconds(20);
        while (!rest.empty() && Steady::now() < until) {
            kafka::MessageHandle m(rd_kafka_consumer_poll(rk.get(), 100));
            if (!m || m->err) continue;
            auto it = rest.find(m->partition);
            if (it == rest.end()) continue;
            std::string_view value(static_cast<const char*>(m->payload), m->len);
            if (value.find(R"("@event_name":"application_)") == std::string_view::npos) all = false;
            if (m->offset + 1 >= it->second) rest.erase(it);
        }
        if (!rest.empty()) all = false;
    }
    rd_kafka_consumer_close(rk.get());
    return all;
}

int consume(bool batch_mode, const kafka::KafkaSettings& settings, const std::string& topic, std::size_t n,
            const std::string& url, std::chrono::seconds timeout) {
    Metrics metrics;
    SystemClock clock;
    pg::Pool pool(url, 4);
    kafka::Topics topics(settings, pool, metrics);
    jobbsoker::SynlighetLager lager(pool);
    const auto group = fmt::format("synlighet-bench-{}-{}", batch_mode ? "batch" : "autocommit", new_uuid());
    // The service's consumer options (default max_batch), a fresh group from the beginning.
    rapid::KafkaRapid rapid(topics, {topic, group, "earliest"}, rapid::Deltaker{"synlighet-bench"}, clock, metrics);
    Tally tally;
    tally.target = n;

    const auto max_fremtid = Config{}.rapid_max_fremtid;
    auto hendelser = synlighet::hendelse_river(lager, clock, max_fremtid);
    std::optional<pg::Connection> autocommit;
    if (batch_mode) {
        auto inner = std::move(hendelser.on_batch);
        hendelser.on_batch = [&tally, inner](const std::vector<const rapid::Message*>& ms, rapid::Context& ctx) {
            auto began = tally.begin();
            inner(ms, ctx);
            tally.add(ms.size(), began);
        };
    } else {
        autocommit.emplace(pg::Connection::open(url));
        hendelser.name = "synlighet-baseline";
        hendelser.on_batch = nullptr;
        hendelser.on_message = [&tally, &autocommit](const rapid::Message& m, rapid::Context&) {
            auto began = tally.begin();
            jobbsoker::SynlighetLager::bruk_hendelser(*autocommit, {synlighet::fra_hendelse(m)});
            tally.add(1, began);
        };
    }
    const std::string river_name = hendelser.name;
    rapid.add_river(std::move(hendelser));
    // The service's other visibility river sees every message too (its precondition fails).
    rapid.add_river(synlighet::behovssvar_river(lager, clock, max_fremtid));

    const auto start = Steady::now();
    topics.start();
    bool complete = false;
    {
        std::unique_lock lock(tally.mutex);
        complete = tally.changed.wait_for(lock, timeout, [&] { return tally.count >= n; });
    }
    topics.stop();  // finishes the batch in hand, commits the stored offsets, leaves the group
    const auto committed = Steady::now();
    std::lock_guard lock(tally.mutex);
    if (!tally.first) {
        std::cerr << "no message reached the river\n";
        return 1;
    }
    const double s = seconds_since(*tally.first, committed);
    const double dead = metrics.counter_value("dead_letters_total", {{"topic", topic}, {"handler", river_name}}) +
                        metrics.counter_value("dead_letters_total", {{"topic", topic}, {"handler", "rapid"}});
    fmt::print("mode {}\ncomplete {}\nconsumed {}\nhandler_calls {}\njoin_seconds {:.3f}\nhandled_seconds {:.3f}\n"
               "in_handler_seconds {:.3f}\ncpu_seconds {:.3f}\nseconds {:.3f}\nrate {:.0f}\ndead_letters {}\n"
               "committed_to_end {}\npeak_rss_kib {}\n",
               batch_mode ? "batch" : "autocommit", complete ? 1 : 0, tally.count, tally.calls,
               seconds_since(start, *tally.first), seconds_since(*tally.first, *tally.last),
               std::chrono::duration<double>(tally.in_handler).count(), cpu_seconds(), s,
               static_cast<double>(tally.count) / s, dead, committed_to_end(settings, group, topic) ? 1 : 0,
               status_kib("VmHWM"));
    return 0;
}


}  // namespace

int main(int argc, char** argv) {
    const std::vector<std::string> a(argv + 1, argv + argc);
    // librdkafka's and the consumer's info lines would mix with the figures on stdout.
    log::set_level(log::Level::warn);
    try {
        auto settings = [](const std::string& brokers) {
            return kafka::KafkaSettings{brokers, std::nullopt, "synlighet-ingest-bench", {}};
        };
        if (a.size() == 2 && a[0] == "seed") return seed(a[1]);
        if (a.size() == 4 && a[0] == "produce") return produce(settings(a[1]), a[2], std::stoull(a[3]));
        if (a.size() == 7 && a[0] == "consume" && (a[1] == "batch" || a[1] == "autocommit"))
            return consume(a[1] == "batch", settings(a[2]), a[3], std::stoull(a[4]), a[5], std::chrono::seconds(std::stoll(a[6])));
        if (a.size() == 3 && a[0] == "write") return write(a[1], std::stoull(a[2]));
        if (a.size() == 3 && a[0] == "delete-topic") return kafka::delete_topic(settings(a[1]), a[2]), 0;
    } catch (const std::exception& e) {
        std::cerr << "synlighet_ingest: " << e.what() << "\n";
        return 1;
    }
    std::cerr << "usage: synlighet_ingest seed <database-url>\n"
                 "       synlighet_ingest produce <brokers> <topic> <n>\n"
                 "       synlighet_ingest consume batch|autocommit <brokers> <topic> <n> <database-url> <timeout-seconds>\n"
                 "       synlighet_ingest write <file> <n>\n"
                 "       synlighet_ingest delete-topic <brokers> <topic>\n";
    return 2;
}
