#include <boost/asio.hpp>
#include <catch2/catch.hpp>
#include <fmt/format.h>
#include <thread>

#include "infra/http/client.hpp"
#include "infra/http/http_metrics.hpp"
#include "infra/http/json_body.hpp"
#include "infra/http/server.hpp"
#include "infra/metrics.hpp"

using namespace rt;

namespace {
struct TestServer {
    http::Router router;
    Metrics metrics;
    std::unique_ptr<http::Server> server;
    explicit TestServer(std::size_t body_limit = 1024, std::chrono::seconds timeout = std::chrono::seconds(30)) {
        router.add("GET", "/isalive", [](http::Request&) { return http::text(200, "OK"); });
        router.add("POST", "/test/ekko", [](http::Request& r) {
            auto body = http::parse_object_body(r);
            return http::json(200, boost::json::object{{"tittel", http::required_string(body, "tittel")}});
        });
        router.add("GET", "/test/treg", [](http::Request&) {
            std::this_thread::sleep_for(std::chrono::milliseconds(400));
            return http::text(200, "ferdig");
        });
        server = std::make_unique<http::Server>(router, metrics, http::ServerOptions{"127.0.0.1", 0, 2, body_limit, timeout});
        server->start();
    }
    std::string url(const std::string& path) const { return fmt::format("http://127.0.0.1:{}{}", server->port(), path); }
};
}  // namespace

TEST_CASE("server answers health, echoes JSON, and counts requests by route") {
    TestServer s;
    auto alive = http::fetch("GET", s.url("/isalive"));
    REQUIRE(alive.status == 200);
    REQUIRE(alive.body == "OK");
    auto echo = http::fetch("POST", s.url("/test/ekko"), R"({"tittel":"Jobbtreff \"x\" ✓"})");
    REQUIRE(echo.status == 200);
    REQUIRE(echo.headers["content-type"] == "application/json");
    REQUIRE(boost::json::parse(echo.body).at("tittel").as_string() == "Jobbtreff \"x\" ✓");
    REQUIRE(s.server->http_metrics().requests("/isalive", "GET", 200) == 1);
}

TEST_CASE("server: unknown route is 404 problem+json") {
    TestServer s;
    auto r = http::fetch("GET", s.url("/finnes/ikke"));
    REQUIRE(r.status == 404);
    REQUIRE(r.headers["content-type"] == "application/problem+json");
    REQUIRE(boost::json::parse(r.body).at("status").as_int64() == 404);
}

TEST_CASE("server: malformed JSON and a missing field are 400 problem+json") {
    TestServer s;
    auto r = http::fetch("POST", s.url("/test/ekko"), R"({"tittel": )");
    REQUIRE(r.status == 400);
    REQUIRE(r.headers["content-type"] == "application/problem+json");
    auto m = http::fetch("POST", s.url("/test/ekko"), R"({"navn":"x"})");
    REQUIRE(m.status == 400);
    REQUIRE(boost::json::parse(m.body).at("detail").as_string().find("tittel") != boost::json::string::npos);
    auto t = http::fetch("POST", s.url("/test/ekko"), R"({"tittel":17})");
    REQUIRE(t.status == 400);
}

TEST_CASE("server: a body over the limit is 413, and the server goes on") {
    TestServer s(1024);
    std::string big = R"({"tittel":")" + std::string(4096, 'x') + R"("})";
    auto r = http::fetch("POST", s.url("/test/ekko"), big);
    REQUIRE(r.status == 413);
    REQUIRE(r.headers["content-type"] == "application/problem+json");
    REQUIRE(http::fetch("GET", s.url("/isalive")).status == 200);
}

TEST_CASE("server: a client still sending a 2 MB body gets the 413, not a reset") {
    TestServer s(1024 * 1024);
    std::string huge = R"({"tittel":")" + std::string(2 * 1024 * 1024, 'x') + R"("})";
    for (int i = 0; i < 5; ++i) {
        auto r = http::fetch("POST", s.url("/test/ekko"), huge, {}, std::chrono::seconds(10));
        REQUIRE(r.status == 413);
    }
}

TEST_CASE("server: stop lets a request in flight finish") {
    TestServer s;
    http::ClientResponse slow;
    std::thread client([&] { slow = http::fetch("GET", s.url("/test/treg"), "", {}, std::chrono::seconds(5)); });
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
    s.server->stop(std::chrono::seconds(5));
    client.join();
    REQUIRE(slow.status == 200);
    REQUIRE(slow.body == "ferdig");
    REQUIRE_THROWS(http::fetch("GET", s.url("/isalive"), "", {}, std::chrono::milliseconds(500)));
}

TEST_CASE("server: a client that sends half a request is cut off after the request timeout") {
    TestServer s(1024, std::chrono::seconds(1));
    boost::asio::io_context ioc;
    boost::asio::ip::tcp::socket sock(ioc);
    sock.connect({boost::asio::ip::make_address("127.0.0.1"), s.server->port()});
    std::string partial = "POST /test/ekko HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\n{\"tit";
    boost::asio::write(sock, boost::asio::buffer(partial));
    auto started = std::chrono::steady_clock::now();
    char buf[256];
    boost::system::error_code ec;
    sock.read_some(boost::asio::buffer(buf), ec);  // returns when the server closes
    REQUIRE(ec);
    REQUIRE(std::chrono::steady_clock::now() - started < std::chrono::seconds(5));
}
