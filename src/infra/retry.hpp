#pragma once
// The one retry loop of the Kafka edge: try again with doubling back-off while the failure is
// transient, report unhealthy meanwhile, give up only when asked to stop.
#include <atomic>
#include <chrono>
#include <functional>
#include <string>

namespace rt {
class Metrics;

// True once `attempt` returned; false if `running` turned false first.
bool retry_until_done(const std::function<void()>& attempt, const std::atomic<bool>& running, std::atomic<bool>& healthy,
                      Metrics& metrics, const std::string& what, std::chrono::milliseconds max_backoff = std::chrono::seconds(5));

}  // namespace rt
