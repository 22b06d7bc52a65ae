#pragma once
// The employer endpoints of ../shared/spec/arbeidsgiver.md.
#include "infra/auth/authenticator.hpp"
#include "infra/http/router.hpp"
#include "modules/arbeidsgiver/tjeneste.hpp"

namespace rt::arbeidsgiver {

void registrer_http(http::Router& routes, const auth::Authenticator& auth, ArbeidsgiverTjeneste& tjeneste);

}  // namespace rt::arbeidsgiver
