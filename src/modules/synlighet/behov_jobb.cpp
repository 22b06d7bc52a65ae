#include "modules/synlighet/behov_jobb.hpp"

#include "core/ids.hpp"
#include "infra/log.hpp"
#include "modules/synlighet/rivers.hpp"

namespace rt::synlighet {

std::size_t publiser_behov(jobbsoker::SynlighetLager& lager, rapid::Rapid& rapid) {
    auto fnrs = lager.fnr_uten_vurdering();
    constexpr std::size_t kChunk = 1000;
    for (std::size_t i = 0; i < fnrs.size(); i += kChunk) {
        std::vector<std::pair<std::string, rapid::Message>> behov;
        for (std::size_t j = i; j < std::min(fnrs.size(), i + kChunk); ++j)
            behov.emplace_back(fnrs[j], rapid::Message(boost::json::object{{"@event_name", "behov"},
                                                                           {"@behovId", new_uuid()},
                                                                           {"@behov", boost::json::array{kBehov}},
                                                                           {"fodselsnummer", fnrs[j]}}));
        rapid.publish_all(std::move(behov));
    }
    if (!fnrs.empty()) log::info("synlighet", "behov for synlighet publisert", {{"antall", fnrs.size()}});
    return fnrs.size();
}

}  // namespace rt::synlighet
