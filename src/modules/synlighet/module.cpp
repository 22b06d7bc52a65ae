#include "modules/synlighet/module.hpp"

#include "infra/config.hpp"
#include "infra/rapid/rapid.hpp"
#include "infra/scheduler.hpp"
#include "modules/synlighet/behov_jobb.hpp"
#include "modules/synlighet/rivers.hpp"

namespace rt::synlighet {

Module::Module(ModuleContext& ctx, jobbsoker::SynlighetLager& lager) {
    ctx.rapid.add_river(hendelse_river(lager, ctx.clock, ctx.config.rapid_max_fremtid));
    ctx.rapid.add_river(behovssvar_river(lager, ctx.clock, ctx.config.rapid_max_fremtid));
    auto& rapid = ctx.rapid;
    ctx.scheduler.add({kBehovJob, ctx.config.synlighet_behov_intervall, [&lager, &rapid] { publiser_behov(lager, rapid); }});
}

}  // namespace rt::synlighet
