#include <fmt/format.h>

#include "core/errors.hpp"
#include "infra/log.hpp"
#include "infra/http/json_body.hpp"
#include "modules/treff/http_api.hpp"
#include "modules/treff/json.hpp"
#include "modules/treff/tilgang.hpp"

namespace rt::treff {
namespace {

using http::tekstfelt;
using http::tidsfelt;

constexpr std::size_t kMaxTittel = 200, kMaxTittelUtf16 = 255, kMaxBeskrivelse = 10000, kMaxAdresse = 200;

// UTF-16 code units of valid UTF-8: a four-byte sequence (outside the BMP) is a surrogate pair.
std::size_t utf16_enheter(std::string_view s) {
    std::size_t n = 0;
    for (unsigned char c : s) {
        if ((c & 0xC0) == 0x80) continue;
        n += c >= 0xF0 ? 2 : 1;
    }
    return n;
}

// Non-empty, at most 200 characters and at most 255 UTF-16 code units: the activity card's
// limit, so that a title never breaks the card it ends up on.
std::optional<std::string> tittelfelt(const boost::json::object& o) {
    auto tittel = tekstfelt(o, "tittel", kMaxTittel, true);
    if (tittel && utf16_enheter(*tittel) > kMaxTittelUtf16)
        throw bad_request(fmt::format("feltet 'tittel' kan ha høyst {} UTF-16-tegn (et emoji teller to)", kMaxTittelUtf16));
    return tittel;
}

// Exactly `n` digits, when present.
void krev_sifre(const std::optional<std::string>& v, std::string_view key, std::size_t n) {
    if (v && (v->size() != n || v->find_first_not_of("0123456789") != std::string::npos))
        throw bad_request(fmt::format("feltet '{}' må ha {} sifre", key, n));
}

TreffFelter les_felter(const http::Request& r) {
    auto body = http::parse_object_body(r);
    TreffFelter f;
    auto tittel = tittelfelt(body);
    if (!tittel) throw bad_request("feltet 'tittel' mangler");
    f.tittel = *tittel;
    f.beskrivelse = tekstfelt(body, "beskrivelse", kMaxBeskrivelse, false);
    f.fra_tid = tidsfelt(body, "fraTid");
    f.til_tid = tidsfelt(body, "tilTid");
    f.svarfrist = tidsfelt(body, "svarfrist");
    f.gateadresse = tekstfelt(body, "gateadresse", kMaxAdresse, false);
    f.postnummer = tekstfelt(body, "postnummer", 4, false);
    f.poststed = tekstfelt(body, "poststed", kMaxAdresse, false);
    f.kommune = tekstfelt(body, "kommune", kMaxAdresse, false);
    f.kommunenummer = tekstfelt(body, "kommunenummer", 4, false);
    f.fylke = tekstfelt(body, "fylke", kMaxAdresse, false);
    f.fylkesnummer = tekstfelt(body, "fylkesnummer", 2, false);
    krev_sifre(f.postnummer, "postnummer", 4);
    krev_sifre(f.kommunenummer, "kommunenummer", 4);
    krev_sifre(f.fylkesnummer, "fylkesnummer", 2);
    if (f.fra_tid && f.til_tid && *f.fra_tid >= *f.til_tid) throw bad_request("fraTid må være før tilTid");
    return f;
}

std::string les_kategori(const boost::json::object& body) {
    auto k = http::optional_string(body, "kategori");
    if (!k) return std::string(kategori::rekrutteringstreff);
    if (std::find(std::begin(kategori::alle), std::end(kategori::alle), *k) == std::end(kategori::alle))
        throw bad_request("ukjent kategori; gyldige er REKRUTTERINGSTREFF og WORKOP");
    return *k;
}

// Known names in the order given, each once; unknown names are dropped (a newer frontend may
// know more fields), as the original does.
std::vector<std::string> les_endrede_felter(const http::Request& r) {
    auto body = http::parse_object_body(r);
    auto felter = http::optional_string_array(body, "endredeFelter");
    if (!felter) throw bad_request("feltet 'endredeFelter' mangler");
    std::vector<std::string> out;
    for (const auto& f : *felter) {
        bool kjent = std::find(std::begin(endret_felt::alle), std::end(endret_felt::alle), f) != std::end(endret_felt::alle);
        if (kjent && std::find(out.begin(), out.end(), f) == out.end()) out.push_back(f);
    }
    return out;
}

}  // namespace

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
