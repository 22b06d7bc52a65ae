#include "modules/aktivitetskort/kort.hpp"

#include <algorithm>
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

bool one_of(std::string_view v, std::initializer_list<std::string_view> allowed) {
    return std::find(allowed.begin(), allowed.end(), v) != allowed.end();
}

bool is_date(const boost::json::value& v) {
    if (!v.is_string()) return false;
    std::string_view s = v.as_string();
    return s.size() == 10 && s[4] == '-' && s[7] == '-' &&
           std::all_of(s.begin(), s.end(), [](char c) { return (c >= '0' && c <= '9') || c == '-'; });
}

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

std::optional<std::string> brudd_pa_skjema(const boost::json::value& v) {
    if (!v.is_object()) return "meldingen er ikke et objekt";
    const auto& o = v.as_object();
    for (const auto& kv : o)
        if (!one_of(kv.key(), {"messageId", "source", "sendt", "aktivitetskortType", "actionType", "aktivitetskort"}))
            return fmt::format("ukjent felt {}", std::string_view(kv.key()));
    for (auto key : {"messageId", "source", "aktivitetskortType", "actionType", "aktivitetskort"})
        if (!o.contains(key) || o.at(key).is_null()) return fmt::format("mangler {}", key);
    if (!o.at("aktivitetskort").is_object()) return "aktivitetskort er ikke et objekt";
    const auto& k = o.at("aktivitetskort").as_object();
    if (k.contains("id") && k.at("id") == o.at("messageId")) return "messageId er lik kortets id";
    for (const auto& kv : k)
        if (!one_of(kv.key(), {"id", "personIdent", "tittel", "aktivitetStatus", "endretAv", "endretTidspunkt", "avtaltMedNav",
                               "startDato", "sluttDato", "beskrivelse", "oppgave", "handlinger", "detaljer", "etiketter"}))
            return fmt::format("ukjent kortfelt {}", std::string_view(kv.key()));
    for (auto key : {"id", "personIdent", "tittel", "aktivitetStatus", "endretAv", "endretTidspunkt", "avtaltMedNav"})
        if (!k.contains(key) || k.at(key).is_null()) return fmt::format("kortet mangler {}", key);
    if (!k.at("aktivitetStatus").is_string() ||
        !one_of(k.at("aktivitetStatus").as_string(), {"FORSLAG", "PLANLAGT", "GJENNOMFORES", "FULLFORT", "AVBRUTT"}))
        return "ugyldig aktivitetStatus";
    const auto& endret_av = k.at("endretAv");
    if (!endret_av.is_object() || !endret_av.as_object().contains("ident") || !endret_av.as_object().contains("identType") ||
        !endret_av.at("identType").is_string() ||
        !one_of(endret_av.at("identType").as_string(),
                {"ARENAIDENT", "NAVIDENT", "PERSONBRUKER", "TILTAKSARRAGOER", "ARBEIDSGIVER", "SYSTEM"}))
        return "ugyldig endretAv";
    if (!k.at("avtaltMedNav").is_bool()) return "avtaltMedNav er ikke boolsk";
    if (!k.at("endretTidspunkt").is_string() || !tid::parse_iso(k.at("endretTidspunkt").as_string())) return "ugyldig endretTidspunkt";
    for (auto key : {"startDato", "sluttDato"})
        if (k.contains(key) && !k.at(key).is_null() && !is_date(k.at(key))) return fmt::format("ugyldig {}", key);
    if (k.contains("handlinger") && k.at("handlinger").is_array())
        for (const auto& h : k.at("handlinger").as_array())
            if (!h.is_object() || !h.as_object().contains("lenkeType") || !h.at("lenkeType").is_string() ||
                !one_of(h.at("lenkeType").as_string(), {"EKSTERN", "INTERN", "FELLES"}))
                return "ugyldig lenkeType";
    return std::nullopt;
}

}  // namespace rt::aktivitetskort
