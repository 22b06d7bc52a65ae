// Hostile and careless clients against the HTTP server, in process, on loopback: every shape
// of abuse gets the right 4xx where HTTP allows an answer, costs no more than its bound, and
// leaves the server answering /isalive.
#include <boost/json.hpp>
#include <catch2/catch.hpp>
#include <fmt/format.h>

#include <atomic>
#include <random>
#include <regex>
#include <thread>

#include "core/errors.hpp"
#include "infra/http/client.hpp"
#include "infra/http/http_metrics.hpp"
#include "infra/http/json_body.hpp"
#include "infra/http/server.hpp"
#include "infra/metrics.hpp"
#include "support/eventually.hpp"
#include "support/raw_client.hpp"

using namespace rt;
using namespace std::chrono_literals;
using rt::test::eventually;
using rt::test::RawConnection;
using rt::test::status_of;

namespace {

struct HostileServer {
    http::Router router;
    Metrics metrics;
    std::unique_ptr<http::Server> server;
    std::atomic<int> handled{0};

    explicit HostileServer(std::function<void(http::ServerOptions&)> configure = {}) {
        router.add_public("GET", "/isalive", [](http::Request&) { return http::text(200, "OK"); }, http::Runs::io);
        router.add_public("GET", "/metrics", [this](http::Request&) { return http::text(200, metrics.render()); }, http::Runs::io);
        router.add("POST", "/api/ekko", [this](http::Request& r) {
            ++handled;
            auto body = http::parse_object_body(r);
            return http::json(200, boost::json::object{{"tittel", http::required_string(body, "tittel")}});
        });
        router.add("GET", "/api/treff/{id}", [this](http::Request& r) {
            ++handled;
            return http::text(200, "treff " + r.param("id"));
        });
        router.add("GET", "/api/stor", [](http::Request&) { return http::text(200, std::string(1 << 20, 'x')); });
        router.add("GET", "/api/treg", [](http::Request&) {
            std::this_thread::sleep_for(1500ms);
            return http::text(200, "ferdig");
        });
        // The token: "Bearer gyldig"; anything else is refused before the body is read.
        router.require_token([](const http::Request& r, std::chrono::milliseconds) {
            if (r.header("authorization") != "Bearer gyldig") throw unauthorized("mangler gyldig token");
        });
        http::ServerOptions o;
        o.address = "127.0.0.1";
        o.port = 0;
        o.threads = 2;
        o.workers = 2;
        o.body_limit = 64 * 1024;
        o.request_timeout = 1s;
        o.header_timeout = 500ms;
        if (configure) configure(o);
        server = std::make_unique<http::Server>(router, metrics, o);
        server->start();
    }
    unsigned short port() const { return server->port(); }
    int isalive() const { return rt::test::timed_get(port(), "/isalive").first; }
};

std::string post(const std::string& path, const std::string& body, const std::string& token = "gyldig") {
    return fmt::format("POST {} HTTP/1.1\r\nHost: t\r\nAuthorization: Bearer {}\r\nContent-Type: application/json\r\n"
                       "Content-Length: {}\r\n\r\n{}",
                       path, token, body.size(), body);
}

// The scrape with every number at a line's end removed: what labels exist, not their counts.
std::string label_sets(const std::string& scrape) {
    return std::regex_replace(scrape, std::regex(" [0-9.e+-]+\n"), "\n");
}

}  // namespace

TEST_CASE("hostile: thousands of random paths and methods without a token do not grow the scrape", "[hostile]") {
    HostileServer s;
    std::mt19937 random(42);
    auto word = [&](int n, const char* alphabet) {
        std::string w;
        for (int i = 0; i < n; ++i) w += alphabet[random() % std::strlen(alphabet)];
        return w;
    };
    auto send_random = [&](int count) {
        RawConnection c(s.port());
        for (int i = 0; i < count; ++i) {
            std::string method = random() % 2 ? word(3 + random() % 8, "ABCDEFGHIJKLMNOPQRSTUVWXYZ")
                                              : std::string(std::array{"GET", "POST", "PUT", "DELETE", "PATCH"}[random() % 5]);
            std::string path = "/" + word(1 + random() % 30, "abcdefghijklmnopqrstuvwxyz0123456789/-_.");
            if (random() % 4 == 0) path = "/api/treff/" + word(10, "0123456789abcdef");  // a real route, no token
            REQUIRE(c.send(fmt::format("{} {} HTTP/1.1\r\nHost: t\r\n\r\n", method, path)));
            int status = status_of(c.read_response());
            REQUIRE((status == 401 || status == 404 || status == 405));
        }
    };
    send_random(300);
    http::fetch("GET", fmt::format("http://127.0.0.1:{}/metrics", s.port()));  // /metrics itself is counted from now on
    auto before = http::fetch("GET", fmt::format("http://127.0.0.1:{}/metrics", s.port())).body;
    send_random(3000);
    auto after = http::fetch("GET", fmt::format("http://127.0.0.1:{}/metrics", s.port())).body;
    REQUIRE(label_sets(after) == label_sets(before));
    REQUIRE(after.size() < 16 * 1024);
    REQUIRE(after.find("route=\"unmatched\",method=\"other\",status=\"404\"") != std::string::npos);
    REQUIRE(after.find("route=\"/api/treff/{id}\",method=\"GET\",status=\"401\"") != std::string::npos);
    REQUIRE(s.handled == 0);
}

TEST_CASE("hostile: a request without a valid token is refused from its headers, its body is never read", "[hostile]") {
    HostileServer s;
    RawConnection c(s.port());
    // Announces 60 KiB and sends none of it: the answer comes anyway, at once.
    REQUIRE(c.send("POST /api/ekko HTTP/1.1\r\nHost: t\r\nContent-Type: application/json\r\nContent-Length: 61440\r\n\r\n"));
    auto r = c.read_response(2s);
    REQUIRE(status_of(r) == 401);
    REQUIRE(r.find("application/problem+json") != std::string::npos);
    RawConnection wrong(s.port());
    REQUIRE(wrong.send(post("/api/ekko", R"({"tittel":"x"})", "feil").substr(0, 120)));
    REQUIRE(status_of(wrong.read_response(2s)) == 401);
    REQUIRE(s.handled == 0);
    // With the token the same route works.
    RawConnection ok(s.port());
    REQUIRE(ok.send(post("/api/ekko", R"({"tittel":"x"})")));
    REQUIRE(status_of(ok.read_response()) == 200);
    REQUIRE(s.handled == 1);
}

TEST_CASE("hostile: unknown routes answer 404 or 405 without reading a body", "[hostile]") {
    HostileServer s;
    RawConnection c(s.port());
    REQUIRE(c.send("POST /finnes/ikke HTTP/1.1\r\nHost: t\r\nContent-Length: 10000000\r\n\r\n"));
    REQUIRE(status_of(c.read_response(2s)) == 404);
    RawConnection m(s.port());
    REQUIRE(m.send("DELETE /api/ekko HTTP/1.1\r\nHost: t\r\nContent-Length: 10000000\r\n\r\n"));
    REQUIRE(status_of(m.read_response(2s)) == 405);
}

TEST_CASE("hostile: oversized headers are 431, malformed requests 400, and the server goes on", "[hostile]") {
    HostileServer s;
    RawConnection big(s.port());
    REQUIRE(big.send("GET /isalive HTTP/1.1\r\nHost: t\r\nX-Stor: " + std::string(20000, 'a') + "\r\n\r\n"));
    REQUIRE(status_of(big.read_response()) == 431);
    RawConnection many(s.port());
    std::string fields;
    for (int i = 0; i < 2000; ++i) fields += fmt::format("X-{}: {}\r\n", i, i);
    REQUIRE(many.send("GET /isalive HTTP/1.1\r\nHost: t\r\n" + fields + "\r\n"));
    REQUIRE(status_of(many.read_response()) == 431);

    for (std::string bad : std::vector<std::string>{"GET /isalive HTTP/9.9\r\nHost: t\r\n\r\n", "G@T /isalive HTTP/1.1\r\nHost: t\r\n\r\n",
                            "GET /isalive HTTP/1.1\r\nHost t\r\n\r\n",
                            std::string("GET /isalive HTTP/1.1\r\nX-Null: a\0b\r\n\r\n", 38),
                            "\x16\x03\x01\x02\x00\x01\x00\x01\xfc\x03\x03\r\n\r\n"}) {
        RawConnection c(s.port());
        REQUIRE(c.send(bad));
        INFO(bad);
        REQUIRE(status_of(c.read_response()) == 400);
        REQUIRE(c.closed_within(2s));
    }
    REQUIRE(s.isalive() == 200);
}

TEST_CASE("hostile: request smuggling shapes are 400 and end the connection", "[hostile]") {
    HostileServer s;
    const std::string body = R"({"tittel":"x"})";
    std::vector<std::string> shapes = {
        // Two Content-Lengths that disagree.
        fmt::format("POST /api/ekko HTTP/1.1\r\nHost: t\r\nAuthorization: Bearer gyldig\r\nContent-Length: {}\r\n"
                    "Content-Length: 3\r\n\r\n{}",
                    body.size(), body),
        // Content-Length with Transfer-Encoding.
        fmt::format("POST /api/ekko HTTP/1.1\r\nHost: t\r\nAuthorization: Bearer gyldig\r\nContent-Length: {}\r\n"
                    "Transfer-Encoding: chunked\r\n\r\n0\r\n\r\nGET /api/treff/smuglet HTTP/1.1\r\nHost: t\r\n\r\n",
                    body.size()),
        // A Transfer-Encoding that does not end in chunked.
        "POST /api/ekko HTTP/1.1\r\nHost: t\r\nAuthorization: Bearer gyldig\r\nTransfer-Encoding: chunked, identity\r\n\r\n"
        "0\r\n\r\n",
        // A Content-Length that is not a number.
        "POST /api/ekko HTTP/1.1\r\nHost: t\r\nAuthorization: Bearer gyldig\r\nContent-Length: 1e3\r\n\r\n",
    };
    for (const auto& shape : shapes) {
        RawConnection c(s.port());
        REQUIRE(c.send(shape));
        INFO(shape);
        auto all = c.read_for(1500ms);
        REQUIRE(status_of(all) == 400);
        // Exactly one answer: nothing after it was read as a request of its own.
        static const std::regex status_line("HTTP/1\\.1 [0-9]{3} ");
        REQUIRE(std::distance(std::sregex_iterator(all.begin(), all.end(), status_line), std::sregex_iterator()) == 1);
    }
    REQUIRE(s.handled == 0);
    REQUIRE(s.isalive() == 200);
}

TEST_CASE("hostile: pipelined requests are answered in order on one connection", "[hostile]") {
    HostileServer s;
    RawConnection c(s.port());
    REQUIRE(c.send("GET /api/treff/a HTTP/1.1\r\nHost: t\r\nAuthorization: Bearer gyldig\r\n\r\n"
                   "GET /isalive HTTP/1.1\r\nHost: t\r\n\r\n" +
                   post("/api/ekko", R"({"tittel":"tre"})") + "GET /api/treff/b HTTP/1.1\r\nHost: t\r\n\r\n"));
    auto a = c.read_response(), b = c.read_response(), e = c.read_response(), d = c.read_response();
    REQUIRE(status_of(a) == 200);
    REQUIRE(a.ends_with("treff a"));
    REQUIRE(status_of(b) == 200);
    REQUIRE(b.ends_with("OK"));
    REQUIRE(status_of(e) == 200);
    REQUIRE(e.find("\"tre\"") != std::string::npos);
    REQUIRE(status_of(d) == 401);
}

TEST_CASE("hostile: invalid UTF-8 and deeply nested JSON are 400", "[hostile]") {
    HostileServer s;
    for (std::string body : {std::string("{\"tittel\":\"\xff\xfe\"}"), std::string("{\"tittel\":\"\xc3\x28\"}"),
                             std::string(100000, '[') + std::string(100000, ']'),
                             "{\"a\":" + std::string(64, '[') + std::string(64, ']') + ",\"tittel\":\"x\"}"}) {
        RawConnection c(s.port());
        REQUIRE(c.send(post("/api/ekko", body.size() > 64 * 1024 ? body.substr(0, 60000) : body)));
        auto r = c.read_response();
        REQUIRE(status_of(r) == 400);
    }
    REQUIRE(s.isalive() == 200);
}

TEST_CASE("hostile: slow senders are cut off: headers after the header timeout, bodies after the body timeout", "[hostile]") {
    HostileServer s;
    RawConnection headers(s.port());
    REQUIRE(headers.send("GET /isalive HTTP/1.1\r\nHo"));
    RawConnection body(s.port());
    REQUIRE(body.send("POST /api/ekko HTTP/1.1\r\nHost: t\r\nAuthorization: Bearer gyldig\r\nContent-Length: 100\r\n\r\n{\"ti"));
    RawConnection idle(s.port());
    // A byte now and then does not keep a header read alive past its deadline.
    for (int i = 0; i < 4; ++i) {
        std::this_thread::sleep_for(200ms);
        headers.send("s");
    }
    REQUIRE(headers.closed_within(2s));
    REQUIRE(body.closed_within(3s));
    REQUIRE(idle.closed_within(2s));
    REQUIRE(s.handled == 0);
    REQUIRE(s.isalive() == 200);
}

TEST_CASE("hostile: beyond the connection limit new connections are closed, and the reserve answers health only",
          "[hostile]") {
    HostileServer s([](http::ServerOptions& o) {
        o.max_connections = 20;
        o.health_reserve = 2;
        o.header_timeout = 10s;
    });
    std::vector<RawConnection> held;
    for (int i = 0; i < 20; ++i) held.emplace_back(s.port());
    REQUIRE(eventually([&] { return s.server->open_connections() == 20; }, 5s));  // all accepted
    // The reserve: health answers, anything else is 503, and both close.
    RawConnection probe(s.port());
    REQUIRE(probe.send("GET /isalive HTTP/1.1\r\nHost: t\r\n\r\n"));
    REQUIRE(status_of(probe.read_response()) == 200);
    REQUIRE(probe.closed_within(1s));
    RawConnection work(s.port());
    REQUIRE(work.send("GET /api/treff/a HTTP/1.1\r\nHost: t\r\nAuthorization: Bearer gyldig\r\n\r\n"));
    auto refused = work.read_response();
    REQUIRE(status_of(refused) == 503);
    REQUIRE(refused.find("Retry-After: 1") != std::string::npos);
    // Reserve full as well: closed at once. The refused connections' sessions end a moment after
    // their answers are read; the reserve is only full once they have.
    REQUIRE(eventually([&] { return s.server->open_connections() == 20; }, 5s));
    RawConnection r1(s.port()), r2(s.port());
    REQUIRE(eventually([&] { return s.server->open_connections() == 22; }, 5s));
    RawConnection beyond(s.port());
    REQUIRE(beyond.closed_within(1s));
    // Freeing a connection lets work in again.
    held.clear();
    REQUIRE(eventually([&] { return s.server->open_connections() == 2; }, 5s));  // r1 and r2
    RawConnection again(s.port());
    REQUIRE(again.send("GET /api/treff/b HTTP/1.1\r\nHost: t\r\nAuthorization: Bearer gyldig\r\n\r\n"));
    REQUIRE(status_of(again.read_response()) == 200);
}

TEST_CASE("hostile: bodies being read share one budget, past it a request is 503 at once", "[hostile]") {
    HostileServer s([](http::ServerOptions& o) {
        o.body_limit = 64 * 1024;
        o.body_budget = 128 * 1024;
        o.request_timeout = 5s;
    });
    auto start_upload = [&] {
        RawConnection c(s.port());
        c.send("POST /api/ekko HTTP/1.1\r\nHost: t\r\nAuthorization: Bearer gyldig\r\nContent-Length: 60000\r\n\r\n{\"tittel\":\"");
        return c;
    };
    auto a = start_upload(), b = start_upload();
    std::this_thread::sleep_for(200ms);
    auto c = start_upload();
    auto refused = c.read_response(2s);
    REQUIRE(status_of(refused) == 503);
    REQUIRE(refused.find("Retry-After") != std::string::npos);
    // The first uploads finish normally; afterwards the budget is free again.
    REQUIRE(a.send(std::string(60000 - 11 - 2, 'x') + "\"}"));
    REQUIRE(status_of(a.read_response()) == 200);
    auto d = start_upload();
    REQUIRE(d.send(std::string(60000 - 11 - 2, 'x') + "\"}"));
    REQUIRE(status_of(d.read_response()) == 200);
}

TEST_CASE("hostile: a client that never reads stalls only its own connection, and is dropped after the write timeout",
          "[hostile]") {
    HostileServer s([](http::ServerOptions& o) { o.request_timeout = 1s; });
    RawConnection lazy(s.port());
    lazy.small_receive_buffer();
    std::string requests;
    for (int i = 0; i < 20; ++i) requests += "GET /api/stor HTTP/1.1\r\nHost: t\r\nAuthorization: Bearer gyldig\r\n\r\n";
    REQUIRE(lazy.send(requests));
    std::this_thread::sleep_for(300ms);
    for (int i = 0; i < 5; ++i) REQUIRE(s.isalive() == 200);
    RawConnection other(s.port());
    REQUIRE(other.send("GET /api/treff/x HTTP/1.1\r\nHost: t\r\nAuthorization: Bearer gyldig\r\n\r\n"));
    REQUIRE(status_of(other.read_response()) == 200);
    // Unread for longer than the write timeout: the server gives up on it (the client, reading
    // at last, finds the stream cut short of 20 responses of 1 MiB).
    std::this_thread::sleep_for(2500ms);
    auto got = lazy.read_for(2s);
    REQUIRE(got.size() < 20u * (1u << 20));
}

TEST_CASE("hostile: with every worker busy, health still answers and queued work is 503 with Retry-After",
          "[hostile]") {
    HostileServer s([](http::ServerOptions& o) {
        o.workers = 2;
        o.queue_timeout = 300ms;
    });
    std::vector<std::thread> slow;
    std::atomic<int> slow_ok{0};
    for (int i = 0; i < 2; ++i)
        slow.emplace_back([&] {
            RawConnection c(s.port());
            c.send("GET /api/treg HTTP/1.1\r\nHost: t\r\nAuthorization: Bearer gyldig\r\n\r\n");
            if (status_of(c.read_response(5s)) == 200) ++slow_ok;
        });
    std::this_thread::sleep_for(200ms);
    auto [alive, took] = rt::test::timed_get(s.port(), "/isalive");
    REQUIRE(alive == 200);
    RawConnection queued(s.port());
    REQUIRE(queued.send("GET /api/treff/k HTTP/1.1\r\nHost: t\r\nAuthorization: Bearer gyldig\r\n\r\n"));
    auto r = queued.read_response(3s);
    REQUIRE(status_of(r) == 503);
    REQUIRE(r.find("Retry-After: 1") != std::string::npos);
    for (auto& t : slow) t.join();
    REQUIRE(slow_ok == 2);
}

TEST_CASE("hostile: a token check that needs keys being fetched moves to a worker and completes there", "[hostile]") {
    http::Router router;
    Metrics metrics;
    std::atomic<int> io_checks{0}, worker_checks{0};
    router.add("GET", "/api/x", [](http::Request&) { return http::text(200, "x"); });
    router.require_token([&](const http::Request&, std::chrono::milliseconds key_wait) {
        if (key_wait.count() == 0) {
            ++io_checks;
            throw WouldBlock("keys being fetched");
        }
        ++worker_checks;
        std::this_thread::sleep_for(100ms);  // the fetch finishing
    });
    http::Server server(router, metrics, http::ServerOptions{"127.0.0.1", 0, 1});
    server.start();
    RawConnection c(server.port());
    REQUIRE(c.send("GET /api/x HTTP/1.1\r\nHost: t\r\n\r\n"));
    auto r = c.read_response();
    REQUIRE(status_of(r) == 200);
    REQUIRE(io_checks == 1);
    REQUIRE(worker_checks == 1);
    server.stop(1s);
}
