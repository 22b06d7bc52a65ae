#include "modules/treff/treff_tjeneste.hpp"

#include <algorithm>
#include <fmt/format.h>

#include "core/errors.hpp"
#include "core/ids.hpp"
#include "infra/log.hpp"
#include "modules/treff/tilgang.hpp"
#include "modules/treff/treff_hendelse_repository.hpp"
#include "modules/treff/treff_repository.hpp"

namespace rt::treff {
namespace {

using treff_repo::Las;
namespace ts = treffstatus;
namespace th = treffhendelsestype;

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

// 409 unless the meeting has one of the statuses.
void krev_status(const Treff& t, std::initializer_list<std::string_view> tillatt, std::string_view handling) {
    if (std::find(tillatt.begin(), tillatt.end(), t.status) != tillatt.end()) return;
    throw conflict(fmt::format("et treff med status {} kan ikke {}", t.status, handling));
}

Treff med_felter(Treff t, const TreffFelter& f) {
    t.tittel = f.tittel;
    t.beskrivelse = f.beskrivelse;
    t.fra_tid = f.fra_tid;
    t.til_tid = f.til_tid;
    t.svarfrist = f.svarfrist;
    t.gateadresse = f.gateadresse;
    t.postnummer = f.postnummer;
    t.poststed = f.poststed;
    t.kommune = f.kommune;
    t.kommunenummer = f.kommunenummer;
    t.fylke = f.fylke;
    t.fylkesnummer = f.fylkesnummer;
    return t;
}

// A status change as the row change of endre().
auto ny_status(std::string_view status, std::string_view av, std::optional<std::string> avlyst_fra = std::nullopt) {
    return [status, av = std::string(av), avlyst_fra](pg::Connection& c, const Treff& t, Instant now) {
        treff_repo::set_status(c, t.id, status, avlyst_fra, now, av);
    };
}

}  // namespace

std::string TreffTjeneste::opprett(const auth::Principal& p, const std::string& tittel, const std::string& kategori) {
    auto now = clock_.now();
    Treff t;
    t.id = new_uuid();
    t.tittel = tittel;
    t.kategori = kategori;
    t.status = ts::utkast;
    t.opprettet_av = p.nav_ident;
    t.opprettet_tidspunkt = now;
    t.eiere = {p.nav_ident};
    t.sist_endret = now;
    t.sist_endret_av = p.nav_ident;
    auto aktor = arrangor(p.nav_ident);
    db_.transaction([&](pg::Connection& c) {
        treff_repo::insert(c, t);
        treff_hendelse_repo::insert(c, t.id, th::opprettet, aktor, now);
        treff_hendelse_repo::insert(c, t.id, th::eier_lagt_til, aktor, now, p.nav_ident);
    });
    return t.id;
}

Treff TreffTjeneste::med_tall(pg::Connection& c, Treff t) const {
    std::vector<Treff> ett{std::move(t)};
    deltakere_.tell(c, ett);
    return std::move(ett.front());
}

bool TreffTjeneste::er_invitert(const std::string& id, const std::string& fnr) {
    return db_.with([&](pg::Connection& c) {
        for (const auto& d : deltakere_.alle())
            if (d.er_invitert && d.er_invitert(c, id, fnr)) return true;
        return false;
    });
}

Treff TreffTjeneste::hent(const std::string& id) {
    return db_.with([&](pg::Connection& c) { return med_tall(c, treff_repo::krev(c, id)); });
}

Treff TreffTjeneste::endre(const std::string& id, const Aktor& aktor, std::string_view hendelsestype,
                           const std::function<void(const Treff&)>& krav,
                           const std::function<void(pg::Connection&, const Treff&, Instant)>& endring,
                           std::vector<std::string> endrede_felter) {
    return db_.transaction([&](pg::Connection& c) {
        auto t = treff_repo::krev(c, id, Las::oppdater);
        krav(t);
        Treffendring e{t, std::string(hendelsestype), aktor, clock_.now(), endrede_felter};
        for (const auto& d : deltakere_.alle())
            if (d.sjekk) d.sjekk(c, e);
        endring(c, t, e.tidspunkt);
        treff_hendelse_repo::insert(c, id, hendelsestype, aktor, e.tidspunkt);
        for (const auto& d : deltakere_.alle())
            if (d.virkning) d.virkning(c, e);
        return med_tall(c, treff_repo::krev(c, id));
    });
}

Treff TreffTjeneste::oppdater(const auth::Principal& p, const std::string& id, const TreffFelter& felter) {
    return endre(
        id, arrangor(p.nav_ident), th::oppdatert,
        [&](const Treff& t) {
            krev_eier(p, t);
            krev_status(t, {ts::utkast, ts::publisert}, "endres");
            if (t.status == ts::publisert) krev_publiserbar(med_felter(t, felter));
        },
        [&](pg::Connection& c, const Treff& t, Instant now) {
            auto ny = med_felter(t, felter);
            ny.sist_endret = now;
            ny.sist_endret_av = p.nav_ident;
            treff_repo::update_fields(c, ny);
        });
}

Treff TreffTjeneste::publiser(const auth::Principal& p, const std::string& id) {
    return endre(
        id, arrangor(p.nav_ident), th::publisert,
        [&](const Treff& t) {
            krev_eier(p, t);
            krev_status(t, {ts::utkast}, "publiseres");
            krev_publiserbar(t);
        },
        ny_status(ts::publisert, p.nav_ident));
}

Treff TreffTjeneste::avpubliser(const auth::Principal& p, const std::string& id) {
    // The participants refuse it once someone has been invited.
    return endre(
        id, arrangor(p.nav_ident), th::avpublisert,
        [&](const Treff& t) {
            krev_eier(p, t);
            krev_status(t, {ts::publisert}, "avpubliseres");
        },
        ny_status(ts::utkast, p.nav_ident));
}

void TreffTjeneste::registrer_endringer(const auth::Principal& p, const std::string& id, const std::vector<std::string>& endrede_felter) {
    // Nothing on the meeting's row changes (the PUT did that); the event and the participants'
    // consequences are the point. The row lock still orders it with answers and invitations.
    endre(
        id, arrangor(p.nav_ident), th::endret_etter_publisering,
        [&](const Treff& t) {
            krev_eier(p, t);
            // 400, not 409, as the original answers.
            if (t.status != ts::publisert)
                throw bad_request(fmt::format("endringer kan bare registreres for et publisert treff; dette har status {}", t.status));
        },
        [](pg::Connection&, const Treff&, Instant) {}, endrede_felter);
}

Treff TreffTjeneste::avlys(const auth::Principal& p, const std::string& id) {
    return endre(
        id, arrangor(p.nav_ident), th::avlyst,
        [&](const Treff& t) {
            krev_eier(p, t);
            krev_status(t, {ts::utkast, ts::publisert}, "avlyses");
        },
        [&](pg::Connection& c, const Treff& t, Instant now) { treff_repo::set_status(c, id, ts::avlyst, t.status, now, p.nav_ident); });
}

Treff TreffTjeneste::gjenapn(const auth::Principal& p, const std::string& id) {
    return endre(
        id, arrangor(p.nav_ident), th::gjenapnet,
        [&](const Treff& t) {
            krev_eier(p, t);
            krev_status(t, {ts::avlyst}, "gjenåpnes");
        },
        [&](pg::Connection& c, const Treff& t, Instant now) {
            // The table's check keeps avlyst_fra_status set while AVLYST.
            treff_repo::set_status(c, id, t.avlyst_fra_status.value(), std::nullopt, now, p.nav_ident);
        });
}

Treff TreffTjeneste::fullfor(const auth::Principal& p, const std::string& id) { return fullfor_som(arrangor(p.nav_ident), &p, id); }

Treff TreffTjeneste::fullfor_som(const Aktor& aktor, const auth::Principal* p, const std::string& id) {
    return endre(
        id, aktor, th::fullfort,
        [&](const Treff& t) {
            if (p) krev_eier(*p, t);
            krev_status(t, {ts::publisert}, "fullføres");
            if (!t.til_tid) throw conflict("et treff uten tilTid kan ikke fullføres");
            if (!(*t.til_tid < clock_.now())) throw conflict("treffet kan ikke fullføres før tilTid er passert");
        },
        ny_status(ts::fullfort, aktor.ident));
}

void TreffTjeneste::slett(const auth::Principal& p, const std::string& id) {
    // The participants refuse it while anyone is on the meeting.
    endre(
        id, arrangor(p.nav_ident), th::slettet,
        [&](const Treff& t) {
            krev_eier(p, t);
            krev_status(t, {ts::utkast}, "slettes");
        },
        ny_status(ts::slettet, p.nav_ident));
}

std::vector<TreffHendelse> TreffTjeneste::hendelser(const auth::Principal& p, const std::string& id) {
    return db_.with([&](pg::Connection& c) {
        krev_eier(p, treff_repo::krev(c, id));
        return treff_hendelse_repo::for_treff(c, id);
    });
}

std::vector<TreffHendelse> TreffTjeneste::alle_hendelser(const auth::Principal& p, const std::string& id) {
    return db_.transaction([&](pg::Connection& c) {
        // One snapshot for every source, so that the merged list is a state that existed.
        c.exec("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY");
        krev_eier(p, treff_repo::krev(c, id));
        std::vector<std::vector<TreffHendelse>> kilder{treff_hendelse_repo::for_treff(c, id)};
        for (const auto& d : deltakere_.alle())
            if (d.hendelser) kilder.push_back(d.hendelser(c, id));
        return flett_hendelser(std::move(kilder));
    });
}

std::size_t TreffTjeneste::fullfor_avsluttede() {
    auto ider = db_.with([&](pg::Connection& c) { return treff_repo::publiserte_avsluttet_for(c, clock_.now()); });
    std::size_t fullfort = 0;
    for (const auto& id : ider) {
        try {
            fullfor_som(systemet(), nullptr, id);
            ++fullfort;
        } catch (const Problem& e) {
            // Changed since the list was read (completed by hand, cancelled, tilTid moved): its
            // checks, made again under the row lock, say no. Nothing to retry.
            log::info("treff.autofullfor", "treffet fullføres ikke automatisk", {{"rekrutteringstreffId", id}, {"grunn", e.what()}});
        } catch (const std::exception& e) {
            log::error("treff.autofullfor", "automatisk fullføring feilet; prøves igjen ved neste kjøring",
                       {{"rekrutteringstreffId", id}, {"error", e.what()}});
        }
    }
    if (fullfort > 0) log::info("treff.autofullfor", "treff fullført automatisk", {{"antall", fullfort}});
    return fullfort;
}

}  // namespace rt::treff
