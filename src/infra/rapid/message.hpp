#pragma once
// A rapid message: a JSON object with the Rapids & Rivers envelope (../shared/spec/messages.md).
#include <boost/json.hpp>
#include <optional>
#include <string>
#include <string_view>

#include "core/clock.hpp"
#include "infra/rapid/deltaker.hpp"

namespace rt::rapid {

// Appends our entry {id: the message's @id, time, service, instance, image} to
// system_participating_services (made an array if it is not one).
void legg_til_deltakelse(boost::json::object& o, std::string_view time, const Deltaker& deltaker);

// What reading a message adds to it in memory (../shared/spec/messages.md, "The rapid"):
// system_read_count + 1 (0 when missing) and our participating-services entry. It shows only
// when the message is republished, so it is added when the message is copied (a handler keeps
// or republishes a copy), not for every message read.
struct Lesning {
    std::string time;
    const Deltaker* deltaker = nullptr;
};

class Message {
public:
    Message() = default;
    explicit Message(boost::json::object o) : json_(std::move(o)) {}
    // Throws PermanentError when the text is not a JSON object. The message's memory comes from
    // `storage` (the dispatcher parses a whole batch into one buffer).
    static Message parse(std::string_view text, boost::json::storage_ptr storage = {});

    // A copy always owns its memory, so a handler may keep one after the batch is gone, and
    // carries what the read added.
    Message(const Message& o) : json_(o.json_, boost::json::storage_ptr()) {
        if (o.lesning_) fullfor_lesing(*o.lesning_);
    }
    Message& operator=(const Message& o) {
        json_ = boost::json::object(o.json_, boost::json::storage_ptr());
        opprettet_.reset();
        lesning_ = nullptr;
        if (o.lesning_) fullfor_lesing(*o.lesning_);
        return *this;
    }
    Message(Message&&) = default;
    Message& operator=(Message&&) = default;

    // A value by key, where "a.b" looks inside the object under "a"; nullptr when absent.
    const boost::json::value* find(std::string_view path) const;
    // Present and not null.
    bool has(std::string_view path) const;
    // The string at `path`, or "" when absent or not a string.
    std::string_view string(std::string_view path) const;

    std::string_view event_name() const { return string("@event_name"); }
    std::string_view id() const { return string("@id"); }
    // `@opprettet` read as the rapid reads times (tidspunkt.hpp); nothing when absent or
    // unreadable. Read once: a river's validation and its handler share the result.
    std::optional<Instant> opprettet() const;
    void set_opprettet(std::string_view text);
    // The message was read as `lesning` says (which must outlive it); copies get its effect.
    void merk_lest(const Lesning& lesning) { lesning_ = &lesning; }

    boost::json::object& json() { return json_; }
    const boost::json::object& json() const { return json_; }
    std::string serialize() const { return boost::json::serialize(json_); }

private:
    void fullfor_lesing(const Lesning& lesning);

    boost::json::object json_;
    const Lesning* lesning_ = nullptr;
    // Filled by opprettet() (not thread-safe: a message is handled on one thread at a time);
    // set_opprettet() clears it. A copy starts without it.
    mutable std::optional<std::optional<Instant>> opprettet_;
};

}  // namespace rt::rapid
