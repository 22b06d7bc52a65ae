#pragma once
// Meeting search for counsellors: the page of meetings with their participants' counts.
#include "core/clock.hpp"
#include "infra/pg/pool.hpp"
#include "modules/treff/deltaker.hpp"
#include "modules/treff/sok.hpp"

namespace rt::treff {

class SokTjeneste {
public:
    SokTjeneste(pg::Pool& db, const Clock& clock, const Deltakere& deltakere) : db_(db), clock_(clock), deltakere_(deltakere) {}
    // `naa` decides which published meetings' deadlines have passed.
    TreffSokResultat sok(const TreffSok& s, Instant naa);
    Instant naa() const { return clock_.now(); }

private:
    pg::Pool& db_;
    const Clock& clock_;
    const Deltakere& deltakere_;
};

}  // namespace rt::treff
