#pragma once
// Visibility messages from the engine, read into verdicts, and the batch rule that keeps batch
// processing equal to one-by-one processing in offset order.
#include <vector>

#include "infra/rapid/message.hpp"
#include "modules/jobbsoker/synlighet_lager.hpp"

namespace rt::synlighet {

using jobbsoker::SynlighetVurdering;

// An event-stream message (the river already checked synlighet.erSynlig and ferdigBeregnet).
// Throws PermanentError when fodselsnummer, @opprettet or erSynlig is unusable.
SynlighetVurdering fra_hendelse(const rapid::Message& m);
// A need answer (the object under synlighetRekrutteringstreff). Not finished, or erSynlig
// missing: invisible (fail-safe). Throws PermanentError for an unusable message.
SynlighetVurdering fra_behovssvar(const rapid::Message& m);

// Events for one fnr, one by one: the first applies if the row allows it, later ones only when
// strictly newer. So the result equals applying the first event with the latest time.
std::vector<SynlighetVurdering> siste_per_fnr(std::vector<SynlighetVurdering> i_rekkefolge);
// Need answers for one fnr, one by one: only the first can apply (it sets the time).
std::vector<SynlighetVurdering> forste_per_fnr(std::vector<SynlighetVurdering> i_rekkefolge);

}  // namespace rt::synlighet
