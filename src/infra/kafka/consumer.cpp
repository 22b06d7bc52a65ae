#include "infra/kafka/consumer.hpp"

#include <fmt/format.h>
#include <map>

#include "core/errors.hpp"
#include "infra/log.hpp"
#include "infra/metrics.hpp"
#include "infra/retry.hpp"

namespace rt::kafka {
Record copy_record(const rd_kafka_message_t* m) {
    Record r;
    r.topic = rd_kafka_topic_name(m->rkt);
    r.partition = m->partition;
    r.offset = m->offset;
    if (m->key) r.key = std::string(static_cast<const char*>(m->key), m->key_len);
    if (m->payload) r.value.assign(static_cast<const char*>(m->payload), m->len);
    else r.null_value = true;
    rd_kafka_headers_t* headers = nullptr;
    if (rd_kafka_message_headers(m, &headers) == RD_KAFKA_RESP_ERR_NO_ERROR && headers) {
        const char* name;
        const void* value;
        size_t size;
        for (size_t i = 0; rd_kafka_header_get_all(headers, i, &name, &value, &size) == RD_KAFKA_RESP_ERR_NO_ERROR; ++i)
            r.headers.emplace_back(name, value ? std::string(static_cast<const char*>(value), size) : std::string());
    }
    return r;
}

namespace {

// A listener's exception must never unwind through librdkafka or stop the consumer.
template <typename Listener, typename... Args>
void notify(const Listener& listener, const char* what, Args... args) {
    if (!listener) return;
    try {
        listener(args...);
    } catch (const std::exception& e) {
        log::warn("kafka.consumer", "lytter feilet", {{"hendelse", what}, {"error", e.what()}});
    }
}

// Eager rebalancing: before partitions are taken away, handle and store what was handed over
// from them, and commit, so the next owner starts right after it.
void on_rebalance(rd_kafka_t* rk, rd_kafka_resp_err_t err, rd_kafka_topic_partition_list_t* partitions, void* opaque) {
    auto* consumer = static_cast<Consumer*>(opaque);
    const auto& listener = consumer->listener();
    if (err == RD_KAFKA_RESP_ERR__ASSIGN_PARTITIONS) {
        // Told before the assignment takes effect: whoever sees the partitions assigned (and
        // stops the service, say) must find application_ready already queued before its own
        // messages, never after them.
        if (partitions->cnt > 0) notify(listener.assigned, "assigned", partitions->cnt);
        rd_kafka_assign(rk, partitions);
        log::info("kafka.consumer", "fikk partisjoner", {{"antall", partitions->cnt}});
        return;
    }
    consumer->finish_fetched();
    auto e = rd_kafka_commit(rk, nullptr, 0);
    if (e && e != RD_KAFKA_RESP_ERR__NO_OFFSET)
        log::warn("kafka.consumer", "commit før rebalansering feilet", {{"error", rd_kafka_err2str(e)}});
    rd_kafka_assign(rk, nullptr);
    log::info("kafka.consumer", "ga fra seg partisjoner", {{"antall", partitions->cnt}});
    if (partitions->cnt > 0) notify(listener.revoked, "revoked", partitions->cnt);
}

}  // namespace

Consumer::Preparer unprepared(Consumer::BatchHandler handler) {
    return [handler = std::move(handler)](std::vector<Record>& batch) -> Consumer::Handling {
        return [&handler, &batch] { handler(batch); };
    };
}

Consumer::Consumer(const KafkaSettings& settings, ConsumerOptions options, Preparer prepare, Metrics& metrics)
    : options_(std::move(options)), prepare_(std::move(prepare)), metrics_(metrics) {
    auto conf = make_conf(settings);
    set(conf.get(), "group.id", options_.group_id);
    set(conf.get(), "auto.offset.reset", options_.reset_policy);
    // Offsets are stored by us after handling and committed in the background, on rebalance
    // and on close: at-least-once without a commit round trip per batch.
    set(conf.get(), "enable.auto.commit", "true");
    set(conf.get(), "auto.commit.interval.ms", "1000");
    set(conf.get(), "enable.auto.offset.store", "false");
    set(conf.get(), "enable.partition.eof", "false");
    set(conf.get(), "allow.auto.create.topics", "true");
    set(conf.get(), "session.timeout.ms", std::to_string(settings.session_timeout_ms));
    set(conf.get(), "heartbeat.interval.ms", std::to_string(settings.heartbeat_interval_ms));
    // A handler retrying through a database outage does not poll; give it time before the
    // group counts this member as dead.
    set(conf.get(), "max.poll.interval.ms", "900000");
    // librdkafka 2.0.2 stops fetching a partition whose local queue has reached queued.min.messages
    // (default 100,000) or queued.max.messages.kbytes, and resumes it only on a timer about a
    // second later: a burst then stalls ~0.7 s each time the queue fills. A count that a burst never
    // reaches leaves the byte bound (default 64 MiB) as the one limit on the queue's memory.
    // bench/rapid_throughput: 3 of 3 runs stalled before (longest pause 713-759 ms, 190k msgs/s),
    // 5 of 5 ran without (longest pause 4-7 ms, 455k-570k msgs/s), peak RSS 89-96 -> 100-110 MiB.
    set(conf.get(), "queued.min.messages", "10000000");
    rd_kafka_conf_set_rebalance_cb(conf.get(), on_rebalance);
    rd_kafka_conf_set_opaque(conf.get(), this);
    char err[512];
    rk_.reset(rd_kafka_new(RD_KAFKA_CONSUMER, conf.get(), err, sizeof err));
    if (!rk_) throw std::runtime_error(fmt::format("cannot create Kafka consumer: {}", err));
    conf.release();
    rd_kafka_poll_set_consumer(rk_.get());
}

Consumer::~Consumer() { stop(); }

void Consumer::start() {
    if (running_.exchange(true)) return;
    notify(options_.listener.starting, "starting");
    PartitionList topics(rd_kafka_topic_partition_list_new(1));
    rd_kafka_topic_partition_list_add(topics.get(), options_.topic.c_str(), RD_KAFKA_PARTITION_UA);
    if (auto e = rd_kafka_subscribe(rk_.get(), topics.get()))
        throw std::runtime_error(fmt::format("cannot subscribe to {}: {}", options_.topic, rd_kafka_err2str(e)));
    {
        std::lock_guard lock(mutex_);
        handler_stopped_ = false;
    }
    handler_ = std::thread([this] { handle_loop(); });
    poller_ = std::thread([this] { poll_loop(); });
}

void Consumer::stop() {
    if (!running_.exchange(false)) return;
    { std::lock_guard lock(mutex_); }  // a thread about to wait sees running_ false or gets the notify
    changed_.notify_all();
    if (poller_.joinable()) poller_.join();
    if (handler_.joinable()) handler_.join();
    notify(options_.listener.stopped, "stopped");
    // Close commits the stored offsets and leaves the group, so the partitions move at once.
    rd_kafka_consumer_close(rk_.get());
}

int Consumer::assigned_partitions() const {
    rd_kafka_topic_partition_list_t* list = nullptr;
    if (rd_kafka_assignment(rk_.get(), &list) != RD_KAFKA_RESP_ERR_NO_ERROR || !list) return 0;
    PartitionList owned(list);
    return owned->cnt;
}

void Consumer::poll_loop() {
    QueueHandle queue(rd_kafka_queue_get_consumer(rk_.get()));
    std::vector<rd_kafka_message_t*> raw(options_.max_batch);
    std::vector<MessageHandle> messages;
    auto fetch = [&](int timeout_ms) {
        auto n = rd_kafka_consume_batch_queue(queue.get(), timeout_ms, raw.data(), options_.max_batch - messages.size());
        for (ssize_t i = 0; i < n; ++i) messages.emplace_back(raw[i]);
    };
    while (running_ && slot_free()) {
        // One blocking poll for the first record, then whatever else is already fetched.
        MessageHandle first(rd_kafka_consumer_poll(rk_.get(), 100));
        if (!first) continue;
        messages.clear();
        messages.push_back(std::move(first));
        const auto revocations = revocations_.load();
        if (options_.max_batch > 1) fetch(0);
        // While the handling thread is busy, this batch keeps filling up: handed over small,
        // it would cost a transaction of its own for a few records (measured in a burst that
        // the consumer catches up with: more CPU in the service, and the writer slowed).
        while (messages.size() < options_.max_batch && running_ && handler_busy()) fetch(2);
        // Partitions taken away while gathering (the rebalance callback runs inside the
        // fetches): what was gathered before may be someone else's now. Nothing of it was
        // handled or stored, so whoever owns the partitions now reads it from the committed offset.
        if (revocations_.load() != revocations) {
            log::info("kafka.consumer", "forkaster en samling fra før rebalanseringen",
                      {{"topic", options_.topic}, {"antall", messages.size()}});
            messages.clear();
            continue;
        }
        auto batch = std::make_unique<Batch>();
        batch->records.reserve(messages.size());
        for (const auto& m : messages) {
            if (m->err) {
                log::warn("kafka.consumer", "feil fra Kafka", {{"topic", options_.topic}, {"error", rd_kafka_message_errstr(m.get())}});
                continue;
            }
            batch->records.push_back(copy_record(m.get()));
        }
        messages.clear();
        if (batch->records.empty()) continue;
        metrics_.add("kafka_records_read_total", {{"topic", options_.topic}}, static_cast<double>(batch->records.size()));
        try {
            batch->handling = prepare_(batch->records);
        } catch (const std::exception& e) {
            log::warn("kafka.consumer", "klargjøring feilet; prøves igjen ved behandling",
                      {{"topic", options_.topic}, {"error", e.what()}});
        }
        hand_over(std::move(batch));
    }
}

bool Consumer::slot_free() {
    std::unique_lock lock(mutex_);
    changed_.wait(lock, [&] { return !next_ || !running_ || handler_stopped_; });
    return running_ && !handler_stopped_;
}

bool Consumer::handler_busy() {
    std::lock_guard lock(mutex_);
    return handling_ && !handler_stopped_;
}

void Consumer::hand_over(std::unique_ptr<Batch> batch) {
    {
        std::lock_guard lock(mutex_);
        // Only this thread fills the slot, and slot_free() saw it empty.
        if (!running_ || handler_stopped_) return;
        next_ = std::move(batch);
    }
    changed_.notify_all();
}

void Consumer::handle_loop() {
    while (true) {
        std::unique_ptr<Batch> batch;
        {
            std::unique_lock lock(mutex_);
            changed_.wait(lock, [&] { return next_ || !running_; });
            // Stopping: a batch still waiting was never handled; without its offsets stored,
            // the next owner of its partitions reads it again.
            if (!running_) break;
            batch = std::move(next_);
            handling_ = true;
            changed_.notify_all();
        }
        auto attempt = [&] {
            if (!batch->handling) batch->handling = prepare_(batch->records);
            batch->handling();
        };
        // A consumer stopped while its handler keeps failing leaves the batch unstored: the
        // next owner of the partition starts from it.
        bool done = retry_until_done(attempt, running_, healthy_, metrics_, options_.topic);
        if (done) {
            store_offsets(batch->records);
            handled_ += static_cast<long long>(batch->records.size());
        }
        batch.reset();
        {
            std::lock_guard lock(mutex_);
            handling_ = false;
        }
        changed_.notify_all();
        if (!done) break;
    }
    {
        std::lock_guard lock(mutex_);
        handler_stopped_ = true;
        next_.reset();
    }
    changed_.notify_all();
}

void Consumer::finish_fetched() {
    ++revocations_;
    std::unique_lock lock(mutex_);
    changed_.wait(lock, [&] { return handler_stopped_ || (!next_ && !handling_); });
}

void Consumer::store_offsets(const std::vector<Record>& batch) {
    std::map<std::pair<std::string, int>, long long> next;
    for (const auto& r : batch) {
        auto& n = next[{r.topic, r.partition}];
        n = std::max(n, r.offset + 1);
    }
    PartitionList list(rd_kafka_topic_partition_list_new(static_cast<int>(next.size())));
    for (const auto& [tp, offset] : next)
        rd_kafka_topic_partition_list_add(list.get(), tp.first.c_str(), tp.second)->offset = offset;
    if (auto e = rd_kafka_offsets_store(rk_.get(), list.get()))
        log::warn("kafka.consumer", "kunne ikke lagre offset", {{"error", rd_kafka_err2str(e)}});
}

}  // namespace rt::kafka
