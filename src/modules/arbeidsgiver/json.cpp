#include "modules/arbeidsgiver/json.hpp"

#include "infra/http/json_body.hpp"
#include "modules/arbeidsgiver/kodeverk.hpp"

namespace rt::arbeidsgiver::json {
namespace {

boost::json::value tekst(const std::optional<std::string>& s) {
    if (!s) return nullptr;
    return boost::json::string(*s);
}

template <class C>
boost::json::array tekster(const C& c) {
    boost::json::array a;
    for (const auto& s : c) a.emplace_back(boost::json::string_view(s.data(), s.size()));
    return a;
}

}  // namespace

boost::json::object arbeidsgiver(const Arbeidsgiver& a) {
    return {{"arbeidsgiverTreffId", a.id},     {"organisasjonsnummer", a.orgnr}, {"navn", a.navn},
            {"status", a.status},              {"gateadresse", tekst(a.gateadresse)},
            {"postnummer", tekst(a.postnummer)}, {"poststed", tekst(a.poststed)}};
}

boost::json::array tagger(const std::vector<Tagg>& t) {
    boost::json::array a;
    for (const auto& x : t) {
        boost::json::value konsept = nullptr;
        if (x.konsept_id) konsept = *x.konsept_id;
        a.push_back(boost::json::object{{"label", x.label}, {"kategori", x.kategori}, {"konseptId", konsept}});
    }
    return a;
}

boost::json::object behov(const Behov& b) {
    return {{"samledeKvalifikasjoner", tagger(b.samlede_kvalifikasjoner)},
            {"arbeidssprak", tekster(b.arbeidssprak)},
            {"antall", b.antall},
            {"ansettelsesformer", tekster(b.ansettelsesformer)},
            {"personligeEgenskaper", tagger(b.personlige_egenskaper)}};
}

boost::json::object med_behov(const ArbeidsgiverMedBehov& a) {
    boost::json::value b = nullptr;
    if (a.behov) b = behov(*a.behov);
    return {{"arbeidsgiverTreffId", a.arbeidsgiver.id},
            {"organisasjonsnummer", a.arbeidsgiver.orgnr},
            {"navn", a.arbeidsgiver.navn},
            {"behov", std::move(b)}};
}

boost::json::object hendelse(const Hendelse& h) {
    return {{"id", h.id},
            {"tidspunkt", http::tid_json(h.tidspunkt)},
            {"hendelsestype", h.hendelsestype},
            {"opprettetAvAktørType", h.aktortype},
            {"aktøridentifikasjon", tekst(h.aktor)},
            {"orgnr", h.orgnr},
            {"orgnavn", h.orgnavn}};
}

boost::json::object metadata() {
    return {{"ansettelsesformer", tekster(kodeverk::ansettelsesformer())}, {"arbeidssprak", tekster(kodeverk::arbeidssprak())}};
}

}  // namespace rt::arbeidsgiver::json
