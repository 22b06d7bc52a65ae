#include "modules/aktivitetskort/http_api.hpp"

#include "core/errors.hpp"
#include "infra/http/json_body.hpp"
#include "modules/treff/tilgang.hpp"

namespace rt::aktivitetskort {
void registrer_http(http::Router& routes, const auth::Authenticator& auth, const jobbsoker::JobbsokerOppslag& oppslag,
                    pg::Pool& db) {
    routes.add("GET", "/api/rekrutteringstreff/{id}/jobbsoker/{personTreffId}/aktivitetskort", [&](http::Request& r) {
        auto p = treff::veileder(auth, r, treff::alle_veilederroller);
        auto treff_id = http::uuid_param(r, "id");
        auto person_treff_id = http::uuid_param(r, "personTreffId");
        // The meeting's owners only, checked before anything is said about the job seeker.
        auto eiere = oppslag.eiere(treff_id);
        if (!eiere) throw not_found("treffet finnes ikke");
        treff::krev_eier(p, *eiere);
        auto jobbsoker = oppslag.synlig_jobbsoker(treff_id, person_treff_id);
        if (!jobbsoker) throw not_found("jobbsøkeren finnes ikke på treffet");
        treff::audit(p, r, treff_id);
        return db.with([&](pg::Connection& c) {
            auto v = c.query(R"(SELECT v.aktivitetskort_id, v.message_id, v.aktivitet_status, v.endret_av, v.endret_av_type,
                                       v.endret_tidspunkt, v.sendt_tidspunkt
                                FROM aktivitetskort k JOIN aktivitetskort_versjon v ON v.aktivitetskort_id = k.aktivitetskort_id
                                WHERE k.rekrutteringstreff_id = $1 AND k.fnr = $2 ORDER BY v.versjon)",
                             treff_id, jobbsoker->fnr);
            if (v.rows() == 0) throw not_found("jobbsøkeren har ikke aktivitetskort for treffet");
            boost::json::array versjoner;
            for (int i = 0; i < v.rows(); ++i)
                versjoner.push_back({{"messageId", v.str(i, 1)},
                                     {"status", v.str(i, 2)},
                                     {"endretAv", {{"ident", v.str(i, 3)}, {"identType", v.str(i, 4)}}},
                                     {"endretTidspunkt", http::tid_json(v.time(i, 5))},
                                     {"sendt", !v.is_null(i, 6)},
                                     {"sendtTidspunkt", http::tid_json(v.opt_time(i, 6))}});
            auto f = c.query(R"(SELECT f.message_id, f.error_type, f.error_message, f.mottatt FROM aktivitetskort_feil f
                                JOIN aktivitetskort_versjon v ON v.message_id = f.message_id
                                WHERE v.aktivitetskort_id = $1 ORDER BY f.id)",
                             v.str(0, 0));
            boost::json::array feil;
            for (int i = 0; i < f.rows(); ++i)
                feil.push_back({{"messageId", f.str(i, 0)},
                                {"errorType", f.str(i, 1)},
                                {"errorMessage", f.is_null(i, 2) ? boost::json::value(nullptr) : boost::json::value(f.str(i, 2))},
                                {"mottatt", http::tid_json(f.time(i, 3))}});
            return http::json(200, boost::json::object{{"aktivitetskortId", v.str(0, 0)},
                                                       {"status", v.str(v.rows() - 1, 2)},
                                                       {"versjoner", std::move(versjoner)},
                                                       {"feil", std::move(feil)}});
        });
    });
}

}  // namespace rt::aktivitetskort
