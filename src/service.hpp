#pragma once
// The whole service in one object: infrastructure first, then the modules, then start.
// main() and the component tests both run the service through this.
#include <atomic>
#include <condition_variable>
#include <memory>
#include <mutex>

#include "core/bus.hpp"
#include "core/clock.hpp"
#include "infra/auth/authenticator.hpp"
#include "infra/config.hpp"
#include "infra/http/router.hpp"
#include "infra/http/server.hpp"
#include "infra/kafka/topics.hpp"
#include "infra/metrics.hpp"
#include "infra/pg/notifications.hpp"
#include "infra/pg/pool.hpp"
#include "infra/rapid/rapid.hpp"
#include "infra/scheduler.hpp"
#include "infra/ticker.hpp"
#include "modules/aktivitetskort/module.hpp"
#include "modules/arbeidsgiver/module.hpp"
#include "modules/jobbsoker/module.hpp"
#include "modules/synlighet/module.hpp"
#include "modules/treff/module.hpp"

namespace rt {

class Service {
public:
    explicit Service(Config config, std::shared_ptr<const Clock> clock = std::make_shared<SystemClock>());
    ~Service();
    Service(const Service&) = delete;
    Service& operator=(const Service&) = delete;

    // Starts HTTP (alive at once), migrates the database (retrying while it is unreachable),
    // then starts consumers and jobs. Throws pg::MigrationError if a migration was changed.
    void start();
    // Safe from any thread (the signal thread): makes start() give up waiting and wait_for_stop() return.
    void request_stop();
    void wait_for_stop();
    // Stops taking requests, finishes in-flight work, commits offsets, flushes producers.
    void stop();

    unsigned short http_port() const { return server_.port(); }
    const Config& config() const { return config_; }
    pg::Pool& db() { return pool_; }
    Metrics& metrics() { return metrics_; }
    Bus& bus() { return bus_; }
    Scheduler& scheduler() { return scheduler_; }
    rapid::Rapid& rapid() { return *rapid_; }
    treff::Module& treff() { return *treff_; }
    jobbsoker::Module& jobbsoker() { return *jobbsoker_; }
    aktivitetskort::Module& aktivitetskort() { return *aktivitetskort_; }
    kafka::Topics& topics() { return topics_; }
    const http::Router& router() const { return router_; }
    const http::Server& http_server() const { return server_; }
    // The step stop() is at ("http", "rapid", ...), for a log line when stopping takes too long.
    const char* stop_step() const { return stop_step_; }

private:
    void register_operational_routes();
    void migrate_when_reachable();
    bool database_answers();

    Config config_;
    std::shared_ptr<const Clock> clock_;
    Metrics metrics_;
    Readiness readiness_;
    Bus bus_;
    http::Router router_;
    pg::Pool pool_;
    Scheduler scheduler_;
    kafka::Topics topics_;
    std::unique_ptr<rapid::Rapid> rapid_;
    pg::Notifications notifications_;
    auth::Authenticator auth_;
    ModuleContext context_;
    // The meeting first: the modules with something on a meeting add themselves to its participants.
    std::unique_ptr<treff::Module> treff_;
    std::unique_ptr<jobbsoker::Module> jobbsoker_;
    std::unique_ptr<synlighet::Module> synlighet_;
    std::unique_ptr<aktivitetskort::Module> aktivitetskort_;
    std::unique_ptr<arbeidsgiver::Module> arbeidsgiver_;
    http::Server server_;
    std::unique_ptr<pg::Connection> health_connection_;  // used by readiness_ticker_ only
    Ticker readiness_ticker_;
    Ticker gauge_ticker_;
    std::atomic<const char*> stop_step_{"running"};

    std::mutex stop_mutex_;
    std::condition_variable stop_cv_;
    bool stop_requested_ = false;
    bool started_ = false;
};

}  // namespace rt
