#pragma once
// The module contract. A module is a struct whose constructor takes a ModuleContext and
// registers, there and only there, its HTTP routes, bus subscriptions, rapid rivers and
// scheduled jobs. The service constructs modules after the infrastructure and before it starts
// anything, so nothing is registered on a running system.
namespace rt {

class Bus;
class Clock;
struct Config;
class Metrics;
class Readiness;
class Scheduler;
namespace http { class Router; }
namespace pg { class Pool; class Notifications; }
namespace auth { class Authenticator; }
namespace rapid { class Rapid; }
namespace kafka { class Topics; }

struct ModuleContext {
    const Config& config;
    const Clock& clock;
    Bus& bus;
    http::Router& routes;
    rapid::Rapid& rapid;
    kafka::Topics& topics;  // other topics; disabled in standalone mode
    Scheduler& scheduler;
    pg::Pool& db;
    pg::Notifications& notifications;  // NOTIFY channel -> callback (wake a job)
    const auth::Authenticator& auth;
    Metrics& metrics;
    Readiness& readiness;
};

}  // namespace rt
