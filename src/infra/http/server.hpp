#pragma once
// The HTTP server: Boost.Beast, asynchronous I/O on a small fixed pool of threads. Handlers run
// on those threads and may block on the database; the pool size bounds how many run at once.
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

struct ServerOptions {
    std::string address = "0.0.0.0";
    unsigned short port = 8080;  // 0 picks a free port (tests)
    int threads = 4;
    std::size_t body_limit = 1024 * 1024;
    std::chrono::seconds request_timeout{30};
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

    struct State;

private:
    std::unique_ptr<State> state_;
    std::vector<std::thread> threads_;
};

}  // namespace rt::http
