#include "infra/auth/jwks.hpp"

#include <openssl/bio.h>
#include <openssl/bn.h>
#include <openssl/core_names.h>
#include <openssl/evp.h>
#include <openssl/param_build.h>
#include <openssl/pem.h>

#include <boost/json/parse.hpp>
#include <fstream>
#include <memory>
#include <sstream>
#include <stdexcept>

#include "core/errors.hpp"
#include "infra/auth/base64url.hpp"
#include "infra/auth/openssl_handles.hpp"
#include "infra/http/client.hpp"
#include "infra/log.hpp"

namespace rt::auth {
namespace {

Bignum big_endian_number(std::string_view base64url, const char* what) {
    auto bytes = base64url_decode(base64url);
    if (!bytes || bytes->empty()) throw std::runtime_error(std::string("JWK has an invalid ") + what);
    Bignum n(BN_bin2bn(reinterpret_cast<const unsigned char*>(bytes->data()), static_cast<int>(bytes->size()), nullptr));
    if (!n) throw std::runtime_error("BN_bin2bn failed");
    return n;
}

std::string read_file(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw std::runtime_error("cannot open " + path);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

std::string load(const std::string& uri) {
    if (uri.starts_with("file://")) return read_file(uri.substr(7));
    auto response = http::fetch("GET", uri);
    if (response.status != 200) throw std::runtime_error("JWKS answered HTTP " + std::to_string(response.status));
    return std::move(response.body);
}

}  // namespace

std::string rsa_public_pem(std::string_view n_base64url, std::string_view e_base64url) {
    auto n = big_endian_number(n_base64url, "n");
    auto e = big_endian_number(e_base64url, "e");
    ParamBuilder builder(OSSL_PARAM_BLD_new());
    if (!builder || !OSSL_PARAM_BLD_push_BN(builder.get(), OSSL_PKEY_PARAM_RSA_N, n.get()) ||
        !OSSL_PARAM_BLD_push_BN(builder.get(), OSSL_PKEY_PARAM_RSA_E, e.get()))
        throw std::runtime_error("cannot build RSA parameters");
    Params params(OSSL_PARAM_BLD_to_param(builder.get()));
    PkeyContext ctx(EVP_PKEY_CTX_new_from_name(nullptr, "RSA", nullptr));
    EVP_PKEY* raw = nullptr;
    if (!params || !ctx || EVP_PKEY_fromdata_init(ctx.get()) <= 0 ||
        EVP_PKEY_fromdata(ctx.get(), &raw, EVP_PKEY_PUBLIC_KEY, params.get()) <= 0)
        throw std::runtime_error("cannot make an RSA key from the JWK");
    Pkey key(raw);
    Bio bio(BIO_new(BIO_s_mem()));
    if (!bio || PEM_write_bio_PUBKEY(bio.get(), key.get()) != 1) throw std::runtime_error("cannot write the PEM key");
    char* data = nullptr;
    long size = BIO_get_mem_data(bio.get(), &data);
    return std::string(data, static_cast<std::size_t>(size));
}

std::map<std::string, std::string, std::less<>> parse_jwks(std::string_view json) {
    boost::system::error_code ec;
    auto doc = boost::json::parse(json, ec);
    const auto* keys = ec || !doc.is_object() ? nullptr : doc.as_object().if_contains("keys");
    if (!keys || !keys->is_array()) throw std::runtime_error("not a JWKS document");
    std::map<std::string, std::string, std::less<>> pems;
    for (const auto& key : keys->as_array()) {
        const auto* jwk = key.if_object();
        if (!jwk) continue;
        auto text = [jwk](std::string_view name) -> std::string_view {
            const auto* v = jwk->if_contains(name);
            return v && v->is_string() ? std::string_view(v->get_string()) : std::string_view();
        };
        if (text("kty") != "RSA" || text("kid").empty() || text("n").empty() || text("e").empty()) continue;
        if (jwk->contains("use") && text("use") != "sig") continue;
        try {
            pems.emplace(text("kid"), rsa_public_pem(text("n"), text("e")));
        } catch (const std::exception& e) {
            log::warn("auth.jwks", "hopper over en nøkkel som ikke kan leses", {{"kid", text("kid")}, {"error", e.what()}});
        }
    }
    return pems;
}

Jwks::Jwks(std::string uri, const Clock& clock, std::chrono::seconds min_refresh_interval, std::chrono::seconds max_age)
    : uri_(std::move(uri)), clock_(clock), min_refresh_interval_(min_refresh_interval), max_age_(max_age) {
    thread_ = std::thread([this] { run(); });
}

Jwks::~Jwks() {
    {
        std::lock_guard lock(mutex_);
        stop_ = true;
    }
    wake_.notify_all();
    thread_.join();
}

void Jwks::run() {
    std::unique_lock lock(mutex_);
    while (true) {
        wake_.wait(lock, [this] { return stop_ || fetch_asked_; });
        if (stop_) return;
        fetch_asked_ = false;
        fetching_ = true;
        lock.unlock();
        std::optional<std::map<std::string, std::string, std::less<>>> fresh;
        try {
            fresh = parse_jwks(load(uri_));
        } catch (const std::exception& e) {
            log::warn("auth.jwks", "kunne ikke hente nøkler fra utstederen", {{"uri", uri_}, {"error", e.what()}});
        }
        lock.lock();
        // Replaced, not merged: a key the issuer withdrew must stop working. A failed fetch keeps
        // the last good keys.
        if (fresh) pems_ = std::move(*fresh);
        fetching_ = false;
        ++fetches_done_;
        fetched_.notify_all();
    }
}

void Jwks::request_fetch_locked() {
    // Counted as a fetch even if it fails, so an unreachable issuer is not asked again at once.
    last_fetch_ = clock_.now();
    if (fetching_ || fetch_asked_) return;
    fetch_asked_ = true;
    wake_.notify_all();
}

void Jwks::prefetch() {
    std::lock_guard lock(mutex_);
    if (!last_fetch_) request_fetch_locked();
}

std::optional<std::string> Jwks::pem_for(const std::string& kid, std::chrono::milliseconds wait) {
    auto lookup = [&]() -> std::optional<std::string> {
        auto it = pems_.find(kid);
        return it == pems_.end() ? std::nullopt : std::optional(it->second);
    };
    std::unique_lock lock(mutex_);
    auto known = lookup();
    auto now = clock_.now();
    bool stale = !last_fetch_ || now >= *last_fetch_ + max_age_;
    if (known && !stale) return known;
    bool may_ask = stale || now >= *last_fetch_ + min_refresh_interval_;
    if (may_ask) request_fetch_locked();
    if (!fetching_ && !fetch_asked_) return known;  // unknown, and asked for too recently
    if (wait.count() <= 0) {
        if (known) return known;  // the last good key, while the new set is fetched
        throw WouldBlock("the issuer's keys are being fetched");
    }
    auto done = fetches_done_ + (fetching_ && fetch_asked_ ? 2 : 1);
    if (!fetched_.wait_for(lock, wait, [&] { return fetches_done_ >= done; })) return known;
    return lookup();
}

}  // namespace rt::auth
