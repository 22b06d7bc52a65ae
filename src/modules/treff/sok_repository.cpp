#include "modules/treff/sok_repository.hpp"

#include <algorithm>
#include <map>
#include <fmt/format.h>

namespace rt::treff::sok_repo {
namespace {

// The meetings the caller may find, with each filter as a column, so that every aggregation can
// leave out its own. $1 caller, $2 only mine, $3 kategorier, $4 statuser, $5 publisertStatuser (null
// unless statuser holds PUBLISERT), $6 kontorer, $7 fylkesnumre, $8 kommunenumre, $9 now.
constexpr const char* kSynlige = R"(
    SELECT id, kategori, status, fylkesnummer, kommunenummer, sist_endret, opprettet_tidspunkt, pstatus,
           ($3::text[] IS NULL OR kategori = ANY($3::text[])) AS k,
           ($4::text[] IS NULL OR (status = ANY($4::text[])
                                   AND (status <> 'PUBLISERT' OR $5::text[] IS NULL OR pstatus = ANY($5::text[])))) AS s,
           ($7::text[] IS NULL OR fylkesnummer = ANY($7::text[])) AS f,
           ($8::text[] IS NULL OR kommunenummer = ANY($8::text[])) AS m
    FROM (SELECT t.id, t.kategori, t.status, t.fylkesnummer, t.kommunenummer, t.sist_endret, t.opprettet_tidspunkt,
                 CASE WHEN t.status <> 'PUBLISERT' THEN NULL
                      WHEN t.svarfrist IS NOT NULL AND t.svarfrist < $9 THEN 'SVARFRIST_PASSERT'
                      ELSE 'ÅPEN_FOR_SØKERE' END AS pstatus
          FROM rekrutteringstreff t
          WHERE t.status <> 'SLETTET'
            AND ((t.status <> 'UTKAST' AND t.kategori <> 'WORKOP') OR $1 = ANY(t.eiere))
            AND (NOT $2 OR $1 = ANY(t.eiere))
            AND ($6::text[] IS NULL OR t.kontorer && $6::text[])) t)";

// The total and the five aggregations in one pass: a grouping set per aggregation, each counted
// with its own filters (GROUPING() tells the sets apart; the empty set is the total). One scan
// instead of a materialised set read seven times halved the statement's time.
const std::string kAggregeringer = fmt::format(R"(
    SELECT GROUPING(kategori, status, pstatus, fylkesnummer, kommunenummer),
           coalesce(kategori, status, pstatus, fylkesnummer, kommunenummer),
           count(*) FILTER (WHERE s AND f AND m),
           count(*) FILTER (WHERE k AND f AND m),
           count(*) FILTER (WHERE k AND f AND m AND pstatus IS NOT NULL),
           count(*) FILTER (WHERE k AND s AND fylkesnummer IS NOT NULL),
           count(*) FILTER (WHERE k AND s AND f AND kommunenummer IS NOT NULL),
           count(*) FILTER (WHERE k AND s AND f AND m)
    FROM ({}) b
    GROUP BY GROUPING SETS ((kategori), (status), (pstatus), (fylkesnummer), (kommunenummer), ()))",
                                                  kSynlige);

// The page on its own: with the sort's index (migration 010) the first pages read a few dozen rows.
// $10 limit, $11 offset.
const std::string& side_sql(Sortering s) {
    constexpr const char* kSide = "SELECT id FROM ({}) b WHERE k AND s AND f AND m ORDER BY {} LIMIT $10 OFFSET $11";
    static const std::string sist = fmt::format(kSide, kSynlige, "sist_endret DESC, id");
    static const std::string nyeste = fmt::format(kSide, kSynlige, "opprettet_tidspunkt DESC, id");
    static const std::string eldste = fmt::format(kSide, kSynlige, "opprettet_tidspunkt, id");
    return s == Sortering::nyeste ? nyeste : s == Sortering::eldste ? eldste : sist;
}

// GROUPING(...) of each aggregation's set: a bit per column left out, kategori the highest.
enum Sett : long long { kategori = 15, status = 23, pstatus = 27, fylke = 29, kommune = 30, alle = 31 };

}  // namespace

Treffside sok(pg::Connection& c, const TreffSok& s, Instant naa) {
    std::optional<std::vector<std::string>> publisert;
    if (s.statuser && s.publisert_statuser &&
        std::find(s.statuser->begin(), s.statuser->end(), treffstatus::publisert) != s.statuser->end())
        publisert = s.publisert_statuser;
    Treffside out;
    auto side = c.query(side_sql(s.sortering), s.kaller, s.bare_mine, s.kategorier, s.statuser, publisert, s.kontorer,
                        s.fylkesnumre, s.kommunenumre, naa, s.antall_per_side,
                        static_cast<long long>(s.side - 1) * s.antall_per_side);
    for (int i = 0; i < side.rows(); ++i) out.ider.emplace_back(side.text(i, 0));
    auto a = c.query(kAggregeringer, s.kaller, s.bare_mine, s.kategorier, s.statuser, publisert, s.kontorer, s.fylkesnumre,
                     s.kommunenumre, naa);
    // Rows come grouped by set; within a set sorted by verdi in byte order ("C"), as the spec's
    // lists are (so ÅPEN_FOR_SØKERE sorts after SVARFRIST_PASSERT).
    std::map<long long, std::map<std::string, long long>> sett;
    for (int i = 0; i < a.rows(); ++i) {
        auto hvilket = a.integer(i, 0);
        if (hvilket == Sett::alle) {
            out.antall_totalt = a.integer(i, 7);
            continue;
        }
        if (a.is_null(i, 1)) continue;  // null values are not counted
        int kolonne = hvilket == Sett::kategori ? 2 : hvilket == Sett::status ? 3 : hvilket == Sett::pstatus ? 4
                    : hvilket == Sett::fylke    ? 5 : 6;
        if (auto n = a.integer(i, kolonne); n > 0) sett[hvilket][std::string(a.text(i, 1))] = n;
    }
    auto liste = [&](Sett hvilket) {
        Aggregering l;
        for (auto& [verdi, n] : sett[hvilket]) l.emplace_back(verdi, n);
        return l;
    };
    out.kategorier = liste(Sett::kategori);
    out.statuser = liste(Sett::status);
    out.publisert_statuser = liste(Sett::pstatus);
    out.fylkesnumre = liste(Sett::fylke);
    out.kommunenumre = liste(Sett::kommune);
    return out;
}

}  // namespace rt::treff::sok_repo
