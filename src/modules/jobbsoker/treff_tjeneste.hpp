#pragma once
// Meeting lifecycle: create, read, change, publish, cancel, complete, delete. Each state change
// and the job seeker events it causes are written in one transaction.
#include <optional>
#include <string>

#include "core/clock.hpp"
#include "infra/auth/principal.hpp"
#include "infra/pg/pool.hpp"
#include "modules/jobbsoker/model.hpp"

namespace rt::jobbsoker {

// The fields a PUT sets; absent optional fields are cleared.
struct TreffFelter {
    std::string tittel;
    std::optional<std::string> beskrivelse;
    std::optional<Instant> fra_tid, til_tid, svarfrist;
    std::optional<std::string> gateadresse, postnummer, poststed;
};

class TreffTjeneste {
public:
    TreffTjeneste(pg::Pool& db, const Clock& clock) : db_(db), clock_(clock) {}

    std::string opprett(const auth::Principal& p, const std::string& tittel);
    Treff hent(const std::string& id);
    Treff oppdater(const auth::Principal& p, const std::string& id, const TreffFelter& felter);
    Treff publiser(const auth::Principal& p, const std::string& id);
    Treff avlys(const auth::Principal& p, const std::string& id);
    Treff fullfor(const auth::Principal& p, const std::string& id);
    void slett(const auth::Principal& p, const std::string& id);

private:
    // avlys and fullfor: PUBLISERT -> `til`, with an event for each invited job seeker.
    Treff avslutt(const auth::Principal& p, const std::string& id, std::string_view til, std::string_view ja_type,
                  std::string_view ikke_svart_type);
    pg::Pool& db_;
    const Clock& clock_;
};

}  // namespace rt::jobbsoker
