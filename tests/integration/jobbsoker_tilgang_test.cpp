// Who may do what ("Who may do what" in ../shared/spec/jobbsoker.md), over real HTTP and the real
// PostgreSQL: every endpoint × every kind of caller, every kind of bad token, and the proof that a
// refused request changed nothing.
#include <catch2/catch.hpp>
#include <fmt/format.h>

#include "core/time.hpp"
#include "infra/http/client.hpp"
#include "support/component.hpp"
#include "support/eventually.hpp"
#include "support/fnr.hpp"

using namespace rt;
using rt::test::Component;
using rt::test::Flaw;
using rt::test::test_fnr;

using rt::test::path;
namespace {

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

enum class Kaller { Eier, AnnenArbeidsgiverrettet, Jobbsokerrettet, Utvikler, UtenRoller, Borger, BorgerLagtTil, AnnenBorger, UtenToken };
constexpr Kaller kAlleKallere[] = {Kaller::Eier,     Kaller::AnnenArbeidsgiverrettet, Kaller::Jobbsokerrettet,
                                   Kaller::Utvikler, Kaller::UtenRoller,              Kaller::Borger,
                                   Kaller::BorgerLagtTil, Kaller::AnnenBorger,        Kaller::UtenToken};
constexpr int kAntallKallere = std::size(kAlleKallere);

const char* navn(Kaller k) {
    switch (k) {
        case Kaller::Eier: return "ARBEIDSGIVER_RETTET, eier";
        case Kaller::AnnenArbeidsgiverrettet: return "ARBEIDSGIVER_RETTET, ikke eier";
        case Kaller::Jobbsokerrettet: return "JOBBSØKER_RETTET";
        case Kaller::Utvikler: return "UTVIKLER, ikke eier";
        case Kaller::UtenRoller: return "veileder uten rollegrupper";
        case Kaller::Borger: return "borger, invitert til treffet";
        case Kaller::BorgerLagtTil: return "borger, lagt til men ikke invitert";
        case Kaller::AnnenBorger: return "borger, ikke på treffet";
        case Kaller::UtenToken: return "uten token";
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
        case Kaller::BorgerLagtTil: return test_fnr(1);
        case Kaller::AnnenBorger: return test_fnr(9);
        case Kaller::UtenToken: return "";
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
        case Kaller::BorgerLagtTil: return c.borger(test_fnr(1));
        case Kaller::AnnenBorger: return c.borger(test_fnr(9));
        case Kaller::UtenToken: return "";  // Component::call sends no Authorization header
    }
    return "";
}

enum class Ende {
    Opprett, Hent, Endre, Slett, Publiser, Avpubliser, Endringer, Avlys, Gjenapn, Fullfor, TreffHendelser, AlleHendelser,
    LeggTil, List, Sok, Inviter, FjernJobbsoker, SvarFor, Hendelser, Aktivitetskort,
    BorgerHent, SvarJa, SvarNei
};

const char* navn(Ende e) {
    switch (e) {
        case Ende::Opprett: return "POST /api/rekrutteringstreff";
        case Ende::Hent: return "GET /{id}";
        case Ende::Endre: return "PUT /{id}";
        case Ende::Slett: return "DELETE /{id}";
        case Ende::Publiser: return "POST /{id}/publiser";
        case Ende::Avpubliser: return "POST /{id}/avpubliser";
        case Ende::Endringer: return "POST /{id}/endringer";
        case Ende::Avlys: return "POST /{id}/avlys";
        case Ende::Gjenapn: return "POST /{id}/gjenapn";
        case Ende::Fullfor: return "POST /{id}/fullfor";
        case Ende::TreffHendelser: return "GET /{id}/hendelser";
        case Ende::AlleHendelser: return "GET /{id}/allehendelser";
        case Ende::LeggTil: return "POST /{id}/jobbsoker";
        case Ende::List: return "GET /{id}/jobbsoker";
        case Ende::Sok: return "POST /{id}/jobbsoker/sok";
        case Ende::Inviter: return "POST /{id}/jobbsoker/inviter";
        case Ende::FjernJobbsoker: return "DELETE /{id}/jobbsoker/{personTreffId}/slett";
        case Ende::SvarFor: return "POST /{id}/jobbsoker/{personTreffId}/svar";
        case Ende::Hendelser: return "GET /{id}/jobbsoker/hendelser";
        case Ende::Aktivitetskort: return "GET /{id}/jobbsoker/{personTreffId}/aktivitetskort";
        case Ende::BorgerHent: return "GET /{id}/jobbsoker/borger";
        case Ende::SvarJa: return "POST /{id}/jobbsoker/borger/svar-ja";
        case Ende::SvarNei: return "POST /{id}/jobbsoker/borger/svar-nei";
    }
    return "?";
}

// The spec's access tables ("Who may do what" and "Citizens"), one line per endpoint, one column
// per caller in the order of kAlleKallere:
//   eier, annen ARBEIDSGIVER_RETTET, JOBBSØKER_RETTET, UTVIKLER, uten roller, borger (invitert),
//   borger (lagt til, ikke invitert), annen borger (ikke på treffet), uten token.
// A citizen who is not invited reads the meeting as not there (404); one who is not on it has no
// row (404) and so cannot answer (404); one who is on it but not invited may not answer (403).
struct Linje {
    Ende ende;
    int forventet[kAntallKallere];
};
constexpr Linje kTilgang[] = {
    //                          eier annenAG  JR  UTV ingen borger lagtTil annenBorger utenToken
    {Ende::Opprett,           {201, 201, 403, 201, 403, 403, 403, 403, 401}},  // ARBEIDSGIVER_RETTET, UTVIKLER
    {Ende::Hent,              {200, 200, 200, 200, 403, 200, 404, 404, 401}},  // any counsellor role; an invited citizen
    {Ende::Endre,             {200, 403, 403, 200, 403, 403, 403, 403, 401}},  // owner with ARBEIDSGIVER_RETTET, or UTVIKLER
    {Ende::Slett,             {200, 403, 403, 200, 403, 403, 403, 403, 401}},
    {Ende::Publiser,          {200, 403, 403, 200, 403, 403, 403, 403, 401}},
    {Ende::Avpubliser,        {200, 403, 403, 200, 403, 403, 403, 403, 401}},
    {Ende::Endringer,         {201, 403, 403, 201, 403, 403, 403, 403, 401}},
    {Ende::Avlys,             {200, 403, 403, 200, 403, 403, 403, 403, 401}},
    {Ende::Gjenapn,           {200, 403, 403, 200, 403, 403, 403, 403, 401}},
    {Ende::Fullfor,           {200, 403, 403, 200, 403, 403, 403, 403, 401}},
    {Ende::TreffHendelser,    {200, 403, 403, 200, 403, 403, 403, 403, 401}},
    {Ende::AlleHendelser,     {200, 403, 403, 200, 403, 403, 403, 403, 401}},
    {Ende::LeggTil,           {201, 201, 201, 201, 403, 403, 403, 403, 401}},  // any counsellor role, owner or not
    {Ende::List,              {200, 403, 403, 200, 403, 403, 403, 403, 401}},  // owners only: fødselsnumre
    {Ende::Sok,               {200, 403, 403, 200, 403, 403, 403, 403, 401}},
    {Ende::Inviter,           {200, 403, 403, 200, 403, 403, 403, 403, 401}},
    {Ende::FjernJobbsoker,    {200, 403, 403, 200, 403, 403, 403, 403, 401}},
    {Ende::SvarFor,           {200, 403, 403, 200, 403, 403, 403, 403, 401}},
    {Ende::Hendelser,         {200, 403, 403, 200, 403, 403, 403, 403, 401}},
    {Ende::Aktivitetskort,    {200, 403, 403, 200, 403, 403, 403, 403, 401}},
    {Ende::BorgerHent,        {403, 403, 403, 403, 403, 200, 200, 404, 401}},  // BORGER, own row only
    {Ende::SvarJa,            {403, 403, 403, 403, 403, 200, 403, 404, 401}},
    {Ende::SvarNei,           {403, 403, 403, 403, 403, 200, 403, 404, 401}},
};
constexpr int kAntallEndepunkter = std::size(kTilgang);

struct Rad {
    Ende ende;
    Kaller kaller;
    int forventet;
};

std::vector<Rad> rader() {
    std::vector<Rad> out;
    for (const auto& l : kTilgang)
        for (int i = 0; i < kAntallKallere; ++i) out.push_back({l.ende, kAlleKallere[i], l.forventet[i]});
    return out;
}

// The state a row starts from: a meeting owned by kEier in the status the endpoint needs. When it
// has job seekers, test_fnr(0) is invited and test_fnr(1) is added, not invited.
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
    if (ende == Ende::Fullfor) {
        // Ended yesterday: it may be completed.
        s.treff = std::string(c.json("POST", "/api/rekrutteringstreff", eier, "{}", 201).at("id").as_string());
        c.json("PUT", path(s.treff), eier, c.felter(kStartTittel, -1));
        c.json("POST", path(s.treff, "/publiser"), eier);
    } else {
        s.treff = c.publisert_treff(eier, kStartTittel);
    }
    auto ids = c.legg_til(s.treff, 0, 2, eier);
    s.invitert = ids[0];
    s.lagt_til = ids[1];
    // Unpublishing is only possible while nobody is invited.
    if (ende != Ende::Avpubliser) c.json("POST", path(s.treff, "/jobbsoker/inviter"), eier, test::ider({s.invitert}));
    if (ende == Ende::Gjenapn) c.json("POST", path(s.treff, "/avlys"), eier);
    if (ende == Ende::Aktivitetskort)
        REQUIRE(test::eventually([&] { return c.db.count("SELECT count(*) FROM aktivitetskort WHERE rekrutteringstreff_id = '" + s.treff + "'") == 1; }));
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
        case Ende::Avpubliser: return {"POST", path(s.treff, "/avpubliser"), ""};
        case Ende::Endringer: return {"POST", path(s.treff, "/endringer"), R"({"endredeFelter":["NAVN"]})"};
        case Ende::Avlys: return {"POST", path(s.treff, "/avlys"), ""};
        case Ende::Gjenapn: return {"POST", path(s.treff, "/gjenapn"), ""};
        case Ende::Fullfor: return {"POST", path(s.treff, "/fullfor"), ""};
        case Ende::TreffHendelser: return {"GET", path(s.treff, "/hendelser"), ""};
        case Ende::AlleHendelser: return {"GET", path(s.treff, "/allehendelser"), ""};
        case Ende::LeggTil:
            return {"POST", path(s.treff, "/jobbsoker"),
                    fmt::format(R"([{{"fødselsnummer":"{}","fornavn":"Ny","etternavn":"Jobbsøker"}}])", test_fnr(2))};
        case Ende::List: return {"GET", path(s.treff, "/jobbsoker"), ""};
        case Ende::Sok: return {"POST", path(s.treff, "/jobbsoker/sok"), "{}"};
        case Ende::Inviter: return {"POST", path(s.treff, "/jobbsoker/inviter"), test::ider({s.lagt_til})};
        case Ende::FjernJobbsoker: return {"DELETE", path(s.treff, "/jobbsoker/" + s.lagt_til + "/slett"), ""};
        case Ende::SvarFor: return {"POST", path(s.treff, "/jobbsoker/" + s.invitert + "/svar"), R"({"svar":true})"};
        case Ende::Hendelser: return {"GET", path(s.treff, "/jobbsoker/hendelser"), ""};
        case Ende::Aktivitetskort: return {"GET", path(s.treff, "/jobbsoker/" + s.invitert + "/aktivitetskort"), ""};
        case Ende::BorgerHent: return {"GET", path(s.treff, "/jobbsoker/borger"), ""};
        case Ende::SvarJa: return {"POST", path(s.treff, "/jobbsoker/borger/svar-ja"), ""};
        case Ende::SvarNei: return {"POST", path(s.treff, "/jobbsoker/borger/svar-nei"), ""};
    }
    return {};
}

bool endrer(Ende e) {
    switch (e) {
        case Ende::Hent: case Ende::TreffHendelser: case Ende::AlleHendelser: case Ende::List: case Ende::Sok:
        case Ende::Hendelser: case Ende::Aktivitetskort: case Ende::BorgerHent:
            return false;
        default: return true;
    }
}

// Reads of a meeting's job seekers leave one audit line each.
bool auditeres(Ende e) {
    return e == Ende::List || e == Ende::Sok || e == Ende::Hendelser || e == Ende::AlleHendelser || e == Ende::Aktivitetskort;
}

// The meeting event a change writes, with the caller as its actor.
std::optional<std::string> treffhendelse(Ende e) {
    switch (e) {
        case Ende::Endre: return "OPPDATERT";
        case Ende::Slett: return "SLETTET";
        case Ende::Publiser: return "PUBLISERT";
        case Ende::Avpubliser: return "AVPUBLISERT";
        case Ende::Endringer: return "TREFF_ENDRET_ETTER_PUBLISERING";
        case Ende::Avlys: return "AVLYST";
        case Ende::Gjenapn: return "GJENÅPNET";
        case Ende::Fullfor: return "FULLFØRT";
        default: return std::nullopt;
    }
}

std::string sql_tekst(const Component& c, const std::string& sql) { return c.db.scalar(sql); }

// What an allowed request must have done (or shown).
void sjekk_virkning(const Component& c, const Rad& rad, const Scene& s, const http::ClientResponse& r) {
    auto body = r.body.empty() ? boost::json::value() : boost::json::parse(r.body);
    auto jobbsoker_status = [&](const std::string& id) { return sql_tekst(c, "SELECT status FROM jobbsoker WHERE id = '" + id + "'"); };
    auto treff_status = [&] { return sql_tekst(c, "SELECT status FROM rekrutteringstreff WHERE id = '" + s.treff + "'"); };
    if (auto type = treffhendelse(rad.ende))
        CHECK(sql_tekst(c, "SELECT hendelsestype || '/' || opprettet_av_aktortype || '/' || aktoridentifikasjon FROM rekrutteringstreff_hendelse "
                           "WHERE rekrutteringstreff_id = '" + s.treff + "' ORDER BY rekkefolge DESC LIMIT 1") ==
              *type + "/ARRANGØR/" + ident(rad.kaller));
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
            // A citizen gets the citizen view: no owners, counts or NAV idents.
            if (rad.kaller == Kaller::Borger) {
                CHECK(body.as_object().size() == 11);
                CHECK_FALSE(body.as_object().contains("eiere"));
            } else {
                CHECK(body.at("eiere").as_array() == boost::json::array{kEier});
            }
            break;
        case Ende::Endre:
            CHECK(body.at("tittel").as_string() == "Endret tittel");
            CHECK(sql_tekst(c, "SELECT tittel || '/' || sist_endret_av FROM rekrutteringstreff WHERE id = '" + s.treff + "'") ==
                  "Endret tittel/" + ident(rad.kaller));
            break;
        case Ende::Slett: CHECK(treff_status() == "SLETTET"); break;
        case Ende::Publiser: CHECK(treff_status() == "PUBLISERT"); break;
        case Ende::Avpubliser: CHECK(treff_status() == "UTKAST"); break;
        case Ende::Endringer:
            CHECK(r.body.empty());
            CHECK(sql_tekst(c, "SELECT string_agg(hendelsestype || '/' || aktoridentifikasjon, ',') FROM jobbsoker_hendelse "
                               "WHERE jobbsoker_id = '" + s.invitert + "' AND hendelsestype LIKE 'TREFF_ENDRET%'") ==
                  "TREFF_ENDRET_ETTER_PUBLISERING/" + ident(rad.kaller));
            break;
        case Ende::Avlys: CHECK(treff_status() == "AVLYST"); break;
        case Ende::Gjenapn: CHECK(treff_status() == "PUBLISERT"); break;
        case Ende::Fullfor: CHECK(treff_status() == "FULLFØRT"); break;
        case Ende::TreffHendelser: {
            const auto& a = body.as_array();
            REQUIRE(a.size() == 4);  // OPPRETTET, EIER_LAGT_TIL, OPPDATERT, PUBLISERT
            CHECK(a[0].at("hendelsestype").as_string() == "PUBLISERT");
            break;
        }
        case Ende::AlleHendelser: {
            const auto& a = body.as_array();
            REQUIRE(a.size() == 7);  // those four, and OPPRETTET ×2, INVITERT of the job seekers
            CHECK(a[0].at("ressurs").as_string() == "JOBBSØKER");
            CHECK(a[0].at("hendelsestype").as_string() == "INVITERT");
            CHECK(a[0].at("subjektId").as_string() == test_fnr(0));
            break;
        }
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
        case Ende::SvarFor:
            CHECK(jobbsoker_status(s.invitert) == "SVART_JA");
            CHECK(sql_tekst(c, "SELECT hendelsestype || '/' || aktoridentifikasjon FROM jobbsoker_hendelse WHERE jobbsoker_id = '" +
                                   s.invitert + "' ORDER BY rekkefolge DESC LIMIT 1") ==
                  "SVART_JA_TIL_INVITASJON_AV_EIER/" + ident(rad.kaller));
            break;
        case Ende::Hendelser: CHECK(body.as_array().size() == 3); break;  // OPPRETTET ×2, INVITERT
        case Ende::Aktivitetskort: CHECK(body.at("status").as_string() == "PLANLAGT"); break;
        case Ende::BorgerHent: {
            bool invitert = rad.kaller == Kaller::Borger;
            CHECK(body.at("personTreffId").as_string() == (invitert ? s.invitert : s.lagt_til));
            CHECK(body.at("fødselsnummer").as_string() == ident(rad.kaller));
            CHECK(body.at("statuser").at("erInvitert").as_bool() == invitert);
            break;
        }
        case Ende::SvarJa: CHECK(jobbsoker_status(s.invitert) == "SVART_JA"); break;
        case Ende::SvarNei: CHECK(jobbsoker_status(s.invitert) == "SVART_NEI"); break;
    }
}

}  // namespace

TEST_CASE("tilgang: the access table, every endpoint × every kind of caller, over HTTP", "[tilgang]") {
    Component c;
    auto alle = rader();
    REQUIRE(alle.size() == kAntallEndepunkter * kAntallKallere);
    std::optional<Scene> s;
    std::optional<Ende> scene_for;
    bool brukt = false;
    for (const auto& rad : alle) {
        // A fresh scene for each endpoint, and after every call that changed it.
        if (!s || scene_for != rad.ende || brukt) s = scene(c, rad.ende), scene_for = rad.ende;
        auto k = kall(c, rad.ende, *s);
        auto før = c.snapshot();
        auto audit_før = c.audit_lines().size();
        auto r = c.call(k.method, k.path, token(c, rad.kaller), k.body);
        INFO(navn(rad.ende) << " as " << navn(rad.kaller) << ": expected " << rad.forventet << ", got " << r.status << " "
                            << r.body);
        CHECK(r.status == rad.forventet);
        brukt = r.status < 400 && endrer(rad.ende);
        if (r.status != rad.forventet) continue;

        if (rad.forventet >= 400) {
            // Refused: a problem, and nothing written, not even an audit line.
            CHECK(r.headers["content-type"] == "application/problem+json");
            CHECK(boost::json::parse(r.body).at("status").as_int64() == rad.forventet);
            CHECK(c.snapshot() == før);
            CHECK(c.audit_lines().size() == audit_før);
            continue;
        }
        if (!r.body.empty()) CHECK(r.headers["content-type"] == "application/json");
        sjekk_virkning(c, rad, *s, r);
        if (endrer(rad.ende)) CHECK(c.snapshot() != før);
        else CHECK(c.snapshot() == før);
        if (auditeres(rad.ende)) {
            auto lines = c.audit_lines();
            REQUIRE(lines.size() == audit_før + 1);
            CHECK(lines.back().find("suid=" + ident(rad.kaller)) != std::string::npos);
            CHECK(lines.back().find("cs3=" + s->treff) != std::string::npos);
        } else {
            CHECK(c.audit_lines().size() == audit_før);
        }
    }
}

TEST_CASE("tilgang: ownership is per meeting: an owner of one meeting is not an owner of the next", "[tilgang]") {
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

TEST_CASE("tilgang: a citizen answers for their own fnr only, and another citizen's answer leaves them as they were", "[tilgang]") {
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
        {"GET", path(id, "/allehendelser"), "", false},
        {"POST", path(id, "/jobbsoker/" + ids[0] + "/svar"), R"({"svar":true})", false},
        {"GET", path(id), "", true},  // the citizen view: either kind of token is read here
        {"POST", path(id, "/jobbsoker/borger/svar-ja"), "", true},
        {"GET", path(id, "/jobbsoker/borger"), "", true},
    };
    // Good claims for each side: the same claims, well signed, are let in (checked below), so a
    // 401 is the flaw's doing.
    auto veileder_claims = c.azure.counsellor_claims(kUtvikler, {test::kGruppeUtvikler});
    auto borger_claims = c.tokenx.citizen_claims(fnr);

    auto før = c.snapshot();
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
    CHECK(c.snapshot() == før);
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
    auto før = c.snapshot();

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
    CHECK(c.snapshot() == før);
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
