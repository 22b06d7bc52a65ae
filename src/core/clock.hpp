#pragma once
// Time comes from a Clock so tests can move past a deadline without sleeping.
#include <atomic>
#include <chrono>

namespace rt {

using Instant = std::chrono::sys_time<std::chrono::microseconds>;

class Clock {
public:
    virtual ~Clock() = default;
    virtual Instant now() const = 0;
};

class SystemClock final : public Clock {
public:
    Instant now() const override {
        return std::chrono::time_point_cast<std::chrono::microseconds>(std::chrono::system_clock::now());
    }
};

// A clock that stays where the test puts it.
class FixedClock final : public Clock {
public:
    explicit FixedClock(Instant t) : t_(t.time_since_epoch().count()) {}
    Instant now() const override { return Instant(std::chrono::microseconds(t_.load())); }
    void set(Instant t) { t_ = t.time_since_epoch().count(); }
    void advance(std::chrono::microseconds d) { t_ += d.count(); }

private:
    std::atomic<long long> t_;
};

}  // namespace rt
