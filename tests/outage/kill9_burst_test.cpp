// kill -9 in the middle of a visibility burst, then a restart (issue 13, item 2): the final rows
// are identical to those of an uninterrupted run. Two databases seeded alike, one 4-partition
// rapid topic, two service binaries each in a group of its own from the beginning: A is killed
// with SIGKILL once half the burst is on the topic and it has committed a tenth of it, and started
// again at once; B runs through. OUTAGE_BURST_EVENTS (150,000; 50,000 under AddressSanitizer)
// sets the burst; bench/outage runs it with 1,000,000 and prints the figures.
#include <catch2/catch.hpp>
#include <fmt/format.h>

#include <optional>
#include <thread>

#include "infra/kafka/producer.hpp"
#include "outage/outage_service.hpp"
#include "outage/private_servers.hpp"
#include "support/kafka_test_support.hpp"
#include "support/synlighet_strom.hpp"
#include "support/test_db.hpp"
#include "support/test_env.hpp"

using namespace rt;
using namespace std::chrono_literals;
using Steady = std::chrono::steady_clock;

namespace {

constexpr int kPartitions = 4;
namespace strom = test::synlighet_strom;

std::size_t burst_events() {
    if (const char* v = std::getenv("OUTAGE_BURST_EVENTS")) return std::stoull(v);
#ifdef __SANITIZE_ADDRESS__
    return 50'000;
#else
    return 150'000;
#endif
}

// The visibility columns of every job seeker as one digest (the ids are the same in both).
std::string digest(const test::TestDatabase& db) {
    return db.scalar(R"(SELECT count(*) || ' ' || md5(string_agg(concat_ws('|', id, er_synlig, sperret,
                            synlighet_sist_oppdatert, synlighet_kilde), ',' ORDER BY id)) FROM jobbsoker)");
}

// The burst, made a chunk at a time (a million records at once would take half a gigabyte).
std::vector<kafka::OutRecord> next_chunk(strom::Strom& strom, const std::string& topic, std::size_t n) {
    std::vector<kafka::OutRecord> out;
    out.reserve(n);
    while (out.size() < n) {
        auto e = strom.next();
        out.push_back({topic, std::move(e.key), std::move(e.value), {}});
    }
    return out;
}

// How far the group is behind the end of the topic, summed over the partitions (-1: unknown),
// and what it has committed.
struct Progress {
    long long behind = -1;
    long long committed = 0;
};
Progress progress(const std::string& group, const std::string& topic) {
    auto rk = test::group_client(group);
    kafka::PartitionList list(rd_kafka_topic_partition_list_new(kPartitions));
    for (int p = 0; p < kPartitions; ++p) rd_kafka_topic_partition_list_add(list.get(), topic.c_str(), p);
    Progress out;
    if (rd_kafka_committed(rk.get(), list.get(), 10000) == RD_KAFKA_RESP_ERR_NO_ERROR) {
        out.behind = 0;
        for (int p = 0; p < kPartitions; ++p) {
            int64_t low = 0, high = 0;
            rd_kafka_query_watermark_offsets(rk.get(), topic.c_str(), p, &low, &high, 10000);
            auto committed = std::max<int64_t>(list->elems[p].offset, 0);
            out.committed += committed;
            out.behind += high - committed;
        }
    }
    rd_kafka_consumer_close(rk.get());
    return out;
}

// Waits until the group has committed to the end of every partition; the time it took.
std::optional<double> caught_up(const std::string& group, const std::string& topic, std::chrono::seconds limit) {
    auto from = Steady::now();
    while (Steady::now() - from < limit) {
        if (progress(group, topic).behind == 0) return test::seconds_since(from);
        std::this_thread::sleep_for(100ms);
    }
    return std::nullopt;
}

}  // namespace

TEST_CASE("kill -9 in the middle of a visibility burst and a restart: final rows identical to an uninterrupted run") {
    test::PrivatePostgres pg;
    test::PrivateKafka kafka;
    test::TestDatabase db_a, db_b;
    for (const auto* db : {&db_a, &db_b}) {
        auto c = db->connect();
        strom::seed(c);
    }
    const auto seeded = digest(db_a);
    REQUIRE(seeded == digest(db_b));
    const auto n = burst_events();
    const auto topic = test::fresh_topic("outage_burst", kPartitions);
    strom::Strom strom;
    const auto group_a = test::unique_name("burst_a"), group_b = test::unique_name("burst_b");
    auto env = [&](const std::string& group) {
        return std::map<std::string, std::string>{{"KAFKA_BROKERS", kafka.brokers()},
                                                  {"KAFKA_RAPID_TOPIC", topic},
                                                  {"KAFKA_CONSUMER_GROUP_ID", group},
                                                  {"KAFKA_RESET_POLICY", "earliest"},
                                                  {"AKTIVITETSKORT_TOPIC", topic + "_kort"},
                                                  {"AKTIVITETSKORT_FEIL_TOPIC", topic + "_kort_feil"},
                                                  // The need job would add its own messages to the topic.
                                                  {"SYNLIGHET_BEHOV_INTERVALL_SEKUNDER", "86400"}};
    };
    test::OutageService a(db_a.url(), env(group_a));
    test::OutageService b(db_b.url(), env(group_b));

    kafka::Producer producer(test::kafka_settings(), std::chrono::seconds(120));
    constexpr std::size_t kChunk = 10'000;
    auto produce = [&](std::size_t from, std::size_t to) {
        for (auto i = from; i < to; i += kChunk) producer.send(next_chunk(strom, topic, std::min(to, i + kChunk) - i));
    };
    // The services' own life-cycle messages already on the topic.
    const auto before = progress(test::unique_name("nobody"), topic).behind;
    const auto begin = Steady::now();
    produce(0, n / 2);
    // A is in the middle of it: it has committed a tenth of the burst, and handled more since.
    Progress at_kill;
    const auto wait_from = Steady::now();
    while ((at_kill = progress(group_a, topic)).committed < before + static_cast<long long>(n / 10) &&
           Steady::now() - wait_from < 120s)
        std::this_thread::sleep_for(20ms);
    a.kill9();
    const auto killed = Steady::now();
    std::string producer_failure;
    std::thread second_half([&] {
        try {
            produce(n / 2, n);
        } catch (const std::exception& e) {
            producer_failure = e.what();
        }
    });
    std::string restart_failure;
    try {
        a.start();
    } catch (const std::exception& e) {
        restart_failure = e.what();
    }
    const auto restarted = Steady::now();
    second_half.join();
    INFO(producer_failure << restart_failure);
    REQUIRE(producer_failure.empty());
    REQUIRE(restart_failure.empty());
    const double produced_after = test::seconds_since(begin);
    const auto b_done = caught_up(group_b, topic, 600s);
    const double b_seconds = test::seconds_since(begin);
    const auto a_done = caught_up(group_a, topic, 600s);
    const double a_since_restart = test::seconds_since(restarted);
    const auto final_a = digest(db_a), final_b = digest(db_b);
    const auto changed = db_b.count("SELECT count(*) FROM jobbsoker WHERE synlighet_kilde = 'EVENT'");

    fmt::print("kill -9 during a burst of {} events (4 partitions, {} job seekers):\n", n, strom::kRows);
    fmt::print("  A killed {:.1f} s after the first event, having committed {} events of the burst ({} behind the topic's end);"
               " restarted and ready in {:.1f} s\n",
               std::chrono::duration<double>(killed - begin).count(), at_kill.committed - before, at_kill.behind,
               std::chrono::duration<double>(restarted - killed).count());
    fmt::print("  all produced {:.1f} s after the first; B (uninterrupted) committed to the end {:.1f} s after the first: {:.0f} events/s\n",
               produced_after, b_seconds, static_cast<double>(n) / b_seconds);
    fmt::print("  A committed to the end {:.1f} s after its restart ({:.1f} s after the first event)\n", a_since_restart,
               std::chrono::duration<double>(Steady::now() - begin).count());
    fmt::print("  rows: A {} / B {} / seeded {}; identical: {}; job seekers last set by an event in B: {}\n", final_a, final_b,
               seeded, final_a == final_b ? "yes" : "no", changed);

    REQUIRE(at_kill.committed >= before + static_cast<long long>(n / 10));
    REQUIRE(at_kill.committed < static_cast<long long>(n));
    REQUIRE(b_done);
    REQUIRE(a_done);
    REQUIRE(final_b != seeded);  // the burst changed rows
    REQUIRE(final_a == final_b);
}
