#include "modules/jobbsoker/json.hpp"

#include "infra/http/json_body.hpp"

namespace rt::jobbsoker::json {

using http::tid_json;

boost::json::value tekst(const std::optional<std::string>& s) {
    if (!s) return nullptr;
    return boost::json::string(*s);
}

namespace {
boost::json::array tekster(const std::vector<std::string>& v) {
    boost::json::array a;
    for (const auto& x : v) a.emplace_back(x);
    return a;
}
}  // namespace

boost::json::object treff_for_borger(const Treff& t) {
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
            {"kategori", t.kategori}};
}

// The citizen's fields and everything counsellors see besides.
boost::json::object treff(const Treff& t) {
    auto o = treff_for_borger(t);
    o["kommune"] = tekst(t.kommune);
    o["kommunenummer"] = tekst(t.kommunenummer);
    o["fylke"] = tekst(t.fylke);
    o["fylkesnummer"] = tekst(t.fylkesnummer);
    o["opprettetAvPersonNavident"] = t.opprettet_av;
    o["opprettetAvNavkontorEnhetId"] = tekst(t.opprettet_av_navkontor);
    o["opprettetAvTidspunkt"] = tid_json(t.opprettet_tidspunkt);
    o["eiere"] = tekster(t.eiere);
    o["kontorer"] = tekster(t.kontorer);
    o["antallArbeidsgivere"] = t.antall_arbeidsgivere;
    o["antallJobbsøkere"] = t.antall_jobbsokere;
    o["antallJobbsøkereSvartJa"] = t.antall_svart_ja;
    o["antallJobbsøkereFåttJobb"] = 0;  // placements have no source in this service
    o["sistEndret"] = tid_json(t.sist_endret);
    o["sistEndretAv"] = t.sist_endret_av;
    return o;
}

boost::json::object treff_hendelse(const TreffHendelse& h) {
    return {{"id", h.id},
            {"tidspunkt", tid_json(h.tidspunkt)},
            {"hendelsestype", h.hendelsestype},
            {"opprettetAvAktørType", h.aktortype},
            {"aktørIdentifikasjon", tekst(h.aktor)}};
}

boost::json::object alle_hendelse(const TreffHendelse& h) {
    return {{"id", h.id},
            {"ressurs", h.ressurs},
            {"tidspunkt", tid_json(h.tidspunkt)},
            {"hendelsestype", h.hendelsestype},
            {"opprettetAvAktørType", h.aktortype},
            {"aktørIdentifikasjon", tekst(h.aktor)},
            {"subjektId", tekst(h.subjekt_id)},
            {"subjektNavn", tekst(h.subjekt_navn)}};
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
