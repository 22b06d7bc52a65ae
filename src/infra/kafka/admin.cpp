#include "infra/kafka/admin.hpp"

#include <fmt/format.h>
#include <stdexcept>

namespace rt::kafka {

namespace {

// A short-lived client for one admin request.
KafkaHandle admin_client(const KafkaSettings& settings) {
    auto conf = make_conf(settings);
    char err[512];
    KafkaHandle rk(rd_kafka_new(RD_KAFKA_PRODUCER, conf.get(), err, sizeof err));
    if (!rk) throw std::runtime_error(fmt::format("cannot create Kafka client: {}", err));
    conf.release();
    return rk;
}

}  // namespace

void create_topic(const KafkaSettings& settings, const std::string& topic, int partitions, int replication) {
    auto rk = admin_client(settings);
    char err[512];
    rd_kafka_NewTopic_t* nt = rd_kafka_NewTopic_new(topic.c_str(), partitions, replication, err, sizeof err);
    if (!nt) throw std::runtime_error(fmt::format("bad topic {}: {}", topic, err));
    QueueHandle queue(rd_kafka_queue_new(rk.get()));
    rd_kafka_CreateTopics(rk.get(), &nt, 1, nullptr, queue.get());
    rd_kafka_NewTopic_destroy(nt);
    rd_kafka_event_t* ev = rd_kafka_queue_poll(queue.get(), 30000);
    if (!ev) throw std::runtime_error("no answer to CreateTopics within 30 s");
    std::string failure;
    if (rd_kafka_event_error(ev)) {
        failure = rd_kafka_event_error_string(ev);
    } else if (auto* result = rd_kafka_event_CreateTopics_result(ev)) {
        size_t n = 0;
        const rd_kafka_topic_result_t** topics = rd_kafka_CreateTopics_result_topics(result, &n);
        for (size_t i = 0; i < n; ++i) {
            auto e = rd_kafka_topic_result_error(topics[i]);
            if (e && e != RD_KAFKA_RESP_ERR_TOPIC_ALREADY_EXISTS) failure = rd_kafka_err2str(e);
        }
    }
    rd_kafka_event_destroy(ev);
    if (!failure.empty()) throw std::runtime_error(fmt::format("cannot create topic {}: {}", topic, failure));
}

void delete_topic(const KafkaSettings& settings, const std::string& topic) {
    auto rk = admin_client(settings);
    rd_kafka_DeleteTopic_t* dt = rd_kafka_DeleteTopic_new(topic.c_str());
    QueueHandle queue(rd_kafka_queue_new(rk.get()));
    rd_kafka_DeleteTopics(rk.get(), &dt, 1, nullptr, queue.get());
    rd_kafka_DeleteTopic_destroy(dt);
    rd_kafka_event_t* ev = rd_kafka_queue_poll(queue.get(), 30000);
    if (!ev) throw std::runtime_error("no answer to DeleteTopics within 30 s");
    std::string failure = rd_kafka_event_error(ev) ? rd_kafka_event_error_string(ev) : "";
    rd_kafka_event_destroy(ev);
    if (!failure.empty()) throw std::runtime_error(fmt::format("cannot delete {}: {}", topic, failure));
}

}  // namespace rt::kafka
