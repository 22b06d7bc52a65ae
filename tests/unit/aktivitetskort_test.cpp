#include <catch2/catch.hpp>

#include "contract/aktivitetskort_kontrakt.hpp"
#include "core/time.hpp"
#include "modules/aktivitetskort/kort.hpp"
#include "modules/aktivitetskort/status.hpp"

using namespace rt;
using namespace rt::aktivitetskort;

namespace {
Instant at(const char* iso) { return *tid::parse_iso(iso); }
const std::string nbsp = "\u00A0", dash = "\u2013";

KortInnhold innhold() {
    return {"11111111-2222-4333-8444-555555555555", "Jobbtreff \"Bedrift\" \\ AS\nlinje 2\u00A0✓ 🎉",
            at("2025-10-01T08:00:00+02:00"), at("2025-10-01T10:00:00+02:00"), "Eksempelgate 1", "0123", "Oslo"};
}

jobbsoker::SvarOgStatus svar(std::optional<bool> ja, std::optional<std::string> status, bool borger) {
    return {"h", "fnr", "t", ja, std::move(status), borger ? "12345678901" : "Z123456", borger, at("2025-09-01T12:00:00Z"), "",
            borger ? "JOBBSØKER" : "ARRANGØR"};
}
}  // namespace

TEST_CASE("Tid: one day with NO-BREAK SPACEs and an EN DASH, in Oslo time") {
    REQUIRE(tid_tekst(at("2025-10-01T06:00:00Z"), at("2025-10-01T08:00:00Z")) ==
            "01." + nbsp + "oktober" + nbsp + "2025, kl." + nbsp + "08:00" + dash + "10:00");
    REQUIRE(tid_tekst(at("2026-01-05T12:30:00Z"), at("2026-01-05T14:00:00Z")) ==
            "05." + nbsp + "januar" + nbsp + "2026, kl." + nbsp + "13:30" + dash + "15:00");
}

TEST_CASE("Tid: over several days, and across a daylight-saving change") {
    REQUIRE(tid_tekst(at("2025-10-01T08:00:00+02:00"), at("2025-10-02T10:00:00+02:00")) ==
            "01." + nbsp + "oktober" + nbsp + "2025, kl." + nbsp + "08:00 til 02." + nbsp + "oktober" + nbsp + "2025, kl." + nbsp + "10:00");
    // 25 October 2025 08:00 CEST until 26 October 08:00 CET: 25 hours apart, same wall clock.
    REQUIRE(tid_tekst(at("2025-10-25T06:00:00Z"), at("2025-10-26T07:00:00Z")) ==
            "25." + nbsp + "oktober" + nbsp + "2025, kl." + nbsp + "08:00 til 26." + nbsp + "oktober" + nbsp + "2025, kl." + nbsp + "08:00");
    // Late evening UTC is the next day in Oslo.
    REQUIRE(tid_tekst(at("2025-03-30T22:30:00Z"), at("2025-03-30T23:30:00Z")) ==
            "31." + nbsp + "mars" + nbsp + "2025, kl." + nbsp + "00:30" + dash + "01:30");
}

TEST_CASE("card message: every field as the spec says, and it passes the consumer's schema") {
    auto m = melding("aaaaaaaa-0000-4000-8000-000000000001", "bbbbbbbb-0000-4000-8000-000000000002", "12345678901", innhold(),
                     Endring{"PLANLAGT", "Z123456", "NAVIDENT", at("2025-09-30T10:34:56.789Z")}, "https://www.nav.no/rekrutteringstreff");
    REQUIRE(kontrakt::brudd_pa_kort(std::string("bbbbbbbb-0000-4000-8000-000000000002"), boost::json::serialize(m),
                                    {{"Nav-Call-Id", "aaaaaaaa-0000-4000-8000-000000000001"}})
                .empty());
    REQUIRE(m.at("source").as_string() == "REKRUTTERINGSBISTAND");
    REQUIRE(m.at("aktivitetskortType").as_string() == "REKRUTTERINGSTREFF");
    REQUIRE(m.at("actionType").as_string() == "UPSERT_AKTIVITETSKORT_V1");
    const auto& k = m.at("aktivitetskort").as_object();
    REQUIRE(k.at("id").as_string() == "bbbbbbbb-0000-4000-8000-000000000002");
    REQUIRE(k.at("personIdent").as_string() == "12345678901");
    REQUIRE(k.at("tittel").as_string() == innhold().tittel);
    REQUIRE(k.at("startDato").as_string() == "2025-10-01");
    REQUIRE(k.at("sluttDato").as_string() == "2025-10-01");
    REQUIRE(k.at("endretTidspunkt").as_string() == "2025-09-30T12:34:56.789+02:00");
    REQUIRE(k.at("endretAv").at("identType").as_string() == "NAVIDENT");
    REQUIRE(k.at("avtaltMedNav").as_bool() == false);
    REQUIRE(k.at("oppgave").is_null());
    REQUIRE(k.at("etiketter").as_array().empty());
    REQUIRE(k.at("handlinger").at(0).at("url").as_string() == "https://www.nav.no/rekrutteringstreff/11111111-2222-4333-8444-555555555555");
    REQUIRE(k.at("handlinger").at(0).at("lenkeType").as_string() == "FELLES");
    REQUIRE(k.at("detaljer").at(0).at("label").as_string() == "Tid");
    REQUIRE(k.at("detaljer").at(1).at("verdi").as_string() == "Eksempelgate 1, 0123 Oslo");
    REQUIRE(k.at("beskrivelse").as_string().size() > 20);
    // The title survives serialisation byte for byte.
    auto text = boost::json::serialize(m);
    REQUIRE(boost::json::parse(text).at("aktivitetskort").at("tittel").as_string() == innhold().tittel);
}

TEST_CASE("status mapping: every row of the table") {
    auto e = [](std::optional<Endring> x) { return x ? x->status + "/" + x->ident_type : std::string("ingen"); };
    REQUIRE(e(ny_status(svar(true, std::nullopt, true))) == "GJENNOMFORES/PERSONBRUKERIDENT");
    REQUIRE(e(ny_status(svar(true, std::nullopt, false))) == "GJENNOMFORES/NAVIDENT");
    REQUIRE(e(ny_status(svar(true, "fullført", false))) == "FULLFORT/NAVIDENT");
    REQUIRE(e(ny_status(svar(true, "avlyst", false))) == "AVBRUTT/NAVIDENT");
    REQUIRE(e(ny_status(svar(false, std::nullopt, true))) == "AVBRUTT/PERSONBRUKERIDENT");
    REQUIRE(e(ny_status(svar(false, "avlyst", false))) == "AVBRUTT/NAVIDENT");
    REQUIRE(e(ny_status(svar(std::nullopt, "fullført", false))) == "AVBRUTT/NAVIDENT");
    REQUIRE(e(ny_status(svar(std::nullopt, "avlyst", false))) == "AVBRUTT/NAVIDENT");
    REQUIRE(e(ny_status(svar(std::nullopt, std::nullopt, false))) == "ingen");
    REQUIRE(e(ny_status(svar(true, "utsatt", false))) == "ingen");
    REQUIRE(ny_status(svar(true, std::nullopt, true))->ident == "12345678901");
    REQUIRE(er_endelig("FULLFORT"));
    REQUIRE(er_endelig("AVBRUTT"));
    REQUIRE_FALSE(er_endelig("GJENNOMFORES"));
}
