#include "modules/treff/module.hpp"

#include <algorithm>

#include "infra/config.hpp"
#include "infra/scheduler.hpp"
#include "modules/treff/http_api.hpp"

namespace rt::treff {

Module::Module(ModuleContext& ctx) : treff_(ctx.db, ctx.clock, deltakere_), eiere_(ctx.db, ctx.clock), sok_(ctx.db, ctx.clock, deltakere_),
      innlegg_(ctx.db, ctx.clock, treff_) {
    registrer_treff_api(ctx.routes, ctx.auth, treff_);
    registrer_eier_api(ctx.routes, ctx.auth, eiere_);
    registrer_sok_api(ctx.routes, ctx.auth, sok_);
    registrer_innlegg_api(ctx.routes, ctx.auth, innlegg_);
    // An interval set shorter than the first-run delay (tests, a busy day) applies from the start.
    ctx.scheduler.add({kAutoFullforJob, ctx.config.auto_fullfor_intervall, [this] { treff_.fullfor_avsluttede(); },
                       std::min<std::chrono::milliseconds>(kAutoFullforForsteKjoring, ctx.config.auto_fullfor_intervall)});
}

}  // namespace rt::treff
