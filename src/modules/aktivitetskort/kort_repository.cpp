#include "modules/aktivitetskort/kort_repository.hpp"

namespace rt::aktivitetskort::kort_repo {

std::vector<NyttKort> opprett(pg::Connection& c, const std::vector<NyttKort>& kort, Instant now) {
    if (kort.empty()) return {};
    std::vector<std::string> ider, treff, fnr;
    for (const auto& k : kort) {
        ider.push_back(k.kort_id);
        treff.push_back(k.treff_id);
        fnr.push_back(k.fnr);
    }
    auto r = c.query(R"(INSERT INTO aktivitetskort (aktivitetskort_id, rekrutteringstreff_id, fnr, opprettet)
                        SELECT n.id, n.treff, n.fnr, $4 FROM unnest($1::uuid[], $2::uuid[], $3::text[]) AS n (id, treff, fnr)
                        ON CONFLICT (rekrutteringstreff_id, fnr) DO NOTHING
                        RETURNING aktivitetskort_id, rekrutteringstreff_id, fnr)",
                     ider, treff, fnr, now);
    std::vector<NyttKort> out;
    for (int i = 0; i < r.rows(); ++i) out.push_back({r.str(i, 0), r.str(i, 1), r.str(i, 2)});
    return out;
}

void insert_versjoner(pg::Connection& c, const std::vector<Versjon>& versjoner) {
    if (versjoner.empty()) return;
    std::vector<std::string> message_id, kort_id, fnr, tittel, status, endret_av, endret_av_type, melding;
    std::vector<std::optional<std::string>> hendelse_id, gate, postnr, poststed;
    std::vector<std::optional<std::string>> fra, til;
    std::vector<Instant> endret;
    for (const auto& v : versjoner) {
        message_id.push_back(v.message_id);
        kort_id.push_back(v.kort_id);
        fnr.push_back(v.fnr);
        hendelse_id.push_back(v.hendelse_id);
        tittel.push_back(v.innhold.tittel);
        status.push_back(v.endring.status);
        fra.push_back(v.innhold.fra_tid ? std::optional(tid::format_database(*v.innhold.fra_tid)) : std::nullopt);
        til.push_back(v.innhold.til_tid ? std::optional(tid::format_database(*v.innhold.til_tid)) : std::nullopt);
        gate.push_back(v.innhold.gateadresse);
        postnr.push_back(v.innhold.postnummer);
        poststed.push_back(v.innhold.poststed);
        endret_av.push_back(v.endring.ident);
        endret_av_type.push_back(v.endring.ident_type);
        endret.push_back(v.endring.tidspunkt);
        melding.push_back(v.melding);
    }
    // WITH ORDINALITY keeps the given order in versjon, which is the send order.
    c.query(R"(INSERT INTO aktivitetskort_versjon (message_id, aktivitetskort_id, fnr, hendelse_id, tittel, aktivitet_status,
                   fra_tid, til_tid, gateadresse, postnummer, poststed, endret_av, endret_av_type, endret_tidspunkt, melding)
               SELECT v.message_id, v.kort_id, v.fnr, v.hendelse_id, v.tittel, v.status, v.fra, v.til, v.gate, v.postnr,
                      v.poststed, v.endret_av, v.endret_av_type, v.endret, v.melding
               FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::uuid[], $5::text[], $6::text[], $7::timestamptz[],
                           $8::timestamptz[], $9::text[], $10::text[], $11::text[], $12::text[], $13::text[],
                           $14::timestamptz[], $15::text[]) WITH ORDINALITY
                    AS v (message_id, kort_id, fnr, hendelse_id, tittel, status, fra, til, gate, postnr, poststed, endret_av,
                          endret_av_type, endret, melding, nr)
               ORDER BY v.nr)",
            message_id, kort_id, fnr, hendelse_id, tittel, status, fra, til, gate, postnr, poststed, endret_av, endret_av_type,
            endret, melding);
}

std::optional<GjeldendeKort> gjeldende(pg::Connection& c, const std::string& treff_id, const std::string& fnr) {
    auto r = c.query(R"(SELECT k.aktivitetskort_id, v.aktivitet_status, v.tittel, v.fra_tid, v.til_tid, v.gateadresse,
                               v.postnummer, v.poststed
                        FROM aktivitetskort k
                        JOIN LATERAL (SELECT * FROM aktivitetskort_versjon WHERE aktivitetskort_id = k.aktivitetskort_id
                                      ORDER BY versjon DESC LIMIT 1) v ON true
                        WHERE k.rekrutteringstreff_id = $1 AND k.fnr = $2
                        FOR UPDATE OF k)",
                     treff_id, fnr);
    if (r.rows() == 0) return std::nullopt;
    return GjeldendeKort{r.str(0, 0), r.str(0, 1),
                         KortInnhold{treff_id, r.str(0, 2), r.opt_time(0, 3), r.opt_time(0, 4), r.opt_str(0, 5), r.opt_str(0, 6),
                                     r.opt_str(0, 7)}};
}

std::set<std::string> allerede_behandlet(pg::Connection& c, const std::vector<std::string>& hendelse_ider) {
    auto r = c.query("SELECT hendelse_id FROM aktivitetskort_behandlet_hendelse WHERE hendelse_id = ANY($1::uuid[])", hendelse_ider);
    std::set<std::string> out;
    for (int i = 0; i < r.rows(); ++i) out.insert(r.str(i, 0));
    return out;
}

void merk_behandlet(pg::Connection& c, const std::vector<std::string>& hendelse_ider, Instant now) {
    if (hendelse_ider.empty()) return;
    c.query(R"(INSERT INTO aktivitetskort_behandlet_hendelse (hendelse_id, behandlet)
               SELECT unnest($1::uuid[]), $2 ON CONFLICT DO NOTHING)",
            hendelse_ider, now);
}

}  // namespace rt::aktivitetskort::kort_repo
