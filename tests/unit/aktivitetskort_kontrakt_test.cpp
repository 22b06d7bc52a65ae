// The contract check can fail: broken card and error messages, each with the violation it must find.
#include <catch2/catch.hpp>

#include <functional>

#include "contract/aktivitetskort_kontrakt.hpp"
#include "core/time.hpp"
#include "modules/aktivitetskort/kort.hpp"

using namespace rt;

namespace {

const std::string kKortId = "bbbbbbbb-0000-4000-8000-000000000002";
const std::string kMessageId = "aaaaaaaa-0000-4000-8000-000000000001";

boost::json::object gyldig() {
    aktivitetskort::KortInnhold innhold{"11111111-2222-4333-8444-555555555555", "Jobbtreff hos Bedrift AS",
                                        *tid::parse_iso("2025-10-01T08:00:00+02:00"), *tid::parse_iso("2025-10-01T10:00:00+02:00"),
                                        "Eksempelgate 1", "0123", "Oslo"};
    return aktivitetskort::melding(kMessageId, kKortId, "01010012345", innhold,
                                   {"GJENNOMFORES", "01010012345", "PERSONBRUKERIDENT", *tid::parse_iso("2025-09-30T10:34:56.789Z")},
                                   "https://www.nav.no/rekrutteringstreff");
}

// The violations of the valid message after `endre`, with the record's key and header as given.
std::vector<std::string> brudd(const std::function<void(boost::json::object&)>& endre, std::optional<std::string> key = kKortId,
                               std::vector<std::pair<std::string, std::string>> headers = {{"Nav-Call-Id", kMessageId}}) {
    auto m = gyldig();
    endre(m);
    return kontrakt::brudd_pa_kort(key, boost::json::serialize(m), headers);
}
boost::json::object& kort(boost::json::object& m) { return m["aktivitetskort"].as_object(); }

// Exactly one violation, and it says `hva`.
void finner(const std::vector<std::string>& b, const std::string& hva) {
    INFO("violations: " << b.size() << (b.empty() ? "" : ", first: " + b[0]));
    REQUIRE(b.size() == 1);
    REQUIRE_THAT(b[0], Catch::Contains(hva));
}

}  // namespace

TEST_CASE("contract: our card message as the module builds it breaks no rule") {
    REQUIRE(brudd([](auto&) {}).empty());
}

TEST_CASE("contract: unknown keys at every level, sendt on an upsert among them") {
    finner(brudd([](auto& m) { m["sendt"] = "2025-10-01T08:00:00+02:00"; }), "$: ukjent nøkkel sendt");
    finner(brudd([](auto& m) { kort(m)["farge"] = "blå"; }), "aktivitetskort: ukjent nøkkel farge");
    finner(brudd([](auto& m) { kort(m)["endretAv"].as_object()["navn"] = "Ola"; }), "aktivitetskort.endretAv: ukjent nøkkel navn");
    finner(brudd([](auto& m) { kort(m)["handlinger"].as_array()[0].as_object()["ikon"] = "x"; }), "handlinger[0]: ukjent nøkkel ikon");
    finner(brudd([](auto& m) { kort(m)["detaljer"].as_array()[0].as_object()["farge"] = "x"; }), "detaljer[0]: ukjent nøkkel farge");
    const boost::json::object oppgave{{"tekst", "Signer"}, {"subtekst", "Avtalen"}, {"url", "https://x.nav.no/a"}};
    finner(brudd([&](auto& m) { kort(m)["oppgave"] = boost::json::object{{"ekstern", oppgave}, {"annen", 1}}; }),
           "aktivitetskort.oppgave: ukjent nøkkel annen");
    REQUIRE(brudd([&](auto& m) { kort(m)["oppgave"] = boost::json::object{{"ekstern", oppgave}, {"intern", nullptr}}; }).empty());
}

TEST_CASE("contract: required keys and their types") {
    finner(brudd([](auto& m) { m.erase("source"); }), "$: mangler source");
    finner(brudd([](auto& m) { kort(m).erase("avtaltMedNav"); }), "aktivitetskort: mangler avtaltMedNav");
    finner(brudd([](auto& m) { kort(m)["avtaltMedNav"] = "nei"; }), "avtaltMedNav: er ikke boolsk");
    finner(brudd([](auto& m) { kort(m)["endretAv"].as_object().erase("ident"); }), "endretAv: mangler ident");
    finner(brudd([](auto& m) { kort(m)["tittel"] = nullptr; }), "tittel: er ikke en tekst");
    finner(brudd([](auto& m) { kort(m)["detaljer"] = nullptr; }), "detaljer: er ikke en liste (null er ikke lov)");
    finner(brudd([](auto& m) { kort(m)["etiketter"] = nullptr; }), "etiketter: er ikke en liste (null er ikke lov)");
    finner(brudd([](auto& m) { kort(m)["handlinger"].as_array()[0].as_object().erase("subtekst"); }), "handlinger[0]: mangler subtekst");
    REQUIRE(brudd([](auto& m) { kort(m)["handlinger"] = nullptr; }).empty());  // nullable in the schema
    REQUIRE(brudd([](auto& m) { kort(m)["beskrivelse"] = nullptr; }).empty());
    finner(brudd([](auto& m) { kort(m)["oppgave"] = boost::json::object{{"intern", nullptr}}; }), "oppgave: mangler ekstern");
}

TEST_CASE("contract: identType is the consumer's enum, not the schema's spellings") {
    auto med = [](const char* type) { return brudd([&](auto& m) { kort(m)["endretAv"].as_object()["identType"] = type; }); };
    finner(med("PERSONBRUKER"), "identType: 'PERSONBRUKER' er ikke en av de lovlige verdiene");
    finner(med("TILTAKSARRAGOER"), "identType: 'TILTAKSARRAGOER'");
    for (auto ok : {"ARENAIDENT", "NAVIDENT", "TILTAKSARRANGOER", "ARBEIDSGIVER", "SYSTEM", "PERSONBRUKERIDENT"}) REQUIRE(med(ok).empty());
}

TEST_CASE("contract: the other enums") {
    finner(brudd([](auto& m) { kort(m)["aktivitetStatus"] = "FERDIG"; }), "aktivitetStatus: 'FERDIG'");
    finner(brudd([](auto& m) { kort(m)["handlinger"].as_array()[0].as_object()["lenkeType"] = "LENKE"; }), "lenkeType: 'LENKE'");
    finner(brudd([](auto& m) { m["source"] = "TEAM_KOMET"; }), "$.source: er ikke vår");
    finner(brudd([](auto& m) { m["source"] = "NAV"; }), "$.source: er ikke en av de lovlige verdiene");
    finner(brudd([](auto& m) { m["actionType"] = "KASSER_AKTIVITET"; }), "vi sender bare UPSERT_AKTIVITETSKORT_V1");
    finner(brudd([](auto& m) { m["aktivitetskortType"] = "MOTE"; }), "aktivitetskortType: er ikke en av de lovlige verdiene");
    finner(brudd([](auto& m) {
               kort(m)["etiketter"] = boost::json::array{{{"tekst", "Ny"}, {"kode", "NY"}, {"sentiment", "ACTION"}}};
           }),
           "sentiment: 'ACTION'");
}

TEST_CASE("contract: the title's limit is 255 UTF-16 code units, as String.length counts") {
    auto tittel = [](const std::string& t) { return brudd([&](auto& m) { kort(m)["tittel"] = t; }); };
    REQUIRE(tittel(std::string(255, 'a')).empty());
    finner(tittel(std::string(256, 'a')), "har 256 UTF-16-enheter, mer enn 255");
    REQUIRE(tittel(std::string(253, 'a') + "🎉").empty());  // an emoji is two units
    finner(tittel(std::string(254, 'a') + "🎉"), "har 256 UTF-16-enheter");
    std::string aeoeaa;
    for (int i = 0; i < 255; ++i) aeoeaa += "æ";  // two bytes, one unit
    REQUIRE(tittel(aeoeaa).empty());
}

TEST_CASE("contract: endretTidspunkt with seconds, three decimals and the Oslo offset, dates and URLs") {
    auto tid = [](const char* t) { return brudd([&](auto& m) { kort(m)["endretTidspunkt"] = t; }); };
    REQUIRE(tid("2025-09-30T12:34:56.789+02:00").empty());
    REQUIRE(tid("2025-01-30T12:34:56.789+01:00").empty());
    finner(tid("2025-09-30T12:34+02:00"), "er ikke en date-time med sekunder og sone");
    finner(tid("2025-09-30T12:34:56.789"), "er ikke en date-time med sekunder og sone");
    finner(tid("2025-09-30T12:34:56+02:00"), "har ikke nøyaktig tre desimaler");
    finner(tid("2025-09-30T10:34:56.789Z"), "har Z, ikke Europe/Oslo-offset");
    finner(tid("2025-09-30T11:34:56.789+01:00"), "har ikke Europe/Oslo-offset for det tidspunktet");
    finner(brudd([](auto& m) { kort(m)["startDato"] = "2025-02-30"; }), "startDato: er ikke en dato");
    finner(brudd([](auto& m) { kort(m)["sluttDato"] = "01.10.2025"; }), "sluttDato: er ikke en dato");
    REQUIRE(brudd([](auto& m) { kort(m)["startDato"] = nullptr; }).empty());
    finner(brudd([](auto& m) { kort(m)["handlinger"].as_array()[0].as_object()["url"] = "/rekrutteringstreff/1"; }),
           "url: er ikke en absolutt http(s)-URL");
}

TEST_CASE("contract: key, messageId and Nav-Call-Id around the message") {
    finner(brudd([](auto&) {}, "cccccccc-0000-4000-8000-000000000003"), "KAFKA_KEY_ULIK_AKTIVITETSID");
    finner(brudd([](auto&) {}, "BBBBBBBB-0000-4000-8000-000000000002"), "KAFKA_KEY_ULIK_AKTIVITETSID");  // UUID.toString() is lower case
    finner(brudd([](auto&) {}, std::nullopt), "key: mangler");
    finner(brudd([](auto& m) { m["messageId"] = kKortId; }, kKortId, {{"Nav-Call-Id", kKortId}}), "MESSAGEID_LIK_AKTIVITETSID");
    finner(brudd([](auto& m) { m["messageId"] = "melding-1"; }, kKortId, {{"Nav-Call-Id", "melding-1"}}), "$.messageId: er ikke en UUID");
    finner(brudd([](auto&) {}, kKortId, {}), "header Nav-Call-Id: mangler");
    finner(brudd([](auto&) {}, kKortId, {{"Nav-Call-Id", kKortId}}), "header Nav-Call-Id: er ikke messageId");
    finner(kontrakt::brudd_pa_kort(kKortId, "{ikke json", {{"Nav-Call-Id", kMessageId}}), "DESERIALISERINGSFEIL");
}

TEST_CASE("contract: no new version of a card after FULLFORT or AVBRUTT, a resend of the same message is fine") {
    auto versjon = [](const std::string& message_id, const char* status) {
        auto m = gyldig();
        m["messageId"] = message_id;
        kort(m)["aktivitetStatus"] = status;
        kafka::Record r;
        r.key = kKortId;
        r.value = boost::json::serialize(m);
        return r;
    };
    auto a = versjon("aaaaaaaa-0000-4000-8000-00000000000a", "PLANLAGT");
    auto b = versjon("aaaaaaaa-0000-4000-8000-00000000000b", "AVBRUTT");
    auto c = versjon("aaaaaaaa-0000-4000-8000-00000000000c", "GJENNOMFORES");
    REQUIRE(kontrakt::brudd_pa_kortrekkefolge({a, b, b}).empty());
    finner(kontrakt::brudd_pa_kortrekkefolge({a, b, c}), "ny versjon aaaaaaaa-0000-4000-8000-00000000000c etter endelig status");
}

TEST_CASE("contract: the error topic's message as the consumer sends it, and broken ones") {
    const std::string gyldig_feil = R"({"key":"bbbbbbbb-0000-4000-8000-000000000002","source":"REKRUTTERINGSBISTAND",
        "timestamp":"2025-09-30T12:00:00.123456789+02:00","failingMessage":"{}",
        "errorMessage":"class no.nav.veilarbaktivitet.aktivitetskort.feil.DuplikatMeldingFeil Melding allerede handtert, ignorer",
        "errorType":"DUPLIKATMELDINGFEIL"})";
    REQUIRE(kontrakt::brudd_pa_feilmelding(kKortId, gyldig_feil).empty());
    auto med = [&](const std::function<void(boost::json::object&)>& endre) {
        auto o = boost::json::parse(gyldig_feil).as_object();
        endre(o);
        return kontrakt::brudd_pa_feilmelding(kKortId, boost::json::serialize(o));
    };
    REQUIRE(med([](auto& o) { o["errorType"] = "VALIDERINGSFEIL"; }).empty());  // in the code's enum, not the schema's
    REQUIRE(med([](auto& o) { o["source"] = "UNKNOWN"; }).empty());
    finner(med([](auto& o) { o["errorType"] = "UKJENT_FEIL"; }), "errorType: 'UKJENT_FEIL'");
    finner(med([](auto& o) { o["ekstra"] = 1; }), "ukjent nøkkel ekstra");
    finner(med([](auto& o) { o.erase("errorMessage"); }), "mangler errorMessage");
    auto ikke_uuid = boost::json::parse(gyldig_feil).as_object();
    ikke_uuid["key"] = "kort-1";
    finner(kontrakt::brudd_pa_feilmelding("kort-1", boost::json::serialize(ikke_uuid)), "$.key: er ikke en UUID");
    finner(med([](auto& o) { o["timestamp"] = "i dag"; }), "$.timestamp: er ikke en date-time");
    finner(kontrakt::brudd_pa_feilmelding("cccccccc-0000-4000-8000-000000000003", gyldig_feil), "key: er ikke meldingens key");
}
