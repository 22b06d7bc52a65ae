#pragma once
// The job seeker module's door for the synlighet module: it writes the visibility columns of the
// jobbsoker table (owned here) under the race rules of ../shared/spec/synlighet.md.
#include <string>
#include <vector>

#include "core/clock.hpp"
#include "infra/pg/pool.hpp"

namespace rt::jobbsoker {

struct SynlighetVurdering {
    std::string fnr;
    bool er_synlig = false;
    bool sperret = false;
    Instant tidspunkt;  // the message's @opprettet
};

class SynlighetLager {
public:
    explicit SynlighetLager(pg::Pool& db) : db_(db) {}

    // Event stream, one statement for all: every row of each fnr where the engine has not
    // answered, or a need answer set it, or it is older than the event. At most one entry per
    // fnr (the caller picks which). Returns the number of rows changed.
    long long bruk_hendelser(const std::vector<SynlighetVurdering>& vurderinger);
    // The same in the caller's connection (the benchmark's autocommit baseline).
    static long long bruk_hendelser(pg::Connection& c, const std::vector<SynlighetVurdering>& vurderinger);
    // Need answers: only rows the engine has not answered for yet. At most one entry per fnr.
    long long bruk_behovssvar(const std::vector<SynlighetVurdering>& vurderinger);
    // Distinct fnrs of job seekers (not deleted) whose visibility was never evaluated.
    std::vector<std::string> fnr_uten_vurdering();

private:
    pg::Pool& db_;
};

}  // namespace rt::jobbsoker
