// Cards end to end: driven through the HTTP API, read back from the real card topic.
#include <catch2/catch.hpp>
#include <fmt/format.h>
#include <set>

#include "contract/aktivitetskort_kontrakt.hpp"
#include "core/time.hpp"
#include "modules/aktivitetskort/kort.hpp"
#include "support/component.hpp"
#include "support/eventually.hpp"
#include "support/fnr.hpp"
#include "support/kafka_test_support.hpp"

using namespace rt;
using rt::test::Component;
using rt::test::eventually;
using rt::test::test_fnr;

using rt::test::path;
using rt::test::ider;
namespace {


struct Kort {
    std::string rapid = test::fresh_topic("rapid_kort");
    std::string kort_topic = test::fresh_topic("aktivitetskort", 2);
    std::string feil_topic = test::fresh_topic("aktivitetskort_feil");
    std::unique_ptr<Component> c;
    std::string eier;

    explicit Kort(std::function<void(Service&)> before_start = {}) {
        test::ComponentOptions o;
        o.kafka = true;
        o.rapid_topic = rapid;
        o.configure = [this](Config& cfg) {
            cfg.aktivitetskort_topic = kort_topic;
            cfg.aktivitetskort_feil_topic = feil_topic;
            cfg.min_side_url = "https://min.side/treff";
        };
        o.before_start = std::move(before_start);
        c = std::make_unique<Component>(o);
        eier = c->arbeidsgiverrettet("Z123456");
    }
    // The card messages on the topic once `n` versions are marked sent.
    std::vector<kafka::Record> meldinger(std::size_t n) {
        REQUIRE(eventually([&] { return c->db.count("SELECT count(*) FROM aktivitetskort_versjon WHERE sendt_tidspunkt IS NOT NULL") >= (long long)n; }));
        auto records = test::read_records(kort_topic, n, std::chrono::seconds(20));
        std::sort(records.begin(), records.end(), [](const auto& a, const auto& b) {
            return std::pair(a.partition, a.offset) < std::pair(b.partition, b.offset);
        });
        return records;
    }
    // "status/identType/ident" of each version of one person's card, in order.
    std::vector<std::string> historikk(const std::vector<kafka::Record>& records, const std::string& fnr) {
        std::vector<std::string> out;
        for (const auto& r : records) {
            auto k = boost::json::parse(r.value).at("aktivitetskort");
            if (k.at("personIdent").as_string() != fnr) continue;
            out.push_back(fmt::format("{}/{}/{}", std::string_view(k.at("aktivitetStatus").as_string()),
                                      std::string_view(k.at("endretAv").at("identType").as_string()),
                                      std::string_view(k.at("endretAv").at("ident").as_string())));
        }
        return out;
    }
    std::string treff(const std::string& tittel = "Jobbtreff hos Bedrift AS") { return c->publisert_treff(eier, tittel); }
};

// An error about `sent` as the activity plan's consumer writes it (AktivitetsKortFeilProducer:
// key = the failed record's key, its own local time with an offset and nanoseconds, the whole
// failing message as a string, "class <exception> <text>"), checked against the contract.
std::string feilmelding(const kafka::Record& sent, const std::string& error_type, const std::string& exception, const std::string& tekst) {
    auto value = boost::json::serialize(boost::json::object{{"key", *sent.key},
                                                            {"source", "REKRUTTERINGSBISTAND"},
                                                            {"timestamp", "2025-09-30T12:00:00.123456789+02:00"},
                                                            {"failingMessage", sent.value},
                                                            {"errorMessage", fmt::format("class {} {}", exception, tekst)},
                                                            {"errorType", error_type}});
    kontrakt::krev_gyldig_feilmelding(sent.key, value);
    return value;
}

}  // namespace

TEST_CASE("cards: an invitation puts one PLANLAGT card on the topic, every field as the spec says") {
    Kort k;
    auto id = k.treff();
    auto ids = k.c->legg_til(id, 0, 1, k.eier);
    k.c->json("POST", path(id, "/jobbsoker/inviter"), k.eier, ider(ids));
    auto records = k.meldinger(1);
    REQUIRE(records.size() == 1);
    const auto& r = records[0];
    auto m = boost::json::parse(r.value);
    REQUIRE(kontrakt::brudd_pa_kort(r).empty());
    const auto& kort = m.at("aktivitetskort").as_object();
    auto kort_id = k.c->db.scalar("SELECT aktivitetskort_id FROM aktivitetskort");
    REQUIRE(*r.key == kort_id);
    REQUIRE(kort.at("id").as_string() == kort_id);
    REQUIRE(m.at("messageId").as_string() != kort_id);
    REQUIRE(r.headers.size() == 1);
    REQUIRE(r.headers[0].first == "Nav-Call-Id");
    REQUIRE_FALSE(r.headers[0].second.empty());
    REQUIRE(kort.at("personIdent").as_string() == test_fnr(0));
    REQUIRE(kort.at("tittel").as_string() == "Jobbtreff hos Bedrift AS");
    REQUIRE(kort.at("aktivitetStatus").as_string() == "PLANLAGT");
    REQUIRE(kort.at("endretAv").at("ident").as_string() == "Z123456");
    REQUIRE(kort.at("endretAv").at("identType").as_string() == "NAVIDENT");
    auto t = k.c->json("GET", path(id), k.eier);
    auto fra = *tid::parse_iso(t.at("fraTid").as_string()), til = *tid::parse_iso(t.at("tilTid").as_string());
    REQUIRE(kort.at("startDato").as_string() == tid::oslo_date(fra));
    REQUIRE(kort.at("sluttDato").as_string() == tid::oslo_date(til));
    REQUIRE(kort.at("detaljer").at(0).at("verdi").as_string() == aktivitetskort::tid_tekst(fra, til));
    REQUIRE(kort.at("detaljer").at(1).at("verdi").as_string() == "Eksempelgate 1, 0123 Oslo");
    REQUIRE(kort.at("handlinger").at(0).at("url").as_string() == "https://min.side/treff/" + id);
    REQUIRE(tid::parse_iso(kort.at("endretTidspunkt").as_string()).value() == k.c->clock->now());
}

TEST_CASE("cards: yes gives GJENNOMFORES, cancel gives AVBRUTT to yes-sayers and the unanswered, no-sayers stay") {
    Kort k;
    auto id = k.treff();
    auto ids = k.c->legg_til(id, 0, 3, k.eier);  // 0 yes, 1 no, 2 no answer
    k.c->json("POST", path(id, "/jobbsoker/inviter"), k.eier, ider(ids));
    k.c->json("POST", path(id, "/jobbsoker/borger/svar-ja"), k.c->borger(test_fnr(0)));
    k.c->json("POST", path(id, "/jobbsoker/borger/svar-nei"), k.c->borger(test_fnr(1)));
    k.c->json("POST", path(id, "/avlys"), k.eier);
    auto records = k.meldinger(7);
    REQUIRE(k.historikk(records, test_fnr(0)) ==
            std::vector<std::string>{"PLANLAGT/NAVIDENT/Z123456", "GJENNOMFORES/PERSONBRUKERIDENT/" + test_fnr(0), "AVBRUTT/NAVIDENT/Z123456"});
    REQUIRE(k.historikk(records, test_fnr(1)) ==
            std::vector<std::string>{"PLANLAGT/NAVIDENT/Z123456", "AVBRUTT/PERSONBRUKERIDENT/" + test_fnr(1)});
    REQUIRE(k.historikk(records, test_fnr(2)) == std::vector<std::string>{"PLANLAGT/NAVIDENT/Z123456", "AVBRUTT/NAVIDENT/Z123456"});
    REQUIRE(records.size() == 7);
}

TEST_CASE("cards: complete gives FULLFORT to yes-sayers and AVBRUTT to the unanswered") {
    Kort k;
    auto id = k.treff();
    auto ids = k.c->legg_til(id, 0, 2, k.eier);
    k.c->json("POST", path(id, "/jobbsoker/inviter"), k.eier, ider(ids));
    k.c->json("POST", path(id, "/jobbsoker/borger/svar-ja"), k.c->borger(test_fnr(0)));
    k.c->clock->advance(std::chrono::hours(24 * 15));  // past tilTid
    k.c->json("POST", path(id, "/fullfor"), k.c->arbeidsgiverrettet("Z123456"));
    auto records = k.meldinger(5);
    REQUIRE(k.historikk(records, test_fnr(0)).back() == "FULLFORT/NAVIDENT/Z123456");
    REQUIRE(k.historikk(records, test_fnr(1)).back() == "AVBRUTT/NAVIDENT/Z123456");
}

TEST_CASE("cards: no after yes is AVBRUTT and then nothing more, whatever happens to the meeting") {
    Kort k;
    auto id = k.treff();
    auto ids = k.c->legg_til(id, 0, 1, k.eier);
    k.c->json("POST", path(id, "/jobbsoker/inviter"), k.eier, ider(ids));
    auto meg = k.c->borger(test_fnr(0));
    k.c->json("POST", path(id, "/jobbsoker/borger/svar-ja"), meg);
    k.c->json("POST", path(id, "/jobbsoker/borger/svar-nei"), meg);
    k.c->json("POST", path(id, "/jobbsoker/borger/svar-ja"), meg);  // allowed, but the card is final
    auto t = k.c->json("GET", path(id), k.eier).as_object();
    t["tittel"] = "Endret etterpå";
    k.c->json("PUT", path(id), k.eier, boost::json::serialize(t));
    k.c->json("POST", path(id, "/endringer"), k.eier, R"({"endredeFelter":["NAVN"]})", 201);
    k.c->json("POST", path(id, "/avlys"), k.eier);
    REQUIRE(eventually([&] { return k.c->db.count("SELECT count(*) FROM hendelse_utboks") == 0; }));
    // INVITERT, yes, no, yes, the change and its notification, the cancellation.
    REQUIRE(eventually([&] { return k.c->db.count("SELECT count(*) FROM aktivitetskort_behandlet_hendelse") == 7; }));
    auto records = k.meldinger(3);
    std::this_thread::sleep_for(std::chrono::milliseconds(300));
    REQUIRE(k.c->db.count("SELECT count(*) FROM aktivitetskort_versjon") == 3);
    REQUIRE(k.historikk(records, test_fnr(0)) == std::vector<std::string>{"PLANLAGT/NAVIDENT/Z123456",
                                                                           "GJENNOMFORES/PERSONBRUKERIDENT/" + test_fnr(0),
                                                                           "AVBRUTT/PERSONBRUKERIDENT/" + test_fnr(0)});
}

TEST_CASE("cards: a meeting change appends a version with the new Tid, keeping the status, changed by SYSTEM") {
    Kort k;
    auto id = k.treff();
    auto ids = k.c->legg_til(id, 0, 1, k.eier);
    k.c->json("POST", path(id, "/jobbsoker/inviter"), k.eier, ider(ids));
    k.c->json("POST", path(id, "/jobbsoker/borger/svar-ja"), k.c->borger(test_fnr(0)));
    auto t = k.c->json("GET", path(id), k.eier).as_object();
    auto fra = *tid::parse_iso(t.at("fraTid").as_string()) + std::chrono::hours(26);
    t["fraTid"] = tid::format_oslo(fra);
    t["tilTid"] = tid::format_oslo(fra + std::chrono::hours(3));
    k.c->json("PUT", path(id), k.eier, boost::json::serialize(t));
    k.c->json("POST", path(id, "/endringer"), k.eier, R"({"endredeFelter":["TIDSPUNKT"]})", 201);
    auto records = k.meldinger(3);
    auto last = boost::json::parse(records.back().value).at("aktivitetskort");
    REQUIRE(last.at("aktivitetStatus").as_string() == "GJENNOMFORES");
    REQUIRE(last.at("endretAv").at("identType").as_string() == "SYSTEM");
    REQUIRE(last.at("endretAv").at("ident").as_string() == "SYSTEM");
    REQUIRE(last.at("detaljer").at(0).at("verdi").as_string() == aktivitetskort::tid_tekst(fra, fra + std::chrono::hours(3)));
    REQUIRE(last.at("startDato").as_string() == tid::oslo_date(fra));
}

TEST_CASE("cards: a duplicate invitation makes no second card, even when the event is delivered twice") {
    Kort k;
    auto id = k.treff();
    auto ids = k.c->legg_til(id, 0, 1, k.eier);
    k.c->json("POST", path(id, "/jobbsoker/inviter"), k.eier, ider(ids));
    k.c->json("POST", path(id, "/jobbsoker/inviter"), k.eier, ider(ids));
    k.meldinger(1);
    // The relay redelivers (a crash before marking): same hendelseId, nothing new.
    k.c->db.connect().exec(R"(INSERT INTO hendelse_utboks (hendelse_id, rekkefolge, jobbsoker_id)
                              SELECT id, rekkefolge, jobbsoker_id FROM jobbsoker_hendelse WHERE hendelsestype = 'INVITERT')");
    k.c->db.connect().exec("DELETE FROM aktivitetskort_polling");
    REQUIRE(eventually([&] { return k.c->db.count("SELECT count(*) FROM aktivitetskort_polling") == 1; }));
    REQUIRE(k.c->db.count("SELECT count(*) FROM aktivitetskort") == 1);
    REQUIRE(k.c->db.count("SELECT count(*) FROM aktivitetskort_versjon") == 1);
}

TEST_CASE("cards: a title with quotes, backslash, newline, NBSP and emoji arrives byte for byte") {
    Kort k;
    const std::string tittel = "Treff \"hos\" A\\S\nlinje to\u00A0med nbsp 🎉 æøå";
    auto id = k.treff(tittel);
    auto ids = k.c->legg_til(id, 0, 1, k.eier);
    k.c->json("POST", path(id, "/jobbsoker/inviter"), k.eier, ider(ids));
    auto records = k.meldinger(1);
    REQUIRE(boost::json::parse(records[0].value).at("aktivitetskort").at("tittel").as_string() == tittel);
    REQUIRE(records[0].value.find("\\\"hos\\\" A\\\\S\\nlinje to\u00A0med nbsp 🎉 æøå") != std::string::npos);
}

TEST_CASE("cards: a meeting across the autumn daylight-saving change shows Oslo wall-clock times") {
    Kort k;
    auto id = std::string(k.c->json("POST", "/api/rekrutteringstreff", k.eier, "{}", 201).at("id").as_string());
    k.c->json("PUT", path(id), k.eier,
              R"({"tittel":"Over natta","fraTid":"2030-10-26T22:00:00+02:00","tilTid":"2030-10-27T09:00:00+01:00",
                  "svarfrist":"2030-10-20T12:00:00+02:00","gateadresse":"Gate 1","postnummer":"0150","poststed":"Oslo"})");
    k.c->json("POST", path(id, "/publiser"), k.eier);
    auto ids = k.c->legg_til(id, 0, 1, k.eier);
    k.c->json("POST", path(id, "/jobbsoker/inviter"), k.eier, ider(ids));
    auto kort = boost::json::parse(k.meldinger(1)[0].value).at("aktivitetskort");
    const std::string nb = "\u00A0";
    REQUIRE(kort.at("detaljer").at(0).at("verdi").as_string() ==
            "26." + nb + "oktober" + nb + "2030, kl." + nb + "22:00 til 27." + nb + "oktober" + nb + "2030, kl." + nb + "09:00");
    REQUIRE(kort.at("startDato").as_string() == "2030-10-26");
    REQUIRE(kort.at("sluttDato").as_string() == "2030-10-27");
}

TEST_CASE("cards: an error on the error topic gives AKTIVITETSKORT_OPPRETTELSE_FEIL once, even delivered twice") {
    Kort k;
    auto id = k.treff();
    auto ids = k.c->legg_til(id, 0, 1, k.eier);
    k.c->json("POST", path(id, "/jobbsoker/inviter"), k.eier, ider(ids));
    auto sent = k.meldinger(1)[0];
    auto feil = feilmelding(sent, "UGYLDIG_IDENT", "no.nav.veilarbaktivitet.aktivitetskort.feil.UgyldigIdentFeil",
                            "Ident ikke funnet eller ugyldig ident for fnr");
    auto annen = boost::json::serialize(boost::json::object{{"key", *sent.key}, {"source", "ARENA"}, {"failingMessage", sent.value},
                                                            {"errorType", "UGYLDIG_IDENT"}});
    test::produce_raw(k.feil_topic, {{*sent.key, "ikke json"}, {*sent.key, feil}, {*sent.key, annen}, {*sent.key, feil}});
    REQUIRE(eventually([&] { return k.c->db.count("SELECT count(*) FROM jobbsoker_hendelse WHERE hendelsestype = 'AKTIVITETSKORT_OPPRETTELSE_FEIL'") == 1; }));
    REQUIRE(eventually([&] { return k.c->service->topics().assigned_partitions() > 0 && k.c->db.count("SELECT count(*) FROM dead_letter") == 1; }));
    std::this_thread::sleep_for(std::chrono::milliseconds(500));
    REQUIRE(k.c->db.count("SELECT count(*) FROM jobbsoker_hendelse WHERE hendelsestype = 'AKTIVITETSKORT_OPPRETTELSE_FEIL'") == 1);
    REQUIRE(k.c->db.count("SELECT count(*) FROM aktivitetskort_feil") == 1);
    REQUIRE(k.c->db.scalar("SELECT handler FROM dead_letter") == "aktivitetskort-feil");
    REQUIRE(k.c->db.scalar("SELECT opprettet_av_aktortype || '/' || aktoridentifikasjon FROM jobbsoker_hendelse WHERE hendelsestype = 'AKTIVITETSKORT_OPPRETTELSE_FEIL'") ==
            "ARRANGØR/Z123456");

    auto les = k.c->json("GET", path(id, "/jobbsoker/" + ids[0] + "/aktivitetskort"), k.eier).as_object();
    REQUIRE(les.at("status").as_string() == "PLANLAGT");
    REQUIRE(les.at("versjoner").as_array().size() == 1);
    REQUIRE(les.at("versjoner").at(0).at("sendt").as_bool());
    REQUIRE(les.at("feil").at(0).at("errorType").as_string() == "UGYLDIG_IDENT");
}

TEST_CASE("cards: DUPLIKATMELDINGFEIL is stored without a job seeker event, and a citizen's version names the citizen") {
    Kort k;
    auto id = k.treff();
    auto ids = k.c->legg_til(id, 0, 2, k.eier);
    k.c->json("POST", path(id, "/jobbsoker/inviter"), k.eier, ider(ids));
    k.c->json("POST", path(id, "/jobbsoker/borger/svar-ja"), k.c->borger(test_fnr(0)));
    k.c->json("POST", path(id, "/jobbsoker/borger/svar-ja"), k.c->borger(test_fnr(1)));
    auto records = k.meldinger(4);
    auto versjon = [&](int person, const char* status) {
        for (const auto& r : records) {
            auto kort = boost::json::parse(r.value).at("aktivitetskort");
            if (kort.at("personIdent").as_string() == test_fnr(person) && kort.at("aktivitetStatus").as_string() == status) return r;
        }
        FAIL("no such version");
        return kafka::Record{};
    };
    // Person 1's answer was sent before the fix, with the old spelling: the error must still name the citizen.
    auto gammel = boost::json::parse(versjon(1, "GJENNOMFORES").value).at("messageId").as_string();
    k.c->db.connect().query("UPDATE aktivitetskort_versjon SET endret_av_type = 'PERSONBRUKER' WHERE message_id = $1", std::string(gammel));
    test::produce_raw(k.feil_topic,
                      {{*versjon(0, "PLANLAGT").key, feilmelding(versjon(0, "PLANLAGT"), "DUPLIKATMELDINGFEIL",
                                                                 "no.nav.veilarbaktivitet.aktivitetskort.feil.DuplikatMeldingFeil",
                                                                 "Melding allerede handtert, ignorer")},
                       {*versjon(0, "GJENNOMFORES").key, feilmelding(versjon(0, "GJENNOMFORES"), "MANGLER_OPPFOLGINGSPERIODE",
                                                                     "no.nav.veilarbaktivitet.aktivitetskort.feil.ManglerOppfolgingsperiodeFeil",
                                                                     "Finner ingen passende oppfølgingsperiode for aktivitetskortet.")},
                       {*versjon(1, "GJENNOMFORES").key, feilmelding(versjon(1, "GJENNOMFORES"), "VALIDERINGSFEIL",
                                                                     "no.nav.veilarbaktivitet.aktivitetskort.feil.ValideringFeil",
                                                                     "Tittelen er for lang")}});
    REQUIRE(eventually([&] { return k.c->db.count("SELECT count(*) FROM aktivitetskort_feil") == 3; }));
    REQUIRE(eventually([&] { return k.c->db.count("SELECT count(*) FROM jobbsoker_hendelse WHERE hendelsestype = 'AKTIVITETSKORT_OPPRETTELSE_FEIL'") == 2; }));
    std::this_thread::sleep_for(std::chrono::milliseconds(500));
    REQUIRE(k.c->db.scalar(R"(SELECT string_agg(opprettet_av_aktortype || '/' || aktoridentifikasjon || '/' || (hendelse_data->>'errorType'), ';'
                                                ORDER BY hendelse_data->>'errorType')
                              FROM jobbsoker_hendelse WHERE hendelsestype = 'AKTIVITETSKORT_OPPRETTELSE_FEIL')") ==
            "JOBBSØKER/" + test_fnr(0) + "/MANGLER_OPPFOLGINGSPERIODE;JOBBSØKER/" + test_fnr(1) + "/VALIDERINGSFEIL");
    auto les = k.c->json("GET", path(id, "/jobbsoker/" + ids[0] + "/aktivitetskort"), k.eier).as_object();
    REQUIRE(les.at("feil").as_array().size() == 2);  // the duplicate is stored and shown
    REQUIRE(k.c->db.count("SELECT count(*) FROM dead_letter") == 0);
}

TEST_CASE("cards: the relay killed between send and mark sends the same messageId again, and nothing else twice") {
    std::atomic<int> kill_once{1};
    Kort k([&](Service& s) {
        s.aktivitetskort().relay()->etter_sending = [&] {
            if (kill_once.exchange(0) == 1) throw std::runtime_error("relayet døde mellom sending og merking");
        };
    });
    auto id = k.treff();
    auto ids = k.c->legg_til(id, 0, 2, k.eier);
    k.c->json("POST", path(id, "/jobbsoker/inviter"), k.eier, ider(ids));
    REQUIRE(eventually([&] { return k.c->db.count("SELECT count(*) FROM aktivitetskort_versjon WHERE sendt_tidspunkt IS NOT NULL") == 2; }));
    k.c->json("POST", path(id, "/jobbsoker/borger/svar-ja"), k.c->borger(test_fnr(0)));
    auto records = k.meldinger(3);
    auto more = test::read_records(k.kort_topic, 5, std::chrono::seconds(3));
    std::map<std::string, int> per_message;
    for (const auto& r : more) per_message[std::string(boost::json::parse(r.value).at("messageId").as_string())]++;
    REQUIRE(more.size() == 5);  // two invitations twice, the answer once
    int twice = 0;
    for (const auto& [m, n] : per_message) {
        REQUIRE(n <= 2);
        if (n == 2) ++twice;
    }
    REQUIRE(twice == 2);
    REQUIRE(per_message.size() == 3);
    (void)records;
}

TEST_CASE("cards, standalone: versions stay in the table unsent and are readable, hidden or unknown is 404") {
    Component c;
    auto eier = c.arbeidsgiverrettet("Z123456");
    auto id = c.publisert_treff(eier);
    auto ids = c.legg_til(id, 0, 2, eier);
    c.json("POST", path(id, "/jobbsoker/inviter"), eier, ider(ids));
    c.json("POST", path(id, "/jobbsoker/borger/svar-nei"), c.borger(test_fnr(0)));
    REQUIRE(eventually([&] { return c.db.count("SELECT count(*) FROM aktivitetskort_versjon") == 3; }));
    auto les = c.json("GET", path(id, "/jobbsoker/" + ids[0] + "/aktivitetskort"), c.utvikler()).as_object();
    REQUIRE(les.at("status").as_string() == "AVBRUTT");
    const auto& v = les.at("versjoner").as_array();
    REQUIRE(v.size() == 2);
    REQUIRE(v[0].at("status").as_string() == "PLANLAGT");
    REQUIRE(v[0].at("endretAv").at("ident").as_string() == "Z123456");
    REQUIRE(v[1].at("endretAv").at("identType").as_string() == "PERSONBRUKERIDENT");
    REQUIRE(v[1].at("sendt").as_bool() == false);
    REQUIRE(v[1].at("sendtTidspunkt").is_null());
    c.db.connect().query("UPDATE jobbsoker SET er_synlig = false WHERE id = $1", ids[1]);
    REQUIRE(c.call("GET", path(id, "/jobbsoker/" + ids[1] + "/aktivitetskort"), eier).status == 404);
    REQUIRE(c.call("GET", path(id, "/jobbsoker/6f1c3a52-9b7e-4c2d-8e1f-0a1b2c3d4e5f/aktivitetskort"), eier).status == 404);
    REQUIRE(c.call("GET", path(id, "/jobbsoker/" + ids[0] + "/aktivitetskort"), c.borger(test_fnr(0))).status == 403);
    REQUIRE(c.call("GET", path(id, "/jobbsoker/" + ids[0] + "/aktivitetskort"), "").status == 401);
}

// Issue 10: registered changes, answers on a person's behalf and reopening, end to end through
// the real rapid and card topics.
namespace {

// The rapid messages named `event` (with their keys), read until `antall` of them are there. Call
// it once the relay has delivered everything: then a short read finds all there is.
std::vector<kafka::Record> rapid_meldinger(const Kort& k, const std::string& event, std::size_t antall) {
    std::vector<kafka::Record> out;
    for (std::size_t les = antall; out.size() < antall; les += 10) {
        auto records = test::read_records(k.rapid, les, std::chrono::seconds(les == antall ? 20 : 2));
        out.clear();
        for (auto& r : records)
            if (boost::json::parse(r.value).at("@event_name") == event.c_str()) out.push_back(std::move(r));
        if (records.size() < les) break;  // that is all there is
    }
    return out;
}

// The card statuses of one person's versions, in order.
std::vector<std::string> statuser(const std::vector<kafka::Record>& records, const std::string& fnr) {
    std::vector<std::string> out;
    for (const auto& r : records) {
        auto k = boost::json::parse(r.value).at("aktivitetskort");
        if (k.at("personIdent").as_string() == fnr) out.emplace_back(k.at("aktivitetStatus").as_string());
    }
    return out;
}

// Every delivered event handled by the card module, and the card versions then on the topic.
std::vector<kafka::Record> alle_kort_etter(Kort& k, long long hendelser, std::size_t versjoner) {
    REQUIRE(eventually([&] { return k.c->db.count("SELECT count(*) FROM hendelse_utboks") == 0; }));
    REQUIRE(eventually([&] { return k.c->db.count("SELECT count(*) FROM aktivitetskort_behandlet_hendelse") == hendelser; }));
    REQUIRE(k.c->db.count("SELECT count(*) FROM aktivitetskort_versjon") == static_cast<long long>(versjoner));
    return k.meldinger(versjoner);
}

}  // namespace

TEST_CASE("endringer: invited, yes-sayers, no-sayers and the not invited get exactly the right events, messages and cards") {
    Kort k;
    auto id = k.treff();
    auto ids = k.c->legg_til(id, 0, 5, k.eier);  // 0 invited, 1 yes, 2 no, 3 not invited, 4 yes on their behalf
    k.c->json("POST", path(id, "/jobbsoker/inviter"), k.eier, ider({ids[0], ids[1], ids[2], ids[4]}));
    k.c->json("POST", path(id, "/jobbsoker/borger/svar-ja"), k.c->borger(test_fnr(1)));
    k.c->json("POST", path(id, "/jobbsoker/borger/svar-nei"), k.c->borger(test_fnr(2)));
    k.c->json("POST", path(id, "/jobbsoker/" + ids[4] + "/svar"), k.eier, R"({"svar":true})");
    auto t = k.c->json("GET", path(id), k.eier).as_object();
    auto fra = *tid::parse_iso(t.at("fraTid").as_string()) + std::chrono::hours(24);
    t["fraTid"] = tid::format_oslo(fra);
    t["tilTid"] = tid::format_oslo(fra + std::chrono::hours(3));
    t["gateadresse"] = "Nygata 2";
    k.c->json("PUT", path(id), k.eier, boost::json::serialize(t));
    // Unknown names are dropped and duplicates kept once, in the order given.
    auto r = k.c->call("POST", path(id, "/endringer"), k.eier, R"({"endredeFelter":["TIDSPUNKT","UKJENT","STED","TIDSPUNKT"]})");
    REQUIRE(r.status == 201);
    REQUIRE(r.body.empty());

    // The events: the card update for everyone invited, the notification for those who said yes.
    CHECK(k.c->db.scalar(R"(SELECT string_agg(j.fornavn || '=' || h.hendelsestype || '/' || h.opprettet_av_aktortype || '/' ||
                                              h.aktoridentifikasjon || '/' || coalesce(h.hendelse_data::text, 'null'), ';'
                                              ORDER BY j.fornavn, h.rekkefolge)
                            FROM jobbsoker_hendelse h JOIN jobbsoker j ON j.id = h.jobbsoker_id
                            WHERE h.hendelsestype LIKE 'TREFF_ENDRET%')") ==
          "Fornavn0=TREFF_ENDRET_ETTER_PUBLISERING/ARRANGØR/Z123456/null;"
          "Fornavn1=TREFF_ENDRET_ETTER_PUBLISERING/ARRANGØR/Z123456/null;"
          R"(Fornavn1=TREFF_ENDRET_ETTER_PUBLISERING_NOTIFIKASJON/ARRANGØR/Z123456/{"endredeFelter": ["TIDSPUNKT", "STED"]};)"
          "Fornavn2=TREFF_ENDRET_ETTER_PUBLISERING/ARRANGØR/Z123456/null;"
          "Fornavn4=TREFF_ENDRET_ETTER_PUBLISERING/ARRANGØR/Z123456/null;"
          R"(Fornavn4=TREFF_ENDRET_ETTER_PUBLISERING_NOTIFIKASJON/ARRANGØR/Z123456/{"endredeFelter": ["TIDSPUNKT", "STED"]})");
    CHECK(k.c->db.count("SELECT count(*) FROM rekrutteringstreff_hendelse WHERE hendelsestype = 'TREFF_ENDRET_ETTER_PUBLISERING'") == 1);

    // Events: 4 INVITERT, 3 answers, 4 TREFF_ENDRET, 2 notifications, all delivered.
    auto records = alle_kort_etter(k, 13, 10);

    // The rapid: four without endredeFelter (the card update), two with (the notification).
    auto oppdateringer = rapid_meldinger(k, "rekrutteringstreffoppdatering", 6);
    REQUIRE(oppdateringer.size() == 6);
    std::map<std::string, std::vector<boost::json::object>> per_fnr;
    for (const auto& m : oppdateringer) {
        auto o = boost::json::parse(m.value).as_object();
        CHECK(*m.key == o.at("fnr").as_string());
        CHECK(o.at("rekrutteringstreffId").as_string() == id);
        CHECK(o.at("fraTid").as_string() == tid::format_oslo(fra));
        CHECK(o.at("gateadresse").as_string() == "Nygata 2");
        CHECK(o.at("endretAv").as_string() == "Z123456");
        per_fnr[std::string(o.at("fnr").as_string())].push_back(std::move(o));
    }
    CHECK(per_fnr.size() == 4);
    for (int i : {0, 2}) {
        REQUIRE(per_fnr[test_fnr(i)].size() == 1);
        CHECK_FALSE(per_fnr[test_fnr(i)][0].contains("endredeFelter"));
    }
    for (int i : {1, 4}) {
        REQUIRE(per_fnr[test_fnr(i)].size() == 2);
        CHECK_FALSE(per_fnr[test_fnr(i)][0].contains("endredeFelter"));
        CHECK(per_fnr[test_fnr(i)][1].at("endredeFelter") == boost::json::array{"TIDSPUNKT", "STED"});
    }
    CHECK(per_fnr.count(test_fnr(3)) == 0);

    // The cards: one new version per invited card that is not final, SYSTEM's, with the new
    // time and place; the no-sayer's AVBRUTT stays; the notification makes no version.
    CHECK(statuser(records, test_fnr(0)) == std::vector<std::string>{"PLANLAGT", "PLANLAGT"});
    CHECK(statuser(records, test_fnr(1)) == std::vector<std::string>{"PLANLAGT", "GJENNOMFORES", "GJENNOMFORES"});
    CHECK(statuser(records, test_fnr(2)) == std::vector<std::string>{"PLANLAGT", "AVBRUTT"});
    CHECK(statuser(records, test_fnr(3)).empty());
    CHECK(k.historikk(records, test_fnr(4)) ==
          std::vector<std::string>{"PLANLAGT/NAVIDENT/Z123456", "GJENNOMFORES/NAVIDENT/Z123456", "GJENNOMFORES/SYSTEM/SYSTEM"});
    for (int i : {0, 1, 4}) {
        auto siste = boost::json::parse(records[0].value);  // replaced below by the person's last version
        const kafka::Record* siste_record = &records[0];
        for (const auto& rec : records) {
            auto m = boost::json::parse(rec.value);
            if (m.at("aktivitetskort").at("personIdent") == test_fnr(i).c_str()) {
                siste = m;
                siste_record = &rec;
            }
        }
        const auto& kort = siste.at("aktivitetskort");
        INFO("person " << i);
        CHECK(kort.at("endretAv") == boost::json::value{{"ident", "SYSTEM"}, {"identType", "SYSTEM"}});
        CHECK(kort.at("startDato").as_string() == tid::oslo_date(fra));
        CHECK(kort.at("detaljer").at(0).at("verdi").as_string() == aktivitetskort::tid_tekst(fra, fra + std::chrono::hours(3)));
        CHECK(kort.at("detaljer").at(1).at("verdi").as_string() == "Nygata 2, 0123 Oslo");
        CHECK(kontrakt::brudd_pa_kort(*siste_record).empty());
    }
}

TEST_CASE("on behalf end to end: yes, removal and no give the cards and rapid messages of the spec, and final stays final") {
    Kort k;
    auto id = k.treff();
    auto ids = k.c->legg_til(id, 0, 2, k.eier);
    k.c->json("POST", path(id, "/jobbsoker/inviter"), k.eier, ider(ids));
    auto svar = [&](int i, const char* verdi) {
        k.c->json("POST", path(id, "/jobbsoker/" + ids[i] + "/svar"), k.eier, std::string(R"({"svar":)") + verdi + "}");
    };
    svar(0, "true");
    svar(0, "null");   // a GJENNOMFORES card goes back to PLANLAGT
    svar(0, "false");  // AVBRUTT: final
    svar(0, "null");   // INVITERT again, but the card stays AVBRUTT
    svar(0, "true");
    k.c->json("POST", path(id, "/jobbsoker/borger/svar-ja"), k.c->borger(test_fnr(1)));
    svar(1, "null");

    // Events: 2 INVITERT, 5 on behalf for person 0, the citizen's yes and its removal for person 1.
    auto records = alle_kort_etter(k, 9, 7);
    CHECK(k.historikk(records, test_fnr(0)) == std::vector<std::string>{"PLANLAGT/NAVIDENT/Z123456", "GJENNOMFORES/NAVIDENT/Z123456",
                                                                         "PLANLAGT/NAVIDENT/Z123456", "AVBRUTT/NAVIDENT/Z123456"});
    CHECK(statuser(records, test_fnr(1)) == std::vector<std::string>{"PLANLAGT", "GJENNOMFORES", "PLANLAGT"});
    CHECK(k.historikk(records, test_fnr(1)).back() == "PLANLAGT/NAVIDENT/Z123456");

    // rekrutteringstreffSvarOgStatus: svar as given, omitted for a removal; never a treffstatus;
    // endretAvPersonbruker only for the citizen's own answer.
    auto meldinger = rapid_meldinger(k, "rekrutteringstreffSvarOgStatus", 7);
    REQUIRE(meldinger.size() == 7);
    std::map<std::string, std::vector<std::string>> per_fnr;
    for (const auto& m : meldinger) {
        auto o = boost::json::parse(m.value).as_object();
        CHECK_FALSE(o.contains("treffstatus"));
        CHECK(*m.key == o.at("fnr").as_string());
        std::string svar_tekst = !o.contains("svar") ? "-" : o.at("svar").as_bool() ? "ja" : "nei";
        per_fnr[std::string(o.at("fnr").as_string())].push_back(
            svar_tekst + "/" + std::string(o.at("endretAv").as_string()) + "/" + (o.at("endretAvPersonbruker").as_bool() ? "borger" : "eier"));
    }
    CHECK(per_fnr[test_fnr(0)] ==
          std::vector<std::string>{"ja/Z123456/eier", "-/Z123456/eier", "nei/Z123456/eier", "-/Z123456/eier", "ja/Z123456/eier"});
    CHECK(per_fnr[test_fnr(1)] == std::vector<std::string>{"ja/" + test_fnr(1) + "/borger", "-/Z123456/eier"});
}

TEST_CASE("cards: reopening a cancelled meeting leaves the cards the cancellation made AVBRUTT as they are") {
    Kort k;
    auto id = k.treff();
    auto ids = k.c->legg_til(id, 0, 2, k.eier);
    k.c->json("POST", path(id, "/jobbsoker/inviter"), k.eier, ider(ids));
    k.c->json("POST", path(id, "/jobbsoker/" + ids[0] + "/svar"), k.eier, R"({"svar":true})");
    k.c->json("POST", path(id, "/avlys"), k.eier);
    alle_kort_etter(k, 5, 5);  // 2 PLANLAGT, GJENNOMFORES, 2 AVBRUTT
    k.c->json("POST", path(id, "/gjenapn"), k.eier);
    k.c->json("POST", path(id, "/jobbsoker/" + ids[1] + "/svar"), k.eier, R"({"svar":true})");
    k.c->json("POST", path(id, "/endringer"), k.eier, R"({"endredeFelter":["NAVN"]})", 201);
    // Reopening wrote nothing for the job seekers; the answer and the change after it did, and
    // the final cards took none of it.
    auto records = alle_kort_etter(k, 5 + 1 + 2 + 2, 5);
    CHECK(statuser(records, test_fnr(0)) == std::vector<std::string>{"PLANLAGT", "GJENNOMFORES", "AVBRUTT"});
    CHECK(statuser(records, test_fnr(1)) == std::vector<std::string>{"PLANLAGT", "AVBRUTT"});
}
