#pragma once
// SQL for arbeidsgiver, naringskode, arbeidsgivers_behov and arbeidsgiver_hendelse. Callers own
// the transaction.
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "infra/pg/connection.hpp"
#include "modules/arbeidsgiver/model.hpp"

namespace rt::arbeidsgiver::repo {

// Employer writes on one meeting happen one at a time (until the transaction ends), so that
// "is this organisation already active here" stays true until the insert.
void las_treff(pg::Connection& c, std::string_view treff_id);

bool har_aktiv(pg::Connection& c, std::string_view treff_id, std::string_view orgnr);
// The most recently added removed employer of the organisation on the meeting.
std::optional<std::string> siste_slettede(pg::Connection& c, std::string_view treff_id, std::string_view orgnr);
// A new active employer with its industry codes.
void insert(pg::Connection& c, std::string_view id, std::string_view treff_id, const NyArbeidsgiver& a, Instant when);
// Active again, with the body's name and address; its industry codes stay as they were.
void reaktiver(pg::Connection& c, std::string_view id, const NyArbeidsgiver& a);
void sett_status(pg::Connection& c, std::string_view id, std::string_view status);
// Creates or replaces the needs.
void lagre_behov(pg::Connection& c, std::string_view id, const Behov& b, Instant when);

// Any status; nothing unless it is an employer of this meeting.
std::optional<Arbeidsgiver> finn(pg::Connection& c, std::string_view treff_id, std::string_view id, bool for_update = false);
// Active ones, in the order added.
std::vector<Arbeidsgiver> aktive(pg::Connection& c, std::string_view treff_id);
std::vector<ArbeidsgiverMedBehov> aktive_med_behov(pg::Connection& c, std::string_view treff_id);
std::optional<Behov> behov(pg::Connection& c, std::string_view id);
// Active employers per meeting among `treff_ider`; meetings without any are left out.
std::map<std::string, long long> antall_aktive(pg::Connection& c, const std::vector<std::string>& treff_ider);

void insert_hendelse(pg::Connection& c, std::string_view arbeidsgiver_id, std::string_view type, const Aktor& aktor, Instant when,
                     const std::optional<std::string>& data_json = std::nullopt);
// Every employer's events on the meeting (removed employers too), newest first.
std::vector<Hendelse> hendelser(pg::Connection& c, std::string_view treff_id);

}  // namespace rt::arbeidsgiver::repo
