#pragma once
// The module's HTTP API (../shared/spec/jobbsoker.md): job seekers and citizens.

#include "infra/auth/authenticator.hpp"
#include "infra/http/router.hpp"
#include "modules/jobbsoker/jobbsoker_tjeneste.hpp"

namespace rt::jobbsoker {

void registrer_jobbsoker_api(http::Router& routes, const auth::Authenticator& auth, JobbsokerTjeneste& jobbsokere);
void registrer_borger_api(http::Router& routes, const auth::Authenticator& auth, JobbsokerTjeneste& jobbsokere);

}  // namespace rt::jobbsoker
