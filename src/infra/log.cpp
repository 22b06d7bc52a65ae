#include "infra/log.hpp"

#include <atomic>
#include <boost/json/serialize.hpp>
#include <chrono>
#include <cstdio>
#include <fmt/chrono.h>
#include <fmt/format.h>
#include <memory>
#include <mutex>

namespace rt::log {
namespace {

struct FileCloser {
    void operator()(std::FILE* f) const {
        if (f) std::fclose(f);
    }
};
using File = std::unique_ptr<std::FILE, FileCloser>;

std::atomic<int> g_level{static_cast<int>(Level::info)};
std::mutex g_mutex;
Sink g_sink;
File g_secure;
File g_audit;
Sink g_audit_sink;

const char* level_name(Level l) {
    switch (l) {
        case Level::debug: return "DEBUG";
        case Level::info: return "INFO";
        case Level::warn: return "WARN";
        case Level::error: return "ERROR";
    }
    return "INFO";
}

std::string utc_now() {
    auto now = std::chrono::system_clock::now();
    auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(now.time_since_epoch()).count() % 1000;
    return fmt::format("{:%Y-%m-%dT%H:%M:%S}.{:03}Z", std::chrono::time_point_cast<std::chrono::seconds>(now), ms);
}

File open_append(const std::string& path) {
    File f(std::fopen(path.c_str(), "a"));
    if (!f) throw std::runtime_error(fmt::format("cannot open log file {}", path));
    return f;
}

}  // namespace

Level parse_level(std::string_view name) {
    if (name == "debug") return Level::debug;
    if (name == "warn") return Level::warn;
    if (name == "error") return Level::error;
    return Level::info;
}

void set_level(Level level) { g_level = static_cast<int>(level); }

void set_sink(Sink sink) {
    std::lock_guard lock(g_mutex);
    g_sink = std::move(sink);
}

std::string format_line(Level level, std::string_view logger, std::string_view message,
                        const boost::json::object& fields) {
    boost::json::object o;
    o["@timestamp"] = utc_now();
    o["level"] = level_name(level);
    o["message"] = message;
    o["logger"] = logger;
    for (const auto& [k, v] : fields) o[k] = v;
    return boost::json::serialize(o);
}

void write(Level level, std::string_view logger, std::string_view message, const boost::json::object& fields) {
    if (static_cast<int>(level) < g_level.load(std::memory_order_relaxed)) return;
    auto line = format_line(level, logger, message, fields);
    std::lock_guard lock(g_mutex);
    if (g_sink) {
        g_sink(line);
        return;
    }
    line += '\n';
    std::fwrite(line.data(), 1, line.size(), stdout);
    std::fflush(stdout);
}

void open_secure(const std::string& path) {
    auto f = open_append(path);
    std::lock_guard lock(g_mutex);
    g_secure = std::move(f);
}

void secure(Level level, std::string_view logger, std::string_view message, const boost::json::object& fields) {
    std::lock_guard lock(g_mutex);
    if (!g_secure) return;
    auto line = format_line(level, logger, message, fields) + '\n';
    std::fwrite(line.data(), 1, line.size(), g_secure.get());
    std::fflush(g_secure.get());
}

void open_audit(const std::string& path) {
    auto f = open_append(path);
    std::lock_guard lock(g_mutex);
    g_audit = std::move(f);
}

void set_audit_sink(Sink sink) {
    std::lock_guard lock(g_mutex);
    g_audit_sink = std::move(sink);
}

namespace {
// CEF escapes backslash and '=' in extension values; our values are idents, UUIDs and paths.
std::string cef_value(std::string_view v) {
    std::string out;
    for (char c : v) {
        if (c == '\\' || c == '=') out += '\\';
        if (c == '\n' || c == '\r') { out += ' '; continue; }
        out += c;
    }
    return out;
}
}  // namespace

void audit_access(std::string_view nav_ident, std::string_view rekrutteringstreff_id, std::string_view method,
                  std::string_view path) {
    auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(
                  std::chrono::system_clock::now().time_since_epoch()).count();
    auto line = fmt::format(
        "CEF:0|toi|rekrutteringstreff|1.0|audit:access|Lesing av jobbsøkere i rekrutteringstreff|INFO|"
        "end={} suid={} act=ACCESS requestMethod={} request={} cs3Label=rekrutteringstreffId cs3={}",
        ms, cef_value(nav_ident), cef_value(method), cef_value(path), cef_value(rekrutteringstreff_id));
    std::lock_guard lock(g_mutex);
    if (g_audit_sink) {
        g_audit_sink(line);
        return;
    }
    line += '\n';
    std::FILE* out = g_audit ? g_audit.get() : stderr;
    std::fwrite(line.data(), 1, line.size(), out);
    std::fflush(out);
}

bool Throttle::pass(long long& held_back) {
    auto now = std::chrono::steady_clock::now().time_since_epoch().count();
    auto next = next_.load();
    if (now < next || !next_.compare_exchange_strong(next, now + every_)) {
        ++held_;
        return false;
    }
    held_back = held_.exchange(0);
    return true;
}

}  // namespace rt::log
