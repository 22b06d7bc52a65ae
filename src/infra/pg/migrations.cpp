#include "infra/pg/migrations.hpp"

#include <openssl/evp.h>

#include <fmt/format.h>
#include <map>

#include "core/ids.hpp"
#include "infra/log.hpp"

namespace rt::pg {

std::string checksum(const std::string& sql) {
    unsigned char digest[EVP_MAX_MD_SIZE];
    unsigned int len = 0;
    EVP_Digest(sql.data(), sql.size(), digest, &len, EVP_sha256(), nullptr);
    std::string out;
    for (unsigned i = 0; i < len; ++i) out += fmt::format("{:02x}", digest[i]);
    return out;
}

int migrate(Connection& c, const std::vector<Migration>& migrations) {
    static const long long lock_key = stable_key("rekrutteringstreff.migrations");
    c.query("SELECT pg_advisory_lock($1)", lock_key);
    struct Unlock {
        Connection& c;
        ~Unlock() {
            try {
                c.query("SELECT pg_advisory_unlock($1)", lock_key);
            } catch (const std::exception&) {
                // The lock goes with the session if the connection broke.
            }
        }
    } unlock{c};

    c.exec(R"(CREATE TABLE IF NOT EXISTS schema_migrations (
                version integer PRIMARY KEY,
                name text NOT NULL,
                checksum text NOT NULL,
                applied_at timestamptz NOT NULL DEFAULT now()))");
    std::map<int, std::pair<std::string, std::string>> applied;
    auto r = c.exec("SELECT version, name, checksum FROM schema_migrations");
    for (int i = 0; i < r.rows(); ++i) applied[static_cast<int>(r.integer(i, 0))] = {r.str(i, 1), r.str(i, 2)};

    std::map<int, const Migration*> ours;
    for (const auto& m : migrations) {
        if (!ours.emplace(m.version, &m).second)
            throw MigrationError(fmt::format("two migrations have version {}", m.version));
    }
    for (const auto& [version, row] : applied) {
        auto it = ours.find(version);
        if (it == ours.end()) {
            log::warn("migrations", "databasen har en migrering denne versjonen ikke kjenner",
                      {{"version", version}, {"name", row.first}});
            continue;
        }
        if (checksum(it->second->sql) != row.second)
            throw MigrationError(fmt::format("migration {} ({}) was changed after it was applied", version, row.first));
    }
    int count = 0;
    for (const auto& [version, m] : ours) {
        if (applied.contains(version)) continue;
        c.exec("BEGIN");
        try {
            c.exec(m->sql);
            c.query("INSERT INTO schema_migrations (version, name, checksum) VALUES ($1, $2, $3)", version, m->name,
                    checksum(m->sql));
            c.exec("COMMIT");
        } catch (...) {
            try {
                c.exec("ROLLBACK");
            } catch (const std::exception&) {
            }
            throw;
        }
        log::info("migrations", "migrering kjørt", {{"version", version}, {"name", m->name}});
        ++count;
    }
    return count;
}

}  // namespace rt::pg
