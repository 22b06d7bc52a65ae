#include "support/kafka_test_support.hpp"

#include <fmt/format.h>
#include <stdexcept>

#include "infra/kafka/admin.hpp"
#include "infra/kafka/consumer.hpp"
#include "infra/kafka/producer.hpp"
#include "support/test_env.hpp"

namespace rt::test {

kafka::KafkaSettings kafka_settings() { return kafka::KafkaSettings{kafka_brokers(), std::nullopt, "rt-test", {}}; }

std::string fresh_topic(const std::string& prefix, int partitions) {
    auto name = unique_name(prefix);
    kafka::create_topic(kafka_settings(), name, partitions);
    return name;
}

void produce_raw(const std::string& topic, const std::vector<std::pair<std::string, std::string>>& keyed_values) {
    kafka::Producer producer(kafka_settings());
    std::vector<kafka::OutRecord> records;
    for (const auto& [k, v] : keyed_values) records.push_back({topic, k, v, {}});
    producer.send(records);
}

long long committed_offset(const std::string& group, const std::string& topic, int partition) {
    auto settings = kafka_settings();
    settings.extra["group.id"] = group;
    auto conf = kafka::make_conf(settings);
    char err[512];
    kafka::KafkaHandle rk(rd_kafka_new(RD_KAFKA_CONSUMER, conf.get(), err, sizeof err));
    if (!rk) throw std::runtime_error(err);
    conf.release();
    kafka::PartitionList list(rd_kafka_topic_partition_list_new(1));
    rd_kafka_topic_partition_list_add(list.get(), topic.c_str(), partition);
    if (auto e = rd_kafka_committed(rk.get(), list.get(), 10000)) throw std::runtime_error(rd_kafka_err2str(e));
    auto offset = list->elems[0].offset;
    rd_kafka_consumer_close(rk.get());
    return offset;
}

std::vector<kafka::Record> read_records(const std::string& topic, std::size_t expected, std::chrono::milliseconds timeout) {
    auto settings = kafka_settings();
    settings.extra["group.id"] = unique_name("reader");
    settings.extra["auto.offset.reset"] = "earliest";
    settings.extra["enable.auto.commit"] = "false";
    auto conf = kafka::make_conf(settings);
    char err[512];
    kafka::KafkaHandle rk(rd_kafka_new(RD_KAFKA_CONSUMER, conf.get(), err, sizeof err));
    if (!rk) throw std::runtime_error(err);
    conf.release();
    rd_kafka_poll_set_consumer(rk.get());
    kafka::PartitionList list(rd_kafka_topic_partition_list_new(1));
    rd_kafka_topic_partition_list_add(list.get(), topic.c_str(), RD_KAFKA_PARTITION_UA);
    rd_kafka_subscribe(rk.get(), list.get());
    std::vector<kafka::Record> out;
    auto until = std::chrono::steady_clock::now() + timeout;
    while (out.size() < expected && std::chrono::steady_clock::now() < until) {
        kafka::MessageHandle m(rd_kafka_consumer_poll(rk.get(), 100));
        if (!m || m->err) continue;
        auto r = kafka::copy_record(m.get());
        out.push_back(std::move(r));
    }
    rd_kafka_consumer_close(rk.get());
    return out;
}

std::vector<std::string> read_topic(const std::string& topic, std::size_t expected, std::chrono::milliseconds timeout) {
    std::vector<std::string> out;
    for (auto& r : read_records(topic, expected, timeout)) out.push_back(std::move(r.value));
    return out;
}

}  // namespace rt::test
