#include "infra/scheduler.hpp"

#include "core/ids.hpp"
#include "infra/log.hpp"
#include "infra/metrics.hpp"
#include "infra/pg/connection.hpp"
#include "infra/pg/pool.hpp"

namespace rt {

Scheduler::Scheduler(pg::Pool& pool, Metrics& metrics) : pool_(pool), metrics_(metrics) {}

Scheduler::~Scheduler() { stop(); }

void Scheduler::add(JobSpec spec) {
    if (running_) throw std::logic_error("jobs are added before the scheduler starts");
    auto job = std::make_unique<Job>();
    job->spec = std::move(spec);
    auto name = job->spec.name;
    metrics_.describe("scheduler_job_running", "1 while this instance runs the job under its lock");
    metrics_.set("scheduler_job_running", {{"job", name}}, 0);
    jobs_.emplace(std::move(name), std::move(job));
}

void Scheduler::start() {
    if (running_.exchange(true)) return;
    for (auto& [name, job] : jobs_) job->thread = std::thread([this, j = job.get()] { loop(*j); });
}

void Scheduler::wake(const std::string& name) {
    auto it = jobs_.find(name);
    if (it == jobs_.end()) return;
    {
        std::lock_guard lock(it->second->mutex);
        it->second->woken = true;
    }
    it->second->cv.notify_one();
}

void Scheduler::request_stop() {
    running_ = false;
    for (auto& [name, job] : jobs_) {
        {
            std::lock_guard lock(job->mutex);
        }
        job->cv.notify_all();
    }
}

void Scheduler::stop() {
    request_stop();
    for (auto& [name, job] : jobs_)
        if (job->thread.joinable()) job->thread.join();
}

bool Scheduler::run_once(const std::string& name) {
    auto it = jobs_.find(name);
    if (it == jobs_.end()) throw std::logic_error("no job named " + name);
    return run_locked(*it->second);
}

void Scheduler::loop(Job& job) {
    auto wait = job.spec.first_run.value_or(job.spec.interval);
    while (running_) {
        {
            std::unique_lock lock(job.mutex);
            job.cv.wait_for(lock, wait, [&] { return job.woken || !running_; });
            wait = job.spec.interval;
            if (!running_) return;
            job.woken = false;
        }
        try {
            run_locked(job);
        } catch (const std::exception& e) {
            // run_locked only throws when the lock itself could not be taken (database down).
            metrics_.add("scheduler_runs_total", {{"job", job.spec.name}, {"result", "error"}});
            log::warn("scheduler", "fikk ikke tatt jobbens lås", {{"job", job.spec.name}, {"error", e.what()}});
        }
    }
}

bool Scheduler::run_locked(Job& job) {
    std::lock_guard run_guard(job.run_mutex);
    static const std::string prefix = "rekrutteringstreff.job.";
    const long long key = stable_key(prefix + job.spec.name);
    if (!job.lock_connection || !job.lock_connection->healthy())
        job.lock_connection = std::make_unique<pg::Connection>(pool_.open_connection());
    auto& c = *job.lock_connection;
    if (!c.query("SELECT pg_try_advisory_lock($1)", key).boolean(0, 0)) {
        metrics_.add("scheduler_runs_total", {{"job", job.spec.name}, {"result", "skipped"}});
        return false;
    }
    // Seen from outside, for checking that each job runs on one instance at a time: the gauge
    // while it runs, and at debug level each run's span in wall-clock time, which instances on
    // one host share (tests/shell/instances_test lays the spans of all instances side by side).
    metrics_.set("scheduler_job_running", {{"job", job.spec.name}}, 1);
    const auto wall_start = std::chrono::system_clock::now();
    auto started = std::chrono::steady_clock::now();
    auto failed = [&](const char* what) {
        metrics_.add("scheduler_runs_total", {{"job", job.spec.name}, {"result", "error"}});
        log::error("scheduler", "jobben feilet", {{"job", job.spec.name}, {"error", what}});
    };
    try {
        job.spec.run();
        metrics_.add("scheduler_runs_total", {{"job", job.spec.name}, {"result", "ok"}});
    } catch (const std::exception& e) {
        failed(e.what());
    } catch (...) {
        failed("ukjent unntak");
    }
    metrics_.observe("scheduler_run_duration_seconds", {{"job", job.spec.name}},
                     std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count());
    auto micros = [](std::chrono::system_clock::time_point t) {
        return std::chrono::duration_cast<std::chrono::microseconds>(t.time_since_epoch()).count();
    };
    log::debug("scheduler", "jobben kjørte",
               {{"job", job.spec.name}, {"start_us", micros(wall_start)}, {"slutt_us", micros(std::chrono::system_clock::now())}});
    metrics_.set("scheduler_job_running", {{"job", job.spec.name}}, 0);
    try {
        c.query("SELECT pg_advisory_unlock($1)", key);
    } catch (const std::exception&) {
        job.lock_connection.reset();  // closing the session is what frees the lock now
    }
    return true;
}

}  // namespace rt
