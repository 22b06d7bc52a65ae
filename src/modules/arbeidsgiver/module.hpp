#pragma once
// The arbeidsgiver module: employers on a meeting and their needs (../shared/spec/arbeidsgiver.md).
#include <functional>

#include "core/module.hpp"
#include "modules/arbeidsgiver/tjeneste.hpp"
#include "modules/jobbsoker/oppslag.hpp"
#include "modules/treff/deltaker.hpp"

namespace rt::arbeidsgiver {

class Module {
public:
    Module(ModuleContext& ctx, const jobbsoker::JobbsokerOppslag& oppslag, treff::Deltakere& deltakere);

private:
    ArbeidsgiverTjeneste tjeneste_;
};

}  // namespace rt::arbeidsgiver
