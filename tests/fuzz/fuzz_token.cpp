// Bearer token parsing (infra/auth): splitting, base64url, the header and claims JSON, libjwt's
// signature check and our claim rules, with one test issuer whose key is published in a JWKS
// file. Any input must come back as claims or as a 401 Problem: any other exception (a 500), a
// crash or a sanitizer finding is a bug.
//
// A fuzzer cannot forge RS256, so an input whose third segment is the literal `SIGN` is signed
// first, over its exact header and payload bytes, with the issuer's key: the claims of a token
// whose signature holds are fuzzed too (corpus/fuzz_token holds such seeds). The same bytes are
// also read as a JWKS document.
#include <openssl/evp.h>
#include <openssl/pem.h>

#include <chrono>
#include <cstdint>
#include <stdexcept>
#include <string>
#include <string_view>

#include "core/errors.hpp"
#include "fuzz/fuzz_check.hpp"
#include "infra/auth/base64url.hpp"
#include "infra/auth/jwks.hpp"
#include "infra/auth/openssl_handles.hpp"
#include "infra/auth/token_verifier.hpp"
#include "infra/log.hpp"
#include "support/token_factory.hpp"

using rt::fuzz::require;

namespace {

// A fixed time, so that the seeds' exp and nbf mean the same in every run.
const rt::Instant kNow{std::chrono::seconds(1748779200)};  // 2025-06-01T12:00:00Z

struct Issuer {
    rt::FixedClock clock{kNow};
    rt::test::TokenFactory factory{"https://issuer.fuzz", "rekrutteringstreff", clock};
    rt::auth::TokenVerifier verifier{factory.issuer(), clock};
    rt::auth::Pkey key;

    Issuer() {
        rt::auth::Bio bio(BIO_new_mem_buf(factory.key().private_pem.data(), static_cast<int>(factory.key().private_pem.size())));
        key.reset(PEM_read_bio_PrivateKey(bio.get(), nullptr, nullptr, nullptr));
        if (!key) throw std::runtime_error("cannot read the test key");
        // The first lookup fetches the JWKS file; afterwards every lookup is answered from memory.
        verifier.verify(factory.sign(factory.base_claims()));
    }

    std::string rs256(std::string_view signing_input) const {
        std::unique_ptr<EVP_MD_CTX, rt::auth::FreeWith<EVP_MD_CTX_free>> ctx(EVP_MD_CTX_new());
        std::size_t len = 0;
        const auto* in = reinterpret_cast<const unsigned char*>(signing_input.data());
        if (!ctx || EVP_DigestSignInit(ctx.get(), nullptr, EVP_sha256(), nullptr, key.get()) != 1 ||
            EVP_DigestSign(ctx.get(), nullptr, &len, in, signing_input.size()) != 1)
            throw std::runtime_error("cannot sign");
        std::string sig(len, '\0');
        if (EVP_DigestSign(ctx.get(), reinterpret_cast<unsigned char*>(sig.data()), &len, in, signing_input.size()) != 1)
            throw std::runtime_error("cannot sign");
        sig.resize(len);
        return rt::auth::base64url_encode(sig);
    }
};

Issuer& issuer() {
    static Issuer i;
    return i;
}

void verify(std::string_view token) {
    try {
        auto claims = issuer().verifier.verify(token);
        // What passed holds what verify promises.
        require(claims.contains("exp"), "verified claims have exp");
        const auto* iss = claims.if_contains("iss");
        require(iss && iss->is_string() && iss->get_string() == "https://issuer.fuzz", "verified claims have our iss");
    } catch (const rt::Problem& p) {
        require(p.status == 401, "a token is refused with 401");
    }
}

}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
    // parse_jwks warns for every key it skips: at thousands of inputs a second that is noise.
    rt::log::set_level(rt::log::Level::error);
    issuer();
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    std::string_view text(reinterpret_cast<const char*>(data), size);

    constexpr std::string_view kSign = ".SIGN";
    if (text.size() > kSign.size() && text.substr(text.size() - kSign.size()) == kSign) {
        auto signing_input = text.substr(0, text.size() - kSign.size());
        verify(std::string(signing_input) + "." + issuer().rs256(signing_input));
    } else {
        verify(text);
    }
    (void)rt::auth::unverified_issuer(text);

    if (auto bytes = rt::auth::base64url_decode(text)) {
        require(rt::auth::base64url_decode(rt::auth::base64url_encode(*bytes)) == bytes, "decode(encode(b)) == b");
    }
    require(rt::auth::base64url_decode(rt::auth::base64url_encode(text)) == std::string(text), "decode(encode(b)) == b");

    try {
        for (const auto& [kid, pem] : rt::auth::parse_jwks(text)) require(!kid.empty() && !pem.empty(), "a JWK has a kid and a key");
    } catch (const std::runtime_error&) {
        // Not a JWKS (or an unusable key in it): what parse_jwks promises.
    }
    return 0;
}
