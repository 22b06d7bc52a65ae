#pragma once
// The two ways visibility arrives on the rapid (../shared/spec/messages.md, "Visibility"). Both
// take the copies that carry `aktørId`: the engine publishes its events and answers only on them.
#include <chrono>

#include "core/clock.hpp"
#include "infra/rapid/river.hpp"
#include "modules/jobbsoker/synlighet_lager.hpp"

namespace rt::synlighet {

inline constexpr const char* kBehov = "synlighetRekrutteringstreff";

// The engine's event stream, in batches: newest per fnr, one statement per batch.
rapid::River hendelse_river(jobbsoker::SynlighetLager& lager, const Clock& clock, std::chrono::seconds max_fremtid);
// Answers to our need: the answer under the need's name as a top-level key.
rapid::River behovssvar_river(jobbsoker::SynlighetLager& lager, const Clock& clock, std::chrono::seconds max_fremtid);

}  // namespace rt::synlighet
