#include "infra/pg/connection.hpp"

#include <poll.h>

#include <cerrno>
#include <charconv>
#include <fmt/format.h>

#include "core/time.hpp"

namespace rt::pg {
namespace {

std::string array_literal(const std::vector<std::optional<std::string>>& v) {
    std::string out = "{";
    for (std::size_t i = 0; i < v.size(); ++i) {
        if (i) out += ',';
        if (!v[i]) {
            out += "NULL";
            continue;
        }
        out += '"';
        for (char c : *v[i]) {
            if (c == '"' || c == '\\') out += '\\';
            out += c;
        }
        out += '"';
    }
    return out + "}";
}

// The parameters as libpq takes them: NULL for a null value.
std::vector<const char*> c_strings(const Params& params) {
    std::vector<const char*> values;
    values.reserve(params.size());
    for (const auto& v : params.values()) values.push_back(v ? v->c_str() : nullptr);
    return values;
}

}  // namespace

bool is_transient_state(std::string_view s) {
    // 57014: statement timeout (or a cancel); 55P03: lock timeout.
    return s.starts_with("08") || s.starts_with("53") || s == "57P01" || s == "57P02" || s == "57P03" ||
           s == "40001" || s == "40P01" || s == "57014" || s == "55P03";
}

int Result::column(std::string_view name) const {
    int c = PQfnumber(r_.get(), std::string(name).c_str());
    if (c < 0) throw std::logic_error(fmt::format("no column {} in result", name));
    return c;
}

long long Result::affected() const {
    const char* n = PQcmdTuples(r_.get());
    return n && *n ? std::atoll(n) : 0;
}

long long Result::integer(int row, int col) const {
    auto t = text(row, col);
    long long v = 0;
    std::from_chars(t.data(), t.data() + t.size(), v);
    return v;
}

Instant Result::time(int row, int col) const {
    auto t = tid::parse_database(text(row, col));
    if (!t) throw std::logic_error(fmt::format("column {} is not a timestamptz", col));
    return *t;
}

std::optional<std::string> Result::opt_str(int row, int col) const {
    if (is_null(row, col)) return std::nullopt;
    return str(row, col);
}

std::optional<Instant> Result::opt_time(int row, int col) const {
    if (is_null(row, col)) return std::nullopt;
    return time(row, col);
}

std::optional<bool> Result::opt_bool(int row, int col) const {
    if (is_null(row, col)) return std::nullopt;
    return boolean(row, col);
}

std::vector<std::string> Result::str_array(int row, int col) const {
    std::vector<std::string> out;
    if (is_null(row, col)) return out;
    auto t = text(row, col);
    if (t.size() < 2) return out;
    std::string cur;
    bool quoted = false, in_item = false;
    for (std::size_t i = 1; i + 1 < t.size(); ++i) {
        char c = t[i];
        if (quoted) {
            if (c == '\\' && i + 2 < t.size()) cur += t[++i];
            else if (c == '"') quoted = false;
            else cur += c;
        } else if (c == '"') {
            quoted = in_item = true;
        } else if (c == ',') {
            out.push_back(std::move(cur));
            cur.clear();
            in_item = false;
        } else {
            cur += c;
            in_item = true;
        }
    }
    if (in_item || !cur.empty()) out.push_back(std::move(cur));
    return out;
}

std::string Params::checked(std::string v) {
    if (v.find('\0') != std::string::npos) throw PermanentError("text with a NUL character cannot be stored");
    return v;
}

void Params::add(double v) { values_.emplace_back(fmt::format("{}", v)); }
void Params::add(Instant v) { values_.emplace_back(tid::format_database(v)); }

void Params::add(const std::vector<std::string>& v) {
    std::vector<std::optional<std::string>> o(v.begin(), v.end());
    add(o);
}
void Params::add(const std::vector<std::optional<std::string>>& v) { values_.emplace_back(checked(array_literal(v))); }
void Params::add(const std::vector<long long>& v) {
    std::vector<std::optional<std::string>> o;
    for (auto x : v) o.emplace_back(std::to_string(x));
    add(o);
}
void Params::add(const std::vector<bool>& v) {
    std::vector<std::optional<std::string>> o;
    for (bool x : v) o.emplace_back(x ? "true" : "false");
    add(o);
}
void Params::add(const std::vector<Instant>& v) {
    std::vector<std::optional<std::string>> o;
    for (auto x : v) o.emplace_back(tid::format_database(x));
    add(o);
}

Connection Connection::open(const std::string& conninfo, const SessionSettings& settings) {
    // Keywords before "dbname" are defaults that the connection string may override.
    auto connect_timeout = std::to_string(settings.connect_timeout_s), idle = std::to_string(settings.keepalives_idle_s),
         interval = std::to_string(settings.keepalives_interval_s), count = std::to_string(settings.keepalives_count);
    const char* keys[] = {"connect_timeout", "application_name", "keepalives", "keepalives_idle", "keepalives_interval",
                          "keepalives_count", "dbname", nullptr};
    const char* values[] = {connect_timeout.c_str(), "rekrutteringstreff", "1", idle.c_str(), interval.c_str(),
                            count.c_str(), conninfo.c_str(), nullptr};
    Connection c(PQconnectdbParams(keys, values, 1));
    if (!c.c_ || PQstatus(c.c_.get()) != CONNECTION_OK) {
        std::string why = c.c_ ? PQerrorMessage(c.c_.get()) : "out of memory";
        while (!why.empty() && (why.back() == '\n' || why.back() == ' ')) why.pop_back();
        throw TransientError(fmt::format("cannot connect to PostgreSQL: {}", why));
    }
    // NOTICEs ("relation already exists, skipping") would go to stderr unstructured.
    PQsetNoticeProcessor(c.c_.get(), [](void*, const char*) {}, nullptr);
    // Times are read back in UTC, in ISO form, whatever the server's defaults.
    // The timeouts are set here rather than as startup options, which a connection string's own
    // `options` would silently replace.
    c.deadline_ms_ = settings.connect_timeout_s * 1000;
    // The server's keepalives too: when the host of an instance vanishes (no FIN, no RST), its
    // sessions, and the scheduler's advisory locks with them, end after idle + interval * count
    // instead of the kernel's two hours; another instance then takes the jobs over.
    c.exec(fmt::format("SET TimeZone TO 'UTC'; SET DateStyle TO 'ISO'; SET statement_timeout = {}; SET lock_timeout = {}; "
                       "SET tcp_keepalives_idle = {}; SET tcp_keepalives_interval = {}; SET tcp_keepalives_count = {}",
                       settings.statement_timeout_ms, settings.lock_timeout_ms, settings.keepalives_idle_s,
                       settings.keepalives_interval_s, settings.keepalives_count));
    c.deadline_ms_ = settings.statement_timeout_ms > 0 ? settings.statement_timeout_ms + settings.client_margin_ms : 0;
    return c;
}

Result Connection::check(PGresult* raw) {
    Result r(raw);
    auto status = raw ? PQresultStatus(raw) : PGRES_FATAL_ERROR;
    if (status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK || status == PGRES_EMPTY_QUERY) return r;
    if (!raw || !c_ || PQstatus(c_.get()) != CONNECTION_OK)
        throw TransientError(fmt::format("PostgreSQL connection lost: {}", PQerrorMessage(c_.get())));
    const char* state = PQresultErrorField(raw, PG_DIAG_SQLSTATE);
    const char* primary = PQresultErrorField(raw, PG_DIAG_MESSAGE_PRIMARY);
    std::string sqlstate = state ? state : "";
    auto message = fmt::format("{} (SQLSTATE {})", primary ? primary : "database error", sqlstate);
    if (is_transient_state(sqlstate)) throw TransientDbError(message, sqlstate);
    throw DbError(message, sqlstate);
}

PGresult* Connection::await_result() {
    PGconn* conn = c_.get();
    auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(deadline_ms_);
    PGresult* last = nullptr;
    while (true) {
        while (!PQisBusy(conn)) {
            PGresult* r = PQgetResult(conn);
            if (!r) return last;
            // Like PQexec: the last result, but an error stops at the error.
            if (last && PQresultStatus(last) == PGRES_FATAL_ERROR) {
                PQclear(r);
                continue;
            }
            if (last) PQclear(last);
            last = r;
        }
        auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
        if (deadline_ms_ > 0 && left.count() <= 0) break;
        pollfd p{PQsocket(conn), POLLIN, 0};
        int n = ::poll(&p, 1, deadline_ms_ > 0 ? static_cast<int>(left.count()) : -1);
        if (n < 0 && errno != EINTR) break;
        if (n > 0 && PQconsumeInput(conn) != 1) break;
    }
    if (last) PQclear(last);
    // No answer in time (or the socket failed): the session can no longer be trusted.
    c_.reset();
    throw TransientError(fmt::format("PostgreSQL did not answer within {} ms", deadline_ms_));
}

Result Connection::answer_to(bool sent) {
    if (!sent) throw TransientError(fmt::format("PostgreSQL connection lost: {}", c_ ? PQerrorMessage(c_.get()) : "closed"));
    return check(await_result());
}

Result Connection::exec(std::string_view sql) {
    if (deadline_ms_ <= 0) return check(PQexec(c_.get(), std::string(sql).c_str()));
    return answer_to(c_ && PQsendQuery(c_.get(), std::string(sql).c_str()) == 1);
}

void Connection::without_statement_timeout() {
    exec("SET statement_timeout = 0; SET lock_timeout = 0");
    deadline_ms_ = 0;
}

Result Connection::query(std::string_view sql, const Params& params) {
    auto values = c_strings(params);
    if (deadline_ms_ <= 0)
        return check(PQexecParams(c_.get(), std::string(sql).c_str(), static_cast<int>(values.size()), nullptr,
                                  values.data(), nullptr, nullptr, 0));
    return answer_to(c_ && PQsendQueryParams(c_.get(), std::string(sql).c_str(), static_cast<int>(values.size()), nullptr,
                                             values.data(), nullptr, nullptr, 0) == 1);
}

Result Connection::query_prepared(const std::string& name, std::string_view sql, const Params& params) {
    if (!prepared_.contains(name)) {
        answer_to(c_ && PQsendPrepare(c_.get(), name.c_str(), std::string(sql).c_str(), 0, nullptr) == 1);
        prepared_.insert(name);
    }
    auto values = c_strings(params);
    return answer_to(c_ && PQsendQueryPrepared(c_.get(), name.c_str(), static_cast<int>(values.size()), values.data(),
                                               nullptr, nullptr, 0) == 1);
}

bool Connection::ping(std::chrono::milliseconds timeout) {
    auto deadline = std::chrono::steady_clock::now() + timeout;
    PGconn* conn = c_.get();
    if (!healthy() || PQsendQuery(conn, "SELECT 1") != 1) return false;
    bool ok = false;
    while (true) {
        if (PQconsumeInput(conn) != 1) break;
        if (!PQisBusy(conn)) {
            while (PGresult* r = PQgetResult(conn)) {
                ok = ok || PQresultStatus(r) == PGRES_TUPLES_OK;
                PQclear(r);
            }
            return ok;
        }
        auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
        if (left.count() <= 0) break;
        pollfd p{PQsocket(conn), POLLIN, 0};
        if (::poll(&p, 1, static_cast<int>(left.count())) < 0 && errno != EINTR) break;
    }
    // No answer in time: this session can no longer be trusted to be in step.
    c_.reset();
    return false;
}

bool Connection::healthy() const { return c_ && PQstatus(c_.get()) == CONNECTION_OK; }

bool Connection::in_transaction() const { return PQtransactionStatus(c_.get()) != PQTRANS_IDLE; }

}  // namespace rt::pg
