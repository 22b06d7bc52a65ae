#include "modules/jobbsoker/jobbsoker_pa_treff.hpp"

#include <boost/json.hpp>

#include "core/errors.hpp"
#include "modules/jobbsoker/jobbsoker_repository.hpp"
#include "modules/jobbsoker/model.hpp"

namespace rt::jobbsoker {
namespace {

namespace th = treffhendelsestype;
using treff::Treffendring;

const std::vector<std::string_view> kInviterte(std::begin(status::inviterte), std::end(status::inviterte));

void hendelse_for_hver(std::vector<NyHendelse>& ut, const std::vector<std::string>& jobbsokere, std::string_view type,
                       const Treffendring& e, const std::optional<std::string>& data = std::nullopt) {
    for (const auto& id : jobbsokere) ut.push_back({id, type, e.aktor.type, e.aktor.ident, data});
}

void sjekk(pg::Connection& c, const Treffendring& e) {
    if (e.hendelsestype == th::avpublisert && !jobbsoker_repo::med_status(c, e.treff.id, kInviterte).empty())
        throw conflict("treffet kan ikke avpubliseres etter at jobbsøkere er invitert");
    if (e.hendelsestype == th::slettet && jobbsoker_repo::antall_ikke_slettet(c, e.treff.id) > 0)
        throw conflict("et treff med jobbsøkere kan ikke slettes");
}

// Visible or not: an invisible job seeker's events wait in the outbox until they are visible again.
void virkning(pg::Connection& c, const Treffendring& e) {
    std::vector<NyHendelse> ut;
    auto med = [&](std::initializer_list<std::string_view> statuser) { return jobbsoker_repo::med_status(c, e.treff.id, statuser); };
    if (e.hendelsestype == th::avlyst || e.hendelsestype == th::fullfort) {
        // Nobody is invited to a draft, so a cancelled draft finds nobody here.
        bool avlyst = e.hendelsestype == th::avlyst;
        hendelse_for_hver(ut, med({status::svart_ja}), avlyst ? hendelsestype::svart_ja_avlyst : hendelsestype::svart_ja_fullfort, e);
        hendelse_for_hver(ut, med({status::invitert}), avlyst ? hendelsestype::ikke_svart_avlyst : hendelsestype::ikke_svart_fullfort, e);
    } else if (e.hendelsestype == th::endret_etter_publisering) {
        // Every invited job seeker's card follows the meeting; only those who said yes are notified.
        hendelse_for_hver(ut, jobbsoker_repo::med_status(c, e.treff.id, kInviterte), hendelsestype::treff_endret, e);
        boost::json::array felter;
        for (const auto& f : e.endrede_felter) felter.emplace_back(f);
        hendelse_for_hver(ut, med({status::svart_ja}), hendelsestype::treff_endret_notifikasjon, e,
                          boost::json::serialize(boost::json::object{{"endredeFelter", std::move(felter)}}));
    }
    jobbsoker_repo::insert_hendelser(c, ut, e.tidspunkt);
}

void tell(pg::Connection& c, std::vector<Treff>& treff) {
    std::vector<std::string> ider;
    for (const auto& t : treff) ider.push_back(t.id);
    auto antall = jobbsoker_repo::antall_synlige(c, ider);
    for (auto& t : treff) {
        auto it = antall.find(t.id);
        t.antall_jobbsokere = it == antall.end() ? 0 : it->second.synlige;
        t.antall_svart_ja = it == antall.end() ? 0 : it->second.svart_ja;
    }
}

bool er_invitert(pg::Connection& c, const std::string& treff_id, const std::string& fnr) {
    auto j = jobbsoker_repo::find_by_fnr(c, treff_id, fnr);
    return j && j->er_synlig && status::er_invitert(j->status);
}

// Visible job seekers only (removed ones included), each named by fnr and full name.
std::vector<TreffHendelse> hendelser(pg::Connection& c, const std::string& treff_id) {
    std::vector<TreffHendelse> out;
    for (auto& h : jobbsoker_repo::hendelser_for_treff(c, treff_id))
        out.push_back({std::move(h.hendelse.id), std::string(ressurs::jobbsoker), h.hendelse.tidspunkt,
                       std::move(h.hendelse.hendelsestype), std::move(h.hendelse.aktortype), std::move(h.hendelse.aktor),
                       std::move(h.fodselsnummer), h.fornavn + " " + h.etternavn, h.rekkefolge});
    return out;
}

}  // namespace

treff::TreffDeltaker jobbsokere_pa_treff() { return {"jobbsøkere", sjekk, virkning, tell, hendelser, er_invitert}; }

}  // namespace rt::jobbsoker
