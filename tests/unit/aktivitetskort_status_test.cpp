// The rows of the card status mapping that depend on the event type and the actor, not only on
// svar and treffstatus (../shared/spec/aktivitetskort.md, "Status mapping").
#include <catch2/catch.hpp>

#include "core/time.hpp"
#include "modules/aktivitetskort/status.hpp"

using namespace rt;
using namespace rt::aktivitetskort;

namespace {

// The event as the relay builds it from a job seeker event of this type and actor.
jobbsoker::SvarOgStatus hendelse(std::string type, std::optional<bool> svar, std::optional<std::string> treffstatus,
                                 std::string aktortype, std::string ident) {
    return {"h",   "12345678901", "t", svar, std::move(treffstatus), std::move(ident), aktortype == "JOBBSØKER",
            *tid::parse_iso("2025-09-01T12:00:00Z"), std::move(type), std::move(aktortype)};
}

std::string vis(const std::optional<Endring>& e) { return e ? e->status + "/" + e->ident_type + "/" + e->ident : "ingen"; }

}  // namespace

TEST_CASE("status mapping: answers on a job seeker's behalf are the counsellor's (NAVIDENT)") {
    CHECK(vis(ny_status(hendelse("SVART_JA_TIL_INVITASJON_AV_EIER", true, std::nullopt, "ARRANGØR", "Z123456"))) ==
          "GJENNOMFORES/NAVIDENT/Z123456");
    CHECK(vis(ny_status(hendelse("SVART_NEI_TIL_INVITASJON_AV_EIER", false, std::nullopt, "ARRANGØR", "Z123456"))) ==
          "AVBRUTT/NAVIDENT/Z123456");
}

TEST_CASE("status mapping: a removed answer (neither svar nor treffstatus) takes the card back to PLANLAGT") {
    CHECK(vis(ny_status(hendelse("SVAR_FJERNET_AV_EIER", std::nullopt, std::nullopt, "ARRANGØR", "Z123456"))) ==
          "PLANLAGT/NAVIDENT/Z123456");
    // The same message shape from any other type still maps to nothing.
    CHECK(vis(ny_status(hendelse("OPPDATERT", std::nullopt, std::nullopt, "ARRANGØR", "Z123456"))) == "ingen");
}

TEST_CASE("status mapping: the automatic completion is SYSTEM's, a completion by hand the counsellor's") {
    CHECK(vis(ny_status(hendelse("SVART_JA_TREFF_FULLFØRT", true, "fullført", "SYSTEM", "SYSTEM"))) == "FULLFORT/SYSTEM/SYSTEM");
    CHECK(vis(ny_status(hendelse("IKKE_SVART_TREFF_FULLFØRT", std::nullopt, "fullført", "SYSTEM", "SYSTEM"))) ==
          "AVBRUTT/SYSTEM/SYSTEM");
    CHECK(vis(ny_status(hendelse("SVART_JA_TREFF_FULLFØRT", true, "fullført", "ARRANGØR", "Z123456"))) ==
          "FULLFORT/NAVIDENT/Z123456");
    CHECK(vis(ny_status(hendelse("IKKE_SVART_TREFF_AVLYST", std::nullopt, "avlyst", "ARRANGØR", "Z123456"))) ==
          "AVBRUTT/NAVIDENT/Z123456");
}
