#include "support/token_factory.hpp"

#include <jwt.h>
#include <openssl/bio.h>
#include <openssl/bn.h>
#include <openssl/core_names.h>
#include <openssl/evp.h>
#include <openssl/pem.h>

#include <boost/json/serialize.hpp>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <memory>
#include <stdexcept>

#include "infra/auth/base64url.hpp"
#include "infra/auth/openssl_handles.hpp"
#include "support/test_env.hpp"

namespace rt::test {
namespace {

using auth::Bignum;
using auth::Bio;
using auth::Pkey;
using Jwt = std::unique_ptr<jwt_t, auth::FreeWith<jwt_free>>;
struct CFree {
    void operator()(char* p) const { std::free(p); }
};
using CString = std::unique_ptr<char, CFree>;

template <class Write>
std::string pem(Write write) {
    Bio bio(BIO_new(BIO_s_mem()));
    if (!bio || write(bio.get()) != 1) throw std::runtime_error("cannot write PEM");
    char* data = nullptr;
    long size = BIO_get_mem_data(bio.get(), &data);
    return std::string(data, static_cast<std::size_t>(size));
}

std::string base64url_number(const EVP_PKEY* key, const char* param) {
    BIGNUM* raw = nullptr;
    if (EVP_PKEY_get_bn_param(key, param, &raw) != 1) throw std::runtime_error("cannot read RSA parameter");
    Bignum bn(raw);
    std::string bytes(static_cast<std::size_t>(BN_num_bytes(bn.get())), '\0');
    BN_bn2bin(bn.get(), reinterpret_cast<unsigned char*>(bytes.data()));
    return auth::base64url_encode(bytes);
}

// Signs with libjwt, the same library that verifies, so the tokens are what a real issuer sends.
std::string encode(jwt_alg_t alg, std::string_view key, std::string_view kid, const boost::json::object& claims) {
    jwt_t* raw = nullptr;
    if (jwt_new(&raw) != 0) throw std::runtime_error("jwt_new failed");
    Jwt jwt(raw);
    if (jwt_add_grants_json(jwt.get(), boost::json::serialize(claims).c_str()) != 0)
        throw std::runtime_error("jwt_add_grants_json failed");
    if (!kid.empty() && jwt_add_header(jwt.get(), "kid", std::string(kid).c_str()) != 0)
        throw std::runtime_error("jwt_add_header failed");
    if (jwt_set_alg(jwt.get(), alg, reinterpret_cast<const unsigned char*>(key.data()), static_cast<int>(key.size())) != 0)
        throw std::runtime_error("jwt_set_alg failed");
    CString token(jwt_encode_str(jwt.get()));
    if (!token) throw std::runtime_error("jwt_encode_str failed");
    return token.get();
}

// Key generation takes a while (much longer under ASan); one foreign key serves every test.
const TestKey& foreign_key() {
    static const TestKey key = generate_key("foreign");
    return key;
}

}  // namespace

TestKey generate_key(std::string kid) {
    Pkey key(EVP_PKEY_Q_keygen(nullptr, nullptr, "RSA", static_cast<size_t>(2048)));
    if (!key) throw std::runtime_error("RSA key generation failed");
    TestKey k;
    k.kid = std::move(kid);
    k.private_pem = pem([&](BIO* b) { return PEM_write_bio_PrivateKey(b, key.get(), nullptr, nullptr, 0, nullptr, nullptr); });
    k.public_pem = pem([&](BIO* b) { return PEM_write_bio_PUBKEY(b, key.get()); });
    k.n = base64url_number(key.get(), OSSL_PKEY_PARAM_RSA_N);
    k.e = base64url_number(key.get(), OSSL_PKEY_PARAM_RSA_E);
    return k;
}

const std::vector<Flaw>& all_flaws() {
    static const std::vector<Flaw> flaws{Flaw::Expired,    Flaw::NotYetValid, Flaw::WrongIssuer, Flaw::WrongAudience,
                                         Flaw::ForeignKey, Flaw::UnknownKid,  Flaw::AlgNone,     Flaw::Hs256WithPublicKey};
    return flaws;
}

const char* flaw_name(Flaw flaw) {
    switch (flaw) {
        case Flaw::Expired: return "expired";
        case Flaw::NotYetValid: return "not yet valid";
        case Flaw::WrongIssuer: return "wrong issuer";
        case Flaw::WrongAudience: return "wrong audience";
        case Flaw::ForeignKey: return "signed by a foreign key";
        case Flaw::UnknownKid: return "unknown kid";
        case Flaw::AlgNone: return "alg none";
        case Flaw::Hs256WithPublicKey: return "HS256 keyed with the public key";
    }
    return "?";
}

TokenFactory::TokenFactory(std::string issuer, std::string audience, const Clock& clock, std::string kid)
    : issuer_(std::move(issuer)),
      audience_(std::move(audience)),
      clock_(clock),
      path_((std::filesystem::temp_directory_path() / (unique_name("jwks") + ".json")).string()),
      jwks_uri_("file://" + path_),
      key_(generate_key(std::move(kid))) {
    publish();
}

TokenFactory::~TokenFactory() {
    std::error_code ignored;
    std::filesystem::remove(path_, ignored);
}

TokenIssuer TokenFactory::issuer() const { return {audience_, issuer_, jwks_uri_}; }

std::string TokenFactory::jwks_json() const {
    boost::json::array keys;
    auto add = [&](const TestKey& k) {
        keys.push_back({{"kty", "RSA"}, {"use", "sig"}, {"alg", "RS256"}, {"kid", k.kid}, {"n", k.n}, {"e", k.e}});
    };
    add(key_);
    for (const auto& k : previous_) add(k);
    return boost::json::serialize(boost::json::object{{"keys", std::move(keys)}});
}

void TokenFactory::publish() const {
    // Written beside and renamed, so a reader never sees half a file.
    auto tmp = path_ + ".tmp";
    {
        std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
        out << jwks_json();
        if (!out) throw std::runtime_error("cannot write " + tmp);
    }
    std::filesystem::rename(tmp, path_);
}

long long TokenFactory::epoch(std::chrono::seconds offset) const {
    return std::chrono::floor<std::chrono::seconds>(clock_.now().time_since_epoch() + offset).count();
}

boost::json::object TokenFactory::base_claims() const {
    return {{"iss", issuer_},
            {"aud", audience_},
            {"iat", epoch()},
            {"nbf", epoch()},
            {"exp", epoch(std::chrono::hours(1))}};
}

boost::json::object TokenFactory::counsellor_claims(std::string nav_ident, std::vector<std::string> groups) const {
    auto claims = base_claims();
    claims["NAVident"] = nav_ident;
    boost::json::array g;
    for (auto& group : groups) g.emplace_back(group);
    claims["groups"] = std::move(g);
    return claims;
}

boost::json::object TokenFactory::citizen_claims(std::string pid) const {
    auto claims = base_claims();
    claims["pid"] = pid;
    claims["acr"] = "idporten-loa-high";
    return claims;
}

std::string TokenFactory::sign(const boost::json::object& claims) const { return sign_with(key_, key_.kid, claims); }

std::string TokenFactory::sign_with(const TestKey& key, std::string_view kid, const boost::json::object& claims) {
    return encode(JWT_ALG_RS256, key.private_pem, kid, claims);
}

std::string TokenFactory::counsellor(std::string nav_ident, std::vector<std::string> groups) const {
    return sign(counsellor_claims(std::move(nav_ident), std::move(groups)));
}

std::string TokenFactory::citizen(std::string pid) const { return sign(citizen_claims(std::move(pid))); }

std::string TokenFactory::flawed(Flaw flaw, boost::json::object claims) const {
    switch (flaw) {
        case Flaw::Expired: claims["exp"] = epoch(std::chrono::minutes(-10)); return sign(claims);
        case Flaw::NotYetValid: claims["nbf"] = epoch(std::chrono::minutes(10)); return sign(claims);
        case Flaw::WrongIssuer: claims["iss"] = issuer_ + "/en-annen"; return sign(claims);
        case Flaw::WrongAudience: claims["aud"] = "en-annen-app"; return sign(claims);
        case Flaw::ForeignKey: return sign_with(foreign_key(), key_.kid, claims);
        case Flaw::UnknownKid: return sign_with(key_, "ukjent-kid", claims);
        case Flaw::AlgNone:
            return auth::base64url_encode(R"({"alg":"none"})") + "." + auth::base64url_encode(boost::json::serialize(claims)) + ".";
        case Flaw::Hs256WithPublicKey: return encode(JWT_ALG_HS256, key_.public_pem, key_.kid, claims);
    }
    throw std::logic_error("unknown flaw");
}

void TokenFactory::rotate(std::string new_kid, bool keep_previous) {
    if (keep_previous) previous_.push_back(std::move(key_));
    else previous_.clear();
    key_ = generate_key(std::move(new_kid));
    publish();
}

}  // namespace rt::test
