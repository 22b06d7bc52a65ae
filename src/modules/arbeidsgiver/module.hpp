#pragma once
// The arbeidsgiver module: employers on a meeting and their needs (../shared/spec/arbeidsgiver.md).
#include <functional>

#include "core/module.hpp"
#include "modules/arbeidsgiver/tjeneste.hpp"
#include "modules/jobbsoker/oppslag.hpp"
#include "modules/jobbsoker/treff_deltaker.hpp"

namespace rt::arbeidsgiver {

// How the module joins the meeting's lifecycle as a participant (given by the service, which
// owns both modules).
using RegistrerDeltaker = std::function<void(jobbsoker::TreffDeltaker)>;

class Module {
public:
    Module(ModuleContext& ctx, const jobbsoker::JobbsokerOppslag& oppslag, const RegistrerDeltaker& registrer_deltaker);

private:
    ArbeidsgiverTjeneste tjeneste_;
};

}  // namespace rt::arbeidsgiver
