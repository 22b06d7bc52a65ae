#include "modules/jobbsoker/json.hpp"

#include "infra/http/json_body.hpp"

namespace rt::jobbsoker::json {

using http::tid_json;

boost::json::value tekst(const std::optional<std::string>& s) {
    if (!s) return nullptr;
    return boost::json::string(*s);
}

boost::json::object treff(const Treff& t) {
    boost::json::array eiere;
    for (const auto& e : t.eiere) eiere.emplace_back(e);
    return {{"id", t.id},
            {"tittel", t.tittel},
            {"beskrivelse", tekst(t.beskrivelse)},
            {"fraTid", tid_json(t.fra_tid)},
            {"tilTid", tid_json(t.til_tid)},
            {"svarfrist", tid_json(t.svarfrist)},
            {"gateadresse", tekst(t.gateadresse)},
            {"postnummer", tekst(t.postnummer)},
            {"poststed", tekst(t.poststed)},
            {"status", t.status},
            {"opprettetAvPersonNavident", t.opprettet_av},
            {"opprettetAvTidspunkt", tid_json(t.opprettet_tidspunkt)},
            {"eiere", std::move(eiere)},
            {"antallJobbsøkere", t.antall_jobbsokere},
            {"antallJobbsøkereSvartJa", t.antall_svart_ja},
            {"sistEndret", tid_json(t.sist_endret)},
            {"sistEndretAv", t.sist_endret_av}};
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

}  // namespace rt::jobbsoker::json
