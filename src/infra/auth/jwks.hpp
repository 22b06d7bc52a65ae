#pragma once
// The signing keys of one issuer, fetched from its JWKS URI and cached by kid as PEM public keys
// (the form libjwt verifies with). An unknown kid usually means the issuer rotated its keys, so
// the set is fetched again, but at most once per interval: tokens with made-up kids must not
// turn into a flood of requests to the issuer.
#include <chrono>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>

#include "core/clock.hpp"

namespace rt::auth {

class Jwks {
public:
    // uri: http://, https:// or file://. Nothing is fetched until the first lookup, so start-up
    // does not depend on the issuer answering. The clock must outlive the Jwks.
    // An unknown kid refetches at most every min_refresh_interval; a key set older than max_age is
    // refetched on the next lookup, so a key the issuer withdrew stops working within max_age
    // even if no unknown kid ever comes.
    Jwks(std::string uri, const Clock& clock, std::chrono::seconds min_refresh_interval = std::chrono::seconds(10),
         std::chrono::seconds max_age = std::chrono::minutes(10));
    Jwks(const Jwks&) = delete;
    Jwks& operator=(const Jwks&) = delete;

    // The PEM public key for kid, or nullopt when the issuer does not (or cannot be asked to)
    // know it. Thread-safe.
    std::optional<std::string> pem_for(const std::string& kid);

private:
    // Fetches and replaces the key set; keeps the old one when the issuer does not answer.
    void refresh();

    std::string uri_;
    const Clock& clock_;
    std::chrono::seconds min_refresh_interval_;
    std::chrono::seconds max_age_;
    std::mutex keys_mutex_;     // guards pems_ and last_fetch_
    std::mutex refresh_mutex_;  // one fetch at a time; lookups of known kids never wait for it
    std::map<std::string, std::string, std::less<>> pems_;
    std::optional<Instant> last_fetch_;
};

// kid -> PEM for every usable key of a JWKS document: RSA keys with a kid, n and e. Other keys
// are skipped, so an issuer that adds an EC key does not break us. Throws std::runtime_error when
// the document is not a JWKS.
std::map<std::string, std::string, std::less<>> parse_jwks(std::string_view json);

// An RSA public key from its JWK modulus and exponent (base64url); throws std::runtime_error.
std::string rsa_public_pem(std::string_view n_base64url, std::string_view e_base64url);

}  // namespace rt::auth
