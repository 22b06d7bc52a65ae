#pragma once
// The jobbsøker module: meetings, job seekers and their events (../shared/spec/jobbsoker.md).
#include "core/module.hpp"
#include "modules/jobbsoker/jobbsoker_tjeneste.hpp"
#include "modules/jobbsoker/oppslag.hpp"
#include "modules/jobbsoker/relay.hpp"
#include "modules/jobbsoker/synlighet_lager.hpp"
#include "modules/jobbsoker/treff_tjeneste.hpp"

namespace rt::jobbsoker {

inline constexpr const char* kRelayJob = "hendelse-relay";

class Module {
public:
    explicit Module(ModuleContext& ctx);

    // For the synlighet module.
    SynlighetLager& synlighet() { return synlighet_; }
    // For other modules' reads (the aktivitetskort endpoint).
    const JobbsokerOppslag& oppslag() const { return oppslag_; }

private:
    TreffTjeneste treff_;
    JobbsokerTjeneste jobbsokere_;
    HendelseRelay relay_;
    SynlighetLager synlighet_;
    JobbsokerOppslag oppslag_;
};

}  // namespace rt::jobbsoker
