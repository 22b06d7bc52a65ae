#pragma once
// Mints test tokens for one issuer: an RSA key pair of its own, published in a JWKS file
// (file:// URI) that the service's configuration can point at, and tokens signed with libjwt.
//
//     rt::test::TokenFactory azure("https://azure.test", "rekrutteringstreff", clock);
//     config.azure = azure.issuer();
//     auto token = azure.counsellor("Z990001", {"gruppe-jobbsokerrettet"});
//     auto bad = azure.flawed(rt::test::Flaw::Expired, azure.counsellor_claims("Z990001"));
#include <boost/json/object.hpp>
#include <chrono>
#include <string>
#include <string_view>
#include <vector>

#include "core/clock.hpp"
#include "infra/config.hpp"

namespace rt::test {

// An RSA-2048 key pair.
struct TestKey {
    std::string kid;
    std::string private_pem;
    std::string public_pem;
    std::string n, e;  // base64url, as in a JWK
};
TestKey generate_key(std::string kid);

// What can be wrong with a token the service must refuse.
enum class Flaw {
    Expired,             // exp ten minutes ago
    NotYetValid,         // nbf in ten minutes
    WrongIssuer,         // iss of someone else
    WrongAudience,       // aud of another app
    ForeignKey,          // signed by another key under the published kid
    UnknownKid,          // a kid the JWKS does not have
    AlgNone,             // {"alg":"none"}, no signature
    Hs256WithPublicKey,  // HMAC keyed with the published public key (alg confusion)
};
const std::vector<Flaw>& all_flaws();
const char* flaw_name(Flaw flaw);

class TokenFactory {
public:
    // Times in the claims come from clock, which must outlive the factory.
    TokenFactory(std::string issuer, std::string audience, const Clock& clock, std::string kid = "nokkel-1");
    ~TokenFactory();  // removes the JWKS file
    TokenFactory(const TokenFactory&) = delete;
    TokenFactory& operator=(const TokenFactory&) = delete;

    // The issuer as the configuration names it ({client_id, issuer, jwks_uri}).
    TokenIssuer issuer() const;
    const std::string& jwks_uri() const { return jwks_uri_; }
    // The published JWKS document, e.g. to serve it over HTTP.
    std::string jwks_json() const;
    const TestKey& key() const { return key_; }

    // Seconds since the epoch on the factory's clock, plus offset.
    long long epoch(std::chrono::seconds offset = std::chrono::seconds(0)) const;

    // A good token's claims: iss, aud, iat and nbf now, exp in an hour.
    boost::json::object base_claims() const;
    boost::json::object counsellor_claims(std::string nav_ident, std::vector<std::string> groups = {}) const;
    boost::json::object citizen_claims(std::string pid) const;

    // RS256 with the current key and its kid.
    std::string sign(const boost::json::object& claims) const;
    // RS256 with any key under any kid.
    static std::string sign_with(const TestKey& key, std::string_view kid, const boost::json::object& claims);
    std::string counsellor(std::string nav_ident, std::vector<std::string> groups = {}) const;
    std::string citizen(std::string pid) const;

    // The claims, spoiled as the flaw says, then signed (or not) as the flaw says.
    std::string flawed(Flaw flaw, boost::json::object claims) const;

    // Key rotation: a new key under new_kid becomes the signing key and the JWKS file is rewritten
    // to publish it, with the previous key too when keep_previous.
    void rotate(std::string new_kid, bool keep_previous = false);

private:
    void publish() const;

    std::string issuer_;
    std::string audience_;
    const Clock& clock_;
    std::string path_;
    std::string jwks_uri_;
    TestKey key_;
    std::vector<TestKey> previous_;
};

}  // namespace rt::test
