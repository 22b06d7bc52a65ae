#pragma once
// Reads other modules may make of this module's data, with the same visibility rule as the API.
#include <optional>
#include <string>
#include <vector>

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
    // The meeting's owners (for the owner check), or nothing if there is no such meeting.
    std::optional<std::vector<std::string>> eiere(const std::string& treff_id) const;
    // Whether the citizen is invited to the meeting: a row that is not deleted, is visible and
    // is INVITERT, SVART_JA or SVART_NEI. What a citizen may see of a meeting depends on it.
    bool er_invitert(const std::string& treff_id, const std::string& fnr) const;

private:
    pg::Pool& db_;
};

}  // namespace rt::jobbsoker
