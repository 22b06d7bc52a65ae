#include "infra/http/json_body.hpp"
#include "modules/jobbsoker/http_api.hpp"
#include "modules/jobbsoker/json.hpp"
#include "modules/treff/tilgang.hpp"

namespace rt::jobbsoker {

using treff::borger;

void registrer_borger_api(http::Router& routes, const auth::Authenticator& auth, JobbsokerTjeneste& jobbsokere) {
    const std::string base = "/api/rekrutteringstreff/{id}/jobbsoker/borger";

    routes.add("GET", base, [&](http::Request& r) {
        auto p = borger(auth, r);
        return http::json(200, json::borger(jobbsokere.borger(http::uuid_param(r, "id"), p.fnr)));
    });
    for (bool ja : {true, false}) {
        routes.add("POST", base + (ja ? "/svar-ja" : "/svar-nei"), [&, ja](http::Request& r) {
            auto p = borger(auth, r);
            jobbsokere.svar(http::uuid_param(r, "id"), p.fnr, ja);
            return http::json(200, boost::json::object{});
        });
    }
}

}  // namespace rt::jobbsoker
