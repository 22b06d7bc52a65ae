#pragma once
#include <chrono>
#include <functional>
#include <thread>

namespace rt::test {

// Polls `condition` until it holds or the time is up; returns its last value. For waiting on
// asynchronous effects, never as a speed assertion.
inline bool eventually(const std::function<bool()>& condition,
                       std::chrono::milliseconds within = std::chrono::seconds(20)) {
    auto until = std::chrono::steady_clock::now() + within;
    while (std::chrono::steady_clock::now() < until) {
        if (condition()) return true;
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    return condition();
}

}  // namespace rt::test
