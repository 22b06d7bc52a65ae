#pragma once
// SQL for the card tables. Callers own the transaction.
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "core/time.hpp"
#include "infra/pg/connection.hpp"
#include "modules/aktivitetskort/kort.hpp"

namespace rt::aktivitetskort::kort_repo {

struct NyttKort {
    std::string kort_id, treff_id, fnr;
};

struct Versjon {
    std::string message_id;
    std::string kort_id;
    std::string fnr;
    std::optional<std::string> hendelse_id;
    KortInnhold innhold;
    Endring endring;
    std::string melding;  // the exact JSON to send
};

struct GjeldendeKort {
    std::string kort_id;
    std::string status;
    KortInnhold innhold;
};

// Those of `kort` whose (meeting, fnr) had no card yet; they now have one.
std::vector<NyttKort> opprett(pg::Connection& c, const std::vector<NyttKort>& kort, Instant now);
void insert_versjoner(pg::Connection& c, const std::vector<Versjon>& versjoner);
// The card of (meeting, fnr) with its latest version, locked against concurrent changes.
std::optional<GjeldendeKort> gjeldende(pg::Connection& c, const std::string& treff_id, const std::string& fnr);

std::set<std::string> allerede_behandlet(pg::Connection& c, const std::vector<std::string>& hendelse_ider);
void merk_behandlet(pg::Connection& c, const std::vector<std::string>& hendelse_ider, Instant now);

}  // namespace rt::aktivitetskort::kort_repo
