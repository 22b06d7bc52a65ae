#pragma once
// An idempotent producer (acks=all) whose sends return only after the broker acknowledged, so a
// relay can mark a row sent knowing the record is on the topic.
#include <atomic>
#include <chrono>
#include <thread>
#include <vector>

#include "infra/kafka/handles.hpp"
#include "infra/kafka/record.hpp"

namespace rt::kafka {

class Producer {
public:
    explicit Producer(const KafkaSettings& settings, std::chrono::milliseconds delivery_timeout = std::chrono::seconds(30));
    ~Producer();
    Producer(const Producer&) = delete;
    Producer& operator=(const Producer&) = delete;

    // Sends every record and waits for all acknowledgements. Order per key (partition) is kept.
    // Throws TransientError if any record was not acknowledged; some may have been.
    void send(const std::vector<OutRecord>& records);
    void send(const OutRecord& record) { send(std::vector<OutRecord>{record}); }
    // Queues one record (no headers) and returns at once; a delivery failure is only logged.
    // For messages that must never hold anything up (the rapid's life-cycle events).
    void send_detached(const OutRecord& record);

    // Waits until nothing is outstanding (at shutdown).
    void flush(std::chrono::milliseconds timeout);
    // Drops what is queued or in flight; their senders see a failure (at shutdown, after flush).
    void discard_unsent();
    // Asks the cluster for metadata; false when no broker answers in time.
    bool reachable(std::chrono::milliseconds timeout);

private:
    KafkaHandle rk_;
    std::atomic<bool> running_{true};
    std::thread poller_;
};

}  // namespace rt::kafka
