#include "infra/rapid/kafka_rapid.hpp"

namespace rt::rapid {

KafkaRapid::KafkaRapid(kafka::Topics& topics, kafka::ConsumerOptions options, Deltaker deltaker, const Clock& clock,
                       Metrics& metrics)
    : Rapid(std::move(deltaker), clock, topics.dead_letters(), metrics), topics_(topics), topic_(options.topic) {
    // The library's life-cycle events, from the consumer's own start, rebalances and end.
    options.listener.starting = [this] { publish_livssyklus("application_up"); };
    options.listener.assigned = [this](int) { publish_livssyklus("application_ready"); };
    options.listener.revoked = [this](int) { publish_livssyklus("application_not_ready"); };
    options.listener.stopped = [this] { publish_livssyklus("application_down"); };
    topics_.consume_prepared(std::move(options), [this](std::vector<kafka::Record>& batch) { return les(batch); });
}

void KafkaRapid::send(std::vector<Keyed> keyed_values) {
    std::vector<kafka::OutRecord> records;
    records.reserve(keyed_values.size());
    for (auto& [key, value] : keyed_values) records.push_back({topic_, std::move(key), std::move(value), {}});
    topics_.producer().send(records);
}

void KafkaRapid::send_detached(Keyed record) {
    topics_.producer().send_detached({topic_, std::move(record.first), std::move(record.second), {}});
}

}  // namespace rt::rapid
