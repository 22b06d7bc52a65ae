#pragma once
// Sends unsent card versions to the activity plan's topic in version order (key = card id,
// header Nav-Call-Id), and marks them sent only after the broker acknowledged them. A crash
// between the two resends the same messageId, which the consumer de-duplicates.
#include <functional>
#include <string>

#include "core/clock.hpp"
#include "infra/kafka/producer.hpp"
#include "infra/metrics.hpp"
#include "infra/pg/pool.hpp"

namespace rt::aktivitetskort {

class KortRelay {
public:
    KortRelay(pg::Pool& db, kafka::Producer& producer, std::string topic, Metrics& metrics, const Clock& clock)
        : db_(db), producer_(producer), topic_(std::move(topic)), metrics_(metrics), clock_(clock) {}

    // Sends everything unsent; returns how many versions were sent.
    std::size_t kjor();

    // Test hook: runs after the broker acknowledged a batch and before it is marked sent.
    std::function<void()> etter_sending;

private:
    pg::Pool& db_;
    kafka::Producer& producer_;
    std::string topic_;
    Metrics& metrics_;
    const Clock& clock_;
};

}  // namespace rt::aktivitetskort
