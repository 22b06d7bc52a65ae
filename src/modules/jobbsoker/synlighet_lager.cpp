#include "modules/jobbsoker/synlighet_lager.hpp"

#include <fmt/format.h>

namespace rt::jobbsoker {
namespace {

struct Kolonner {
    std::vector<std::string> fnr;
    std::vector<bool> synlig, sperret;
    std::vector<Instant> tid;
    explicit Kolonner(const std::vector<SynlighetVurdering>& v) {
        for (const auto& x : v) {
            fnr.push_back(x.fnr);
            synlig.push_back(x.er_synlig);
            sperret.push_back(x.sperret);
            tid.push_back(x.tidspunkt);
        }
    }
};

// A job seeker who went from hidden to visible with events waiting in the outbox: wake the
// relay. (The statements return, per row, whether that happened.)
void varsle_hvis_synlig(pg::Connection& c, const pg::Result& r) {
    for (int i = 0; i < r.rows(); ++i)
        if (r.boolean(i, 0)) {
            c.exec("SELECT pg_notify('hendelse_utboks', '')");
            return;
        }
}

// A batch of a few hundred fnrs against a large table: without stats that say how few rows
// match, the planner hashes the whole table on every batch (measured: 11.5 ms instead of 2.2 ms
// at 50,000 rows, growing with the table). Index lookups per fnr are always right here, and that
// plan is made once per session (the statements are prepared) instead of for every batch. SET
// LOCAL lasts to the end of the transaction; outside one (the benchmark's baseline) it does
// nothing.
void bare_indeksoppslag(pg::Connection& c) {
    c.exec("SET LOCAL enable_hashjoin = off; SET LOCAL enable_mergejoin = off; SET LOCAL plan_cache_mode = force_generic_plan");
}

// The verdicts ($1 fnr, $2 synlig, $3 sperret, $4 tid) written to every row of the person where
// `vilkar` holds, the source set to `kilde`. The rows are locked in id order first, as every
// statement that locks several job seekers does (jobbsoker_repository's flytt_status): a batch
// locking them in the order its events arrived could deadlock with an invitation of the same
// people. Returns, per row, whether it went from hidden to visible with events in the outbox:
// only those need the relay now. Waking it for every person made visible ran the relay once per
// batch of a burst (361 runs of 2.7 ms for 200,000 events in bench/synlighet_burst), taking
// the database from the burst itself; one that misses an outbox row being written in the same
// instant is caught by the relay's own interval.
std::string oppdatering(std::string_view vilkar, std::string_view kilde) {
    return fmt::format(R"(
        WITH mål AS (
            SELECT j.id, j.er_synlig AS var_synlig, v.synlig, v.sperret, v.tid
            FROM jobbsoker j
            JOIN unnest($1::text[], $2::boolean[], $3::boolean[], $4::timestamptz[]) AS v (fnr, synlig, sperret, tid)
              ON j.fodselsnummer = v.fnr
            WHERE {}
            ORDER BY j.id
            FOR NO KEY UPDATE OF j)
        UPDATE jobbsoker j SET er_synlig = mål.synlig, sperret = mål.sperret, synlighet_sist_oppdatert = mål.tid,
                               synlighet_kilde = '{}'
        FROM mål WHERE j.id = mål.id
        RETURNING j.er_synlig AND NOT mål.var_synlig
                  AND EXISTS (SELECT 1 FROM hendelse_utboks u WHERE u.jobbsoker_id = j.id))",
                       vilkar, kilde);
}

}  // namespace

long long SynlighetLager::bruk_hendelser(pg::Connection& c, const std::vector<SynlighetVurdering>& vurderinger) {
    if (vurderinger.empty()) return 0;
    Kolonner k(vurderinger);
    if (c.in_transaction()) bare_indeksoppslag(c);
    static const auto sql = oppdatering(
        "j.synlighet_sist_oppdatert IS NULL OR j.synlighet_kilde = 'NEED' OR j.synlighet_sist_oppdatert < v.tid", "EVENT");
    auto r = c.query_prepared("synlighet_hendelser", sql, k.fnr, k.synlig, k.sperret, k.tid);
    varsle_hvis_synlig(c, r);
    return r.rows();
}

long long SynlighetLager::bruk_hendelser(const std::vector<SynlighetVurdering>& vurderinger) {
    return db_.transaction([&](pg::Connection& c) { return bruk_hendelser(c, vurderinger); });
}

long long SynlighetLager::bruk_behovssvar(const std::vector<SynlighetVurdering>& vurderinger) {
    if (vurderinger.empty()) return 0;
    Kolonner k(vurderinger);
    return db_.transaction([&](pg::Connection& c) {
        bare_indeksoppslag(c);
        static const auto sql = oppdatering("j.synlighet_sist_oppdatert IS NULL", "NEED");
        auto r = c.query_prepared("synlighet_behovssvar", sql, k.fnr, k.synlig, k.sperret, k.tid);
        varsle_hvis_synlig(c, r);
        return static_cast<long long>(r.rows());
    });
}

std::vector<std::string> SynlighetLager::fnr_uten_vurdering() {
    return db_.with([&](pg::Connection& c) {
        auto r = c.exec(R"(SELECT DISTINCT fodselsnummer FROM jobbsoker
                           WHERE synlighet_sist_oppdatert IS NULL AND status <> 'SLETTET')");
        std::vector<std::string> out;
        out.reserve(r.rows());
        for (int i = 0; i < r.rows(); ++i) out.push_back(r.str(i, 0));
        return out;
    });
}

}  // namespace rt::jobbsoker
