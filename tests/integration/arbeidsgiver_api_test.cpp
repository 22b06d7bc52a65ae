// Employers on a meeting and their needs (../shared/spec/arbeidsgiver.md, "Employers"), over real
// HTTP and the real PostgreSQL: every endpoint's answers, its events, the reactivation rule, the
// meeting's deletion taking its employers along, allehendelser and the metadata lists.
#include <catch2/catch.hpp>
#include <algorithm>
#include <set>
#include <thread>

#include "core/ids.hpp"
#include "core/time.hpp"

#include "support/arbeidsgiver_stotte.hpp"
#include "support/component.hpp"
#include "support/fnr.hpp"

using namespace rt;
using namespace rt::test;

namespace {

constexpr const char* kEier = "Z200001";

std::string nytt_treff(const Component& c, const std::string& token) {
    return std::string(c.json("POST", "/api/rekrutteringstreff", token, "{}", 201).at("id").as_string());
}

std::string str(const boost::json::value& v, std::string_view key) { return std::string(v.at(key).as_string()); }

}  // namespace

TEST_CASE("arbeidsgiver: POST adds an active employer with OPPRETTET, GET lists the active ones in the order added") {
    Component c;
    auto eier = c.arbeidsgiverrettet(kEier);
    auto treff = nytt_treff(c, eier);
    REQUIRE(c.json("GET", path(treff, "/arbeidsgiver"), eier).as_array().empty());

    auto r = c.call("POST", path(treff, "/arbeidsgiver"), eier, arbeidsgiver_body("123456789", "Bakeriet AS"));
    REQUIRE(r.status == 201);
    REQUIRE(r.body.empty());
    auto uten_valgfrie = R"({"organisasjonsnummer":"987654321","navn":"Kafeen AS"})";
    REQUIRE(c.call("POST", path(treff, "/arbeidsgiver"), eier, uten_valgfrie).status == 201);
    auto med_null = R"({"organisasjonsnummer":"111222333","navn":"Null AS","næringskoder":null,"gateadresse":null})";
    REQUIRE(c.call("POST", path(treff, "/arbeidsgiver"), eier, med_null).status == 201);

    auto liste = c.json("GET", path(treff, "/arbeidsgiver"), eier).as_array();
    REQUIRE(liste.size() == 3);
    const auto& a = liste[0].as_object();
    REQUIRE(a.size() == 7);
    REQUIRE(str(a, "organisasjonsnummer") == "123456789");
    REQUIRE(str(a, "navn") == "Bakeriet AS");
    REQUIRE(str(a, "status") == "AKTIV");
    REQUIRE(str(a, "gateadresse") == "Storgata 1");
    REQUIRE(str(a, "postnummer") == "0155");
    REQUIRE(str(a, "poststed") == "Oslo");
    REQUIRE(parse_uuid(str(a, "arbeidsgiverTreffId")));
    REQUIRE(str(liste[1], "organisasjonsnummer") == "987654321");
    REQUIRE(liste[1].at("gateadresse").is_null());
    REQUIRE(liste[1].at("postnummer").is_null());
    REQUIRE(str(liste[2], "navn") == "Null AS");

    REQUIRE(c.db.count("SELECT count(*) FROM naringskode WHERE kode = '10.710' AND beskrivelse = 'Produksjon av brød'") == 1);
    REQUIRE(c.db.count("SELECT count(*) FROM naringskode") == 1);

    auto hendelser = c.json("GET", path(treff, "/arbeidsgiver/hendelser"), eier).as_array();
    REQUIRE(hendelser.size() == 3);
    REQUIRE(str(hendelser[0], "orgnr") == "111222333");  // newest first
    REQUIRE(str(hendelser[2], "orgnr") == "123456789");
    const auto& h = hendelser[2].as_object();
    REQUIRE(h.size() == 7);
    REQUIRE(str(h, "hendelsestype") == "OPPRETTET");
    REQUIRE(str(h, "opprettetAvAktørType") == "ARRANGØR");
    REQUIRE(str(h, "aktøridentifikasjon") == kEier);
    REQUIRE(str(h, "orgnavn") == "Bakeriet AS");
    REQUIRE(str(h, "tidspunkt") == tid::format_oslo(c.clock->now()));
    REQUIRE(!h.contains("hendelseData"));

    REQUIRE(c.json("GET", path(treff), eier).at("antallArbeidsgivere").as_int64() == 3);
}

TEST_CASE("arbeidsgiver: the same organisation active twice on a meeting is 409, on another meeting or after removal it is added") {
    Component c;
    auto eier = c.arbeidsgiverrettet(kEier);
    auto treff = nytt_treff(c, eier);
    auto annet = nytt_treff(c, eier);
    auto id = legg_til_arbeidsgiver(c, treff, eier, "123456789");
    auto før = alt(c);
    REQUIRE(c.call("POST", path(treff, "/arbeidsgiver"), eier, arbeidsgiver_body("123456789", "Annet navn")).status == 409);
    REQUIRE(c.call("POST", path(treff, "/arbeidsgiver-med-behov"), eier, med_behov_body("123456789")).status == 409);
    REQUIRE(alt(c) == før);

    REQUIRE(c.call("POST", path(annet, "/arbeidsgiver"), eier, arbeidsgiver_body("123456789")).status == 201);
    REQUIRE(c.call("DELETE", path(treff, "/arbeidsgiver/" + id), eier).status == 204);
    // Without needs a removed employer is not reactivated: a new row.
    REQUIRE(c.call("POST", path(treff, "/arbeidsgiver"), eier, arbeidsgiver_body("123456789")).status == 201);
    REQUIRE(c.db.count("SELECT count(*) FROM arbeidsgiver WHERE rekrutteringstreff_id = '" + treff + "'") == 2);
    auto liste = c.json("GET", path(treff, "/arbeidsgiver"), eier).as_array();
    REQUIRE(liste.size() == 1);
    REQUIRE(str(liste[0], "arbeidsgiverTreffId") != id);
}

TEST_CASE("arbeidsgiver: POST med-behov stores a new employer with its needs exactly, OPPRETTET then BEHOV_ENDRET") {
    Component c;
    auto eier = c.arbeidsgiverrettet(kEier);
    auto treff = nytt_treff(c, eier);
    auto body = arbeidsgiver_json("123456789");
    auto behov = behov_json();
    // The frontend may send Annet among the languages: dropped, order kept.
    behov["arbeidssprak"] = boost::json::array{"Annet", "Norsk", "Annet", "Dogon (Toro So Dogon", "Engelsk"};
    behov["ansettelsesformer"] = boost::json::array{"Sesong", "Annet", "Fast"};
    body["behov"] = behov;
    REQUIRE(c.call("POST", path(treff, "/arbeidsgiver-med-behov"), eier, boost::json::serialize(body)).status == 201);

    auto liste = c.json("GET", path(treff, "/arbeidsgiver-med-behov"), eier).as_array();
    REQUIRE(liste.size() == 1);
    const auto& a = liste[0].as_object();
    REQUIRE(a.size() == 4);
    REQUIRE(str(a, "organisasjonsnummer") == "123456789");
    REQUIRE(str(a, "navn") == "Eksempel Bakeri AS");
    auto forventet = behov_json();
    forventet["arbeidssprak"] = boost::json::array{"Norsk", "Dogon (Toro So Dogon", "Engelsk"};
    forventet["ansettelsesformer"] = boost::json::array{"Sesong", "Annet", "Fast"};
    REQUIRE(boost::json::serialize(a.at("behov")) == boost::json::serialize(forventet));

    auto hendelser = c.json("GET", path(treff, "/arbeidsgiver/hendelser"), eier).as_array();
    REQUIRE(hendelser.size() == 2);
    REQUIRE(str(hendelser[0], "hendelsestype") == "BEHOV_ENDRET");
    REQUIRE(str(hendelser[1], "hendelsestype") == "OPPRETTET");
    // The event keeps the needs as stored.
    REQUIRE(c.db.scalar("SELECT hendelse_data->>'antall' FROM arbeidsgiver_hendelse WHERE hendelsestype = 'BEHOV_ENDRET'") == "2");
    REQUIRE(c.db.scalar("SELECT hendelse_data->'arbeidssprak'->>0 FROM arbeidsgiver_hendelse WHERE hendelsestype = 'BEHOV_ENDRET'") ==
            "Norsk");

    // Optional personligeEgenskaper absent = []; FORERKORT without the key konseptId.
    auto uten = arbeidsgiver_json("987654321");
    uten["behov"] = boost::json::parse(R"({"samledeKvalifikasjoner":[{"label":"C","kategori":"FORERKORT"}],
                                           "arbeidssprak":["Norsk"],"antall":99,"ansettelsesformer":["Fast"]})");
    REQUIRE(c.call("POST", path(treff, "/arbeidsgiver-med-behov"), eier, boost::json::serialize(uten)).status == 201);
    liste = c.json("GET", path(treff, "/arbeidsgiver-med-behov"), eier).as_array();
    REQUIRE(liste.size() == 2);
    REQUIRE(boost::json::serialize(liste[1].at("behov")) ==
            R"({"samledeKvalifikasjoner":[{"label":"C","kategori":"FORERKORT","konseptId":null}],"arbeidssprak":["Norsk"],"antall":99,"ansettelsesformer":["Fast"],"personligeEgenskaper":[]})");

    // An employer added without needs reads with behov null.
    legg_til_arbeidsgiver(c, treff, eier, "111222333");
    liste = c.json("GET", path(treff, "/arbeidsgiver-med-behov"), eier).as_array();
    REQUIRE(liste.size() == 3);
    REQUIRE(liste[2].at("behov").is_null());
}

TEST_CASE("arbeidsgiver: POST med-behov reactivates the most recently removed employer of the organisation") {
    Component c;
    auto eier = c.arbeidsgiverrettet(kEier);
    auto treff = nytt_treff(c, eier);
    auto først = legg_til_arbeidsgiver(c, treff, eier, "123456789", "Gammelt navn AS");
    REQUIRE(c.call("DELETE", path(treff, "/arbeidsgiver/" + først), eier).status == 204);
    auto sist = legg_til_arbeidsgiver(c, treff, eier, "123456789", "Nyere navn AS");
    REQUIRE(c.call("DELETE", path(treff, "/arbeidsgiver/" + sist), eier).status == 204);
    auto annen = legg_til_arbeidsgiver(c, treff, eier, "555555555");
    REQUIRE(c.db.count("SELECT count(*) FROM naringskode WHERE arbeidsgiver_id = '" + sist + "'") == 1);

    auto body = boost::json::object{{"organisasjonsnummer", "123456789"},
                                    {"navn", "Nytt navn AS"},
                                    {"næringskoder", boost::json::array{boost::json::object{{"kode", "56.101"}, {"beskrivelse", "Drift av restauranter"}}}},
                                    {"gateadresse", "Ny gate 2"},
                                    {"behov", behov_json()}};
    REQUIRE(c.call("POST", path(treff, "/arbeidsgiver-med-behov"), eier, boost::json::serialize(body)).status == 201);

    REQUIRE(c.db.count("SELECT count(*) FROM arbeidsgiver") == 3);  // no new row
    auto liste = c.json("GET", path(treff, "/arbeidsgiver"), eier).as_array();
    REQUIRE(liste.size() == 2);
    // In the order added: the reactivated row keeps its place.
    REQUIRE(str(liste[0], "arbeidsgiverTreffId") == sist);
    REQUIRE(str(liste[1], "arbeidsgiverTreffId") == annen);
    REQUIRE(str(liste[0], "navn") == "Nytt navn AS");
    REQUIRE(str(liste[0], "gateadresse") == "Ny gate 2");
    REQUIRE(liste[0].at("postnummer").is_null());  // the address is replaced from the body, null too
    REQUIRE(str(liste[0], "status") == "AKTIV");
    REQUIRE(c.db.scalar("SELECT status FROM arbeidsgiver WHERE id = '" + først + "'") == "SLETTET");
    // Its industry codes are kept; the body's are not stored.
    REQUIRE(c.db.scalar("SELECT string_agg(kode, ',') FROM naringskode WHERE arbeidsgiver_id = '" + sist + "'") == "10.710");
    REQUIRE(c.db.count("SELECT count(*) FROM naringskode WHERE kode = '56.101'") == 0);

    auto hendelser = c.json("GET", path(treff, "/arbeidsgiver/hendelser"), eier).as_array();
    REQUIRE(hendelser.size() == 7);
    REQUIRE(str(hendelser[0], "hendelsestype") == "BEHOV_ENDRET");
    REQUIRE(str(hendelser[1], "hendelsestype") == "REAKTIVERT");
    REQUIRE(str(hendelser[1], "orgnavn") == "Nytt navn AS");
    REQUIRE(c.db.count("SELECT count(*) FROM arbeidsgiver_hendelse WHERE arbeidsgiver_id = '" + sist +
                       "' AND hendelsestype IN ('REAKTIVERT', 'BEHOV_ENDRET')") == 2);
    REQUIRE(c.json("GET", path(treff), eier).at("antallArbeidsgivere").as_int64() == 2);
}

TEST_CASE("arbeidsgiver: PUT behov creates and replaces an active employer's needs, 404 for any other") {
    Component c;
    auto eier = c.arbeidsgiverrettet(kEier);
    auto treff = nytt_treff(c, eier);
    auto annet = nytt_treff(c, eier);
    auto id = legg_til_arbeidsgiver(c, treff, eier, "123456789");
    auto behov = behov_json();
    auto svar = c.json("PUT", path(treff, "/arbeidsgiver/" + id + "/behov"), eier, boost::json::serialize(behov));
    REQUIRE(str(svar, "arbeidsgiverTreffId") == id);
    REQUIRE(str(svar, "organisasjonsnummer") == "123456789");
    REQUIRE(str(svar, "navn") == "Eksempel Bakeri AS");
    REQUIRE(boost::json::serialize(svar.at("behov")) == boost::json::serialize(behov));

    behov["antall"] = 7;
    behov["arbeidssprak"] = boost::json::array{"Tysk"};
    behov["personligeEgenskaper"] = nullptr;
    svar = c.json("PUT", path(treff, "/arbeidsgiver/" + id + "/behov"), eier, boost::json::serialize(behov));
    behov["personligeEgenskaper"] = boost::json::array{};
    REQUIRE(boost::json::serialize(svar.at("behov")) == boost::json::serialize(behov));
    auto lest = c.json("GET", path(treff, "/arbeidsgiver-med-behov"), eier).as_array();
    REQUIRE(boost::json::serialize(lest[0].at("behov")) == boost::json::serialize(behov));
    REQUIRE(c.db.count("SELECT count(*) FROM arbeidsgivers_behov") == 1);
    REQUIRE(c.db.count("SELECT count(*) FROM arbeidsgiver_hendelse WHERE hendelsestype = 'BEHOV_ENDRET'") == 2);

    auto body = boost::json::serialize(behov_json());
    auto før = alt(c);
    REQUIRE(c.call("PUT", path(treff, "/arbeidsgiver/" + new_uuid() + "/behov"), eier, body).status == 404);
    REQUIRE(c.call("PUT", path(annet, "/arbeidsgiver/" + id + "/behov"), eier, body).status == 404);
    REQUIRE(alt(c) == før);
    REQUIRE(c.call("DELETE", path(treff, "/arbeidsgiver/" + id), eier).status == 204);
    før = alt(c);
    REQUIRE(c.call("PUT", path(treff, "/arbeidsgiver/" + id + "/behov"), eier, body).status == 404);
    REQUIRE(alt(c) == før);
}

TEST_CASE("arbeidsgiver: DELETE sets SLETTET with its event and keeps needs and codes, a second DELETE writes nothing") {
    Component c;
    auto eier = c.arbeidsgiverrettet(kEier);
    auto utvikler = c.utvikler("Z200009");
    auto treff = nytt_treff(c, eier);
    auto annet = nytt_treff(c, eier);
    c.json("POST", path(treff, "/arbeidsgiver-med-behov"), eier, med_behov_body("123456789"), 201);
    auto id = c.db.scalar("SELECT id FROM arbeidsgiver");
    auto før = alt(c);
    REQUIRE(c.call("DELETE", path(treff, "/arbeidsgiver/" + new_uuid()), eier).status == 404);
    REQUIRE(c.call("DELETE", path(annet, "/arbeidsgiver/" + id), eier).status == 404);
    REQUIRE(alt(c) == før);

    auto r = c.call("DELETE", path(treff, "/arbeidsgiver/" + id), utvikler);
    REQUIRE(r.status == 204);
    REQUIRE(r.body.empty());
    REQUIRE(c.db.scalar("SELECT status FROM arbeidsgiver WHERE id = '" + id + "'") == "SLETTET");
    REQUIRE(c.db.count("SELECT count(*) FROM arbeidsgivers_behov") == 1);
    REQUIRE(c.db.count("SELECT count(*) FROM naringskode") == 1);
    REQUIRE(c.json("GET", path(treff, "/arbeidsgiver"), eier).as_array().empty());
    REQUIRE(c.json("GET", path(treff, "/arbeidsgiver-med-behov"), eier).as_array().empty());
    REQUIRE(c.json("GET", path(treff), eier).at("antallArbeidsgivere").as_int64() == 0);

    auto hendelser = c.json("GET", path(treff, "/arbeidsgiver/hendelser"), eier).as_array();
    REQUIRE(hendelser.size() == 3);  // a removed employer's events still show
    REQUIRE(str(hendelser[0], "hendelsestype") == "SLETTET");
    REQUIRE(str(hendelser[0], "aktøridentifikasjon") == "Z200009");

    før = alt(c);
    REQUIRE(c.call("DELETE", path(treff, "/arbeidsgiver/" + id), eier).status == 204);
    REQUIRE(alt(c) == før);
}

TEST_CASE("arbeidsgiver: every endpoint answers 404 for an unknown meeting") {
    Component c;
    auto eier = c.arbeidsgiverrettet(kEier);
    auto utvikler = c.utvikler();
    auto ukjent = new_uuid();
    auto ag = new_uuid();
    auto før = alt(c);
    for (const auto& token : {eier, utvikler}) {
        REQUIRE(c.call("POST", path(ukjent, "/arbeidsgiver"), token, arbeidsgiver_body("123456789")).status == 404);
        REQUIRE(c.call("POST", path(ukjent, "/arbeidsgiver-med-behov"), token, med_behov_body("123456789")).status == 404);
        REQUIRE(c.call("GET", path(ukjent, "/arbeidsgiver"), token).status == 404);
        REQUIRE(c.call("GET", path(ukjent, "/arbeidsgiver-med-behov"), token).status == 404);
        REQUIRE(c.call("PUT", path(ukjent, "/arbeidsgiver/" + ag + "/behov"), token, boost::json::serialize(behov_json())).status == 404);
        REQUIRE(c.call("DELETE", path(ukjent, "/arbeidsgiver/" + ag), token).status == 404);
        REQUIRE(c.call("GET", path(ukjent, "/arbeidsgiver/hendelser"), token).status == 404);
    }
    REQUIRE(c.call("GET", path(ukjent, "/arbeidsgiver"), c.jobbsokerrettet()).status == 404);
    REQUIRE(c.call("GET", path(ukjent, "/arbeidsgiver"), c.borger(test_fnr(3))).status == 404);
    auto r = c.call("GET", path(ukjent, "/arbeidsgiver"), eier);
    REQUIRE(r.headers["content-type"] == "application/problem+json");
    REQUIRE(boost::json::parse(r.body).at("status").as_int64() == 404);
    REQUIRE(alt(c) == før);
}

TEST_CASE("arbeidsgiver: on a deleted meeting every write is 409 and changes nothing, the reads still answer") {
    Component c;
    auto eier = c.arbeidsgiverrettet(kEier);
    auto treff = nytt_treff(c, eier);
    auto id = legg_til_arbeidsgiver(c, treff, eier, "123456789");
    REQUIRE(c.call("DELETE", path(treff), eier).status == 200);
    auto før = alt(c);
    for (const auto& token : {eier, c.utvikler()}) {
        REQUIRE(c.call("POST", path(treff, "/arbeidsgiver"), token, arbeidsgiver_body("987654321")).status == 409);
        REQUIRE(c.call("POST", path(treff, "/arbeidsgiver-med-behov"), token, med_behov_body("123456789")).status == 409);
        REQUIRE(c.call("PUT", path(treff, "/arbeidsgiver/" + id + "/behov"), token, boost::json::serialize(behov_json())).status == 409);
        REQUIRE(c.call("DELETE", path(treff, "/arbeidsgiver/" + id), token).status == 409);
    }
    REQUIRE(alt(c) == før);
    REQUIRE(c.json("GET", path(treff, "/arbeidsgiver"), eier).as_array().empty());
    REQUIRE(c.json("GET", path(treff, "/arbeidsgiver-med-behov"), eier).as_array().empty());
    REQUIRE(c.json("GET", path(treff, "/arbeidsgiver/hendelser"), eier).as_array().size() == 2);
}

TEST_CASE("arbeidsgiver: deleting a meeting removes its active employers with SLETTET in the same transaction, and allehendelser shows them") {
    Component c;
    auto eier = c.arbeidsgiverrettet(kEier);
    auto utvikler = c.utvikler("Z200007");
    auto treff = nytt_treff(c, eier);
    auto annet = nytt_treff(c, eier);
    auto a = legg_til_arbeidsgiver(c, treff, eier, "123456789", "Aktiv AS");
    c.json("POST", path(treff, "/arbeidsgiver-med-behov"), eier, med_behov_body("987654321", "Med behov AS"), 201);
    auto fjernet = legg_til_arbeidsgiver(c, treff, eier, "555555555", "Fjernet AS");
    REQUIRE(c.call("DELETE", path(treff, "/arbeidsgiver/" + fjernet), eier).status == 204);
    auto på_annet = legg_til_arbeidsgiver(c, annet, eier, "123456789");
    REQUIRE(c.json("GET", path(treff), eier).at("antallArbeidsgivere").as_int64() == 2);

    c.clock->advance(std::chrono::minutes(5));
    REQUIRE(c.call("DELETE", path(treff), utvikler).status == 200);

    REQUIRE(c.db.count("SELECT count(*) FROM arbeidsgiver WHERE rekrutteringstreff_id = '" + treff + "' AND status = 'AKTIV'") == 0);
    REQUIRE(c.db.scalar("SELECT status FROM arbeidsgiver WHERE id = '" + på_annet + "'") == "AKTIV");
    auto slettet = c.db.connect().exec(R"(SELECT a.orgnr, h.opprettet_av_aktortype, h.aktoridentifikasjon, h.hendelse_data IS NULL
        FROM arbeidsgiver_hendelse h JOIN arbeidsgiver a ON a.id = h.arbeidsgiver_id
        WHERE h.hendelsestype = 'SLETTET' ORDER BY a.orgnr)");
    REQUIRE(slettet.rows() == 3);  // the one removed before has its own event only
    REQUIRE(slettet.str(0, 0) == "123456789");
    REQUIRE(slettet.str(0, 1) == "ARRANGØR");
    REQUIRE(slettet.str(0, 2) == "Z200007");
    REQUIRE(slettet.boolean(0, 3));
    REQUIRE(slettet.str(1, 0) == "555555555");
    REQUIRE(slettet.str(1, 2) == kEier);
    REQUIRE(slettet.str(2, 0) == "987654321");
    REQUIRE(c.db.count("SELECT count(*) FROM arbeidsgiver_hendelse h JOIN arbeidsgiver a ON a.id = h.arbeidsgiver_id WHERE a.id = '" +
                       a + "' AND h.tidspunkt = (SELECT tidspunkt FROM rekrutteringstreff_hendelse WHERE hendelsestype = 'SLETTET')") == 1);
    REQUIRE(c.json("GET", path(treff), eier).at("antallArbeidsgivere").as_int64() == 0);

    auto alle = c.json("GET", path(treff, "/allehendelser"), eier).as_array();
    // The meeting's three (OPPRETTET, EIER_LAGT_TIL, SLETTET) and the employers' seven.
    REQUIRE(alle.size() == 10);
    // At one instant the participants' consequences count as newer than the meeting's event.
    REQUIRE(str(alle[0], "ressurs") == "ARBEIDSGIVER");
    REQUIRE(str(alle[0], "hendelsestype") == "SLETTET");
    REQUIRE(str(alle[0], "subjektId") == "987654321");
    REQUIRE(str(alle[0], "subjektNavn") == "Med behov AS");
    REQUIRE(str(alle[0], "aktørIdentifikasjon") == "Z200007");
    REQUIRE(str(alle[1], "subjektId") == "123456789");
    REQUIRE(str(alle[2], "ressurs") == "REKRUTTERINGSTREFF");
    REQUIRE(str(alle[2], "hendelsestype") == "SLETTET");
    int arbeidsgiverhendelser = 0;
    for (const auto& h : alle) {
        if (str(h, "ressurs") != "ARBEIDSGIVER") continue;
        ++arbeidsgiverhendelser;
        REQUIRE(!h.as_object().contains("hendelseData"));
        REQUIRE(h.at("subjektId").is_string());
    }
    REQUIRE(arbeidsgiverhendelser == 7);
    REQUIRE(str(alle.back(), "hendelsestype") == "OPPRETTET");
    REQUIRE(str(alle.back(), "ressurs") == "REKRUTTERINGSTREFF");
}

TEST_CASE("arbeidsgiver: a meeting deletion that is refused leaves its employers active") {
    Component c;
    auto eier = c.arbeidsgiverrettet(kEier);
    auto treff = nytt_treff(c, eier);
    legg_til_arbeidsgiver(c, treff, eier, "123456789");
    c.legg_til(treff, 0, 1, eier);
    auto før = alt(c);
    REQUIRE(c.call("DELETE", path(treff), eier).status == 409);
    REQUIRE(alt(c) == før);
    REQUIRE(c.json("GET", path(treff, "/arbeidsgiver"), eier).as_array().size() == 1);
}

TEST_CASE("arbeidsgiver: an invited citizen lists the employers, the meeting's status does not matter for the reads") {
    Component c;
    auto eier = c.arbeidsgiverrettet(kEier);
    auto treff = c.publisert_treff(eier);
    legg_til_arbeidsgiver(c, treff, eier, "123456789", "Synlig AS");
    auto ids = c.legg_til(treff, 0, 2, eier);
    c.json("POST", path(treff, "/jobbsoker/inviter"), eier, ider({ids[0]}));
    auto liste = c.json("GET", path(treff, "/arbeidsgiver"), c.borger(test_fnr(0))).as_array();
    REQUIRE(liste.size() == 1);
    REQUIRE(str(liste[0], "navn") == "Synlig AS");
    REQUIRE(str(liste[0], "organisasjonsnummer") == "123456789");
    REQUIRE(c.call("GET", path(treff, "/arbeidsgiver"), c.borger(test_fnr(1))).status == 404);
    // Writes do not depend on the meeting's status (other than SLETTET).
    c.json("POST", path(treff, "/avlys"), eier);
    REQUIRE(c.call("POST", path(treff, "/arbeidsgiver"), eier, arbeidsgiver_body("987654321")).status == 201);
    REQUIRE(c.json("GET", path(treff, "/arbeidsgiver"), c.borger(test_fnr(0))).as_array().size() == 2);
}

TEST_CASE("arbeidsgiver: the needs metadata lists the ten forms of employment and the 285 languages, and its path is no meeting id") {
    Component c;
    for (const auto& token : {c.arbeidsgiverrettet(), c.jobbsokerrettet(), c.utvikler()}) {
        auto m = c.json("GET", "/api/rekrutteringstreff/arbeidsgiver-behov-metadata", token).as_object();
        REQUIRE(m.size() == 2);
        REQUIRE(boost::json::serialize(m.at("ansettelsesformer")) ==
                R"(["Fast","Vikariat","Engasjement","Prosjekt","Åremål","Sesong","Feriejobb","Trainee","Lærling","Selvstendig næringsdrivende"])");
        const auto& sprak = m.at("arbeidssprak").as_array();
        REQUIRE(sprak.size() == 285);
        REQUIRE(sprak.front().as_string() == "Abaluhyisk");
        REQUIRE(sprak[1].as_string() == "Afar/Danakil");
        REQUIRE(sprak[46].as_string() == "Dogon (Toro So Dogon");
        REQUIRE(sprak[179].as_string() == "Norsk");
        REQUIRE(sprak.back().as_string() == "Zulu");
        std::set<std::string> unike;
        for (const auto& s : sprak) unike.emplace(s.as_string());
        REQUIRE(unike.size() == 285);
        REQUIRE(!unike.contains("Annet"));
    }
    REQUIRE(c.call("GET", "/api/rekrutteringstreff/arbeidsgiver-behov-metadata", c.veileder("Z1", {})).status == 403);
    REQUIRE(c.call("GET", "/api/rekrutteringstreff/arbeidsgiver-behov-metadata", c.borger(test_fnr(0))).status == 403);
    REQUIRE(c.call("GET", "/api/rekrutteringstreff/arbeidsgiver-behov-metadata", "").status == 401);
}

TEST_CASE("arbeidsgiver: the same organisation posted at once from many requests is added once, the rest are 409") {
    Component c;
    auto eier = c.arbeidsgiverrettet(kEier);
    auto treff = nytt_treff(c, eier);
    constexpr int kSamtidige = 8;
    std::vector<int> status(kSamtidige);
    std::vector<std::thread> tråder;
    for (int i = 0; i < kSamtidige; ++i)
        tråder.emplace_back([&, i] {
            auto sti = i % 2 == 0 ? "/arbeidsgiver" : "/arbeidsgiver-med-behov";
            auto body = i % 2 == 0 ? arbeidsgiver_body("123456789") : med_behov_body("123456789");
            status[i] = c.call("POST", path(treff, sti), eier, body).status;
        });
    for (auto& t : tråder) t.join();
    REQUIRE(std::count(status.begin(), status.end(), 201) == 1);
    REQUIRE(std::count(status.begin(), status.end(), 409) == kSamtidige - 1);
    REQUIRE(c.db.count("SELECT count(*) FROM arbeidsgiver") == 1);
}

TEST_CASE("arbeidsgiver: a meeting deleted while employers are added leaves none of them active") {
    Component c;
    auto eier = c.arbeidsgiverrettet(kEier);
    auto treff = nytt_treff(c, eier);
    constexpr int kSamtidige = 6;
    std::vector<int> status(kSamtidige);
    std::vector<std::thread> tråder;
    for (int i = 0; i < kSamtidige; ++i)
        tråder.emplace_back([&, i] {
            status[i] = c.call("POST", path(treff, "/arbeidsgiver"), eier, arbeidsgiver_body(std::to_string(100000000 + i))).status;
        });
    auto slett = c.call("DELETE", path(treff), eier).status;
    for (auto& t : tråder) t.join();
    REQUIRE(slett == 200);
    for (int s : status) REQUIRE((s == 201 || s == 409));
    // Whatever got in before the deletion went out with it; whatever came after was refused.
    REQUIRE(c.db.count("SELECT count(*) FROM arbeidsgiver WHERE status = 'AKTIV'") == 0);
    REQUIRE(c.db.count("SELECT count(*) FROM arbeidsgiver") == std::count(status.begin(), status.end(), 201));
    REQUIRE(c.db.count("SELECT count(*) FROM arbeidsgiver_hendelse WHERE hendelsestype = 'SLETTET'") ==
            std::count(status.begin(), status.end(), 201));
}
