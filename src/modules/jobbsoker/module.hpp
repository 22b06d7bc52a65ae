#pragma once
// The jobbsøker module: meetings, job seekers and their events (../shared/spec/jobbsoker.md).
#include <chrono>

#include "core/module.hpp"
#include "modules/jobbsoker/jobbsoker_tjeneste.hpp"
#include "modules/jobbsoker/oppslag.hpp"
#include "modules/jobbsoker/relay.hpp"
#include "modules/jobbsoker/synlighet_lager.hpp"
#include "modules/jobbsoker/treff_tjeneste.hpp"

namespace rt::jobbsoker {

inline constexpr const char* kRelayJob = "hendelse-relay";
// Completes published meetings whose tilTid has passed; first two minutes after start-up.
inline constexpr const char* kAutoFullforJob = "treff-auto-fullfor";
inline constexpr std::chrono::minutes kAutoFullforForsteKjoring{2};

class Module {
public:
    explicit Module(ModuleContext& ctx);

    // For the synlighet module.
    SynlighetLager& synlighet() { return synlighet_; }
    // For other modules' reads (the aktivitetskort endpoint).
    const JobbsokerOppslag& oppslag() const { return oppslag_; }
    // The meeting's lifecycle (tests drive the automatic completion through it).
    TreffTjeneste& treff() { return treff_; }

private:
    TreffTjeneste treff_;
    JobbsokerTjeneste jobbsokere_;
    HendelseRelay relay_;
    SynlighetLager synlighet_;
    JobbsokerOppslag oppslag_;
};

}  // namespace rt::jobbsoker
