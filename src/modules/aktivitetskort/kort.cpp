#include "modules/aktivitetskort/kort.hpp"

#include <fmt/format.h>

#include "core/time.hpp"

namespace rt::aktivitetskort {
namespace {

constexpr const char* kNbsp = "\u00A0";
constexpr const char* kEnDash = "\u2013";
constexpr const char* kBeskrivelse =
    "Du er invitert til et rekrutteringstreff der du kan møte arbeidsgivere som ser etter folk. "
    "Sjekk ut treffet og svar ja eller nei før svarfristen.";
constexpr const char* kMåneder[] = {"januar", "februar", "mars",      "april",   "mai",      "juni",
                                    "juli",   "august",  "september", "oktober", "november", "desember"};

std::string dato(const tid::OsloTime& t) { return fmt::format("{:02}.{}{}{}{}", t.day, kNbsp, kMåneder[t.month - 1], kNbsp, t.year); }
std::string klokke(const tid::OsloTime& t) { return fmt::format("{:02}:{:02}", t.hour, t.minute); }

}  // namespace

std::string tid_tekst(Instant fra, Instant til) {
    auto a = tid::oslo_parts(fra), b = tid::oslo_parts(til);
    if (a.year == b.year && a.month == b.month && a.day == b.day)
        return fmt::format("{}, kl.{}{}{}{}", dato(a), kNbsp, klokke(a), kEnDash, klokke(b));
    return fmt::format("{}, kl.{}{} til {}, kl.{}{}", dato(a), kNbsp, klokke(a), dato(b), kNbsp, klokke(b));
}

std::string sted_tekst(const KortInnhold& k) {
    return fmt::format("{}, {} {}", k.gateadresse.value_or(""), k.postnummer.value_or(""), k.poststed.value_or(""));
}

boost::json::object melding(const std::string& message_id, const std::string& kort_id, const std::string& fnr,
                            const KortInnhold& k, const Endring& e, const std::string& min_side_url) {
    boost::json::array detaljer;
    if (k.fra_tid && k.til_tid) detaljer.push_back({{"label", "Tid"}, {"verdi", tid_tekst(*k.fra_tid, *k.til_tid)}});
    if (k.gateadresse || k.postnummer || k.poststed) detaljer.push_back({{"label", "Sted"}, {"verdi", sted_tekst(k)}});
    boost::json::object kort{{"id", kort_id},
                             {"personIdent", fnr},
                             {"tittel", k.tittel},
                             {"aktivitetStatus", e.status}};
    if (k.fra_tid) kort["startDato"] = tid::oslo_date(*k.fra_tid);
    if (k.til_tid) kort["sluttDato"] = tid::oslo_date(*k.til_tid);
    kort["beskrivelse"] = kBeskrivelse;
    kort["endretAv"] = {{"ident", e.ident}, {"identType", e.ident_type}};
    kort["endretTidspunkt"] = tid::format_oslo_millis(e.tidspunkt);
    kort["avtaltMedNav"] = false;
    kort["oppgave"] = nullptr;
    kort["handlinger"] = boost::json::array{{{"tekst", "Sjekk ut treffet"},
                                             {"subtekst", "Sjekk ut treffet og svar"},
                                             {"url", fmt::format("{}/{}", min_side_url, k.treff_id)},
                                             {"lenkeType", "FELLES"}}};
    kort["detaljer"] = std::move(detaljer);
    kort["etiketter"] = boost::json::array{};
    return {{"messageId", message_id},
            {"source", "REKRUTTERINGSBISTAND"},
            {"aktivitetskortType", "REKRUTTERINGSTREFF"},
            {"actionType", "UPSERT_AKTIVITETSKORT_V1"},
            {"aktivitetskort", std::move(kort)}};
}

}  // namespace rt::aktivitetskort
