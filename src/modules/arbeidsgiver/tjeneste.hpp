#pragma once
// Employers on a meeting and their needs (../shared/spec/arbeidsgiver.md, "Employers"). Each
// write runs in one transaction that first reads the meeting through the meeting module's
// public header (treff/oppslag.hpp) under a share lock on its row: a deletion of the meeting waits for the write,
// and a write after a deletion sees SLETTET (409). The state and its event commit together.
#include <string>
#include <vector>

#include "core/clock.hpp"
#include "infra/auth/principal.hpp"
#include "infra/pg/pool.hpp"
#include "modules/arbeidsgiver/model.hpp"
#include "modules/jobbsoker/oppslag.hpp"

namespace rt::arbeidsgiver {

class ArbeidsgiverTjeneste {
public:
    ArbeidsgiverTjeneste(pg::Pool& db, const Clock& clock, const jobbsoker::JobbsokerOppslag& oppslag)
        : db_(db), clock_(clock), oppslag_(oppslag) {}

    // A new active employer (OPPRETTET); 409 if the organisation is already active on the meeting.
    void legg_til(const auth::Principal& p, const std::string& treff_id, const NyArbeidsgiver& a);
    // The most recently removed employer of the organisation is reactivated (REAKTIVERT), or a
    // new one added (OPPRETTET); then its needs are stored (BEHOV_ENDRET).
    void legg_til_med_behov(const auth::Principal& p, const std::string& treff_id, const NyArbeidsgiver& a, const Behov& b);
    // Creates or replaces an active employer's needs (BEHOV_ENDRET).
    ArbeidsgiverMedBehov sett_behov(const auth::Principal& p, const std::string& treff_id, const std::string& id, const Behov& b);
    // SLETTET with its event; an employer already removed: nothing written.
    void slett(const auth::Principal& p, const std::string& treff_id, const std::string& id);

    // Any counsellor role, or a citizen invited to the meeting (404 for any other citizen).
    std::vector<Arbeidsgiver> aktive(const auth::Principal& p, const std::string& treff_id);
    // The meeting's owners (with ARBEIDSGIVER_RETTET) and UTVIKLER.
    std::vector<ArbeidsgiverMedBehov> aktive_med_behov(const auth::Principal& p, const std::string& treff_id);
    std::vector<Hendelse> hendelser(const auth::Principal& p, const std::string& treff_id);

private:
    template <class F>
    auto skriv(const auth::Principal& p, const std::string& treff_id, F&& f);
    template <class F>
    auto les_som_eier(const auth::Principal& p, const std::string& treff_id, F&& f);

    pg::Pool& db_;
    const Clock& clock_;
    const jobbsoker::JobbsokerOppslag& oppslag_;
};

}  // namespace rt::arbeidsgiver
