#include "support/arbeidsgiver_stotte.hpp"

#include <catch2/catch.hpp>

namespace rt::test {

boost::json::object arbeidsgiver_json(const std::string& orgnr, const std::string& navn) {
    return {{"organisasjonsnummer", orgnr},
            {"navn", navn},
            {"næringskoder", boost::json::array{boost::json::object{{"kode", "10.710"}, {"beskrivelse", "Produksjon av brød"}}}},
            {"gateadresse", "Storgata 1"},
            {"postnummer", "0155"},
            {"poststed", "Oslo"}};
}

std::string arbeidsgiver_body(const std::string& orgnr, const std::string& navn) {
    return boost::json::serialize(arbeidsgiver_json(orgnr, navn));
}

boost::json::object behov_json() {
    return boost::json::parse(R"({"samledeKvalifikasjoner":[{"label":"Servitør","kategori":"YRKESTITTEL","konseptId":123456},
                                                              {"label":"Klasse B","kategori":"FORERKORT","konseptId":null}],
                                  "arbeidssprak":["Norsk","Engelsk"],"antall":2,"ansettelsesformer":["Fast","Sesong"],
                                  "personligeEgenskaper":[{"label":"Blid","kategori":"PERSONLIG_EGENSKAP","konseptId":654321}]})")
        .as_object();
}

std::string med_behov_body(const std::string& orgnr, const std::string& navn) {
    auto o = arbeidsgiver_json(orgnr, navn);
    o["behov"] = behov_json();
    return boost::json::serialize(o);
}

std::string legg_til_arbeidsgiver(const Component& c, const std::string& treff_id, const std::string& token, const std::string& orgnr,
                                  const std::string& navn) {
    c.json("POST", path(treff_id, "/arbeidsgiver"), token, arbeidsgiver_body(orgnr, navn), 201);
    return c.db.scalar("SELECT id FROM arbeidsgiver WHERE rekrutteringstreff_id = '" + treff_id + "' AND orgnr = '" + orgnr +
                       "' AND status = 'AKTIV'");
}

std::string alt(const Component& c) {
    return c.snapshot() + c.db.scalar(R"(SELECT md5(
        coalesce((SELECT string_agg(a::text, '|' ORDER BY a.rekkefolge) FROM arbeidsgiver a), '') || '#' ||
        coalesce((SELECT string_agg(n::text, '|' ORDER BY n.rekkefolge) FROM naringskode n), '') || '#' ||
        coalesce((SELECT string_agg(b::text, '|' ORDER BY b.arbeidsgiver_id) FROM arbeidsgivers_behov b), '') || '#' ||
        coalesce((SELECT string_agg(h::text, '|' ORDER BY h.rekkefolge) FROM arbeidsgiver_hendelse h), '')))");
}

}  // namespace rt::test
