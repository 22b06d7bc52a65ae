#include "modules/jobbsoker/json.hpp"

#include "infra/http/json_body.hpp"

namespace rt::jobbsoker::json {

using http::tid_json;

boost::json::value tekst(const std::optional<std::string>& s) {
    if (!s) return nullptr;
    return boost::json::string(*s);
}

boost::json::object hendelse(const Hendelse& h) {
    boost::json::value data = nullptr;
    if (h.data) data = boost::json::parse(*h.data);
    return {{"id", h.id},
            {"tidspunkt", tid_json(h.tidspunkt)},
            {"hendelsestype", h.hendelsestype},
            {"opprettetAvAktørType", h.aktortype},
            {"aktørIdentifikasjon", tekst(h.aktor)},
            {"hendelseData", std::move(data)}};
}

boost::json::object jobbsoker(const Jobbsoker& j) {
    boost::json::array hendelser;
    for (const auto& h : j.hendelser) hendelser.push_back(hendelse(h));
    return {{"personTreffId", j.id},
            {"fødselsnummer", j.fodselsnummer},
            {"fornavn", j.fornavn},
            {"etternavn", j.etternavn},
            {"status", j.status},
            {"hendelser", std::move(hendelser)}};
}

boost::json::object hendelse_med_person(const jobbsoker_repo::HendelseMedPerson& h) {
    auto o = hendelse(h.hendelse);
    o["personTreffId"] = h.hendelse.jobbsoker_id;
    o["fødselsnummer"] = h.fodselsnummer;
    o["fornavn"] = h.fornavn;
    o["etternavn"] = h.etternavn;
    return o;
}

boost::json::object borger(const Jobbsoker& j) {
    boost::json::array hendelser;
    for (const auto& h : j.hendelser) hendelser.push_back(hendelse(h));
    bool har_svart = j.status == status::svart_ja || j.status == status::svart_nei;
    return {{"personTreffId", j.id},
            {"treffId", j.treff_id},
            {"fødselsnummer", j.fodselsnummer},
            {"fornavn", j.fornavn},
            {"etternavn", j.etternavn},
            // Filled from kandidatsøk in the original, which this service does not call; kept
            // because minside-api reads the shape.
            {"kontor", nullptr},
            {"veilederNavn", nullptr},
            {"veilederNavIdent", nullptr},
            {"statuser",
             {{"erPåmeldt", j.status == status::svart_ja}, {"erInvitert", status::er_invitert(j.status)}, {"harSvart", har_svart}}},
            {"hendelser", std::move(hendelser)}};
}

}  // namespace rt::jobbsoker::json
