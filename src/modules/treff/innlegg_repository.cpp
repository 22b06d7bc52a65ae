#include "modules/treff/innlegg_repository.hpp"

#include <fmt/format.h>

namespace rt::treff::innlegg_repo {
namespace {

constexpr const char* kColumns = R"(id, rekrutteringstreff_id, tittel, opprettet_av_person_navident, opprettet_av_person_navn,
    opprettet_av_person_beskrivelse, sendes_til_jobbsoker_tidspunkt, html_content, opprettet_tidspunkt, sist_oppdatert_tidspunkt)";

Innlegg read(const pg::Result& r, int i) {
    Innlegg x;
    x.id = r.str(i, 0);
    x.treff_id = r.str(i, 1);
    x.felter.tittel = r.str(i, 2);
    x.opprettet_av_person_navident = r.str(i, 3);
    x.felter.opprettet_av_person_navn = r.str(i, 4);
    x.felter.opprettet_av_person_beskrivelse = r.str(i, 5);
    x.felter.sendes_til_jobbsoker_tidspunkt = r.opt_time(i, 6);
    x.felter.html_content = r.str(i, 7);
    x.opprettet_tidspunkt = r.time(i, 8);
    x.sist_oppdatert_tidspunkt = r.time(i, 9);
    return x;
}

std::vector<Innlegg> read_all(const pg::Result& r) {
    std::vector<Innlegg> out;
    out.reserve(r.rows());
    for (int i = 0; i < r.rows(); ++i) out.push_back(read(r, i));
    return out;
}

}  // namespace

void insert(pg::Connection& c, const Innlegg& i) {
    const auto& f = i.felter;
    c.query(R"(INSERT INTO innlegg (id, rekrutteringstreff_id, tittel, opprettet_av_person_navident, opprettet_av_person_navn,
                   opprettet_av_person_beskrivelse, sendes_til_jobbsoker_tidspunkt, html_content, opprettet_tidspunkt,
                   sist_oppdatert_tidspunkt)
               VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10))",
            i.id, i.treff_id, f.tittel, i.opprettet_av_person_navident, f.opprettet_av_person_navn, f.opprettet_av_person_beskrivelse,
            f.sendes_til_jobbsoker_tidspunkt, f.html_content, i.opprettet_tidspunkt, i.sist_oppdatert_tidspunkt);
}

void update(pg::Connection& c, const Innlegg& i) {
    const auto& f = i.felter;
    c.query(R"(UPDATE innlegg SET tittel = $2, opprettet_av_person_navn = $3, opprettet_av_person_beskrivelse = $4,
                   sendes_til_jobbsoker_tidspunkt = $5, html_content = $6, sist_oppdatert_tidspunkt = $7
               WHERE id = $1)",
            i.id, f.tittel, f.opprettet_av_person_navn, f.opprettet_av_person_beskrivelse, f.sendes_til_jobbsoker_tidspunkt,
            f.html_content, i.sist_oppdatert_tidspunkt);
}

std::vector<Innlegg> for_treff(pg::Connection& c, std::string_view treff_id) {
    static const auto sql = fmt::format("SELECT {} FROM innlegg WHERE rekrutteringstreff_id = $1 ORDER BY rekkefolge", kColumns);
    return read_all(c.query(sql, treff_id));
}

std::optional<Innlegg> find(pg::Connection& c, std::string_view treff_id, std::string_view id) {
    static const auto sql = fmt::format("SELECT {} FROM innlegg WHERE rekrutteringstreff_id = $1 AND id = $2", kColumns);
    auto all = read_all(c.query(sql, treff_id, id));
    if (all.empty()) return std::nullopt;
    return all.front();
}

bool remove(pg::Connection& c, std::string_view treff_id, std::string_view id) {
    return c.query("DELETE FROM innlegg WHERE rekrutteringstreff_id = $1 AND id = $2 RETURNING id", treff_id, id).rows() > 0;
}

}  // namespace rt::treff::innlegg_repo
