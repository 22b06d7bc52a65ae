#include "modules/synlighet/rivers.hpp"

#include <fmt/format.h>

#include "modules/synlighet/vurdering.hpp"

namespace rt::synlighet {
namespace {

rapid::River behov_river(jobbsoker::SynlighetLager& lager, std::string name, std::string answer_path) {
    rapid::River r;
    r.name = std::move(name);
    r.precondition(rapid::require_key(answer_path))
        .validate(rapid::require_key("fodselsnummer"))
        .validate(rapid::require_key("@opprettet"));
    if (answer_path != kBehov) r.precondition(rapid::forbid_key(kBehov));  // the top-level form wins
    r.on_batch = [&lager, answer_path](const std::vector<const rapid::Message*>& ms, rapid::Context&) {
        std::vector<SynlighetVurdering> v;
        v.reserve(ms.size());
        for (const auto* m : ms) v.push_back(fra_behovssvar(*m, answer_path));
        lager.bruk_behovssvar(forste_per_fnr(std::move(v)));
    };
    return r;
}

}  // namespace

rapid::River hendelse_river(jobbsoker::SynlighetLager& lager) {
    rapid::River r;
    r.name = "synlighet-hendelse";
    r.precondition(rapid::require_key("synlighet.erSynlig"))
        .precondition(rapid::require_value("synlighet.ferdigBeregnet", true))
        .precondition(rapid::require_value("@slutt_av_hendelseskjede", true))
        .validate(rapid::require_key("fodselsnummer"))
        .validate(rapid::require_key("@opprettet"));
    r.on_batch = [&lager](const std::vector<const rapid::Message*>& ms, rapid::Context&) {
        std::vector<SynlighetVurdering> v;
        v.reserve(ms.size());
        for (const auto* m : ms) v.push_back(fra_hendelse(*m));
        lager.bruk_hendelser(siste_per_fnr(std::move(v)));
    };
    return r;
}

rapid::River behovssvar_river(jobbsoker::SynlighetLager& lager) { return behov_river(lager, "synlighet-behovssvar", kBehov); }

rapid::River losning_river(jobbsoker::SynlighetLager& lager) {
    return behov_river(lager, "synlighet-losning", fmt::format("@løsning.{}", kBehov));
}

}  // namespace rt::synlighet
