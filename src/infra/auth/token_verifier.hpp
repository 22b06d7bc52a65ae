#pragma once
// Verifies the bearer tokens of one issuer (Azure AD or TokenX): an RS256 signature by one of the
// issuer's published keys, then iss, aud, exp and nbf.
#include <boost/json/object.hpp>
#include <chrono>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "core/clock.hpp"
#include "infra/auth/jwks.hpp"
#include "infra/config.hpp"

namespace rt::auth {

class TokenVerifier {
public:
    // The clock must outlive the verifier. leeway allows for clocks that disagree with the issuer's.
    TokenVerifier(TokenIssuer issuer, const Clock& clock, std::chrono::seconds leeway = std::chrono::seconds(60));
    ~TokenVerifier();
    TokenVerifier(TokenVerifier&&) noexcept;

    // The token's claims, or throws rt::unauthorized. The detail names the rule that failed and
    // never a claim value or the token, since it goes back to the caller and into logs.
    // key_wait: how long to wait for the issuer's keys when they are being fetched (zero: throw
    // WouldBlock instead, for the I/O threads).
    boost::json::object verify(std::string_view token, std::chrono::milliseconds key_wait = std::chrono::seconds(2)) const;
    // Fetch the issuer's keys now, in the background.
    void prefetch_keys() const;

    const TokenIssuer& issuer() const { return issuer_; }

    struct Verified;
    struct Cache;

private:
    // exp and nbf against the clock; throws unauthorized.
    void check_times(std::optional<double> exp, std::optional<double> nbf) const;

    TokenIssuer issuer_;
    const Clock& clock_;
    std::chrono::seconds leeway_;
    std::unique_ptr<Jwks> jwks_;  // a cache behind a const interface; a pointer keeps the verifier movable
    // Tokens whose signature was verified, until they expire: a client sends the same token for
    // its whole life, and the RS256 check (with libjwt reading the PEM each time) was most of
    // the CPU of a read request.
    std::unique_ptr<Cache> verified_;
};

// The iss claim of a token whose signature has not been checked: only for choosing the verifier.
std::optional<std::string> unverified_issuer(std::string_view token);

}  // namespace rt::auth
