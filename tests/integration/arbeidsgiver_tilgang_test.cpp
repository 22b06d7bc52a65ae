// Who may do what with employers ("Who may do what" in ../shared/spec/arbeidsgiver.md): every
// employer endpoint × every kind of caller, and the proof that a refused request changed nothing.
#include <catch2/catch.hpp>

#include "support/arbeidsgiver_stotte.hpp"
#include "support/component.hpp"
#include "core/ids.hpp"
#include "support/fnr.hpp"

using namespace rt;
using namespace rt::test;

namespace {

enum class Kaller { Eier, AnnenArbeidsgiverrettet, Jobbsokerrettet, Utvikler, UtenRoller, Borger, BorgerLagtTil, AnnenBorger, UtenToken };
constexpr Kaller kAlle[] = {Kaller::Eier,       Kaller::AnnenArbeidsgiverrettet, Kaller::Jobbsokerrettet,
                            Kaller::Utvikler,   Kaller::UtenRoller,              Kaller::Borger,
                            Kaller::BorgerLagtTil, Kaller::AnnenBorger,          Kaller::UtenToken};

const char* navn(Kaller k) {
    switch (k) {
        case Kaller::Eier: return "ARBEIDSGIVER_RETTET, eier";
        case Kaller::AnnenArbeidsgiverrettet: return "ARBEIDSGIVER_RETTET, ikke eier";
        case Kaller::Jobbsokerrettet: return "JOBBSØKER_RETTET";
        case Kaller::Utvikler: return "UTVIKLER, ikke eier";
        case Kaller::UtenRoller: return "veileder uten rollegrupper";
        case Kaller::Borger: return "borger, invitert";
        case Kaller::BorgerLagtTil: return "borger, lagt til men ikke invitert";
        case Kaller::AnnenBorger: return "borger, ikke på treffet";
        case Kaller::UtenToken: return "uten token";
    }
    return "?";
}

std::string token(const Component& c, Kaller k) {
    switch (k) {
        case Kaller::Eier: return c.arbeidsgiverrettet("Z400001");
        case Kaller::AnnenArbeidsgiverrettet: return c.arbeidsgiverrettet("Z400002");
        case Kaller::Jobbsokerrettet: return c.jobbsokerrettet("Z400003");
        case Kaller::Utvikler: return c.utvikler("Z400004");
        case Kaller::UtenRoller: return c.veileder("Z400005", {});
        case Kaller::Borger: return c.borger(test_fnr(0));
        case Kaller::BorgerLagtTil: return c.borger(test_fnr(1));
        case Kaller::AnnenBorger: return c.borger(test_fnr(9));
        case Kaller::UtenToken: return "";
    }
    return "";
}

bool er_borger(Kaller k) { return k == Kaller::Borger || k == Kaller::BorgerLagtTil || k == Kaller::AnnenBorger; }

// The writes and the owners' reads: owner with ARBEIDSGIVER_RETTET, or UTVIKLER.
int eierstatus(Kaller k, int ok) {
    if (k == Kaller::UtenToken) return 401;
    if (k == Kaller::Eier || k == Kaller::Utvikler) return ok;
    return 403;
}

}  // namespace

TEST_CASE("arbeidsgiver tilgang: every employer endpoint for every kind of caller") {
    Component c;
    auto eier = token(c, Kaller::Eier);
    auto treff = c.publisert_treff(eier);
    auto ids = c.legg_til(treff, 0, 2, eier);
    c.json("POST", path(treff, "/jobbsoker/inviter"), eier, ider({ids[0]}));
    auto fast = legg_til_arbeidsgiver(c, treff, eier, "100000000");
    int nr = 0;

    for (auto k : kAlle) {
        INFO("kaller: " << navn(k));
        auto t = token(c, k);
        auto orgnr = std::to_string(200000000 + ++nr * 10);

        // POST arbeidsgiver
        auto før = alt(c);
        auto r = c.call("POST", path(treff, "/arbeidsgiver"), t, arbeidsgiver_body(orgnr));
        REQUIRE(r.status == eierstatus(k, 201));
        if (r.status != 201) REQUIRE(alt(c) == før);
        else REQUIRE(c.db.scalar("SELECT h.aktoridentifikasjon FROM arbeidsgiver_hendelse h JOIN arbeidsgiver a ON a.id = h.arbeidsgiver_id "
                                 "WHERE a.orgnr = '" + orgnr + "'") == (k == Kaller::Eier ? "Z400001" : "Z400004"));

        // POST arbeidsgiver-med-behov
        før = alt(c);
        r = c.call("POST", path(treff, "/arbeidsgiver-med-behov"), t, med_behov_body(std::to_string(300000000 + nr * 10)));
        REQUIRE(r.status == eierstatus(k, 201));
        if (r.status != 201) REQUIRE(alt(c) == før);

        // GET arbeidsgiver: any counsellor role; an invited citizen; 404 for other citizens.
        r = c.call("GET", path(treff, "/arbeidsgiver"), t);
        int forventet = k == Kaller::UtenToken ? 401 : k == Kaller::UtenRoller ? 403 : (k == Kaller::BorgerLagtTil || k == Kaller::AnnenBorger) ? 404 : 200;
        REQUIRE(r.status == forventet);
        if (r.status == 200) REQUIRE(boost::json::parse(r.body).as_array().size() >= 1);

        // GET arbeidsgiver-med-behov and the employer events: the owners only.
        REQUIRE(c.call("GET", path(treff, "/arbeidsgiver-med-behov"), t).status == eierstatus(k, 200));
        REQUIRE(c.call("GET", path(treff, "/arbeidsgiver/hendelser"), t).status == eierstatus(k, 200));

        // PUT behov
        før = alt(c);
        r = c.call("PUT", path(treff, "/arbeidsgiver/" + fast + "/behov"), t, boost::json::serialize(behov_json()));
        REQUIRE(r.status == eierstatus(k, 200));
        if (r.status != 200) REQUIRE(alt(c) == før);

        // DELETE, on an employer of its own each time.
        auto offer = legg_til_arbeidsgiver(c, treff, eier, std::to_string(400000000 + nr * 10));
        før = alt(c);
        r = c.call("DELETE", path(treff, "/arbeidsgiver/" + offer), t);
        REQUIRE(r.status == eierstatus(k, 204));
        if (r.status != 204) REQUIRE(alt(c) == før);

        // The metadata: any counsellor role.
        r = c.call("GET", "/api/rekrutteringstreff/arbeidsgiver-behov-metadata", t);
        REQUIRE(r.status == (k == Kaller::UtenToken ? 401 : (k == Kaller::UtenRoller || er_borger(k)) ? 403 : 200));
    }
}

TEST_CASE("arbeidsgiver tilgang: a citizen's read of an unknown meeting, and a counsellor without roles on one, change nothing") {
    Component c;
    auto eier = token(c, Kaller::Eier);
    auto treff = c.publisert_treff(eier);
    legg_til_arbeidsgiver(c, treff, eier, "100000000");
    auto før = alt(c);
    REQUIRE(c.call("GET", path(new_uuid(), "/arbeidsgiver"), c.borger(test_fnr(0))).status == 404);
    REQUIRE(c.call("POST", path(new_uuid(), "/arbeidsgiver"), c.borger(test_fnr(0)), arbeidsgiver_body("123456789")).status == 403);
    REQUIRE(c.call("POST", path(treff, "/arbeidsgiver"), c.jobbsokerrettet(), arbeidsgiver_body("123456789")).status == 403);
    // A bad token is 401 before the body is looked at.
    REQUIRE(c.call("POST", path(treff, "/arbeidsgiver"), "ikke.et.token", arbeidsgiver_body("123456789")).status == 401);
    REQUIRE(c.call("POST", path(treff, "/arbeidsgiver"), c.azure.flawed(Flaw::Expired, c.azure.counsellor_claims("Z400001", {kGruppeArbeidsgiver})),
                   arbeidsgiver_body("123456789")).status == 401);
    REQUIRE(alt(c) == før);
}
