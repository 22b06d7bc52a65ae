#pragma once
// SQL for the meeting search: the page's ids, then the total and the five aggregations, each over
// the meetings that match every filter but its own (run both in one snapshot).
#include "infra/pg/connection.hpp"
#include "modules/treff/sok.hpp"

namespace rt::treff::sok_repo {

struct Treffside {
    std::vector<std::string> ider;  // the page, in order
    long long antall_totalt = 0;
    Aggregering kategorier, statuser, publisert_statuser, fylkesnumre, kommunenumre;
};

Treffside sok(pg::Connection& c, const TreffSok& s, Instant naa);

}  // namespace rt::treff::sok_repo
