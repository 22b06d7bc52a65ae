#pragma once
// A consumer-group member that hands records to a batch handler and commits at-least-once:
// an offset is stored only after the handler returned for its batch, and a handler that throws
// TransientError gets the same batch again (with back-off) without anything being skipped.
// The handler must deal with poison itself (see RecordDispatch); any other exception it lets out
// is treated like a transient one, so nothing is ever skipped silently.
// Two threads: one polls and prepares batches, the other handles them in order, one at a time.
// A handler that can do its CPU work apart from its I/O (the rapid parses while the previous
// batch is in the database) gives a Preparer; the polling thread runs that part of batch N+1
// while batch N is handled.
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "infra/kafka/handles.hpp"
#include "infra/kafka/record.hpp"

namespace rt {
class Metrics;
}

namespace rt::kafka {

// Told what happens to a consumer, on its own thread (starting: the caller of start()). An
// exception from a listener is logged and ignored.
struct ConsumerListener {
    std::function<void()> starting;          // before it subscribes
    std::function<void(int)> assigned;       // a non-empty set of partitions is now ours
    std::function<void(int)> revoked;        // our partitions are taken away
    std::function<void()> stopped;           // polling and handling have ended; the consumer is not closed yet
};

struct ConsumerOptions {
    std::string topic;
    std::string group_id;
    std::string reset_policy = "latest";
    std::size_t max_batch = 500;
    std::chrono::milliseconds max_backoff{5000};
    ConsumerListener listener{};
};

// A librdkafka message copied out into a Record (topic, partition, offset, key, value, headers).
Record copy_record(const rd_kafka_message_t* m);

class Consumer {
public:
    using BatchHandler = std::function<void(std::vector<Record>&)>;
    // The handling of one batch, retried as a whole while it throws (it must skip what it has
    // already done, as a BatchHandler must).
    using Handling = std::function<void()>;
    // Runs on the polling thread as soon as a batch is fetched: no I/O, nothing that blocks.
    // Returns the handling, which may keep references to the batch: it stays in place until
    // the handling has returned. An exception here is retried by preparing again on the
    // handling thread.
    using Preparer = std::function<Handling(std::vector<Record>&)>;

    Consumer(const KafkaSettings& settings, ConsumerOptions options, Preparer prepare, Metrics& metrics);
    ~Consumer();
    Consumer(const Consumer&) = delete;
    Consumer& operator=(const Consumer&) = delete;

    void start();
    // Finishes the batch in hand, commits what was handled, leaves the group.
    void stop();
    // False while the handler is failing transiently (readiness).
    bool healthy() const { return healthy_; }
    long long handled() const { return handled_; }
    // How many partitions this member holds now.
    int assigned_partitions() const;

    // Before partitions are taken away (the rebalance callback, on the polling thread): returns
    // once every batch handed over is handled and its offsets stored, or the handling thread
    // has stopped. A batch being gathered meanwhile is dropped.
    void finish_fetched();
    const ConsumerListener& listener() const { return options_.listener; }

private:
    struct Batch {
        std::vector<Record> records;
        Handling handling;  // empty: preparing failed, prepare again when handling
    };

    void poll_loop();
    void handle_loop();
    // Waits until the one slot between the threads is empty; false when stopping.
    bool slot_free();
    bool handler_busy();
    // Puts a prepared batch in the slot; dropped when stopping.
    void hand_over(std::unique_ptr<Batch> batch);
    void store_offsets(const std::vector<Record>& batch);

    ConsumerOptions options_;
    Preparer prepare_;
    Metrics& metrics_;
    KafkaHandle rk_;
    std::atomic<bool> running_{false};
    std::atomic<bool> healthy_{true};
    std::atomic<long long> handled_{0};
    std::atomic<unsigned> revocations_{0};
    std::mutex mutex_;
    std::condition_variable changed_;
    std::unique_ptr<Batch> next_;  // prepared, waiting for the handling thread
    bool handling_ = false;         // the handling thread has a batch in hand
    bool handler_stopped_ = true;
    std::thread poller_;
    std::thread handler_;
};

// A Preparer that does nothing beforehand: the whole handler runs on the handling thread.
Consumer::Preparer unprepared(Consumer::BatchHandler handler);

}  // namespace rt::kafka
