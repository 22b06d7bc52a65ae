#pragma once
// A TCP proxy on loopback in front of a real server (the dev PostgreSQL), which a test can turn
// into a black hole: connections stay open but nothing passes any more, the way a database
// behind a failed network looks. Lets a test take "the database" away without touching the
// shared dev server.
#include <atomic>
#include <memory>
#include <string>
#include <thread>

namespace rt::test {

class TcpProxy {
public:
    TcpProxy(std::string target_host, unsigned short target_port);
    ~TcpProxy();
    TcpProxy(const TcpProxy&) = delete;
    TcpProxy& operator=(const TcpProxy&) = delete;

    unsigned short port() const;
    // From now on nothing is forwarded either way, and new connections are accepted and left silent.
    void blackhole();

    struct State;

private:
    std::shared_ptr<State> state_;
    std::thread thread_;
};

}  // namespace rt::test
