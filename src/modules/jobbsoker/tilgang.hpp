#pragma once
// Who may do what (../shared/spec/jobbsoker.md, "Who may do what").
#include <initializer_list>

#include "infra/auth/principal.hpp"
#include "modules/jobbsoker/model.hpp"

namespace rt::jobbsoker {

using auth::Role;

inline constexpr std::initializer_list<Role> alle_veilederroller = {Role::ArbeidsgiverRettet, Role::JobbsokerRettet,
                                                                     Role::Utvikler};

// A counsellor with one of the roles; a citizen, or a counsellor without them, is 403.
void krev_veileder(const auth::Principal& p, std::initializer_list<Role> roller);
// A citizen (TokenX); a counsellor is 403.
void krev_borger(const auth::Principal& p);
// An owner with ARBEIDSGIVER_RETTET, or UTVIKLER.
void krev_eier(const auth::Principal& p, const Treff& t);

}  // namespace rt::jobbsoker
