#include "modules/treff/eier_tjeneste.hpp"

#include <algorithm>

#include "core/errors.hpp"
#include "modules/treff/tilgang.hpp"
#include "modules/treff/treff_hendelse_repository.hpp"
#include "modules/treff/treff_repository.hpp"

namespace rt::treff {
namespace {

void krev_ikke_slettet(const Treff& t) {
    if (t.status == treffstatus::slettet) throw conflict("et slettet treff kan ikke endres");
}

}  // namespace

std::vector<std::string> EierTjeneste::eiere(const std::string& treff_id) {
    return db_.with([&](pg::Connection& c) { return treff_repo::krev(c, treff_id).eiere; });
}

void EierTjeneste::legg_til_meg(const auth::Principal& p, const std::string& treff_id) {
    db_.transaction([&](pg::Connection& c) {
        auto t = treff_repo::krev(c, treff_id, Las::oppdater);
        krev_ikke_slettet(t);
        if (std::find(t.eiere.begin(), t.eiere.end(), p.nav_ident) != t.eiere.end()) return;
        t.eiere.push_back(p.nav_ident);
        treff_repo::set_eiere(c, treff_id, t.eiere);
        treff_hendelse_repo::insert(c, treff_id, treffhendelsestype::eier_lagt_til, arrangor(p.nav_ident), clock_.now(), p.nav_ident);
    });
}

void EierTjeneste::fjern(const auth::Principal& p, const std::string& treff_id, const std::string& nav_ident) {
    db_.transaction([&](pg::Connection& c) {
        auto t = treff_repo::krev(c, treff_id, Las::oppdater);
        krev_eier(p, t);
        krev_ikke_slettet(t);
        auto it = std::find(t.eiere.begin(), t.eiere.end(), nav_ident);
        if (it == t.eiere.end()) throw not_found("NAV-identen er ikke eier av treffet");
        if (t.eiere.size() == 1) throw bad_request("et treff må ha minst én eier; den siste kan ikke fjernes");
        t.eiere.erase(it);
        treff_repo::set_eiere(c, treff_id, t.eiere);
        treff_hendelse_repo::insert(c, treff_id, treffhendelsestype::eier_fjernet, arrangor(p.nav_ident), clock_.now(), nav_ident);
    });
}

}  // namespace rt::treff
