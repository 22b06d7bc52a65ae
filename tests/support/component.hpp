#pragma once
// The whole service in the test process, on a database of its own, called over real HTTP with
// tokens signed by test keys whose JWKS the configuration points at.
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "infra/http/client.hpp"
#include "service.hpp"
#include "support/test_db.hpp"
#include "support/token_factory.hpp"

namespace rt::test {

inline constexpr const char* kGruppeArbeidsgiver = "gruppe-arbeidsgiverrettet";
inline constexpr const char* kGruppeJobbsoker = "gruppe-jobbsokerrettet";
inline constexpr const char* kGruppeUtvikler = "gruppe-utvikler";

struct ComponentOptions {
    bool kafka = false;  // false: standalone on the embedded rapid
    std::string rapid_topic;
    std::function<void(Config&)> configure;
    // Runs after the modules are built and before the service starts (add capture rivers here).
    std::function<void(Service&)> before_start;
};

// "/api/rekrutteringstreff/<id><rest>"
std::string path(const std::string& treff_id, const std::string& rest = "");
// The invitation body: {"personTreffIder": [...]}
std::string ider(const std::vector<std::string>& person_treff_ider);

class Component {
public:
    explicit Component(ComponentOptions options = {});
    ~Component();

    std::shared_ptr<FixedClock> clock;
    TestDatabase db;
    TokenFactory azure;
    TokenFactory tokenx;
    std::unique_ptr<Service> service;

    // Tokens: a counsellor with the given groups, a citizen.
    std::string veileder(const std::string& ident, std::vector<std::string> grupper) const;
    std::string arbeidsgiverrettet(const std::string& ident = "Z990001") const;
    std::string jobbsokerrettet(const std::string& ident = "Z990002") const;
    std::string utvikler(const std::string& ident = "Z990003") const;
    std::string borger(const std::string& fnr) const;

    http::ClientResponse call(const std::string& method, const std::string& path, const std::string& token,
                              const std::string& body = "") const;
    // The parsed JSON body of a call that must answer `expected_status`.
    boost::json::value json(const std::string& method, const std::string& path, const std::string& token,
                            const std::string& body = "", int expected_status = 200) const;

    // A PUT body that makes a meeting publishable: it starts in `dager` days, lasts two hours,
    // the deadline is three days before, at Eksempelgate 1, 0123 Oslo.
    std::string felter(const std::string& tittel, int dager = 14) const;
    // A meeting ready for invitations: created by `eier`, filled in and published.
    std::string publisert_treff(const std::string& eier_token, const std::string& tittel = "Jobbtreff hos Bedrift AS") const;
    // Adds job seekers test_fnr(first..first+n-1); returns their personTreffIds in that order.
    std::vector<std::string> legg_til(const std::string& treff_id, int first, int n, const std::string& token) const;

    // The tables a request can change (meetings, their events, job seekers, their events, posts) as one
    // fingerprint: equal before and after = nothing changed.
    std::string snapshot() const;

    // Audit lines written so far.
    std::vector<std::string> audit_lines() const;

private:
    void kontroller_kort() const;

    mutable std::mutex audit_mutex_;
    std::shared_ptr<std::vector<std::string>> audit_;
};

}  // namespace rt::test
