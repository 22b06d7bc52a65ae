#include "infra/http/server.hpp"

#include <array>
#include <boost/asio.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <fmt/format.h>

#include "infra/log.hpp"
#include "infra/metrics.hpp"

namespace rt::http {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace bhttp = boost::beast::http;
using tcp = asio::ip::tcp;

struct Server::State {
    const Router& router;
    Metrics& metrics;
    ServerOptions options;
    asio::io_context ioc;
    tcp::acceptor acceptor{ioc};
    std::atomic<bool> stopping{false};
    std::atomic<int> in_flight{0};
    unsigned short port = 0;

    State(const Router& r, Metrics& m, ServerOptions o)
        : router(r), metrics(m), options(std::move(o)), ioc(options.threads) {}
};

namespace {

Request to_request(bhttp::request<bhttp::string_body>& in) {
    Request r;
    r.method = std::string(in.method_string());
    std::string_view target = in.target();
    auto q = target.find('?');
    r.path = std::string(target.substr(0, q));
    if (q != std::string_view::npos) r.query = std::string(target.substr(q + 1));
    for (const auto& f : in) {
        std::string name(f.name_string());
        for (auto& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        r.headers[name] = std::string(f.value());
    }
    r.body = std::move(in.body());
    return r;
}

class Session : public std::enable_shared_from_this<Session> {
public:
    // A plain reference: the state owns the io_context, whose destruction destroys every session.
    Session(tcp::socket socket, Server::State& state) : stream_(std::move(socket)), state_(&state) {}

    void start() { read(); }

private:
    void read() {
        parser_.emplace();
        parser_->body_limit(state_->options.body_limit);
        parser_->header_limit(16 * 1024);
        stream_.expires_after(state_->options.request_timeout);
        bhttp::async_read(stream_, buffer_, *parser_,
                          [self = shared_from_this()](beast::error_code ec, std::size_t) { self->on_read(ec); });
    }

    void on_read(beast::error_code ec) {
        if (ec == bhttp::error::body_limit) {
            auto r = problem(413, "For stor forespørsel",
                             fmt::format("body kan være på høyst {} byte", state_->options.body_limit), "");
            write(std::move(r), After::drain, "unmatched", "?", std::chrono::steady_clock::now());
            return;
        }
        if (ec) return close();  // end of stream, timeout, reset: nothing to answer
        auto started = std::chrono::steady_clock::now();
        ++state_->in_flight;
        auto in = parser_->release();
        Request request = to_request(in);
        Response response = state_->router.dispatch(request);
        bool keep_alive = in.keep_alive() && !state_->stopping;
        write(std::move(response), keep_alive ? After::read : After::close, request.route, request.method, started, true);
    }

    // What happens once a response is written.
    enum class After { read, close, drain };

    void write(Response r, After after, const std::string& route, const std::string& method,
               std::chrono::steady_clock::time_point started, bool counted = false) {
        auto res = std::make_shared<bhttp::response<bhttp::string_body>>(static_cast<bhttp::status>(r.status), 11);
        res->set(bhttp::field::content_type, r.content_type);
        for (auto& [k, v] : r.headers) res->set(k, v);
        res->body() = std::move(r.body);
        res->keep_alive(after == After::read);
        res->prepare_payload();
        state_->metrics.add("http_requests_total", {{"route", route}, {"method", method}, {"status", std::to_string(r.status)}});
        state_->metrics.observe("http_request_duration_seconds", {{"route", route}, {"method", method}},
                                std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count());
        bhttp::async_write(stream_, *res, [self = shared_from_this(), res, after, counted](beast::error_code ec, std::size_t) {
            if (counted) --self->state_->in_flight;
            if (ec || after == After::close) return self->close();
            if (after == After::drain) return self->drain_then_close();
            self->read();
        });
    }

    // After an early answer (413) the client may still be sending the body; closing with unread
    // bytes makes the kernel reset the connection, and the client never sees the answer. So:
    // stop sending, read and discard for a little while, then close.
    void drain_then_close() {
        beast::error_code ignored;
        stream_.socket().shutdown(tcp::socket::shutdown_send, ignored);
        stream_.expires_after(std::chrono::seconds(5));
        discard_ = std::make_unique<std::array<char, 64 * 1024>>();
        drain(0);
    }

    void drain(std::size_t total) {
        stream_.async_read_some(asio::buffer(*discard_), [self = shared_from_this(), total](beast::error_code ec, std::size_t n) {
            if (ec || total + n > (64u << 20)) return self->close();
            self->drain(total + n);
        });
    }

    void close() {
        beast::error_code ec;
        stream_.socket().shutdown(tcp::socket::shutdown_send, ec);
        stream_.socket().close(ec);
    }

    beast::tcp_stream stream_;
    beast::flat_buffer buffer_;
    std::optional<bhttp::request_parser<bhttp::string_body>> parser_;
    std::unique_ptr<std::array<char, 64 * 1024>> discard_;
    Server::State* state_;
};

void accept(Server::State* state) {
    state->acceptor.async_accept(asio::make_strand(state->ioc), [state](beast::error_code ec, tcp::socket socket) {
        if (ec == asio::error::operation_aborted || state->stopping) return;
        if (!ec) {
            socket.set_option(tcp::no_delay(true), ec);
            std::make_shared<Session>(std::move(socket), *state)->start();
        }
        accept(state);
    });
}

}  // namespace

Server::Server(const Router& router, Metrics& metrics, ServerOptions options)
    : state_(std::make_unique<State>(router, metrics, std::move(options))) {}

Server::~Server() { stop(std::chrono::milliseconds(0)); }

void Server::start() {
    auto& s = *state_;
    tcp::endpoint endpoint(asio::ip::make_address(s.options.address), s.options.port);
    s.acceptor.open(endpoint.protocol());
    s.acceptor.set_option(asio::socket_base::reuse_address(true));
    s.acceptor.bind(endpoint);
    s.acceptor.listen(asio::socket_base::max_listen_connections);
    s.port = s.acceptor.local_endpoint().port();
    accept(state_.get());
    for (int i = 0; i < s.options.threads; ++i) threads_.emplace_back([state = state_.get()] { state->ioc.run(); });
}

unsigned short Server::port() const { return state_->port; }

void Server::stop(std::chrono::milliseconds grace) {
    if (threads_.empty()) return;
    auto& s = *state_;
    s.stopping = true;
    asio::post(s.ioc, [state = state_.get()] {
        beast::error_code ec;
        state->acceptor.close(ec);
    });
    auto deadline = std::chrono::steady_clock::now() + grace;
    while (s.in_flight > 0 && std::chrono::steady_clock::now() < deadline)
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
    s.ioc.stop();
    for (auto& t : threads_) t.join();
    threads_.clear();
}

}  // namespace rt::http
