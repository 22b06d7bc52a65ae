#include "modules/treff/treff_repository.hpp"

#include <fmt/format.h>

#include "core/errors.hpp"

namespace rt::treff::treff_repo {
namespace {

constexpr const char* kColumns = R"(
    t.id, t.tittel, t.beskrivelse, t.fra_tid, t.til_tid, t.svarfrist, t.gateadresse, t.postnummer, t.poststed,
    t.status, t.opprettet_av_navident, t.opprettet_tidspunkt, t.eiere, t.sist_endret, t.sist_endret_av,
    t.kategori, t.kommune, t.kommunenummer, t.fylke, t.fylkesnummer, t.kontorer, t.opprettet_av_navkontor_enhet_id,
    t.avlyst_fra_status)";

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
    t.kategori = r.str(i, 15);
    t.kommune = r.opt_str(i, 16);
    t.kommunenummer = r.opt_str(i, 17);
    t.fylke = r.opt_str(i, 18);
    t.fylkesnummer = r.opt_str(i, 19);
    t.kontorer = r.str_array(i, 20);
    t.opprettet_av_navkontor = r.opt_str(i, 21);
    t.avlyst_fra_status = r.opt_str(i, 22);
    return t;
}

}  // namespace

void insert(pg::Connection& c, const Treff& t) {
    c.query(R"(INSERT INTO rekrutteringstreff (id, tittel, beskrivelse, fra_tid, til_tid, svarfrist, gateadresse,
                   postnummer, poststed, status, opprettet_av_navident, opprettet_tidspunkt, eiere, sist_endret, sist_endret_av,
                   kategori)
               VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13::text[], $14, $15, $16))",
            t.id, t.tittel, t.beskrivelse, t.fra_tid, t.til_tid, t.svarfrist, t.gateadresse, t.postnummer, t.poststed,
            t.status, t.opprettet_av, t.opprettet_tidspunkt, t.eiere, t.sist_endret, t.sist_endret_av, t.kategori);
}

std::optional<Treff> find(pg::Connection& c, std::string_view id, Las las) {
    static const auto sql = fmt::format("SELECT {} FROM rekrutteringstreff t WHERE t.id = $1", kColumns);
    static const auto share = sql + " FOR SHARE";
    static const auto update = sql + " FOR UPDATE";
    // Prepared: every read of a meeting comes here (GET /api/rekrutteringstreff/{id} is the
    // API's most frequent request), and planning it each time cost more than running it.
    auto r = las == Las::ingen ? c.query_prepared("treff_finn", sql, id)
             : las == Las::del ? c.query_prepared("treff_finn_del", share, id)
                               : c.query_prepared("treff_finn_oppdater", update, id);
    if (r.rows() == 0) return std::nullopt;
    return read(r, 0);
}

Treff krev(pg::Connection& c, std::string_view id, Las las) {
    auto t = find(c, id, las);
    if (!t) throw not_found("treffet finnes ikke");
    return *t;
}

std::vector<Treff> find_many(pg::Connection& c, const std::vector<std::string>& ids) {
    static const auto sql = fmt::format("SELECT {} FROM rekrutteringstreff t WHERE t.id = ANY($1::uuid[])", kColumns);
    auto r = c.query(sql, ids);
    std::vector<Treff> out;
    out.reserve(r.rows());
    for (int i = 0; i < r.rows(); ++i) out.push_back(read(r, i));
    return out;
}

void update_fields(pg::Connection& c, const Treff& t) {
    c.query(R"(UPDATE rekrutteringstreff SET tittel = $2, beskrivelse = $3, fra_tid = $4, til_tid = $5, svarfrist = $6,
                   gateadresse = $7, postnummer = $8, poststed = $9, kommune = $10, kommunenummer = $11, fylke = $12,
                   fylkesnummer = $13, sist_endret = $14, sist_endret_av = $15
               WHERE id = $1)",
            t.id, t.tittel, t.beskrivelse, t.fra_tid, t.til_tid, t.svarfrist, t.gateadresse, t.postnummer, t.poststed,
            t.kommune, t.kommunenummer, t.fylke, t.fylkesnummer, t.sist_endret, t.sist_endret_av);
}

void set_status(pg::Connection& c, std::string_view id, std::string_view status, const std::optional<std::string>& avlyst_fra,
                Instant when, std::string_view by) {
    c.query(R"(UPDATE rekrutteringstreff SET status = $2, avlyst_fra_status = $3, sist_endret = $4, sist_endret_av = $5
               WHERE id = $1)",
            id, status, avlyst_fra, when, by);
}

void set_eiere(pg::Connection& c, std::string_view id, const std::vector<std::string>& eiere) {
    c.query("UPDATE rekrutteringstreff SET eiere = $2::text[] WHERE id = $1", id, eiere);
}

std::vector<std::string> publiserte_avsluttet_for(pg::Connection& c, Instant now) {
    auto r = c.query("SELECT id FROM rekrutteringstreff WHERE status = 'PUBLISERT' AND til_tid < $1 ORDER BY til_tid, id", now);
    std::vector<std::string> out;
    for (int i = 0; i < r.rows(); ++i) out.push_back(r.str(i, 0));
    return out;
}

}  // namespace rt::treff::treff_repo
