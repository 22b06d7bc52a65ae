#pragma once
#include "infra/kafka/topics.hpp"
#include "infra/rapid/rapid.hpp"

namespace rt::rapid {

// The rapid on Kafka: a consumer in the configured group (batches of up to `max_batch` per
// poll), and the service's shared producer. Registers its consumer with `topics`, which starts it;
// the consumer's start, assignments, revocations and end publish the life-cycle events.
class KafkaRapid final : public Rapid {
public:
    KafkaRapid(kafka::Topics& topics, kafka::ConsumerOptions options, Deltaker deltaker, const Clock& clock,
               Metrics& metrics);
    // The consumer is one of `topics`' consumers: Topics starts, stops and watches it.
    void start() override {}
    void stop() override {}
    bool healthy() const override { return true; }

private:
    void send(std::vector<Keyed> keyed_values) override;
    void send_detached(Keyed record) override;
    kafka::Topics& topics_;
    std::string topic_;
};

}  // namespace rt::rapid
