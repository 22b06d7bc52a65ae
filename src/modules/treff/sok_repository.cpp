#include "modules/treff/sok_repository.hpp"

#include <algorithm>
#include <map>
#include <fmt/format.h>

namespace rt::treff::sok_repo {
namespace {

// The meetings the caller may see at all: $1 caller, $2 only mine, $3 kontorer.
constexpr const char* kSynlige = R"(
    FROM rekrutteringstreff t
    WHERE t.status <> 'SLETTET'
      AND ((t.status <> 'UTKAST' AND t.kategori <> 'WORKOP') OR $1 = ANY(t.eiere))
      AND (NOT $2 OR $1 = ANY(t.eiere))
      AND ($3::text[] IS NULL OR t.kontorer && $3::text[]))";

// A published meeting's kind at $4 (now); null for other statuses.
constexpr const char* kPublisertStatus = R"(
    CASE WHEN t.status <> 'PUBLISERT' THEN NULL
         WHEN t.svarfrist IS NOT NULL AND t.svarfrist < $4 THEN 'SVARFRIST_PASSERT'
         ELSE 'ÅPEN_FOR_SØKERE' END)";

// The visible meetings counted once per combination of the five filtered columns: a few hundred
// rows at most, since kategori, status, publisert kind and kommune (which implies fylke) have few
// values. The total and every aggregation are folded from these rows in sok(), each leaving out
// its own filter. One plain hash aggregate with one count took a fraction of the time of a
// grouping set per aggregation with a filtered count per set.
const std::string kKombinasjoner = fmt::format(
    "SELECT t.kategori, t.status, {} AS pstatus, t.fylkesnummer, t.kommunenummer, count(*) {} GROUP BY 1, 2, 3, 4, 5",
    kPublisertStatus, kSynlige);

// The page on its own, with every filter: with the sort's index (migration 010) the first pages
// read a few dozen rows. $5 kategorier, $6 statuser, $7 publisertStatuser (null unless statuser
// holds PUBLISERT), $8 fylkesnumre, $9 kommunenumre, $10 limit, $11 offset.
const std::string& side_sql(Sortering s) {
    constexpr const char* kSide = R"(SELECT t.id {}
      AND ($5::text[] IS NULL OR t.kategori = ANY($5::text[]))
      AND ($6::text[] IS NULL OR (t.status = ANY($6::text[])
           AND (t.status <> 'PUBLISERT' OR $7::text[] IS NULL OR ({}) = ANY($7::text[]))))
      AND ($8::text[] IS NULL OR t.fylkesnummer = ANY($8::text[]))
      AND ($9::text[] IS NULL OR t.kommunenummer = ANY($9::text[]))
    ORDER BY {} LIMIT $10 OFFSET $11)";
    static const std::string sist = fmt::format(kSide, kSynlige, kPublisertStatus, "t.sist_endret DESC, t.id");
    static const std::string nyeste = fmt::format(kSide, kSynlige, kPublisertStatus, "t.opprettet_tidspunkt DESC, t.id");
    static const std::string eldste = fmt::format(kSide, kSynlige, kPublisertStatus, "t.opprettet_tidspunkt, t.id");
    return s == Sortering::nyeste ? nyeste : s == Sortering::eldste ? eldste : sist;
}

// A filter as SQL's "$n IS NULL OR value = ANY($n)": no filter lets everything through, a null
// value passes no filter.
bool slipper_gjennom(const std::optional<std::vector<std::string>>& filter, const std::optional<std::string_view>& verdi) {
    if (!filter) return true;
    return verdi && std::find(filter->begin(), filter->end(), *verdi) != filter->end();
}

}  // namespace

Treffside sok(pg::Connection& c, const TreffSok& s, Instant naa) {
    std::optional<std::vector<std::string>> publisert;
    if (s.statuser && s.publisert_statuser &&
        std::find(s.statuser->begin(), s.statuser->end(), treffstatus::publisert) != s.statuser->end())
        publisert = s.publisert_statuser;
    Treffside out;
    auto side = c.query(side_sql(s.sortering), s.kaller, s.bare_mine, s.kontorer, naa, s.kategorier, s.statuser, publisert,
                        s.fylkesnumre, s.kommunenumre, s.antall_per_side,
                        static_cast<long long>(s.side - 1) * s.antall_per_side);
    for (int i = 0; i < side.rows(); ++i) out.ider.emplace_back(side.text(i, 0));

    // Kept in byte order ("C"), as the spec's lists are (so ÅPEN_FOR_SØKERE sorts after SVARFRIST_PASSERT).
    std::map<std::string, long long, std::less<>> kategorier, statuser, pstatuser, fylker, kommuner;
    auto a = c.query(kKombinasjoner, s.kaller, s.bare_mine, s.kontorer, naa);
    for (int i = 0; i < a.rows(); ++i) {
        auto verdi = [&](int kolonne) -> std::optional<std::string_view> {
            if (a.is_null(i, kolonne)) return std::nullopt;
            return a.text(i, kolonne);
        };
        auto kategori = verdi(0), status = verdi(1), pstatus = verdi(2), fylke = verdi(3), kommune = verdi(4);
        auto antall = a.integer(i, 5);
        bool k = slipper_gjennom(s.kategorier, kategori);
        bool st = slipper_gjennom(s.statuser, status) &&
                  (status != treffstatus::publisert || slipper_gjennom(publisert, pstatus));
        bool f = slipper_gjennom(s.fylkesnumre, fylke);
        bool m = slipper_gjennom(s.kommunenumre, kommune);
        // Each aggregation counts with every filter but its own; null values are not listed.
        // fylkesnumre leaves out kommunenumre too, so that choosing a kommune does not hide the other counties.
        auto tell = [antall](auto& liste, const std::optional<std::string_view>& v, bool med) {
            if (med && v) liste[std::string(*v)] += antall;
        };
        if (k && st && f && m) out.antall_totalt += antall;
        tell(kategorier, kategori, st && f && m);
        tell(statuser, status, k && f && m);
        tell(pstatuser, pstatus, k && f && m);
        tell(fylker, fylke, k && st);
        tell(kommuner, kommune, k && st && f);
    }
    auto liste = [](const auto& antall_per_verdi) { return Aggregering(antall_per_verdi.begin(), antall_per_verdi.end()); };
    out.kategorier = liste(kategorier);
    out.statuser = liste(statuser);
    out.publisert_statuser = liste(pstatuser);
    out.fylkesnumre = liste(fylker);
    out.kommunenumre = liste(kommuner);
    return out;
}

}  // namespace rt::treff::sok_repo
