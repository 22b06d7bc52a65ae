#include "infra/rapid/message.hpp"

#include <cmath>
#include <cstdint>
#include <limits>

#include "core/errors.hpp"
#include "infra/rapid/tidspunkt.hpp"

namespace rt::rapid {

void legg_til_deltakelse(boost::json::object& o, std::string_view time, const Deltaker& d) {
    // Read what the entry needs before the object may rehash (operator[] of a new key).
    boost::json::object entry(o.storage());
    entry.reserve(5);
    if (const auto* id = o.if_contains("@id")) entry.emplace("id", *id);
    entry.emplace("time", time);
    entry.emplace("service", d.service);
    entry.emplace("instance", d.instance);
    if (d.image) entry.emplace("image", *d.image);
    auto* services = o.if_contains("system_participating_services");
    if (!services || !services->is_array()) services = &(o["system_participating_services"] = boost::json::array(o.storage()));
    services->as_array().push_back(std::move(entry));
}

void Message::fullfor_lesing(const Lesning& l) {
    // Another participant's count, however large, must not make the increment undefined
    // (found by tests/fuzz): a count at the end of its type, or a double beyond int64, stays.
    auto& count = json_["system_read_count"];
    if (count.is_int64()) {
        auto n = count.as_int64();
        if (n < std::numeric_limits<std::int64_t>::max()) count = n + 1;
    } else if (count.is_uint64()) {
        auto n = count.as_uint64();
        if (n < std::numeric_limits<std::uint64_t>::max()) count = n + 1;
    } else if (count.is_double()) {
        // Inside ±2^63 (both exact doubles) the cast is defined, and the largest such double is
        // far enough below int64's maximum for the + 1.
        double d = count.as_double();
        if (d > -9223372036854775808.0 && d < 9223372036854775808.0) count = static_cast<std::int64_t>(d) + 1;
    } else {
        count = 0;
    }
    legg_til_deltakelse(json_, l.time, *l.deltaker);
}

namespace {

// Boost.JSON (1.81) reads a number beyond a double's range, such as 1e400, as infinity (0e400 as
// NaN) and writes those back as `Infinity` and `NaN`, which are not JSON: a copy of such a message
// republished on the rapid would break every reader after us (found by tests/fuzz).
bool endelige_tall(const boost::json::value& v) {
    switch (v.kind()) {
        case boost::json::kind::double_: return std::isfinite(v.get_double());
        case boost::json::kind::array:
            for (const auto& e : v.get_array())
                if (!endelige_tall(e)) return false;
            return true;
        case boost::json::kind::object:
            for (const auto& [k, e] : v.get_object())
                if (!endelige_tall(e)) return false;
            return true;
        default: return true;
    }
}

}  // namespace

Message Message::parse(std::string_view text, boost::json::storage_ptr storage) {
    boost::system::error_code ec;
    auto v = boost::json::parse(text, ec, std::move(storage));
    if (ec) throw PermanentError("ikke gyldig JSON");
    if (!v.is_object()) throw PermanentError("ikke et JSON-objekt");
    if (!endelige_tall(v)) throw PermanentError("et tall er utenfor det en double kan holde");
    return Message(std::move(v.as_object()));
}

const boost::json::value* Message::find(std::string_view path) const {
    const boost::json::object* o = &json_;
    while (true) {
        auto dot = path.find('.');
        auto key = path.substr(0, dot);
        auto it = o->find(key);
        if (it == o->end()) return nullptr;
        if (dot == std::string_view::npos) return &it->value();
        if (!it->value().is_object()) return nullptr;
        o = &it->value().as_object();
        path = path.substr(dot + 1);
    }
}

bool Message::has(std::string_view path) const {
    auto v = find(path);
    return v && !v->is_null();
}

std::string_view Message::string(std::string_view path) const {
    auto v = find(path);
    if (!v || !v->is_string()) return {};
    return v->as_string();
}

std::optional<Instant> Message::opprettet() const {
    if (!opprettet_) opprettet_ = les_tidspunkt(string("@opprettet"));
    return *opprettet_;
}

void Message::set_opprettet(std::string_view text) {
    json_["@opprettet"] = text;
    opprettet_.reset();
}

}  // namespace rt::rapid
