#include "infra/pg/pool.hpp"

#include <fmt/format.h>

#include <random>
#include <thread>

namespace rt::pg {

Pool::Pool(std::string conninfo, int size, std::chrono::milliseconds acquire_timeout, SessionSettings settings)
    : conninfo_(std::move(conninfo)), size_(size), acquire_timeout_(acquire_timeout), settings_(settings) {}

Pool::Lease::~Lease() {
    if (c_) pool_->release(std::move(c_), discard_);
}

Pool::Lease Pool::acquire() {
    std::unique_lock lock(mutex_);
    if (!available_.wait_for(lock, acquire_timeout_, [&] { return !idle_.empty() || open_ < size_; }))
        throw TransientError(fmt::format("no database connection free within {} ms", acquire_timeout_.count()));
    if (!idle_.empty()) {
        auto c = std::move(idle_.back());
        idle_.pop_back();
        return Lease(*this, std::move(c));
    }
    ++open_;
    lock.unlock();
    try {
        return Lease(*this, std::make_unique<Connection>(Connection::open(conninfo_, settings_)));
    } catch (...) {
        lock.lock();
        --open_;
        available_.notify_one();
        throw;
    }
}

void Pool::release(std::unique_ptr<Connection> c, bool discard) {
    bool reusable = !discard && c->healthy() && !c->in_transaction();
    if (!reusable) c.reset();  // close outside the lock
    std::lock_guard lock(mutex_);
    if (reusable) idle_.push_back(std::move(c));
    else --open_;
    available_.notify_one();
}

void Pool::rollback(Connection& c) {
    try {
        if (c.healthy()) c.exec("ROLLBACK");
    } catch (const std::exception&) {
        // The connection is returned inside a transaction and therefore closed.
    }
}

void Pool::pause_before_retry(int attempt) {
    // 5-15 ms, then 10-30, 20-60: enough for the winner of the race to commit, and jittered so
    // that two losers do not collide again in step.
    thread_local std::minstd_rand random(std::random_device{}());
    int base = 5 << (attempt - 1);
    std::this_thread::sleep_for(std::chrono::milliseconds(base + static_cast<int>(random() % static_cast<unsigned>(2 * base + 1))));
}

bool Pool::ping() {
    try {
        auto lease = acquire();
        lease->exec("SELECT 1");
        return true;
    } catch (const std::exception&) {
        return false;
    }
}

int Pool::in_use() const {
    std::lock_guard lock(mutex_);
    return open_ - static_cast<int>(idle_.size());
}

int Pool::open_connections() const {
    std::lock_guard lock(mutex_);
    return open_;
}

}  // namespace rt::pg
