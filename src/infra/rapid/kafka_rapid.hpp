#pragma once
#include "infra/kafka/topics.hpp"
#include "infra/rapid/rapid.hpp"

namespace rt::rapid {

// The rapid on Kafka: a consumer in the configured group (batches of up to `max_batch` per
// poll), and the service's shared producer. Registers its consumer with `topics`, which starts it.
class KafkaRapid final : public Rapid {
public:
    KafkaRapid(kafka::Topics& topics, kafka::ConsumerOptions options, std::string instance_id, const Clock& clock,
               Metrics& metrics);
    // The consumer is one of `topics`' consumers: Topics starts, stops and watches it.
    void start() override {}
    void stop() override {}
    bool healthy() const override { return true; }

private:
    void send(std::vector<std::pair<std::string, std::string>> keyed_values) override;
    kafka::Topics& topics_;
    std::string topic_;
};

}  // namespace rt::rapid
