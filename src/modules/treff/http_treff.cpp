#include "core/errors.hpp"
#include "infra/log.hpp"
#include "infra/http/json_body.hpp"
#include "modules/treff/http_api.hpp"
#include "modules/treff/json.hpp"
#include "modules/treff/les.hpp"
#include "modules/treff/tilgang.hpp"

namespace rt::treff {

void registrer_treff_api(http::Router& routes, const auth::Authenticator& auth, TreffTjeneste& treff) {
    const std::string base = "/api/rekrutteringstreff";

    routes.add("POST", base, [&](http::Request& r) {
        auto p = veileder(auth, r, {Role::ArbeidsgiverRettet, Role::Utvikler});
        auto body = http::parse_object_body(r);
        auto tittel = tittelfelt(body).value_or("Nytt rekrutteringstreff");
        return http::json(201, boost::json::object{{"id", treff.opprett(p, tittel, les_kategori(body))}});
    });
    routes.add("GET", base + "/{id}", [&](http::Request& r) {
        auto p = auth.authenticate(r);
        auto id = http::uuid_param(r, "id");
        if (p.kind == auth::Principal::Kind::Borger) {
            // Not invited reads as not there: a citizen learns nothing of other meetings.
            if (!treff.er_invitert(id, p.fnr)) throw not_found("treffet finnes ikke");
            return http::json(200, json::treff_for_borger(treff.hent(id)));
        }
        krev_veileder(p, alle_veilederroller);
        return http::json(200, json::treff(treff.hent(id)));
    });
    routes.add("PUT", base + "/{id}", [&](http::Request& r) {
        auto p = veileder(auth, r, alle_veilederroller);
        auto id = http::uuid_param(r, "id");
        auto felter = les_felter(r);
        return http::json(200, json::treff(treff.oppdater(p, id, felter)));
    });
    // The status changes: each answers the meeting as it is afterwards.
    const std::pair<const char*, Treff (TreffTjeneste::*)(const auth::Principal&, const std::string&)> overganger[] = {
        {"/publiser", &TreffTjeneste::publiser}, {"/avpubliser", &TreffTjeneste::avpubliser}, {"/avlys", &TreffTjeneste::avlys},
        {"/gjenapn", &TreffTjeneste::gjenapn},   {"/fullfor", &TreffTjeneste::fullfor}};
    for (const auto& [sti, overgang] : overganger) {
        routes.add("POST", base + "/{id}" + sti, [&, overgang](http::Request& r) {
            auto p = veileder(auth, r, alle_veilederroller);
            return http::json(200, json::treff((treff.*overgang)(p, http::uuid_param(r, "id"))));
        });
    }
    routes.add("POST", base + "/{id}/endringer", [&](http::Request& r) {
        auto p = veileder(auth, r, alle_veilederroller);
        auto id = http::uuid_param(r, "id");
        treff.registrer_endringer(p, id, les_endrede_felter(r));
        return http::text(201, "");
    });
    routes.add("DELETE", base + "/{id}", [&](http::Request& r) {
        auto p = veileder(auth, r, alle_veilederroller);
        auto id = http::uuid_param(r, "id");
        treff.slett(p, id);
        return http::json(200, boost::json::object{{"id", id}, {"status", treffstatus::slettet}});
    });
    routes.add("GET", base + "/{id}/hendelser", [&](http::Request& r) {
        auto p = veileder(auth, r, alle_veilederroller);
        boost::json::array out;
        for (const auto& h : treff.hendelser(p, http::uuid_param(r, "id"))) out.push_back(json::treff_hendelse(h));
        return http::json(200, out);
    });
    routes.add("GET", base + "/{id}/allehendelser", [&](http::Request& r) {
        auto p = veileder(auth, r, alle_veilederroller);
        auto id = http::uuid_param(r, "id");
        boost::json::array out;
        for (const auto& h : treff.alle_hendelser(p, id)) out.push_back(json::alle_hendelse(h));
        audit(p, r, id);  // it names the job seekers
        return http::json(200, out);
    });
}

}  // namespace rt::treff
