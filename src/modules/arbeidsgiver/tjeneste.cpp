#include "modules/arbeidsgiver/tjeneste.hpp"

#include <boost/json.hpp>

#include "core/errors.hpp"
#include "core/ids.hpp"
#include "modules/arbeidsgiver/json.hpp"
#include "modules/arbeidsgiver/repository.hpp"
#include "modules/treff/oppslag.hpp"
#include "modules/treff/tilgang.hpp"

namespace rt::arbeidsgiver {
namespace {

Aktor arrangor(const auth::Principal& p) { return {"ARRANGØR", p.nav_ident}; }

// Under a share lock when writing: the meeting's deletion waits for the write, and a write after
// the deletion sees SLETTET.
treff::Treff krev_treff(pg::Connection& c, const std::string& treff_id, bool las) {
    auto t = treff::finn(c, treff_id, las ? treff::Las::del : treff::Las::ingen);
    if (!t) throw not_found("treffet finnes ikke");
    return *t;
}

void krev_ingen_aktiv(pg::Connection& c, const std::string& treff_id, const std::string& orgnr) {
    if (repo::har_aktiv(c, treff_id, orgnr))
        throw conflict("treffet har allerede en aktiv arbeidsgiver med dette organisasjonsnummeret");
}

// A new active employer and its OPPRETTET; returns its id.
std::string opprett(pg::Connection& c, const std::string& treff_id, const NyArbeidsgiver& a, const Aktor& aktor, Instant now) {
    auto id = new_uuid();
    repo::insert(c, id, treff_id, a, now);
    repo::insert_hendelse(c, id, hendelsestype::opprettet, aktor, now);
    return id;
}

void lagre_behov(pg::Connection& c, const std::string& id, const Behov& b, const Aktor& aktor, Instant now) {
    repo::lagre_behov(c, id, b, now);
    repo::insert_hendelse(c, id, hendelsestype::behov_endret, aktor, now, boost::json::serialize(json::behov(b)));
}

}  // namespace

template <class F>
auto ArbeidsgiverTjeneste::skriv(const auth::Principal& p, const std::string& treff_id, F&& f) {
    return db_.transaction([&](pg::Connection& c) {
        auto t = krev_treff(c, treff_id, true);
        treff::krev_eier(p, t.eiere);
        if (t.status == "SLETTET") throw conflict("treffet er slettet");
        repo::las_treff(c, treff_id);
        return f(c, arrangor(p), clock_.now());
    });
}

template <class F>
auto ArbeidsgiverTjeneste::les_som_eier(const auth::Principal& p, const std::string& treff_id, F&& f) {
    return db_.with([&](pg::Connection& c) {
        treff::krev_eier(p, krev_treff(c, treff_id, false).eiere);
        return f(c);
    });
}

void ArbeidsgiverTjeneste::legg_til(const auth::Principal& p, const std::string& treff_id, const NyArbeidsgiver& a) {
    skriv(p, treff_id, [&](pg::Connection& c, const Aktor& aktor, Instant now) {
        krev_ingen_aktiv(c, treff_id, a.orgnr);
        opprett(c, treff_id, a, aktor, now);
    });
}

void ArbeidsgiverTjeneste::legg_til_med_behov(const auth::Principal& p, const std::string& treff_id, const NyArbeidsgiver& a,
                                              const Behov& b) {
    skriv(p, treff_id, [&](pg::Connection& c, const Aktor& aktor, Instant now) {
        krev_ingen_aktiv(c, treff_id, a.orgnr);
        std::string id;
        if (auto slettet = repo::siste_slettede(c, treff_id, a.orgnr)) {
            id = *slettet;
            repo::reaktiver(c, id, a);
            repo::insert_hendelse(c, id, hendelsestype::reaktivert, aktor, now);
        } else {
            id = opprett(c, treff_id, a, aktor, now);
        }
        lagre_behov(c, id, b, aktor, now);
    });
}

ArbeidsgiverMedBehov ArbeidsgiverTjeneste::sett_behov(const auth::Principal& p, const std::string& treff_id, const std::string& id,
                                                      const Behov& b) {
    return skriv(p, treff_id, [&](pg::Connection& c, const Aktor& aktor, Instant now) {
        auto a = repo::finn(c, treff_id, id, true);
        if (!a || a->status != status::aktiv) throw not_found("arbeidsgiveren finnes ikke på treffet");
        lagre_behov(c, id, b, aktor, now);
        return ArbeidsgiverMedBehov{*a, b};
    });
}

void ArbeidsgiverTjeneste::slett(const auth::Principal& p, const std::string& treff_id, const std::string& id) {
    skriv(p, treff_id, [&](pg::Connection& c, const Aktor& aktor, Instant now) {
        auto a = repo::finn(c, treff_id, id, true);
        if (!a) throw not_found("arbeidsgiveren finnes ikke på treffet");
        if (a->status == status::slettet) return;
        repo::sett_status(c, id, status::slettet);
        repo::insert_hendelse(c, id, hendelsestype::slettet, aktor, now);
    });
}

std::vector<Arbeidsgiver> ArbeidsgiverTjeneste::aktive(const auth::Principal& p, const std::string& treff_id) {
    if (p.kind == auth::Principal::Kind::Borger) {
        // Not invited reads as not there: a citizen learns nothing of other meetings.
        if (!oppslag_.er_invitert(treff_id, p.fnr)) throw not_found("treffet finnes ikke");
        return db_.with([&](pg::Connection& c) { return repo::aktive(c, treff_id); });
    }
    treff::krev_veileder(p, treff::alle_veilederroller);
    return db_.with([&](pg::Connection& c) {
        krev_treff(c, treff_id, false);
        return repo::aktive(c, treff_id);
    });
}

std::vector<ArbeidsgiverMedBehov> ArbeidsgiverTjeneste::aktive_med_behov(const auth::Principal& p, const std::string& treff_id) {
    return les_som_eier(p, treff_id, [&](pg::Connection& c) { return repo::aktive_med_behov(c, treff_id); });
}

std::vector<Hendelse> ArbeidsgiverTjeneste::hendelser(const auth::Principal& p, const std::string& treff_id) {
    return les_som_eier(p, treff_id, [&](pg::Connection& c) { return repo::hendelser(c, treff_id); });
}

}  // namespace rt::arbeidsgiver
