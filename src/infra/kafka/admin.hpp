#pragma once
#include <string>

#include "infra/kafka/handles.hpp"

namespace rt::kafka {

// Creates a topic with `partitions` partitions (replication 1 unless given); an existing topic
// is fine. For tests, benchmarks and local set-up; production topics are made by the platform.
void create_topic(const KafkaSettings& settings, const std::string& topic, int partitions, int replication = 1);
// Deletes a topic; for tests and benchmarks that clean up after themselves on a shared broker.
void delete_topic(const KafkaSettings& settings, const std::string& topic);

}  // namespace rt::kafka
