#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>

#include <catch2/catch.hpp>
#include <thread>
#include <fmt/format.h>

#include "infra/http/client.hpp"
#include "service.hpp"
#include "support/raw_client.hpp"
#include "support/tcp_proxy.hpp"
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

TEST_CASE("service: alive at once, migrates, then ready, metrics in Prometheus format") {
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

TEST_CASE("service binary: SIGTERM stops it gracefully with exit code 0, a bad variable is exit code 2") {
    test::TestDatabase db(false);
    auto url = db.url();
    std::string db_env = "DATABASE_URL=" + url, port_env = "HTTP_PORT=18123", level = "LOG_LEVEL=warn";
    char* env[] = {db_env.data(), port_env.data(), level.data(), nullptr};
    const char* argv[] = {RT_SERVICE_BINARY, nullptr};
    pid_t pid = 0;
    REQUIRE(posix_spawn(&pid, RT_SERVICE_BINARY, nullptr, nullptr, const_cast<char* const*>(argv), env) == 0);
    bool ready = false;
    for (int i = 0; i < 500 && !ready; ++i) {
        try {
            ready = http::fetch("GET", "http://127.0.0.1:18123/isready", "", {}, std::chrono::milliseconds(200)).status == 200;
        } catch (const std::exception&) {
        }
        if (!ready) std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    REQUIRE(ready);
    kill(pid, SIGTERM);
    int status = 0;
    waitpid(pid, &status, 0);
    REQUIRE(WIFEXITED(status));
    REQUIRE(WEXITSTATUS(status) == 0);

    std::string bad = "HTTP_PORT=abc";
    char* bad_env[] = {bad.data(), nullptr};
    REQUIRE(posix_spawn(&pid, RT_SERVICE_BINARY, nullptr, nullptr, const_cast<char* const*>(argv), bad_env) == 0);
    waitpid(pid, &status, 0);
    REQUIRE(WIFEXITED(status));
    REQUIRE(WEXITSTATUS(status) == 2);
}

TEST_CASE("service: /isready turns 503 within 2 s of the database going silent, health and metrics answer at once") {
    test::TestDatabase db(true);
    // postgresql://user@host:port/name, reached through a proxy that the test can silence.
    auto url = db.url();
    auto at = url.find('@'), colon = url.find(':', at), slash = url.find('/', colon);
    test::TcpProxy proxy(url.substr(at + 1, colon - at - 1),
                         static_cast<unsigned short>(std::stoi(url.substr(colon + 1, slash - colon - 1))));
    auto config = test_config(url.substr(0, colon + 1) + std::to_string(proxy.port()) + url.substr(slash));
    config.db_statement_timeout = std::chrono::milliseconds(500);
    Service service(config);
    service.start();
    auto port = service.http_port();
    REQUIRE(test::timed_get(port, "/isready").first == 200);

    proxy.blackhole();
    auto silenced = std::chrono::steady_clock::now();
    int ready = 200;
    while (ready == 200 && std::chrono::steady_clock::now() - silenced < std::chrono::seconds(10)) {
        ready = test::timed_get(port, "/isready").first;
        if (ready == 200) std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    auto took = std::chrono::steady_clock::now() - silenced;
    INFO("503 after " << std::chrono::duration_cast<std::chrono::milliseconds>(took).count() << " ms");
    REQUIRE(ready == 503);
    REQUIRE(took < std::chrono::milliseconds(2500));
    for (int i = 0; i < 5; ++i) {
        auto [alive, alive_took] = test::timed_get(port, "/isalive");
        REQUIRE(alive == 200);
        REQUIRE(alive_took < std::chrono::milliseconds(500));
        REQUIRE(test::timed_get(port, "/metrics").first == 200);
    }
    service.stop();
}
