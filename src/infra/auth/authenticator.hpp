#pragma once
// Who is calling: the bearer token of a request, verified against the issuer it names, turned
// into a Principal. Counsellors come from Azure AD, citizens from TokenX.
#include <optional>
#include <string>

#include "core/clock.hpp"
#include "infra/auth/principal.hpp"
#include "infra/auth/token_verifier.hpp"
#include "infra/config.hpp"
#include "infra/http/message.hpp"

namespace rt::auth {

class Authenticator {
public:
    // An issuer missing from the configuration is not trusted at all. The clock must outlive this.
    Authenticator(const Config& config, const Clock& clock);

    // Throws rt::unauthorized (401) when there is no valid token or it lacks the identity claim.
    // key_wait: how long to wait for an issuer's keys being fetched; zero throws WouldBlock
    // instead (the HTTP server's I/O threads check tokens that way before reading a body).
    Principal authenticate(const http::Request& request,
                           std::chrono::milliseconds key_wait = std::chrono::seconds(2)) const;
    // Starts fetching every issuer's keys in the background.
    void prefetch_keys() const;

private:
    Principal counsellor(const boost::json::object& claims) const;

    std::optional<TokenVerifier> azure_;
    std::optional<TokenVerifier> tokenx_;
    std::string group_arbeidsgiverrettet_;
    std::string group_jobbsokerrettet_;
    std::string group_utvikler_;
};

}  // namespace rt::auth
