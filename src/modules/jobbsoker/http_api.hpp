#pragma once
// The module's HTTP API (../shared/spec/jobbsoker.md): meetings, job seekers, citizens.
#include <functional>
#include <string>

#include "infra/auth/authenticator.hpp"
#include "infra/http/router.hpp"
#include "modules/jobbsoker/jobbsoker_tjeneste.hpp"
#include "modules/jobbsoker/treff_tjeneste.hpp"

namespace rt::jobbsoker {

// Whether a citizen (fnr) is invited to a meeting: what they may read of it depends on it.
using BorgerErInvitert = std::function<bool(const std::string& treff_id, const std::string& fnr)>;

void registrer_treff_api(http::Router& routes, const auth::Authenticator& auth, TreffTjeneste& treff, BorgerErInvitert borger_er_invitert);
void registrer_jobbsoker_api(http::Router& routes, const auth::Authenticator& auth, JobbsokerTjeneste& jobbsokere);
void registrer_borger_api(http::Router& routes, const auth::Authenticator& auth, JobbsokerTjeneste& jobbsokere);

}  // namespace rt::jobbsoker
