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
    return kafka::KafkaSettings{*c.kafka_brokers, c.kafka_tls, rapid::kAppName, {}};
}

std::unique_ptr<rapid::Rapid> make_rapid(const Config& c, kafka::Topics& topics, const Clock& clock, Metrics& metrics) {
    if (!topics.enabled())
        return std::make_unique<rapid::EmbeddedRapid>(c.instance_id, clock, topics.dead_letters(), metrics);
    kafka::ConsumerOptions options{c.kafka_rapid_topic, c.kafka_consumer_group_id, c.kafka_reset_policy};
    return std::make_unique<rapid::KafkaRapid>(topics, std::move(options), c.instance_id, clock, metrics);
}

}  // namespace

Service::Service(Config config, std::shared_ptr<const Clock> clock)
    : config_(std::move(config)),
      clock_(std::move(clock)),
      pool_(config_.database_url, config_.db_pool_size),
      scheduler_(pool_, metrics_),
      topics_(kafka_settings(config_), pool_, metrics_),
      rapid_(make_rapid(config_, topics_, *clock_, metrics_)),
      notifications_(config_.database_url),
      auth_(config_, *clock_),
      context_{config_, *clock_, bus_, router_, *rapid_, topics_, scheduler_, pool_, notifications_, auth_, metrics_, readiness_},
      jobbsoker_(std::make_unique<jobbsoker::Module>(context_)),
      synlighet_(std::make_unique<synlighet::Module>(context_, jobbsoker_->synlighet())),
      aktivitetskort_(std::make_unique<aktivitetskort::Module>(context_, jobbsoker_->oppslag())),
      server_(router_, metrics_,
              http::ServerOptions{"0.0.0.0", static_cast<unsigned short>(config_.http_port), config_.http_threads,
                                  config_.http_body_limit, config_.http_request_timeout}) {
    register_operational_routes();
    readiness_.set("migrations", false);
    readiness_.add_check("database", [this] { return pool_.ping(); });
    readiness_.add_check("rapid", [this] { return rapid_->healthy(); });
    if (topics_.enabled()) readiness_.add_check("kafka", [this] { return topics_.healthy(); });
    rapid::add_ping_pong(*rapid_, *clock_);
}

Service::~Service() { stop(); }

void Service::register_operational_routes() {
    router_.add("GET", "/isalive", [](http::Request&) { return http::text(200, "OK"); });
    router_.add("GET", "/isready", [this](http::Request&) {
        auto failing = readiness_.failing();
        if (failing.empty()) return http::text(200, "OK");
        std::string why = "NOT READY:";
        for (const auto& f : failing) why += " " + f;
        return http::text(503, why);
    });
    router_.add("GET", "/metrics", [this](http::Request&) {
        return http::text(200, metrics_.render(), "text/plain; version=0.0.4; charset=utf-8");
    });
    http::register_api_docs(router_);
    metrics_.describe("http_requests_total", "HTTP requests by route, method and status");
    metrics_.describe("http_request_duration_seconds", "HTTP request latency by route");
    metrics_.gauge_callback("db_pool_connections", [this] {
        return Metrics::Samples{{{{"state", "in_use"}}, double(pool_.in_use())},
                                {{{"state", "open"}}, double(pool_.open_connections())},
                                {{{"state", "max"}}, double(pool_.size())}};
    });
}

void Service::migrate_when_reachable() {
    auto backoff = std::chrono::milliseconds(200);
    while (true) {
        try {
            auto lease = pool_.acquire();
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
    readiness_.set("stopping", false);
    server_.stop(std::chrono::seconds(5));
    notifications_.stop();
    scheduler_.stop();
    rapid_->stop();
    topics_.stop();
    log::info("service", "tjenesten er stoppet");
}

}  // namespace rt
