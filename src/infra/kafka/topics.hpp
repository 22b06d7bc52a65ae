#pragma once
// The Kafka edge of the service: one producer shared by everyone, and the consumers modules ask
// for. Disabled in standalone mode (KAFKA_BROKERS unset): then nothing here talks to Kafka.
#include <memory>
#include <mutex>
#include <optional>
#include <vector>

#include "infra/kafka/consumer.hpp"
#include "infra/kafka/dead_letters.hpp"
#include "infra/kafka/producer.hpp"

namespace rt::kafka {

class Topics {
public:
    Topics(std::optional<KafkaSettings> settings, pg::Pool& db, Metrics& metrics);
    ~Topics();

    bool enabled() const { return settings_.has_value(); }
    Producer& producer();  // only when enabled
    DeadLetters& dead_letters() { return dead_letters_; }

    // Registers a consumer (before start). Records failing with anything but TransientError are
    // dead letters under `handler_name`.
    void consume(ConsumerOptions options, std::string handler_name, std::function<void(const Record&)> handler);
    void consume_batches(ConsumerOptions options, Consumer::BatchHandler handler);
    // The same, with the CPU part of a batch's handling done while the previous batch is handled.
    void consume_prepared(ConsumerOptions options, Consumer::Preparer prepare);

    void start();
    // Stops the consumers (committing what they handled), then stop_sending(2 s).
    void stop();
    // Waits up to `budget` for what is being sent, then drops the rest: blocked senders fail at once.
    void stop_sending(std::chrono::milliseconds budget);
    // Every consumer is handling its records, and a broker answers.
    bool healthy();
    int assigned_partitions() const;

private:
    std::optional<KafkaSettings> settings_;
    Metrics& metrics_;
    DeadLetters dead_letters_;
    std::unique_ptr<Producer> producer_;
    std::vector<std::unique_ptr<Consumer>> consumers_;
    std::mutex reachable_mutex_;  // /isready is asked from several HTTP threads at once
    std::chrono::steady_clock::time_point reachable_checked_{};
    bool reachable_ = false;
};

}  // namespace rt::kafka
