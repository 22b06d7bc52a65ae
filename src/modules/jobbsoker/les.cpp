#include "modules/jobbsoker/les.hpp"

#include <algorithm>
#include <fmt/format.h>

#include "core/errors.hpp"
#include "core/ids.hpp"
#include "infra/http/json_body.hpp"
#include "modules/jobbsoker/fodselsnummer.hpp"
#include "modules/jobbsoker/model.hpp"

namespace rt::jobbsoker {
namespace {

using http::tekstfelt;

constexpr std::size_t kMaxNavn = 100, kMaxPerForesporsel = 10000;

}  // namespace

std::vector<jobbsoker_repo::NyJobbsoker> les_nye(const http::Request& r) {
    auto body = http::parse_body(r);
    const auto& liste = http::body_array(body);
    if (liste.size() > kMaxPerForesporsel) throw bad_request(fmt::format("høyst {} jobbsøkere per forespørsel", kMaxPerForesporsel));
    std::vector<jobbsoker_repo::NyJobbsoker> out;
    out.reserve(liste.size());
    for (std::size_t i = 0; i < liste.size(); ++i) {
        try {
            const auto& o = http::object_field(liste[i], "jobbsøkeren");
            auto fnr = http::optional_string(o, "fødselsnummer");
            if (!fnr) throw bad_request("feltet 'fødselsnummer' mangler");
            if (!gyldig_fodselsnummer(*fnr)) throw bad_request("ugyldig fødselsnummer");
            auto fornavn = tekstfelt(o, "fornavn", kMaxNavn, true);
            auto etternavn = tekstfelt(o, "etternavn", kMaxNavn, true);
            if (!fornavn) throw bad_request("feltet 'fornavn' mangler");
            if (!etternavn) throw bad_request("feltet 'etternavn' mangler");
            out.push_back({*fnr, *fornavn, *etternavn, tekstfelt(o, "lagtTilAvNavn", kMaxNavn * 2, false)});
        } catch (const Problem& p) {
            throw Problem(p.status, p.title, fmt::format("jobbsøker nr. {}: {}", i + 1, p.what()));
        }
    }
    return out;
}

jobbsoker_repo::Sok les_sok(const http::Request& r) {
    auto body = http::parse_object_body(r);
    jobbsoker_repo::Sok s;
    s.fritekst = tekstfelt(body, "fritekst", 200, false);
    if (auto st = http::optional_string_array(body, "status")) {
        for (const auto& x : *st) {
            if (std::find(std::begin(status::alle_synlige), std::end(status::alle_synlige), x) == std::end(status::alle_synlige))
                throw bad_request("ukjent status i filteret; gyldige er LAGT_TIL, INVITERT, SVART_JA og SVART_NEI");
            s.statuser.push_back(x);
        }
    }
    s.side = http::optional_int(body, "side").value_or(1);
    s.antall_per_side = http::optional_int(body, "antallPerSide").value_or(25);
    if (s.side < 1 || s.side > 1000000) throw bad_request("feltet 'side' må være 1 eller mer");
    if (s.antall_per_side < 1 || s.antall_per_side > 100) throw bad_request("feltet 'antallPerSide' må være mellom 1 og 100");
    return s;
}

std::vector<std::string> les_person_treff_ider(const http::Request& r) {
    auto body = http::parse_object_body(r);
    auto ider = http::optional_string_array(body, "personTreffIder");
    if (!ider) throw bad_request("feltet 'personTreffIder' mangler");
    if (ider->size() > kMaxPerForesporsel) throw bad_request(fmt::format("høyst {} per forespørsel", kMaxPerForesporsel));
    std::vector<std::string> out;
    for (const auto& id : *ider) {
        auto u = parse_uuid(id);
        if (!u) throw bad_request("personTreffIder må være UUID-er");
        out.push_back(*u);
    }
    return out;
}

std::optional<bool> les_svar(const http::Request& r) {
    auto body = http::parse_object_body(r);
    auto it = body.find("svar");
    if (it == body.end()) throw bad_request("feltet 'svar' mangler");
    if (it->value().is_null()) return std::nullopt;
    if (!it->value().is_bool()) throw bad_request("feltet 'svar' må være true, false eller null");
    return it->value().as_bool();
}

}  // namespace rt::jobbsoker
