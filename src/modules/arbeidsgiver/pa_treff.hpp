#pragma once
// The employers as a participant of the meeting's lifecycle (treff/deltaker.hpp): deleting a
// meeting removes its active employers in the same transaction (each with its event SLETTET),
// the meeting's JSON counts the employers not removed, and the meeting's merged event list
// (allehendelser) shows the employers' events with ressurs ARBEIDSGIVER, orgnr and name.
#include "modules/treff/deltaker.hpp"

namespace rt::arbeidsgiver {

treff::TreffDeltaker arbeidsgivere_pa_treff();

}  // namespace rt::arbeidsgiver
