#include "modules/jobbsoker/treff_tjeneste.hpp"

#include <boost/json.hpp>
#include <fmt/format.h>

#include "core/errors.hpp"
#include "core/ids.hpp"
#include "modules/jobbsoker/jobbsoker_repository.hpp"
#include "modules/jobbsoker/tilgang.hpp"
#include "modules/jobbsoker/treff_repository.hpp"

namespace rt::jobbsoker {
namespace {

using treff_repo::Las;

// What a published meeting's job seekers are told changed (hendelseData.endredeFelter).
std::vector<std::string> endrede_felter(const Treff& før, const TreffFelter& nå) {
    std::vector<std::string> out;
    if (før.tittel != nå.tittel) out.emplace_back("NAVN");
    if (før.fra_tid != nå.fra_tid || før.til_tid != nå.til_tid) out.emplace_back("TIDSPUNKT");
    if (før.svarfrist != nå.svarfrist) out.emplace_back("SVARFRIST");
    if (før.gateadresse != nå.gateadresse || før.postnummer != nå.postnummer || før.poststed != nå.poststed)
        out.emplace_back("STED");
    return out;
}

// A published meeting must stay publishable: times in order, a deadline and an address (400).
void krev_publiserbar(const Treff& t) {
    std::vector<std::string> mangler;
    if (!t.fra_tid || !t.til_tid) mangler.emplace_back("fraTid og tilTid");
    else if (*t.fra_tid >= *t.til_tid) mangler.emplace_back("fraTid før tilTid");
    if (!t.svarfrist) mangler.emplace_back("svarfrist");
    if (!t.gateadresse || !t.postnummer || !t.poststed) mangler.emplace_back("adresse");
    if (mangler.empty()) return;
    std::string detail = "et publisert treff må ha:";
    for (const auto& m : mangler) detail += " " + m + ";";
    detail.pop_back();
    throw bad_request(detail);
}

std::vector<NyHendelse> hendelser_for(const std::vector<std::string>& jobbsokere, std::string_view type,
                                      const std::string& nav_ident, const std::optional<std::string>& data = std::nullopt) {
    std::vector<NyHendelse> out;
    out.reserve(jobbsokere.size());
    for (const auto& id : jobbsokere) out.push_back({id, type, aktortype::arrangor, nav_ident, data});
    return out;
}

}  // namespace

std::string TreffTjeneste::opprett(const auth::Principal& p, const std::string& tittel) {
    auto now = clock_.now();
    Treff t;
    t.id = new_uuid();
    t.tittel = tittel;
    t.status = treffstatus::utkast;
    t.opprettet_av = p.nav_ident;
    t.opprettet_tidspunkt = now;
    t.eiere = {p.nav_ident};
    t.sist_endret = now;
    t.sist_endret_av = p.nav_ident;
    db_.with([&](pg::Connection& c) { treff_repo::insert(c, t); });
    return t.id;
}

Treff TreffTjeneste::hent(const std::string& id) {
    return db_.with([&](pg::Connection& c) { return treff_repo::med_antall(c, treff_repo::krev(c, id)); });
}

Treff TreffTjeneste::oppdater(const auth::Principal& p, const std::string& id, const TreffFelter& felter) {
    return db_.transaction([&](pg::Connection& c) {
        auto t = treff_repo::krev(c, id, Las::oppdater);
        krev_eier(p, t);
        if (t.status != treffstatus::utkast && t.status != treffstatus::publisert)
            throw conflict(fmt::format("et treff med status {} kan ikke endres", t.status));
        auto endret = endrede_felter(t, felter);
        auto now = clock_.now();
        Treff ny = t;
        ny.tittel = felter.tittel;
        ny.beskrivelse = felter.beskrivelse;
        ny.fra_tid = felter.fra_tid;
        ny.til_tid = felter.til_tid;
        ny.svarfrist = felter.svarfrist;
        ny.gateadresse = felter.gateadresse;
        ny.postnummer = felter.postnummer;
        ny.poststed = felter.poststed;
        ny.sist_endret = now;
        ny.sist_endret_av = p.nav_ident;
        if (t.status == treffstatus::publisert) krev_publiserbar(ny);
        treff_repo::update_fields(c, ny);
        if (t.status == treffstatus::publisert && !endret.empty()) {
            boost::json::array felt;
            for (const auto& f : endret) felt.emplace_back(f);
            auto data = boost::json::serialize(boost::json::object{{"endredeFelter", std::move(felt)}});
            auto berorte = jobbsoker_repo::med_status(c, id, {status::invitert, status::svart_ja});
            jobbsoker_repo::insert_hendelser(c, hendelser_for(berorte, hendelsestype::treff_endret, p.nav_ident, data), now);
        }
        return treff_repo::med_antall(c, treff_repo::krev(c, id));
    });
}

Treff TreffTjeneste::publiser(const auth::Principal& p, const std::string& id) {
    return db_.transaction([&](pg::Connection& c) {
        auto t = treff_repo::krev(c, id, Las::oppdater);
        krev_eier(p, t);
        if (t.status != treffstatus::utkast) throw conflict(fmt::format("et treff med status {} kan ikke publiseres", t.status));
        krev_publiserbar(t);
        treff_repo::set_status(c, id, treffstatus::publisert, clock_.now(), p.nav_ident);
        return treff_repo::med_antall(c, treff_repo::krev(c, id));
    });
}

Treff TreffTjeneste::avslutt(const auth::Principal& p, const std::string& id, std::string_view til, std::string_view ja_type,
                             std::string_view ikke_svart_type) {
    return db_.transaction([&](pg::Connection& c) {
        auto t = treff_repo::krev(c, id, Las::oppdater);
        krev_eier(p, t);
        if (t.status != treffstatus::publisert)
            throw conflict(fmt::format("bare et publisert treff kan få status {}; dette har {}", til, t.status));
        auto now = clock_.now();
        treff_repo::set_status(c, id, til, now, p.nav_ident);
        auto ja = hendelser_for(jobbsoker_repo::med_status(c, id, {status::svart_ja}), ja_type, p.nav_ident);
        auto ikke_svart = hendelser_for(jobbsoker_repo::med_status(c, id, {status::invitert}), ikke_svart_type, p.nav_ident);
        ja.insert(ja.end(), ikke_svart.begin(), ikke_svart.end());
        jobbsoker_repo::insert_hendelser(c, ja, now);
        return treff_repo::med_antall(c, treff_repo::krev(c, id));
    });
}

Treff TreffTjeneste::avlys(const auth::Principal& p, const std::string& id) {
    return avslutt(p, id, treffstatus::avlyst, hendelsestype::svart_ja_avlyst, hendelsestype::ikke_svart_avlyst);
}

Treff TreffTjeneste::fullfor(const auth::Principal& p, const std::string& id) {
    return avslutt(p, id, treffstatus::fullfort, hendelsestype::svart_ja_fullfort, hendelsestype::ikke_svart_fullfort);
}

void TreffTjeneste::slett(const auth::Principal& p, const std::string& id) {
    db_.transaction([&](pg::Connection& c) {
        auto t = treff_repo::krev(c, id, Las::oppdater);
        krev_eier(p, t);
        if (t.status != treffstatus::utkast) throw conflict("bare et utkast kan slettes");
        if (jobbsoker_repo::antall_ikke_slettet(c, id) > 0) throw conflict("et treff med jobbsøkere kan ikke slettes");
        treff_repo::set_status(c, id, treffstatus::slettet, clock_.now(), p.nav_ident);
    });
}

}  // namespace rt::jobbsoker
