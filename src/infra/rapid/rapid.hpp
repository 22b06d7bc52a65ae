#pragma once
// A participant on the rapid: modules add rivers and publish messages; the subclass decides
// whether the rapid is Kafka (KafkaRapid) or in process (EmbeddedRapid, standalone and tests).
// The envelope follows NAV's rapids-and-rivers library (../shared/spec/messages.md, "The rapid").
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/clock.hpp"
#include "infra/kafka/record.hpp"
#include "infra/rapid/deltaker.hpp"
#include "infra/rapid/river.hpp"

namespace rt {
class Metrics;
struct Config;
namespace kafka { class DeadLetters; }
}  // namespace rt

namespace rt::rapid {

Deltaker deltaker_fra(const Config& config);

class Rapid {
public:
    Rapid(Deltaker deltaker, const Clock& clock, kafka::DeadLetters& dead_letters, Metrics& metrics);
    virtual ~Rapid() = default;
    Rapid(const Rapid&) = delete;
    Rapid& operator=(const Rapid&) = delete;

    // Before start() only.
    void add_river(River river);

    // Publishes new messages (@id, @opprettet and system_read_count 0 where absent, and our
    // participating-services entry) and returns once the rapid has them.
    void publish(const std::string& key, Message message);
    void publish_all(std::vector<std::pair<std::string, Message>> keyed_messages);
    // A message in response to `cause` (the one a river is handling; nothing for none):
    // @forårsaket_av names the cause; a message whose @id is missing or still the cause's gets a
    // new @id, @opprettet and entry. Context::publish calls this.
    void publish_svar(const Message* cause, const std::optional<std::string>& key, Message message);

    // A life-cycle event (application_up, ...): a new message without a key, `app_name` and
    // `instance_id`. Sent without waiting; a failure is logged and otherwise ignored.
    void publish_livssyklus(std::string_view event_name) noexcept;
    // Shutdown begins (SIGTERM): application_stop.
    void varsle_stopp() noexcept { publish_livssyklus("application_stop"); }

    virtual void start() = 0;
    virtual void stop() = 0;
    virtual bool healthy() const = 0;

    const Deltaker& deltaker() const { return deltaker_; }
    const std::string& instance_id() const { return deltaker_.instance; }

protected:
    using Keyed = std::pair<std::optional<std::string>, std::string>;

    // Reads a batch: parses it and sorts its messages to the rivers, with no I/O (the Kafka
    // consumer does this while it handles the previous batch). Returns the handling: poison
    // becomes a dead letter and the rivers run; a TransientError propagates so that the caller
    // retries the handling (rivers that finished a record are not run again). The handling
    // refers to `batch`, which must stay in place until it has returned.
    std::function<void()> les(std::vector<kafka::Record>& batch);
    virtual void send(std::vector<Keyed> records) = 0;
    // Queues one record without waiting for the rapid's acknowledgement.
    virtual void send_detached(Keyed record) = 0;

private:
    struct Lest;
    struct Parsebuffere;
    void ny_melding(Message& message, const std::string& now_text) const;
    void handle(Lest& lest);
    void run_river(std::size_t index, Lest& lest);

    Deltaker deltaker_;
    const Clock& clock_;
    kafka::DeadLetters& dead_letters_;
    Metrics& metrics_;
    std::vector<River> rivers_;
    std::shared_ptr<Parsebuffere> parsebuffere_;
};

}  // namespace rt::rapid
