#pragma once
// Public: who may do what (../shared/spec/jobbsoker.md, "Who may do what"): the roles and the
// meeting's owners, for every module with endpoints under a meeting.
#include <initializer_list>

#include "infra/auth/authenticator.hpp"
#include "infra/auth/principal.hpp"
#include "infra/http/message.hpp"
#include "modules/treff/model.hpp"

namespace rt::treff {

using auth::Role;

inline constexpr std::initializer_list<Role> alle_veilederroller = {Role::ArbeidsgiverRettet, Role::JobbsokerRettet,
                                                                     Role::Utvikler};

// A counsellor with one of the roles; a citizen, or a counsellor without them, is 403.
void krev_veileder(const auth::Principal& p, std::initializer_list<Role> roller);
// A citizen (TokenX); a counsellor is 403.
void krev_borger(const auth::Principal& p);
// An owner with ARBEIDSGIVER_RETTET, or UTVIKLER (403 otherwise).
void krev_eier(const auth::Principal& p, const std::vector<std::string>& eiere);
inline void krev_eier(const auth::Principal& p, const Treff& t) { krev_eier(p, t.eiere); }

// The caller of a request as a counsellor with one of `roller` (401 without a valid token, 403
// otherwise), or as a citizen.
auth::Principal veileder(const auth::Authenticator& auth, const http::Request& r, std::initializer_list<Role> roller);
auth::Principal borger(const auth::Authenticator& auth, const http::Request& r);
// Every read of a meeting's job seekers leaves an audit line.
void audit(const auth::Principal& p, const http::Request& r, const std::string& treff_id);

}  // namespace rt::treff
