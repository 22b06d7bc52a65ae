#include "modules/treff/tilgang.hpp"

#include <algorithm>

#include "core/errors.hpp"
#include "infra/log.hpp"

namespace rt::treff {

void krev_veileder(const auth::Principal& p, std::initializer_list<Role> roller) {
    if (p.kind != auth::Principal::Kind::Veileder) throw forbidden("krever en veileder");
    if (!p.has_any(roller)) throw forbidden("mangler rolle for denne handlingen");
}

void krev_borger(const auth::Principal& p) {
    if (p.kind != auth::Principal::Kind::Borger) throw forbidden("krever innlogget jobbsøker");
}

void krev_eier(const auth::Principal& p, const std::vector<std::string>& eiere) {
    if (p.kind != auth::Principal::Kind::Veileder) throw forbidden("krever en veileder");
    if (p.has(Role::Utvikler)) return;
    bool eier = std::find(eiere.begin(), eiere.end(), p.nav_ident) != eiere.end();
    if (!eier || !p.has(Role::ArbeidsgiverRettet)) throw forbidden("bare treffets eiere kan gjøre dette");
}

auth::Principal veileder(const auth::Authenticator& auth, const http::Request& r, std::initializer_list<Role> roller) {
    auto p = auth.authenticate(r);
    krev_veileder(p, roller);
    return p;
}

auth::Principal borger(const auth::Authenticator& auth, const http::Request& r) {
    auto p = auth.authenticate(r);
    krev_borger(p);
    return p;
}

void audit(const auth::Principal& p, const http::Request& r, const std::string& treff_id) {
    log::audit_access(p.nav_ident, treff_id, r.method, r.path);
}

}  // namespace rt::treff
