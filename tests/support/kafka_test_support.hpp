#pragma once
// Real-broker helpers: a fresh topic per test, raw produce, committed offsets.
#include <string>
#include <vector>

#include "infra/kafka/handles.hpp"
#include "infra/kafka/record.hpp"

namespace rt::test {

kafka::KafkaSettings kafka_settings();
// A new topic with a unique name.
std::string fresh_topic(const std::string& prefix, int partitions = 1);
// Produces raw values (with keys) and waits for the acknowledgements.
void produce_raw(const std::string& topic, const std::vector<std::pair<std::string, std::string>>& keyed_values);
// A client in `group` that joins nothing: for reading the group's committed offsets and the
// partitions' ends. The caller closes it with rd_kafka_consumer_close.
kafka::KafkaHandle group_client(const std::string& group);
// The group's committed offset for a partition (-1001 when none).
long long committed_offset(const std::string& group, const std::string& topic, int partition);
// Every record on the topic from the beginning, read until `expected` records or the timeout.
std::vector<kafka::Record> read_records(const std::string& topic, std::size_t expected,
                                        std::chrono::milliseconds timeout = std::chrono::seconds(20));
// Every record on the topic, from each partition's start to its end as it is now, in
// (partition, offset) order, without joining a group; nothing when the topic does not exist.
std::vector<kafka::Record> read_to_end(const std::string& topic, std::chrono::milliseconds timeout = std::chrono::seconds(20));
// Produces a record without a value (a tombstone).
void produce_tombstone(const std::string& topic, const std::string& key);
// The same, values only.
std::vector<std::string> read_topic(const std::string& topic, std::size_t expected,
                                    std::chrono::milliseconds timeout = std::chrono::seconds(20));

}  // namespace rt::test
