#include "infra/rapid/river.hpp"

#include <algorithm>
#include <fmt/format.h>

#include "infra/rapid/rapid.hpp"

namespace rt::rapid {

std::optional<std::string> Rule::check(const Message& m, Instant now) const {
    const auto* v = m.find(key);
    bool present = v && !v->is_null();
    switch (kind) {
        case Kind::require_key:
            if (!present) return fmt::format("mangler {}", key);
            return std::nullopt;
        case Kind::require_value:
        case Kind::require_any:
            if (!present) return fmt::format("mangler {}", key);
            if (std::find(values.begin(), values.end(), *v) == values.end())
                return fmt::format("{} har ikke forventet verdi", key);
            return std::nullopt;
        case Kind::forbid_key:
            if (present) return fmt::format("har {}", key);
            return std::nullopt;
        case Kind::interested_in:
            return std::nullopt;
        case Kind::require_opprettet: {
            auto t = m.opprettet();
            if (!t) return "@opprettet kan ikke leses som tidspunkt";
            if (*t > now + max_fremtid)
                return fmt::format("@opprettet ligger mer enn {} s fram i tid", max_fremtid.count());
            return std::nullopt;
        }
    }
    return std::nullopt;
}

Rule require_key(std::string key) { return {Rule::Kind::require_key, std::move(key), {}}; }
Rule require_value(std::string key, std::string value) {
    return {Rule::Kind::require_value, std::move(key), {boost::json::value(value)}};
}
Rule require_value(std::string key, bool value) { return {Rule::Kind::require_value, std::move(key), {boost::json::value(value)}}; }
Rule require_any(std::string key, std::vector<std::string> values) {
    std::vector<boost::json::value> vs;
    for (auto& v : values) vs.emplace_back(v);
    return {Rule::Kind::require_any, std::move(key), std::move(vs)};
}
Rule forbid_key(std::string key) { return {Rule::Kind::forbid_key, std::move(key), {}}; }
Rule interested_in(std::string key) { return {Rule::Kind::interested_in, std::move(key), {}}; }
Rule require_opprettet(const Clock& clock, std::chrono::seconds max_fremtid) {
    return {Rule::Kind::require_opprettet, "@opprettet", {}, &clock, max_fremtid};
}

void Context::publish(Message message) {
    rapid_.publish_svar(cause_, cause_key_ ? *cause_key_ : std::nullopt, std::move(message));
}
void Context::publish(const std::string& key, Message message) { rapid_.publish_svar(cause_, key, std::move(message)); }

}  // namespace rt::rapid
