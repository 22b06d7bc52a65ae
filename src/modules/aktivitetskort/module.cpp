#include "modules/aktivitetskort/module.hpp"

#include "core/bus.hpp"
#include "infra/config.hpp"
#include "infra/kafka/topics.hpp"
#include "infra/pg/notifications.hpp"
#include "infra/scheduler.hpp"
#include "modules/aktivitetskort/http_api.hpp"

namespace rt::aktivitetskort {

Module::Module(ModuleContext& ctx, const jobbsoker::JobbsokerOppslag& oppslag)
    : kort_(ctx.db, ctx.clock, ctx.config.min_side_url), feil_(ctx.db, ctx.bus, ctx.clock) {
    ctx.bus.subscribe<jobbsoker::HendelserVidereformidlet>(
        [this](const jobbsoker::HendelserVidereformidlet& e) { kort_.behandle(e); });
    registrer_http(ctx.routes, ctx.auth, oppslag, ctx.db);

    auto& db = ctx.db;
    ctx.metrics.gauge_callback("outbox_backlog", [&db] {
        return db.with([](pg::Connection& c) {
            auto r = c.exec(R"(SELECT count(*), coalesce(extract(epoch FROM now() - min(endret_tidspunkt)), 0)
                               FROM aktivitetskort_versjon WHERE sendt_tidspunkt IS NULL)");
            return Metrics::Samples{{{{"outbox", "aktivitetskort"}, {"measure", "count"}}, double(r.integer(0, 0))},
                                    {{{"outbox", "aktivitetskort"}, {"measure", "oldest_age_seconds"}}, std::stod(r.str(0, 1))}};
        });
    });

    if (!ctx.topics.enabled()) return;
    relay_ = std::make_unique<KortRelay>(ctx.db, ctx.topics.producer(), ctx.config.aktivitetskort_topic, ctx.metrics, ctx.clock);
    ctx.scheduler.add({kRelayJob, ctx.config.aktivitetskort_relay_intervall, [this] { relay_->kjor(); }});
    auto& scheduler = ctx.scheduler;
    ctx.notifications.on("aktivitetskort_utboks", [&scheduler] { scheduler.wake(kRelayJob); });
    // A group of its own, from the beginning: every error about our messages matters.
    ctx.topics.consume({ctx.config.aktivitetskort_feil_topic, ctx.config.kafka_consumer_group_id + "-aktivitetskort-feil", "earliest"},
                       "aktivitetskort-feil", [this](const kafka::Record& r) { feil_.behandle(r); });
}

}  // namespace rt::aktivitetskort
