#pragma once
// A fixed-size pool of connections, opened on demand. A connection that broke, or that is
// returned inside a transaction, is closed rather than reused. Waiting for a free connection is
// bounded (acquire timeout, well under a second by default): a full pool is a TransientError
// (503 with Retry-After at the HTTP edge), not a queue that grows for ever.
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <mutex>
#include <string>
#include <type_traits>
#include <vector>

#include "infra/pg/connection.hpp"

namespace rt::pg {

class Pool {
public:
    Pool(std::string conninfo, int size, std::chrono::milliseconds acquire_timeout = std::chrono::milliseconds(250),
         SessionSettings settings = {});
    Pool(const Pool&) = delete;
    Pool& operator=(const Pool&) = delete;

    class Lease {
    public:
        Lease(Pool& pool, std::unique_ptr<Connection> c) : pool_(&pool), c_(std::move(c)) {}
        Lease(Lease&& o) noexcept = default;
        Lease& operator=(Lease&&) = delete;
        ~Lease();
        Connection& operator*() const { return *c_; }
        Connection* operator->() const { return c_.get(); }
        // Close the connection instead of returning it (its session state cannot be trusted).
        void discard() { discard_ = true; }

    private:
        Pool* pool_;
        std::unique_ptr<Connection> c_;
        bool discard_ = false;
    };

    // Waits up to the acquire timeout; no connection in time, or none can be opened: TransientError.
    Lease acquire();

    // Runs f(Connection&) between BEGIN and COMMIT; any exception rolls back and propagates.
    // A serialization failure or deadlock (40001, 40P01) runs f again, up to kConflictAttempts
    // times in all with a short jittered pause, before the TransientDbError propagates; so f
    // must do nothing outside the transaction that cannot be done twice.
    static constexpr int kConflictAttempts = 4;
    template <class F>
    auto transaction(F&& f) -> std::invoke_result_t<F, Connection&> {
        for (int attempt = 1;; ++attempt) {
            auto lease = acquire();
            try {
                lease->exec("BEGIN");
                if constexpr (std::is_void_v<std::invoke_result_t<F, Connection&>>) {
                    f(*lease);
                    lease->exec("COMMIT");
                    return;
                } else {
                    auto result = f(*lease);
                    lease->exec("COMMIT");
                    return result;
                }
            } catch (const TransientDbError& e) {
                rollback(*lease);
                if (e.conflict()) count_conflict(e);
                if (!e.conflict() || attempt >= kConflictAttempts || !lease->healthy()) throw;
            } catch (...) {
                rollback(*lease);
                throw;
            }
            pause_before_retry(attempt);
        }
    }

    // Runs f(Connection&) in autocommit mode.
    template <class F>
    auto with(F&& f) -> std::invoke_result_t<F, Connection&> {
        auto lease = acquire();
        return f(*lease);
    }

    // SELECT 1 on a pooled connection; false when the database cannot be reached.
    bool ping();
    // A connection outside the pool with the pool's session settings (locks held for long).
    Connection open_connection() const { return Connection::open(conninfo_, settings_); }

    // Transactions that lost a deadlock (40P01) or a serialization race (40001) since start,
    // whether the retry then won or not. Deadlocks mean that two statements lock the same rows in
    // different orders: an operator should see them, and a test can insist there are none.
    struct Conflicts {
        long long deadlocks = 0, serialization_failures = 0;
    };
    Conflicts conflicts() const { return {deadlocks_, serialization_failures_}; }

    const std::string& conninfo() const { return conninfo_; }
    int size() const { return size_; }
    int in_use() const;
    int open_connections() const;

private:
    void release(std::unique_ptr<Connection> c, bool discard);
    static void rollback(Connection& c);
    static void pause_before_retry(int attempt);
    void count_conflict(const TransientDbError& e) { ++(e.sqlstate == "40P01" ? deadlocks_ : serialization_failures_); }

    std::string conninfo_;
    int size_;
    std::chrono::milliseconds acquire_timeout_;
    SessionSettings settings_;
    mutable std::mutex mutex_;
    std::condition_variable available_;
    std::vector<std::unique_ptr<Connection>> idle_;
    int open_ = 0;
    std::atomic<long long> deadlocks_{0}, serialization_failures_{0};
};

}  // namespace rt::pg
