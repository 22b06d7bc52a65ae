#include <catch2/catch.hpp>
#include <fmt/format.h>

#include "infra/http/client.hpp"
#include "service.hpp"
#include "support/test_db.hpp"

using namespace rt;

namespace {
Config test_config(const std::string& db_url) {
    Config c;
    c.http_port = 0;
    c.http_threads = 2;
    c.database_url = db_url;
    c.db_pool_size = 4;
    return c;
}
}  // namespace

TEST_CASE("service: alive at once, migrates, then ready; metrics in Prometheus format") {
    test::TestDatabase db(false);
    Service service(test_config(db.url()));
    service.start();
    auto base = fmt::format("http://127.0.0.1:{}", service.http_port());
    REQUIRE(http::fetch("GET", base + "/isalive").status == 200);
    auto ready = http::fetch("GET", base + "/isready");
    REQUIRE(ready.status == 200);
    REQUIRE(db.count("SELECT count(*) FROM schema_migrations") == static_cast<long long>(pg::embedded_migrations().size()));
    auto metrics = http::fetch("GET", base + "/metrics");
    REQUIRE(metrics.status == 200);
    REQUIRE(metrics.headers["content-type"].starts_with("text/plain; version=0.0.4"));
    REQUIRE(metrics.body.find("http_requests_total{route=\"/isready\",method=\"GET\",status=\"200\"} 1") != std::string::npos);
    REQUIRE(metrics.body.find("db_pool_connections{state=\"max\"} 4") != std::string::npos);
    service.stop();
}

TEST_CASE("service: not ready while the database is unreachable, and start gives up on request") {
    Service service(test_config("postgresql://postgres@127.0.0.1:1/nothing?connect_timeout=1"));
    std::thread starter([&] { service.start(); });
    std::this_thread::sleep_for(std::chrono::milliseconds(300));
    auto base = fmt::format("http://127.0.0.1:{}", service.http_port());
    REQUIRE(http::fetch("GET", base + "/isalive").status == 200);
    auto ready = http::fetch("GET", base + "/isready");
    REQUIRE(ready.status == 503);
    REQUIRE(ready.body.find("migrations") != std::string::npos);
    REQUIRE(ready.body.find("database") != std::string::npos);
    service.request_stop();
    starter.join();
    service.stop();
}
