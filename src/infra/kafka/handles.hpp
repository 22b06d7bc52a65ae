#pragma once
// RAII for librdkafka handles, and the client configuration shared by producers and consumers.
#include <librdkafka/rdkafka.h>

#include <map>
#include <memory>
#include <optional>
#include <string>

#include "infra/config.hpp"

namespace rt::kafka {

struct KafkaDeleter {
    void operator()(rd_kafka_t* k) const { rd_kafka_destroy(k); }
};
struct ConfDeleter {
    void operator()(rd_kafka_conf_t* c) const { rd_kafka_conf_destroy(c); }
};
struct PartitionListDeleter {
    void operator()(rd_kafka_topic_partition_list_t* l) const { rd_kafka_topic_partition_list_destroy(l); }
};
struct MessageDeleter {
    void operator()(rd_kafka_message_t* m) const { rd_kafka_message_destroy(m); }
};
struct QueueDeleter {
    void operator()(rd_kafka_queue_t* q) const { rd_kafka_queue_destroy(q); }
};
using KafkaHandle = std::unique_ptr<rd_kafka_t, KafkaDeleter>;
using ConfHandle = std::unique_ptr<rd_kafka_conf_t, ConfDeleter>;
using PartitionList = std::unique_ptr<rd_kafka_topic_partition_list_t, PartitionListDeleter>;
using MessageHandle = std::unique_ptr<rd_kafka_message_t, MessageDeleter>;
using QueueHandle = std::unique_ptr<rd_kafka_queue_t, QueueDeleter>;

// Where the brokers are and how to reach them.
struct KafkaSettings {
    std::string brokers;
    std::optional<KafkaTls> tls;
    std::string client_id = "rekrutteringstreff";
    std::map<std::string, std::string> extra;  // any further librdkafka properties
    // How long a consumer that stops heartbeating (a crashed instance) keeps its partitions
    // before the group hands them to the others: docs/scaling.md has the measurements.
    int session_timeout_ms = 6000;
    int heartbeat_interval_ms = 1000;
};

// A configuration with the settings applied; throws std::invalid_argument naming a bad property.
ConfHandle make_conf(const KafkaSettings& settings);
void set(rd_kafka_conf_t* conf, const std::string& name, const std::string& value);

}  // namespace rt::kafka
