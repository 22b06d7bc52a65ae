#include "infra/rapid/rapid.hpp"

#include <stdexcept>

#include "core/errors.hpp"
#include "core/ids.hpp"
#include "core/time.hpp"
#include "infra/kafka/dead_letters.hpp"
#include "infra/metrics.hpp"

namespace rt::rapid {
namespace {

constexpr std::uint64_t kUnparsable = 1;  // Record::done bit 0; river i uses bit i + 1
const Rule kNotACopy = forbid_key("aktørId");

std::uint64_t river_bit(std::size_t index) { return std::uint64_t{1} << (index + 1); }

}  // namespace

Rapid::Rapid(std::string instance_id, const Clock& clock, kafka::DeadLetters& dead_letters, Metrics& metrics)
    : instance_id_(std::move(instance_id)), clock_(clock), dead_letters_(dead_letters), metrics_(metrics) {}

void Rapid::add_river(River river) {
    if (rivers_.size() >= 63) throw std::logic_error("at most 63 rivers");
    if (static_cast<bool>(river.on_message) == static_cast<bool>(river.on_batch))
        throw std::logic_error("a river has exactly one handler: " + river.name);
    rivers_.push_back(std::move(river));
}

void Rapid::envelope(Message& message, const Message* cause) const {
    auto now_text = tid::format_oslo_local(clock_.now());
    auto& o = message.json();
    if (cause) {
        o["@forårsaket_av"] = boost::json::object{{"id", cause->id()},
                                                  {"opprettet", cause->string("@opprettet")},
                                                  {"event_name", cause->event_name()}};
        o["@id"] = new_uuid();
        o["@opprettet"] = now_text;
    } else {
        if (!message.has("@id")) o["@id"] = new_uuid();
        if (!message.has("@opprettet")) o["@opprettet"] = now_text;
    }
    // boost::json::object::operator[] may rehash even for a key that exists: read what we
    // need before taking a reference into the object.
    boost::json::object entry{{"id", o.at("@id")}, {"time", now_text}, {"service", kAppName}, {"instance", instance_id_}};
    auto& services = o["system_participating_services"];
    if (!services.is_array()) services = boost::json::array();
    services.as_array().push_back(std::move(entry));
}

void Rapid::publish(const std::string& key, Message message, const Message* cause) {
    envelope(message, cause);
    send({{key, message.serialize()}});
}

void Rapid::publish_all(std::vector<std::pair<std::string, Message>> keyed_messages) {
    std::vector<std::pair<std::string, std::string>> out;
    out.reserve(keyed_messages.size());
    for (auto& [key, message] : keyed_messages) {
        envelope(message, nullptr);
        out.emplace_back(key, message.serialize());
    }
    send(std::move(out));
}

void Rapid::dispatch(std::vector<kafka::Record>& batch) {
    // Declared before the messages, so it outlives them.
    boost::json::monotonic_resource batch_memory(parse_buffer_.data(), parse_buffer_.size());
    boost::json::storage_ptr storage(&batch_memory);
    std::vector<kafka::Record*> records;
    std::vector<Message> messages;
    records.reserve(batch.size());
    messages.reserve(batch.size());
    for (auto& r : batch) {
        if (r.done & kUnparsable) continue;
        try {
            messages.push_back(Message::parse(r.value, storage));
        } catch (const PermanentError& e) {
            dead_letters_.store(r, "rapid", e.what());
            metrics_.add("rapid_messages_total", {{"river", "rapid"}, {"result", "unparsable"}});
            r.done |= kUnparsable;
            continue;
        }
        auto& count = messages.back().json()["system_read_count"];
        count = count.is_int64() ? count.as_int64() + 1 : 1;
        records.push_back(&r);
    }
    metrics_.add("rapid_messages_read_total", {}, static_cast<double>(messages.size()));
    std::vector<Message*> message_ptrs;
    message_ptrs.reserve(messages.size());
    for (auto& m : messages) message_ptrs.push_back(&m);
    for (std::size_t i = 0; i < rivers_.size(); ++i) run_river(i, records, message_ptrs);
}

void Rapid::run_river(std::size_t index, std::vector<kafka::Record*>& records, std::vector<Message*>& messages) {
    const auto& river = rivers_[index];
    const auto bit = river_bit(index);
    std::vector<std::size_t> matching;
    for (std::size_t j = 0; j < records.size(); ++j) {
        auto& r = *records[j];
        if (r.done & bit) continue;
        const Message& m = *messages[j];
        bool ours = !kNotACopy.check(m);
        for (const auto& rule : river.preconditions)
            if (ours && rule.check(m)) ours = false;
        if (!ours) {
            r.done |= bit;
            continue;
        }
        std::optional<std::string> problem;
        for (const auto& rule : river.validations)
            if (!problem) problem = rule.check(m);
        if (problem) {
            dead_letters_.store(r, river.name, *problem);
            metrics_.add("rapid_messages_total", {{"river", river.name}, {"result", "invalid"}});
            r.done |= bit;
            continue;
        }
        matching.push_back(j);
    }
    if (matching.empty()) return;

    auto handle_one = [&](std::size_t j) {
        try {
            if (river.on_message) {
                Context ctx(*this, messages[j]);
                river.on_message(*messages[j], ctx);
            } else {
                Context ctx(*this, nullptr);
                river.on_batch({messages[j]}, ctx);
            }
            metrics_.add("rapid_messages_total", {{"river", river.name}, {"result", "handled"}});
        } catch (const TransientError&) {
            throw;
        } catch (const std::exception& e) {
            dead_letters_.store(*records[j], river.name, e.what());
            metrics_.add("rapid_messages_total", {{"river", river.name}, {"result", "failed"}});
        }
        records[j]->done |= bit;
    };

    if (river.on_batch && matching.size() > 1) {
        std::vector<const Message*> batch;
        batch.reserve(matching.size());
        for (auto j : matching) batch.push_back(messages[j]);
        try {
            Context ctx(*this, nullptr);
            river.on_batch(batch, ctx);
            for (auto j : matching) records[j]->done |= bit;
            metrics_.add("rapid_messages_total", {{"river", river.name}, {"result", "handled"}},
                         static_cast<double>(matching.size()));
            return;
        } catch (const TransientError&) {
            throw;
        } catch (const std::exception&) {
            // One of them is poison: find it by handling them one at a time.
        }
    }
    for (auto j : matching) handle_one(j);
}

}  // namespace rt::rapid
