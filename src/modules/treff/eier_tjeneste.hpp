#pragma once
// The meeting's owners (../shared/spec/jobbsoker.md, "Owners"): read them, make oneself one,
// remove one. Every change takes the meeting's row lock, so two removals cannot leave a meeting
// without an owner, and writes its meeting event in the same transaction.
#include <string>
#include <vector>

#include "core/clock.hpp"
#include "infra/auth/principal.hpp"
#include "infra/pg/pool.hpp"

namespace rt::treff {

class EierTjeneste {
public:
    EierTjeneste(pg::Pool& db, const Clock& clock) : db_(db), clock_(clock) {}

    std::vector<std::string> eiere(const std::string& treff_id);
    // Idempotent: an owner already changes nothing.
    void legg_til_meg(const auth::Principal& p, const std::string& treff_id);
    // 404 if `nav_ident` is not an owner, 400 if it is the only one.
    void fjern(const auth::Principal& p, const std::string& treff_id, const std::string& nav_ident);

private:
    pg::Pool& db_;
    const Clock& clock_;
};

}  // namespace rt::treff
