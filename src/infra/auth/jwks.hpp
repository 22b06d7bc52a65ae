#pragma once
// The signing keys of one issuer, fetched from its JWKS URI and cached by kid as PEM public keys
// (the form libjwt verifies with). An unknown kid usually means the issuer rotated its keys, so
// the set is fetched again, but at most once per interval: tokens with made-up kids must not
// turn into a flood of requests to the issuer.
#include <chrono>
#include <condition_variable>
#include <thread>
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
    // Fetches happen on a thread of the Jwks, never in the caller: an unknown kid asks for one at
    // most every min_refresh_interval, and a key set older than max_age asks for one on the next
    // lookup, so a key the issuer withdrew stops working within max_age even if no unknown kid
    // ever comes. A failed fetch keeps the last good keys.
    Jwks(std::string uri, const Clock& clock, std::chrono::seconds min_refresh_interval = std::chrono::seconds(10),
         std::chrono::seconds max_age = std::chrono::minutes(10));
    ~Jwks();
    Jwks(const Jwks&) = delete;
    Jwks& operator=(const Jwks&) = delete;

    // The PEM public key for kid, or nullopt when the issuer does not (or cannot be asked to)
    // know it. When a fetch is under way (or asked for by this lookup), waits up to `wait` for it;
    // with a zero wait and the kid unknown meanwhile, throws WouldBlock. A key whose set is stale
    // is returned as it is if the new set does not come within `wait`. Thread-safe.
    std::optional<std::string> pem_for(const std::string& kid, std::chrono::milliseconds wait = std::chrono::seconds(2));
    // Asks for a fetch now (at start-up), without waiting for it.
    void prefetch();

private:
    void run();
    // Under mutex_: asks the fetch thread for a fetch unless one is under way.
    void request_fetch_locked();

    std::string uri_;
    const Clock& clock_;
    std::chrono::seconds min_refresh_interval_;
    std::chrono::seconds max_age_;
    std::mutex mutex_;
    std::condition_variable wake_;     // the fetch thread: a fetch is asked for, or stop
    std::condition_variable fetched_;  // lookups: a fetch has ended
    std::map<std::string, std::string, std::less<>> pems_;
    std::optional<Instant> last_fetch_;  // when the last fetch was asked for, by the clock
    bool fetch_asked_ = false;
    bool fetching_ = false;
    unsigned long long fetches_done_ = 0;
    bool stop_ = false;
    std::thread thread_;
};

// kid -> PEM for every usable key of a JWKS document: RSA keys with a kid, n and e. Other keys
// are skipped, so an issuer that adds an EC key does not break us. Throws std::runtime_error when
// the document is not a JWKS.
std::map<std::string, std::string, std::less<>> parse_jwks(std::string_view json);

// An RSA public key from its JWK modulus and exponent (base64url); throws std::runtime_error.
std::string rsa_public_pem(std::string_view n_base64url, std::string_view e_base64url);

}  // namespace rt::auth
