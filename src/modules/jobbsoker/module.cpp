#include "modules/jobbsoker/module.hpp"

#include "core/bus.hpp"
#include "infra/config.hpp"
#include "infra/log.hpp"
#include "infra/pg/notifications.hpp"
#include "infra/scheduler.hpp"
#include "modules/jobbsoker/http_api.hpp"
#include "modules/jobbsoker/jobbsoker_pa_treff.hpp"
#include "modules/jobbsoker/minside_river.hpp"

namespace rt::jobbsoker {

Module::Module(ModuleContext& ctx, treff::Deltakere& treff)
    : jobbsokere_(ctx.db, ctx.clock),
      relay_(ctx.db, ctx.bus, ctx.rapid, ctx.metrics, ctx.clock),
      synlighet_(ctx.db),
      oppslag_(ctx.db) {
    treff.legg_til(jobbsokere_pa_treff());
    registrer_jobbsoker_api(ctx.routes, ctx.auth, jobbsokere_);
    registrer_borger_api(ctx.routes, ctx.auth, jobbsokere_);

    ctx.rapid.add_river(minside_svar_river(jobbsokere_));

    ctx.bus.subscribe<AktivitetskortFeilet>([this](const AktivitetskortFeilet& feil) {
        if (!jobbsokere_.registrer_aktivitetskort_feil(feil))
            log::warn("jobbsoker", "aktivitetskortfeil for en jobbsøker som ikke finnes; hoppet over",
                      {{"rekrutteringstreffId", feil.treff_id}, {"messageId", feil.message_id}});
    });

    ctx.scheduler.add({kRelayJob, ctx.config.hendelse_relay_intervall, [this] { relay_.kjor(); }});
    auto& scheduler = ctx.scheduler;
    ctx.notifications.on("hendelse_utboks", [&scheduler] { scheduler.wake(kRelayJob); });

    auto& db = ctx.db;
    ctx.metrics.gauge_callback("outbox_backlog", [&db] {
        return db.with([](pg::Connection& c) {
            auto r = c.exec(R"(SELECT count(*), coalesce(extract(epoch FROM now() - min(h.tidspunkt)), 0)
                               FROM hendelse_utboks u JOIN jobbsoker_hendelse h ON h.id = u.hendelse_id)");
            return Metrics::Samples{{{{"outbox", "jobbsoker_hendelse"}, {"measure", "count"}}, double(r.integer(0, 0))},
                                    {{{"outbox", "jobbsoker_hendelse"}, {"measure", "oldest_age_seconds"}},
                                     std::stod(r.str(0, 1))}};
        });
    });
}

}  // namespace rt::jobbsoker
