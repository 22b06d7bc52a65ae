#include <atomic>
#include <catch2/catch.hpp>
#include <fmt/format.h>
#include <mutex>
#include <thread>

#include "core/errors.hpp"
#include "infra/auth/authenticator.hpp"
#include "infra/auth/base64url.hpp"
#include "infra/auth/jwks.hpp"
#include "infra/auth/token_verifier.hpp"
#include "infra/http/router.hpp"
#include "infra/http/server.hpp"
#include "infra/log.hpp"
#include "infra/metrics.hpp"
#include "support/token_factory.hpp"

using namespace std::chrono_literals;
using rt::auth::Principal;
using rt::auth::Role;
using rt::test::Flaw;

namespace {

const rt::Instant kNow{std::chrono::seconds(1'750'000'000)};
const std::string kFnr = "12345678910";

// An Azure AD and a TokenX stand-in, each with its own key and JWKS file.
struct Issuers {
    rt::FixedClock clock{kNow};
    rt::test::TokenFactory azure{"https://login.test/tenant/v2.0", "dev-gcp.toi.rekrutteringstreff", clock};
    rt::test::TokenFactory tokenx{"https://tokenx.test", "dev-gcp:toi:rekrutteringstreff", clock};

    rt::Config config(bool with_groups = true) const {
        rt::Config c;
        c.azure = azure.issuer();
        c.tokenx = tokenx.issuer();
        if (with_groups) {
            c.group_arbeidsgiverrettet = "gruppe-arbeidsgiverrettet";
            c.group_jobbsokerrettet = "gruppe-jobbsokerrettet";
            c.group_utvikler = "gruppe-utvikler";
        }
        return c;
    }
};

rt::http::Request with_authorization(std::optional<std::string> value) {
    rt::http::Request r;
    r.method = "GET";
    r.path = "/api/rekrutteringstreff";
    if (value) r.headers["authorization"] = *value;
    return r;
}

rt::http::Request bearer(const std::string& token) { return with_authorization("Bearer " + token); }

// The Problem the call throws; fails the test if it throws nothing or something else.
template <class F>
rt::Problem problem_from(F&& call) {
    try {
        call();
    } catch (const rt::Problem& p) {
        return p;
    }
    FAIL("expected an rt::Problem");
    return {0, "", ""};
}

}  // namespace

TEST_CASE("auth: a counsellor token gives the NAVident and the roles of its configured groups", "[auth]") {
    Issuers issuers;
    rt::auth::Authenticator auth(issuers.config(), issuers.clock);
    auto token = issuers.azure.counsellor("Z990001", {"gruppe-arbeidsgiverrettet", "gruppe-utvikler", "en-annen-gruppe"});
    auto p = auth.authenticate(bearer(token));
    REQUIRE(p.kind == Principal::Kind::Veileder);
    REQUIRE(p.nav_ident == "Z990001");
    REQUIRE(p.fnr.empty());
    REQUIRE(p.roles == std::set<Role>{Role::ArbeidsgiverRettet, Role::Utvikler});
    REQUIRE(p.has(Role::Utvikler));
    REQUIRE_FALSE(p.has(Role::JobbsokerRettet));
    REQUIRE(p.has_any({Role::JobbsokerRettet, Role::ArbeidsgiverRettet}));
    REQUIRE_FALSE(p.has_any({Role::JobbsokerRettet, Role::Borger}));

    // The scheme is case-insensitive.
    REQUIRE(auth.authenticate(with_authorization("bearer " + token)).nav_ident == "Z990001");
}

TEST_CASE("auth: a citizen token gives Borger and the fnr", "[auth]") {
    Issuers issuers;
    rt::auth::Authenticator auth(issuers.config(), issuers.clock);
    auto p = auth.authenticate(bearer(issuers.tokenx.citizen(kFnr)));
    REQUIRE(p.kind == Principal::Kind::Borger);
    REQUIRE(p.fnr == kFnr);
    REQUIRE(p.nav_ident.empty());
    REQUIRE(p.roles == std::set<Role>{Role::Borger});
}

TEST_CASE("auth: every flawed token is refused with 401", "[auth]") {
    Issuers issuers;
    rt::auth::Authenticator auth(issuers.config(), issuers.clock);
    for (auto flaw : rt::test::all_flaws()) {
        INFO(rt::test::flaw_name(flaw));
        auto counsellor = issuers.azure.flawed(flaw, issuers.azure.counsellor_claims("Z990001", {"gruppe-utvikler"}));
        auto citizen = issuers.tokenx.flawed(flaw, issuers.tokenx.citizen_claims(kFnr));
        auto a = problem_from([&] { auth.authenticate(bearer(counsellor)); });
        auto b = problem_from([&] { auth.authenticate(bearer(citizen)); });
        REQUIRE(a.status == 401);
        REQUIRE(b.status == 401);
        REQUIRE(a.title == "Ikke autentisert");
    }
}

TEST_CASE("auth: each flaw is refused for its own reason", "[auth]") {
    Issuers issuers;
    rt::auth::TokenVerifier verifier(issuers.azure.issuer(), issuers.clock);
    auto claims = issuers.azure.counsellor_claims("Z990001");
    auto reason = [&](Flaw flaw) {
        return std::string(problem_from([&] { verifier.verify(issuers.azure.flawed(flaw, claims)); }).what());
    };
    REQUIRE(reason(Flaw::Expired) == "tokenet er utløpt");
    REQUIRE(reason(Flaw::NotYetValid) == "tokenet er ikke gyldig ennå");
    REQUIRE(reason(Flaw::WrongIssuer) == "tokenet har feil utsteder (iss)");
    REQUIRE(reason(Flaw::WrongAudience) == "tokenet er ikke ment for denne tjenesten (aud)");
    REQUIRE(reason(Flaw::ForeignKey) == "tokenets signatur er ugyldig");
    REQUIRE(reason(Flaw::UnknownKid) == "tokenet er signert med en ukjent nøkkel");
    // Both stopped by our own header check, before libjwt (which would take the HS256 one).
    REQUIRE(reason(Flaw::AlgNone) == "tokenet må være signert med RS256");
    REQUIRE(reason(Flaw::Hs256WithPublicKey) == "tokenet må være signert med RS256");
    // The good one passes and comes back with its claims.
    REQUIRE(verifier.verify(issuers.azure.sign(claims)).at("NAVident") == "Z990001");
}

TEST_CASE("auth: a missing, non-Bearer or garbage Authorization header is 401", "[auth]") {
    Issuers issuers;
    rt::auth::Authenticator auth(issuers.config(), issuers.clock);
    auto good = issuers.azure.counsellor("Z990001");
    for (std::optional<std::string> header : std::vector<std::optional<std::string>>{
             std::nullopt, "", "Basic dXNlcjpwYXNzd29yZA==", "Bearer", "Bearer ", "Bearer  " + good, "Token " + good,
             good, "Bearer garbage", "Bearer a.b.c", "Bearer ...", "Bearer " + good + ".x", "Bearer " + good + " extra",
             "Bearer e30.e30.", "Bearer !!!.???.***"}) {
        INFO(header.value_or("(no header)"));
        REQUIRE(problem_from([&] { auth.authenticate(with_authorization(header)); }).status == 401);
    }
}

TEST_CASE("auth: a token from an issuer that is not configured is 401", "[auth]") {
    Issuers issuers;
    rt::auth::Authenticator auth(issuers.config(), issuers.clock);
    // Correctly signed by its own key, which nobody told us to trust.
    rt::test::TokenFactory stranger("https://idp.example", issuers.azure.issuer().client_id, issuers.clock);
    auto p = problem_from([&] { auth.authenticate(bearer(stranger.counsellor("Z990001"))); });
    REQUIRE(p.status == 401);
    REQUIRE(std::string(p.what()) == "tokenet er ikke utstedt av en kjent utsteder");
    // No iss at all.
    auto claims = issuers.azure.counsellor_claims("Z990001");
    claims.erase("iss");
    REQUIRE(problem_from([&] { auth.authenticate(bearer(issuers.azure.sign(claims))); }).status == 401);
}

TEST_CASE("auth: an Azure token is refused where only TokenX is configured", "[auth]") {
    Issuers issuers;
    auto config = issuers.config();
    config.azure.reset();
    rt::auth::Authenticator auth(config, issuers.clock);
    REQUIRE(problem_from([&] { auth.authenticate(bearer(issuers.azure.counsellor("Z990001"))); }).status == 401);
    REQUIRE(auth.authenticate(bearer(issuers.tokenx.citizen(kFnr))).fnr == kFnr);
}

TEST_CASE("auth: a TokenX token claiming Azure's issuer does not verify with Azure's keys", "[auth]") {
    Issuers issuers;
    rt::auth::Authenticator auth(issuers.config(), issuers.clock);
    auto claims = issuers.tokenx.counsellor_claims("Z990001", {"gruppe-utvikler"});
    claims["iss"] = issuers.azure.issuer().issuer;
    claims["aud"] = issuers.azure.issuer().client_id;
    auto p = problem_from([&] { auth.authenticate(bearer(issuers.tokenx.sign(claims))); });
    REQUIRE(p.status == 401);
}

TEST_CASE("auth: groups that are not configured map to no roles", "[auth]") {
    Issuers issuers;
    rt::auth::Authenticator auth(issuers.config(/*with_groups=*/false), issuers.clock);
    // "" would match an empty configured group id if that were allowed.
    auto p = auth.authenticate(bearer(issuers.azure.counsellor("Z990001", {"gruppe-utvikler", ""})));
    REQUIRE(p.kind == Principal::Kind::Veileder);
    REQUIRE(p.roles.empty());

    // No groups claim at all: still a counsellor, with no roles.
    auto claims = issuers.azure.counsellor_claims("Z990002");
    claims.erase("groups");
    rt::auth::Authenticator configured(issuers.config(), issuers.clock);
    auto q = configured.authenticate(bearer(issuers.azure.sign(claims)));
    REQUIRE(q.nav_ident == "Z990002");
    REQUIRE(q.roles.empty());
}

TEST_CASE("auth: a token without the identity claim is 401", "[auth]") {
    Issuers issuers;
    rt::auth::Authenticator auth(issuers.config(), issuers.clock);
    auto counsellor = issuers.azure.counsellor_claims("Z990001");
    counsellor.erase("NAVident");
    auto citizen = issuers.tokenx.citizen_claims(kFnr);
    citizen.erase("pid");
    auto a = problem_from([&] { auth.authenticate(bearer(issuers.azure.sign(counsellor))); });
    auto b = problem_from([&] { auth.authenticate(bearer(issuers.tokenx.sign(citizen))); });
    REQUIRE(a.status == 401);
    REQUIRE(std::string(a.what()) == "tokenet mangler claimet NAVident");
    REQUIRE(b.status == 401);
    REQUIRE(std::string(b.what()) == "tokenet mangler claimet pid");
}

TEST_CASE("auth: exp and nbf are allowed the leeway and no more", "[auth]") {
    Issuers issuers;
    rt::auth::TokenVerifier verifier(issuers.azure.issuer(), issuers.clock, 60s);
    auto with = [&](const char* name, std::chrono::seconds offset) {
        auto claims = issuers.azure.counsellor_claims("Z990001");
        claims[name] = issuers.azure.epoch(offset);
        return issuers.azure.sign(claims);
    };
    REQUIRE_NOTHROW(verifier.verify(with("exp", -30s)));
    REQUIRE_NOTHROW(verifier.verify(with("exp", -60s)));
    REQUIRE(problem_from([&] { verifier.verify(with("exp", -61s)); }).status == 401);
    REQUIRE(problem_from([&] { verifier.verify(with("exp", -120s)); }).status == 401);
    REQUIRE_NOTHROW(verifier.verify(with("nbf", 30s)));
    REQUIRE(problem_from([&] { verifier.verify(with("nbf", 120s)); }).status == 401);

    // The same token, accepted until the clock passes exp + leeway.
    auto token = with("exp", 0s);
    issuers.clock.advance(59s);
    REQUIRE_NOTHROW(verifier.verify(token));
    issuers.clock.advance(2s);
    REQUIRE(problem_from([&] { verifier.verify(token); }).status == 401);

    // Without leeway, one second late is too late.
    rt::auth::TokenVerifier strict(issuers.azure.issuer(), issuers.clock, 0s);
    REQUIRE(problem_from([&] { strict.verify(with("exp", -1s)); }).status == 401);
}

TEST_CASE("auth: exp is required, nbf is optional, and both must be numbers", "[auth]") {
    Issuers issuers;
    rt::auth::TokenVerifier verifier(issuers.azure.issuer(), issuers.clock);
    auto claims = issuers.azure.counsellor_claims("Z990001");
    auto without_nbf = claims;
    without_nbf.erase("nbf");
    REQUIRE_NOTHROW(verifier.verify(issuers.azure.sign(without_nbf)));
    auto without_exp = claims;
    without_exp.erase("exp");
    REQUIRE(std::string(problem_from([&] { verifier.verify(issuers.azure.sign(without_exp)); }).what()) ==
            "tokenets exp mangler eller er ikke et tidspunkt");
    auto text_exp = claims;
    text_exp["exp"] = std::to_string(issuers.azure.epoch(1h));
    REQUIRE(problem_from([&] { verifier.verify(issuers.azure.sign(text_exp)); }).status == 401);
    auto text_nbf = claims;
    text_nbf["nbf"] = "nå";
    REQUIRE(problem_from([&] { verifier.verify(issuers.azure.sign(text_nbf)); }).status == 401);
    auto fractional = claims;
    fractional["exp"] = static_cast<double>(issuers.azure.epoch(1h)) + 0.5;
    REQUIRE_NOTHROW(verifier.verify(issuers.azure.sign(fractional)));
}

TEST_CASE("auth: aud may be a list that contains the client id", "[auth]") {
    Issuers issuers;
    rt::auth::TokenVerifier verifier(issuers.azure.issuer(), issuers.clock);
    auto claims = issuers.azure.counsellor_claims("Z990001");
    claims["aud"] = boost::json::array{"en-annen-app", issuers.azure.issuer().client_id};
    REQUIRE_NOTHROW(verifier.verify(issuers.azure.sign(claims)));
    claims["aud"] = boost::json::array{"en-annen-app", "en-tredje-app"};
    REQUIRE(problem_from([&] { verifier.verify(issuers.azure.sign(claims)); }).status == 401);
    claims["aud"] = boost::json::array{};
    REQUIRE(problem_from([&] { verifier.verify(issuers.azure.sign(claims)); }).status == 401);
    claims.erase("aud");
    REQUIRE(problem_from([&] { verifier.verify(issuers.azure.sign(claims)); }).status == 401);
}

TEST_CASE("auth: a rotated key is fetched on its first unknown kid, at most once per 10 s", "[auth]") {
    Issuers issuers;
    rt::auth::Authenticator auth(issuers.config(), issuers.clock);
    auto old_token = issuers.azure.counsellor("Z990001");
    REQUIRE(auth.authenticate(bearer(old_token)).nav_ident == "Z990001");  // first fetch

    issuers.azure.rotate("nokkel-2");
    auto new_token = issuers.azure.counsellor("Z990002");
    REQUIRE(issuers.azure.key().kid == "nokkel-2");
    // Just fetched: the file is not read again yet.
    REQUIRE(problem_from([&] { auth.authenticate(bearer(new_token)); }).status == 401);
    issuers.clock.advance(10s);
    REQUIRE(auth.authenticate(bearer(new_token)).nav_ident == "Z990002");
    // The withdrawn key no longer verifies anything.
    auto old_again = problem_from([&] { auth.authenticate(bearer(old_token)); });
    REQUIRE(std::string(old_again.what()) == "tokenet er signert med en ukjent nøkkel");

    // Rotation that keeps publishing the previous key: both verify.
    issuers.azure.rotate("nokkel-3", /*keep_previous=*/true);
    issuers.clock.advance(11s);
    REQUIRE(auth.authenticate(bearer(issuers.azure.counsellor("Z990003"))).nav_ident == "Z990003");
    REQUIRE(auth.authenticate(bearer(new_token)).nav_ident == "Z990002");
}

TEST_CASE("auth: the 401 detail never contains the fnr or the token", "[auth]") {
    Issuers issuers;
    rt::auth::Authenticator auth(issuers.config(), issuers.clock);
    std::vector<std::string> tokens;
    for (auto flaw : rt::test::all_flaws()) tokens.push_back(issuers.tokenx.flawed(flaw, issuers.tokenx.citizen_claims(kFnr)));
    auto no_exp = issuers.tokenx.citizen_claims(kFnr);
    no_exp.erase("exp");
    tokens.push_back(issuers.tokenx.sign(no_exp));
    auto fnr_as_nbf = issuers.tokenx.citizen_claims(kFnr);
    fnr_as_nbf["nbf"] = kFnr;
    tokens.push_back(issuers.tokenx.sign(fnr_as_nbf));
    auto fnr_as_aud = issuers.tokenx.citizen_claims(kFnr);
    fnr_as_aud["aud"] = kFnr;
    tokens.push_back(issuers.tokenx.sign(fnr_as_aud));
    auto fnr_as_iss = issuers.tokenx.citizen_claims(kFnr);
    fnr_as_iss["iss"] = kFnr;
    tokens.push_back(issuers.tokenx.sign(fnr_as_iss));
    tokens.push_back(kFnr);
    tokens.push_back(kFnr + ".x.y");

    for (const auto& token : tokens) {
        auto p = problem_from([&] { auth.authenticate(bearer(token)); });
        INFO(p.what());
        REQUIRE(p.status == 401);
        REQUIRE(std::string(p.what()).find(kFnr) == std::string::npos);
        REQUIRE(std::string(p.what()).find(token) == std::string::npos);
        REQUIRE(p.title.find(kFnr) == std::string::npos);
    }
}

TEST_CASE("auth: JWKS over http://, refetched at most once per interval whatever the kids", "[auth]") {
    rt::FixedClock clock{kNow};
    rt::test::TokenFactory factory("https://login.test/http", "app", clock);
    std::atomic<int> fetches{0};
    rt::http::Router router;
    router.add("GET", "/jwks", [&](rt::http::Request&) {
        ++fetches;
        return rt::http::text(200, factory.jwks_json(), "application/json");
    });
    rt::Metrics metrics;
    rt::http::Server server(router, metrics, rt::http::ServerOptions{"127.0.0.1", 0, 2});
    server.start();
    auto issuer = factory.issuer();
    issuer.jwks_uri = fmt::format("http://127.0.0.1:{}/jwks", server.port());
    rt::auth::TokenVerifier verifier(issuer, clock);

    REQUIRE(fetches == 0);  // nothing fetched before the first token
    REQUIRE(verifier.verify(factory.counsellor("Z990001")).at("NAVident") == "Z990001");
    REQUIRE(fetches == 1);

    // Several threads, good tokens and made-up kids mixed: one set of keys, no fetch storm.
    auto good = factory.counsellor("Z990001");
    std::atomic<int> accepted{0}, refused{0};
    std::vector<std::thread> threads;
    for (int t = 0; t < 4; ++t)
        threads.emplace_back([&, t] {
            for (int i = 0; i < 10; ++i) {
                auto bad = rt::test::TokenFactory::sign_with(factory.key(), fmt::format("ukjent-{}-{}", t, i),
                                                             factory.counsellor_claims("Z990001"));
                try {
                    verifier.verify(good);
                    ++accepted;
                } catch (const rt::Problem&) {
                }
                try {
                    verifier.verify(bad);
                } catch (const rt::Problem& p) {
                    if (p.status == 401) ++refused;
                }
            }
        });
    for (auto& t : threads) t.join();
    REQUIRE(accepted == 40);
    REQUIRE(refused == 40);
    REQUIRE(fetches == 1);

    clock.advance(10s);
    factory.rotate("nokkel-2");
    REQUIRE(verifier.verify(factory.counsellor("Z990002")).at("NAVident") == "Z990002");
    REQUIRE(fetches == 2);
    server.stop(1s);
}

TEST_CASE("auth: an unreachable JWKS is logged as a warning and the token refused", "[auth]") {
    rt::FixedClock clock{kNow};
    rt::test::TokenFactory factory("https://login.test/down", "app", clock);
    auto issuer = factory.issuer();
    issuer.jwks_uri = "file:///finnes/ikke/jwks.json";
    rt::auth::TokenVerifier verifier(issuer, clock);
    std::mutex m;
    std::vector<std::string> lines;
    rt::log::set_sink([&](std::string_view line) {
        std::lock_guard lock(m);
        lines.emplace_back(line);
    });
    auto p = problem_from([&] { verifier.verify(factory.counsellor("Z990001")); });
    rt::log::set_sink({});
    REQUIRE(p.status == 401);
    REQUIRE(lines.size() == 1);
    REQUIRE_THAT(lines[0], Catch::Contains("\"level\":\"WARN\"") && Catch::Contains("/finnes/ikke/jwks.json"));
}

TEST_CASE("auth: parse_jwks keeps RSA signing keys with kid, n and e, and nothing else", "[auth]") {
    auto key = rt::test::generate_key("k");
    auto jwk = [&](boost::json::object o) {
        o.emplace("n", key.n);
        o.emplace("e", key.e);
        return o;
    };
    boost::json::object doc{{"keys", boost::json::array{
        jwk({{"kty", "RSA"}, {"kid", "god"}}),
        jwk({{"kty", "RSA"}, {"kid", "signering"}, {"use", "sig"}}),
        jwk({{"kty", "RSA"}, {"kid", "kryptering"}, {"use", "enc"}}),
        jwk({{"kty", "EC"}, {"kid", "ec"}}),
        jwk({{"kty", "RSA"}}),
        {{"kty", "RSA"}, {"kid", "uten-n"}, {"e", key.e}},
        {{"kty", "RSA"}, {"kid", "uten-e"}, {"n", key.n}},
        {{"kty", "RSA"}, {"kid", "ugyldig-n"}, {"n", "!!!"}, {"e", key.e}},
        "ikke et objekt"}}};
    rt::log::set_sink([](std::string_view) {});
    auto pems = rt::auth::parse_jwks(boost::json::serialize(doc));
    rt::log::set_sink({});
    REQUIRE(pems.size() == 2);
    // The PEM made from n and e is the key OpenSSL wrote for the pair.
    REQUIRE(pems.at("god") == key.public_pem);
    REQUIRE(pems.at("signering") == key.public_pem);
    REQUIRE_THROWS_AS(rt::auth::parse_jwks("[]"), std::runtime_error);
    REQUIRE_THROWS_AS(rt::auth::parse_jwks("{\"keys\":{}}"), std::runtime_error);
    REQUIRE(rt::auth::parse_jwks("{\"keys\":[]}").empty());
}

TEST_CASE("auth: base64url round-trips and refuses padding and foreign characters", "[auth]") {
    using rt::auth::base64url_decode;
    using rt::auth::base64url_encode;
    REQUIRE(base64url_encode("") == "");
    REQUIRE(base64url_encode("f") == "Zg");
    REQUIRE(base64url_encode("fo") == "Zm8");
    REQUIRE(base64url_encode("foo") == "Zm9v");
    REQUIRE(base64url_encode("\xfb\xff") == "-_8");
    std::string all;
    for (int i = 0; i < 256; ++i) all += static_cast<char>(i);
    REQUIRE(base64url_decode(base64url_encode(all)) == all);
    REQUIRE(base64url_decode("Zm8=") == std::nullopt);
    REQUIRE(base64url_decode("+/8") == std::nullopt);
    REQUIRE(base64url_decode("Zm9vY") == std::nullopt);
}

TEST_CASE("auth: unverified_issuer reads iss without checking anything else", "[auth]") {
    rt::FixedClock clock{kNow};
    rt::test::TokenFactory factory("https://login.test/iss", "app", clock);
    REQUIRE(rt::auth::unverified_issuer(factory.counsellor("Z990001")) == "https://login.test/iss");
    REQUIRE(rt::auth::unverified_issuer(factory.flawed(Flaw::AlgNone, factory.base_claims())) == "https://login.test/iss");
    REQUIRE(rt::auth::unverified_issuer("garbage") == std::nullopt);
    REQUIRE(rt::auth::unverified_issuer("a.b.c") == std::nullopt);
    auto claims = factory.base_claims();
    claims["iss"] = 42;
    REQUIRE(rt::auth::unverified_issuer(factory.sign(claims)) == std::nullopt);
}

TEST_CASE("auth: a withdrawn key stops working within ten minutes, even for a token already verified", "[auth]") {
    Issuers issuers;
    rt::auth::TokenVerifier verifier(issuers.azure.issuer(), issuers.clock);
    auto token = issuers.azure.counsellor("Z990001");
    REQUIRE(verifier.verify(token).at("NAVident").as_string() == "Z990001");
    issuers.azure.rotate("nokkel-2", false);  // the old key is no longer published
    issuers.clock.advance(5min);
    REQUIRE(verifier.verify(token).at("NAVident").as_string() == "Z990001");  // the key set is still fresh
    issuers.clock.advance(6min);
    REQUIRE(problem_from([&] { verifier.verify(token); }).status == 401);
    REQUIRE(verifier.verify(issuers.azure.counsellor("Z990002")).at("NAVident").as_string() == "Z990002");
}

TEST_CASE("auth: keys are fetched off the caller's thread, with no wait an unknown kid is WouldBlock, a short wait gets it",
          "[auth]") {
    rt::FixedClock clock{kNow};
    rt::test::TokenFactory factory("https://login.test/treg", "app", clock);
    std::atomic<int> fetches{0};
    rt::http::Router router;
    // An issuer that takes 300 ms to answer.
    router.add_public("GET", "/jwks", [&](rt::http::Request&) {
        ++fetches;
        std::this_thread::sleep_for(std::chrono::milliseconds(300));
        return rt::http::text(200, factory.jwks_json(), "application/json");
    });
    rt::Metrics metrics;
    rt::http::Server server(router, metrics, rt::http::ServerOptions{"127.0.0.1", 0, 2});
    server.start();
    auto issuer = factory.issuer();
    issuer.jwks_uri = fmt::format("http://127.0.0.1:{}/jwks", server.port());
    rt::auth::TokenVerifier verifier(issuer, clock);
    auto token = factory.counsellor("Z990001");

    // An I/O thread never waits: it is told to hand the check to a thread that may.
    auto started = std::chrono::steady_clock::now();
    REQUIRE_THROWS_AS(verifier.verify(token, std::chrono::milliseconds(0)), rt::WouldBlock);
    REQUIRE(std::chrono::steady_clock::now() - started < std::chrono::milliseconds(100));
    // A worker waits a bounded time for the fetch under way (no second fetch).
    REQUIRE(verifier.verify(token, std::chrono::seconds(2)).at("NAVident") == "Z990001");
    REQUIRE(fetches == 1);
    // Known keys answer at once, also with no wait.
    REQUIRE(verifier.verify(factory.counsellor("Z990002"), std::chrono::milliseconds(0)).at("NAVident") == "Z990002");

    // Stale keys: the last good key is used at once with no wait while the refetch runs behind.
    clock.advance(std::chrono::minutes(11));
    started = std::chrono::steady_clock::now();
    REQUIRE(verifier.verify(factory.counsellor("Z990003"), std::chrono::milliseconds(0)).at("NAVident") == "Z990003");
    REQUIRE(std::chrono::steady_clock::now() - started < std::chrono::milliseconds(100));
    for (int i = 0; i < 100 && fetches < 2; ++i) std::this_thread::sleep_for(std::chrono::milliseconds(20));
    REQUIRE(fetches == 2);  // the refetch ran behind
    std::this_thread::sleep_for(std::chrono::milliseconds(400));  // and ended
    // The issuer down: the last good keys stay in use.
    server.stop(std::chrono::seconds(1));
    clock.advance(std::chrono::minutes(11));
    REQUIRE(verifier.verify(factory.counsellor("Z990004"), std::chrono::seconds(2)).at("NAVident") == "Z990004");
    REQUIRE(fetches == 2);
}
