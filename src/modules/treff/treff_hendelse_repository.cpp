#include "modules/treff/treff_hendelse_repository.hpp"

#include "core/ids.hpp"

namespace rt::treff::treff_hendelse_repo {

void insert(pg::Connection& c, std::string_view treff_id, std::string_view hendelsestype, const Aktor& aktor, Instant tidspunkt,
            const std::optional<std::string>& subjekt) {
    c.query(R"(INSERT INTO rekrutteringstreff_hendelse (id, rekrutteringstreff_id, tidspunkt, hendelsestype, opprettet_av_aktortype,
                                                         aktoridentifikasjon, subjekt_id, subjekt_navn)
               VALUES ($1, $2, $3, $4, $5, $6, $7, $7))",
            new_uuid(), treff_id, tidspunkt, hendelsestype, aktor.type, aktor.ident, subjekt);
}

std::vector<TreffHendelse> for_treff(pg::Connection& c, std::string_view treff_id) {
    auto r = c.query(R"(SELECT id, tidspunkt, hendelsestype, opprettet_av_aktortype, aktoridentifikasjon, subjekt_id, subjekt_navn,
                               rekkefolge
                        FROM rekrutteringstreff_hendelse WHERE rekrutteringstreff_id = $1 ORDER BY rekkefolge DESC)",
                     treff_id);
    std::vector<TreffHendelse> out;
    out.reserve(r.rows());
    for (int i = 0; i < r.rows(); ++i)
        out.push_back({r.str(i, 0), std::string(ressurs::rekrutteringstreff), r.time(i, 1), r.str(i, 2), r.str(i, 3), r.opt_str(i, 4),
                       r.opt_str(i, 5), r.opt_str(i, 6), r.integer(i, 7)});
    return out;
}

}  // namespace rt::treff::treff_hendelse_repo
