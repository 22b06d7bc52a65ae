#pragma once
// Operator logs: one JSON object per line on stdout (@timestamp, level, message, logger, fields).
// Never put a fødselsnummer here; use secure() for lines that need one.
#include <atomic>
#include <boost/json/object.hpp>
#include <chrono>
#include <functional>
#include <string>
#include <string_view>

namespace rt::log {

enum class Level { debug = 0, info = 1, warn = 2, error = 3 };

Level parse_level(std::string_view name);
void set_level(Level level);

// Where ordinary lines go; the default writes to stdout. Tests capture lines with this.
using Sink = std::function<void(std::string_view line)>;
void set_sink(Sink sink);

void write(Level level, std::string_view logger, std::string_view message, const boost::json::object& fields = {});
inline void debug(std::string_view logger, std::string_view message, const boost::json::object& fields = {}) {
    write(Level::debug, logger, message, fields);
}
inline void info(std::string_view logger, std::string_view message, const boost::json::object& fields = {}) {
    write(Level::info, logger, message, fields);
}
inline void warn(std::string_view logger, std::string_view message, const boost::json::object& fields = {}) {
    write(Level::warn, logger, message, fields);
}
inline void error(std::string_view logger, std::string_view message, const boost::json::object& fields = {}) {
    write(Level::error, logger, message, fields);
}

// Lets a repeated line through at most once per interval, so that a flood (a hostile client, a
// broken dependency) costs neither the log pipeline nor the thread that logs. Thread-safe.
class Throttle {
public:
    explicit Throttle(std::chrono::steady_clock::duration every) : every_(every.count()) {}
    // True for the first call and then at most once per interval; `held_back` is set to the
    // number of calls refused since the last one that passed.
    bool pass(long long& held_back);

private:
    std::atomic<long long> next_{0};
    std::atomic<long long> held_{0};
    long long every_;
};

// The secure stream, for lines that must carry personal data; dropped unless a path is set.
void open_secure(const std::string& path);
void secure(Level level, std::string_view logger, std::string_view message, const boost::json::object& fields = {});

// The audit stream (CEF): who read which meeting's job seekers. stderr unless a path is set.
void open_audit(const std::string& path);
void set_audit_sink(Sink sink);
void audit_access(std::string_view nav_ident, std::string_view rekrutteringstreff_id, std::string_view method,
                  std::string_view path);

// The JSON line for one entry; exposed for tests.
std::string format_line(Level level, std::string_view logger, std::string_view message,
                        const boost::json::object& fields);

}  // namespace rt::log
