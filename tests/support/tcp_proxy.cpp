#include "support/tcp_proxy.hpp"

#include <array>
#include <boost/asio.hpp>
#include <vector>

namespace rt::test {

namespace asio = boost::asio;
using tcp = asio::ip::tcp;

struct TcpProxy::State {
    asio::io_context ioc;
    tcp::acceptor acceptor{ioc, tcp::endpoint(asio::ip::make_address("127.0.0.1"), 0)};
    tcp::endpoint target;
    std::atomic<bool> silent{false};
    std::vector<std::shared_ptr<tcp::socket>> held;  // accepted while silent
};

namespace {

// Handlers hold the State by plain pointer: the proxy joins its thread before the State goes, and
// a handler still pending then is destroyed with the io_context. A shared_ptr in a pending handler
// would keep the State (which owns the io_context, which owns the handler) alive for ever.
void pump(TcpProxy::State* s, std::shared_ptr<tcp::socket> from, std::shared_ptr<tcp::socket> to) {
    auto buf = std::make_shared<std::array<char, 16384>>();
    from->async_read_some(asio::buffer(*buf), [s, from, to, buf](boost::system::error_code ec, std::size_t n) {
        if (ec) {
            to->close(ec);
            return;
        }
        if (s->silent) return pump(s, from, to);  // swallowed
        asio::async_write(*to, asio::buffer(buf->data(), n), [s, from, to, buf](boost::system::error_code ec, std::size_t) {
            if (ec) {
                from->close(ec);
                return;
            }
            pump(s, from, to);
        });
    });
}

void accept(TcpProxy::State* s) {
    s->acceptor.async_accept([s](boost::system::error_code ec, tcp::socket socket) {
        if (ec) return;
        auto client = std::make_shared<tcp::socket>(std::move(socket));
        if (s->silent) {
            s->held.push_back(client);
        } else {
            auto server = std::make_shared<tcp::socket>(s->ioc);
            server->async_connect(s->target, [s, client, server](boost::system::error_code ec) {
                if (ec) return;
                pump(s, client, server);
                pump(s, server, client);
            });
        }
        accept(s);
    });
}

}  // namespace

TcpProxy::TcpProxy(std::string target_host, unsigned short target_port) : state_(std::make_shared<State>()) {
    state_->target = tcp::endpoint(asio::ip::make_address(target_host), target_port);
    accept(state_.get());
    thread_ = std::thread([s = state_.get()] { s->ioc.run(); });
}

TcpProxy::~TcpProxy() {
    state_->ioc.stop();
    thread_.join();
}

unsigned short TcpProxy::port() const { return state_->acceptor.local_endpoint().port(); }

void TcpProxy::blackhole() { state_->silent = true; }

}  // namespace rt::test
