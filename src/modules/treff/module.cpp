#include "modules/treff/module.hpp"

#include "infra/config.hpp"
#include "infra/scheduler.hpp"
#include "modules/treff/http_api.hpp"

namespace rt::treff {

Module::Module(ModuleContext& ctx) : treff_(ctx.db, ctx.clock, deltakere_) {
    registrer_treff_api(ctx.routes, ctx.auth, treff_);
    ctx.scheduler.add({kAutoFullforJob, ctx.config.auto_fullfor_intervall, [this] { treff_.fullfor_avsluttede(); },
                       kAutoFullforForsteKjoring});
}

}  // namespace rt::treff
