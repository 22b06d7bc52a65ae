#pragma once
// A function run on its own thread every `interval` until stop(): for background checks whose
// results requests read from memory (readiness, gauges), so that no request waits on them.
#include <chrono>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <thread>

namespace rt {

class Ticker {
public:
    Ticker(std::chrono::milliseconds interval, std::function<void()> tick) : interval_(interval), tick_(std::move(tick)) {}
    ~Ticker() { stop(); }
    Ticker(const Ticker&) = delete;
    Ticker& operator=(const Ticker&) = delete;

    // The first tick runs at once.
    void start() {
        std::lock_guard lock(mutex_);
        if (thread_.joinable()) return;
        stop_ = false;
        thread_ = std::thread([this] {
            std::unique_lock lock(mutex_);
            while (!stop_) {
                lock.unlock();
                tick_();
                lock.lock();
                cv_.wait_for(lock, interval_, [this] { return stop_; });
            }
        });
    }

    // Waits for a tick under way to end.
    void stop() {
        {
            std::lock_guard lock(mutex_);
            stop_ = true;
        }
        cv_.notify_all();
        if (thread_.joinable()) thread_.join();
    }

private:
    std::chrono::milliseconds interval_;
    std::function<void()> tick_;
    std::mutex mutex_;
    std::condition_variable cv_;
    bool stop_ = false;
    std::thread thread_;
};

}  // namespace rt
