#pragma once
// A participant on the rapid: modules add rivers and publish messages; the subclass decides
// whether the rapid is Kafka (KafkaRapid) or in process (EmbeddedRapid, standalone and tests).
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "core/clock.hpp"
#include "infra/kafka/record.hpp"
#include "infra/rapid/river.hpp"

namespace rt {
class Metrics;
namespace kafka { class DeadLetters; }
}  // namespace rt

namespace rt::rapid {

inline constexpr const char* kAppName = "rekrutteringstreff";

class Rapid {
public:
    Rapid(std::string instance_id, const Clock& clock, kafka::DeadLetters& dead_letters, Metrics& metrics);
    virtual ~Rapid() = default;
    Rapid(const Rapid&) = delete;
    Rapid& operator=(const Rapid&) = delete;

    // Before start() only.
    void add_river(River river);

    // Adds the envelope (@id and @opprettet when absent; a message published in response to
    // `cause` gets a new @id and @opprettet and @forårsaket_av naming the cause; this service
    // appended to system_participating_services) and returns once the rapid has it.
    void publish(const std::string& key, Message message, const Message* cause = nullptr);
    void publish_all(std::vector<std::pair<std::string, Message>> keyed_messages);

    virtual void start() = 0;
    virtual void stop() = 0;
    virtual bool healthy() const = 0;

    const std::string& instance_id() const { return instance_id_; }

protected:
    // Hands a batch to the rivers. Poison becomes a dead letter; a TransientError propagates so
    // that the caller retries the batch (rivers that finished a record are not run again).
    void dispatch(std::vector<kafka::Record>& batch);
    virtual void send(std::vector<std::pair<std::string, std::string>> keyed_values) = 0;

private:
    void envelope(Message& message, const Message* cause) const;
    void run_river(std::size_t index, std::vector<kafka::Record*>& records, std::vector<Message*>& messages);

    std::string instance_id_;
    const Clock& clock_;
    kafka::DeadLetters& dead_letters_;
    Metrics& metrics_;
    std::vector<River> rivers_;
    // Each batch is parsed into one monotonic buffer that is kept for the next batch: parsing
    // is most of the work per message, and most of that was allocation. dispatch() runs on one
    // thread (the consumer's or the embedded dispatcher's) at a time.
    std::vector<unsigned char> parse_buffer_ = std::vector<unsigned char>(1 << 20);
};

}  // namespace rt::rapid
