#include "modules/arbeidsgiver/module.hpp"

#include "modules/arbeidsgiver/http_api.hpp"
#include "modules/arbeidsgiver/pa_treff.hpp"

namespace rt::arbeidsgiver {

Module::Module(ModuleContext& ctx, const jobbsoker::JobbsokerOppslag& oppslag, treff::Deltakere& deltakere)
    : tjeneste_(ctx.db, ctx.clock, oppslag) {
    deltakere.legg_til(arbeidsgivere_pa_treff());
    registrer_http(ctx.routes, ctx.auth, tjeneste_);
}

}  // namespace rt::arbeidsgiver
