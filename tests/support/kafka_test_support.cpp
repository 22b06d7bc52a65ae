#include "support/kafka_test_support.hpp"

#include <algorithm>
#include <fmt/format.h>
#include <map>
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

kafka::KafkaHandle group_client(const std::string& group) {
    auto settings = kafka_settings();
    settings.extra["group.id"] = group;
    auto conf = kafka::make_conf(settings);
    char err[512];
    kafka::KafkaHandle rk(rd_kafka_new(RD_KAFKA_CONSUMER, conf.get(), err, sizeof err));
    if (!rk) throw std::runtime_error(err);
    conf.release();
    return rk;
}

long long committed_offset(const std::string& group, const std::string& topic, int partition) {
    auto rk = group_client(group);
    kafka::PartitionList list(rd_kafka_topic_partition_list_new(1));
    rd_kafka_topic_partition_list_add(list.get(), topic.c_str(), partition);
    if (auto e = rd_kafka_committed(rk.get(), list.get(), 10000)) throw std::runtime_error(rd_kafka_err2str(e));
    auto offset = list->elems[0].offset;
    rd_kafka_consumer_close(rk.get());
    return offset;
}

namespace {
// A consumer in a group of its own that commits nothing and reads from the beginning.
kafka::KafkaHandle reader(const std::string& group_prefix) {
    auto settings = kafka_settings();
    settings.extra["group.id"] = unique_name(group_prefix);
    settings.extra["auto.offset.reset"] = "earliest";
    settings.extra["enable.auto.commit"] = "false";
    auto conf = kafka::make_conf(settings);
    char err[512];
    kafka::KafkaHandle rk(rd_kafka_new(RD_KAFKA_CONSUMER, conf.get(), err, sizeof err));
    if (!rk) throw std::runtime_error(err);
    conf.release();
    rd_kafka_poll_set_consumer(rk.get());
    return rk;
}
}  // namespace

std::vector<kafka::Record> read_records(const std::string& topic, std::size_t expected, std::chrono::milliseconds timeout) {
    auto rk = reader("reader");
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

std::vector<kafka::Record> read_to_end(const std::string& topic, std::chrono::milliseconds timeout) {
    auto rk = reader("les-alt");

    int partitions = 0;
    {
        rd_kafka_topic_t* t = rd_kafka_topic_new(rk.get(), topic.c_str(), nullptr);
        const rd_kafka_metadata_t* md = nullptr;
        auto e = rd_kafka_metadata(rk.get(), 0, t, &md, 10000);
        if (!e && md && md->topic_cnt == 1 && !md->topics[0].err) partitions = md->topics[0].partition_cnt;
        if (md) rd_kafka_metadata_destroy(md);
        rd_kafka_topic_destroy(t);
    }
    std::map<int, long long> end;  // partition -> offset after its last record
    kafka::PartitionList list(rd_kafka_topic_partition_list_new(std::max(partitions, 1)));
    for (int p = 0; p < partitions; ++p) {
        int64_t low = 0, high = 0;
        if (auto e = rd_kafka_query_watermark_offsets(rk.get(), topic.c_str(), p, &low, &high, 10000))
            throw std::runtime_error(rd_kafka_err2str(e));
        if (high <= low) continue;
        rd_kafka_topic_partition_list_add(list.get(), topic.c_str(), p)->offset = low;
        end[p] = high;
    }
    std::vector<kafka::Record> out;
    if (!end.empty()) {
        rd_kafka_assign(rk.get(), list.get());
        auto until = std::chrono::steady_clock::now() + timeout;
        while (!end.empty() && std::chrono::steady_clock::now() < until) {
            kafka::MessageHandle m(rd_kafka_consumer_poll(rk.get(), 100));
            if (!m || m->err) continue;
            auto r = kafka::copy_record(m.get());
            auto it = end.find(r.partition);
            if (it == end.end() || r.offset >= it->second) continue;
            if (r.offset + 1 >= it->second) end.erase(it);
            out.push_back(std::move(r));
        }
        if (!end.empty()) throw std::runtime_error("read_to_end: the topic's end was not reached in time: " + topic);
    }
    rd_kafka_consumer_close(rk.get());
    std::sort(out.begin(), out.end(), [](const auto& a, const auto& b) { return std::pair(a.partition, a.offset) < std::pair(b.partition, b.offset); });
    return out;
}

void produce_tombstone(const std::string& topic, const std::string& key) {
    auto conf = kafka::make_conf(kafka_settings());
    char err[512];
    kafka::KafkaHandle rk(rd_kafka_new(RD_KAFKA_PRODUCER, conf.get(), err, sizeof err));
    if (!rk) throw std::runtime_error(err);
    conf.release();
    void* k = const_cast<char*>(key.data());
    const std::size_t key_len = key.size();
    if (auto e = rd_kafka_producev(rk.get(), RD_KAFKA_V_TOPIC(topic.c_str()), RD_KAFKA_V_KEY(k, key_len),
                                   RD_KAFKA_V_VALUE(nullptr, 0), RD_KAFKA_V_MSGFLAGS(RD_KAFKA_MSG_F_COPY), RD_KAFKA_V_END))
        throw std::runtime_error(rd_kafka_err2str(e));
    if (rd_kafka_flush(rk.get(), 10000)) throw std::runtime_error("tombstone not acknowledged");
}

std::vector<std::string> read_topic(const std::string& topic, std::size_t expected, std::chrono::milliseconds timeout) {
    std::vector<std::string> out;
    for (auto& r : read_records(topic, expected, timeout)) out.push_back(std::move(r.value));
    return out;
}

}  // namespace rt::test
