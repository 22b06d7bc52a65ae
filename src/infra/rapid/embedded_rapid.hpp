#pragma once
// The rapid in process, for standalone runs and tests: a published message is delivered to every
// river, ours included, by one dispatcher thread, with the same poison and retry rules as Kafka.
#include <atomic>
#include <condition_variable>
#include <deque>
#include <mutex>
#include <thread>

#include "infra/rapid/rapid.hpp"

namespace rt::rapid {

class EmbeddedRapid final : public Rapid {
public:
    EmbeddedRapid(std::string instance_id, const Clock& clock, kafka::DeadLetters& dead_letters, Metrics& metrics);
    ~EmbeddedRapid() override;

    void start() override;
    void stop() override;
    bool healthy() const override { return healthy_; }

    // Puts raw text on the rapid as another participant would (tests, poison included).
    void inject(std::string key, std::string raw_value);
    // Waits until everything published so far has been handled; false on timeout.
    bool drain(std::chrono::milliseconds timeout);

private:
    void send(std::vector<std::pair<std::string, std::string>> keyed_values) override;
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
