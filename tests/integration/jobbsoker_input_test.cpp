// Bad input over real HTTP (status codes and validation rules in ../shared/spec/jobbsoker.md):
// every refusal is a 400 problem+json (413 for a body over the limit) that names no fødselsnummer
// and leaves the database exactly as it was; what is valid is stored byte for byte.
#include <catch2/catch.hpp>
#include <fmt/format.h>

#include <regex>

#include "core/time.hpp"
#include "support/component.hpp"
#include "support/fnr.hpp"

using namespace rt;
using rt::test::Component;
using rt::test::test_fnr;

using rt::test::path;
namespace {


// Valid numbers that are not from test_fnr's sequence (month + 80), worked out with the rule in
// src/modules/jobbsoker/fodselsnummer.cpp (weights 3 7 6 1 8 9 4 5 2, then 5 4 3 2 7 6 5 4 3 2).
constexpr const char* kVanlig = "17059010182";     // 17.05.90, individ 101
constexpr const char* kDnummer = "57129010063";    // day 17 + 40: a D-number
constexpr const char* kSyntetisk = "01459010099";  // month 05 + 40: a synthetic test number


std::string kort(const std::string& s) { return s.size() <= 160 ? s : s.substr(0, 160) + fmt::format("... ({} bytes)", s.size()); }

// One digit of a valid number changed: always fails a control digit (each weight is non-zero mod 11).
std::string endret_siffer(const std::string& fnr, std::size_t pos) {
    auto out = fnr;
    out[pos] = static_cast<char>('0' + (out[pos] - '0' + 1) % 10);
    return out;
}

// Every fødselsnummer this file sends, valid or not: none of them may come back in a problem.
const std::vector<std::string>& alle_fnr() {
    static const std::vector<std::string> alle = [] {
        std::vector<std::string> v{kVanlig, kDnummer, kSyntetisk};
        for (int i = 0; i < 40; ++i) v.push_back(test_fnr(i));
        for (std::size_t pos = 0; pos < 11; ++pos) v.push_back(endret_siffer(test_fnr(7), pos));
        return v;
    }();
    return alle;
}

// A request that must be refused with `forventet` and leave the database as `før` says.
void avvist(const Component& c, const std::string& før, const std::string& method, const std::string& p,
            const std::string& token, const std::string& body, int forventet = 400) {
    http::ClientResponse r;
    try {
        r = c.call(method, p, token, body);
    } catch (const std::exception& e) {
        // No answer at all (e.g. the connection reset under a large body): a failure of this row,
        // and the database must still be as it was.
        FAIL_CHECK(method << " " << p << " " << kort(body) << ": no answer, " << e.what());
        CHECK(c.snapshot() == før);
        return;
    }
    INFO(method << " " << p << " " << kort(body) << " -> " << r.status << " " << r.body);
    CHECK(r.status == forventet);
    CHECK(r.headers["content-type"] == "application/problem+json");
    boost::system::error_code ec;
    auto problem = boost::json::parse(r.body, ec);
    const auto* o = !ec ? problem.if_object() : nullptr;
    const auto* status = o ? o->if_contains("status") : nullptr;
    const auto* d = o ? o->if_contains("detail") : nullptr;
    CHECK((status && status->is_int64() && status->as_int64() == forventet));
    std::string detail(d && d->is_string() ? std::string_view(d->as_string()) : std::string_view());
    CHECK(!detail.empty());
    CHECK(!std::regex_search(detail, std::regex("[0-9]{11}")));  // nothing that looks like an fnr
    std::string gjentatt;  // the first of our fødselsnumre found in the answer, if any
    for (const auto& fnr : alle_fnr())
        if (gjentatt.empty() && r.body.find(fnr) != std::string::npos) gjentatt = fnr;
    CHECK(gjentatt == "");
    CHECK(c.snapshot() == før);
}

// One job seeker as JSON.
std::string js(const std::string& fnr, const std::string& fornavn = "Kari", const std::string& etternavn = "Nordmann") {
    return boost::json::serialize(boost::json::object{{"fødselsnummer", fnr}, {"fornavn", fornavn}, {"etternavn", etternavn}});
}
std::string liste(std::initializer_list<std::string> elementer) {
    std::string out = "[";
    for (const auto& e : elementer) out += (out.size() > 1 ? "," : "") + e;
    return out + "]";
}

std::string repeat(const std::string& s, int n) {
    std::string out;
    for (int i = 0; i < n; ++i) out += s;
    return out;
}

// A meeting with something on it for the bad requests to (not) change: published, owned by
// Z100001, test_fnr(0) invited and test_fnr(1) added; and an empty UTKAST.
struct Oppsett {
    std::string eier, treff, utkast;
    std::vector<std::string> ids;
};
Oppsett oppsett(const Component& c) {
    Oppsett o;
    o.eier = c.arbeidsgiverrettet("Z100001");
    o.treff = c.publisert_treff(o.eier);
    o.ids = c.legg_til(o.treff, 0, 2, o.eier);
    c.json("POST", path(o.treff, "/jobbsoker/inviter"), o.eier, boost::json::serialize(boost::json::object{{"personTreffIder", {o.ids[0]}}}));
    o.utkast = std::string(c.json("POST", "/api/rekrutteringstreff", o.eier, R"({"tittel":"Utkast"})", 201).at("id").as_string());
    return o;
}

}  // namespace

TEST_CASE("input: malformed JSON on every body is 400 and changes nothing", "[input]") {
    Component c;
    auto o = oppsett(c);
    auto før = c.snapshot();
    const std::vector<std::pair<std::string, std::string>> endepunkter = {
        {"POST", "/api/rekrutteringstreff"},
        {"PUT", path(o.treff)},
        {"PUT", path(o.utkast)},
        {"POST", path(o.treff, "/jobbsoker")},
        {"POST", path(o.treff, "/jobbsoker/sok")},
        {"POST", path(o.treff, "/jobbsoker/inviter")},
        {"POST", path(o.treff, "/endringer")},
        {"POST", path(o.treff, "/jobbsoker/" + o.ids[0] + "/svar")},
    };
    const std::vector<std::string> ugyldig = {
        "{",
        R"({"tittel":})",
        R"({"tittel":"Treff",})",                       // trailing comma
        R"({"tittel":"Treff"} {"tittel":"Treff"})",     // two documents
        R"({'tittel':'Treff'})",                        // single quotes
        "tittel=Treff",                                 // a form, not JSON
        "[" + js(test_fnr(5)),                          // cut off
        "{\"tittel\":\"Tr\xff\xfe\"}",                  // not UTF-8
        R"({"tittel":"Tr\u00"})",                       // broken escape
        R"({"tittel":"Tr\ud800"})",                     // lone surrogate
        std::string(100000, '['),                       // nested deeper than any parser should go
    };
    for (const auto& [method, p] : endepunkter)
        for (const auto& body : ugyldig) avvist(c, før, method, p, o.eier, body);
    // An empty body counts as {}: fine where every field is optional (create, search), 400 where a
    // field is required, and never a list of job seekers.
    avvist(c, før, "POST", path(o.treff, "/jobbsoker"), o.eier, "");
    avvist(c, før, "POST", path(o.treff, "/jobbsoker/inviter"), o.eier, "");
    avvist(c, før, "PUT", path(o.treff), o.eier, "");
    avvist(c, før, "POST", path(o.treff, "/endringer"), o.eier, "");
    avvist(c, før, "POST", path(o.treff, "/jobbsoker/" + o.ids[0] + "/svar"), o.eier, "");
}

TEST_CASE("input: a body or a field of the wrong JSON type is 400 and changes nothing", "[input]") {
    Component c;
    auto o = oppsett(c);
    auto før = c.snapshot();
    const auto t = o.eier;

    for (const auto* body : {"[]", R"("Treff")", "42", "null", R"({"tittel":42})", R"({"tittel":["Treff"]})", R"({"tittel":true})",
                             R"({"tittel":{"tekst":"Treff"}})", R"({"kategori":1})", R"({"kategori":"workop"})",
                             R"({"kategori":"ANNET"})", R"({"kategori":["WORKOP"]})", R"({"tittel":"T","kategori":""})"})
        avvist(c, før, "POST", "/api/rekrutteringstreff", t, body);

    for (const auto* body : {"[]", R"({"tittel":42})", R"({"tittel":"T","fraTid":1893456000})",
                             R"({"tittel":"T","fraTid":"i morgen klokka ti"})", R"({"tittel":"T","fraTid":"2030-02-30T10:00:00+01:00"})",
                             R"({"tittel":"T","tilTid":"2030-06-01 kl 10"})", R"({"tittel":"T","svarfrist":{}})",
                             R"({"tittel":"T","beskrivelse":["a"]})", R"({"tittel":"T","gateadresse":1})",
                             R"({"tittel":"T","postnummer":123})", R"({"tittel":"T","postnummer":"12a4"})",
                             R"({"tittel":"T","postnummer":"01234"})", R"({"tittel":"T","kommunenummer":"030"})",
                             R"({"tittel":"T","kommunenummer":"03011"})", R"({"tittel":"T","kommunenummer":301})",
                             R"({"tittel":"T","kommunenummer":"03a1"})", R"({"tittel":"T","fylkesnummer":"3"})",
                             R"({"tittel":"T","fylkesnummer":"030"})", R"({"tittel":"T","fylkesnummer":3})",
                             R"({"tittel":"T","kommune":5})", R"({"tittel":"T","fylke":["Oslo"]})",
                             R"({"tittel":"T","fraTid":"2030-06-01T12:00:00Z","tilTid":"2030-06-01T10:00:00Z"})"})
        avvist(c, før, "PUT", path(o.treff), t, body);

    const auto jp = path(o.treff, "/jobbsoker");
    for (const auto& body : std::vector<std::string>{
             "{}", "null", R"("tekst")", "[42]", R"([["Kari","Nordmann"]])", js(test_fnr(5)),  // an object, not a list
             fmt::format(R"([{{"fødselsnummer":{},"fornavn":"Kari","etternavn":"Nordmann"}}])", kVanlig),
             fmt::format(R"([{{"fødselsnummer":"{}","fornavn":42,"etternavn":"Nordmann"}}])", kVanlig),
             fmt::format(R"([{{"fødselsnummer":"{}","fornavn":"Kari","etternavn":[]}}])", kVanlig),
             fmt::format(R"([{{"fødselsnummer":"{}","fornavn":"Kari","etternavn":"Nordmann","lagtTilAvNavn":1}}])", kVanlig),
             fmt::format(R"([{{"fødselsnummer":["{}"],"fornavn":"Kari","etternavn":"Nordmann"}}])", kVanlig)})
        avvist(c, før, "POST", jp, t, body);

    const auto sok = path(o.treff, "/jobbsoker/sok");
    for (const auto* body : {"[]", R"({"status":"INVITERT"})", R"({"status":[1]})", R"({"status":{"INVITERT":true}})",
                             R"({"side":"1"})", R"({"side":1.5})", R"({"side":0})", R"({"side":-1})", R"({"side":99999999999999999999})",
                             R"({"antallPerSide":"25"})", R"({"antallPerSide":0})", R"({"antallPerSide":101})", R"({"fritekst":5})"})
        avvist(c, før, "POST", sok, t, body);

    const auto inv = path(o.treff, "/jobbsoker/inviter");
    for (const auto& body : std::vector<std::string>{
             "[]", "{}", R"({"personTreffIder":null})", R"({"personTreffIder":[42]})", R"({"personTreffIder":["ikke-en-uuid"]})",
             fmt::format(R"({{"personTreffIder":{{"id":"{}"}}}})", o.ids[1]), fmt::format(R"({{"personTreffIder":"{}"}})", o.ids[1]),
             fmt::format(R"({{"personTreffIder":["{}","{}x"]}})", o.ids[1], o.ids[1])})
        avvist(c, før, "POST", inv, t, body);
    for (const auto* body : {"[]", "{}", "null", R"({"endredeFelter":null})", R"({"endredeFelter":"NAVN"})", R"({"endredeFelter":[1]})",
                             R"({"endredeFelter":["NAVN",null]})", R"({"endredeFelter":{"NAVN":true}})", R"({"endrede_felter":["NAVN"]})"})
        avvist(c, før, "POST", path(o.treff, "/endringer"), t, body);

    const auto svar = path(o.treff, "/jobbsoker/" + o.ids[0] + "/svar");
    for (const auto* body : {"[]", "{}", "null", "true", R"({"svar":"ja"})", R"({"svar":"true"})", R"({"svar":1})", R"({"svar":0})",
                             R"({"svar":[true]})", R"({"svar":{}})", R"({"Svar":true})"})
        avvist(c, før, "POST", svar, t, body);

    // None of that invited the job seeker who was only added.
    CHECK(c.db.scalar("SELECT status FROM jobbsoker WHERE id = '" + o.ids[1] + "'") == "LAGT_TIL");
}

TEST_CASE("input: a missing or blank required field is 400 and changes nothing", "[input]") {
    Component c;
    auto o = oppsett(c);
    auto før = c.snapshot();
    for (const auto* body : {"{}", R"({"tittel":null})", R"({"tittel":""})", R"({"tittel":"  \t "})",
                             R"({"beskrivelse":"Uten tittel","poststed":"Oslo"})"})
        avvist(c, før, "PUT", path(o.treff), o.eier, body);
    CHECK(c.db.scalar("SELECT tittel FROM rekrutteringstreff WHERE id = '" + o.treff + "'") == "Jobbtreff hos Bedrift AS");

    const auto jp = path(o.treff, "/jobbsoker");
    for (const auto& body : std::vector<std::string>{
             fmt::format(R"([{{"fødselsnummer":"{}","etternavn":"Nordmann"}}])", kVanlig),
             fmt::format(R"([{{"fødselsnummer":"{}","fornavn":"Kari"}}])", kVanlig),
             R"([{"fornavn":"Kari","etternavn":"Nordmann"}])",
             fmt::format(R"([{{"fødselsnummer":null,"fornavn":"Kari","etternavn":"Nordmann"}}])"),
             fmt::format(R"([{{"fødselsnummer":"{}","fornavn":null,"etternavn":"Nordmann"}}])", kVanlig),
             liste({js(kVanlig, "", "Nordmann")}), liste({js(kVanlig, "Kari", "")}),
             liste({js(kVanlig, "   ", "Nordmann")}), liste({js(kVanlig, "Kari", "\n\t")}),
             R"([{}])"})
        avvist(c, før, "POST", jp, o.eier, body);
}

TEST_CASE("input: an fnr with a wrong control digit, the wrong length or letters is 400, and is not echoed", "[input]") {
    Component c;
    auto o = oppsett(c);
    auto før = c.snapshot();
    const auto jp = path(o.treff, "/jobbsoker");
    const std::string gyldig = test_fnr(7);
    std::vector<std::string> ugyldige;
    for (std::size_t pos = 0; pos < 11; ++pos) ugyldige.push_back(endret_siffer(gyldig, pos));  // every digit in turn
    for (const auto& s : {gyldig.substr(0, 10), gyldig + "0", std::string("0") + gyldig, std::string(""),
                          gyldig.substr(0, 5) + "O" + gyldig.substr(6),  // letter O for a zero
                          std::string("abcdefghijk"), gyldig.substr(0, 6) + " " + gyldig.substr(6), gyldig.substr(0, 6) + "-" + gyldig.substr(6),
                          " " + gyldig, gyldig + "\n"})
        ugyldige.push_back(s);
    for (const auto& fnr : ugyldige) {
        auto r = c.call("POST", jp, o.eier, liste({js(fnr)}));
        INFO("fødselsnummer '" << fnr << "' -> " << r.status << " " << r.body);
        CHECK(r.status == 400);
        CHECK(r.body.find("fødselsnummer") != std::string::npos);  // says what is wrong ...
        if (!fnr.empty()) CHECK(r.body.find(fnr) == std::string::npos);  // ... without repeating it
        avvist(c, før, "POST", jp, o.eier, liste({js(fnr)}));
    }
    CHECK(c.db.count("SELECT count(*) FROM jobbsoker") == 2);  // the two of the set-up only
}

TEST_CASE("input: a D-number (day + 40) and a synthetic number (month + 40) with valid control digits are accepted", "[input]") {
    Component c;
    auto eier = c.arbeidsgiverrettet();
    auto id = c.publisert_treff(eier);
    auto body = liste({js(kDnummer, "Dina", "Dnummer"), js(kSyntetisk, "Synne", "Syntetisk"),
                       js(kVanlig, "Vanja", "Vanlig"), js(test_fnr(3), "Åtti", "Pluss")});
    auto r = c.json("POST", path(id, "/jobbsoker"), eier, body, 201);
    REQUIRE(r.at("personTreffIder").as_array().size() == 4);
    std::map<std::string, std::string> navn_per_fnr;
    auto liste_svar = c.json("GET", path(id, "/jobbsoker"), eier);  // kept: the loop reads into it
    for (const auto& j : liste_svar.as_array())
        navn_per_fnr[std::string(j.at("fødselsnummer").as_string())] = std::string(j.at("fornavn").as_string());
    CHECK(navn_per_fnr == std::map<std::string, std::string>{{kDnummer, "Dina"}, {kSyntetisk, "Synne"}, {kVanlig, "Vanja"}, {test_fnr(3), "Åtti"}});
    // The same numbers with their last digit changed are not.
    for (const auto* fnr : {kDnummer, kSyntetisk, kVanlig})
        CHECK(c.call("POST", path(id, "/jobbsoker"), eier, liste({js(endret_siffer(fnr, 10))})).status == 400);
}

TEST_CASE("input: names are at most 100 characters, a character being one code point however many bytes", "[input]") {
    Component c;
    auto eier = c.arbeidsgiverrettet();
    auto id = c.publisert_treff(eier);
    auto før = c.snapshot();
    const auto jp = path(id, "/jobbsoker");
    const std::string a101 = std::string(101, 'a'), oe101 = repeat("Ø", 101), emoji101 = repeat("😀", 101);
    avvist(c, før, "POST", jp, eier, liste({js(test_fnr(0), a101, "Nordmann")}));
    avvist(c, før, "POST", jp, eier, liste({js(test_fnr(0), "Kari", a101)}));
    avvist(c, før, "POST", jp, eier, liste({js(test_fnr(0), oe101, "Nordmann")}));
    avvist(c, før, "POST", jp, eier, liste({js(test_fnr(0), "Kari", emoji101)}));

    // 100 characters: 100 bytes, 200 bytes ("Ø" is two) and 400 bytes ("😀" is four) are all fine.
    const std::string a100(100, 'a'), oe100 = repeat("Ø", 100), emoji100 = repeat("😀", 100);
    REQUIRE(oe100.size() == 200);
    REQUIRE(emoji100.size() == 400);
    c.json("POST", jp, eier,
           liste({js(test_fnr(0), a100, oe100), js(test_fnr(1), oe100, emoji100), js(test_fnr(2), emoji100, a100)}), 201);
    std::map<std::string, std::pair<std::string, std::string>> lest;
    auto liste_svar = c.json("GET", jp, eier);
    for (const auto& j : liste_svar.as_array())
        lest[std::string(j.at("fødselsnummer").as_string())] = {std::string(j.at("fornavn").as_string()), std::string(j.at("etternavn").as_string())};
    CHECK(lest[test_fnr(0)] == std::pair{a100, oe100});
    CHECK(lest[test_fnr(1)] == std::pair{oe100, emoji100});
    CHECK(lest[test_fnr(2)] == std::pair{emoji100, a100});
    CHECK(c.db.scalar("SELECT string_agg(char_length(fornavn) || '/' || octet_length(fornavn), ';' ORDER BY octet_length(fornavn)) FROM jobbsoker") ==
          "100/100;100/200;100/400");
}

TEST_CASE("input: a title is at most 200 characters and at most 255 UTF-16 code units, on create and PUT", "[input]") {
    Component c;
    auto eier = c.arbeidsgiverrettet();
    auto id = c.publisert_treff(eier, "Før");
    auto tittel = [](const std::string& t) { return boost::json::serialize(boost::json::object{{"tittel", t}}); };
    auto put = [&](const std::string& t) {
        auto body = boost::json::parse(c.felter("x")).as_object();
        body["tittel"] = t;
        return boost::json::serialize(body);
    };
    // Refused: 201 characters; 128 emoji (128 characters, but 256 UTF-16 units); 127 emoji and two
    // letters (129 characters, 256 units); and the empty title.
    const std::vector<std::string> for_lange = {std::string(201, 'a'), repeat("Ø", 201), repeat("😀", 128), repeat("😀", 127) + "ab",
                                                repeat("æ", 200) + "😀", ""};
    auto før = c.snapshot();
    for (const auto& t : for_lange) {
        avvist(c, før, "POST", "/api/rekrutteringstreff", eier, tittel(t));
        avvist(c, før, "PUT", path(id), eier, put(t));
    }
    CHECK(c.json("GET", path(id), eier).at("tittel").as_string() == "Før");

    // Accepted at the edges: 200 characters of the BMP (400 bytes), 127 emoji and one letter
    // (255 units), 100 emoji (200 characters, 200 units); stored and read back byte for byte.
    for (const auto& t : {repeat("Ø", 200), std::string(200, 'a'), repeat("😀", 127) + "a", repeat("😀", 100)}) {
        auto ny = std::string(c.json("POST", "/api/rekrutteringstreff", eier, tittel(t), 201).at("id").as_string());
        CHECK(c.json("GET", path(ny), eier).at("tittel").as_string() == t);
        CHECK(c.json("PUT", path(id), eier, put(t)).at("tittel").as_string() == t);
        CHECK(c.db.scalar("SELECT tittel FROM rekrutteringstreff WHERE id = '" + id + "'") == t);
    }
}

TEST_CASE("input: an unknown status in the search filter is 400, and the known ones filter", "[input]") {
    Component c;
    auto o = oppsett(c);
    auto før = c.snapshot();
    const auto sok = path(o.treff, "/jobbsoker/sok");
    for (const auto* body : {R"({"status":["UKJENT"]})", R"({"status":["invitert"]})", R"({"status":["INVITERT","UKJENT"]})",
                             R"({"status":[""]})", R"({"status":["INVITERT "]})", R"({"status":["SVART_JA_TIL_INVITASJON"]})"})
        avvist(c, før, "POST", sok, o.eier, body);
    // The control: the same request with a known value answers.
    auto r = c.json("POST", sok, o.eier, R"({"status":["INVITERT"]})").as_object();
    CHECK(r.at("totalt").as_int64() == 1);
    CHECK(r.at("jobbsøkere").at(0).at("personTreffId").as_string() == o.ids[0]);
}

TEST_CASE("input: a path id that is not a UUID is 400 on every route", "[input]") {
    Component c;
    auto o = oppsett(c);
    auto før = c.snapshot();
    auto borger = c.borger(test_fnr(0));
    const auto felter = R"({"tittel":"Nytt navn"})";
    const std::vector<std::string> ugyldige = {"ikke-en-uuid", "123", o.treff + "0", o.treff.substr(1), "6f1c3a52-9b7e-4c2d-8e1f-0a1b2c3d4e5g",
                                               "6f1c3a52_9b7e_4c2d_8e1f_0a1b2c3d4e5f", "%27%20OR%201%3D1%20--", "6f1c3a529b7e4c2d8e1f0a1b2c3d4e5f00"};
    for (const auto& bad : ugyldige) {
        avvist(c, før, "GET", path(bad), o.eier, "");
        avvist(c, før, "PUT", path(bad), o.eier, felter);
        avvist(c, før, "DELETE", path(bad), o.eier, "");
        avvist(c, før, "POST", path(bad, "/publiser"), o.eier, "");
        avvist(c, før, "POST", path(bad, "/avlys"), o.eier, "");
        avvist(c, før, "POST", path(bad, "/fullfor"), o.eier, "");
        avvist(c, før, "POST", path(bad, "/avpubliser"), o.eier, "");
        avvist(c, før, "POST", path(bad, "/gjenapn"), o.eier, "");
        avvist(c, før, "POST", path(bad, "/endringer"), o.eier, R"({"endredeFelter":["NAVN"]})");
        avvist(c, før, "GET", path(bad, "/hendelser"), o.eier, "");
        avvist(c, før, "GET", path(bad, "/allehendelser"), o.eier, "");
        avvist(c, før, "GET", path(bad), borger, "");
        avvist(c, før, "POST", path(bad, "/jobbsoker/" + o.ids[0] + "/svar"), o.eier, R"({"svar":true})");
        avvist(c, før, "POST", path(o.treff, "/jobbsoker/" + bad + "/svar"), o.eier, R"({"svar":true})");
        avvist(c, før, "POST", path(bad, "/jobbsoker"), o.eier, liste({js(test_fnr(5))}));
        avvist(c, før, "GET", path(bad, "/jobbsoker"), o.eier, "");
        avvist(c, før, "POST", path(bad, "/jobbsoker/sok"), o.eier, "{}");
        avvist(c, før, "POST", path(bad, "/jobbsoker/inviter"), o.eier,
               boost::json::serialize(boost::json::object{{"personTreffIder", {o.ids[1]}}}));
        avvist(c, før, "DELETE", path(bad, "/jobbsoker/" + o.ids[1] + "/slett"), o.eier, "");
        avvist(c, før, "DELETE", path(o.treff, "/jobbsoker/" + bad + "/slett"), o.eier, "");
        avvist(c, før, "GET", path(bad, "/jobbsoker/hendelser"), o.eier, "");
        avvist(c, før, "GET", path(bad, "/jobbsoker/borger"), borger, "");
        avvist(c, før, "POST", path(bad, "/jobbsoker/borger/svar-ja"), borger, "");
        avvist(c, før, "POST", path(bad, "/jobbsoker/borger/svar-nei"), borger, "");
    }
    // Upper-case hex is still a UUID: the same meeting.
    std::string stor = o.treff;
    for (auto& ch : stor) ch = static_cast<char>(std::toupper(static_cast<unsigned char>(ch)));
    CHECK(c.json("GET", path(stor), o.eier).at("id").as_string() == o.treff);
}

TEST_CASE("input: a 2 MB body is 413 problem+json and changes nothing", "[input]") {
    Component c;
    auto o = oppsett(c);
    auto før = c.snapshot();
    // Valid JSON in every other respect, so the size alone is the reason.
    std::string mange = "[";
    for (int i = 0; mange.size() < 2 * 1024 * 1024; ++i) mange += (i ? "," : "") + js(test_fnr(2 + i % 30));
    mange += "]";
    auto stor_beskrivelse = boost::json::serialize(boost::json::object{{"tittel", "Stor"}, {"beskrivelse", std::string(2 * 1024 * 1024, 'x')}});
    avvist(c, før, "POST", path(o.treff, "/jobbsoker"), o.eier, mange, 413);
    avvist(c, før, "PUT", path(o.treff), o.eier, stor_beskrivelse, 413);
    avvist(c, før, "POST", "/api/rekrutteringstreff", o.eier, stor_beskrivelse, 413);
    // The service is still there for the next, ordinary request.
    CHECK(c.json("GET", path(o.treff), o.eier).at("tittel").as_string() == "Jobbtreff hos Bedrift AS");
}

TEST_CASE("input: adding in bulk is all or nothing: an invalid 3rd of 5 stores none of them", "[input]") {
    Component c;
    auto o = oppsett(c);
    auto før = c.snapshot();
    const auto jp = path(o.treff, "/jobbsoker");
    auto fem = [&](const std::string& tredje) {
        return liste({js(test_fnr(10), "En", "Nordmann"), js(test_fnr(11), "To", "Nordmann"), tredje,
                      js(test_fnr(13), "Fire", "Nordmann"), js(test_fnr(14), "Fem", "Nordmann")});
    };
    for (const auto& tredje : std::vector<std::string>{
             js(endret_siffer(test_fnr(12), 9), "Tre", "Nordmann"), js(test_fnr(12), std::string(101, 'T'), "Nordmann"),
             js(test_fnr(12), "Tre", ""), R"({"fornavn":"Tre","etternavn":"Nordmann"})",
             fmt::format(R"({{"fødselsnummer":"{}","fornavn":"Tre"}})", test_fnr(12)), "42"}) {
        auto r = c.call("POST", jp, o.eier, fem(tredje));
        INFO(kort(tredje) << " -> " << r.status << " " << r.body);
        CHECK(r.status == 400);
        CHECK(r.body.find("nr. 3") != std::string::npos);  // points at the culprit
        avvist(c, før, "POST", jp, o.eier, fem(tredje));
        CHECK(c.db.count("SELECT count(*) FROM jobbsoker WHERE rekrutteringstreff_id = '" + o.treff + "'") == 2);
    }
    // The control: with the 3rd put right, all five are stored, and the fingerprint sees it.
    auto r = c.json("POST", jp, o.eier, fem(js(test_fnr(12), "Tre", "Nordmann")), 201);
    CHECK(r.at("personTreffIder").as_array().size() == 5);
    CHECK(c.db.scalar("SELECT string_agg(fornavn, ',' ORDER BY fornavn) FROM jobbsoker WHERE etternavn = 'Nordmann'") == "En,Fem,Fire,To,Tre");
    CHECK(c.db.count("SELECT count(*) FROM jobbsoker WHERE rekrutteringstreff_id = '" + o.treff + "'") == 7);
    CHECK(c.snapshot() != før);
}

TEST_CASE("input: SQL-looking and special strings are stored verbatim and read back byte for byte", "[input]") {
    Component c;
    auto eier = c.arbeidsgiverrettet();
    auto id = c.publisert_treff(eier);
    const std::vector<std::string> rare = {"Robert'); DROP TABLE jobbsoker; --", "%", "_", "\\", "O'Brien", "\"Sitat\"",
                                           "{\"a\",NULL}", "NULL", "  mellomrom  ", "$1", "Ærlig Østby-Åsen", "😀", "a\\%b_c",
                                           "linje\nto", "' OR '1'='1"};
    boost::json::array body;
    for (std::size_t i = 0; i < rare.size(); ++i)
        body.push_back({{"fødselsnummer", test_fnr(10 + static_cast<int>(i))}, {"fornavn", rare[i]}, {"etternavn", rare[rare.size() - 1 - i]}});
    c.json("POST", path(id, "/jobbsoker"), eier, boost::json::serialize(body), 201);

    std::map<std::string, std::pair<std::string, std::string>> lest;
    auto liste_svar = c.json("GET", path(id, "/jobbsoker"), eier);  // kept: the loop reads into it
    for (const auto& j : liste_svar.as_array())
        lest[std::string(j.at("fødselsnummer").as_string())] = {std::string(j.at("fornavn").as_string()), std::string(j.at("etternavn").as_string())};
    REQUIRE(lest.size() == rare.size());
    for (std::size_t i = 0; i < rare.size(); ++i) {
        auto fnr = test_fnr(10 + static_cast<int>(i));
        INFO("name " << i << ": '" << rare[i] << "'");
        CHECK(lest[fnr].first == rare[i]);
        CHECK(lest[fnr].second == rare[rare.size() - 1 - i]);
        auto rad = c.db.connect().query("SELECT fornavn, etternavn FROM jobbsoker WHERE fodselsnummer = $1", fnr);
        CHECK(rad.str(0, 0) == rare[i]);
        CHECK(rad.str(0, 1) == rare[rare.size() - 1 - i]);
    }
    CHECK(c.db.count("SELECT count(*) FROM jobbsoker") == static_cast<long long>(rare.size()));

    // The search takes them as characters: % and _ are no wildcards, \ is no escape.
    auto treff = [&](const std::string& fritekst) {
        auto r = c.json("POST", path(id, "/jobbsoker/sok"), eier, boost::json::serialize(boost::json::object{{"fritekst", fritekst}}));
        return r.at("totalt").as_int64();
    };
    auto forventet = [&](const std::string& fritekst) {
        long long n = 0;
        for (std::size_t i = 0; i < rare.size(); ++i)
            if ((rare[i] + " " + rare[rare.size() - 1 - i]).find(fritekst) != std::string::npos ||
                (rare[rare.size() - 1 - i] + " " + rare[i]).find(fritekst) != std::string::npos)
                ++n;
        return n;
    };
    for (const auto* s : {"%", "_", "\\", "'", "\\%", "%b_", "DROP TABLE"}) {
        INFO("fritekst '" << s << "'");
        CHECK(treff(s) == forventet(s));
    }
    CHECK(forventet("%") == 4);  // not vacuous: four job seekers have a % in one of their names

    // Titles, through create and change.
    for (const auto& tittel : rare) {
        if (tittel.find_first_not_of(" \t\r\n") == std::string::npos) continue;
        auto ny = std::string(c.json("POST", "/api/rekrutteringstreff", eier, boost::json::serialize(boost::json::object{{"tittel", tittel}}), 201)
                                  .at("id").as_string());
        INFO("tittel '" << tittel << "'");
        CHECK(c.json("GET", path(ny), eier).at("tittel").as_string() == tittel);
        auto endret = tittel + " (endret)";
        CHECK(c.json("PUT", path(ny), eier, boost::json::serialize(boost::json::object{{"tittel", endret}, {"poststed", tittel}}))
                  .at("tittel").as_string() == endret);
        auto rad = c.db.connect().query("SELECT tittel, poststed FROM rekrutteringstreff WHERE id = $1", ny);
        CHECK(rad.str(0, 0) == endret);
        CHECK(rad.str(0, 1) == tittel);
    }
    CHECK(c.db.count("SELECT count(*) FROM rekrutteringstreff") == static_cast<long long>(rare.size()) + 1);
}

TEST_CASE("input: a NUL character in a name or a title is refused with 400, not cut off and not a 500", "[input]") {
    Component c;
    auto o = oppsett(c);
    auto før = c.snapshot();
    // Valid JSON, but PostgreSQL text cannot hold U+0000: what was sent could never be stored as sent.
    avvist(c, før, "POST", path(o.treff, "/jobbsoker"), o.eier, fmt::format(R"([{{"fødselsnummer":"{}","fornavn":"Ka\u0000ri","etternavn":"Nordmann"}}])", kVanlig));
    avvist(c, før, "POST", "/api/rekrutteringstreff", o.eier, R"({"tittel":"Jobb\u0000treff"})");
    avvist(c, før, "PUT", path(o.treff), o.eier, R"({"tittel":"Jobb\u0000treff"})");
    avvist(c, før, "PUT", path(o.treff), o.eier, R"({"tittel":"Jobbtreff","poststed":"Os\u0000lo"})");
    // Spelled out: nothing was stored cut off at the NUL, and the invited job seeker was told of no change.
    CHECK(c.db.count("SELECT count(*) FROM rekrutteringstreff WHERE tittel IN ('Jobb', 'Jobbtreff') OR poststed = 'Os'") == 0);
    CHECK(c.db.count("SELECT count(*) FROM jobbsoker WHERE fornavn = 'Ka'") == 0);
    CHECK(c.db.count("SELECT count(*) FROM jobbsoker_hendelse WHERE hendelsestype = 'TREFF_ENDRET_ETTER_PUBLISERING_NOTIFIKASJON'") == 0);
}
