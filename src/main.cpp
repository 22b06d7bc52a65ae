// rekrutteringstreff: read the configuration, build the service, run until SIGTERM/SIGINT.
#include <csignal>
#include <cstdio>
#include <atomic>
#include <chrono>
#include <cstdlib>
#include <mutex>
#include <pthread.h>
#include <string>
#include <thread>

#include "infra/config.hpp"
#include "infra/log.hpp"
#include "infra/pg/migrations.hpp"
#include "service.hpp"

int main() {
    // Every thread inherits the blocked signals; only the signal thread below receives them.
    sigset_t signals;
    sigemptyset(&signals);
    sigaddset(&signals, SIGTERM);
    sigaddset(&signals, SIGINT);
    pthread_sigmask(SIG_BLOCK, &signals, nullptr);
    std::signal(SIGPIPE, SIG_IGN);

    rt::Config config;
    try {
        config = rt::config_from_environment();
        rt::log::set_level(rt::log::parse_level(config.log_level));
        if (!config.secure_log_path.empty()) rt::log::open_secure(config.secure_log_path);
        if (!config.audit_log_path.empty()) rt::log::open_audit(config.audit_log_path);
    } catch (const std::exception& e) {
        rt::log::error("main", "ugyldig konfigurasjon", {{"error", e.what()}});
        return 2;
    }

    // The signal thread lives longer than the service, so that its deadline also covers the
    // service's destruction (the Kafka handles' teardown can wait on a broker that is down).
    std::mutex mutex;
    rt::Service* running = nullptr;  // under mutex
    bool signalled = false;          // under mutex
    std::atomic<bool> done{false};
    std::thread signal_thread([&] {
        int sig = 0;
        sigwait(&signals, &sig);
        if (done) return;
        rt::log::info("main", "signal mottatt, stopper", {{"signal", sig}});
        {
            std::lock_guard lock(mutex);
            signalled = true;
            if (running) running->request_stop();
        }
        // The platform kills the process 10 s after SIGTERM. Whatever hangs (a broker or a
        // database that does not answer), end before that: the work not yet sent is still
        // in the outbox tables for the next start, and unhandled messages are not committed.
        for (int i = 0; i < 90 && !done; ++i) std::this_thread::sleep_for(std::chrono::milliseconds(100));
        if (done) return;
        std::string steg = "nedbygging";
        {
            std::lock_guard lock(mutex);
            if (running) steg = running->stop_step();
        }
        rt::log::error("main", "stoppet ikke innen 9 s; avslutter likevel", {{"steg", steg}});
        std::fflush(nullptr);
        std::_Exit(0);
    });
    // Whatever way we leave, the signal thread is woken and joined after the service is gone.
    struct JoinSignalThread {
        std::thread& t;
        std::atomic<bool>& done;
        ~JoinSignalThread() {
            done = true;
            pthread_kill(t.native_handle(), SIGTERM);
            t.join();
        }
    } join_signal_thread{signal_thread, done};

    try {
        rt::Service service(config);
        struct Running {  // the signal thread may reach the service from here until its destructor
            std::mutex& mutex;
            rt::Service*& running;
            ~Running() {
                std::lock_guard lock(mutex);
                running = nullptr;
            }
        } registered{mutex, running};
        {
            std::lock_guard lock(mutex);
            running = &service;
            if (signalled) service.request_stop();  // a signal during construction
        }
        service.start();
        service.wait_for_stop();
        service.stop();
    } catch (const rt::pg::MigrationError& e) {
        rt::log::error("main", "nekter å starte: migreringene stemmer ikke med databasen", {{"error", e.what()}});
        return 1;
    } catch (const std::exception& e) {
        rt::log::error("main", "tjenesten stoppet med en feil", {{"error", e.what()}});
        return 1;
    }
    return 0;
}
