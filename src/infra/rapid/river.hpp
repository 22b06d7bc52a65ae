#pragma once
// A river: what a participant recognises on the rapid. Preconditions decide whether a message is
// ours (failing one: silently skipped); validations decide whether a message of ours is whole
// (failing one: a dead letter with the reason). Each river decides for itself whether it takes
// the copies an ident-mapping service makes with `aktørId` added (forbid_key("aktørId") if not).
#include <boost/json/value.hpp>
#include <chrono>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "core/clock.hpp"
#include "infra/rapid/message.hpp"

namespace rt::rapid {

struct Rule {
    enum class Kind { require_key, require_value, require_any, forbid_key, interested_in, require_opprettet };
    Kind kind;
    std::string key;                        // "a.b" reaches into nested objects
    std::vector<boost::json::value> values;  // for require_value / require_any
    const Clock* clock = nullptr;           // for require_opprettet
    std::chrono::seconds max_fremtid{};     // for require_opprettet

    // Why the message breaks the rule, or nothing when it keeps it. Never quotes values. `now`
    // is the time the rapid reads the batch (the clock's now by default).
    std::optional<std::string> check(const Message& m, Instant now) const;
    std::optional<std::string> check(const Message& m) const { return check(m, clock ? clock->now() : Instant{}); }
};

Rule require_key(std::string key);
Rule require_value(std::string key, std::string value);
Rule require_value(std::string key, bool value);
Rule require_any(std::string key, std::vector<std::string> values);
Rule forbid_key(std::string key);
Rule interested_in(std::string key);
// For a river that uses @opprettet: it must parse, and lie at most `max_fremtid` ahead of the
// clock, so that no message can win every later race. (A missing one was set to the time of
// reading before any river saw the message.)
Rule require_opprettet(const Clock& clock, std::chrono::seconds max_fremtid);

class Rapid;

// Lets a handler publish in response to the message it handles: @forårsaket_av names that
// message, and the record's key is used unless the handler names one.
class Context {
public:
    Context(Rapid& rapid, const Message* cause, const std::optional<std::string>* cause_key)
        : rapid_(rapid), cause_(cause), cause_key_(cause_key) {}
    void publish(Message message);
    void publish(const std::string& key, Message message);
    // The key of the record being handled (nothing for a keyless record or a batch).
    std::optional<std::string> key() const { return cause_key_ ? *cause_key_ : std::nullopt; }

private:
    Rapid& rapid_;
    const Message* cause_;                       // nothing for a batch handler
    const std::optional<std::string>* cause_key_;  // likewise
};

struct River {
    std::string name;
    std::vector<Rule> preconditions;
    std::vector<Rule> validations;
    // Exactly one of the two handlers is set. A handler signals a retryable failure with
    // TransientError; any other exception makes the message a dead letter.
    std::function<void(const Message&, Context&)> on_message;
    // Batches keep offset order within a partition; used for throughput (visibility events).
    std::function<void(const std::vector<const Message*>&, Context&)> on_batch;

    River& precondition(Rule r) {
        preconditions.push_back(std::move(r));
        return *this;
    }
    River& validate(Rule r) {
        validations.push_back(std::move(r));
        return *this;
    }
};

}  // namespace rt::rapid
