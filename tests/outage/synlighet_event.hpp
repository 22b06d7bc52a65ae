#pragma once
// A visibility event as the engine publishes it on the rapid (../shared/spec/synlighet.md).
#include <fmt/format.h>

#include <string>

#include "core/ids.hpp"
#include "core/time.hpp"

namespace rt::test {

inline std::string synlighet_event(const std::string& fnr, Instant at, bool er_synlig, bool sperret = false) {
    return fmt::format(
        R"({{"@event_name":"synlighet-event","@id":"{}","@opprettet":"{}","fodselsnummer":"{}","@slutt_av_hendelseskjede":true,)"
        R"("synlighet":{{"erSynlig":{},"ferdigBeregnet":true,"sperret":{}}},"system_read_count":0,)"
        R"("@forårsaket_av":{{"id":"{}","event_name":"cv"}}}})",
        new_uuid(), tid::format_oslo_local(at), fnr, er_synlig, sperret, new_uuid());
}

}  // namespace rt::test
