#pragma once
// Request bodies of the job-seeker API. Every failure is a 400 Problem that names the field (and
// the job seeker's place in a list); nothing reaches a service before a body has been read whole.
#include <optional>
#include <string>
#include <vector>

#include "infra/http/message.hpp"
#include "modules/jobbsoker/jobbsoker_repository.hpp"

namespace rt::jobbsoker {

// POST …/jobbsoker: a list of {fødselsnummer, fornavn, etternavn, lagtTilAvNavn?}.
std::vector<jobbsoker_repo::NyJobbsoker> les_nye(const http::Request& r);
// POST …/jobbsoker/sok.
jobbsoker_repo::Sok les_sok(const http::Request& r);
// POST …/jobbsoker/inviter: {"personTreffIder": [UUID, ...]}, canonical lower case.
std::vector<std::string> les_person_treff_ider(const http::Request& r);
// {"svar": true | false | null}: the key is required, other keys are ignored.
std::optional<bool> les_svar(const http::Request& r);

}  // namespace rt::jobbsoker
