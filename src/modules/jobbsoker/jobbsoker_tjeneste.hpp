#pragma once
// Job seekers on a meeting: add, list, search, invite, remove, answer on their behalf, their
// events, and the citizen's own row and answer. Visibility applies to every read; the lists and
// the events are for the meeting's owners.
#include <optional>
#include <string>
#include <vector>

#include "core/clock.hpp"
#include "infra/auth/principal.hpp"
#include "infra/pg/pool.hpp"
#include "modules/jobbsoker/events.hpp"
#include "modules/jobbsoker/jobbsoker_repository.hpp"

namespace rt::jobbsoker {

// A notification service receipt (minsideVarselSvar), already validated.
struct MinsideSvar {
    std::string treff_id;
    std::string fnr;
    std::string varsel_id;
    std::string data_json;        // the message's fields except fnr
    std::string kjennetegn_json;  // what makes two receipts the same (varselId and statuses)
};

class JobbsokerTjeneste {
public:
    JobbsokerTjeneste(pg::Pool& db, const Clock& clock) : db_(db), clock_(clock) {}

    std::vector<Jobbsoker> legg_til(const auth::Principal& p, const std::string& treff_id,
                                    const std::vector<jobbsoker_repo::NyJobbsoker>& nye);
    std::vector<Jobbsoker> list(const auth::Principal& p, const std::string& treff_id);
    jobbsoker_repo::SokResultat sok(const auth::Principal& p, const std::string& treff_id, const jobbsoker_repo::Sok& sok);
    void inviter(const auth::Principal& p, const std::string& treff_id, const std::vector<std::string>& ids);
    void slett(const auth::Principal& p, const std::string& treff_id, const std::string& id);
    std::vector<jobbsoker_repo::HendelseMedPerson> hendelser(const auth::Principal& p, const std::string& treff_id);
    // An owner answers for the job seeker: yes, no, or none (back to INVITERT).
    void svar_for(const auth::Principal& p, const std::string& treff_id, const std::string& id, std::optional<bool> svar);

    // The citizen's own row on the meeting, with its events.
    Jobbsoker borger(const std::string& treff_id, const std::string& fnr);
    void svar(const std::string& treff_id, const std::string& fnr, bool ja);

    // False when no job seeker matches (logged by the caller).
    bool registrer_minside_svar(const MinsideSvar& svar);
    bool registrer_aktivitetskort_feil(const AktivitetskortFeilet& feil);

private:
    pg::Pool& db_;
    const Clock& clock_;
};

}  // namespace rt::jobbsoker
