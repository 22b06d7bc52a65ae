#pragma once
// The visibility engine's event stream as the burst tests and benchmarks send it, and the
// database it lands on: 5,000 published meetings with 50,000 job seekers (a tenth of the persons
// on two meetings; 60 % never evaluated, 20 % set by a need answer, 20 % by an earlier event),
// and a seeded stream keyed by fnr: 10 % for persons on a meeting, 90 % for persons on none,
// random times within two days (a person's events come out of order), 2 % exact redeliveries
// and 1 % the same person and time with the opposite verdict. Used by bench/synlighet_ingest,
// bench/synlighet_burst, bench/soak and the kill -9 outage test, so that they all see one stream.
#include <optional>
#include <random>
#include <string>

#include "core/time.hpp"

namespace rt::pg { class Connection; }

namespace rt::test::synlighet_strom {

inline constexpr int kMeetings = 5'000;
inline constexpr int kRows = 50'000;     // job seekers (rows), ten per meeting
inline constexpr int kPersons = 40'000;  // persons on a meeting: the first 10,000 are on two meetings
inline constexpr int kOffMeetingPersons = 600'000;
inline constexpr double kOnMeetingShare = 0.10;

// A visibility event as the engine publishes it on the rapid (../shared/spec/synlighet.md).
std::string event(const std::string& fnr, Instant at, bool er_synlig, bool sperret = false);

// Person p's fnr-shaped key (ddmmyy + 5 digits), unique for p < 1,680,000; the seed's rows use it.
std::string fnr(long long p);

// Fills a migrated, empty database with the meetings and job seekers above, and analyzes them.
void seed(pg::Connection& c);

class Strom {
public:
    struct Event {
        std::string key, value;
    };
    Event next();
    std::size_t bytes = 0, on_meeting = 0;  // so far

private:
    std::mt19937_64 rng_{424242};
    std::uniform_real_distribution<double> u_{0, 1};
    std::uniform_int_distribution<long long> on_{0, kPersons - 1}, off_{kPersons, kPersons + kOffMeetingPersons - 1},
        micros_{0, 2LL * 86400 * 1'000'000 - 1};
    std::optional<Event> previous_;
    Instant previous_at_;
    bool previous_synlig_ = true, previous_on_ = false;
};

}  // namespace rt::test::synlighet_strom
