#include "infra/kafka/producer.hpp"

#include <condition_variable>
#include <fmt/format.h>
#include <mutex>

#include "core/errors.hpp"
#include "infra/log.hpp"

namespace rt::kafka {
namespace {

// Shared by all records of one send(); each delivery report counts down.
struct Batch {
    std::mutex mutex;
    std::condition_variable done;
    std::size_t remaining = 0;
    std::string first_error;
};

void on_delivery(rd_kafka_t*, const rd_kafka_message_t* m, void*) {
    auto* batch = static_cast<Batch*>(m->_private);
    if (!batch) {  // sent detached: nobody waits, so say it here
        if (m->err)
            log::warn("kafka.producer", "melding sendt uten å vente ble ikke levert",
                      {{"topic", rd_kafka_topic_name(m->rkt)}, {"error", rd_kafka_err2str(m->err)}});
        return;
    }
    std::lock_guard lock(batch->mutex);
    if (m->err && batch->first_error.empty()) batch->first_error = rd_kafka_err2str(m->err);
    if (--batch->remaining == 0) batch->done.notify_all();
}

}  // namespace

Producer::Producer(const KafkaSettings& settings, std::chrono::milliseconds delivery_timeout) {
    auto conf = make_conf(settings);
    set(conf.get(), "enable.idempotence", "true");
    set(conf.get(), "acks", "all");
    set(conf.get(), "linger.ms", "5");
    set(conf.get(), "compression.type", "lz4");
    set(conf.get(), "delivery.timeout.ms", std::to_string(delivery_timeout.count()));
    rd_kafka_conf_set_dr_msg_cb(conf.get(), on_delivery);
    char err[512];
    rk_.reset(rd_kafka_new(RD_KAFKA_PRODUCER, conf.get(), err, sizeof err));
    if (!rk_) throw std::runtime_error(fmt::format("cannot create Kafka producer: {}", err));
    conf.release();  // owned by rk_ now
    poller_ = std::thread([this] {
        while (running_) rd_kafka_poll(rk_.get(), 100);
    });
}

Producer::~Producer() {
    // Whatever is still queued was given its chance in flush() at stop; with the broker down,
    // waiting here again (and in rd_kafka_destroy, which waits for queued messages) would hold the
    // process past the platform's grace period. The outbox rows behind them stay unsent.
    discard_unsent();
    running_ = false;
    if (poller_.joinable()) poller_.join();
}

void Producer::discard_unsent() {
    rd_kafka_purge(rk_.get(), RD_KAFKA_PURGE_F_QUEUE | RD_KAFKA_PURGE_F_INFLIGHT);
    // Serves the purged messages' delivery reports, so that no send() is left waiting.
    rd_kafka_flush(rk_.get(), 200);
}

void Producer::send(const std::vector<OutRecord>& records) {
    if (records.empty()) return;
    Batch batch;
    batch.remaining = records.size();
    std::size_t queued = 0;
    std::string produce_error;
    for (const auto& r : records) {
        rd_kafka_headers_t* headers = nullptr;
        if (!r.headers.empty()) {
            headers = rd_kafka_headers_new(r.headers.size());
            for (const auto& [k, v] : r.headers)
                rd_kafka_header_add(headers, k.data(), static_cast<ssize_t>(k.size()), v.data(), static_cast<ssize_t>(v.size()));
        }
        // The librdkafka macros cast their arguments without parentheses: pass plain variables.
        const void* key = r.key ? r.key->data() : nullptr;
        const std::size_t key_len = r.key ? r.key->size() : 0;
        void* value = const_cast<char*>(r.value.data());
        const std::size_t value_len = r.value.size();
        rd_kafka_resp_err_t e;
        while (true) {
            e = rd_kafka_producev(
                rk_.get(), RD_KAFKA_V_TOPIC(r.topic.c_str()),
                RD_KAFKA_V_VALUE(value, value_len), RD_KAFKA_V_KEY(key, key_len),
                RD_KAFKA_V_MSGFLAGS(RD_KAFKA_MSG_F_COPY), RD_KAFKA_V_HEADERS(headers), RD_KAFKA_V_OPAQUE(&batch),
                RD_KAFKA_V_END);
            if (e != RD_KAFKA_RESP_ERR__QUEUE_FULL) break;
            rd_kafka_poll(rk_.get(), 10);  // wait for room in the local queue
        }
        if (e) {
            if (headers) rd_kafka_headers_destroy(headers);  // not taken over on failure
            produce_error = rd_kafka_err2str(e);
            break;
        }
        ++queued;
    }
    std::unique_lock lock(batch.mutex);
    batch.remaining -= records.size() - queued;  // never queued, never reported
    batch.done.wait(lock, [&] { return batch.remaining == 0; });
    if (!produce_error.empty()) throw TransientError(fmt::format("Kafka refused a record: {}", produce_error));
    if (!batch.first_error.empty())
        throw TransientError(fmt::format("Kafka did not acknowledge a record: {}", batch.first_error));
}

void Producer::send_detached(const OutRecord& r) {
    const void* key = r.key ? r.key->data() : nullptr;
    const std::size_t key_len = r.key ? r.key->size() : 0;
    void* value = const_cast<char*>(r.value.data());
    const std::size_t value_len = r.value.size();
    auto e = rd_kafka_producev(rk_.get(), RD_KAFKA_V_TOPIC(r.topic.c_str()), RD_KAFKA_V_VALUE(value, value_len),
                               RD_KAFKA_V_KEY(key, key_len), RD_KAFKA_V_MSGFLAGS(RD_KAFKA_MSG_F_COPY), RD_KAFKA_V_END);
    if (e) throw TransientError(fmt::format("Kafka refused a record: {}", rd_kafka_err2str(e)));
}

void Producer::flush(std::chrono::milliseconds timeout) { rd_kafka_flush(rk_.get(), static_cast<int>(timeout.count())); }

bool Producer::reachable(std::chrono::milliseconds timeout) {
    const rd_kafka_metadata_t* md = nullptr;
    auto e = rd_kafka_metadata(rk_.get(), 0, nullptr, &md, static_cast<int>(timeout.count()));
    if (md) rd_kafka_metadata_destroy(md);
    return e == RD_KAFKA_RESP_ERR_NO_ERROR;
}

}  // namespace rt::kafka
