#pragma once
// Applies the numbered files of sql/ (compiled into the binary) once each, in order, under an
// advisory lock so that instances starting together take turns; refuses a changed migration.
#include <stdexcept>
#include <string>
#include <vector>

#include "infra/pg/connection.hpp"

namespace rt::pg {

struct Migration {
    int version;
    std::string name;
    std::string sql;
};

struct MigrationError : std::runtime_error {
    using std::runtime_error::runtime_error;
};

std::vector<Migration> embedded_migrations();

// SHA-256 of the migration text, hex.
std::string checksum(const std::string& sql);

// Applies what is missing and returns how many it applied. Throws MigrationError if an applied
// migration's checksum differs from ours.
int migrate(Connection& c, const std::vector<Migration>& migrations);

}  // namespace rt::pg
