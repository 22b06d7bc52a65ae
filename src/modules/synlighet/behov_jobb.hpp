#pragma once
#include <cstddef>

#include "infra/rapid/rapid.hpp"
#include "modules/jobbsoker/synlighet_lager.hpp"

namespace rt::synlighet {

// One run of the need scheduler: a need for every fnr not evaluated yet (re-asked every run
// until answered). Returns how many needs it published.
std::size_t publiser_behov(jobbsoker::SynlighetLager& lager, rapid::Rapid& rapid);

}  // namespace rt::synlighet
