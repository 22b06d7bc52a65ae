#include "modules/jobbsoker/jobbsoker_tjeneste.hpp"

#include <algorithm>
#include <boost/json.hpp>
#include <fmt/format.h>
#include <set>

#include "core/errors.hpp"
#include "modules/treff/oppslag.hpp"
#include "modules/treff/tilgang.hpp"

namespace rt::jobbsoker {
namespace {

using treff::krev;
using treff::krev_eier;
using treff::Las;

// The meeting, for its owners only.
Treff krev_for_eier(pg::Connection& c, const auth::Principal& p, const std::string& treff_id, Las las = Las::ingen) {
    auto t = krev(c, treff_id, las);
    krev_eier(p, t);
    return t;
}

}  // namespace

std::vector<Jobbsoker> JobbsokerTjeneste::legg_til(const auth::Principal& p, const std::string& treff_id,
                                                   const std::vector<jobbsoker_repo::NyJobbsoker>& nye) {
    // The same fnr twice in one request is added once.
    std::vector<jobbsoker_repo::NyJobbsoker> unike;
    std::set<std::string> sett;
    for (const auto& n : nye)
        if (sett.insert(n.fodselsnummer).second) unike.push_back(n);
    return db_.transaction([&](pg::Connection& c) {
        auto t = krev(c, treff_id, Las::oppdater);
        if (t.status != treffstatus::utkast && t.status != treffstatus::publisert)
            throw conflict(fmt::format("jobbsøkere kan ikke legges til et treff med status {}", t.status));
        auto now = clock_.now();
        auto lagt_til = jobbsoker_repo::insert(c, treff_id, unike, now);
        std::vector<NyHendelse> hendelser;
        for (const auto& j : lagt_til) hendelser.push_back({j.id, hendelsestype::opprettet, aktortype::arrangor, p.nav_ident, {}});
        jobbsoker_repo::insert_hendelser(c, hendelser, now);
        return lagt_til;
    });
}

std::vector<Jobbsoker> JobbsokerTjeneste::list(const auth::Principal& p, const std::string& treff_id) {
    return db_.with([&](pg::Connection& c) {
        krev_for_eier(c, p, treff_id);
        return jobbsoker_repo::list_synlige(c, treff_id);
    });
}

jobbsoker_repo::SokResultat JobbsokerTjeneste::sok(const auth::Principal& p, const std::string& treff_id,
                                                   const jobbsoker_repo::Sok& sok) {
    return db_.with([&](pg::Connection& c) {
        krev_for_eier(c, p, treff_id);
        return jobbsoker_repo::sok(c, treff_id, sok);
    });
}

void JobbsokerTjeneste::inviter(const auth::Principal& p, const std::string& treff_id, const std::vector<std::string>& ids) {
    db_.transaction([&](pg::Connection& c) {
        auto t = krev_for_eier(c, p, treff_id, Las::oppdater);
        if (t.status != treffstatus::publisert) throw conflict("bare et publisert treff kan ha invitasjoner");
        std::set<std::string> ønsket(ids.begin(), ids.end());
        auto synlige = jobbsoker_repo::synlige_av(c, treff_id, std::vector<std::string>(ønsket.begin(), ønsket.end()));
        if (synlige.size() != ønsket.size()) throw not_found("en eller flere av jobbsøkerne finnes ikke på treffet");
        auto now = clock_.now();
        auto flyttet = jobbsoker_repo::flytt_status(c, synlige, status::lagt_til, status::invitert);
        std::vector<NyHendelse> hendelser;
        for (const auto& id : flyttet) hendelser.push_back({id, hendelsestype::invitert, aktortype::arrangor, p.nav_ident, {}});
        jobbsoker_repo::insert_hendelser(c, hendelser, now);
    });
}

void JobbsokerTjeneste::slett(const auth::Principal& p, const std::string& treff_id, const std::string& id) {
    db_.transaction([&](pg::Connection& c) {
        krev_for_eier(c, p, treff_id, Las::oppdater);
        auto j = jobbsoker_repo::find(c, treff_id, id, true);
        if (!j || !j->er_synlig) throw not_found("jobbsøkeren finnes ikke på treffet");
        if (j->status == status::slettet) throw conflict("jobbsøkeren er allerede slettet");
        // Once invited, the job seeker has a card and a place in the meeting's fate: they stay.
        if (j->status != status::lagt_til) throw conflict("en jobbsøker som er invitert kan ikke slettes");
        jobbsoker_repo::sett_status(c, id, status::slettet);
        jobbsoker_repo::insert_hendelser(c, {{id, hendelsestype::slettet, aktortype::arrangor, p.nav_ident, {}}}, clock_.now());
    });
}

std::vector<jobbsoker_repo::HendelseMedPerson> JobbsokerTjeneste::hendelser(const auth::Principal& p, const std::string& treff_id) {
    return db_.with([&](pg::Connection& c) {
        krev_for_eier(c, p, treff_id);
        return jobbsoker_repo::hendelser_for_treff(c, treff_id);
    });
}

void JobbsokerTjeneste::svar_for(const auth::Principal& p, const std::string& treff_id, const std::string& id, std::optional<bool> svar) {
    db_.transaction([&](pg::Connection& c) {
        // FOR SHARE, as a citizen's answer: see svar().
        auto t = krev_for_eier(c, p, treff_id, Las::del);
        auto j = jobbsoker_repo::find(c, treff_id, id, true);
        if (!j || !j->er_synlig) throw not_found("jobbsøkeren finnes ikke på treffet");
        if (!status::er_invitert(j->status)) throw conflict("bare en invitert jobbsøker kan få svaret sitt registrert");
        if (t.status != treffstatus::publisert) throw conflict("treffet tar ikke imot svar");
        auto ny_status = !svar ? status::invitert : *svar ? status::svart_ja : status::svart_nei;
        if (j->status == ny_status) return;
        auto type = !svar  ? hendelsestype::svar_fjernet_av_eier
                    : *svar ? hendelsestype::svart_ja_av_eier
                            : hendelsestype::svart_nei_av_eier;
        jobbsoker_repo::sett_status(c, j->id, ny_status);
        jobbsoker_repo::insert_hendelser(c, {{j->id, type, aktortype::arrangor, p.nav_ident, {}}}, clock_.now());
    });
}

Jobbsoker JobbsokerTjeneste::borger(const std::string& treff_id, const std::string& fnr) {
    return db_.with([&](pg::Connection& c) {
        krev(c, treff_id);
        auto j = jobbsoker_repo::find_by_fnr(c, treff_id, fnr);
        if (!j || !j->er_synlig || j->status == status::slettet) throw not_found("du er ikke på dette treffet");
        j->hendelser = jobbsoker_repo::hendelser(c, j->id);
        return *j;
    });
}

void JobbsokerTjeneste::svar(const std::string& treff_id, const std::string& fnr, bool ja) {
    db_.transaction([&](pg::Connection& c) {
        // FOR SHARE on the meeting: an answer never interleaves with a cancel, complete or change
        // (they take FOR UPDATE), so their events see the answer or the answer sees their status.
        auto t = krev(c, treff_id, Las::del);
        // The row lock orders concurrent answers of one person: each sees the other's result.
        auto j = jobbsoker_repo::find_by_fnr(c, treff_id, fnr, true);
        if (!j || j->status == status::slettet) throw not_found("du er ikke på dette treffet");
        if (!status::er_invitert(j->status)) throw forbidden("du er ikke invitert til dette treffet");
        if (!j->er_synlig) throw forbidden("du kan ikke svare på dette treffet");
        if (t.status != treffstatus::publisert) throw conflict("treffet tar ikke imot svar");
        // The deadline is not checked: a citizen may answer after it (the frontend hides the buttons).
        auto ny_status = ja ? status::svart_ja : status::svart_nei;
        if (j->status == ny_status) return;
        jobbsoker_repo::sett_status(c, j->id, ny_status);
        jobbsoker_repo::insert_hendelser(
            c, {{j->id, ja ? hendelsestype::svart_ja : hendelsestype::svart_nei, aktortype::jobbsoker, fnr, {}}}, clock_.now());
    });
}

bool JobbsokerTjeneste::registrer_minside_svar(const MinsideSvar& svar) {
    return db_.transaction([&](pg::Connection& c) {
        if (!treff::finn(c, svar.treff_id)) return false;
        auto j = jobbsoker_repo::find_by_fnr(c, svar.treff_id, svar.fnr, true);
        if (!j) return false;
        if (jobbsoker_repo::har_hendelse_med(c, j->id, hendelsestype::minside_svar, svar.kjennetegn_json)) return true;
        jobbsoker_repo::insert_hendelser(c, {{j->id, hendelsestype::minside_svar, aktortype::system, std::nullopt, svar.data_json}},
                                         clock_.now());
        return true;
    });
}

bool JobbsokerTjeneste::registrer_aktivitetskort_feil(const AktivitetskortFeilet& feil) {
    return db_.transaction([&](pg::Connection& c) {
        auto j = jobbsoker_repo::find_by_fnr(c, feil.treff_id, feil.fnr, true);
        if (!j) return false;
        auto data = boost::json::serialize(boost::json::object{{"messageId", feil.message_id}, {"errorType", feil.error_type}});
        if (jobbsoker_repo::har_hendelse_med(c, j->id, hendelsestype::aktivitetskort_feil, data)) return true;
        jobbsoker_repo::insert_hendelser(
            c, {{j->id, hendelsestype::aktivitetskort_feil, feil.aktortype, feil.aktor, data}}, clock_.now());
        return true;
    });
}

}  // namespace rt::jobbsoker
