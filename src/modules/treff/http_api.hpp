#pragma once
// The meeting module's HTTP API (../shared/spec/jobbsoker.md, "Meetings"; arbeidsgiver.md, "Posts").
#include "infra/auth/authenticator.hpp"
#include "infra/http/router.hpp"
#include "modules/treff/eier_tjeneste.hpp"
#include "modules/treff/innlegg_tjeneste.hpp"
#include "modules/treff/sok_tjeneste.hpp"
#include "modules/treff/treff_tjeneste.hpp"

namespace rt::treff {

void registrer_treff_api(http::Router& routes, const auth::Authenticator& auth, TreffTjeneste& treff);
void registrer_eier_api(http::Router& routes, const auth::Authenticator& auth, EierTjeneste& eiere);
void registrer_sok_api(http::Router& routes, const auth::Authenticator& auth, SokTjeneste& sok);
void registrer_innlegg_api(http::Router& routes, const auth::Authenticator& auth, InnleggTjeneste& innlegg);

}  // namespace rt::treff
