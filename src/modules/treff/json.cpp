#include "modules/treff/json.hpp"

#include "infra/http/json_body.hpp"

namespace rt::treff::json {

using http::tid_json;

boost::json::value tekst(const std::optional<std::string>& s) {
    if (!s) return nullptr;
    return boost::json::string(*s);
}

boost::json::array tekster(const std::vector<std::string>& v) {
    boost::json::array a;
    for (const auto& x : v) a.emplace_back(x);
    return a;
}

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
    o["fylke"] = tekst(t.fylke);
    o["opprettetAvPersonNavident"] = t.opprettet_av;
    o["opprettetAvNavkontorEnhetId"] = tekst(t.opprettet_av_navkontor);
    o["sistEndretAv"] = t.sist_endret_av;
    legg_til_felles_for_veileder(o, t);
    return o;
}

void legg_til_felles_for_veileder(boost::json::object& o, const Treff& t) {
    o["kommunenummer"] = tekst(t.kommunenummer);
    o["fylkesnummer"] = tekst(t.fylkesnummer);
    o["opprettetAvTidspunkt"] = tid_json(t.opprettet_tidspunkt);
    o["sistEndret"] = tid_json(t.sist_endret);
    o["eiere"] = tekster(t.eiere);
    o["kontorer"] = tekster(t.kontorer);
    o["antallArbeidsgivere"] = t.antall_arbeidsgivere;
    o["antallJobbsøkere"] = t.antall_jobbsokere;
    o["antallJobbsøkereSvartJa"] = t.antall_svart_ja;
    o["antallJobbsøkereFåttJobb"] = 0;  // placements have no source in this service
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

}  // namespace rt::treff::json
