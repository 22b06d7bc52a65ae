#pragma once
// A PostgreSQL and a Kafka broker of the outage tests' own, which they may stop and start: the
// shared dev servers must never go away under other tests. scripts/dev-postgres and
// scripts/dev-kafka run them from directories under the build tree (RT_OUTAGE_DIR) on ports
// picked once and remembered there, so a later run finds them again.
#include <chrono>
#include <string>

namespace rt::test {

class PrivatePostgres {
public:
    // Starts the server unless it runs, and points this process's tests at it
    // (RT_TEST_PG_ADMIN_URL, read by TestDatabase).
    PrivatePostgres();
    void start();
    void stop();  // pg_ctl stop -m fast
    std::string admin_url() const;

private:
    std::string run(const std::string& command) const;
    unsigned short port_ = 0;
};

class PrivateKafka {
public:
    // Starts the broker unless it runs, and points this process's tests at it
    // (RT_TEST_KAFKA_BROKERS, read by kafka_test_support).
    PrivateKafka();
    void start();
    void stop();  // SIGTERM: a controlled shutdown
    std::string brokers() const;

private:
    std::string run(const std::string& command) const;
    unsigned short port_ = 0, controller_port_ = 0;
};

// Seconds since `since`, for the figures.
double seconds_since(std::chrono::steady_clock::time_point since);
// How long a server stays stopped: OUTAGE_SECONDS, 20 by default (the figure).
std::chrono::seconds outage_length();

}  // namespace rt::test
