#pragma once
#include "core/clock.hpp"

namespace rt::rapid {
class Rapid;

// Answers `ping` with `pong` as every participant on the rapid does, so operators can see who
// is alive; ignores pings older than an hour and pings within 5 s of the last one answered.
void add_ping_pong(Rapid& rapid, const Clock& clock);

}  // namespace rt::rapid
