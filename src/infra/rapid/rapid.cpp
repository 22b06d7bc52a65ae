#include "infra/rapid/rapid.hpp"

#include <stdexcept>

#include "core/errors.hpp"
#include "core/ids.hpp"
#include "core/time.hpp"
#include "infra/config.hpp"
#include "infra/kafka/dead_letters.hpp"
#include "infra/log.hpp"
#include "infra/metrics.hpp"

namespace rt::rapid {
namespace {

constexpr std::uint64_t kNotForRivers = 1;  // Record::done bit 0 (poison, tombstone); river i uses bit i + 1

std::uint64_t river_bit(std::size_t index) { return std::uint64_t{1} << (index + 1); }

bool present(const boost::json::object& o, std::string_view key) {
    const auto* v = o.if_contains(key);
    return v && !v->is_null();
}

// A text value of the cause that is not blank, for @forårsaket_av.
const boost::json::value* utfylt_tekst(const boost::json::object& o, std::string_view key) {
    const auto* v = o.if_contains(key);
    if (!v || !v->is_string()) return nullptr;
    for (char c : v->as_string())
        if (c != ' ' && c != '\t' && c != '\n' && c != '\r') return v;
    return nullptr;
}

// {id, opprettet, event_name, behov} of the message being handled; blank or empty ones left out.
boost::json::object sporing(const Message& cause) {
    const auto& c = cause.json();
    boost::json::object out;
    if (const auto* id = c.if_contains("@id")) out["id"] = *id;
    if (const auto* v = utfylt_tekst(c, "@opprettet")) out["opprettet"] = *v;
    if (const auto* v = utfylt_tekst(c, "@event_name")) out["event_name"] = *v;
    if (const auto* v = c.if_contains("@behov"); v && v->is_array() && !v->as_array().empty()) out["behov"] = *v;
    return out;
}

}  // namespace

Deltaker deltaker_fra(const Config& c) {
    Deltaker d;
    d.instance = c.instance_id;
    d.service = c.nais_app_name;
    d.image = c.nais_app_image;
    d.app_name = c.nais_app_name;
    if (c.nais_cluster_name && c.nais_namespace) d.app_name += "-" + *c.nais_cluster_name + "-" + *c.nais_namespace;
    return d;
}

Rapid::Rapid(Deltaker deltaker, const Clock& clock, kafka::DeadLetters& dead_letters, Metrics& metrics)
    : deltaker_(std::move(deltaker)), clock_(clock), dead_letters_(dead_letters), metrics_(metrics) {}

void Rapid::add_river(River river) {
    if (rivers_.size() >= 63) throw std::logic_error("at most 63 rivers");
    if (static_cast<bool>(river.on_message) == static_cast<bool>(river.on_batch))
        throw std::logic_error("a river has exactly one handler: " + river.name);
    rivers_.push_back(std::move(river));
}

void Rapid::ny_melding(Message& message, const std::string& now_text) const {
    auto& o = message.json();
    if (!present(o, "@id")) o["@id"] = new_uuid();
    if (!present(o, "@opprettet")) message.set_opprettet(now_text);
    if (!o.contains("system_read_count")) o["system_read_count"] = 0;
    legg_til_deltakelse(o, now_text, deltaker_);
}

void Rapid::publish(const std::string& key, Message message) {
    ny_melding(message, tid::format_oslo_local(clock_.now()));
    send({{key, message.serialize()}});
}

void Rapid::publish_all(std::vector<std::pair<std::string, Message>> keyed_messages) {
    const auto now_text = tid::format_oslo_local(clock_.now());
    std::vector<Keyed> out;
    out.reserve(keyed_messages.size());
    for (auto& [key, message] : keyed_messages) {
        ny_melding(message, now_text);
        out.emplace_back(std::move(key), message.serialize());
    }
    send(std::move(out));
}

void Rapid::publish_svar(const Message* cause, const std::optional<std::string>& key, Message message) {
    const auto now_text = tid::format_oslo_local(clock_.now());
    if (!cause) {
        ny_melding(message, now_text);
        send({{key, message.serialize()}});
        return;
    }
    auto& o = message.json();
    o["@forårsaket_av"] = sporing(*cause);
    const auto* id = o.if_contains("@id");
    const auto* cause_id = cause->json().if_contains("@id");
    if (!id || id->is_null() || (cause_id && *id == *cause_id)) {
        o["@id"] = new_uuid();
        message.set_opprettet(now_text);
        legg_til_deltakelse(o, now_text, deltaker_);
    }
    send({{key, message.serialize()}});
}

void Rapid::publish_livssyklus(std::string_view event_name) noexcept {
    try {
        Message m(boost::json::object{
            {"@event_name", event_name}, {"app_name", deltaker_.app_name}, {"instance_id", deltaker_.instance}});
        ny_melding(m, tid::format_oslo_local(clock_.now()));
        send_detached({std::nullopt, m.serialize()});
        log::info("rapid", "livssyklushendelse publisert", {{"event_name", event_name}});
    } catch (const std::exception& e) {
        log::warn("rapid", "livssyklushendelse kunne ikke publiseres", {{"event_name", event_name}, {"error", e.what()}});
    }
}

void Rapid::dispatch(std::vector<kafka::Record>& batch) {
    // Declared before the messages, so it outlives them.
    boost::json::monotonic_resource batch_memory(parse_buffer_.data(), parse_buffer_.size());
    boost::json::storage_ptr storage(&batch_memory);
    lesning_.time = tid::format_oslo_local(clock_.now());
    std::vector<kafka::Record*> records;
    std::vector<Message> messages;
    records.reserve(batch.size());
    messages.reserve(batch.size());
    for (auto& r : batch) {
        if (r.done & kNotForRivers) continue;
        if (r.null_value) {
            log::info("rapid", "hopper over tombstone (null-verdi)",
                      {{"topic", r.topic}, {"partition", r.partition}, {"offset", r.offset}});
            metrics_.add("rapid_messages_total", {{"river", "rapid"}, {"result", "tombstone"}});
            r.done |= kNotForRivers;
            continue;
        }
        try {
            messages.push_back(Message::parse(r.value, storage));
        } catch (const PermanentError& e) {
            dead_letters_.store(r, "rapid", e.what());
            metrics_.add("rapid_messages_total", {{"river", "rapid"}, {"result", "unparsable"}});
            r.done |= kNotForRivers;
            continue;
        }
        // A missing @id or @opprettet is filled here; the rest of the read when a copy is made.
        auto& m = messages.back();
        if (!present(m.json(), "@id")) m.json()["@id"] = new_uuid();
        if (!present(m.json(), "@opprettet")) m.set_opprettet(lesning_.time);
        m.merk_lest(lesning_);
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
    const auto now = clock_.now();
    std::vector<std::size_t> matching;
    for (std::size_t j = 0; j < records.size(); ++j) {
        auto& r = *records[j];
        if (r.done & bit) continue;
        const Message& m = *messages[j];
        bool ours = true;
        for (const auto& rule : river.preconditions)
            if (ours && rule.check(m, now)) ours = false;
        if (!ours) {
            r.done |= bit;
            continue;
        }
        std::optional<std::string> problem;
        for (const auto& rule : river.validations)
            if (!problem) problem = rule.check(m, now);
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
                Context ctx(*this, messages[j], &records[j]->key);
                river.on_message(*messages[j], ctx);
            } else {
                Context ctx(*this, nullptr, nullptr);
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
            Context ctx(*this, nullptr, nullptr);
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
