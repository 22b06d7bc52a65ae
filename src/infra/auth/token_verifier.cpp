#include "infra/auth/token_verifier.hpp"

#include <jwt.h>

#include <boost/json/parse.hpp>
#include <openssl/evp.h>

#include <cstdlib>
#include <mutex>
#include <unordered_map>

#include "core/errors.hpp"
#include "infra/auth/base64url.hpp"

namespace rt::auth {
namespace {

struct JwtFree {
    void operator()(jwt_t* jwt) const { jwt_free(jwt); }
};
struct CFree {
    void operator()(char* p) const { std::free(p); }
};

struct Segments {
    std::string_view header, payload, signature;
};

std::optional<Segments> split(std::string_view token) {
    auto first = token.find('.');
    if (first == std::string_view::npos) return std::nullopt;
    auto second = token.find('.', first + 1);
    if (second == std::string_view::npos || token.find('.', second + 1) != std::string_view::npos) return std::nullopt;
    Segments s{token.substr(0, first), token.substr(first + 1, second - first - 1), token.substr(second + 1)};
    // The signature may be empty here so that alg "none" is refused for what it is, by the header check.
    if (s.header.empty() || s.payload.empty() || !base64url_decode(s.signature)) return std::nullopt;
    return s;
}

std::optional<boost::json::object> parse_object(std::string_view json) {
    boost::system::error_code ec;
    auto value = boost::json::parse(json, ec);
    if (ec || !value.is_object()) return std::nullopt;
    return std::move(value.as_object());
}

std::optional<boost::json::object> json_object(std::string_view segment) {
    auto bytes = base64url_decode(segment);
    return bytes ? parse_object(*bytes) : std::nullopt;
}

std::string_view text(const boost::json::object& o, std::string_view name) {
    const auto* v = o.if_contains(name);
    return v && v->is_string() ? std::string_view(v->get_string()) : std::string_view();
}

// A NumericDate (seconds since the epoch; RFC 7519 allows fractions).
std::optional<double> numeric_date(const boost::json::object& claims, std::string_view name) {
    const auto* v = claims.if_contains(name);
    if (!v || !v->is_number()) return std::nullopt;
    return v->to_number<double>();
}

bool audience_matches(const boost::json::object& claims, const std::string& client_id) {
    const auto* aud = claims.if_contains("aud");
    if (!aud) return false;
    if (aud->is_string()) return aud->get_string() == client_id;
    if (!aud->is_array()) return false;
    for (const auto& a : aud->get_array())
        if (a.is_string() && a.get_string() == client_id) return true;
    return false;
}

// libjwt checks the signature only: the parsed claims come back from it and the rules are ours.
boost::json::object signed_claims(const std::string& token, const std::string& pem) {
    jwt_t* raw = nullptr;
    int rc = jwt_decode(&raw, token.c_str(), reinterpret_cast<const unsigned char*>(pem.data()), static_cast<int>(pem.size()));
    std::unique_ptr<jwt_t, JwtFree> jwt(raw);
    if (rc != 0 || !jwt) throw unauthorized("tokenets signatur er ugyldig");
    // libjwt 1.10 verifies with whatever alg the header names. The header was checked before;
    // this catches a header that libjwt's JSON parser reads differently from ours.
    if (jwt_get_alg(jwt.get()) != JWT_ALG_RS256) throw unauthorized("tokenets algoritme er tvetydig");
    std::unique_ptr<char, CFree> grants(jwt_get_grants_json(jwt.get(), nullptr));
    auto claims = grants ? parse_object(grants.get()) : std::nullopt;
    if (!claims) throw unauthorized("tokenets innhold er ikke et JSON-objekt");
    return std::move(*claims);
}

}  // namespace

struct TokenVerifier::Verified {
    boost::json::object claims;
    std::string kid;
    std::string pem;  // the key it was verified with; a withdrawn key ends the entry
    std::optional<double> exp, nbf;
};

struct TokenVerifier::Cache {
    static constexpr std::size_t kMax = 10000;
    std::mutex mutex;
    std::unordered_map<std::string, Verified> by_digest;  // SHA-256 of the token
};

TokenVerifier::TokenVerifier(TokenIssuer issuer, const Clock& clock, std::chrono::seconds leeway)
    : issuer_(std::move(issuer)),
      clock_(clock),
      leeway_(leeway),
      jwks_(std::make_unique<Jwks>(issuer_.jwks_uri, clock)),
      verified_(std::make_unique<Cache>()) {}

TokenVerifier::~TokenVerifier() = default;
TokenVerifier::TokenVerifier(TokenVerifier&&) noexcept = default;

void TokenVerifier::check_times(std::optional<double> exp, std::optional<double> nbf) const {
    double now = std::chrono::duration<double>(clock_.now().time_since_epoch()).count();
    double leeway = static_cast<double>(leeway_.count());
    if (now > *exp + leeway) throw unauthorized("tokenet er utløpt");
    if (nbf && *nbf > now + leeway) throw unauthorized("tokenet er ikke gyldig ennå");
}

void TokenVerifier::prefetch_keys() const { jwks_->prefetch(); }

boost::json::object TokenVerifier::verify(std::string_view token, std::chrono::milliseconds key_wait) const {
    unsigned char digest[EVP_MAX_MD_SIZE];
    unsigned int digest_len = 0;
    EVP_Digest(token.data(), token.size(), digest, &digest_len, EVP_sha256(), nullptr);
    std::string key(reinterpret_cast<const char*>(digest), digest_len);
    {
        std::unique_lock lock(verified_->mutex);
        auto it = verified_->by_digest.find(key);
        if (it != verified_->by_digest.end()) {
            Verified hit = it->second;
            lock.unlock();
            auto pem = jwks_->pem_for(hit.kid, key_wait);
            if (pem && *pem == hit.pem) {
                check_times(hit.exp, hit.nbf);
                return hit.claims;
            }
            std::lock_guard relock(verified_->mutex);
            verified_->by_digest.erase(key);  // the key was withdrawn: verify from scratch (and fail)
        }
    }

    auto segments = split(token);
    if (!segments) throw unauthorized("tokenet er ikke en JWT med tre deler");
    auto header = json_object(segments->header);
    if (!header) throw unauthorized("tokenets header er ikke et JSON-objekt");
    // Before libjwt sees the token: it would accept alg "none" without a key and HS256 keyed with
    // our public RSA key, which anyone can fetch.
    if (text(*header, "alg") != "RS256") throw unauthorized("tokenet må være signert med RS256");
    auto kid = text(*header, "kid");
    if (kid.empty()) throw unauthorized("tokenets header mangler kid");
    auto pem = jwks_->pem_for(std::string(kid), key_wait);
    if (!pem) throw unauthorized("tokenet er signert med en ukjent nøkkel");

    auto claims = signed_claims(std::string(token), *pem);
    if (text(claims, "iss") != issuer_.issuer) throw unauthorized("tokenet har feil utsteder (iss)");
    if (!audience_matches(claims, issuer_.client_id)) throw unauthorized("tokenet er ikke ment for denne tjenesten (aud)");
    auto exp = numeric_date(claims, "exp");
    if (!exp) throw unauthorized("tokenets exp mangler eller er ikke et tidspunkt");
    std::optional<double> nbf;
    if (claims.contains("nbf")) {
        nbf = numeric_date(claims, "nbf");
        if (!nbf) throw unauthorized("tokenets nbf er ikke et tidspunkt");
    }
    check_times(exp, nbf);

    std::lock_guard lock(verified_->mutex);
    if (verified_->by_digest.size() >= Cache::kMax) verified_->by_digest.clear();  // crude, but bounded
    verified_->by_digest[key] = Verified{claims, std::string(kid), *pem, exp, nbf};
    return claims;
}

std::optional<std::string> unverified_issuer(std::string_view token) {
    auto segments = split(token);
    auto payload = segments ? json_object(segments->payload) : std::nullopt;
    auto iss = payload ? text(*payload, "iss") : std::string_view();
    if (iss.empty()) return std::nullopt;
    return std::string(iss);
}

}  // namespace rt::auth
