#pragma once
#include <chrono>

#include "core/clock.hpp"

namespace rt::rapid {
class Rapid;

// Answers `ping` with `pong` as every participant on the rapid does, so operators can see who
// is alive (../shared/spec/messages.md, "Ping, pong and life-cycle events"). A ping whose
// `ping_time` is not a local date-time is skipped without a dead letter; one more than an hour
// old, more than `max_fremtid` ahead, or at most 5 s after the last answered ping's `ping_time`
// is ignored.
void add_ping_pong(Rapid& rapid, const Clock& clock, std::chrono::seconds max_fremtid);

}  // namespace rt::rapid
