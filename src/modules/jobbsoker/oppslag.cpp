#include "modules/jobbsoker/oppslag.hpp"

#include "modules/jobbsoker/jobbsoker_repository.hpp"
#include "modules/treff/oppslag.hpp"

namespace rt::jobbsoker {

std::optional<SynligJobbsoker> JobbsokerOppslag::synlig_jobbsoker(const std::string& treff_id,
                                                                  const std::string& person_treff_id) const {
    return db_.with([&](pg::Connection& c) -> std::optional<SynligJobbsoker> {
        if (!treff::finn(c, treff_id)) return std::nullopt;
        auto j = jobbsoker_repo::find(c, treff_id, person_treff_id);
        if (!j || !j->er_synlig) return std::nullopt;
        return SynligJobbsoker{j->id, j->treff_id, j->fodselsnummer};
    });
}

std::optional<std::vector<std::string>> JobbsokerOppslag::eiere(const std::string& treff_id) const {
    return db_.with([&](pg::Connection& c) -> std::optional<std::vector<std::string>> {
        auto t = treff::finn(c, treff_id);
        if (!t) return std::nullopt;
        return t->eiere;
    });
}

bool JobbsokerOppslag::er_invitert(const std::string& treff_id, const std::string& fnr) const {
    return db_.with([&](pg::Connection& c) {
        auto j = jobbsoker_repo::find_by_fnr(c, treff_id, fnr);
        return j && j->er_synlig && status::er_invitert(j->status);
    });
}

}  // namespace rt::jobbsoker
