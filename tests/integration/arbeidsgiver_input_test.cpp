// Bad input on the employer endpoints (../shared/spec/arbeidsgiver.md): malformed JSON, wrong
// types, missing fields, values outside the rules, bad ids, oversize bodies. Each is refused with
// a problem+json of the right status and leaves every table as it was.
#include <catch2/catch.hpp>
#include <fmt/format.h>

#include "core/ids.hpp"
#include "support/arbeidsgiver_stotte.hpp"
#include "support/component.hpp"

using namespace rt;
using namespace rt::test;

namespace {

// The module's limit on a text field, restated (les.hpp).
constexpr std::size_t kMaxTekstForTest = 1000;

std::string kort(const std::string& s) { return s.size() <= 160 ? s : s.substr(0, 160) + fmt::format("... ({} bytes)", s.size()); }

void avvist(const Component& c, const std::string& før, const std::string& method, const std::string& p, const std::string& token,
            const std::string& body, int forventet = 400) {
    auto r = c.call(method, p, token, body);
    INFO(method << " " << p << " " << kort(body) << " -> " << r.status << " " << r.body);
    CHECK(r.status == forventet);
    CHECK(r.headers["content-type"] == "application/problem+json");
    boost::system::error_code ec;
    auto problem = boost::json::parse(r.body, ec);
    CHECK(!ec);
    if (!ec && problem.is_object()) {
        CHECK(problem.as_object().contains("detail"));
        CHECK(problem.at("status") == boost::json::value(forventet));
    }
    CHECK(alt(c) == før);
}

std::string ser(const boost::json::value& v) { return boost::json::serialize(v); }

// The employer body with one key set (or removed, with nullptr_t-free "ut").
std::string ag_med(const std::string& key, const boost::json::value& v) {
    auto o = arbeidsgiver_json("123456789");
    o[key] = v;
    return ser(o);
}
std::string ag_med_tekst(const std::string& key, const std::string& tekst) { return ag_med(key, boost::json::value(boost::json::string(tekst))); }
std::string ag_uten(const std::string& key) {
    auto o = arbeidsgiver_json("123456789");
    o.erase(key);
    return ser(o);
}
boost::json::object behov_med(const std::string& key, const boost::json::value& v) {
    auto b = behov_json();
    b[key] = v;
    return b;
}
boost::json::object behov_uten(const std::string& key) {
    auto b = behov_json();
    b.erase(key);
    return b;
}
boost::json::object tagg(const boost::json::value& label, const boost::json::value& kategori, const boost::json::value& konsept) {
    return {{"label", label}, {"kategori", kategori}, {"konseptId", konsept}};
}

// Employer bodies that are 400 for both POSTs.
std::vector<std::string> ugyldige_arbeidsgivere() {
    using boost::json::array;
    using boost::json::object;
    return {
        "{", "not json", "[]", "\"tekst\"", "42", "null", "{}", R"({"organisasjonsnummer":"123456789"})",
        ag_uten("organisasjonsnummer"), ag_uten("navn"),
        ag_med("organisasjonsnummer", nullptr), ag_med("organisasjonsnummer", 123456789), ag_med("organisasjonsnummer", "12345678"),
        ag_med("organisasjonsnummer", "1234567890"), ag_med("organisasjonsnummer", "12345678a"), ag_med("organisasjonsnummer", " 23456789"),
        ag_med("organisasjonsnummer", "１２３４５６７８９"), ag_med("organisasjonsnummer", ""), ag_med("organisasjonsnummer", array{"123456789"}),
        ag_med("navn", nullptr), ag_med("navn", ""), ag_med("navn", "   "), ag_med("navn", 5), ag_med("navn", object{}),
        ag_med_tekst("navn", std::string(kMaxTekstForTest + 1, 'x')), ag_med_tekst("navn", std::string("A\0B", 3)),
        ag_med("næringskoder", "10.710"), ag_med("næringskoder", object{}), ag_med("næringskoder", array{"10.710"}),
        ag_med("næringskoder", array{object{{"kode", 10710}}}), ag_med("næringskoder", array{object{{"beskrivelse", true}}}),
        ag_med("næringskoder", array{object{{"kode", "10.710"}, {"beskrivelse", "a"}}, object{{"kode", "10.710"}, {"beskrivelse", "b"}}}),
        ag_med("gateadresse", 1), ag_med("postnummer", 155), ag_med("poststed", array{}), ag_med("poststed", false),
    };
}

// Needs that are 400 wherever needs are read.
std::vector<boost::json::object> ugyldige_behov() {
    using boost::json::array;
    using boost::json::object;
    auto kval = [](const boost::json::value& v) { return behov_med("samledeKvalifikasjoner", v); };
    return {
        object{}, behov_uten("samledeKvalifikasjoner"), kval(nullptr), kval(array{}), kval("Servitør"), kval(object{}),
        kval(array{"Servitør"}), kval(array{object{{"kategori", "YRKESTITTEL"}, {"konseptId", 1}}}),
        kval(array{object{{"label", "Servitør"}, {"konseptId", 1}}}), kval(array{tagg("", "YRKESTITTEL", 1)}),
        kval(array{tagg(" ", "YRKESTITTEL", 1)}), kval(array{tagg("Servitør", "", 1)}), kval(array{tagg(5, "YRKESTITTEL", 1)}),
        kval(array{tagg("Servitør", "YRKESTITTEL", nullptr)}), kval(array{object{{"label", "Servitør"}, {"kategori", "YRKESTITTEL"}}}),
        kval(array{tagg("Servitør", "YRKESTITTEL", 0)}), kval(array{tagg("Servitør", "YRKESTITTEL", -3)}),
        kval(array{tagg("Servitør", "YRKESTITTEL", "123")}), kval(array{tagg("Servitør", "YRKESTITTEL", 1.5)}),
        kval(array{tagg("Klasse B", "forerkort", nullptr)}),  // the exception is for FORERKORT as written
        kval(array{tagg("Klasse B", "FORERKORT", "B")}),
        behov_med("personligeEgenskaper", "Blid"), behov_med("personligeEgenskaper", array{tagg("Blid", "PERSONLIG_EGENSKAP", nullptr)}),
        behov_uten("arbeidssprak"), behov_med("arbeidssprak", nullptr), behov_med("arbeidssprak", array{}),
        behov_med("arbeidssprak", array{"Annet"}), behov_med("arbeidssprak", array{"norsk"}), behov_med("arbeidssprak", array{"Klingon"}),
        behov_med("arbeidssprak", array{"Norsk", 1}), behov_med("arbeidssprak", "Norsk"),
        behov_med("arbeidssprak", array{"Dogon (Toro So Dogon)"}),  // the list has it without the closing parenthesis
        behov_uten("antall"), behov_med("antall", nullptr), behov_med("antall", 0), behov_med("antall", 100), behov_med("antall", -1),
        behov_med("antall", 2.5), behov_med("antall", 2.0), behov_med("antall", "2"), behov_med("antall", true),
        behov_med("antall", 99999999999999999999.0),
        behov_uten("ansettelsesformer"), behov_med("ansettelsesformer", nullptr), behov_med("ansettelsesformer", array{}),
        behov_med("ansettelsesformer", array{"fast"}), behov_med("ansettelsesformer", array{"Fast", "Deltid"}),
        behov_med("ansettelsesformer", "Fast"), behov_med("ansettelsesformer", array{object{}}),
    };
}

struct Oppsett {
    std::string eier, treff, arbeidsgiver;
};
Oppsett oppsett(const Component& c) {
    Oppsett o;
    o.eier = c.arbeidsgiverrettet("Z300001");
    o.treff = std::string(c.json("POST", "/api/rekrutteringstreff", o.eier, "{}", 201).at("id").as_string());
    c.json("POST", path(o.treff, "/arbeidsgiver-med-behov"), o.eier, med_behov_body("999999999"), 201);
    o.arbeidsgiver = c.db.scalar("SELECT id FROM arbeidsgiver");
    return o;
}

}  // namespace

TEST_CASE("arbeidsgiver input: a bad employer body is 400 on both POSTs and changes nothing") {
    Component c;
    auto o = oppsett(c);
    auto før = alt(c);
    for (const auto& body : ugyldige_arbeidsgivere()) {
        avvist(c, før, "POST", path(o.treff, "/arbeidsgiver"), o.eier, body);
        // The same with valid needs: the employer part alone makes it 400.
        boost::system::error_code ec;
        auto v = boost::json::parse(body, ec);
        if (!ec && v.is_object()) {
            v.as_object()["behov"] = behov_json();
            avvist(c, før, "POST", path(o.treff, "/arbeidsgiver-med-behov"), o.eier, ser(v));
        } else {
            avvist(c, før, "POST", path(o.treff, "/arbeidsgiver-med-behov"), o.eier, body);
        }
    }
    avvist(c, før, "POST", path(o.treff, "/arbeidsgiver"), o.eier, "");
    avvist(c, før, "POST", path(o.treff, "/arbeidsgiver-med-behov"), o.eier, "");
}

TEST_CASE("arbeidsgiver input: bad needs are 400 on POST med-behov and PUT behov and change nothing") {
    Component c;
    auto o = oppsett(c);
    auto før = alt(c);
    auto put = path(o.treff, "/arbeidsgiver/" + o.arbeidsgiver + "/behov");
    for (const auto& b : ugyldige_behov()) {
        avvist(c, før, "PUT", put, o.eier, ser(b));
        auto body = arbeidsgiver_json("123456789");
        body["behov"] = b;
        avvist(c, før, "POST", path(o.treff, "/arbeidsgiver-med-behov"), o.eier, ser(body));
    }
    for (const auto& body : {std::string("{"), std::string(""), std::string("[]"), std::string("null"), std::string("\"behov\""),
                             std::string("[{\"antall\":2}]")})
        avvist(c, før, "PUT", put, o.eier, body);
    // The employer without needs, with needs null or of the wrong type.
    avvist(c, før, "POST", path(o.treff, "/arbeidsgiver-med-behov"), o.eier, arbeidsgiver_body("123456789"));
    avvist(c, før, "POST", path(o.treff, "/arbeidsgiver-med-behov"), o.eier, ag_med("behov", nullptr));
    avvist(c, før, "POST", path(o.treff, "/arbeidsgiver-med-behov"), o.eier, ag_med("behov", boost::json::array{}));
    avvist(c, før, "POST", path(o.treff, "/arbeidsgiver-med-behov"), o.eier, ag_med("behov", "Servitør"));
}

TEST_CASE("arbeidsgiver input: the edges of the rules are accepted") {
    Component c;
    auto o = oppsett(c);
    auto put = path(o.treff, "/arbeidsgiver/" + o.arbeidsgiver + "/behov");
    using boost::json::array;
    for (const auto& b : {behov_med("antall", 1), behov_med("antall", 99),
                          behov_med("samledeKvalifikasjoner", array{tagg("Klasse BE", "FORERKORT", 5)}),
                          behov_med("samledeKvalifikasjoner", array{tagg("Stor", "YRKESTITTEL", 9223372036854775807LL)}),
                          behov_med("arbeidssprak", array{"Annet", "Zulu", "Abaluhyisk"}), behov_med("ansettelsesformer", array{"Annet"}),
                          behov_med("ansettelsesformer", array{"Selvstendig næringsdrivende", "Åremål", "Lærling"}),
                          behov_med("personligeEgenskaper", array{}), behov_uten("personligeEgenskaper")}) {
        auto r = c.call("PUT", put, o.eier, ser(b));
        INFO(ser(b) << " -> " << r.status << " " << r.body);
        REQUIRE(r.status == 200);
    }
    auto svar = c.json("PUT", put, o.eier, ser(behov_med("arbeidssprak", array{"Annet", "Zulu", "Abaluhyisk"})));
    REQUIRE(ser(svar.at("behov").at("arbeidssprak")) == R"(["Zulu","Abaluhyisk"])");
    // Unknown keys are ignored, not stored.
    auto b = behov_json();
    b["ukjent"] = "x";
    svar = c.json("PUT", put, o.eier, ser(b));
    REQUIRE(ser(svar.at("behov")) == ser(behov_json()));
    // A name of exactly the limit, industry codes with null values, the same null kode twice.
    auto a = arbeidsgiver_json("000000001", std::string(kMaxTekstForTest, 'n'));
    a["næringskoder"] = boost::json::parse(R"([{"kode":null,"beskrivelse":null},{"kode":null,"beskrivelse":"x"},{}])");
    REQUIRE(c.call("POST", path(o.treff, "/arbeidsgiver"), o.eier, ser(a)).status == 201);
    REQUIRE(c.db.count("SELECT count(*) FROM naringskode n JOIN arbeidsgiver a ON a.id = n.arbeidsgiver_id WHERE a.orgnr = '000000001'") == 3);
}

TEST_CASE("arbeidsgiver input: a bad UUID in the path is 400, a body over the limit 413, and nothing changes") {
    Component c;
    auto o = oppsett(c);
    auto før = alt(c);
    auto behov = ser(behov_json());
    for (const auto& bad : {std::string("ikke-en-uuid"), std::string("123"), o.treff + "x"}) {
        avvist(c, før, "POST", path(bad, "/arbeidsgiver"), o.eier, arbeidsgiver_body("123456789"));
        avvist(c, før, "POST", path(bad, "/arbeidsgiver-med-behov"), o.eier, med_behov_body("123456789"));
        avvist(c, før, "GET", path(bad, "/arbeidsgiver"), o.eier, "");
        avvist(c, før, "GET", path(bad, "/arbeidsgiver-med-behov"), o.eier, "");
        avvist(c, før, "GET", path(bad, "/arbeidsgiver/hendelser"), o.eier, "");
        avvist(c, før, "PUT", path(bad, "/arbeidsgiver/" + o.arbeidsgiver + "/behov"), o.eier, behov);
        avvist(c, før, "PUT", path(o.treff, "/arbeidsgiver/" + bad + "/behov"), o.eier, behov);
        avvist(c, før, "DELETE", path(bad, "/arbeidsgiver/" + o.arbeidsgiver), o.eier, "");
        avvist(c, før, "DELETE", path(o.treff, "/arbeidsgiver/" + bad), o.eier, "");
    }
    auto stor_navn = ag_med_tekst("navn", std::string(2 * 1024 * 1024, 'x'));
    avvist(c, før, "POST", path(o.treff, "/arbeidsgiver"), o.eier, stor_navn, 413);
    auto stor_behov = behov_json();
    stor_behov["arbeidssprak"] = boost::json::array(250000, boost::json::value("Norsk"));
    avvist(c, før, "POST", path(o.treff, "/arbeidsgiver-med-behov"), o.eier, ag_med("behov", stor_behov), 413);
    avvist(c, før, "PUT", path(o.treff, "/arbeidsgiver/" + o.arbeidsgiver + "/behov"), o.eier, ser(stor_behov), 413);
    // Under the body limit, over the field limit: 400.
    avvist(c, før, "POST", path(o.treff, "/arbeidsgiver"), o.eier, ag_med_tekst("navn", std::string(kMaxTekstForTest * 3, 'x')));
}
