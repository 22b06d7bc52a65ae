// minsideVarselSvar on the rapid -> MOTTATT_SVAR_FRA_MINSIDE; AktivitetskortFeilet on the bus.
#include <catch2/catch.hpp>
#include <fmt/format.h>

#include "infra/rapid/embedded_rapid.hpp"
#include "modules/jobbsoker/events.hpp"
#include "support/component.hpp"
#include "support/fnr.hpp"

using namespace rt;
using rt::test::Component;
using rt::test::test_fnr;

namespace {
void send(Component& c, const std::string& raw) {
    auto& rapid = dynamic_cast<rapid::EmbeddedRapid&>(c.service->rapid());
    rapid.inject("k", raw);
    REQUIRE(rapid.drain(std::chrono::seconds(10)));
}
std::string varsel(const std::string& treff, const std::string& fnr, const std::string& status) {
    return fmt::format(R"({{"@event_name":"minsideVarselSvar","@id":"x","varselId":"v-1","avsenderReferanseId":"{}","fnr":"{}",
        "eksternStatus":"{}","minsideStatus":"OPPRETTET","eksternKanal":"SMS","mal":"KANDIDAT_INVITERT_TREFF","flettedata":["tidspunkt","sted"]}})",
                       treff, fnr, status);
}
}  // namespace

TEST_CASE("minside: a receipt is stored once per varselId and status, without the fnr, unknown ones are skipped") {
    Component c;
    auto eier = c.arbeidsgiverrettet();
    auto id = c.publisert_treff(eier);
    c.legg_til(id, 0, 1, eier);
    send(c, varsel(id, test_fnr(0), "SENDT"));
    send(c, varsel(id, test_fnr(0), "SENDT"));
    send(c, varsel(id, test_fnr(0), "FEILET"));
    send(c, varsel(id, test_fnr(5), "SENDT"));                               // not on the meeting
    send(c, varsel("6f1c3a52-9b7e-4c2d-8e1f-0a1b2c3d4e5f", test_fnr(0), "SENDT"));  // no such meeting
    send(c, varsel("ikke-uuid", test_fnr(0), "SENDT"));
    send(c, R"({"@event_name":"minsideVarselSvar","varselId":"v-2","fnr":"x"})");  // broken: dead letter
    REQUIRE(c.db.count("SELECT count(*) FROM jobbsoker_hendelse WHERE hendelsestype = 'MOTTATT_SVAR_FRA_MINSIDE'") == 2);
    auto data = boost::json::parse(c.db.scalar(
        "SELECT hendelse_data::text FROM jobbsoker_hendelse WHERE hendelsestype = 'MOTTATT_SVAR_FRA_MINSIDE' AND hendelse_data->>'eksternStatus' = 'SENDT'"));
    REQUIRE(data.at("varselId").as_string() == "v-1");
    REQUIRE(data.at("avsenderReferanseId").as_string() == id);
    REQUIRE(data.at("eksternKanal").as_string() == "SMS");
    REQUIRE(data.at("flettedata").as_array().size() == 2);
    REQUIRE_FALSE(data.as_object().contains("fnr"));
    REQUIRE_FALSE(data.as_object().contains("@id"));
    REQUIRE(c.db.scalar("SELECT DISTINCT opprettet_av_aktortype FROM jobbsoker_hendelse WHERE hendelsestype = 'MOTTATT_SVAR_FRA_MINSIDE'") == "SYSTEM");
    REQUIRE(c.db.scalar("SELECT handler || ':' || reason FROM dead_letter") == "minsideVarselSvar:mangler avsenderReferanseId");
}

TEST_CASE("aktivitetskort error on the bus -> AKTIVITETSKORT_OPPRETTELSE_FEIL once, with the card version's actor") {
    Component c;
    auto eier = c.arbeidsgiverrettet();
    auto id = c.publisert_treff(eier);
    c.legg_til(id, 0, 1, eier);
    jobbsoker::AktivitetskortFeilet feil{id, test_fnr(0), "Z123456", "ARRANGØR", "m-1", "UGYLDIG_IDENT"};
    c.service->bus().publish(feil);
    c.service->bus().publish(feil);
    c.service->bus().publish(jobbsoker::AktivitetskortFeilet{id, test_fnr(9), "Z1", "ARRANGØR", "m-2", "UGYLDIG_IDENT"});
    REQUIRE(c.db.scalar(R"(SELECT string_agg(opprettet_av_aktortype || '/' || aktoridentifikasjon || '/' || (hendelse_data->>'errorType'), ';')
                           FROM jobbsoker_hendelse WHERE hendelsestype = 'AKTIVITETSKORT_OPPRETTELSE_FEIL')") ==
            "ARRANGØR/Z123456/UGYLDIG_IDENT");
}

TEST_CASE("minside: the ident mapper's copy with aktørId is ignored, the original is stored once") {
    Component c;
    auto eier = c.arbeidsgiverrettet();
    auto id = c.publisert_treff(eier);
    c.legg_til(id, 0, 1, eier);
    // As kandidatvarsel-api publishes it (library envelope), and the ident mapper's copy of it:
    // the same message with aktørId added, republished keyed on aktørId.
    auto original = fmt::format(R"({{"@event_name":"minsideVarselSvar","varselId":"varsel-123","avsenderReferanseId":"{}",
        "fnr":"{}","eksternStatus":"sendt","minsideStatus":"ferdigstilt","opprettet":"2025-12-01T14:53:29.201417+01:00",
        "avsenderNavident":"Z123456","eksternFeilmelding":null,"eksternKanal":"SMS","mal":"rekrutteringstreff-invitasjon",
        "@id":"3f1e2d4c-5b6a-4798-8a1b-2c3d4e5f6a7b","@opprettet":"2025-12-01T14:53:29.301417","system_read_count":0,
        "system_participating_services":[{{"id":"3f1e2d4c-5b6a-4798-8a1b-2c3d4e5f6a7b","time":"2025-12-01T14:53:29.301417",
        "service":"rekrutteringstreff-kandidatvarsel-api","instance":"rekrutteringstreff-kandidatvarsel-api-6b5c-kx2p"}}]}})",
                                id, test_fnr(0));
    auto kopi = boost::json::parse(original).as_object();
    kopi["aktørId"] = "1234567890123";
    send(c, boost::json::serialize(kopi));
    REQUIRE(c.db.count("SELECT count(*) FROM jobbsoker_hendelse WHERE hendelsestype = 'MOTTATT_SVAR_FRA_MINSIDE'") == 0);
    send(c, original);
    REQUIRE(c.db.count("SELECT count(*) FROM jobbsoker_hendelse WHERE hendelsestype = 'MOTTATT_SVAR_FRA_MINSIDE'") == 1);
    kopi["aktørId"] = nullptr;  // forbid: a null value passes
    kopi["varselId"] = "varsel-124";
    send(c, boost::json::serialize(kopi));
    REQUIRE(c.db.count("SELECT count(*) FROM jobbsoker_hendelse WHERE hendelsestype = 'MOTTATT_SVAR_FRA_MINSIDE'") == 2);
    REQUIRE(c.db.count("SELECT count(*) FROM dead_letter") == 0);
}
