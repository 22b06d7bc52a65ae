#include "infra/auth/authenticator.hpp"

#include <strings.h>

#include "core/errors.hpp"

namespace rt::auth {
namespace {

std::string_view bearer_token(const http::Request& request) {
    auto value = request.header("authorization");
    if (value.empty()) throw unauthorized("Authorization-headeren mangler");
    constexpr std::string_view scheme = "Bearer ";
    // The scheme is case-insensitive (RFC 7235 §2.1).
    if (value.size() <= scheme.size() || ::strncasecmp(value.data(), scheme.data(), scheme.size()) != 0)
        throw unauthorized("Authorization-headeren må ha formen 'Bearer <token>'");
    auto token = value.substr(scheme.size());
    if (token.find(' ') != std::string_view::npos) throw unauthorized("Authorization-headeren må ha formen 'Bearer <token>'");
    return token;
}

std::string required_text(const boost::json::object& claims, std::string_view name) {
    const auto* v = claims.if_contains(name);
    if (!v || !v->is_string() || v->get_string().empty())
        throw unauthorized(std::string("tokenet mangler claimet ") + std::string(name));
    return std::string(v->get_string());
}

}  // namespace

Authenticator::Authenticator(const Config& config, const Clock& clock)
    : group_arbeidsgiverrettet_(config.group_arbeidsgiverrettet),
      group_jobbsokerrettet_(config.group_jobbsokerrettet),
      group_utvikler_(config.group_utvikler) {
    if (config.azure) azure_.emplace(*config.azure, clock);
    if (config.tokenx) tokenx_.emplace(*config.tokenx, clock);
}

void Authenticator::prefetch_keys() const {
    if (azure_) azure_->prefetch_keys();
    if (tokenx_) tokenx_->prefetch_keys();
}

Principal Authenticator::authenticate(const http::Request& request, std::chrono::milliseconds key_wait) const {
    auto token = bearer_token(request);
    // The unverified iss only chooses whose keys to check the signature with; the verifier then
    // requires the same iss in the signed claims.
    auto iss = unverified_issuer(token);
    if (iss && azure_ && *iss == azure_->issuer().issuer) return counsellor(azure_->verify(token, key_wait));
    if (iss && tokenx_ && *iss == tokenx_->issuer().issuer) {
        auto claims = tokenx_->verify(token, key_wait);
        return Principal{Principal::Kind::Borger, "", required_text(claims, "pid"), {Role::Borger}};
    }
    throw unauthorized("tokenet er ikke utstedt av en kjent utsteder");
}

Principal Authenticator::counsellor(const boost::json::object& claims) const {
    Principal p{Principal::Kind::Veileder, required_text(claims, "NAVident"), "", {}};
    const auto* groups = claims.if_contains("groups");
    if (!groups || !groups->is_array()) return p;
    for (const auto& g : groups->get_array()) {
        if (!g.is_string()) continue;
        std::string_view group = g.get_string();
        // An empty configured group id must never match, whatever the token says.
        auto grants = [&](const std::string& configured) { return !configured.empty() && group == configured; };
        if (grants(group_arbeidsgiverrettet_)) p.roles.insert(Role::ArbeidsgiverRettet);
        if (grants(group_jobbsokerrettet_)) p.roles.insert(Role::JobbsokerRettet);
        if (grants(group_utvikler_)) p.roles.insert(Role::Utvikler);
    }
    return p;
}

}  // namespace rt::auth
