#pragma once
// SQL for rekrutteringstreff_hendelse, the meeting's own event log. Callers own the transaction.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "infra/pg/connection.hpp"
#include "modules/treff/model.hpp"

namespace rt::treff::treff_hendelse_repo {

// `subjekt`: the NAV ident an owner event is about (both subjekt_id and subjekt_navn), else none.
void insert(pg::Connection& c, std::string_view treff_id, std::string_view hendelsestype, const Aktor& aktor, Instant tidspunkt,
            const std::optional<std::string>& subjekt = std::nullopt);
// The meeting's events, newest first, as lines of ressurs REKRUTTERINGSTREFF.
std::vector<TreffHendelse> for_treff(pg::Connection& c, std::string_view treff_id);

}  // namespace rt::treff::treff_hendelse_repo
