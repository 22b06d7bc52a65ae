#include "infra/rapid/rapid.hpp"

#include <boost/json/monotonic_resource.hpp>
#include <mutex>
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

// Parse buffers kept between batches: parsing is most of the work per message, and most of
// that was allocation. A few are kept, as a batch is read while the one before it is handled.
struct Rapid::Parsebuffere {
    static constexpr std::size_t kStorrelse = 1 << 20;
    std::mutex mutex;
    std::vector<std::vector<unsigned char>> ledige;

    std::vector<unsigned char> ta() {
        std::lock_guard lock(mutex);
        if (ledige.empty()) return std::vector<unsigned char>(kStorrelse);
        auto b = std::move(ledige.back());
        ledige.pop_back();
        return b;
    }
    void gi_tilbake(std::vector<unsigned char> b) {
        std::lock_guard lock(mutex);
        if (ledige.size() < 4) ledige.push_back(std::move(b));
    }
};

// A batch read and sorted to the rivers, waiting for (or in) its handling.
struct Rapid::Lest {
    struct Laant {  // declared first: returned after the messages and their memory are gone
        std::shared_ptr<Parsebuffere> lager;
        std::vector<unsigned char> buffer;
        ~Laant() { lager->gi_tilbake(std::move(buffer)); }
    };
    struct Fangst {  // one river's part: indexes into `messages`
        std::vector<std::size_t> treff;
        std::vector<std::pair<std::size_t, std::string>> ugyldige;  // failed a validation, with why
    };

    Laant laant;
    boost::json::monotonic_resource memory;
    Lesning lesning;  // the read, for the messages' copies
    std::vector<std::pair<kafka::Record*, std::string>> ulesbare;
    std::vector<kafka::Record*> records;  // parallel to messages
    std::vector<Message> messages;
    std::vector<Fangst> per_river;

    Lest(std::shared_ptr<Parsebuffere> lager, std::string time, const Deltaker* deltaker)
        : laant{lager, lager->ta()},
          memory(laant.buffer.data(), laant.buffer.size()),
          lesning{std::move(time), deltaker} {}
};

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
    : deltaker_(std::move(deltaker)),
      clock_(clock),
      dead_letters_(dead_letters),
      metrics_(metrics),
      parsebuffere_(std::make_shared<Parsebuffere>()) {}

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

std::function<void()> Rapid::les(std::vector<kafka::Record>& batch) {
    const auto now = clock_.now();
    auto lest = std::make_shared<Lest>(parsebuffere_, tid::format_oslo_local(now), &deltaker_);
    boost::json::storage_ptr storage(&lest->memory);
    lest->records.reserve(batch.size());
    lest->messages.reserve(batch.size());
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
            lest->messages.push_back(Message::parse(r.value, storage));
        } catch (const PermanentError& e) {
            lest->ulesbare.emplace_back(&r, e.what());
            continue;
        }
        // A missing @id or @opprettet is filled here; the rest of the read when a copy is made.
        auto& m = lest->messages.back();
        if (!present(m.json(), "@id")) m.json()["@id"] = new_uuid();
        if (!present(m.json(), "@opprettet")) m.set_opprettet(lest->lesning.time);
        m.merk_lest(lest->lesning);
        lest->records.push_back(&r);
    }
    metrics_.add("rapid_messages_read_total", {}, static_cast<double>(lest->messages.size()));

    lest->per_river.resize(rivers_.size());
    for (std::size_t i = 0; i < rivers_.size(); ++i) {
        const auto& river = rivers_[i];
        const auto bit = river_bit(i);
        auto& fangst = lest->per_river[i];
        for (std::size_t j = 0; j < lest->records.size(); ++j) {
            auto& r = *lest->records[j];
            if (r.done & bit) continue;
            const Message& m = lest->messages[j];
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
            if (problem) fangst.ugyldige.emplace_back(j, std::move(*problem));
            else fangst.treff.push_back(j);
        }
    }
    return [this, lest] { handle(*lest); };
}

void Rapid::handle(Lest& lest) {
    for (auto& [r, grunn] : lest.ulesbare) {
        if (r->done & kNotForRivers) continue;
        dead_letters_.store(*r, "rapid", grunn);
        metrics_.add("rapid_messages_total", {{"river", "rapid"}, {"result", "unparsable"}});
        r->done |= kNotForRivers;
    }
    for (std::size_t i = 0; i < rivers_.size(); ++i) run_river(i, lest);
}

void Rapid::run_river(std::size_t index, Lest& lest) {
    const auto& river = rivers_[index];
    const auto bit = river_bit(index);
    auto& records = lest.records;
    auto& fangst = lest.per_river[index];
    for (const auto& [j, problem] : fangst.ugyldige) {
        auto& r = *records[j];
        if (r.done & bit) continue;
        dead_letters_.store(r, river.name, problem);
        metrics_.add("rapid_messages_total", {{"river", river.name}, {"result", "invalid"}});
        r.done |= bit;
    }
    std::vector<std::size_t> matching;
    for (auto j : fangst.treff)
        if (!(records[j]->done & bit)) matching.push_back(j);
    if (matching.empty()) return;
    auto& messages = lest.messages;

    auto handle_one = [&](std::size_t j) {
        try {
            if (river.on_message) {
                Context ctx(*this, &messages[j], &records[j]->key);
                river.on_message(messages[j], ctx);
            } else {
                Context ctx(*this, nullptr, nullptr);
                river.on_batch({&messages[j]}, ctx);
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
        for (auto j : matching) batch.push_back(&messages[j]);
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
