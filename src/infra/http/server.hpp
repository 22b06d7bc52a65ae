#pragma once
// The HTTP server: Boost.Beast on a few I/O threads that never wait on the database or the
// network, and a pool of worker threads (sized like the database pool) that runs the handlers.
//
// A request goes: header read on its connection's I/O thread (header timeout, header limit) -> route
// matched, token checked from the headers (no body is read for an unknown route or a missing or
// invalid token) -> body read within the total body budget (body timeout) -> handler on a worker
// (or on the I/O thread for Runs::io routes: health and metrics) -> response written on the
// connection's I/O thread (write timeout; a client that does not read stalls only its own connection).
#include <atomic>
#include <chrono>
#include <memory>
#include <thread>
#include <vector>

#include "infra/http/router.hpp"

namespace rt {
class Metrics;
}

namespace rt::http {

class HttpMetrics;

struct ServerOptions {
    std::string address = "0.0.0.0";
    unsigned short port = 8080;  // 0 picks a free port (tests)
    int threads = 2;             // I/O threads
    std::size_t body_limit = 1024 * 1024;
    std::chrono::seconds request_timeout{30};  // reading a body; writing a response
    int workers = 4;                           // handler threads; size them like the database pool
    std::size_t max_connections = 1024;
    // Connections beyond max_connections that are still accepted, for the health endpoints only
    // (/isalive and the other Runs::io routes): a full server stays observable. Anything else
    // on such a connection is answered 503 and the connection closed.
    std::size_t health_reserve = 32;
    std::chrono::milliseconds header_timeout{10000};  // from waiting for a request to its last header byte
    std::size_t header_limit = 16 * 1024;             // beyond it: 431
    std::size_t body_budget = 64u << 20;              // bytes of request bodies being read at once, all connections
    std::size_t response_budget = 64u << 20;          // bytes of responses being written at once, all connections
    std::chrono::milliseconds queue_timeout{500};     // longest a request waits for a worker; then 503
};

class Server {
public:
    Server(const Router& router, Metrics& metrics, ServerOptions options);
    ~Server();
    Server(const Server&) = delete;
    Server& operator=(const Server&) = delete;

    void start();
    unsigned short port() const;
    // Stops accepting, lets requests in flight finish (up to `grace`), then stops the threads.
    void stop(std::chrono::milliseconds grace);

    const HttpMetrics& http_metrics() const;
    std::size_t open_connections() const;

    struct State;

private:
    std::unique_ptr<State> state_;
    std::vector<std::thread> threads_;
};

}  // namespace rt::http
