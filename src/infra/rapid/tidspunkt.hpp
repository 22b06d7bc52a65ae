#pragma once
// Times on the rapid (../shared/spec/messages.md, "The rapid"). Participants write Java's
// LocalDateTime in Europe/Oslo, whose text drops the seconds when they are zero
// (`2025-10-01T08:00`) and has 0 to 9 decimals; some write an offset or `Z`.
#include <optional>
#include <string_view>

#include "core/clock.hpp"

namespace rt::rapid {

// `@opprettet` as the library reads it, plus an offset or `Z` when one is given.
std::optional<Instant> les_tidspunkt(std::string_view text);
// A local date-time without offset only (LocalDateTime.parse), e.g. `ping_time`.
std::optional<Instant> les_lokal_tid(std::string_view text);

}  // namespace rt::rapid
