#pragma once
// The meeting's lifecycle (../shared/spec/jobbsoker.md, "Meetings"): create, read, change,
// publish, unpublish, register changes after publishing, cancel, reopen, complete (by hand and
// automatically), delete, and the meeting's event log. Each change writes its meeting event in
// the same transaction, together with what the meeting's participants do about it
// (treff_deltaker.hpp); the lifecycle itself knows nothing of job seekers.
#include <optional>
#include <string>
#include <vector>

#include "core/clock.hpp"
#include "infra/auth/principal.hpp"
#include "infra/pg/pool.hpp"
#include "modules/treff/deltaker.hpp"
#include "modules/treff/model.hpp"

namespace rt::treff {

// The fields a PUT sets; absent optional fields are cleared.
struct TreffFelter {
    std::string tittel;
    std::optional<std::string> beskrivelse;
    std::optional<Instant> fra_tid, til_tid, svarfrist;
    std::optional<std::string> gateadresse, postnummer, poststed;
    std::optional<std::string> kommune, kommunenummer, fylke, fylkesnummer;
};

class TreffTjeneste {
public:
    TreffTjeneste(pg::Pool& db, const Clock& clock, const Deltakere& deltakere) : db_(db), clock_(clock), deltakere_(deltakere) {}

    std::string opprett(const auth::Principal& p, const std::string& tittel, const std::string& kategori);
    Treff hent(const std::string& id);
    // Whether a citizen is invited to the meeting (asked of the participants).
    bool er_invitert(const std::string& id, const std::string& fnr);
    Treff oppdater(const auth::Principal& p, const std::string& id, const TreffFelter& felter);
    Treff publiser(const auth::Principal& p, const std::string& id);
    Treff avpubliser(const auth::Principal& p, const std::string& id);
    // endredeFelter already cleaned (known names, no duplicates, in the order given).
    void registrer_endringer(const auth::Principal& p, const std::string& id, const std::vector<std::string>& endrede_felter);
    Treff avlys(const auth::Principal& p, const std::string& id);
    Treff gjenapn(const auth::Principal& p, const std::string& id);
    Treff fullfor(const auth::Principal& p, const std::string& id);
    void slett(const auth::Principal& p, const std::string& id);

    // The meeting's own events, and every event of the meeting (its participants' too); newest
    // first, for its owners.
    std::vector<TreffHendelse> hendelser(const auth::Principal& p, const std::string& id);
    std::vector<TreffHendelse> alle_hendelser(const auth::Principal& p, const std::string& id);

    // The automatic completion: every published meeting whose tilTid has passed, each in its own
    // transaction, as SYSTEM. A meeting that fails is logged and left for the next run; the
    // others go on. Returns how many were completed.
    std::size_t fullfor_avsluttede();

private:
    // One change of a meeting, as described at the top of treff_deltaker.hpp. `krav` makes the
    // lifecycle's own checks (who, which status) and throws to refuse; `endring` changes the row.
    Treff endre(const std::string& id, const Aktor& aktor, std::string_view hendelsestype,
                const std::function<void(const Treff&)>& krav, const std::function<void(pg::Connection&, const Treff&, Instant)>& endring,
                std::vector<std::string> endrede_felter = {});
    Treff fullfor_som(const Aktor& aktor, const auth::Principal* p, const std::string& id);
    Treff med_tall(pg::Connection& c, Treff t) const;

    pg::Pool& db_;
    const Clock& clock_;
    const Deltakere& deltakere_;
};

}  // namespace rt::treff
