#pragma once
// Where the tests find the real servers that scripts/dev-postgres and scripts/dev-kafka started.
#include <string>

namespace rt::test {

// A libpq URL of the admin database (RT_TEST_PG_ADMIN_URL, else the dev-postgres default).
std::string pg_admin_url();
// The same server with another database name.
std::string pg_url(const std::string& database);
// The bootstrap servers (RT_TEST_KAFKA_BROKERS, else the dev-kafka default).
std::string kafka_brokers();
// A name that no other test uses (for databases, topics and groups).
std::string unique_name(const std::string& prefix);

}  // namespace rt::test
