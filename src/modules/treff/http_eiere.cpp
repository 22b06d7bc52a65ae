#include "core/errors.hpp"
#include "infra/http/json_body.hpp"
#include "modules/treff/http_api.hpp"
#include "modules/treff/json.hpp"
#include "modules/treff/tilgang.hpp"

namespace rt::treff {

void registrer_eier_api(http::Router& routes, const auth::Authenticator& auth, EierTjeneste& eiere) {
    const std::string base = "/api/rekrutteringstreff/{id}/eiere";

    routes.add("GET", base, [&](http::Request& r) {
        veileder(auth, r, alle_veilederroller);
        return http::json(200, json::tekster(eiere.eiere(http::uuid_param(r, "id"))));
    });
    routes.add("PUT", base + "/meg", [&](http::Request& r) {
        auto p = veileder(auth, r, {Role::ArbeidsgiverRettet, Role::Utvikler});
        eiere.legg_til_meg(p, http::uuid_param(r, "id"));
        return http::text(200, "");
    });
    routes.add("DELETE", base + "/{navIdent}", [&](http::Request& r) {
        auto p = veileder(auth, r, alle_veilederroller);
        auto id = http::uuid_param(r, "id");
        auto nav_ident = std::string(r.param("navIdent"));
        eiere.fjern(p, id, nav_ident);
        return http::text(200, "");
    });
}

}  // namespace rt::treff
