#include "infra/kafka/topics.hpp"

#include <stdexcept>

#include "infra/metrics.hpp"

namespace rt::kafka {

Topics::Topics(std::optional<KafkaSettings> settings, pg::Pool& db, Metrics& metrics)
    : settings_(std::move(settings)), metrics_(metrics), dead_letters_(db, metrics) {
    if (settings_) producer_ = std::make_unique<Producer>(*settings_);
}

Topics::~Topics() { stop(); }

Producer& Topics::producer() {
    if (!producer_) throw std::logic_error("Kafka is not configured (standalone mode)");
    return *producer_;
}

void Topics::consume(ConsumerOptions options, std::string handler_name, std::function<void(const Record&)> handler) {
    consume_batches(std::move(options), one_by_one(std::move(handler_name), std::move(handler), dead_letters_));
}

void Topics::consume_batches(ConsumerOptions options, Consumer::BatchHandler handler) {
    consume_prepared(std::move(options), unprepared(std::move(handler)));
}

void Topics::consume_prepared(ConsumerOptions options, Consumer::Preparer prepare) {
    if (!settings_) throw std::logic_error("Kafka is not configured (standalone mode)");
    auto labels = Metrics::Labels{{"topic", options.topic}, {"group", options.group_id}};
    consumers_.push_back(std::make_unique<Consumer>(*settings_, std::move(options), std::move(prepare), metrics_));
    // Which partitions this instance has, seen from outside: with several instances in one group
    // they share them, and a crashed one's move to the others (tests/shell/instances_test).
    metrics_.describe("kafka_assigned_partitions", "Partitions of the topic assigned to this instance's consumer");
    metrics_.gauge_callback("kafka_assigned_partitions", [c = consumers_.back().get(), labels] {
        return Metrics::Samples{{labels, double(c->assigned_partitions())}};
    });
}

void Topics::start() {
    for (auto& c : consumers_) c->start();
}

void Topics::stop() {
    for (auto& c : consumers_) c->stop();
    stop_sending(std::chrono::seconds(2));
}

void Topics::stop_sending(std::chrono::milliseconds budget) {
    if (!producer_) return;
    producer_->flush(budget);
    producer_->discard_unsent();
}

bool Topics::healthy() {
    if (!settings_) return true;
    for (const auto& c : consumers_)
        if (!c->healthy()) return false;
    // A metadata round trip per /isready poll would be wasteful; a few seconds old is fine.
    std::lock_guard lock(reachable_mutex_);
    auto now = std::chrono::steady_clock::now();
    if (now - reachable_checked_ > std::chrono::seconds(5)) {
        reachable_ = producer_->reachable(std::chrono::seconds(2));
        reachable_checked_ = now;
    }
    return reachable_;
}

}  // namespace rt::kafka

namespace rt::kafka {

int Topics::assigned_partitions() const {
    int n = 0;
    for (const auto& c : consumers_) n += c->assigned_partitions();
    return n;
}

}  // namespace rt::kafka
