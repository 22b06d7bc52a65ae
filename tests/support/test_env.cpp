#include "support/test_env.hpp"

#include <unistd.h>

#include <atomic>
#include <cstdlib>
#include <fmt/format.h>
#include <random>

namespace rt::test {

std::string pg_admin_url() {
    const char* v = std::getenv("RT_TEST_PG_ADMIN_URL");
    return v && *v ? v : "postgresql://postgres@127.0.0.1:55432/postgres";
}

std::string pg_url(const std::string& database) {
    auto admin = pg_admin_url();
    auto slash = admin.rfind('/');
    auto query = admin.find('?', slash);
    return admin.substr(0, slash + 1) + database + (query == std::string::npos ? "" : admin.substr(query));
}

std::string kafka_brokers() {
    const char* v = std::getenv("RT_TEST_KAFKA_BROKERS");
    return v && *v ? v : "127.0.0.1:59092";
}

std::string unique_name(const std::string& prefix) {
    static std::atomic<int> counter{0};
    static const auto salt = std::random_device{}();
    return fmt::format("{}_{}_{}_{:x}", prefix, ::getpid(), counter++, salt & 0xffffff);
}

}  // namespace rt::test
