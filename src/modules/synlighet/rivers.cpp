#include "modules/synlighet/rivers.hpp"

#include "modules/synlighet/vurdering.hpp"

namespace rt::synlighet {

rapid::River hendelse_river(jobbsoker::SynlighetLager& lager, const Clock& clock, std::chrono::seconds max_fremtid) {
    rapid::River r;
    r.name = "synlighet-hendelse";
    r.precondition(rapid::require_key("synlighet.erSynlig"))
        .precondition(rapid::require_value("synlighet.ferdigBeregnet", true))
        .precondition(rapid::require_value("@slutt_av_hendelseskjede", true))
        .validate(rapid::require_key("fodselsnummer"))
        .validate(rapid::require_opprettet(clock, max_fremtid));
    r.on_batch = [&lager](const std::vector<const rapid::Message*>& ms, rapid::Context&) {
        std::vector<SynlighetVurdering> v;
        v.reserve(ms.size());
        for (const auto* m : ms) v.push_back(fra_hendelse(*m));
        lager.bruk_hendelser(siste_per_fnr(std::move(v)));
    };
    return r;
}

rapid::River behovssvar_river(jobbsoker::SynlighetLager& lager, const Clock& clock, std::chrono::seconds max_fremtid) {
    rapid::River r;
    r.name = "synlighet-behovssvar";
    r.precondition(rapid::require_key(kBehov))
        .validate(rapid::require_key("fodselsnummer"))
        .validate(rapid::require_opprettet(clock, max_fremtid));
    r.on_batch = [&lager](const std::vector<const rapid::Message*>& ms, rapid::Context&) {
        std::vector<SynlighetVurdering> v;
        v.reserve(ms.size());
        for (const auto* m : ms) v.push_back(fra_behovssvar(*m));
        lager.bruk_behovssvar(forste_per_fnr(std::move(v)));
    };
    return r;
}

}  // namespace rt::synlighet
