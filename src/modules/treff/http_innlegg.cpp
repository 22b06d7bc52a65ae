#include "core/errors.hpp"
#include "infra/http/json_body.hpp"
#include "modules/treff/http_api.hpp"
#include "modules/treff/json.hpp"
#include "modules/treff/les.hpp"
#include "modules/treff/tilgang.hpp"

namespace rt::treff {
namespace {

boost::json::object innlegg_json(const Innlegg& i) {
    using http::tid_json;
    return {{"id", i.id},
            {"treffId", i.treff_id},
            {"tittel", i.felter.tittel},
            {"opprettetAvPersonNavident", i.opprettet_av_person_navident},
            {"opprettetAvPersonNavn", i.felter.opprettet_av_person_navn},
            {"opprettetAvPersonBeskrivelse", i.felter.opprettet_av_person_beskrivelse},
            {"sendesTilJobbsokerTidspunkt", tid_json(i.felter.sendes_til_jobbsoker_tidspunkt)},
            {"htmlContent", i.felter.html_content},
            {"opprettetTidspunkt", tid_json(i.opprettet_tidspunkt)},
            {"sistOppdatertTidspunkt", tid_json(i.sist_oppdatert_tidspunkt)}};
}

}  // namespace

void registrer_innlegg_api(http::Router& routes, const auth::Authenticator& auth, InnleggTjeneste& innlegg) {
    const std::string base = "/api/rekrutteringstreff/{id}/innlegg";

    routes.add("GET", base, [&](http::Request& r) {
        auto p = auth.authenticate(r);
        boost::json::array out;
        for (const auto& i : innlegg.list(p, http::uuid_param(r, "id"))) out.push_back(innlegg_json(i));
        return http::json(200, out);
    });
    routes.add("GET", base + "/{innleggId}", [&](http::Request& r) {
        auto p = auth.authenticate(r);
        return http::json(200, innlegg_json(innlegg.hent(p, http::uuid_param(r, "id"), http::uuid_param(r, "innleggId"))));
    });
    routes.add("POST", base, [&](http::Request& r) {
        auto p = veileder(auth, r, alle_veilederroller);
        auto id = http::uuid_param(r, "id");
        return http::json(201, innlegg_json(innlegg.opprett(p, id, les_innlegg(r))));
    });
    routes.add("PUT", base + "/{innleggId}", [&](http::Request& r) {
        auto p = veileder(auth, r, alle_veilederroller);
        auto id = http::uuid_param(r, "id");
        auto innlegg_id = http::uuid_param(r, "innleggId");
        return http::json(200, innlegg_json(innlegg.oppdater(p, id, innlegg_id, les_innlegg(r))));
    });
    routes.add("DELETE", base + "/{innleggId}", [&](http::Request& r) {
        auto p = veileder(auth, r, alle_veilederroller);
        innlegg.slett(p, http::uuid_param(r, "id"), http::uuid_param(r, "innleggId"));
        return http::text(204, "");
    });
}

}  // namespace rt::treff
