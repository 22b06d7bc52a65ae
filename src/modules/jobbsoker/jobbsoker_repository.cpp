#include "modules/jobbsoker/jobbsoker_repository.hpp"

#include <algorithm>
#include <set>
#include <fmt/format.h>

#include "core/ids.hpp"

namespace rt::jobbsoker::jobbsoker_repo {
namespace {

constexpr const char* kColumns =
    "j.id, j.rekrutteringstreff_id, j.fodselsnummer, j.fornavn, j.etternavn, j.lagt_til_av_navn, j.status, j.er_synlig";

Jobbsoker read(const pg::Result& r, int i) {
    Jobbsoker j;
    j.id = r.str(i, 0);
    j.treff_id = r.str(i, 1);
    j.fodselsnummer = r.str(i, 2);
    j.fornavn = r.str(i, 3);
    j.etternavn = r.str(i, 4);
    j.lagt_til_av_navn = r.opt_str(i, 5);
    j.status = r.str(i, 6);
    j.er_synlig = r.boolean(i, 7);
    return j;
}

constexpr const char* kHendelseColumns =
    "h.id, h.jobbsoker_id, h.tidspunkt, h.hendelsestype, h.opprettet_av_aktortype, h.aktoridentifikasjon, h.hendelse_data";

Hendelse read_hendelse(const pg::Result& r, int i, int offset = 0) {
    return Hendelse{r.str(i, offset), r.str(i, offset + 1), r.time(i, offset + 2), r.str(i, offset + 3),
                    r.str(i, offset + 4), r.opt_str(i, offset + 5), r.opt_str(i, offset + 6)};
}

// Fills in each job seeker's events, newest first, with one query.
void attach_hendelser(pg::Connection& c, std::vector<Jobbsoker>& jobbsokere) {
    if (jobbsokere.empty()) return;
    std::vector<std::string> ids;
    std::map<std::string, Jobbsoker*, std::less<>> by_id;
    for (auto& j : jobbsokere) {
        ids.push_back(j.id);
        by_id[j.id] = &j;
    }
    static const auto sql = fmt::format(R"(SELECT {} FROM jobbsoker_hendelse h
        WHERE h.jobbsoker_id = ANY($1::uuid[]) ORDER BY h.rekkefolge DESC)", kHendelseColumns);
    auto r = c.query(sql, ids);
    for (int i = 0; i < r.rows(); ++i) {
        auto h = read_hendelse(r, i);
        by_id.at(h.jobbsoker_id)->hendelser.push_back(std::move(h));
    }
}

std::vector<Jobbsoker> read_all(const pg::Result& r) {
    std::vector<Jobbsoker> out;
    out.reserve(r.rows());
    for (int i = 0; i < r.rows(); ++i) out.push_back(read(r, i));
    return out;
}

// LIKE treats % and _ as wildcards; a search for them means the characters themselves.
std::string like_pattern(const std::string& text) {
    std::string out = "%";
    for (char ch : text) {
        if (ch == '%' || ch == '_' || ch == '\\') out += '\\';
        out += ch;
    }
    return out + "%";
}

}  // namespace

std::vector<Jobbsoker> insert(pg::Connection& c, std::string_view treff_id, const std::vector<NyJobbsoker>& nye, Instant now) {
    std::vector<std::string> ids, fnrs, fornavn, etternavn;
    std::vector<std::optional<std::string>> lagt_til_av;
    for (const auto& n : nye) {
        ids.push_back(new_uuid());
        fnrs.push_back(n.fodselsnummer);
        fornavn.push_back(n.fornavn);
        etternavn.push_back(n.etternavn);
        lagt_til_av.push_back(n.lagt_til_av_navn);
    }
    static const auto sql = fmt::format(R"(
        INSERT INTO jobbsoker AS j (id, rekrutteringstreff_id, fodselsnummer, fornavn, etternavn, lagt_til_av_navn, status,
                                    lagt_til_tidspunkt)
        SELECT n.id, $1, n.fnr, n.fornavn, n.etternavn, n.lagt_til_av, 'LAGT_TIL', $7
        FROM unnest($2::uuid[], $3::text[], $4::text[], $5::text[], $6::text[]) AS n (id, fnr, fornavn, etternavn, lagt_til_av)
        ON CONFLICT (rekrutteringstreff_id, fodselsnummer) DO UPDATE
            SET status = 'LAGT_TIL', fornavn = EXCLUDED.fornavn, etternavn = EXCLUDED.etternavn,
                lagt_til_av_navn = EXCLUDED.lagt_til_av_navn, lagt_til_tidspunkt = EXCLUDED.lagt_til_tidspunkt
            WHERE j.status = 'SLETTET'
        RETURNING {})", kColumns);
    auto r = c.query(sql,
                     treff_id, ids, fnrs, fornavn, etternavn, lagt_til_av, now);
    return read_all(r);
}

void insert_hendelser(pg::Connection& c, const std::vector<NyHendelse>& hendelser, Instant now) {
    if (hendelser.empty()) return;
    std::vector<std::string> ids, jobbsokere, typer, aktortyper;
    std::vector<std::optional<std::string>> aktorer, data;
    for (const auto& h : hendelser) {
        ids.push_back(new_uuid());
        jobbsokere.push_back(h.jobbsoker_id);
        typer.emplace_back(h.hendelsestype);
        aktortyper.emplace_back(h.aktortype);
        aktorer.push_back(h.aktor);
        data.push_back(h.data);
    }
    static const std::vector<std::string> videreformidles(std::begin(hendelsestype::videreformidles),
                                                          std::end(hendelsestype::videreformidles));
    // WITH ORDINALITY keeps the given order in rekkefolge, which is the delivery order.
    c.query(R"(
        WITH ny AS (
            INSERT INTO jobbsoker_hendelse (id, jobbsoker_id, tidspunkt, hendelsestype, opprettet_av_aktortype,
                                            aktoridentifikasjon, hendelse_data)
            SELECT n.id, n.jobbsoker_id, $7, n.type, n.aktortype, n.aktor, n.data
            FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::text[], $5::text[], $6::jsonb[]) WITH ORDINALITY
                 AS n (id, jobbsoker_id, type, aktortype, aktor, data, nr)
            ORDER BY n.nr
            RETURNING id, rekkefolge, jobbsoker_id, hendelsestype)
        INSERT INTO hendelse_utboks (hendelse_id, rekkefolge, jobbsoker_id)
        SELECT id, rekkefolge, jobbsoker_id FROM ny WHERE hendelsestype = ANY($8::text[]))",
            ids, jobbsokere, typer, aktortyper, aktorer, data, now, videreformidles);
}

std::vector<Jobbsoker> list_synlige(pg::Connection& c, std::string_view treff_id) {
    static const auto sql = fmt::format(R"(SELECT {} FROM jobbsoker j
        WHERE j.rekrutteringstreff_id = $1 AND j.er_synlig AND j.status <> 'SLETTET'
        ORDER BY j.etternavn, j.fornavn, j.id)", kColumns);
    auto r = c.query(sql, treff_id);
    auto out = read_all(r);
    attach_hendelser(c, out);
    return out;
}

SokResultat sok(pg::Connection& c, std::string_view treff_id, const Sok& s) {
    std::optional<std::string> pattern;
    if (s.fritekst && !s.fritekst->empty()) pattern = like_pattern(*s.fritekst);
    std::optional<std::vector<std::string>> statuser;
    if (!s.statuser.empty()) statuser = s.statuser;
    // The page comes from idx_jobbsoker_treff_navn in name order and stops after the page, so
    // a short term matching thousands of names sorts nothing; the counts per status (which
    // ignore the status filter) are one GROUP BY, and the total is their sum over the statuses
    // asked for. No CTE: a materialized one copied every matching row before the page was cut.
    static const auto sql = fmt::format(R"(
        SELECT (SELECT coalesce(json_agg(p ORDER BY p.etternavn, p.fornavn, p.id), '[]') FROM (
                    SELECT {} FROM jobbsoker j
                    WHERE j.rekrutteringstreff_id = $1 AND j.er_synlig AND j.status <> 'SLETTET'
                      AND ($2::text IS NULL OR j.sok_tekst LIKE lower($2))
                      AND ($3::text[] IS NULL OR j.status = ANY($3::text[]))
                    ORDER BY j.etternavn, j.fornavn, j.id LIMIT $4 OFFSET $5) p),
               (SELECT coalesce(json_object_agg(status, n), '{{}}') FROM (
                    SELECT j.status, count(*) AS n FROM jobbsoker j
                    WHERE j.rekrutteringstreff_id = $1 AND j.er_synlig AND j.status <> 'SLETTET'
                      AND ($2::text IS NULL OR j.sok_tekst LIKE lower($2))
                    GROUP BY j.status) s),
               (SELECT count(*) FROM jobbsoker WHERE rekrutteringstreff_id = $1 AND NOT er_synlig AND status <> 'SLETTET'))",
                                        kColumns);
    auto r = c.query(sql, treff_id, pattern, statuser, s.antall_per_side, (s.side - 1) * s.antall_per_side);
    SokResultat out;
    auto page = boost::json::parse(r.text(0, 0));  // kept alive: the loops below walk inside
    auto per_status = boost::json::parse(r.text(0, 1));
    for (const auto& row : page.as_array()) {
        const auto& o = row.as_object();
        Jobbsoker j;
        j.id = o.at("id").as_string();
        j.treff_id = o.at("rekrutteringstreff_id").as_string();
        j.fodselsnummer = o.at("fodselsnummer").as_string();
        j.fornavn = o.at("fornavn").as_string();
        j.etternavn = o.at("etternavn").as_string();
        if (o.at("lagt_til_av_navn").is_string()) j.lagt_til_av_navn = std::string(o.at("lagt_til_av_navn").as_string());
        j.status = o.at("status").as_string();
        j.er_synlig = o.at("er_synlig").as_bool();
        out.jobbsokere.push_back(std::move(j));
    }
    attach_hendelser(c, out.jobbsokere);
    for (auto st : status::alle_synlige) out.antall_per_status[std::string(st)] = 0;
    for (const auto& [st, n] : per_status.as_object()) out.antall_per_status[st] = n.to_number<long long>();
    const std::set<std::string> valgte(s.statuser.begin(), s.statuser.end());
    for (const auto& [st, n] : out.antall_per_status)
        if (valgte.empty() || valgte.contains(st)) out.totalt += n;
    // Hidden rows are counted for the whole meeting, never filtered by the search text, so
    // that the count cannot be used to probe the names of people who must not be shown.
    out.antall_skjulte = r.integer(0, 2);
    return out;
}

std::optional<Jobbsoker> find(pg::Connection& c, std::string_view treff_id, std::string_view id, bool lock) {
    static const auto sql = fmt::format("SELECT {} FROM jobbsoker j WHERE j.rekrutteringstreff_id = $1 AND j.id = $2", kColumns);
    static const auto locking = sql + " FOR UPDATE";
    auto r = c.query(lock ? locking : sql, treff_id, id);
    if (r.rows() == 0) return std::nullopt;
    return read(r, 0);
}

std::optional<Jobbsoker> find_by_fnr(pg::Connection& c, std::string_view treff_id, std::string_view fnr, bool lock) {
    static const auto sql =
        fmt::format("SELECT {} FROM jobbsoker j WHERE j.rekrutteringstreff_id = $1 AND j.fodselsnummer = $2", kColumns);
    static const auto locking = sql + " FOR UPDATE";
    auto r = c.query(lock ? locking : sql, treff_id, fnr);
    if (r.rows() == 0) return std::nullopt;
    return read(r, 0);
}

std::vector<std::string> synlige_av(pg::Connection& c, std::string_view treff_id, const std::vector<std::string>& ids) {
    auto r = c.query(R"(SELECT id FROM jobbsoker WHERE rekrutteringstreff_id = $1 AND id = ANY($2::uuid[])
                        AND er_synlig AND status <> 'SLETTET')",
                     treff_id, ids);
    std::vector<std::string> out;
    for (int i = 0; i < r.rows(); ++i) out.push_back(r.str(i, 0));
    return out;
}

std::vector<std::string> flytt_status(pg::Connection& c, const std::vector<std::string>& ids, std::string_view fra,
                                      std::string_view til) {
    // Ordered locking: two requests moving overlapping sets cannot deadlock.
    auto r = c.query(R"(WITH mål AS (SELECT id FROM jobbsoker WHERE id = ANY($1::uuid[]) AND status = $2 ORDER BY id FOR UPDATE)
                        UPDATE jobbsoker j SET status = $3 FROM mål WHERE j.id = mål.id AND j.status = $2 RETURNING j.id)",
                     ids, fra, til);
    std::vector<std::string> out;
    for (int i = 0; i < r.rows(); ++i) out.push_back(r.str(i, 0));
    std::sort(out.begin(), out.end());
    return out;
}

void sett_status(pg::Connection& c, std::string_view id, std::string_view status) {
    c.query("UPDATE jobbsoker SET status = $2 WHERE id = $1", id, status);
}

std::vector<std::string> med_status(pg::Connection& c, std::string_view treff_id, const std::vector<std::string_view>& statuser) {
    std::vector<std::string> st(statuser.begin(), statuser.end());
    auto r = c.query(R"(SELECT id FROM jobbsoker WHERE rekrutteringstreff_id = $1 AND status = ANY($2::text[])
                        ORDER BY lagt_til_tidspunkt, id)",
                     treff_id, st);
    std::vector<std::string> out;
    for (int i = 0; i < r.rows(); ++i) out.push_back(r.str(i, 0));
    return out;
}

std::map<std::string, Antall> antall_synlige(pg::Connection& c, const std::vector<std::string>& treff_ider) {
    // Prepared: asked with every read of a meeting.
    auto r = c.query_prepared("jobbsoker_antall_synlige", R"(SELECT rekrutteringstreff_id, count(*), count(*) FILTER (WHERE status = 'SVART_JA') FROM jobbsoker
                        WHERE rekrutteringstreff_id = ANY($1::uuid[]) AND er_synlig AND status <> 'SLETTET'
                        GROUP BY rekrutteringstreff_id)",
                     treff_ider);
    std::map<std::string, Antall> out;
    for (int i = 0; i < r.rows(); ++i) out[r.str(i, 0)] = {r.integer(i, 1), r.integer(i, 2)};
    return out;
}

std::vector<Hendelse> hendelser(pg::Connection& c, std::string_view jobbsoker_id) {
    static const auto sql =
        fmt::format("SELECT {} FROM jobbsoker_hendelse h WHERE h.jobbsoker_id = $1 ORDER BY h.rekkefolge DESC", kHendelseColumns);
    auto r = c.query(sql, jobbsoker_id);
    std::vector<Hendelse> out;
    out.reserve(r.rows());
    for (int i = 0; i < r.rows(); ++i) out.push_back(read_hendelse(r, i));
    return out;
}

long long antall_ikke_slettet(pg::Connection& c, std::string_view treff_id) {
    return c.query("SELECT count(*) FROM jobbsoker WHERE rekrutteringstreff_id = $1 AND status <> 'SLETTET'", treff_id)
        .integer(0, 0);
}

std::vector<HendelseMedPerson> hendelser_for_treff(pg::Connection& c, std::string_view treff_id) {
    static const auto sql = fmt::format(R"(SELECT {}, j.fodselsnummer, j.fornavn, j.etternavn, h.rekkefolge
        FROM jobbsoker_hendelse h JOIN jobbsoker j ON j.id = h.jobbsoker_id
        WHERE j.rekrutteringstreff_id = $1 AND j.er_synlig
        ORDER BY h.rekkefolge DESC)", kHendelseColumns);
    auto r = c.query(sql, treff_id);
    std::vector<HendelseMedPerson> out;
    out.reserve(r.rows());
    for (int i = 0; i < r.rows(); ++i) out.push_back({read_hendelse(r, i), r.str(i, 7), r.str(i, 8), r.str(i, 9), r.integer(i, 10)});
    return out;
}

bool har_hendelse_med(pg::Connection& c, std::string_view jobbsoker_id, std::string_view type,
                      const std::string& data_subset_json) {
    return c.query(R"(SELECT 1 FROM jobbsoker_hendelse WHERE jobbsoker_id = $1 AND hendelsestype = $2
                      AND hendelse_data @> $3::jsonb LIMIT 1)",
                   jobbsoker_id, type, data_subset_json)
               .rows() > 0;
}

}  // namespace rt::jobbsoker::jobbsoker_repo
