#include "modules/treff/innlegg_tjeneste.hpp"

#include "core/errors.hpp"
#include "core/ids.hpp"
#include "modules/treff/innlegg_repository.hpp"
#include "modules/treff/tilgang.hpp"
#include "modules/treff/treff_repository.hpp"

namespace rt::treff {
namespace {

// The meeting under its row lock, for a write by one of its owners; never a deleted one.
Treff krev_skrivbar(pg::Connection& c, const auth::Principal& p, const std::string& treff_id) {
    auto t = treff_repo::krev(c, treff_id, Las::oppdater);
    krev_eier(p, t);
    if (t.status == treffstatus::slettet) throw conflict("et slettet treff kan ikke endres");
    return t;
}

}  // namespace

void InnleggTjeneste::krev_leser(pg::Connection& c, const auth::Principal& p, const std::string& treff_id) {
    if (p.kind == auth::Principal::Kind::Borger) {
        // Asked before anything is read: not invited reads as not there.
        if (!treff_.er_invitert(treff_id, p.fnr)) throw not_found("treffet finnes ikke");
        return;
    }
    krev_veileder(p, alle_veilederroller);
    treff_repo::krev(c, treff_id);
}

std::vector<Innlegg> InnleggTjeneste::list(const auth::Principal& p, const std::string& treff_id) {
    return db_.with([&](pg::Connection& c) {
        krev_leser(c, p, treff_id);
        return innlegg_repo::for_treff(c, treff_id);
    });
}

Innlegg InnleggTjeneste::hent(const auth::Principal& p, const std::string& treff_id, const std::string& id) {
    return db_.with([&](pg::Connection& c) {
        krev_leser(c, p, treff_id);
        auto i = innlegg_repo::find(c, treff_id, id);
        if (!i) throw not_found("innlegget finnes ikke på treffet");
        return *i;
    });
}

Innlegg InnleggTjeneste::opprett(const auth::Principal& p, const std::string& treff_id, const InnleggFelter& felter) {
    return db_.transaction([&](pg::Connection& c) {
        auto t = krev_skrivbar(c, p, treff_id);
        auto now = clock_.now();
        if (t.status == treffstatus::utkast) {
            // The original's guard against the frontend's double submits: a draft keeps one post.
            auto alle = innlegg_repo::for_treff(c, treff_id);
            if (!alle.empty()) {
                auto eldste = alle.front();
                eldste.felter = felter;
                eldste.sist_oppdatert_tidspunkt = now;
                innlegg_repo::update(c, eldste);
                return eldste;
            }
        }
        Innlegg i{new_uuid(), treff_id, p.nav_ident, felter, now, now};
        innlegg_repo::insert(c, i);
        return i;
    });
}

Innlegg InnleggTjeneste::oppdater(const auth::Principal& p, const std::string& treff_id, const std::string& id,
                                  const InnleggFelter& felter) {
    return db_.transaction([&](pg::Connection& c) {
        krev_skrivbar(c, p, treff_id);
        auto i = innlegg_repo::find(c, treff_id, id);
        if (!i) throw not_found("innlegget finnes ikke på treffet");
        i->felter = felter;
        i->sist_oppdatert_tidspunkt = clock_.now();
        innlegg_repo::update(c, *i);
        return *i;
    });
}

void InnleggTjeneste::slett(const auth::Principal& p, const std::string& treff_id, const std::string& id) {
    db_.transaction([&](pg::Connection& c) {
        krev_skrivbar(c, p, treff_id);
        if (!innlegg_repo::remove(c, treff_id, id)) throw not_found("innlegget finnes ikke på treffet");
    });
}

}  // namespace rt::treff
