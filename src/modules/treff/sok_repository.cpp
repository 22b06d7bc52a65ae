#include "modules/treff/sok_repository.hpp"

#include <boost/json.hpp>
#include <algorithm>
#include <fmt/format.h>

namespace rt::treff::sok_repo {
namespace {

Aggregering aggregering(const boost::json::value& v) {
    Aggregering out;
    if (v.is_null()) return out;
    for (const auto& e : v.as_array()) {
        const auto& o = e.as_object();
        out.emplace_back(std::string(o.at("verdi").as_string()), o.at("antall").to_number<long long>());
    }
    return out;
}

// Each filter is a column of `b`, so that every aggregation can leave out its own. $1 caller,
// $2 only mine, $3 kategorier, $4 statuser, $5 publisertStatuser (null unless statuser holds
// PUBLISERT), $6 kontorer, $7 fylkesnumre, $8 kommunenumre, $9 now, $10 limit, $11 offset.
// Sorting by verdi in byte order ("C"), so ÅPEN_FOR_SØKERE sorts after SVARFRIST_PASSERT.
constexpr const char* kSql = R"(
    WITH b AS MATERIALIZED (
        SELECT id, kategori, status, fylkesnummer, kommunenummer, sist_endret, opprettet_tidspunkt, pstatus,
               ($3::text[] IS NULL OR kategori = ANY($3::text[])) AS k,
               ($4::text[] IS NULL OR (status = ANY($4::text[])
                                       AND (status <> 'PUBLISERT' OR $5::text[] IS NULL OR pstatus = ANY($5::text[])))) AS s,
               ($7::text[] IS NULL OR fylkesnummer = ANY($7::text[])) AS f,
               ($8::text[] IS NULL OR kommunenummer = ANY($8::text[])) AS m
        FROM (SELECT t.*, CASE WHEN t.status <> 'PUBLISERT' THEN NULL
                               WHEN t.svarfrist IS NOT NULL AND t.svarfrist < $9 THEN 'SVARFRIST_PASSERT'
                               ELSE 'ÅPEN_FOR_SØKERE' END AS pstatus
              FROM rekrutteringstreff t) t
        WHERE status <> 'SLETTET'
          AND (status <> 'UTKAST' OR $1 = ANY(eiere))
          AND (kategori <> 'WORKOP' OR $1 = ANY(eiere))
          AND (NOT $2 OR $1 = ANY(eiere))
          AND ($6::text[] IS NULL OR kontorer && $6::text[])),
    treff AS (SELECT * FROM b WHERE k AND s AND f AND m)
    SELECT
      (SELECT coalesce(json_agg(id), '[]') FROM (SELECT id FROM treff ORDER BY {} LIMIT $10 OFFSET $11) p),
      (SELECT count(*) FROM treff),
      (SELECT json_agg(json_build_object('verdi', v, 'antall', n) ORDER BY v COLLATE "C")
         FROM (SELECT kategori AS v, count(*) AS n FROM b WHERE s AND f AND m GROUP BY 1) a),
      (SELECT json_agg(json_build_object('verdi', v, 'antall', n) ORDER BY v COLLATE "C")
         FROM (SELECT status AS v, count(*) AS n FROM b WHERE k AND f AND m GROUP BY 1) a),
      (SELECT json_agg(json_build_object('verdi', v, 'antall', n) ORDER BY v COLLATE "C")
         FROM (SELECT pstatus AS v, count(*) AS n FROM b WHERE k AND f AND m AND pstatus IS NOT NULL GROUP BY 1) a),
      (SELECT json_agg(json_build_object('verdi', v, 'antall', n) ORDER BY v COLLATE "C")
         FROM (SELECT fylkesnummer AS v, count(*) AS n FROM b WHERE k AND s AND fylkesnummer IS NOT NULL GROUP BY 1) a),
      (SELECT json_agg(json_build_object('verdi', v, 'antall', n) ORDER BY v COLLATE "C")
         FROM (SELECT kommunenummer AS v, count(*) AS n FROM b WHERE k AND s AND f AND kommunenummer IS NOT NULL GROUP BY 1) a))";

const std::string& sql_for(Sortering s) {
    static const std::string sist = fmt::format(kSql, "sist_endret DESC, id");
    static const std::string nyeste = fmt::format(kSql, "opprettet_tidspunkt DESC, id");
    static const std::string eldste = fmt::format(kSql, "opprettet_tidspunkt, id");
    return s == Sortering::nyeste ? nyeste : s == Sortering::eldste ? eldste : sist;
}

}  // namespace

Treffside sok(pg::Connection& c, const TreffSok& s, Instant naa) {
    std::optional<std::vector<std::string>> publisert;
    if (s.statuser && s.publisert_statuser &&
        std::find(s.statuser->begin(), s.statuser->end(), treffstatus::publisert) != s.statuser->end())
        publisert = s.publisert_statuser;
    auto r = c.query(sql_for(s.sortering), s.kaller, s.bare_mine, s.kategorier, s.statuser, publisert, s.kontorer, s.fylkesnumre,
                     s.kommunenumre, naa, s.antall_per_side, static_cast<long long>(s.side - 1) * s.antall_per_side);
    Treffside out;
    auto ider = boost::json::parse(r.text(0, 0));  // kept alive: the loop walks inside it
    for (const auto& id : ider.as_array()) out.ider.emplace_back(id.as_string());
    out.antall_totalt = r.integer(0, 1);
    auto les = [&](int col) { return r.is_null(0, col) ? Aggregering{} : aggregering(boost::json::parse(r.text(0, col))); };
    out.kategorier = les(2);
    out.statuser = les(3);
    out.publisert_statuser = les(4);
    out.fylkesnumre = les(5);
    out.kommunenumre = les(6);
    return out;
}

}  // namespace rt::treff::sok_repo
