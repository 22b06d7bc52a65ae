#pragma once
// The meeting module: the meeting's lifecycle, owners, search, posts and its event log
// (../shared/spec/jobbsoker.md, "Meetings"; ../shared/spec/arbeidsgiver.md, "Posts").
#include <chrono>

#include "core/module.hpp"
#include "modules/treff/deltaker.hpp"
#include "modules/treff/eier_tjeneste.hpp"
#include "modules/treff/innlegg_tjeneste.hpp"
#include "modules/treff/sok_tjeneste.hpp"
#include "modules/treff/treff_tjeneste.hpp"

namespace rt::treff {

// Completes published meetings whose tilTid has passed; first two minutes after start-up (or one
// interval, if that is shorter).
inline constexpr const char* kAutoFullforJob = "treff-auto-fullfor";
inline constexpr std::chrono::minutes kAutoFullforForsteKjoring{2};

class Module {
public:
    explicit Module(ModuleContext& ctx);

    // Where the modules that have something on a meeting add themselves (deltaker.hpp).
    Deltakere& deltakere() { return deltakere_; }
    // The meeting's lifecycle (tests drive the automatic completion through it).
    TreffTjeneste& tjeneste() { return treff_; }

private:
    Deltakere deltakere_;
    TreffTjeneste treff_;
    EierTjeneste eiere_;
    SokTjeneste sok_;
    InnleggTjeneste innlegg_;
};

}  // namespace rt::treff
