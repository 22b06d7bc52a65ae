#include "modules/treff/les.hpp"

#include <algorithm>
#include <fmt/format.h>

#include "core/errors.hpp"
#include "infra/http/json_body.hpp"
#include "modules/treff/html_sjekk.hpp"
#include "modules/treff/model.hpp"

namespace rt::treff {
namespace {

using http::tekstfelt;
using http::tidsfelt;

constexpr std::size_t kMaxTittel = 200, kMaxTittelUtf16 = 255, kMaxBeskrivelse = 10000, kMaxAdresse = 200;
constexpr std::size_t kMaxHtml = 50'000, kMaxTekst = 10'000;

// UTF-16 code units of valid UTF-8: a four-byte sequence (outside the BMP) is a surrogate pair.
std::size_t utf16_enheter(std::string_view s) {
    std::size_t n = 0;
    for (unsigned char c : s) {
        if ((c & 0xC0) == 0x80) continue;
        n += c >= 0xF0 ? 2 : 1;
    }
    return n;
}

// Exactly `n` digits, when present.
void krev_sifre(const std::optional<std::string>& v, std::string_view key, std::size_t n) {
    if (v && (v->size() != n || v->find_first_not_of("0123456789") != std::string::npos))
        throw bad_request(fmt::format("feltet '{}' må ha {} sifre", key, n));
}

std::string paakrevd(const boost::json::object& o, std::string_view key, std::size_t max) {
    auto v = http::tekstfelt(o, key, max, false);
    if (!v) throw bad_request(fmt::format("feltet '{}' mangler", key));
    return *v;
}

}  // namespace

// Non-empty, at most 200 characters and at most 255 UTF-16 code units: the activity card's
// limit, so that a title never breaks the card it ends up on.
std::optional<std::string> tittelfelt(const boost::json::object& o) {
    auto tittel = tekstfelt(o, "tittel", kMaxTittel, true);
    if (tittel && utf16_enheter(*tittel) > kMaxTittelUtf16)
        throw bad_request(fmt::format("feltet 'tittel' kan ha høyst {} UTF-16-tegn (et emoji teller to)", kMaxTittelUtf16));
    return tittel;
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

InnleggFelter les_innlegg(const http::Request& r) {
    auto body = http::parse_object_body(r);
    InnleggFelter f;
    f.tittel = paakrevd(body, "tittel", kMaxTekst);
    f.opprettet_av_person_navn = paakrevd(body, "opprettetAvPersonNavn", kMaxTekst);
    f.opprettet_av_person_beskrivelse = paakrevd(body, "opprettetAvPersonBeskrivelse", kMaxTekst);
    f.html_content = paakrevd(body, "htmlContent", kMaxHtml);
    f.sendes_til_jobbsoker_tidspunkt = http::tidsfelt(body, "sendesTilJobbsokerTidspunkt");
    if (auto feil = farlig_html(f.html_content)) throw bad_request("htmlContent: " + *feil);
    return f;
}

}  // namespace rt::treff
