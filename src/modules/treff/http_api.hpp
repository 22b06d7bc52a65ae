#pragma once
// The meeting module's HTTP API (../shared/spec/jobbsoker.md, "Meetings").
#include "infra/auth/authenticator.hpp"
#include "infra/http/router.hpp"
#include "modules/treff/treff_tjeneste.hpp"

namespace rt::treff {

void registrer_treff_api(http::Router& routes, const auth::Authenticator& auth, TreffTjeneste& treff);

}  // namespace rt::treff
