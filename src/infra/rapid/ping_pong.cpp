#include "infra/rapid/ping_pong.hpp"

#include <memory>
#include <mutex>
#include <optional>

#include "core/time.hpp"
#include "infra/log.hpp"
#include "infra/rapid/rapid.hpp"
#include "infra/rapid/tidspunkt.hpp"

namespace rt::rapid {

void add_ping_pong(Rapid& rapid, const Clock& clock, std::chrono::seconds max_fremtid) {
    struct State {
        std::mutex mutex;
        std::optional<Instant> last_ping_time;  // of the last ping answered
    };
    auto state = std::make_shared<State>();
    River river;
    river.name = "ping";
    river.precondition(require_value("@event_name", std::string("ping")));
    river.on_message = [state, &clock, &rapid, max_fremtid](const Message& ping, Context& ctx) {
        using namespace std::chrono;
        const auto* text = ping.find("ping_time");
        auto ping_time = text && text->is_string() ? les_lokal_tid(text->as_string()) : std::nullopt;
        if (!ping_time) {
            log::debug("rapid.ping", "ping uten lesbar ping_time; hoppet over", {{"@id", ping.id()}});
            return;
        }
        auto now = clock.now();
        // A ping_time far ahead would silence us until then: the same bound as @opprettet.
        if (*ping_time < now - hours(1) || *ping_time > now + max_fremtid) return;
        std::lock_guard lock(state->mutex);
        if (state->last_ping_time && *ping_time - *state->last_ping_time <= seconds(5)) return;
        Message pong = ping;
        auto& o = pong.json();
        o["@event_name"] = "pong";
        o["pong_time"] = tid::format_oslo_local(now);
        o["app_name"] = rapid.deltaker().app_name;
        o["instance_id"] = rapid.deltaker().instance;
        ctx.publish(std::move(pong));
        // Only once the pong is out: a batch retried after a failed publish answers again.
        state->last_ping_time = *ping_time;
    };
    rapid.add_river(std::move(river));
}

}  // namespace rt::rapid
