#include "modules/arbeidsgiver/http_api.hpp"

#include "core/errors.hpp"
#include "infra/http/json_body.hpp"
#include "modules/arbeidsgiver/json.hpp"
#include "modules/arbeidsgiver/les.hpp"
#include "modules/treff/tilgang.hpp"

namespace rt::arbeidsgiver {
namespace {

using auth::Role;

// The writes and the owners' reads: an owner with ARBEIDSGIVER_RETTET or UTVIKLER; a caller
// without either role is refused before anything is read.
auth::Principal eierrolle(const auth::Authenticator& auth, const http::Request& r) {
    return treff::veileder(auth, r, {Role::ArbeidsgiverRettet, Role::Utvikler});
}

}  // namespace

void registrer_http(http::Router& routes, const auth::Authenticator& auth, ArbeidsgiverTjeneste& tjeneste) {
    const std::string base = "/api/rekrutteringstreff";
    const std::string treff = base + "/{id}";

    // A literal segment wins over {id} in the router, so this is never read as a meeting.
    routes.add("GET", base + "/arbeidsgiver-behov-metadata", [&auth](http::Request& r) {
        treff::veileder(auth, r, treff::alle_veilederroller);
        static const auto metadata = json::metadata();
        return http::json(200, metadata);
    });

    routes.add("POST", treff + "/arbeidsgiver", [&](http::Request& r) {
        auto p = eierrolle(auth, r);
        auto id = http::uuid_param(r, "id");
        tjeneste.legg_til(p, id, les_arbeidsgiver(http::parse_object_body(r)));
        return http::text(201, "");
    });
    routes.add("POST", treff + "/arbeidsgiver-med-behov", [&](http::Request& r) {
        auto p = eierrolle(auth, r);
        auto id = http::uuid_param(r, "id");
        auto body = http::parse_object_body(r);
        auto a = les_arbeidsgiver(body);
        const auto* behov = body.if_contains("behov");
        if (!behov || behov->is_null()) throw bad_request("feltet 'behov' mangler");
        tjeneste.legg_til_med_behov(p, id, a, les_behov(*behov, "behov"));
        return http::text(201, "");
    });
    routes.add("GET", treff + "/arbeidsgiver", [&](http::Request& r) {
        auto p = auth.authenticate(r);
        auto id = http::uuid_param(r, "id");
        boost::json::array out;
        for (const auto& a : tjeneste.aktive(p, id)) out.push_back(json::arbeidsgiver(a));
        return http::json(200, out);
    });
    routes.add("GET", treff + "/arbeidsgiver-med-behov", [&](http::Request& r) {
        auto p = eierrolle(auth, r);
        boost::json::array out;
        for (const auto& a : tjeneste.aktive_med_behov(p, http::uuid_param(r, "id"))) out.push_back(json::med_behov(a));
        return http::json(200, out);
    });
    routes.add("PUT", treff + "/arbeidsgiver/{arbeidsgiverTreffId}/behov", [&](http::Request& r) {
        auto p = eierrolle(auth, r);
        auto id = http::uuid_param(r, "id");
        auto arbeidsgiver_id = http::uuid_param(r, "arbeidsgiverTreffId");
        auto behov = les_behov(http::parse_body(r), "body");
        return http::json(200, json::med_behov(tjeneste.sett_behov(p, id, arbeidsgiver_id, behov)));
    });
    routes.add("DELETE", treff + "/arbeidsgiver/{arbeidsgiverTreffId}", [&](http::Request& r) {
        auto p = eierrolle(auth, r);
        tjeneste.slett(p, http::uuid_param(r, "id"), http::uuid_param(r, "arbeidsgiverTreffId"));
        return http::text(204, "");
    });
    routes.add("GET", treff + "/arbeidsgiver/hendelser", [&](http::Request& r) {
        auto p = eierrolle(auth, r);
        boost::json::array out;
        for (const auto& h : tjeneste.hendelser(p, http::uuid_param(r, "id"))) out.push_back(json::hendelse(h));
        return http::json(200, out);
    });
}

}  // namespace rt::arbeidsgiver
