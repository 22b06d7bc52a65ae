#pragma once
// The aktivitetskort module: every invited job seeker's card in the activity plan.
#include <memory>

#include "core/module.hpp"
#include "modules/aktivitetskort/feil_mottak.hpp"
#include "modules/aktivitetskort/kort_relay.hpp"
#include "modules/aktivitetskort/kort_tjeneste.hpp"
#include "modules/jobbsoker/oppslag.hpp"

namespace rt::aktivitetskort {

inline constexpr const char* kRelayJob = "aktivitetskort-relay";

class Module {
public:
    Module(ModuleContext& ctx, const jobbsoker::JobbsokerOppslag& oppslag);
    // Only when Kafka is configured; in standalone mode the versions stay in the table.
    KortRelay* relay() { return relay_.get(); }

private:
    KortTjeneste kort_;
    FeilMottak feil_;
    std::unique_ptr<KortRelay> relay_;
};

}  // namespace rt::aktivitetskort
