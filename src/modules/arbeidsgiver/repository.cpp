#include "modules/arbeidsgiver/repository.hpp"

#include <boost/json.hpp>
#include <fmt/format.h>

#include "core/ids.hpp"
#include "modules/arbeidsgiver/json.hpp"

namespace rt::arbeidsgiver::repo {
namespace {

constexpr const char* kKolonner = "a.id, a.rekrutteringstreff_id, a.orgnr, a.orgnavn, a.status, a.gateadresse, a.postnummer, a.poststed";

Arbeidsgiver les(const pg::Result& r, int i) {
    return {r.str(i, 0), r.str(i, 1), r.str(i, 2), r.str(i, 3), r.str(i, 4), r.opt_str(i, 5), r.opt_str(i, 6), r.opt_str(i, 7)};
}

std::vector<Tagg> tagger(std::string_view jsonb) {
    std::vector<Tagg> out;
    auto lagret = boost::json::parse(jsonb);
    for (const auto& v : lagret.as_array()) {
        const auto& o = v.as_object();
        Tagg t{std::string(o.at("label").as_string()), std::string(o.at("kategori").as_string()), std::nullopt};
        if (const auto* k = o.if_contains("konseptId"); k && !k->is_null()) t.konsept_id = k->to_number<long long>();
        out.push_back(std::move(t));
    }
    return out;
}

constexpr const char* kBehovKolonner =
    "b.arbeidssprak, b.antall, b.samlede_kvalifikasjoner, b.ansettelsesformer, b.personlige_egenskaper";

// The five columns of kBehovKolonner from `col`.
Behov les_behov(const pg::Result& r, int i, int col) {
    Behov b;
    b.arbeidssprak = r.str_array(i, col);
    b.antall = static_cast<int>(r.integer(i, col + 1));
    b.samlede_kvalifikasjoner = tagger(r.text(i, col + 2));
    b.ansettelsesformer = r.str_array(i, col + 3);
    b.personlige_egenskaper = tagger(r.text(i, col + 4));
    return b;
}

}  // namespace

void las_treff(pg::Connection& c, std::string_view treff_id) {
    c.query("SELECT pg_advisory_xact_lock($1)", stable_key(fmt::format("arbeidsgiver:{}", treff_id)));
}

bool har_aktiv(pg::Connection& c, std::string_view treff_id, std::string_view orgnr) {
    return c.query("SELECT 1 FROM arbeidsgiver WHERE rekrutteringstreff_id = $1 AND orgnr = $2 AND status = 'AKTIV'", treff_id, orgnr)
               .rows() > 0;
}

std::optional<std::string> siste_slettede(pg::Connection& c, std::string_view treff_id, std::string_view orgnr) {
    auto r = c.query(R"(SELECT id FROM arbeidsgiver WHERE rekrutteringstreff_id = $1 AND orgnr = $2 AND status = 'SLETTET'
                        ORDER BY rekkefolge DESC LIMIT 1)",
                     treff_id, orgnr);
    if (r.rows() == 0) return std::nullopt;
    return r.str(0, 0);
}

void insert(pg::Connection& c, std::string_view id, std::string_view treff_id, const NyArbeidsgiver& a, Instant when) {
    c.query(R"(INSERT INTO arbeidsgiver (id, rekrutteringstreff_id, orgnr, orgnavn, status, gateadresse, postnummer, poststed,
                                         opprettet_tidspunkt)
               VALUES ($1, $2, $3, $4, 'AKTIV', $5, $6, $7, $8))",
            id, treff_id, a.orgnr, a.navn, a.gateadresse, a.postnummer, a.poststed, when);
    if (a.naringskoder.empty()) return;
    std::vector<std::optional<std::string>> koder, beskrivelser;
    for (const auto& k : a.naringskoder) {
        koder.push_back(k.kode);
        beskrivelser.push_back(k.beskrivelse);
    }
    c.query(R"(INSERT INTO naringskode (arbeidsgiver_id, kode, beskrivelse)
               SELECT $1, k, b FROM unnest($2::text[], $3::text[]) WITH ORDINALITY AS u (k, b, nr) ORDER BY nr)",
            id, koder, beskrivelser);
}

void reaktiver(pg::Connection& c, std::string_view id, const NyArbeidsgiver& a) {
    c.query(R"(UPDATE arbeidsgiver SET status = 'AKTIV', orgnavn = $2, gateadresse = $3, postnummer = $4, poststed = $5
               WHERE id = $1)",
            id, a.navn, a.gateadresse, a.postnummer, a.poststed);
}

void sett_status(pg::Connection& c, std::string_view id, std::string_view status) {
    c.query("UPDATE arbeidsgiver SET status = $2 WHERE id = $1", id, status);
}

void lagre_behov(pg::Connection& c, std::string_view id, const Behov& b, Instant when) {
    c.query(R"(INSERT INTO arbeidsgivers_behov (arbeidsgiver_id, arbeidssprak, antall, samlede_kvalifikasjoner, ansettelsesformer,
                                                personlige_egenskaper, oppdatert)
               VALUES ($1, $2::text[], $3, $4::jsonb, $5::text[], $6::jsonb, $7)
               ON CONFLICT (arbeidsgiver_id) DO UPDATE SET
                   arbeidssprak = excluded.arbeidssprak, antall = excluded.antall,
                   samlede_kvalifikasjoner = excluded.samlede_kvalifikasjoner, ansettelsesformer = excluded.ansettelsesformer,
                   personlige_egenskaper = excluded.personlige_egenskaper, oppdatert = excluded.oppdatert)",
            id, b.arbeidssprak, b.antall, boost::json::serialize(json::tagger(b.samlede_kvalifikasjoner)), b.ansettelsesformer,
            boost::json::serialize(json::tagger(b.personlige_egenskaper)), when);
}

std::optional<Arbeidsgiver> finn(pg::Connection& c, std::string_view treff_id, std::string_view id, bool for_update) {
    auto r = c.query(fmt::format("SELECT {} FROM arbeidsgiver a WHERE a.id = $1 AND a.rekrutteringstreff_id = $2{}", kKolonner,
                                 for_update ? " FOR UPDATE" : ""),
                     id, treff_id);
    if (r.rows() == 0) return std::nullopt;
    return les(r, 0);
}

std::vector<Arbeidsgiver> aktive(pg::Connection& c, std::string_view treff_id) {
    static const auto sql = fmt::format(
        "SELECT {} FROM arbeidsgiver a WHERE a.rekrutteringstreff_id = $1 AND a.status = 'AKTIV' ORDER BY a.rekkefolge", kKolonner);
    auto r = c.query(sql, treff_id);
    std::vector<Arbeidsgiver> out;
    for (int i = 0; i < r.rows(); ++i) out.push_back(les(r, i));
    return out;
}

std::vector<ArbeidsgiverMedBehov> aktive_med_behov(pg::Connection& c, std::string_view treff_id) {
    static const auto sql = fmt::format(R"(SELECT {}, b.arbeidsgiver_id IS NOT NULL, {}
        FROM arbeidsgiver a LEFT JOIN arbeidsgivers_behov b ON b.arbeidsgiver_id = a.id
        WHERE a.rekrutteringstreff_id = $1 AND a.status = 'AKTIV' ORDER BY a.rekkefolge)",
                                        kKolonner, kBehovKolonner);
    auto r = c.query(sql, treff_id);
    std::vector<ArbeidsgiverMedBehov> out;
    for (int i = 0; i < r.rows(); ++i) {
        ArbeidsgiverMedBehov a{les(r, i), std::nullopt};
        if (r.boolean(i, 8)) a.behov = les_behov(r, i, 9);
        out.push_back(std::move(a));
    }
    return out;
}

std::optional<Behov> behov(pg::Connection& c, std::string_view id) {
    static const auto sql = fmt::format("SELECT {} FROM arbeidsgivers_behov b WHERE b.arbeidsgiver_id = $1", kBehovKolonner);
    auto r = c.query(sql, id);
    if (r.rows() == 0) return std::nullopt;
    return les_behov(r, 0, 0);
}

std::map<std::string, long long> antall_aktive(pg::Connection& c, const std::vector<std::string>& treff_ider) {
    std::map<std::string, long long> out;
    if (treff_ider.empty()) return out;
    // Prepared: asked with every read of a meeting.
    auto r = c.query_prepared("arbeidsgiver_antall_aktive", R"(SELECT rekrutteringstreff_id::text, count(*) FROM arbeidsgiver
                        WHERE rekrutteringstreff_id = ANY($1::uuid[]) AND status = 'AKTIV'
                        GROUP BY rekrutteringstreff_id)",
                     treff_ider);
    for (int i = 0; i < r.rows(); ++i) out[std::string(r.text(i, 0))] = r.integer(i, 1);
    return out;
}

void insert_hendelse(pg::Connection& c, std::string_view arbeidsgiver_id, std::string_view type, const Aktor& aktor, Instant when,
                     const std::optional<std::string>& data_json) {
    c.query(R"(INSERT INTO arbeidsgiver_hendelse (id, arbeidsgiver_id, tidspunkt, hendelsestype, opprettet_av_aktortype,
                                                  aktoridentifikasjon, hendelse_data)
               VALUES ($1, $2, $3, $4, $5, $6, $7::jsonb))",
            new_uuid(), arbeidsgiver_id, when, type, aktor.type, aktor.ident, data_json);
}

std::vector<Hendelse> hendelser(pg::Connection& c, std::string_view treff_id) {
    auto r = c.query(R"(SELECT h.id, h.tidspunkt, h.hendelsestype, h.opprettet_av_aktortype, h.aktoridentifikasjon, a.orgnr, a.orgnavn,
                               h.rekkefolge
                        FROM arbeidsgiver_hendelse h JOIN arbeidsgiver a ON a.id = h.arbeidsgiver_id
                        WHERE a.rekrutteringstreff_id = $1
                        ORDER BY h.rekkefolge DESC)",
                     treff_id);
    std::vector<Hendelse> out;
    out.reserve(r.rows());
    for (int i = 0; i < r.rows(); ++i)
        out.push_back({r.str(i, 0), r.time(i, 1), r.str(i, 2), r.str(i, 3), r.opt_str(i, 4), r.str(i, 5), r.str(i, 6), r.integer(i, 7)});
    return out;
}

}  // namespace rt::arbeidsgiver::repo
