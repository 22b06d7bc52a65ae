#include "infra/pg/listener.hpp"

#include <poll.h>

#include "infra/log.hpp"
#include "infra/pg/connection.hpp"

namespace rt::pg {

Listener::Listener(std::string conninfo, std::vector<std::string> channels, Callback on_notify)
    : conninfo_(std::move(conninfo)), channels_(std::move(channels)), on_notify_(std::move(on_notify)) {}

Listener::~Listener() { stop(); }

void Listener::start() {
    if (running_.exchange(true)) return;
    thread_ = std::thread([this] { run(); });
}

void Listener::stop() {
    running_ = false;
    if (thread_.joinable()) thread_.join();
}

void Listener::run() {
    auto backoff = std::chrono::milliseconds(100);
    while (running_) {
        try {
            auto c = Connection::open(conninfo_);
            for (const auto& ch : channels_) {
                char* id = PQescapeIdentifier(c.raw(), ch.c_str(), ch.size());
                std::string quoted = id ? id : ch;
                PQfreemem(id);
                c.exec("LISTEN " + quoted);
            }
            backoff = std::chrono::milliseconds(100);
            for (const auto& ch : channels_) on_notify_(ch);
            while (running_ && c.healthy()) {
                pollfd fd{PQsocket(c.raw()), POLLIN, 0};
                if (::poll(&fd, 1, 200) < 0) continue;
                if (!PQconsumeInput(c.raw())) break;
                while (PGnotify* n = PQnotifies(c.raw())) {
                    std::string channel = n->relname;
                    PQfreemem(n);
                    on_notify_(channel);
                }
            }
        } catch (const std::exception& e) {
            log::warn("pg.listener", "LISTEN-forbindelsen feilet, prøver igjen", {{"error", e.what()}});
        }
        for (auto waited = std::chrono::milliseconds(0); running_ && waited < backoff; waited += std::chrono::milliseconds(50))
            std::this_thread::sleep_for(std::chrono::milliseconds(50));
        backoff = std::min(backoff * 2, std::chrono::milliseconds(5000));
    }
}

}  // namespace rt::pg
