#pragma once
// Reads other modules may make of this module's data, with the same visibility rule as the API.
#include <optional>
#include <string>

#include "infra/pg/pool.hpp"

namespace rt::jobbsoker {

struct SynligJobbsoker {
    std::string person_treff_id;
    std::string treff_id;
    std::string fnr;
};

class JobbsokerOppslag {
public:
    explicit JobbsokerOppslag(pg::Pool& db) : db_(db) {}
    // The job seeker if the meeting exists and the job seeker is on it and visible; nothing otherwise.
    std::optional<SynligJobbsoker> synlig_jobbsoker(const std::string& treff_id, const std::string& person_treff_id) const;

private:
    pg::Pool& db_;
};

}  // namespace rt::jobbsoker
