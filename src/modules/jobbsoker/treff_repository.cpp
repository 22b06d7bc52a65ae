#include "modules/jobbsoker/treff_repository.hpp"

#include <fmt/format.h>

#include "core/errors.hpp"

namespace rt::jobbsoker::treff_repo {
namespace {

constexpr const char* kColumns = R"(
    t.id, t.tittel, t.beskrivelse, t.fra_tid, t.til_tid, t.svarfrist, t.gateadresse, t.postnummer, t.poststed,
    t.status, t.opprettet_av_navident, t.opprettet_tidspunkt, t.eiere, t.sist_endret, t.sist_endret_av)";

Treff read(const pg::Result& r, int i) {
    Treff t;
    t.id = r.str(i, 0);
    t.tittel = r.str(i, 1);
    t.beskrivelse = r.opt_str(i, 2);
    t.fra_tid = r.opt_time(i, 3);
    t.til_tid = r.opt_time(i, 4);
    t.svarfrist = r.opt_time(i, 5);
    t.gateadresse = r.opt_str(i, 6);
    t.postnummer = r.opt_str(i, 7);
    t.poststed = r.opt_str(i, 8);
    t.status = r.str(i, 9);
    t.opprettet_av = r.str(i, 10);
    t.opprettet_tidspunkt = r.time(i, 11);
    t.eiere = r.str_array(i, 12);
    t.sist_endret = r.time(i, 13);
    t.sist_endret_av = r.str(i, 14);
    return t;
}

}  // namespace

void insert(pg::Connection& c, const Treff& t) {
    c.query(R"(INSERT INTO rekrutteringstreff (id, tittel, beskrivelse, fra_tid, til_tid, svarfrist, gateadresse,
                   postnummer, poststed, status, opprettet_av_navident, opprettet_tidspunkt, eiere, sist_endret, sist_endret_av)
               VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13::text[], $14, $15))",
            t.id, t.tittel, t.beskrivelse, t.fra_tid, t.til_tid, t.svarfrist, t.gateadresse, t.postnummer, t.poststed,
            t.status, t.opprettet_av, t.opprettet_tidspunkt, t.eiere, t.sist_endret, t.sist_endret_av);
}

std::optional<Treff> find(pg::Connection& c, std::string_view id, Las las) {
    static const auto sql = fmt::format("SELECT {} FROM rekrutteringstreff t WHERE t.id = $1 AND t.status <> 'SLETTET'", kColumns);
    static const auto share = sql + " FOR SHARE";
    static const auto update = sql + " FOR UPDATE";
    auto r = c.query(las == Las::ingen ? sql : las == Las::del ? share : update, id);
    if (r.rows() == 0) return std::nullopt;
    return read(r, 0);
}

Treff krev(pg::Connection& c, std::string_view id, Las las) {
    auto t = find(c, id, las);
    if (!t) throw not_found("treffet finnes ikke");
    return *t;
}

Treff med_antall(pg::Connection& c, Treff t) {
    auto counts = c.query(R"(SELECT count(*), count(*) FILTER (WHERE status = 'SVART_JA') FROM jobbsoker
                             WHERE rekrutteringstreff_id = $1 AND er_synlig AND status <> 'SLETTET')",
                          t.id);
    t.antall_jobbsokere = counts.integer(0, 0);
    t.antall_svart_ja = counts.integer(0, 1);
    return t;
}

void update_fields(pg::Connection& c, const Treff& t) {
    c.query(R"(UPDATE rekrutteringstreff SET tittel = $2, beskrivelse = $3, fra_tid = $4, til_tid = $5, svarfrist = $6,
                   gateadresse = $7, postnummer = $8, poststed = $9, sist_endret = $10, sist_endret_av = $11
               WHERE id = $1)",
            t.id, t.tittel, t.beskrivelse, t.fra_tid, t.til_tid, t.svarfrist, t.gateadresse, t.postnummer, t.poststed,
            t.sist_endret, t.sist_endret_av);
}

void set_status(pg::Connection& c, std::string_view id, std::string_view status, Instant when, std::string_view by) {
    c.query("UPDATE rekrutteringstreff SET status = $2, sist_endret = $3, sist_endret_av = $4 WHERE id = $1", id, status,
            when, by);
}

}  // namespace rt::jobbsoker::treff_repo
