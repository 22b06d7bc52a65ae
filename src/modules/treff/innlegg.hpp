#pragma once
// A post on a meeting (../shared/spec/arbeidsgiver.md, "Posts").
#include <optional>
#include <string>

#include "core/clock.hpp"

namespace rt::treff {

// What a POST or PUT sets.
struct InnleggFelter {
    std::string tittel;
    std::string opprettet_av_person_navn;
    std::string opprettet_av_person_beskrivelse;
    std::string html_content;
    std::optional<Instant> sendes_til_jobbsoker_tidspunkt;
};

struct Innlegg {
    std::string id;
    std::string treff_id;
    std::string opprettet_av_person_navident;
    InnleggFelter felter;
    Instant opprettet_tidspunkt;
    Instant sist_oppdatert_tidspunkt;
};

}  // namespace rt::treff
