#pragma once
// Turns the job seeker module's events into card versions (../shared/spec/aktivitetskort.md,
// "Flow inside the service", step 3). One transaction per delivered batch; idempotent on
// hendelse_id; a missing or final card is logged and skipped, never an error.
#include <string>

#include "core/clock.hpp"
#include "infra/pg/pool.hpp"
#include "modules/jobbsoker/events.hpp"

namespace rt::aktivitetskort {

class KortTjeneste {
public:
    KortTjeneste(pg::Pool& db, const Clock& clock, std::string min_side_url)
        : db_(db), clock_(clock), min_side_url_(std::move(min_side_url)) {}

    void behandle(const jobbsoker::HendelserVidereformidlet& hendelser);

private:
    pg::Pool& db_;
    const Clock& clock_;
    std::string min_side_url_;
};

}  // namespace rt::aktivitetskort
