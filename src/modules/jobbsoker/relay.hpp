#pragma once
// Delivers job seeker events that become rapid messages: in event order, for visible job seekers
// only, first to the bus (typed events) and then to the rapid (key = fnr), and marks them
// delivered (aktivitetskort_polling) only after both succeeded. A job seeker whose event fails
// is held back for the rest of the run (to keep their order); everyone else goes on.
#include <cstddef>

#include "core/bus.hpp"
#include "infra/metrics.hpp"
#include "infra/pg/pool.hpp"
#include "infra/rapid/rapid.hpp"
#include "modules/jobbsoker/events.hpp"

namespace rt::jobbsoker {

class HendelseRelay {
public:
    HendelseRelay(pg::Pool& db, Bus& bus, rapid::Rapid& rapid, Metrics& metrics, const Clock& clock);
    // Delivers everything deliverable now; returns how many events were delivered.
    std::size_t kjor();

private:
    pg::Pool& db_;
    Bus& bus_;
    rapid::Rapid& rapid_;
    Metrics& metrics_;
    const Clock& clock_;
};

// The rapid message for an event (../shared/spec/messages.md).
rapid::Message til_melding(const VidereformidletHendelse& h);

}  // namespace rt::jobbsoker
