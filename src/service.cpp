#include "service.hpp"

#include <thread>

#include "infra/http/api_docs.hpp"
#include "infra/log.hpp"
#include "infra/pg/migrations.hpp"
#include "infra/rapid/embedded_rapid.hpp"
#include "infra/rapid/kafka_rapid.hpp"
#include "infra/rapid/ping_pong.hpp"

namespace rt {
namespace {

std::optional<kafka::KafkaSettings> kafka_settings(const Config& c) {
    if (!c.kafka_brokers) return std::nullopt;
    kafka::KafkaSettings s{*c.kafka_brokers, c.kafka_tls, rapid::kAppName, {}};
    s.session_timeout_ms = static_cast<int>(c.kafka_session_timeout.count());
    s.heartbeat_interval_ms = static_cast<int>(c.kafka_heartbeat_interval.count());
    return s;
}

std::unique_ptr<rapid::Rapid> make_rapid(const Config& c, kafka::Topics& topics, const Clock& clock, Metrics& metrics) {
    if (!topics.enabled())
        return std::make_unique<rapid::EmbeddedRapid>(rapid::deltaker_fra(c), clock, topics.dead_letters(), metrics);
    kafka::ConsumerOptions options{c.kafka_rapid_topic, c.kafka_consumer_group_id, c.kafka_reset_policy};
    return std::make_unique<rapid::KafkaRapid>(topics, std::move(options), rapid::deltaker_fra(c), clock, metrics);
}

pg::SessionSettings session_settings(const Config& c) {
    pg::SessionSettings s;
    s.statement_timeout_ms = static_cast<int>(c.db_statement_timeout.count());
    s.lock_timeout_ms = static_cast<int>(c.db_lock_timeout.count());
    return s;
}

http::ServerOptions server_options(const Config& c) {
    http::ServerOptions o;
    o.port = static_cast<unsigned short>(c.http_port);
    o.threads = c.http_threads;
    o.body_limit = c.http_body_limit;
    o.request_timeout = c.http_request_timeout;
    // One worker per database connection: a handler never waits for a connection that another
    // worker holds, and the acquire timeout bounds the wait when background jobs hold some.
    o.workers = c.db_pool_size;
    o.max_connections = c.http_max_connections;
    o.header_timeout = c.http_header_timeout;
    o.body_budget = c.http_body_budget;
    o.response_budget = c.http_response_budget;
    o.queue_timeout = std::max(c.db_acquire_timeout, std::chrono::milliseconds(100));
    return o;
}

}  // namespace

Service::Service(Config config, std::shared_ptr<const Clock> clock)
    : config_(std::move(config)),
      clock_(std::move(clock)),
      pool_(config_.database_url, config_.db_pool_size, config_.db_acquire_timeout, session_settings(config_)),
      scheduler_(pool_, metrics_),
      topics_(kafka_settings(config_), pool_, metrics_),
      rapid_(make_rapid(config_, topics_, *clock_, metrics_)),
      notifications_(config_.database_url),
      auth_(config_, *clock_),
      context_{config_, *clock_, bus_, router_, *rapid_, topics_, scheduler_, pool_, notifications_, auth_, metrics_, readiness_},
      treff_(std::make_unique<treff::Module>(context_)),
      jobbsoker_(std::make_unique<jobbsoker::Module>(context_, treff_->deltakere())),
      synlighet_(std::make_unique<synlighet::Module>(context_, jobbsoker_->synlighet())),
      aktivitetskort_(std::make_unique<aktivitetskort::Module>(context_, jobbsoker_->oppslag())),
      arbeidsgiver_(std::make_unique<arbeidsgiver::Module>(context_, jobbsoker_->oppslag(), treff_->deltakere())),
      server_(router_, metrics_, server_options(config_)),
      readiness_ticker_(std::chrono::milliseconds(500), [this] { readiness_.refresh(); }),
      gauge_ticker_(std::chrono::seconds(2), [this] { metrics_.refresh_gauges(); }) {
    register_operational_routes();
    router_.require_token([this](const http::Request& r, std::chrono::milliseconds key_wait) { auth_.authenticate(r, key_wait); });
    readiness_.set("migrations", false);
    readiness_.add_check("database", [this] { return database_answers(); });
    readiness_.add_check("rapid", [this] { return rapid_->healthy(); });
    if (topics_.enabled()) readiness_.add_check("kafka", [this] { return topics_.healthy(); });
    rapid::add_ping_pong(*rapid_, *clock_, config_.rapid_max_fremtid);
}

Service::~Service() { stop(); }

void Service::register_operational_routes() {
    // Answered on the I/O threads from memory: they keep answering whatever the workers, the
    // database or the broker do.
    router_.add_public("GET", "/isalive", [](http::Request&) { return http::text(200, "OK"); }, http::Runs::io);
    router_.add_public("GET", "/isready", [this](http::Request&) {
        auto failing = readiness_.failing();
        if (failing.empty()) return http::text(200, "OK");
        std::string why = "NOT READY:";
        for (const auto& f : failing) why += " " + f;
        return http::text(503, why);
    }, http::Runs::io);
    router_.add_public("GET", "/metrics", [this](http::Request&) {
        return http::text(200, metrics_.render_recent(std::chrono::seconds(1)), "text/plain; version=0.0.4; charset=utf-8");
    }, http::Runs::io);
    http::register_api_docs(router_);
    metrics_.gauge_callback("db_pool_connections", [this] {
        return Metrics::Samples{{{{"state", "in_use"}}, double(pool_.in_use())},
                                {{{"state", "open"}}, double(pool_.open_connections())},
                                {{{"state", "max"}}, double(pool_.size())}};
    });
    metrics_.describe("db_transaksjonskonflikter", "Transactions that lost a deadlock or serialization race since start");
    metrics_.gauge_callback("db_transaksjonskonflikter", [this] {
        auto k = pool_.conflicts();
        return Metrics::Samples{{{{"sqlstate", "40P01"}}, double(k.deadlocks)},
                                {{{"sqlstate", "40001"}}, double(k.serialization_failures)}};
    });
}

bool Service::database_answers() {
    // Its own connection, so that a full pool is not taken for a database that is away; the
    // ping gives up after a second whatever the network does.
    try {
        if (!health_connection_ || !health_connection_->healthy())
            health_connection_ = std::make_unique<pg::Connection>(pool_.open_connection());
        if (health_connection_->ping(std::chrono::seconds(1))) return true;
    } catch (const std::exception&) {
    }
    health_connection_.reset();
    return false;
}

void Service::migrate_when_reachable() {
    auto backoff = std::chrono::milliseconds(200);
    while (true) {
        try {
            auto lease = pool_.acquire();
            // A migration may run longer than any request may; this session is closed afterwards.
            lease.discard();
            lease->without_statement_timeout();
            pg::migrate(*lease, pg::embedded_migrations());
            readiness_.set("migrations", true);
            return;
        } catch (const TransientError& e) {
            log::warn("service", "databasen svarer ikke ennå; prøver igjen", {{"error", e.what()}});
        }
        std::unique_lock lock(stop_mutex_);
        if (stop_cv_.wait_for(lock, backoff, [this] { return stop_requested_; })) return;
        backoff = std::min(backoff * 2, std::chrono::milliseconds(5000));
    }
}

void Service::start() {
    auth_.prefetch_keys();
    readiness_ticker_.start();
    gauge_ticker_.start();
    server_.start();
    started_ = true;
    log::info("service", "HTTP-serveren lytter", {{"port", server_.port()}});
    migrate_when_reachable();
    {
        std::lock_guard lock(stop_mutex_);
        if (stop_requested_) return;
    }
    rapid_->start();
    topics_.start();
    notifications_.start();
    scheduler_.start();
    readiness_.refresh();  // ready at once rather than at the next background check
    log::info("service", "tjenesten er startet", {{"port", server_.port()}});
}

void Service::request_stop() {
    {
        std::lock_guard lock(stop_mutex_);
        stop_requested_ = true;
    }
    stop_cv_.notify_all();
}

void Service::wait_for_stop() {
    std::unique_lock lock(stop_mutex_);
    stop_cv_.wait(lock, [this] { return stop_requested_; });
}

void Service::stop() {
    if (!started_) return;
    started_ = false;
    request_stop();
    rapid_->varsle_stopp();
    readiness_.set("stopping", false);
    // The platform allows 10 s from SIGTERM; main() ends the process at 9 s whatever hangs.
    stop_step_ = "http";
    server_.stop(std::chrono::seconds(3));
    stop_step_ = "notifications";
    notifications_.stop();
    // A relay waiting for the broker's acknowledgement would hold the scheduler's stop for up to
    // the delivery timeout: no new runs, then what is not acknowledged soon is dropped (its rows
    // stay in the outbox), then the runs under way end.
    scheduler_.request_stop();
    stop_step_ = "kafka-produsent";
    topics_.stop_sending(std::chrono::seconds(2));
    stop_step_ = "scheduler";
    scheduler_.stop();
    stop_step_ = "rapid";
    rapid_->stop();
    stop_step_ = "topics";
    topics_.stop();
    stop_step_ = "health";
    readiness_ticker_.stop();
    gauge_ticker_.stop();
    stop_step_ = "done";
    log::info("service", "tjenesten er stoppet");
}

}  // namespace rt
