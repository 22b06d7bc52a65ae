#include "modules/jobbsoker/http_api.hpp"
#include "modules/jobbsoker/http_felles.hpp"

namespace rt::jobbsoker {

void registrer_borger_api(http::Router& routes, const auth::Authenticator& auth, JobbsokerTjeneste& jobbsokere) {
    const std::string base = "/api/rekrutteringstreff/{id}/jobbsoker/borger";

    routes.add("GET", base, [&](http::Request& r) {
        auto p = borger(auth, r);
        auto b = jobbsokere.borger(http::uuid_param(r, "id"), p.fnr);
        return http::json(200, boost::json::object{{"personTreffId", b.person_treff_id},
                                                   {"status", b.status},
                                                   {"erInvitert", b.er_invitert},
                                                   {"harSvart", b.har_svart},
                                                   {"svar", b.svar ? boost::json::value(*b.svar) : boost::json::value(nullptr)}});
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
