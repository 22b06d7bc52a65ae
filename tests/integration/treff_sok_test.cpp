// Meeting search ("Meeting search" in ../shared/spec/jobbsoker.md) over real HTTP and PostgreSQL:
// 300 meetings with known fields, and for each query the answer a plain model of the rules gives:
// filters, the always-applied rules, visning, sorting with ties by id, paging and the five
// aggregations that each ignore their own filter.
#include <catch2/catch.hpp>
#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <cctype>
#include <map>
#include <set>

#include "core/time.hpp"
#include "support/component.hpp"
#include "support/fnr.hpp"

using namespace rt;
using rt::test::Component;
using rt::test::path;

namespace {

constexpr const char* kA = "A111111";
constexpr const char* kB = "B222222";
constexpr int kAntall = 300;

struct Modelltreff {
    std::string id, kategori, status;
    std::vector<std::string> eiere;
    std::optional<std::string> fylke, kommune;
    std::optional<Instant> svarfrist;
    Instant opprettet, sist_endret;
};

std::vector<Modelltreff> lag_treff(Instant naa) {
    static const char* statuser[] = {"UTKAST", "PUBLISERT", "PUBLISERT", "FULLFØRT", "AVLYST", "SLETTET"};
    static const std::optional<std::string> fylker[] = {"03", "11", "46", std::nullopt};
    std::vector<Modelltreff> out;
    for (int i = 0; i < kAntall; ++i) {
        Modelltreff m;
        // Ids in an order unrelated to i, so that sorting by id is not sorting by i.
        m.id = fmt::format("{:08x}-0000-4000-8000-{:012d}", (i * 7919) % 1000, i);
        m.kategori = i % 5 == 0 ? "WORKOP" : "REKRUTTERINGSTREFF";
        m.status = statuser[i % 6];
        m.eiere = i % 3 == 0 ? std::vector<std::string>{kA} : i % 3 == 1 ? std::vector<std::string>{kB} : std::vector<std::string>{kB, kA};
        m.fylke = fylker[i % 4];
        if (m.fylke) m.kommune = *m.fylke + (i % 8 < 4 ? "01" : "02");
        if (i % 7 < 3) m.svarfrist = naa - std::chrono::hours(24);
        else if (i % 7 < 6) m.svarfrist = naa + std::chrono::hours(24);
        m.opprettet = naa - std::chrono::minutes(kAntall - i);
        m.sist_endret = naa - std::chrono::hours((i * 13) % 50);  // many ties: sorted by id within them
        out.push_back(std::move(m));
    }
    return out;
}

void sett_inn(const Component& c, const std::vector<Modelltreff>& treff) {
    auto conn = c.db.connect();
    for (const auto& m : treff) {
        std::optional<std::string> avlyst_fra;
        if (m.status == "AVLYST") avlyst_fra = "PUBLISERT";
        conn.query(R"(INSERT INTO rekrutteringstreff (id, tittel, status, opprettet_av_navident, opprettet_tidspunkt, eiere, sist_endret,
                          sist_endret_av, kategori, fylkesnummer, kommunenummer, svarfrist, avlyst_fra_status)
                      VALUES ($1, $2, $3, $4, $5, $6::text[], $7, $4, $8, $9, $10, $11, $12))",
                   m.id, "Treff " + m.id, m.status, m.eiere.front(), m.opprettet, m.eiere, m.sist_endret, m.kategori, m.fylke, m.kommune,
                   m.svarfrist, avlyst_fra);
    }
}

// Percent-encodes all but unreserved characters (the UTF-8 of Ø and Å too).
std::string kod(const std::string& v) {
    std::string out;
    for (unsigned char ch : v) {
        if (std::isalnum(ch) || ch == '-' || ch == '_' || ch == '.' || ch == ',') out += static_cast<char>(ch);
        else out += fmt::format("%{:02X}", ch);
    }
    return out;
}

struct Sok {
    std::string kaller = kA;
    bool mine = false;
    std::optional<std::vector<std::string>> kategorier, statuser, publisert, fylker, kommuner;
    std::string sortering = "sist_oppdaterte";
    int side = 1, per_side = 20;

    std::string query() const {
        std::string q = fmt::format("?sortering={}&side={}&antallPerSide={}", sortering, side, per_side);
        if (mine) q += "&visning=mine";
        auto liste = [&](const char* navn, const std::optional<std::vector<std::string>>& v) {
            if (v) q += fmt::format("&{}={}", navn, kod(fmt::format("{}", fmt::join(*v, ","))));
        };
        liste("kategorier", kategorier);
        liste("statuser", statuser);
        liste("publisertStatuser", publisert);
        liste("fylkesnumre", fylker);
        liste("kommunenumre", kommuner);
        return q;
    }
};

std::optional<std::string> publisert_status(const Modelltreff& m, Instant naa) {
    if (m.status != "PUBLISERT") return std::nullopt;
    return m.svarfrist && *m.svarfrist < naa ? "SVARFRIST_PASSERT" : "ÅPEN_FOR_SØKERE";
}

bool i(const std::optional<std::vector<std::string>>& liste, const std::optional<std::string>& v) {
    return !liste || (v && std::find(liste->begin(), liste->end(), *v) != liste->end());
}

struct Forventet {
    std::vector<std::string> side;
    long long totalt = 0;
    std::map<std::string, std::map<std::string, long long>> aggregeringer;
};

Forventet modell(const std::vector<Modelltreff>& alle, const Sok& s, Instant naa) {
    bool med_publisert = s.statuser && std::find(s.statuser->begin(), s.statuser->end(), "PUBLISERT") != s.statuser->end();
    std::vector<const Modelltreff*> treff;
    Forventet f;
    for (const auto& m : alle) {
        bool eier = std::find(m.eiere.begin(), m.eiere.end(), s.kaller) != m.eiere.end();
        if (m.status == "SLETTET" || (m.status == "UTKAST" && !eier) || (m.kategori == "WORKOP" && !eier) || (s.mine && !eier)) continue;
        auto ps = publisert_status(m, naa);
        bool k = i(s.kategorier, m.kategori);
        bool st = i(s.statuser, m.status) && (m.status != "PUBLISERT" || !med_publisert || i(s.publisert, ps));
        bool fy = i(s.fylker, m.fylke), ko = i(s.kommuner, m.kommune);
        if (st && fy && ko) ++f.aggregeringer["kategori"][m.kategori];
        if (k && fy && ko) ++f.aggregeringer["status"][m.status];
        if (k && fy && ko && ps) ++f.aggregeringer["publisertstatus"][*ps];
        if (k && st && m.fylke) ++f.aggregeringer["fylke"][*m.fylke];
        if (k && st && fy && m.kommune) ++f.aggregeringer["kommune"][*m.kommune];
        if (k && st && fy && ko) treff.push_back(&m);
    }
    std::sort(treff.begin(), treff.end(), [&](const Modelltreff* a, const Modelltreff* b) {
        if (s.sortering == "sist_oppdaterte" && a->sist_endret != b->sist_endret) return a->sist_endret > b->sist_endret;
        if (s.sortering == "nyeste" && a->opprettet != b->opprettet) return a->opprettet > b->opprettet;
        if (s.sortering == "eldste" && a->opprettet != b->opprettet) return a->opprettet < b->opprettet;
        return a->id < b->id;
    });
    f.totalt = static_cast<long long>(treff.size());
    for (std::size_t n = (s.side - 1) * s.per_side; n < treff.size() && n < std::size_t(s.side * s.per_side); ++n)
        f.side.push_back(treff[n]->id);
    return f;
}

std::map<std::string, long long> som_map(const boost::json::value& v) {
    std::map<std::string, long long> out;
    std::string forrige;
    for (const auto& e : v.as_array()) {
        std::string verdi(e.at("verdi").as_string());
        REQUIRE(forrige < verdi);  // sorted by verdi (byte order), each once
        forrige = verdi;
        out[verdi] = e.at("antall").as_int64();
    }
    return out;
}

void sjekk(const Component& c, const std::vector<Modelltreff>& alle, const Sok& s) {
    INFO(s.kaller << " " << s.query());
    auto token = s.kaller == kA ? c.arbeidsgiverrettet(kA) : c.jobbsokerrettet(s.kaller);
    auto svar = c.json("GET", "/api/rekrutteringstreff/sok" + s.query(), token).as_object();
    auto f = modell(alle, s, c.clock->now());
    std::vector<std::string> side;
    for (const auto& t : svar.at("treff").as_array()) side.emplace_back(t.at("id").as_string());
    REQUIRE(side == f.side);
    REQUIRE(svar.at("antallTotalt").as_int64() == f.totalt);
    REQUIRE(svar.at("side").as_int64() == s.side);
    REQUIRE(svar.at("antallPerSide").as_int64() == s.per_side);
    REQUIRE(som_map(svar.at("kategoriaggregering")) == f.aggregeringer["kategori"]);
    REQUIRE(som_map(svar.at("statusaggregering")) == f.aggregeringer["status"]);
    REQUIRE(som_map(svar.at("publisertstatusaggregering")) == f.aggregeringer["publisertstatus"]);
    REQUIRE(som_map(svar.at("geografiaggregering").at("fylkesnummeraggregering")) == f.aggregeringer["fylke"]);
    REQUIRE(som_map(svar.at("geografiaggregering").at("kommunenummeraggregering")) == f.aggregeringer["kommune"]);
}

}  // namespace

TEST_CASE("meeting search: 300 meetings, every filter, visning, sorting, paging and aggregation as the model says") {
    Component c;
    auto alle = lag_treff(c.clock->now());
    sett_inn(c, alle);

    Sok s;
    sjekk(c, alle, s);  // defaults
    s.side = 3;
    sjekk(c, alle, s);
    s.side = 1000;  // past the end: an empty page, the same totals
    sjekk(c, alle, s);
    for (const char* sortering : {"nyeste", "eldste", "sist_oppdaterte"}) {
        Sok t;
        t.sortering = sortering;
        t.per_side = 100;
        t.side = 2;
        sjekk(c, alle, t);
    }
    Sok k;
    k.kategorier = std::vector<std::string>{"WORKOP"};
    sjekk(c, alle, k);
    Sok st;
    st.statuser = std::vector<std::string>{"PUBLISERT", "AVLYST"};
    st.publisert = std::vector<std::string>{"SVARFRIST_PASSERT"};
    st.per_side = 7;
    st.side = 2;
    sjekk(c, alle, st);
    Sok uten_publisert;  // publisertStatuser counts only when statuser holds PUBLISERT
    uten_publisert.statuser = std::vector<std::string>{"UTKAST", "FULLFØRT"};
    uten_publisert.publisert = std::vector<std::string>{"ÅPEN_FOR_SØKERE"};
    sjekk(c, alle, uten_publisert);
    Sok geo;
    geo.fylker = std::vector<std::string>{"03", "46"};
    geo.kommuner = std::vector<std::string>{"0301", "4602", "1101"};
    geo.sortering = "eldste";
    sjekk(c, alle, geo);
    Sok alt;
    alt.kategorier = std::vector<std::string>{"REKRUTTERINGSTREFF"};
    alt.statuser = std::vector<std::string>{"PUBLISERT"};
    alt.publisert = std::vector<std::string>{"ÅPEN_FOR_SØKERE", "SVARFRIST_PASSERT"};
    alt.fylker = std::vector<std::string>{"11"};
    alt.per_side = 100;
    sjekk(c, alle, alt);
    Sok mine;
    mine.mine = true;
    mine.per_side = 50;
    sjekk(c, alle, mine);
    Sok annen;  // another counsellor sees no drafts and no WORKOP meetings but their own
    annen.kaller = kB;
    annen.per_side = 100;
    sjekk(c, alle, annen);
    Sok fremmed;
    fremmed.kaller = "C333333";
    fremmed.per_side = 100;
    sjekk(c, alle, fremmed);
}

TEST_CASE("meeting search: a hit has the spec's shape, publisertStatus and the job seekers' counts") {
    Component c;
    auto eier = c.arbeidsgiverrettet(kA);
    auto id = c.publisert_treff(eier);
    c.legg_til(id, 0, 3, eier);
    auto svar = c.json("GET", "/api/rekrutteringstreff/sok?statuser=PUBLISERT", c.utvikler()).as_object();
    REQUIRE(svar.at("antallTotalt").as_int64() == 1);
    auto t = svar.at("treff").as_array().at(0).as_object();
    REQUIRE(t.at("id").as_string() == id);
    REQUIRE(t.at("publisertStatus").as_string() == "ÅPEN_FOR_SØKERE");
    REQUIRE(t.at("opprettetAv").as_string() == kA);
    REQUIRE(t.at("eiere").as_array() == boost::json::array{kA});
    REQUIRE(t.at("antallJobbsøkere").as_int64() == 3);
    REQUIRE(t.at("antallJobbsøkereSvartJa").as_int64() == 0);
    REQUIRE(t.at("antallArbeidsgivere").as_int64() == 0);
    REQUIRE(t.at("antallJobbsøkereFåttJobb").as_int64() == 0);
    REQUIRE(t.at("kontorer").as_array().empty());
    for (auto felt : {"tittel", "beskrivelse", "kategori", "status", "fraTid", "tilTid", "svarfrist", "gateadresse", "postnummer",
                      "poststed", "kommunenummer", "fylkesnummer", "opprettetAvTidspunkt", "sistEndret"})
        REQUIRE(t.contains(felt));
    REQUIRE(t.size() == 23);
    // A literal segment wins over {id}.
    REQUIRE(c.call("GET", "/api/rekrutteringstreff/sok", c.jobbsokerrettet()).status == 200);
}

TEST_CASE("meeting search: unknown values and numbers out of range are 400, citizens 403, no token 401") {
    Component c;
    auto token = c.jobbsokerrettet();
    for (const char* q : {"visning=mitt_kontor", "visning=noen", "kategorier=MØTE", "statuser=SLETTET", "statuser=PUBLISERT,X",
                          "publisertStatuser=APEN", "publisertFristUtgatt=ja", "sortering=tilfeldig", "side=0", "side=-1", "side=x",
                          "side=1.5", "antallPerSide=0", "antallPerSide=101", "antallPerSide=", "fylkesnumre=3", "kommunenumre=03011",
                          "statuser=%ZZ"}) {
        INFO(q);
        auto r = c.call("GET", std::string("/api/rekrutteringstreff/sok?") + q, token);
        REQUIRE(r.status == 400);
        REQUIRE(r.headers.at("content-type").starts_with("application/problem+json"));
    }
    for (const char* q : {"visning=alle", "visning=valgte_kontorer&kontorer=0315", "publisertFristUtgatt=true", "statuser=",
                          "statuser=FULLF%C3%98RT", "antallPerSide=100&side=2"}) {
        INFO(q);
        REQUIRE(c.call("GET", std::string("/api/rekrutteringstreff/sok?") + q, token).status == 200);
    }
    REQUIRE(c.call("GET", "/api/rekrutteringstreff/sok", c.borger(rt::test::test_fnr(0))).status == 403);
    REQUIRE(c.call("GET", "/api/rekrutteringstreff/sok", "ugyldig").status == 401);
}
