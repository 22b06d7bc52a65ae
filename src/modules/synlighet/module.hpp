#pragma once
// The synlighet module: visibility from the engine, written through the jobbsøker module.
#include "core/module.hpp"
#include "modules/jobbsoker/synlighet_lager.hpp"

namespace rt::synlighet {

inline constexpr const char* kBehovJob = "synlighet-behov";

class Module {
public:
    Module(ModuleContext& ctx, jobbsoker::SynlighetLager& lager);
};

}  // namespace rt::synlighet
