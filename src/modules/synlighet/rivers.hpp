#pragma once
// The two ways visibility arrives on the rapid (../shared/spec/messages.md, "Visibility").
#include "infra/rapid/river.hpp"
#include "modules/jobbsoker/synlighet_lager.hpp"

namespace rt::synlighet {

inline constexpr const char* kBehov = "synlighetRekrutteringstreff";

// The engine's event stream, in batches: newest per fnr, one statement per batch.
rapid::River hendelse_river(jobbsoker::SynlighetLager& lager);
// Answers to our need: the answer as a top-level key (the spec's form) ...
rapid::River behovssvar_river(jobbsoker::SynlighetLager& lager);
// ... or, from engines that use the need pattern's @løsning object, under @løsning.
rapid::River losning_river(jobbsoker::SynlighetLager& lager);

}  // namespace rt::synlighet
