#include "infra/rapid/embedded_rapid.hpp"

#include "infra/retry.hpp"

namespace rt::rapid {

namespace {
constexpr std::size_t kMaxBatch = 500;
constexpr const char* kTopic = "embedded-rapid";
}  // namespace

EmbeddedRapid::EmbeddedRapid(Deltaker deltaker, const Clock& clock, kafka::DeadLetters& dead_letters, Metrics& metrics)
    : Rapid(std::move(deltaker), clock, dead_letters, metrics),
      // Offsets continue across restarts so dead letters of earlier runs never collide.
      next_offset_(std::chrono::duration_cast<std::chrono::microseconds>(
                       std::chrono::system_clock::now().time_since_epoch()).count()),
      metrics_(metrics) {}

EmbeddedRapid::~EmbeddedRapid() { stop(); }

void EmbeddedRapid::start() {
    if (running_.exchange(true)) return;
    publish_livssyklus("application_up");
    thread_ = std::thread([this] { run(); });
    publish_livssyklus("application_ready");
}

void EmbeddedRapid::stop() {
    if (!running_.exchange(false)) return;
    changed_.notify_all();
    thread_.join();
    publish_livssyklus("application_down");
}

void EmbeddedRapid::send(std::vector<Keyed> keyed_values) {
    {
        std::lock_guard lock(mutex_);
        for (auto& [key, value] : keyed_values) {
            kafka::Record r;
            r.topic = kTopic;
            r.offset = next_offset_++;
            r.key = std::move(key);
            r.value = std::move(value);
            queue_.push_back(std::move(r));
        }
    }
    changed_.notify_all();
}

void EmbeddedRapid::inject(std::optional<std::string> key, std::optional<std::string> raw_value) {
    {
        std::lock_guard lock(mutex_);
        kafka::Record r;
        r.topic = kTopic;
        r.offset = next_offset_++;
        r.key = std::move(key);
        r.null_value = !raw_value;
        if (raw_value) r.value = std::move(*raw_value);
        queue_.push_back(std::move(r));
    }
    changed_.notify_all();
}

bool EmbeddedRapid::drain(std::chrono::milliseconds timeout) {
    std::unique_lock lock(mutex_);
    return changed_.wait_for(lock, timeout, [&] { return queue_.empty() && !busy_; });
}

void EmbeddedRapid::run() {
    while (true) {
        std::vector<kafka::Record> batch;
        {
            std::unique_lock lock(mutex_);
            changed_.wait(lock, [&] { return !queue_.empty() || !running_; });
            if (!running_) return;
            while (!queue_.empty() && batch.size() < kMaxBatch) {
                batch.push_back(std::move(queue_.front()));
                queue_.pop_front();
            }
            busy_ = true;
        }
        std::function<void()> handling;
        auto attempt = [&] {
            if (!handling) handling = les(batch);
            handling();
        };
        bool done = retry_until_done(attempt, running_, healthy_, metrics_, kTopic);
        {
            std::lock_guard lock(mutex_);
            if (!done)  // stopping mid-retry: keep the batch in front for drain() to see
                for (auto it = batch.rbegin(); it != batch.rend(); ++it) queue_.push_front(std::move(*it));
            busy_ = false;
        }
        changed_.notify_all();
    }
}

}  // namespace rt::rapid
