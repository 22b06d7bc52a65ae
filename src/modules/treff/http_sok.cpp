#include <algorithm>
#include <charconv>
#include <fmt/format.h>

#include "core/errors.hpp"
#include "infra/http/json_body.hpp"
#include "infra/http/query.hpp"
#include "modules/treff/http_api.hpp"
#include "modules/treff/json.hpp"
#include "modules/treff/tilgang.hpp"

namespace rt::treff {
namespace {

constexpr std::string_view kStatuser[] = {treffstatus::utkast, treffstatus::publisert, treffstatus::fullfort, treffstatus::avlyst};
constexpr std::string_view kPublisertStatuser[] = {publisert_status::apen, publisert_status::svarfrist_passert};

template <class Gyldige>
std::optional<std::vector<std::string>> liste(const http::QueryParams& q, std::string_view navn, const Gyldige& gyldige) {
    auto v = http::query_list(q, navn);
    if (!v) return v;
    for (const auto& x : *v)
        if (std::find(std::begin(gyldige), std::end(gyldige), x) == std::end(gyldige))
            throw bad_request(fmt::format("ukjent verdi i '{}'", navn));
    return v;
}

// County (2) and municipality (4) numbers are digits.
std::optional<std::vector<std::string>> nummerliste(const http::QueryParams& q, std::string_view navn, std::size_t sifre) {
    auto v = http::query_list(q, navn);
    if (!v) return v;
    for (const auto& x : *v)
        if (x.size() != sifre || x.find_first_not_of("0123456789") != std::string::npos)
            throw bad_request(fmt::format("'{}' tar tall med {} sifre", navn, sifre));
    return v;
}

int heltall(const http::QueryParams& q, std::string_view navn, int standard, int min, int max) {
    auto it = q.find(navn);
    if (it == q.end()) return standard;
    const auto& s = it->second;
    long long v = 0;
    auto [slutt, feil] = std::from_chars(s.data(), s.data() + s.size(), v);
    if (feil != std::errc{} || slutt != s.data() + s.size() || v < min || v > max)
        throw bad_request(fmt::format("'{}' må være et heltall fra {} til {}", navn, min, max));
    return static_cast<int>(v);
}

TreffSok les_sok(const http::Request& r, const auth::Principal& p) {
    auto q = http::query_params(r);
    TreffSok s;
    s.kaller = p.nav_ident;
    if (auto it = q.find("visning"); it != q.end()) {
        const auto& v = it->second;
        if (v == "mitt_kontor") throw bad_request("visning=mitt_kontor krever den innloggedes kontor, som denne tjenesten ikke kjenner");
        if (v != "alle" && v != "mine" && v != "valgte_kontorer") throw bad_request("ukjent verdi i 'visning'");
        s.bare_mine = v == "mine";
    }
    s.kategorier = liste(q, "kategorier", kategori::alle);
    s.statuser = liste(q, "statuser", kStatuser);
    s.publisert_statuser = liste(q, "publisertStatuser", kPublisertStatuser);
    // Checked, then ignored, as in the original.
    if (auto it = q.find("publisertFristUtgatt"); it != q.end() && it->second != "true" && it->second != "false")
        throw bad_request("'publisertFristUtgatt' må være true eller false");
    s.kontorer = http::query_list(q, "kontorer");
    s.fylkesnumre = nummerliste(q, "fylkesnumre", 2);
    s.kommunenumre = nummerliste(q, "kommunenumre", 4);
    if (auto it = q.find("sortering"); it != q.end()) {
        const auto& v = it->second;
        if (v == "sist_oppdaterte") s.sortering = Sortering::sist_oppdaterte;
        else if (v == "nyeste") s.sortering = Sortering::nyeste;
        else if (v == "eldste") s.sortering = Sortering::eldste;
        else throw bad_request("ukjent verdi i 'sortering'");
    }
    s.side = heltall(q, "side", 1, 1, 1'000'000);
    s.antall_per_side = heltall(q, "antallPerSide", 20, 1, 100);
    return s;
}

boost::json::array aggregering(const Aggregering& a) {
    boost::json::array out;
    for (const auto& [verdi, antall] : a) out.push_back({{"verdi", verdi}, {"antall", antall}});
    return out;
}

// The citizen's fields, those every counsellor view has, and the search's own two.
boost::json::object treff_i_sok(const Treff& t, Instant naa) {
    auto o = json::treff_for_borger(t);
    json::legg_til_felles_for_veileder(o, t);
    auto ps = publisert_status_av(t, naa);
    o["publisertStatus"] = ps ? boost::json::value(boost::json::string(*ps)) : boost::json::value(nullptr);
    o["opprettetAv"] = t.opprettet_av;
    return o;
}

}  // namespace

void registrer_sok_api(http::Router& routes, const auth::Authenticator& auth, SokTjeneste& sok) {
    routes.add("GET", "/api/rekrutteringstreff/sok", [&](http::Request& r) {
        auto p = veileder(auth, r, alle_veilederroller);
        auto s = les_sok(r, p);
        auto naa = sok.naa();
        auto res = sok.sok(s, naa);
        boost::json::array treff;
        for (const auto& t : res.treff) treff.push_back(treff_i_sok(t, naa));
        return http::json(200, boost::json::object{
                                   {"treff", std::move(treff)},
                                   {"antallTotalt", res.antall_totalt},
                                   {"side", s.side},
                                   {"antallPerSide", s.antall_per_side},
                                   {"kategoriaggregering", aggregering(res.kategorier)},
                                   {"statusaggregering", aggregering(res.statuser)},
                                   {"publisertstatusaggregering", aggregering(res.publisert_statuser)},
                                   {"geografiaggregering",
                                    {{"fylkesnummeraggregering", aggregering(res.fylkesnumre)},
                                     {"kommunenummeraggregering", aggregering(res.kommunenumre)}}}});
    });
}

}  // namespace rt::treff
