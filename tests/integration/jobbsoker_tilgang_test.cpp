// Who may do what ("Who may do what" in ../shared/spec/jobbsoker.md), over real HTTP and the real
// PostgreSQL: every endpoint × every kind of caller, every kind of bad token, and the proof that a
// refused request changed nothing.
#include <catch2/catch.hpp>
#include <fmt/format.h>

#include "core/time.hpp"
#include "infra/http/client.hpp"
#include "support/component.hpp"
#include "support/fnr.hpp"

using namespace rt;
using rt::test::Component;
using rt::test::Flaw;
using rt::test::test_fnr;

using rt::test::path;
namespace {


// The three tables a request can change, as one fingerprint: equal before and after = nothing changed.
std::string snapshot(const Component& c) {
    return c.db.scalar(R"(SELECT md5(
        coalesce((SELECT string_agg(t::text, '|' ORDER BY t.id) FROM rekrutteringstreff t), '') || '#' ||
        coalesce((SELECT string_agg(j::text, '|' ORDER BY j.id) FROM jobbsoker j), '') || '#' ||
        coalesce((SELECT string_agg(h::text, '|' ORDER BY h.rekkefolge) FROM jobbsoker_hendelse h), '')))");
}

// A call with exactly these headers (Component::call always sends "Bearer <token>").
http::ClientResponse raw_call(const Component& c, const std::string& method, const std::string& p,
                              const std::map<std::string, std::string>& headers, const std::string& body = "") {
    return http::fetch(method, fmt::format("http://127.0.0.1:{}{}", c.service->http_port(), p), body, headers,
                       std::chrono::seconds(30));
}

constexpr const char* kEier = "Z100001";
constexpr const char* kAnnenArbeidsgiverrettet = "Z100002";
constexpr const char* kJobbsokerrettet = "Z100003";
constexpr const char* kUtvikler = "Z100004";
constexpr const char* kUtenRoller = "Z100005";
constexpr const char* kStartTittel = "Jobbtreff hos Bedrift AS";

enum class Kaller { Eier, AnnenArbeidsgiverrettet, Jobbsokerrettet, Utvikler, UtenRoller, Borger, AnnenBorger };
constexpr Kaller kAlleKallere[] = {Kaller::Eier,      Kaller::AnnenArbeidsgiverrettet, Kaller::Jobbsokerrettet, Kaller::Utvikler,
                                   Kaller::UtenRoller, Kaller::Borger,                  Kaller::AnnenBorger};

const char* navn(Kaller k) {
    switch (k) {
        case Kaller::Eier: return "ARBEIDSGIVER_RETTET, eier";
        case Kaller::AnnenArbeidsgiverrettet: return "ARBEIDSGIVER_RETTET, ikke eier";
        case Kaller::Jobbsokerrettet: return "JOBBSØKER_RETTET";
        case Kaller::Utvikler: return "UTVIKLER, ikke eier";
        case Kaller::UtenRoller: return "veileder uten rollegrupper";
        case Kaller::Borger: return "borger, invitert til treffet";
        case Kaller::AnnenBorger: return "borger, ikke på treffet";
    }
    return "?";
}

// The counsellor's NAV ident, or the citizen's fnr: what the events record as the actor.
std::string ident(Kaller k) {
    switch (k) {
        case Kaller::Eier: return kEier;
        case Kaller::AnnenArbeidsgiverrettet: return kAnnenArbeidsgiverrettet;
        case Kaller::Jobbsokerrettet: return kJobbsokerrettet;
        case Kaller::Utvikler: return kUtvikler;
        case Kaller::UtenRoller: return kUtenRoller;
        case Kaller::Borger: return test_fnr(0);
        case Kaller::AnnenBorger: return test_fnr(9);
    }
    return "?";
}

std::string token(const Component& c, Kaller k) {
    switch (k) {
        case Kaller::Eier: return c.arbeidsgiverrettet(kEier);
        case Kaller::AnnenArbeidsgiverrettet: return c.arbeidsgiverrettet(kAnnenArbeidsgiverrettet);
        case Kaller::Jobbsokerrettet: return c.jobbsokerrettet(kJobbsokerrettet);
        case Kaller::Utvikler: return c.utvikler(kUtvikler);
        case Kaller::UtenRoller: return c.veileder(kUtenRoller, {});
        case Kaller::Borger: return c.borger(test_fnr(0));
        case Kaller::AnnenBorger: return c.borger(test_fnr(9));
    }
    return "";
}

enum class Ende {
    Opprett, Hent, Endre, Slett, Publiser, Avlys, Fullfor,
    LeggTil, List, Sok, Inviter, FjernJobbsoker, Hendelser,
    BorgerHent, SvarJa, SvarNei
};

const char* navn(Ende e) {
    switch (e) {
        case Ende::Opprett: return "POST /api/rekrutteringstreff";
        case Ende::Hent: return "GET /{id}";
        case Ende::Endre: return "PUT /{id}";
        case Ende::Slett: return "DELETE /{id}";
        case Ende::Publiser: return "POST /{id}/publiser";
        case Ende::Avlys: return "POST /{id}/avlys";
        case Ende::Fullfor: return "POST /{id}/fullfor";
        case Ende::LeggTil: return "POST /{id}/jobbsoker";
        case Ende::List: return "GET /{id}/jobbsoker";
        case Ende::Sok: return "POST /{id}/jobbsoker/sok";
        case Ende::Inviter: return "POST /{id}/jobbsoker/inviter";
        case Ende::FjernJobbsoker: return "DELETE /{id}/jobbsoker/{personTreffId}/slett";
        case Ende::Hendelser: return "GET /{id}/jobbsoker/hendelser";
        case Ende::BorgerHent: return "GET /{id}/jobbsoker/borger";
        case Ende::SvarJa: return "POST /{id}/jobbsoker/borger/svar-ja";
        case Ende::SvarNei: return "POST /{id}/jobbsoker/borger/svar-nei";
    }
    return "?";
}

// The spec's access table, one line per endpoint, one column per caller in the order of kAlleKallere:
//   eier, annen ARBEIDSGIVER_RETTET, JOBBSØKER_RETTET, UTVIKLER, uten roller, borger (invitert), annen borger.
// The citizen who is not on the meeting reads 404 ("not on the meeting") and may not answer (403).
struct Linje {
    Ende ende;
    int forventet[7];
};
constexpr Linje kTilgang[] = {
    //                          eier annenAG  JR  UTV ingen borger annenBorger
    {Ende::Opprett,           {201, 201, 403, 201, 403, 403, 403}},  // ARBEIDSGIVER_RETTET, UTVIKLER
    {Ende::Hent,              {200, 200, 200, 200, 403, 403, 403}},  // any counsellor role
    {Ende::Endre,             {200, 403, 403, 200, 403, 403, 403}},  // owner with ARBEIDSGIVER_RETTET, or UTVIKLER
    {Ende::Slett,             {200, 403, 403, 200, 403, 403, 403}},
    {Ende::Publiser,          {200, 403, 403, 200, 403, 403, 403}},
    {Ende::Avlys,             {200, 403, 403, 200, 403, 403, 403}},
    {Ende::Fullfor,           {200, 403, 403, 200, 403, 403, 403}},
    {Ende::LeggTil,           {201, 201, 201, 201, 403, 403, 403}},  // any counsellor role, owner or not
    {Ende::List,              {200, 200, 200, 200, 403, 403, 403}},
    {Ende::Sok,               {200, 200, 200, 200, 403, 403, 403}},
    {Ende::Inviter,           {200, 403, 403, 200, 403, 403, 403}},
    {Ende::FjernJobbsoker,    {200, 403, 403, 200, 403, 403, 403}},
    {Ende::Hendelser,         {200, 200, 200, 200, 403, 403, 403}},
    {Ende::BorgerHent,        {403, 403, 403, 403, 403, 200, 404}},  // BORGER, own fnr only
    {Ende::SvarJa,            {403, 403, 403, 403, 403, 200, 403}},
    {Ende::SvarNei,           {403, 403, 403, 403, 403, 200, 403}},
};

struct Rad {
    Ende ende;
    Kaller kaller;
    int forventet;
};

std::vector<Rad> rader() {
    std::vector<Rad> out;
    for (const auto& l : kTilgang)
        for (int i = 0; i < 7; ++i) out.push_back({l.ende, kAlleKallere[i], l.forventet[i]});
    return out;
}

// Fresh state for one row, so that no row depends on what an earlier row did: a meeting owned by
// kEier in the status the endpoint needs; when published, test_fnr(0) is on it and invited and
// test_fnr(1) is on it, not invited.
struct Scene {
    std::string treff;
    std::string invitert;  // personTreffId of test_fnr(0)
    std::string lagt_til;  // personTreffId of test_fnr(1)
};

Scene scene(const Component& c, Ende ende) {
    auto eier = c.arbeidsgiverrettet(kEier);
    Scene s;
    if (ende == Ende::Slett || ende == Ende::Publiser) {
        s.treff = std::string(c.json("POST", "/api/rekrutteringstreff", eier, "{}", 201).at("id").as_string());
        if (ende == Ende::Publiser) c.json("PUT", path(s.treff), eier, c.felter(kStartTittel));
        return s;
    }
    s.treff = c.publisert_treff(eier, kStartTittel);
    auto ids = c.legg_til(s.treff, 0, 2, eier);
    s.invitert = ids[0];
    s.lagt_til = ids[1];
    c.json("POST", path(s.treff, "/jobbsoker/inviter"), eier,
           boost::json::serialize(boost::json::object{{"personTreffIder", {s.invitert}}}));
    return s;
}

struct Kall {
    std::string method, path, body;
};

Kall kall(const Component& c, Ende ende, const Scene& s) {
    switch (ende) {
        case Ende::Opprett: return {"POST", "/api/rekrutteringstreff", R"({"tittel":"Treff fra tilgangstesten"})"};
        case Ende::Hent: return {"GET", path(s.treff), ""};
        case Ende::Endre: return {"PUT", path(s.treff), c.felter("Endret tittel")};
        case Ende::Slett: return {"DELETE", path(s.treff), ""};
        case Ende::Publiser: return {"POST", path(s.treff, "/publiser"), ""};
        case Ende::Avlys: return {"POST", path(s.treff, "/avlys"), ""};
        case Ende::Fullfor: return {"POST", path(s.treff, "/fullfor"), ""};
        case Ende::LeggTil:
            return {"POST", path(s.treff, "/jobbsoker"),
                    fmt::format(R"([{{"fødselsnummer":"{}","fornavn":"Ny","etternavn":"Jobbsøker"}}])", test_fnr(2))};
        case Ende::List: return {"GET", path(s.treff, "/jobbsoker"), ""};
        case Ende::Sok: return {"POST", path(s.treff, "/jobbsoker/sok"), "{}"};
        case Ende::Inviter:
            return {"POST", path(s.treff, "/jobbsoker/inviter"),
                    boost::json::serialize(boost::json::object{{"personTreffIder", {s.lagt_til}}})};
        case Ende::FjernJobbsoker: return {"DELETE", path(s.treff, "/jobbsoker/" + s.lagt_til + "/slett"), ""};
        case Ende::Hendelser: return {"GET", path(s.treff, "/jobbsoker/hendelser"), ""};
        case Ende::BorgerHent: return {"GET", path(s.treff, "/jobbsoker/borger"), ""};
        case Ende::SvarJa: return {"POST", path(s.treff, "/jobbsoker/borger/svar-ja"), ""};
        case Ende::SvarNei: return {"POST", path(s.treff, "/jobbsoker/borger/svar-nei"), ""};
    }
    return {};
}

bool endrer(Ende e) {
    switch (e) {
        case Ende::Hent: case Ende::List: case Ende::Sok: case Ende::Hendelser: case Ende::BorgerHent: return false;
        default: return true;
    }
}

// Reads of a meeting's job seekers leave one audit line each.
bool auditeres(Ende e) { return e == Ende::List || e == Ende::Sok || e == Ende::Hendelser; }

std::string sql_tekst(const Component& c, const std::string& sql) { return c.db.scalar(sql); }

// What an allowed request must have done (or shown).
void sjekk_virkning(const Component& c, const Rad& rad, const Scene& s, const http::ClientResponse& r) {
    auto body = boost::json::parse(r.body);
    auto jobbsoker_status = [&](const std::string& id) { return sql_tekst(c, "SELECT status FROM jobbsoker WHERE id = '" + id + "'"); };
    auto treff_status = [&] { return sql_tekst(c, "SELECT status FROM rekrutteringstreff WHERE id = '" + s.treff + "'"); };
    switch (rad.ende) {
        case Ende::Opprett: {
            auto id = std::string(body.at("id").as_string());
            CHECK(sql_tekst(c, "SELECT tittel || '/' || status || '/' || array_to_string(eiere, ',') FROM rekrutteringstreff WHERE id = '" +
                                   id + "'") == "Treff fra tilgangstesten/UTKAST/" + ident(rad.kaller));
            break;
        }
        case Ende::Hent:
            CHECK(body.at("id").as_string() == s.treff);
            CHECK(body.at("tittel").as_string() == kStartTittel);
            break;
        case Ende::Endre:
            CHECK(body.at("tittel").as_string() == "Endret tittel");
            CHECK(sql_tekst(c, "SELECT tittel || '/' || sist_endret_av FROM rekrutteringstreff WHERE id = '" + s.treff + "'") ==
                  "Endret tittel/" + ident(rad.kaller));
            break;
        case Ende::Slett: CHECK(treff_status() == "SLETTET"); break;
        case Ende::Publiser: CHECK(treff_status() == "PUBLISERT"); break;
        case Ende::Avlys: CHECK(treff_status() == "AVLYST"); break;
        case Ende::Fullfor: CHECK(treff_status() == "FULLFØRT"); break;
        case Ende::LeggTil:
            CHECK(body.at("personTreffIder").as_array().size() == 1);
            CHECK(sql_tekst(c, "SELECT string_agg(j.fornavn || '/' || h.aktoridentifikasjon, ';') FROM jobbsoker j "
                               "JOIN jobbsoker_hendelse h ON h.jobbsoker_id = j.id AND h.hendelsestype = 'OPPRETTET' "
                               "WHERE j.rekrutteringstreff_id = '" + s.treff + "' AND j.fodselsnummer = '" + test_fnr(2) + "'") ==
                  "Ny/" + ident(rad.kaller));
            break;
        case Ende::List: {
            const auto& a = body.as_array();
            REQUIRE(a.size() == 2);
            CHECK(a[0].at("personTreffId").as_string() != a[1].at("personTreffId").as_string());
            break;
        }
        case Ende::Sok: CHECK(body.at("totalt").as_int64() == 2); break;
        case Ende::Inviter:
            CHECK(jobbsoker_status(s.lagt_til) == "INVITERT");
            CHECK(sql_tekst(c, "SELECT aktoridentifikasjon FROM jobbsoker_hendelse WHERE hendelsestype = 'INVITERT' AND jobbsoker_id = '" +
                                   s.lagt_til + "'") == ident(rad.kaller));
            break;
        case Ende::FjernJobbsoker: CHECK(jobbsoker_status(s.lagt_til) == "SLETTET"); break;
        case Ende::Hendelser: CHECK(body.as_array().size() == 3); break;  // OPPRETTET ×2, INVITERT
        case Ende::BorgerHent:
            CHECK(body.at("personTreffId").as_string() == s.invitert);
            CHECK(body.at("erInvitert").as_bool());
            break;
        case Ende::SvarJa: CHECK(jobbsoker_status(s.invitert) == "SVART_JA"); break;
        case Ende::SvarNei: CHECK(jobbsoker_status(s.invitert) == "SVART_NEI"); break;
    }
}

}  // namespace

TEST_CASE("tilgang: the access table, every endpoint × every kind of caller, over HTTP", "[tilgang]") {
    Component c;
    auto alle = rader();
    REQUIRE(alle.size() == 16 * 7);
    for (const auto& rad : alle) {
        auto s = scene(c, rad.ende);
        auto k = kall(c, rad.ende, s);
        auto før = snapshot(c);
        auto audit_før = c.audit_lines().size();
        auto r = c.call(k.method, k.path, token(c, rad.kaller), k.body);
        INFO(navn(rad.ende) << " as " << navn(rad.kaller) << ": expected " << rad.forventet << ", got " << r.status << " "
                            << r.body);
        CHECK(r.status == rad.forventet);
        if (r.status != rad.forventet) continue;

        if (rad.forventet >= 400) {
            // Refused: a problem, and nothing written, not even an audit line.
            CHECK(r.headers["content-type"] == "application/problem+json");
            CHECK(boost::json::parse(r.body).at("status").as_int64() == rad.forventet);
            CHECK(snapshot(c) == før);
            CHECK(c.audit_lines().size() == audit_før);
            if (rad.ende == Ende::Endre)
                CHECK(sql_tekst(c, "SELECT tittel FROM rekrutteringstreff WHERE id = '" + s.treff + "'") == kStartTittel);
            if (rad.ende == Ende::Inviter)
                CHECK(c.db.count("SELECT count(*) FROM jobbsoker_hendelse WHERE hendelsestype = 'INVITERT' AND jobbsoker_id = '" +
                                 s.lagt_til + "'") == 0);
            continue;
        }
        CHECK(r.headers["content-type"] == "application/json");
        sjekk_virkning(c, rad, s, r);
        if (endrer(rad.ende)) CHECK(snapshot(c) != før);
        else CHECK(snapshot(c) == før);
        if (auditeres(rad.ende)) {
            auto lines = c.audit_lines();
            REQUIRE(lines.size() == audit_før + 1);
            CHECK(lines.back().find("suid=" + ident(rad.kaller)) != std::string::npos);
            CHECK(lines.back().find("cs3=" + s.treff) != std::string::npos);
        } else {
            CHECK(c.audit_lines().size() == audit_før);
        }
    }
}

TEST_CASE("tilgang: ownership is per meeting; an owner of one meeting is not an owner of the next", "[tilgang]") {
    Component c;
    auto a = c.arbeidsgiverrettet(kEier);
    auto b = c.arbeidsgiverrettet(kAnnenArbeidsgiverrettet);
    auto hos_a = std::string(c.json("POST", "/api/rekrutteringstreff", a, R"({"tittel":"A sitt"})", 201).at("id").as_string());
    auto hos_b = std::string(c.json("POST", "/api/rekrutteringstreff", b, R"({"tittel":"B sitt"})", 201).at("id").as_string());
    CHECK(c.call("PUT", path(hos_b), a, R"({"tittel":"Kapret"})").status == 403);
    CHECK(c.call("PUT", path(hos_a), b, R"({"tittel":"Kapret"})").status == 403);
    CHECK(c.call("DELETE", path(hos_b), a).status == 403);
    CHECK(c.json("PUT", path(hos_a), a, R"({"tittel":"A endret"})").at("tittel").as_string() == "A endret");
    CHECK(c.db.scalar("SELECT string_agg(tittel, ';' ORDER BY tittel) FROM rekrutteringstreff") == "A endret;B sitt");
    // The owner's ident with JOBBSØKER_RETTET instead is not enough: ownership needs ARBEIDSGIVER_RETTET.
    CHECK(c.call("PUT", path(hos_a), c.jobbsokerrettet(kEier), R"({"tittel":"Uten rolle"})").status == 403);
    CHECK(c.call("PUT", path(hos_a), c.veileder(kEier, {}), R"({"tittel":"Uten rolle"})").status == 403);
    CHECK(c.db.scalar("SELECT tittel FROM rekrutteringstreff WHERE id = '" + hos_a + "'") == "A endret");
}

TEST_CASE("tilgang: a citizen answers for their own fnr only; another citizen's answer leaves them as they were", "[tilgang]") {
    Component c;
    auto eier = c.arbeidsgiverrettet(kEier);
    auto id = c.publisert_treff(eier);
    auto ids = c.legg_til(id, 0, 2, eier);
    c.json("POST", path(id, "/jobbsoker/inviter"), eier, boost::json::serialize(boost::json::object{{"personTreffIder", {ids[0], ids[1]}}}));
    c.json("POST", path(id, "/jobbsoker/borger/svar-nei"), c.borger(test_fnr(1)));
    CHECK(c.json("GET", path(id, "/jobbsoker/borger"), c.borger(test_fnr(1))).at("personTreffId").as_string() == ids[1]);
    CHECK(c.json("GET", path(id, "/jobbsoker/borger"), c.borger(test_fnr(0))).at("personTreffId").as_string() == ids[0]);
    // Citizen 1's "no" did not touch citizen 0, who is still invited and has not answered.
    CHECK(c.db.scalar("SELECT status FROM jobbsoker WHERE id = '" + ids[0] + "'") == "INVITERT");
    CHECK(c.db.scalar("SELECT status FROM jobbsoker WHERE id = '" + ids[1] + "'") == "SVART_NEI");
    CHECK(c.db.scalar("SELECT string_agg(aktoridentifikasjon, ';') FROM jobbsoker_hendelse WHERE hendelsestype LIKE 'SVART%'") ==
          test_fnr(1));
}

TEST_CASE("tilgang: every bad token, a missing, Basic or garbage header is 401 problem+json without the token or the fnr",
          "[tilgang]") {
    Component c;
    auto eier = c.arbeidsgiverrettet(kEier);
    auto id = c.publisert_treff(eier, kStartTittel);
    auto ids = c.legg_til(id, 0, 1, eier);
    c.json("POST", path(id, "/jobbsoker/inviter"), eier, boost::json::serialize(boost::json::object{{"personTreffIder", {ids[0]}}}));
    const auto fnr = test_fnr(0);

    struct Endepunkt {
        const char* method;
        std::string sti;
        std::string body;
        bool borger;
    };
    const std::vector<Endepunkt> endepunkter = {
        {"PUT", path(id), c.felter("Endret med dårlig token"), false},
        {"GET", path(id, "/jobbsoker"), "", false},
        {"POST", path(id, "/jobbsoker/borger/svar-ja"), "", true},
        {"GET", path(id, "/jobbsoker/borger"), "", true},
    };
    // Good claims for each side: the same claims, well signed, are let in (checked below), so a
    // 401 is the flaw's doing.
    auto veileder_claims = c.azure.counsellor_claims(kUtvikler, {test::kGruppeUtvikler});
    auto borger_claims = c.tokenx.citizen_claims(fnr);

    auto før = snapshot(c);
    auto audit_før = c.audit_lines().size();
    auto sjekk_401 = [&](const Endepunkt& e, const std::string& hva, const std::map<std::string, std::string>& headers,
                         const std::vector<std::string>& hemmeligheter) {
        auto r = raw_call(c, e.method, e.sti, headers, e.body);
        INFO(e.method << " " << e.sti << " with " << hva << " -> " << r.status << " " << r.body);
        CHECK(r.status == 401);
        CHECK(r.headers["content-type"] == "application/problem+json");
        auto problem = boost::json::parse(r.body);
        CHECK(problem.at("status").as_int64() == 401);
        CHECK(!problem.at("detail").as_string().empty());
        for (const auto& h : hemmeligheter)
            if (!h.empty()) CHECK(r.body.find(h) == std::string::npos);
        CHECK(r.body.find(fnr) == std::string::npos);
    };

    for (const auto& e : endepunkter) {
        for (auto flaw : test::all_flaws()) {
            auto t = e.borger ? c.tokenx.flawed(flaw, borger_claims) : c.azure.flawed(flaw, veileder_claims);
            // Neither the token nor its claims part (which carries the fnr or NAV ident) may come back.
            auto payload = t.substr(t.find('.') + 1, t.rfind('.') - t.find('.') - 1);
            sjekk_401(e, test::flaw_name(flaw), {{"Authorization", "Bearer " + t}}, {t, payload});
        }
        // Across the two issuers: the other issuer's key under this issuer's kid, and the other
        // issuer's token with this issuer's iss written into it.
        auto& denne = e.borger ? c.tokenx : c.azure;
        auto& andre = e.borger ? c.azure : c.tokenx;
        const auto& claims = e.borger ? borger_claims : veileder_claims;
        auto feil_nokkel = test::TokenFactory::sign_with(andre.key(), denne.key().kid, claims);
        sjekk_401(e, "the other issuer's key under this kid", {{"Authorization", "Bearer " + feil_nokkel}}, {feil_nokkel});
        auto feil_utsteder = andre.sign(claims);
        sjekk_401(e, "the other issuer's token claiming this iss", {{"Authorization", "Bearer " + feil_utsteder}}, {feil_utsteder});
        // A token of the right issuer without its identity claim.
        auto uten_ident = e.borger ? c.tokenx.sign(c.tokenx.base_claims()) : c.azure.sign(c.azure.base_claims());
        sjekk_401(e, "no NAVident/pid claim", {{"Authorization", "Bearer " + uten_ident}}, {uten_ident});
        sjekk_401(e, "no Authorization header", {}, {});
        sjekk_401(e, "a Basic header", {{"Authorization", "Basic WjEwMDAwMTpwYXNzb3Jk"}}, {"WjEwMDAwMTpwYXNzb3Jk"});
        sjekk_401(e, "Bearer with nothing", {{"Authorization", "Bearer "}}, {});
        sjekk_401(e, "garbage", {{"Authorization", "tull og tøys"}}, {"tull og tøys"});
        sjekk_401(e, "a Bearer that is no JWT", {{"Authorization", "Bearer dette-er-ikke-en-jwt"}}, {"dette-er-ikke-en-jwt"});
        sjekk_401(e, "a Bearer of three garbage parts", {{"Authorization", "Bearer abc.def.ghi"}}, {"abc.def.ghi"});
        // The fnr as the token itself must not come back either.
        sjekk_401(e, "the fnr as token", {{"Authorization", "Bearer " + fnr}}, {fnr});
    }
    // Nothing any of them sent got through.
    CHECK(snapshot(c) == før);
    CHECK(c.audit_lines().size() == audit_før);
    CHECK(c.db.scalar("SELECT tittel FROM rekrutteringstreff WHERE id = '" + id + "'") == kStartTittel);

    // The control: the same claims, signed as they should be, are let in.
    for (const auto& e : endepunkter) {
        auto t = e.borger ? c.tokenx.sign(borger_claims) : c.azure.sign(veileder_claims);
        INFO(e.method << " " << e.sti << " with a good token");
        CHECK(c.call(e.method, e.sti, t, e.body).status == 200);
    }
    CHECK(c.db.scalar("SELECT status FROM jobbsoker WHERE id = '" + ids[0] + "'") == "SVART_JA");
}

TEST_CASE("tilgang: a citizen token stays a citizen whatever counsellor claims it carries, and the other way round", "[tilgang]") {
    Component c;
    auto eier = c.arbeidsgiverrettet(kEier);
    auto id = c.publisert_treff(eier, kStartTittel);
    auto ids = c.legg_til(id, 0, 1, eier);
    c.json("POST", path(id, "/jobbsoker/inviter"), eier, boost::json::serialize(boost::json::object{{"personTreffIder", {ids[0]}}}));
    auto før = snapshot(c);

    // TokenX with a NAVident and the developer group: the groups of a citizen token grant nothing.
    auto borger_claims = c.tokenx.citizen_claims(test_fnr(0));
    borger_claims["NAVident"] = kEier;
    borger_claims["groups"] = boost::json::array{test::kGruppeUtvikler, test::kGruppeArbeidsgiver};
    auto forkledd_borger = c.tokenx.sign(borger_claims);
    CHECK(c.call("PUT", path(id), forkledd_borger, R"({"tittel":"Kapret"})").status == 403);
    CHECK(c.call("GET", path(id, "/jobbsoker"), forkledd_borger).status == 403);
    CHECK(c.call("POST", "/api/rekrutteringstreff", forkledd_borger, "{}").status == 403);

    // Azure with a pid and every group: a counsellor, who may not answer for the citizen.
    auto veileder_claims = c.azure.counsellor_claims(kUtvikler, {test::kGruppeUtvikler, test::kGruppeArbeidsgiver});
    veileder_claims["pid"] = test_fnr(0);
    auto forkledd_veileder = c.azure.sign(veileder_claims);
    CHECK(c.call("POST", path(id, "/jobbsoker/borger/svar-ja"), forkledd_veileder).status == 403);
    CHECK(c.call("GET", path(id, "/jobbsoker/borger"), forkledd_veileder).status == 403);
    CHECK(snapshot(c) == før);
    CHECK(c.audit_lines().empty());
    CHECK(c.db.scalar("SELECT status FROM jobbsoker WHERE id = '" + ids[0] + "'") == "INVITERT");
}

TEST_CASE("tilgang: health and metrics need no token", "[tilgang]") {
    Component c;
    for (const auto& sti : {"/isalive", "/isready", "/metrics"}) {
        for (const auto& headers : std::vector<std::map<std::string, std::string>>{{}, {{"Authorization", "Bearer søppel"}}}) {
            auto r = raw_call(c, "GET", sti, headers);
            INFO(sti << " with " << headers.size() << " header(s) -> " << r.status << " " << r.body);
            CHECK(r.status == 200);
            if (std::string_view(sti) == "/metrics") {
                CHECK(r.headers["content-type"].starts_with("text/plain; version=0.0.4"));
                CHECK(r.body.find("# TYPE http_requests_total") != std::string::npos);
            } else {
                CHECK(r.body == "OK");
            }
        }
    }
    // The API itself does want one.
    CHECK(raw_call(c, "GET", path("6f1c3a52-9b7e-4c2d-8e1f-0a1b2c3d4e5f"), {}).status == 401);
}
