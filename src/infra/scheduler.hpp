#pragma once
// Scheduled jobs: each runs on its own thread, every `interval` or at once when woken. A run
// never overlaps the previous one, and it happens only on the instance that holds the job's
// PostgreSQL advisory lock; another instance skips that turn. Errors are logged and counted and
// the job goes on.
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>

namespace rt {
class Metrics;
namespace pg { class Pool; class Connection; }

struct JobSpec {
    std::string name;
    std::chrono::milliseconds interval;
    std::function<void()> run;
    // The first run this long after start instead of one interval after it.
    std::optional<std::chrono::milliseconds> first_run = std::nullopt;
};

class Scheduler {
public:
    Scheduler(pg::Pool& pool, Metrics& metrics);
    ~Scheduler();
    Scheduler(const Scheduler&) = delete;
    Scheduler& operator=(const Scheduler&) = delete;

    void add(JobSpec spec);
    void start();
    // Asks for a run as soon as possible; a wake during a run gives one more run after it.
    void wake(const std::string& name);
    // No new runs from now on; the runs under way go on (stop() waits for them).
    void request_stop();
    // Lets running jobs finish, then stops.
    void stop();

    // One run now, in the caller's thread, under the job's lock; false if another holder had it.
    bool run_once(const std::string& name);

private:
    struct Job {
        JobSpec spec;
        std::mutex mutex;
        std::condition_variable cv;
        bool woken = false;
        std::mutex run_mutex;  // keeps run_once and the job's thread from overlapping
        // Holds the job's advisory lock; its own connection, so that a running job never takes
        // one from the pool it needs for its work, and a lock never stays behind in the pool.
        std::unique_ptr<pg::Connection> lock_connection;
        std::thread thread;
    };
    void loop(Job& job);
    bool run_locked(Job& job);

    pg::Pool& pool_;
    Metrics& metrics_;
    std::map<std::string, std::unique_ptr<Job>, std::less<>> jobs_;
    std::atomic<bool> running_{false};
};

}  // namespace rt
