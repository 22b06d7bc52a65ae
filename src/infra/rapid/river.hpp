#pragma once
// A river: what a participant recognises on the rapid. Preconditions decide whether a message is
// ours (failing one: silently skipped); validations decide whether a message of ours is whole
// (failing one: a dead letter with the reason). Every river also refuses messages that carry a
// non-null `aktørId`, which an ident-mapping service adds to copies of person messages.
#include <boost/json/value.hpp>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "infra/rapid/message.hpp"

namespace rt::rapid {

struct Rule {
    enum class Kind { require_key, require_value, require_any, forbid_key, interested_in };
    Kind kind;
    std::string key;                        // "a.b" reaches into nested objects
    std::vector<boost::json::value> values;  // for require_value / require_any

    // Why the message breaks the rule, or nothing when it keeps it. Never quotes values.
    std::optional<std::string> check(const Message& m) const;
};

Rule require_key(std::string key);
Rule require_value(std::string key, std::string value);
Rule require_value(std::string key, bool value);
Rule require_any(std::string key, std::vector<std::string> values);
Rule forbid_key(std::string key);
Rule interested_in(std::string key);

class Rapid;

// Lets a handler publish in response to the message it handles (sets @forårsaket_av).
class Context {
public:
    Context(Rapid& rapid, const Message* cause) : rapid_(rapid), cause_(cause) {}
    void publish(const std::string& key, Message message);

private:
    Rapid& rapid_;
    const Message* cause_;
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
