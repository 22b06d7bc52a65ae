#pragma once
#include "infra/rapid/rapid.hpp"
#include "modules/jobbsoker/jobbsoker_tjeneste.hpp"

namespace rt::jobbsoker {

// minsideVarselSvar from the notification service -> MOTTATT_SVAR_FRA_MINSIDE on the job seeker.
rapid::River minside_svar_river(JobbsokerTjeneste& jobbsokere);

}  // namespace rt::jobbsoker
