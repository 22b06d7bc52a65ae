#pragma once
// The status mapping of ../shared/spec/aktivitetskort.md: answer and meeting fate -> card status.
#include <optional>
#include <string>

#include "modules/aktivitetskort/kort.hpp"
#include "modules/jobbsoker/events.hpp"

namespace rt::aktivitetskort {

inline bool er_endelig(std::string_view status) { return status == "FULLFORT" || status == "AVBRUTT"; }

// The new status and who changed it, or nothing for a message the table has no row for
// (an unknown treffstatus, or neither svar nor treffstatus).
std::optional<Endring> ny_status(const jobbsoker::SvarOgStatus& e);

}  // namespace rt::aktivitetskort
