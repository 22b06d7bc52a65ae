#include <fmt/format.h>

#include "core/errors.hpp"
#include "modules/jobbsoker/http_api.hpp"
#include "modules/jobbsoker/http_felles.hpp"
#include "modules/jobbsoker/json.hpp"

namespace rt::jobbsoker {
namespace {

constexpr std::size_t kMaxTittel = 200, kMaxBeskrivelse = 10000, kMaxAdresse = 200;

TreffFelter les_felter(const http::Request& r) {
    auto body = http::parse_object_body(r);
    TreffFelter f;
    auto tittel = tekstfelt(body, "tittel", kMaxTittel, true);
    if (!tittel) throw bad_request("feltet 'tittel' mangler");
    f.tittel = *tittel;
    f.beskrivelse = tekstfelt(body, "beskrivelse", kMaxBeskrivelse, false);
    f.fra_tid = tidsfelt(body, "fraTid");
    f.til_tid = tidsfelt(body, "tilTid");
    f.svarfrist = tidsfelt(body, "svarfrist");
    f.gateadresse = tekstfelt(body, "gateadresse", kMaxAdresse, false);
    f.postnummer = tekstfelt(body, "postnummer", 4, false);
    f.poststed = tekstfelt(body, "poststed", kMaxAdresse, false);
    if (f.postnummer && (f.postnummer->size() != 4 || f.postnummer->find_first_not_of("0123456789") != std::string::npos))
        throw bad_request("feltet 'postnummer' må ha fire sifre");
    if (f.fra_tid && f.til_tid && *f.fra_tid >= *f.til_tid) throw bad_request("fraTid må være før tilTid");
    return f;
}

}  // namespace

void registrer_treff_api(http::Router& routes, const auth::Authenticator& auth, TreffTjeneste& treff) {
    const std::string base = "/api/rekrutteringstreff";

    routes.add("POST", base, [&](http::Request& r) {
        auto p = veileder(auth, r, {Role::ArbeidsgiverRettet, Role::Utvikler});
        auto body = http::parse_object_body(r);
        auto tittel = tekstfelt(body, "tittel", kMaxTittel, true).value_or("Nytt rekrutteringstreff");
        return http::json(201, boost::json::object{{"id", treff.opprett(p, tittel)}});
    });
    routes.add("GET", base + "/{id}", [&](http::Request& r) {
        veileder(auth, r, alle_veilederroller);
        return http::json(200, json::treff(treff.hent(http::uuid_param(r, "id"))));
    });
    routes.add("PUT", base + "/{id}", [&](http::Request& r) {
        auto p = veileder(auth, r, alle_veilederroller);
        auto id = http::uuid_param(r, "id");
        auto felter = les_felter(r);
        return http::json(200, json::treff(treff.oppdater(p, id, felter)));
    });
    routes.add("POST", base + "/{id}/publiser", [&](http::Request& r) {
        auto p = veileder(auth, r, alle_veilederroller);
        return http::json(200, json::treff(treff.publiser(p, http::uuid_param(r, "id"))));
    });
    routes.add("POST", base + "/{id}/avlys", [&](http::Request& r) {
        auto p = veileder(auth, r, alle_veilederroller);
        return http::json(200, json::treff(treff.avlys(p, http::uuid_param(r, "id"))));
    });
    routes.add("POST", base + "/{id}/fullfor", [&](http::Request& r) {
        auto p = veileder(auth, r, alle_veilederroller);
        return http::json(200, json::treff(treff.fullfor(p, http::uuid_param(r, "id"))));
    });
    routes.add("DELETE", base + "/{id}", [&](http::Request& r) {
        auto p = veileder(auth, r, alle_veilederroller);
        auto id = http::uuid_param(r, "id");
        treff.slett(p, id);
        return http::json(200, boost::json::object{{"id", id}, {"status", treffstatus::slettet}});
    });
}

}  // namespace rt::jobbsoker
