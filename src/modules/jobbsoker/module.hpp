#pragma once
// The jobbsøker module: job seekers on meetings and their events (../shared/spec/jobbsoker.md).
#include <chrono>

#include "core/module.hpp"
#include "modules/jobbsoker/jobbsoker_tjeneste.hpp"
#include "modules/jobbsoker/oppslag.hpp"
#include "modules/jobbsoker/relay.hpp"
#include "modules/jobbsoker/synlighet_lager.hpp"
#include "modules/treff/deltaker.hpp"

namespace rt::jobbsoker {

inline constexpr const char* kRelayJob = "hendelse-relay";

class Module {
public:
    // Adds the job seekers to the meeting's participants (treff/deltaker.hpp).
    Module(ModuleContext& ctx, treff::Deltakere& treff);

    // For the synlighet module.
    SynlighetLager& synlighet() { return synlighet_; }
    // For other modules' reads (the aktivitetskort endpoint).
    const JobbsokerOppslag& oppslag() const { return oppslag_; }

private:
    JobbsokerTjeneste jobbsokere_;
    HendelseRelay relay_;
    SynlighetLager synlighet_;
    JobbsokerOppslag oppslag_;
};

}  // namespace rt::jobbsoker
