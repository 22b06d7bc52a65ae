#include <catch2/catch.hpp>
#include <thread>

#include "core/ids.hpp"
#include "infra/metrics.hpp"
#include "infra/pg/pool.hpp"
#include "infra/scheduler.hpp"
#include "support/test_db.hpp"

using namespace rt;
using namespace std::chrono_literals;

namespace {
bool eventually(const std::function<bool()>& f, std::chrono::milliseconds within = 5s) {
    auto until = std::chrono::steady_clock::now() + within;
    while (std::chrono::steady_clock::now() < until) {
        if (f()) return true;
        std::this_thread::sleep_for(10ms);
    }
    return f();
}
}  // namespace

TEST_CASE("scheduler: the same job on two instances never runs on both at once") {
    test::TestDatabase db(false);
    pg::Pool pool_a(db.url(), 3), pool_b(db.url(), 3);
    Metrics metrics_a, metrics_b;
    std::atomic<int> running{0}, max_running{0}, runs_a{0}, runs_b{0};
    auto body = [&](std::atomic<int>& runs) {
        return [&] {
            int now = ++running;
            int seen = max_running.load();
            while (now > seen && !max_running.compare_exchange_weak(seen, now)) {
            }
            std::this_thread::sleep_for(30ms);
            --running;
            ++runs;
        };
    };
    Scheduler a(pool_a, metrics_a), b(pool_b, metrics_b);
    a.add({"relay", 5ms, body(runs_a)});
    b.add({"relay", 5ms, body(runs_b)});
    a.start();
    b.start();
    REQUIRE(eventually([&] { return runs_a + runs_b >= 20; }));
    a.stop();
    b.stop();
    REQUIRE(max_running == 1);
    REQUIRE(metrics_a.counter_value("scheduler_runs_total", {{"job", "relay"}, {"result", "skipped"}}) +
                metrics_b.counter_value("scheduler_runs_total", {{"job", "relay"}, {"result", "skipped"}}) >
            0);
}

TEST_CASE("scheduler: wake runs the job at once, and a run never overlaps the previous one") {
    test::TestDatabase db(false);
    pg::Pool pool(db.url(), 3);
    Metrics metrics;
    std::atomic<int> runs{0}, running{0}, overlaps{0};
    Scheduler s(pool, metrics);
    s.add({"sjelden", std::chrono::hours(1), [&] {
               if (++running > 1) ++overlaps;
               std::this_thread::sleep_for(50ms);
               --running;
               ++runs;
           }});
    s.start();
    std::this_thread::sleep_for(50ms);
    REQUIRE(runs == 0);  // the interval is an hour: nothing runs unless woken
    s.wake("sjelden");
    REQUIRE(eventually([&] { return runs == 1; }, 2s));
    for (int i = 0; i < 5; ++i) s.wake("sjelden");
    REQUIRE(eventually([&] { return runs >= 2; }, 2s));
    s.stop();
    REQUIRE(overlaps == 0);
}

TEST_CASE("scheduler: a job with a first run waits that long once, then its interval") {
    test::TestDatabase db(false);
    pg::Pool pool(db.url(), 3);
    Metrics metrics;
    std::atomic<int> runs{0};
    std::atomic<long long> first_ms{-1};
    Scheduler s(pool, metrics);
    auto start = std::chrono::steady_clock::now();
    s.add({"forsinket", std::chrono::hours(1),
           [&] {
               if (++runs == 1)
                   first_ms = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - start).count();
           },
           100ms});
    s.start();
    // An hour's interval, yet it runs: the first run came after the first-run delay.
    REQUIRE(eventually([&] { return runs == 1; }));
    REQUIRE(first_ms >= 100);
    // And the next one waits the interval, not the delay again.
    std::this_thread::sleep_for(400ms);
    s.stop();
    REQUIRE(runs == 1);
}

TEST_CASE("scheduler: a failing run is logged and counted, and the job goes on") {
    test::TestDatabase db(false);
    pg::Pool pool(db.url(), 3);
    Metrics metrics;
    std::atomic<int> runs{0};
    Scheduler s(pool, metrics);
    s.add({"feiler", 5ms, [&] {
               if (++runs <= 2) throw std::runtime_error("første gang går galt");
           }});
    s.start();
    REQUIRE(eventually([&] { return runs >= 4; }));
    s.stop();
    REQUIRE(metrics.counter_value("scheduler_runs_total", {{"job", "feiler"}, {"result", "error"}}) == 2);
    REQUIRE(metrics.counter_value("scheduler_runs_total", {{"job", "feiler"}, {"result", "ok"}}) >= 2);
}

TEST_CASE("scheduler: scheduler_job_running is 1 on the instance inside a run and 0 elsewhere") {
    test::TestDatabase db(false);
    pg::Pool pool_a(db.url(), 3), pool_b(db.url(), 3);
    Metrics metrics_a, metrics_b;
    std::atomic<bool> inside{false}, release{false};
    Scheduler a(pool_a, metrics_a), b(pool_b, metrics_b);
    a.add({"lang", std::chrono::hours(1), [&] {
               inside = true;
               while (!release) std::this_thread::sleep_for(5ms);
           }});
    b.add({"lang", std::chrono::hours(1), [] {}});
    auto running = [](Metrics& m) { return m.counter_value("scheduler_job_running", {{"job", "lang"}}); };
    REQUIRE(metrics_a.render().find("scheduler_job_running{job=\"lang\"} 0") != std::string::npos);
    std::thread t([&] { a.run_once("lang"); });
    REQUIRE(eventually([&] { return inside.load(); }));
    REQUIRE(running(metrics_a) == 1);
    REQUIRE_FALSE(b.run_once("lang"));  // a holds the lock: b skips and shows 0
    REQUIRE(running(metrics_b) == 0);
    release = true;
    t.join();
    REQUIRE(running(metrics_a) == 0);
}

TEST_CASE("scheduler: run_once skips when another instance holds the job's lock") {
    test::TestDatabase db(false);
    pg::Pool pool(db.url(), 3);
    Metrics metrics;
    int runs = 0;
    Scheduler s(pool, metrics);
    s.add({"manuell", std::chrono::hours(1), [&] { ++runs; }});
    REQUIRE(s.run_once("manuell"));
    auto other = db.connect();
    other.query("SELECT pg_advisory_lock($1)", stable_key("rekrutteringstreff.job.manuell"));
    REQUIRE_FALSE(s.run_once("manuell"));
    REQUIRE(runs == 1);
}
