// The consumer's two threads on the real broker (scripts/dev-kafka): batches prepared on the
// polling thread while the one before is handled, handled in order, offsets stored only after
// handling, and partitions given up only after what was handed over is handled.
#include <catch2/catch.hpp>
#include <atomic>
#include <mutex>
#include <set>
#include <thread>

#include "infra/kafka/consumer.hpp"
#include "infra/metrics.hpp"
#include "support/eventually.hpp"
#include "support/kafka_test_support.hpp"
#include "support/test_env.hpp"

using namespace rt;
using rt::test::eventually;

namespace {

std::vector<std::pair<std::string, std::string>> numbered(int n) {
    std::vector<std::pair<std::string, std::string>> out;
    for (int i = 0; i < n; ++i) out.emplace_back("k" + std::to_string(i), std::to_string(i));
    return out;
}

// What the handlings saw, across threads and consumers.
struct Handled {
    std::mutex mutex;
    std::vector<std::string> values;
    void add(const std::vector<kafka::Record>& batch) {
        std::lock_guard lock(mutex);
        for (const auto& r : batch) values.push_back(r.value);
    }
    std::size_t size() {
        std::lock_guard lock(mutex);
        return values.size();
    }
    std::vector<std::string> copy() {
        std::lock_guard lock(mutex);
        return values;
    }
};

}  // namespace

TEST_CASE("consumer: the next batch is prepared while the one before is handled: all handled once, in order, then committed") {
    auto topic = test::fresh_topic("consumer_pipeline");
    auto group = test::unique_name("g");
    test::produce_raw(topic, numbered(300));
    Metrics metrics;
    Handled handled;
    std::atomic<int> prepared{0}, prepared_before_previous_done{0}, handlings{0};
    std::atomic<std::size_t> largest{0};
    kafka::Consumer::Preparer prepare = [&](std::vector<kafka::Record>& batch) -> kafka::Consumer::Handling {
        // Taken one after the other, batch N+1 would be prepared only once N's handling is done.
        // (A flag set inside the handling cannot tell: the preparing thread, woken as the slot
        // empties, often runs before the handling thread has begun the batch it just took.)
        if (++prepared > handlings + 1) ++prepared_before_previous_done;
        largest = std::max(largest.load(), batch.size());
        return [&] {
            std::this_thread::sleep_for(std::chrono::milliseconds(30));
            handled.add(batch);
            ++handlings;
        };
    };
    {
        kafka::Consumer consumer(test::kafka_settings(), {topic, group, "earliest", 50}, prepare, metrics);
        consumer.start();
        REQUIRE(eventually([&] { return handled.size() >= 300; }, std::chrono::seconds(30)));
        std::this_thread::sleep_for(std::chrono::milliseconds(200));
        REQUIRE(consumer.handled() == 300);
        consumer.stop();
    }
    std::vector<std::string> expected;
    for (int i = 0; i < 300; ++i) expected.push_back(std::to_string(i));
    REQUIRE(handled.copy() == expected);
    REQUIRE(largest <= 50);
    REQUIRE(handlings == prepared);
    REQUIRE(handlings >= 6);
    // Every batch after the first was prepared while the one before was still being handled.
    REQUIRE(prepared_before_previous_done >= handlings - 2);
    REQUIRE(test::committed_offset(group, topic, 0) == 300);
}

TEST_CASE("consumer: a failed preparation is prepared again on the handling thread, and nothing is skipped") {
    auto topic = test::fresh_topic("consumer_prepare_fails");
    auto group = test::unique_name("g");
    Metrics metrics;
    Handled handled;
    std::atomic<int> failures{0};
    kafka::Consumer::Preparer prepare = [&](std::vector<kafka::Record>& batch) -> kafka::Consumer::Handling {
        for (const auto& r : batch)
            if (r.value == "2" && failures < 2) {
                ++failures;
                throw std::runtime_error("kan ikke klargjøres ennå");
            }
        return [&] { handled.add(batch); };
    };
    kafka::Consumer consumer(test::kafka_settings(), {topic, group, "earliest", 1}, prepare, metrics);
    consumer.start();
    test::produce_raw(topic, numbered(4));
    REQUIRE(eventually([&] { return handled.size() >= 4; }, std::chrono::seconds(30)));
    std::this_thread::sleep_for(std::chrono::milliseconds(200));
    consumer.stop();
    REQUIRE(handled.copy() == std::vector<std::string>{"0", "1", "2", "3"});
    REQUIRE(failures == 2);
    REQUIRE(test::committed_offset(group, topic, 0) == 4);
}

TEST_CASE("consumer: a member joining while slow batches are handled: every record handled exactly once") {
    auto topic = test::fresh_topic("consumer_rebalance", 4);
    auto group = test::unique_name("g");
    test::produce_raw(topic, numbered(3000));
    Metrics metrics;
    Handled handled;
    std::atomic<int> in_b{0};
    auto slow = [&](std::atomic<int>* count) -> kafka::Consumer::Preparer {
        return [&handled, count](std::vector<kafka::Record>& batch) -> kafka::Consumer::Handling {
            return [&handled, &batch, count] {
                std::this_thread::sleep_for(std::chrono::milliseconds(20));
                handled.add(batch);
                if (count) *count += static_cast<int>(batch.size());
            };
        };
    };
    // 300 batches of 10 at 20 ms each: a is still at it when b has joined.
    kafka::Consumer a(test::kafka_settings(), {topic, group, "earliest", 10}, slow(nullptr), metrics);
    kafka::Consumer b(test::kafka_settings(), {topic, group, "earliest", 10}, slow(&in_b), metrics);
    a.start();
    REQUIRE(eventually([&] { return handled.size() >= 200; }, std::chrono::seconds(30)));
    b.start();  // the group rebalances while a has batches in hand
    REQUIRE(eventually([&] { return handled.size() >= 3000; }, std::chrono::seconds(60)));
    std::this_thread::sleep_for(std::chrono::milliseconds(500));
    a.stop();
    b.stop();
    auto values = handled.copy();
    std::set<std::string> distinct(values.begin(), values.end());
    REQUIRE(distinct.size() == 3000);
    REQUIRE(values.size() == 3000);
    REQUIRE(in_b > 0);
}
