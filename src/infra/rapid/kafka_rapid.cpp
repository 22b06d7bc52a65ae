#include "infra/rapid/kafka_rapid.hpp"

namespace rt::rapid {

KafkaRapid::KafkaRapid(kafka::Topics& topics, kafka::ConsumerOptions options, std::string instance_id, const Clock& clock,
                       Metrics& metrics)
    : Rapid(std::move(instance_id), clock, topics.dead_letters(), metrics), topics_(topics), topic_(options.topic) {
    topics_.consume_batches(std::move(options), [this](std::vector<kafka::Record>& batch) { dispatch(batch); });
}

void KafkaRapid::send(std::vector<std::pair<std::string, std::string>> keyed_values) {
    std::vector<kafka::OutRecord> records;
    records.reserve(keyed_values.size());
    for (auto& [key, value] : keyed_values) records.push_back({topic_, std::move(key), std::move(value), {}});
    topics_.producer().send(records);
}

}  // namespace rt::rapid
