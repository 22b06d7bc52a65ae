#pragma once
// libpq with RAII handles and parameterised queries only: values never enter SQL text.
#include <libpq-fe.h>

#include <chrono>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <unordered_set>
#include <vector>

#include "core/clock.hpp"
#include "core/errors.hpp"

namespace rt::pg {

// A statement the database refused for a reason that retrying will not change.
// The message holds the primary text and SQLSTATE only, never DETAIL (which can echo values).
struct DbError : PermanentError {
    std::string sqlstate;
    DbError(const std::string& message, std::string state) : PermanentError(message), sqlstate(std::move(state)) {}
};

struct ResultDeleter {
    void operator()(PGresult* r) const { PQclear(r); }
};
struct ConnDeleter {
    void operator()(PGconn* c) const { PQfinish(c); }
};

class Result {
public:
    explicit Result(PGresult* r) : r_(r) {}
    int rows() const { return PQntuples(r_.get()); }
    int column(std::string_view name) const;
    long long affected() const;

    bool is_null(int row, int col) const { return PQgetisnull(r_.get(), row, col) != 0; }
    std::string_view text(int row, int col) const {
        return {PQgetvalue(r_.get(), row, col), static_cast<std::size_t>(PQgetlength(r_.get(), row, col))};
    }
    std::string str(int row, int col) const { return std::string(text(row, col)); }
    long long integer(int row, int col) const;
    bool boolean(int row, int col) const { return text(row, col) == "t"; }
    Instant time(int row, int col) const;
    std::optional<std::string> opt_str(int row, int col) const;
    std::optional<Instant> opt_time(int row, int col) const;
    std::optional<bool> opt_bool(int row, int col) const;
    // A text[] column as strings (NULL elements are not expected).
    std::vector<std::string> str_array(int row, int col) const;

private:
    std::unique_ptr<PGresult, ResultDeleter> r_;
};

// Positional parameters ($1, $2, ...) as text; std::nullopt is SQL NULL.
class Params {
public:
    void add_null() { values_.emplace_back(); }
    // Text travels as C strings, which end at a NUL: such text is refused (PermanentError)
    // rather than stored cut short.
    void add(std::string v) { values_.emplace_back(checked(std::move(v))); }
    void add(std::string_view v) { values_.emplace_back(checked(std::string(v))); }
    void add(const char* v) { values_.emplace_back(std::string(v)); }
    void add(bool v) { values_.emplace_back(v ? "true" : "false"); }
    template <class I>
        requires(std::is_integral_v<I> && !std::is_same_v<I, bool>)
    void add(I v) { values_.emplace_back(std::to_string(v)); }
    void add(double v);
    void add(Instant v);
    void add(std::nullopt_t) { add_null(); }
    template <class T>
    void add(const std::optional<T>& v) {
        if (v) add(*v);
        else add_null();
    }
    // Arrays travel as PostgreSQL array literals ({"a","b",NULL}); use with $n::text[] etc.
    void add(const std::vector<std::string>& v);
    void add(const std::vector<std::optional<std::string>>& v);
    void add(const std::vector<long long>& v);
    void add(const std::vector<bool>& v);
    void add(const std::vector<Instant>& v);

    std::size_t size() const { return values_.size(); }
    const std::vector<std::optional<std::string>>& values() const { return values_; }

private:
    static std::string checked(std::string v);
    std::vector<std::optional<std::string>> values_;
};

// What every connection of the service is set up with: no statement and no lock wait can hold a
// connection (and the request behind it) for long, and a peer that vanished without closing is
// noticed by TCP keepalives instead of hanging a connection for ever.
struct SessionSettings {
    int statement_timeout_ms = 5000;  // 0: none (migrations)
    int lock_timeout_ms = 2000;
    int connect_timeout_s = 3;
    int keepalives_idle_s = 30;
    int keepalives_interval_s = 10;
    int keepalives_count = 3;
    // The server ends a statement at statement_timeout; this bounds the wait for its answer in
    // the client too, for a server or network that went silent (no answer, no reset): a
    // statement is given up after statement_timeout plus this margin, and the connection closed.
    int client_margin_ms = 2000;
};

class Connection {
public:
    // Connects; a server that cannot be reached is a TransientError.
    static Connection open(const std::string& conninfo, const SessionSettings& settings = {});

    // One or more statements without parameters (BEGIN, DDL, migration scripts).
    Result exec(std::string_view sql);
    Result query(std::string_view sql, const Params& params);
    template <class... A>
    Result query(std::string_view sql, const A&... args) {
        Params p;
        (p.add(args), ...);
        return query(sql, p);
    }

    // The same, as a statement prepared on this session under `name` the first time and only
    // executed after that, for statements run thousands of times a second: planning the
    // visibility batch each time was a sixth of its cost (0.57 of 3.6 ms for 500 fnrs). A name
    // must always stand for the same SQL. Whether the plan is made once or per execution is
    // the session's plan_cache_mode.
    Result query_prepared(const std::string& name, std::string_view sql, const Params& params);
    template <class... A>
    Result query_prepared(const std::string& name, std::string_view sql, const A&... args) {
        Params p;
        (p.add(args), ...);
        return query_prepared(name, sql, p);
    }
    bool healthy() const;
    bool in_transaction() const;
    // SELECT 1 that gives up after `timeout` whatever the network does (a timed-out connection
    // is closed); true when the server answered.
    bool ping(std::chrono::milliseconds timeout);
    // Lifts the statement timeout on this session (migrations); the client-side limit goes too.
    void without_statement_timeout();
    PGconn* raw() const { return c_.get(); }

private:
    explicit Connection(PGconn* c) : c_(c) {}
    Result check(PGresult* r);
    // The last result of what was sent, waiting at most deadline_ms_ (0: without a limit).
    PGresult* await_result();
    // The checked answer to what was just sent; nothing sent (`sent` false) is a lost connection.
    Result answer_to(bool sent);
    std::unique_ptr<PGconn, ConnDeleter> c_;
    int deadline_ms_ = 0;
    std::unordered_set<std::string> prepared_;
};

// True for SQLSTATEs where the same statement may succeed later (connection loss, shutdown,
// deadlock, serialization failure, too many connections, statement or lock timeout).
bool is_transient_state(std::string_view sqlstate);

// A transient failure with its SQLSTATE, so that callers can tell a conflict worth retrying at
// once (40001, 40P01) from an outage.
struct TransientDbError : TransientError {
    std::string sqlstate;
    TransientDbError(const std::string& message, std::string state) : TransientError(message), sqlstate(std::move(state)) {}
    // Serialization failure or deadlock: the transaction lost a race and may simply run again.
    bool conflict() const { return sqlstate == "40001" || sqlstate == "40P01"; }
};

}  // namespace rt::pg
