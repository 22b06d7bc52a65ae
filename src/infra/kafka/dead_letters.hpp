#pragma once
// Poison records are kept in the database with why they were refused, and skipped.
#include <optional>
#include <string>

#include "infra/kafka/consumer.hpp"
#include "infra/kafka/record.hpp"

namespace rt {
class Metrics;
namespace pg { class Pool; }
}  // namespace rt

namespace rt::kafka {

class DeadLetters {
public:
    DeadLetters(pg::Pool& db, Metrics& metrics) : db_(db), metrics_(metrics) {}
    // Stores the raw bytes with the reason; a record stored before (a retried batch) is kept once.
    // The reason must not carry personal data: it is logged. Throws TransientError if the
    // database is down, so the batch is retried rather than the record lost.
    void store(const Record& record, const std::string& handler, const std::string& reason);

private:
    pg::Pool& db_;
    Metrics& metrics_;
};

// A batch handler that gives records one by one to `handler`. A TransientError propagates (the
// consumer retries the batch; records already handled are not given again); any other error
// makes the record a dead letter.
Consumer::BatchHandler one_by_one(std::string name, std::function<void(const Record&)> handler, DeadLetters& dead_letters);

}  // namespace rt::kafka
