#pragma once
// The rapid in process, for standalone runs and tests: a published message is delivered to every
// river, ours included, by one dispatcher thread, with the same poison and retry rules as Kafka.
// Start publishes application_up and application_ready (everything is ours), stop
// application_down once the dispatcher has ended (queued, never delivered).
#include <atomic>
#include <condition_variable>
#include <deque>
#include <mutex>
#include <thread>

#include "infra/rapid/rapid.hpp"

namespace rt::rapid {

class EmbeddedRapid final : public Rapid {
public:
    EmbeddedRapid(Deltaker deltaker, const Clock& clock, kafka::DeadLetters& dead_letters, Metrics& metrics);
    ~EmbeddedRapid() override;

    void start() override;
    void stop() override;
    bool healthy() const override { return healthy_; }

    // Puts raw text on the rapid as another participant would (tests, poison included); no
    // value at all is a tombstone.
    void inject(std::optional<std::string> key, std::optional<std::string> raw_value);
    // Waits until everything published so far has been handled; false on timeout.
    bool drain(std::chrono::milliseconds timeout);

private:
    void send(std::vector<Keyed> keyed_values) override;
    void send_detached(Keyed record) override { send({std::move(record)}); }
    void run();

    std::mutex mutex_;
    std::condition_variable changed_;
    std::deque<kafka::Record> queue_;
    long long next_offset_;
    bool busy_ = false;
    std::atomic<bool> running_{false};
    std::atomic<bool> healthy_{true};
    Metrics& metrics_;
    std::thread thread_;
};

}  // namespace rt::rapid
