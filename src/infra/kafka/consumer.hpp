#pragma once
// A consumer-group member that hands records to a batch handler and commits at-least-once:
// an offset is stored only after the handler returned for its batch, and a handler that throws
// TransientError gets the same batch again (with back-off) without anything being skipped.
// The handler must deal with poison itself (see RecordDispatch); any other exception it lets out
// is treated like a transient one, so nothing is ever skipped silently.
#include <atomic>
#include <chrono>
#include <functional>
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
    std::function<void()> stopped;           // the poll loop has ended; the consumer is not closed yet
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

    Consumer(const KafkaSettings& settings, ConsumerOptions options, BatchHandler handler, Metrics& metrics);
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

private:
    void run();
    void store_offsets(const std::vector<Record>& batch);

    ConsumerOptions options_;
    BatchHandler handler_;
    Metrics& metrics_;
    KafkaHandle rk_;
    std::atomic<bool> running_{false};
    std::atomic<bool> healthy_{true};
    std::atomic<long long> handled_{0};
    std::thread thread_;
};

}  // namespace rt::kafka
