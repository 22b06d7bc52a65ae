#pragma once
// Posts on a meeting (../shared/spec/arbeidsgiver.md, "Posts"). Reads: any counsellor, or a
// citizen invited to the meeting; writes: an owner with ARBEIDSGIVER_RETTET, or UTVIKLER, never
// on a deleted meeting. A write holds the meeting's row lock, so a double submit on a draft
// overwrites the first post instead of racing past it.
#include <string>
#include <vector>

#include "core/clock.hpp"
#include "infra/auth/principal.hpp"
#include "infra/pg/pool.hpp"
#include "modules/treff/innlegg.hpp"
#include "modules/treff/treff_tjeneste.hpp"

namespace rt::treff {

class InnleggTjeneste {
public:
    InnleggTjeneste(pg::Pool& db, const Clock& clock, TreffTjeneste& treff) : db_(db), clock_(clock), treff_(treff) {}

    std::vector<Innlegg> list(const auth::Principal& p, const std::string& treff_id);
    Innlegg hent(const auth::Principal& p, const std::string& treff_id, const std::string& id);
    // felter already checked (fields, size, HTML).
    Innlegg opprett(const auth::Principal& p, const std::string& treff_id, const InnleggFelter& felter);
    Innlegg oppdater(const auth::Principal& p, const std::string& treff_id, const std::string& id, const InnleggFelter& felter);
    void slett(const auth::Principal& p, const std::string& treff_id, const std::string& id);

private:
    // 404 for a citizen who is not invited, as for a meeting that does not exist.
    void krev_leser(pg::Connection& c, const auth::Principal& p, const std::string& treff_id);

    pg::Pool& db_;
    const Clock& clock_;
    TreffTjeneste& treff_;
};

}  // namespace rt::treff
