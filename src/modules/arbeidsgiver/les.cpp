#include "modules/arbeidsgiver/les.hpp"

#include <fmt/format.h>

#include "core/errors.hpp"
#include "infra/http/json_body.hpp"
#include "modules/arbeidsgiver/kodeverk.hpp"

namespace rt::arbeidsgiver {
namespace {

std::size_t tegn(std::string_view s) {
    std::size_t n = 0;
    for (unsigned char c : s)
        if ((c & 0xC0) != 0x80) ++n;
    return n;
}

bool blank(std::string_view s) { return s.find_first_not_of(" \t\r\n") == std::string_view::npos; }

std::optional<std::string> tekst(const boost::json::object& o, std::string_view key, std::string_view felt) {
    auto v = http::optional_string(o, key);
    if (v && tegn(*v) > kMaxTekst) throw bad_request(fmt::format("feltet '{}' kan ha høyst {} tegn", felt, kMaxTekst));
    return v;
}

std::string ikke_blank(const boost::json::object& o, std::string_view key, std::string_view felt) {
    auto v = tekst(o, key, felt);
    if (!v) throw bad_request(fmt::format("feltet '{}' mangler", felt));
    if (blank(*v)) throw bad_request(fmt::format("feltet '{}' kan ikke være tomt", felt));
    return *v;
}

// Absent or null: nothing; otherwise an array.
const boost::json::array* liste(const boost::json::object& o, std::string_view key, std::string_view felt) {
    auto it = o.find(key);
    if (it == o.end() || it->value().is_null()) return nullptr;
    if (!it->value().is_array()) throw bad_request(fmt::format("feltet '{}' må være en liste", felt));
    return &it->value().as_array();
}

std::vector<std::string> tekstliste(const boost::json::object& o, std::string_view key, std::string_view felt) {
    const auto* a = liste(o, key, felt);
    if (!a) throw bad_request(fmt::format("feltet '{}' mangler", felt));
    std::vector<std::string> out;
    for (const auto& e : *a) {
        if (!e.is_string()) throw bad_request(fmt::format("feltet '{}' må være en liste av tekster", felt));
        out.emplace_back(e.as_string());
    }
    return out;
}

Tagg les_tagg(const boost::json::value& v, const std::string& felt) {
    const auto& o = http::object_field(v, fmt::format("hvert element i '{}'", felt));
    Tagg t;
    t.label = ikke_blank(o, "label", felt + ".label");
    t.kategori = ikke_blank(o, "kategori", felt + ".kategori");
    auto it = o.find("konseptId");
    if (it != o.end() && !it->value().is_null()) {
        const auto& k = it->value();
        long long id = 0;
        if (k.is_int64()) id = k.as_int64();
        else if (k.is_uint64() && k.as_uint64() <= static_cast<std::uint64_t>(INT64_MAX)) id = static_cast<long long>(k.as_uint64());
        else throw bad_request(fmt::format("feltet '{}.konseptId' må være et positivt heltall", felt));
        if (id <= 0) throw bad_request(fmt::format("feltet '{}.konseptId' må være et positivt heltall", felt));
        t.konsept_id = id;
    } else if (t.kategori != "FORERKORT") {
        // Only a driving licence class may lack its concept in the ontology.
        throw bad_request(fmt::format("feltet '{}.konseptId' mangler (bare kategori FORERKORT kan være uten)", felt));
    }
    return t;
}

std::vector<Tagg> les_tagger(const boost::json::object& o, std::string_view key, bool minst_en) {
    const auto* a = liste(o, key, key);
    if (!a) {
        if (minst_en) throw bad_request(fmt::format("feltet '{}' mangler", key));
        return {};
    }
    if (minst_en && a->empty()) throw bad_request(fmt::format("feltet '{}' må ha minst ett element", key));
    std::vector<Tagg> out;
    for (const auto& e : *a) out.push_back(les_tagg(e, std::string(key)));
    return out;
}

}  // namespace

NyArbeidsgiver les_arbeidsgiver(const boost::json::object& body) {
    NyArbeidsgiver a;
    auto orgnr = http::optional_string(body, "organisasjonsnummer");
    if (!orgnr) throw bad_request("feltet 'organisasjonsnummer' mangler");
    if (orgnr->size() != 9 || orgnr->find_first_not_of("0123456789") != std::string::npos)
        throw bad_request("feltet 'organisasjonsnummer' må være nøyaktig 9 sifre");
    a.orgnr = *orgnr;
    a.navn = ikke_blank(body, "navn", "navn");
    if (const auto* koder = liste(body, "næringskoder", "næringskoder")) {
        for (const auto& e : *koder) {
            const auto& o = http::object_field(e, "hvert element i 'næringskoder'");
            Naringskode k{tekst(o, "kode", "næringskoder.kode"), tekst(o, "beskrivelse", "næringskoder.beskrivelse")};
            // Codes without a value do not clash, as in the table's unique constraint.
            if (k.kode)
                for (const auto& f : a.naringskoder)
                    if (f.kode == k.kode) throw bad_request(fmt::format("næringskoden '{}' står der to ganger", *k.kode));
            a.naringskoder.push_back(std::move(k));
        }
    }
    a.gateadresse = tekst(body, "gateadresse", "gateadresse");
    a.postnummer = tekst(body, "postnummer", "postnummer");
    a.poststed = tekst(body, "poststed", "poststed");
    return a;
}

Behov les_behov(const boost::json::value& v, std::string_view felt) {
    const auto& o = http::object_field(v, felt);
    Behov b;
    b.samlede_kvalifikasjoner = les_tagger(o, "samledeKvalifikasjoner", true);
    b.personlige_egenskaper = les_tagger(o, "personligeEgenskaper", false);

    for (auto& s : tekstliste(o, "arbeidssprak", "arbeidssprak")) {
        if (s == kodeverk::annet) continue;  // the frontend may offer it; it is no language
        if (!kodeverk::er_arbeidssprak(s)) throw bad_request(fmt::format("ukjent arbeidsspråk '{}'", s));
        b.arbeidssprak.push_back(std::move(s));
    }
    if (b.arbeidssprak.empty()) throw bad_request("feltet 'arbeidssprak' må ha minst ett språk fra listen");

    auto it = o.find("antall");
    if (it == o.end() || it->value().is_null()) throw bad_request("feltet 'antall' mangler");
    const auto& antall = it->value();
    if (!antall.is_int64() || antall.as_int64() < 1 || antall.as_int64() > 99)
        throw bad_request("feltet 'antall' må være et heltall fra 1 til 99");
    b.antall = static_cast<int>(antall.as_int64());

    b.ansettelsesformer = tekstliste(o, "ansettelsesformer", "ansettelsesformer");
    if (b.ansettelsesformer.empty()) throw bad_request("feltet 'ansettelsesformer' må ha minst én verdi");
    for (const auto& f : b.ansettelsesformer)
        if (!kodeverk::er_ansettelsesform(f)) throw bad_request(fmt::format("ukjent ansettelsesform '{}'", f));
    return b;
}

}  // namespace rt::arbeidsgiver
