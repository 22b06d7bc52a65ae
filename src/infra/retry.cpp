#include "infra/retry.hpp"

#include <thread>

#include "infra/log.hpp"
#include "infra/metrics.hpp"

namespace rt {

bool retry_until_done(const std::function<void()>& attempt, const std::atomic<bool>& running, std::atomic<bool>& healthy,
                      Metrics& metrics, const std::string& what, std::chrono::milliseconds max_backoff) {
    auto backoff = std::chrono::milliseconds(100);
    while (true) {
        try {
            attempt();
            if (!healthy) log::info("retry", "behandlingen virker igjen", {{"what", what}});
            healthy = true;
            return true;
        } catch (const std::exception& e) {
            healthy = false;
            metrics.add("handler_retries_total", {{"what", what}});
            log::warn("retry", "behandlingen feilet; prøver de samme meldingene igjen",
                      {{"what", what}, {"error", e.what()}, {"backoff_ms", backoff.count()}});
        }
        for (auto until = std::chrono::steady_clock::now() + backoff; std::chrono::steady_clock::now() < until;) {
            if (!running) return false;
            std::this_thread::sleep_for(std::chrono::milliseconds(20));
        }
        backoff = std::min(backoff * 2, max_backoff);
    }
}

}  // namespace rt
