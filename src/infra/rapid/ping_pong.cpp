#include "infra/rapid/ping_pong.hpp"

#include <memory>
#include <mutex>
#include <optional>

#include "core/time.hpp"
#include "infra/rapid/rapid.hpp"

namespace rt::rapid {

void add_ping_pong(Rapid& rapid, const Clock& clock) {
    struct State {
        std::mutex mutex;
        std::optional<Instant> last_answered;
    };
    auto state = std::make_shared<State>();
    River river;
    river.name = "ping";
    river.precondition(require_value("@event_name", std::string("ping"))).validate(require_key("ping_time"));
    river.on_message = [state, &clock, &rapid](const Message& ping, Context& ctx) {
        using namespace std::chrono;
        auto now = clock.now();
        auto sent = tid::parse_iso(ping.string("ping_time"));
        if (!sent || now - *sent > hours(1)) return;
        {
            std::lock_guard lock(state->mutex);
            if (state->last_answered && now - *state->last_answered < seconds(5)) return;
            state->last_answered = now;
        }
        Message pong = ping;
        auto& o = pong.json();
        o["@event_name"] = "pong";
        o["pong_time"] = tid::format_oslo_local(now);
        o["app_name"] = kAppName;
        o["instance_id"] = rapid.instance_id();
        ctx.publish(rapid.instance_id(), std::move(pong));
    };
    rapid.add_river(std::move(river));
}

}  // namespace rt::rapid
