#include "core/errors.hpp"
#include "infra/http/json_body.hpp"
#include "modules/jobbsoker/http_api.hpp"
#include "modules/jobbsoker/json.hpp"
#include "modules/jobbsoker/les.hpp"
#include "modules/treff/tilgang.hpp"

namespace rt::jobbsoker {
namespace {

using treff::alle_veilederroller;
using treff::audit;
using treff::veileder;

}  // namespace

void registrer_jobbsoker_api(http::Router& routes, const auth::Authenticator& auth, JobbsokerTjeneste& jobbsokere) {
    const std::string base = "/api/rekrutteringstreff/{id}/jobbsoker";

    routes.add("POST", base, [&](http::Request& r) {
        auto p = veileder(auth, r, alle_veilederroller);
        auto id = http::uuid_param(r, "id");
        auto lagt_til = jobbsokere.legg_til(p, id, les_nye(r));
        boost::json::array ider;
        for (const auto& j : lagt_til) ider.emplace_back(j.id);
        return http::json(201, boost::json::object{{"personTreffIder", std::move(ider)}});
    });
    routes.add("GET", base, [&](http::Request& r) {
        auto p = veileder(auth, r, alle_veilederroller);
        auto id = http::uuid_param(r, "id");
        boost::json::array out;
        for (const auto& j : jobbsokere.list(p, id)) out.push_back(json::jobbsoker(j));
        audit(p, r, id);
        return http::json(200, out);
    });
    routes.add("POST", base + "/sok", [&](http::Request& r) {
        auto p = veileder(auth, r, alle_veilederroller);
        auto id = http::uuid_param(r, "id");
        auto s = les_sok(r);
        auto res = jobbsokere.sok(p, id, s);
        boost::json::array liste;
        for (const auto& j : res.jobbsokere) liste.push_back(json::jobbsoker(j));
        boost::json::object per_status;
        for (const auto& [st, n] : res.antall_per_status) per_status[st] = n;
        audit(p, r, id);
        return http::json(200, boost::json::object{{"jobbsøkere", std::move(liste)},
                                                   {"totalt", res.totalt},
                                                   {"antallSkjulte", res.antall_skjulte},
                                                   {"side", s.side},
                                                   {"antallPerStatus", std::move(per_status)}});
    });
    routes.add("POST", base + "/inviter", [&](http::Request& r) {
        auto p = veileder(auth, r, alle_veilederroller);
        auto id = http::uuid_param(r, "id");
        jobbsokere.inviter(p, id, les_person_treff_ider(r));
        return http::json(200, boost::json::object{});
    });
    routes.add("DELETE", base + "/{personTreffId}/slett", [&](http::Request& r) {
        auto p = veileder(auth, r, alle_veilederroller);
        auto id = http::uuid_param(r, "id");
        jobbsokere.slett(p, id, http::uuid_param(r, "personTreffId"));
        return http::json(200, boost::json::object{});
    });
    routes.add("POST", base + "/{personTreffId}/svar", [&](http::Request& r) {
        auto p = veileder(auth, r, alle_veilederroller);
        auto id = http::uuid_param(r, "id");
        auto person_treff_id = http::uuid_param(r, "personTreffId");
        jobbsokere.svar_for(p, id, person_treff_id, les_svar(r));
        return http::json(200, boost::json::object{});
    });
    routes.add("GET", base + "/hendelser", [&](http::Request& r) {
        auto p = veileder(auth, r, alle_veilederroller);
        auto id = http::uuid_param(r, "id");
        boost::json::array out;
        for (const auto& h : jobbsokere.hendelser(p, id)) out.push_back(json::hendelse_med_person(h));
        audit(p, r, id);
        return http::json(200, out);
    });
}

}  // namespace rt::jobbsoker
