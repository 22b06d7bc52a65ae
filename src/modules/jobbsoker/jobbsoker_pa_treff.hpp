#pragma once
// The job seekers as a participant of the meeting's lifecycle (treff/deltaker.hpp): what they
// forbid (unpublishing once someone is invited, deleting while anyone is on the meeting), the
// events a cancellation, a completion or a change after publishing writes for each of them
// ("Effects on job seekers" in ../shared/spec/jobbsoker.md), their counts in the meeting's JSON
// their events in the meeting's merged event list, and whether a citizen is invited.
#include "modules/treff/deltaker.hpp"

namespace rt::jobbsoker {

treff::TreffDeltaker jobbsokere_pa_treff();

}  // namespace rt::jobbsoker
