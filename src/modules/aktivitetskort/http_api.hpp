#pragma once
#include "infra/auth/authenticator.hpp"
#include "infra/http/router.hpp"
#include "infra/pg/pool.hpp"
#include "modules/jobbsoker/oppslag.hpp"

namespace rt::aktivitetskort {

// GET .../jobbsoker/{personTreffId}/aktivitetskort: the card's status, versions and errors, with
// the same access and visibility rules as the job seeker reads.
void registrer_http(http::Router& routes, const auth::Authenticator& auth, const jobbsoker::JobbsokerOppslag& oppslag,
                    pg::Pool& db);

}  // namespace rt::aktivitetskort
