#include "modules/jobbsoker/oppslag.hpp"

#include "modules/jobbsoker/jobbsoker_repository.hpp"
#include "modules/jobbsoker/treff_repository.hpp"

namespace rt::jobbsoker {

std::optional<SynligJobbsoker> JobbsokerOppslag::synlig_jobbsoker(const std::string& treff_id,
                                                                  const std::string& person_treff_id) const {
    return db_.with([&](pg::Connection& c) -> std::optional<SynligJobbsoker> {
        if (!treff_repo::find(c, treff_id)) return std::nullopt;
        auto j = jobbsoker_repo::find(c, treff_id, person_treff_id);
        if (!j || !j->er_synlig) return std::nullopt;
        return SynligJobbsoker{j->id, j->treff_id, j->fodselsnummer};
    });
}

}  // namespace rt::jobbsoker
