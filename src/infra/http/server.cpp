#include "infra/http/server.hpp"

#include <array>
#include <boost/asio.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <fmt/format.h>

#include "core/errors.hpp"
#include "infra/http/http_metrics.hpp"
#include "infra/log.hpp"
#include "infra/metrics.hpp"

namespace rt::http {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace bhttp = boost::beast::http;
using tcp = asio::ip::tcp;
using Clock = std::chrono::steady_clock;

struct Server::State {
    const Router& router;
    ServerOptions options;
    std::shared_ptr<HttpMetrics> http_metrics;
    // Counters first: sessions that the io_context destroys (below) still update them.
    std::atomic<bool> stopping{false};
    std::atomic<int> in_flight{0};              // requests between their header and their response written
    std::atomic<std::size_t> connections{0};
    std::atomic<std::size_t> body_bytes{0};     // reserved for bodies being read
    std::atomic<std::size_t> response_bytes{0};  // responses being written
    std::atomic<std::size_t> queued{0};         // requests waiting for or on a worker
    unsigned short port = 0;
    // One io_context per I/O thread, each run by its thread alone: a connection lives on one
    // thread from accept to close, so its handlers need no strand and never hop threads (the
    // shared-context design spent a fifth of /isalive's time on lock hand-offs and wake-ups).
    std::vector<std::unique_ptr<asio::io_context>> iocs;
    std::atomic<std::size_t> next_ioc{0};
    tcp::acceptor acceptor;
    asio::steady_timer accept_backoff;
    std::unique_ptr<asio::thread_pool> workers;

    State(const Router& r, ServerOptions o)
        : router(r),
          options(std::move(o)),
          http_metrics(std::make_shared<HttpMetrics>(r)),
          iocs(make_iocs(std::max(1, options.threads))),
          acceptor(*iocs[0]),
          accept_backoff(*iocs[0]) {}

    static std::vector<std::unique_ptr<asio::io_context>> make_iocs(int n) {
        std::vector<std::unique_ptr<asio::io_context>> out;
        for (int i = 0; i < n; ++i) out.push_back(std::make_unique<asio::io_context>(1));
        return out;
    }

    bool reserve(std::atomic<std::size_t>& used, std::size_t n, std::size_t budget) {
        auto now = used.load();
        do {
            if (now + n > budget) return false;
        } while (!used.compare_exchange_weak(now, now + n));
        return true;
    }
};

namespace {

void fill_request(Request& r, bhttp::request<bhttp::string_body>& in) {
    r.method = std::string(in.method_string());
    std::string_view target = in.target();
    auto q = target.find('?');
    r.path = std::string(target.substr(0, q));
    if (q != std::string_view::npos) r.query = std::string(target.substr(q + 1));
    for (const auto& f : in) {
        std::string name(f.name_string());
        for (auto& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        r.headers[std::move(name)] = std::string(f.value());
    }
}

// Errors of a peer that went away or was too slow: nothing to answer.
bool peer_gone(const beast::error_code& ec) {
    return ec == bhttp::error::end_of_stream || ec == beast::error::timeout || ec == asio::error::operation_aborted ||
           ec == asio::error::connection_reset || ec == asio::error::eof || ec == bhttp::error::partial_message ||
           ec == asio::error::broken_pipe;
}

class Session : public std::enable_shared_from_this<Session> {
public:
    // A plain reference: the state owns the io_context, whose destruction destroys every session.
    Session(tcp::socket socket, Server::State& state, bool health_only)
        : stream_(std::move(socket)), state_(&state), health_only_(health_only) {}
    ~Session() {
        release_body();
        --state_->connections;
    }

    void start() { read_header(); }

private:
    // What happens once a response is written.
    enum class After { read, close, drain };
    static constexpr int kQueued = 0, kRunning = 1, kGivenUp = 2;

    void read_header() {
        parser_.emplace();
        parser_->header_limit(static_cast<std::uint32_t>(state_->options.header_limit));
        // The body limit is applied after routing and the token check (too_large), so that an
        // unknown route or a missing token is answered as such whatever the announced size.
        parser_->body_limit(boost::none);
        request_ = Request{};
        route_ = nullptr;
        stream_.expires_after(state_->options.header_timeout);
        bhttp::async_read_header(stream_, buffer_, *parser_,
                                 [self = shared_from_this()](beast::error_code ec, std::size_t) { self->on_header(ec); });
    }

    void on_header(beast::error_code ec) {
        started_ = Clock::now();
        if (ec == bhttp::error::header_limit) {
            return answer(problem(431, "For store headere",
                                  fmt::format("headerne kan være på høyst {} byte", state_->options.header_limit), ""),
                          After::close);
        }
        if (ec && peer_gone(ec)) return close();
        // Anything else is a message HTTP/1.1 does not allow (bad syntax, a bad Content-Length):
        // answer and close, for the rest of the stream cannot be trusted to be framed the way
        // the client meant.
        if (ec) return answer(problem(400, "Ugyldig forespørsel", "forespørselen er ikke gyldig HTTP/1.1", ""), After::close);

        auto& head = parser_->get();
        // Framing that two parties could read differently (request smuggling): refused outright.
        if (head.count(bhttp::field::content_length) > 1 ||
            (head.count(bhttp::field::content_length) && head.count(bhttp::field::transfer_encoding)) ||
            (head.count(bhttp::field::transfer_encoding) && !parser_->chunked()))
            return answer(problem(400, "Ugyldig forespørsel", "Content-Length og Transfer-Encoding er tvetydige", ""),
                          After::close);
        ++state_->in_flight;
        counted_ = true;
        fill_request(request_, head);
        body_pending_ = !parser_->is_done();
        keep_alive_ = head.keep_alive() && !health_only_;
        int miss = 404;
        route_ = state_->router.match(request_, miss);
        // After an early answer the client may still be sending a body: read and discard it
        // briefly, so that closing does not reset the connection before the client reads the answer.
        auto early = body_pending_ ? After::drain : (keep_alive_ ? After::read : After::close);
        if (!route_) return answer(no_route(miss, request_.method), early);
        if (health_only_ && route_->runs != Runs::io) return answer(unavailable(""), early == After::read ? After::close : early);
        if (auto length = parser_->content_length(); length && *length > state_->options.body_limit) return too_large();
        try {
            state_->router.check_token(*route_, request_, std::chrono::milliseconds(0));
        } catch (const WouldBlock&) {
            return check_token_on_worker();
        } catch (const Problem& p) {
            return answer(problem(p.status, p.title, p.what(), request_.route), early);
        } catch (const std::exception& e) {
            // Never out of an I/O thread's handler: it would end the thread.
            log::error("http", "tokensjekken feilet uventet", {{"route", request_.route}, {"error", e.what()}});
            return answer(problem(500, "Intern feil", "en uventet feil oppstod", request_.route), early);
        }
        after_token();
    }

    // The issuer's keys are being fetched: a worker may wait a little for them.
    void check_token_on_worker() {
        asio::post(*state_->workers, [self = shared_from_this()] {
            std::optional<Response> refused;
            try {
                self->state_->router.check_token(*self->route_, self->request_, std::chrono::seconds(1));
            } catch (const Problem& p) {
                refused = problem(p.status, p.title, p.what(), self->request_.route);
            } catch (const std::exception&) {
                refused = problem(401, "Ikke autentisert", "tokenet kan ikke sjekkes nå", self->request_.route);
            }
            asio::post(self->stream_.get_executor(), [self, refused = std::move(refused)]() mutable {
                if (refused) return self->answer(std::move(*refused), self->body_pending_ ? After::drain : After::close);
                self->after_token();
            });
        });
    }

    void after_token() {
        if (!body_pending_) return dispatch();
        auto length = parser_->content_length();
        std::size_t need = length ? static_cast<std::size_t>(*length) : state_->options.body_limit;
        if (!state_->reserve(state_->body_bytes, need, state_->options.body_budget)) {
            static log::Throttle throttle(std::chrono::seconds(10));
            if (long long held = 0; throttle.pass(held))
                log::warn("http", "for mange forespørsler leses samtidig; svarer 503",
                          {{"route", request_.route}, {"undertrykt", held}});
            return answer(unavailable(request_.route), After::drain);
        }
        body_reserved_ = need;
        parser_->body_limit(state_->options.body_limit);
        stream_.expires_after(state_->options.request_timeout);
        bhttp::async_read(stream_, buffer_, *parser_, [self = shared_from_this()](beast::error_code ec, std::size_t) {
            if (ec == bhttp::error::body_limit) return self->too_large();
            if (ec) return self->close();
            self->request_.body = std::move(self->parser_->get().body());
            self->dispatch();
        });
    }

    void too_large() {
        release_body();
        answer(problem(413, "For stor forespørsel", fmt::format("body kan være på høyst {} byte", state_->options.body_limit), ""),
               After::drain);
    }

    void dispatch() {
        auto after = keep_alive_ ? After::read : After::close;
        if (route_->runs == Runs::io) return answer(state_->router.run(*route_, request_), after);
        if (++state_->queued > static_cast<std::size_t>(state_->options.workers) * 64) {
            --state_->queued;
            return answer(unavailable(request_.route), after);
        }
        // Whoever comes first takes the request: a worker, to run it, or the queue timer, to
        // answer 503 while every worker is still busy.
        auto job = std::make_shared<std::atomic<int>>(kQueued);
        queue_timer_.expires_after(state_->options.queue_timeout);
        queue_timer_.async_wait([self = shared_from_this(), job, after](beast::error_code ec) {
            int queued = kQueued;
            if (ec || !job->compare_exchange_strong(queued, kGivenUp)) return;
            --self->state_->queued;
            self->answer(unavailable(self->request_.route), after);
        });
        asio::post(*state_->workers, [self = shared_from_this(), job, after] {
            int queued = kQueued;
            if (!job->compare_exchange_strong(queued, kRunning)) return;
            Response response = self->state_->router.run(*self->route_, self->request_);
            --self->state_->queued;
            asio::post(self->stream_.get_executor(), [self, after, response = std::move(response)]() mutable {
                self->queue_timer_.cancel();
                self->answer(std::move(response), after);
            });
        });
    }

    void answer(Response r, After after) {
        release_body();
        request_.body = std::string();
        if (state_->stopping && after == After::read) after = After::close;
        // Large responses share one budget: past it, a request is answered 503 instead of
        // holding another copy of a large body for a client that may never read it.
        std::size_t bytes = r.body.size();
        if (bytes > 64 * 1024 && !state_->reserve(state_->response_bytes, bytes, state_->options.response_budget)) {
            static log::Throttle throttle(std::chrono::seconds(10));
            if (long long held = 0; throttle.pass(held))
                log::warn("http", "for mye svardata venter på klientene; svarer 503",
                          {{"route", request_.route}, {"undertrykt", held}});
            r = unavailable(request_.route);
            bytes = 0;
        } else if (bytes <= 64 * 1024) {
            bytes = 0;
        }
        response_reserved_ = bytes;
        state_->http_metrics->record(request_.route_id, request_.method, r.status,
                                     std::chrono::duration<double>(Clock::now() - started_).count());
        response_.emplace(static_cast<bhttp::status>(r.status), 11);
        auto& res = *response_;
        res.set(bhttp::field::content_type, r.content_type);
        for (auto& [k, v] : r.headers) res.set(k, v);
        res.body() = std::move(r.body);
        res.keep_alive(after == After::read);
        res.prepare_payload();
        stream_.expires_after(state_->options.request_timeout);
        bhttp::async_write(stream_, res, [self = shared_from_this(), after](beast::error_code ec, std::size_t) {
            self->response_.reset();
            self->state_->response_bytes -= self->response_reserved_;
            self->response_reserved_ = 0;
            if (self->counted_) --self->state_->in_flight;
            self->counted_ = false;
            if (ec || after == After::close) return self->close();
            if (after == After::drain) return self->drain_then_close();
            // A connection that once read a large request does not keep its buffer while idle.
            if (self->buffer_.capacity() > 16 * 1024 && self->buffer_.size() == 0) self->buffer_.shrink_to_fit();
            self->read_header();
        });
    }

    void release_body() {
        state_->body_bytes -= body_reserved_;
        body_reserved_ = 0;
    }

    // Stop sending, read and discard what the client still sends for a little while, then close.
    void drain_then_close() {
        beast::error_code ignored;
        stream_.socket().shutdown(tcp::socket::shutdown_send, ignored);
        stream_.expires_after(std::chrono::seconds(2));
        buffer_.clear();
        buffer_.shrink_to_fit();
        discard_ = std::make_unique<std::array<char, 4096>>();
        drain(0);
    }

    void drain(std::size_t total) {
        stream_.async_read_some(asio::buffer(*discard_), [self = shared_from_this(), total](beast::error_code ec, std::size_t n) {
            if (ec || total + n > (4u << 20)) return self->close();
            self->drain(total + n);
        });
    }

    void close() {
        if (counted_) --state_->in_flight;
        counted_ = false;
        beast::error_code ec;
        stream_.socket().shutdown(tcp::socket::shutdown_send, ec);
        stream_.socket().close(ec);
    }

    beast::tcp_stream stream_;
    beast::flat_buffer buffer_;
    std::optional<bhttp::request_parser<bhttp::string_body>> parser_;
    std::optional<bhttp::response<bhttp::string_body>> response_;
    std::unique_ptr<std::array<char, 4096>> discard_;
    asio::steady_timer queue_timer_{stream_.get_executor()};
    Server::State* state_;
    bool health_only_;
    Request request_;
    const Router::Route* route_ = nullptr;
    bool body_pending_ = false;
    bool keep_alive_ = false;
    bool counted_ = false;
    std::size_t body_reserved_ = 0;
    std::size_t response_reserved_ = 0;
    Clock::time_point started_;
};

bool out_of_descriptors(const beast::error_code& ec) {
    return ec == asio::error::no_descriptors || ec.value() == ENFILE || ec == asio::error::no_buffer_space ||
           ec == asio::error::no_memory;
}

void accept(Server::State* state) {
    auto& ioc = *state->iocs[state->next_ioc++ % state->iocs.size()];
    state->acceptor.async_accept(ioc, [state](beast::error_code ec, tcp::socket socket) {
        if (ec == asio::error::operation_aborted || state->stopping) return;
        if (ec && out_of_descriptors(ec)) {
            // Accepting again at once would fail at once, spinning a core. The waiting clients stay
            // in the listen backlog and are accepted as soon as descriptors are free again.
            static log::Throttle throttle(std::chrono::seconds(10));
            if (long long held = 0; throttle.pass(held))
                log::warn("http", "tomt for fildeskriptorer; venter litt før neste accept",
                          {{"error", ec.message()}, {"undertrykt", held}});
            state->accept_backoff.expires_after(std::chrono::milliseconds(50));
            state->accept_backoff.async_wait([state](beast::error_code e) {
                if (!e) accept(state);
            });
            return;
        }
        if (!ec) {
            auto open = ++state->connections;
            const auto& o = state->options;
            if (open > o.max_connections + o.health_reserve) {
                --state->connections;
                socket.close(ec);
            } else {
                socket.set_option(tcp::no_delay(true), ec);
                std::make_shared<Session>(std::move(socket), *state, open > o.max_connections)->start();
            }
        }
        accept(state);
    });
}

}  // namespace

Server::Server(const Router& router, Metrics& metrics, ServerOptions options)
    : state_(std::make_unique<State>(router, std::move(options))) {
    metrics.add_renderer([m = state_->http_metrics](std::string& out) { m->render(out); });
}

Server::~Server() { stop(std::chrono::milliseconds(0)); }

void Server::start() {
    auto& s = *state_;
    tcp::endpoint endpoint(asio::ip::make_address(s.options.address), s.options.port);
    s.acceptor.open(endpoint.protocol());
    s.acceptor.set_option(asio::socket_base::reuse_address(true));
    s.acceptor.bind(endpoint);
    s.acceptor.listen(asio::socket_base::max_listen_connections);
    s.port = s.acceptor.local_endpoint().port();
    s.workers = std::make_unique<asio::thread_pool>(static_cast<std::size_t>(std::max(1, s.options.workers)));
    accept(state_.get());
    for (auto& ioc : s.iocs) {
        // Keeps a thread whose context has no connection yet from returning.
        ioc->get_executor().on_work_started();
        threads_.emplace_back([ioc = ioc.get()] { ioc->run(); });
    }
}

unsigned short Server::port() const { return state_->port; }

const HttpMetrics& Server::http_metrics() const { return *state_->http_metrics; }

std::size_t Server::open_connections() const { return state_->connections; }

void Server::stop(std::chrono::milliseconds grace) {
    if (threads_.empty()) return;
    auto& s = *state_;
    s.stopping = true;
    asio::post(*s.iocs[0], [state = state_.get()] {
        beast::error_code ec;
        state->acceptor.close(ec);
        state->accept_backoff.cancel();
    });
    auto deadline = Clock::now() + grace;
    while (s.in_flight > 0 && Clock::now() < deadline) std::this_thread::sleep_for(std::chrono::milliseconds(10));
    for (auto& ioc : s.iocs) ioc->stop();
    for (auto& t : threads_) t.join();
    threads_.clear();
    // Handlers still running finish (each database wait is bounded by the statement timeout);
    // queued ones are dropped.
    s.workers->stop();
    s.workers->join();
}

}  // namespace rt::http
