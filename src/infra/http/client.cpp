#include "infra/http/client.hpp"

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/ssl.hpp>
#include <fmt/format.h>

namespace rt::http {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace bhttp = boost::beast::http;

struct Url {
    bool tls = false;
    std::string host, port, target;
};

Url parse_url(const std::string& url) {
    Url u;
    std::string rest;
    if (url.starts_with("http://")) rest = url.substr(7);
    else if (url.starts_with("https://")) u.tls = true, rest = url.substr(8);
    else throw std::runtime_error("unsupported URL scheme: " + url);
    auto slash = rest.find('/');
    std::string authority = rest.substr(0, slash);
    u.target = slash == std::string::npos ? "/" : rest.substr(slash);
    auto colon = authority.rfind(':');
    if (colon != std::string::npos && authority.find(']') == std::string::npos) {
        u.host = authority.substr(0, colon);
        u.port = authority.substr(colon + 1);
    } else {
        u.host = authority;
        u.port = u.tls ? "443" : "80";
    }
    return u;
}

bhttp::request<bhttp::string_body> make_request(const Url& u, const std::string& method, const std::string& body,
                                                const std::map<std::string, std::string>& headers) {
    bhttp::request<bhttp::string_body> req(bhttp::string_to_verb(method), u.target, 11);
    req.set(bhttp::field::host, u.host);
    req.set(bhttp::field::user_agent, "rekrutteringstreff");
    for (const auto& [k, v] : headers) req.set(k, v);
    if (!body.empty() || method == "POST" || method == "PUT") {
        req.body() = body;
        if (req.find(bhttp::field::content_type) == req.end()) req.set(bhttp::field::content_type, "application/json");
    }
    req.prepare_payload();
    return req;
}

ClientResponse to_response(bhttp::response<bhttp::string_body>&& res) {
    ClientResponse out;
    out.status = static_cast<int>(res.result_int());
    out.body = std::move(res.body());
    for (const auto& f : res) {
        std::string name(f.name_string());
        for (auto& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        out.headers[name] = std::string(f.value());
    }
    return out;
}

template <class Stream>
asio::awaitable<ClientResponse> exchange(Stream& stream, bhttp::request<bhttp::string_body> req) {
    co_await bhttp::async_write(stream, req, asio::use_awaitable);
    beast::flat_buffer buffer;
    bhttp::response_parser<bhttp::string_body> parser;
    parser.body_limit(64 * 1024 * 1024);
    co_await bhttp::async_read(stream, buffer, parser, asio::use_awaitable);
    co_return to_response(parser.release());
}

asio::awaitable<ClientResponse> run(Url u, bhttp::request<bhttp::string_body> req) {
    auto executor = co_await asio::this_coro::executor;
    asio::ip::tcp::resolver resolver(executor);
    auto endpoints = co_await resolver.async_resolve(u.host, u.port, asio::use_awaitable);
    if (!u.tls) {
        beast::tcp_stream stream(executor);
        co_await stream.async_connect(endpoints, asio::use_awaitable);
        auto out = co_await exchange(stream, std::move(req));
        beast::error_code ec;
        stream.socket().shutdown(asio::ip::tcp::socket::shutdown_both, ec);
        co_return out;
    }
    asio::ssl::context ctx(asio::ssl::context::tls_client);
    ctx.set_default_verify_paths();
    ctx.set_verify_mode(asio::ssl::verify_peer);
    beast::ssl_stream<beast::tcp_stream> stream(executor, ctx);
    if (!SSL_set_tlsext_host_name(stream.native_handle(), u.host.c_str()))
        throw std::runtime_error("cannot set TLS server name");
    stream.set_verify_callback(asio::ssl::host_name_verification(u.host));
    co_await beast::get_lowest_layer(stream).async_connect(endpoints, asio::use_awaitable);
    co_await stream.async_handshake(asio::ssl::stream_base::client, asio::use_awaitable);
    co_return co_await exchange(stream, std::move(req));
}

}  // namespace

ClientResponse fetch(const std::string& method, const std::string& url, const std::string& body,
                     const std::map<std::string, std::string>& headers, std::chrono::milliseconds timeout) {
    auto u = parse_url(url);
    auto req = make_request(u, method, body, headers);
    asio::io_context ioc;
    std::optional<ClientResponse> result;
    std::exception_ptr error;
    asio::co_spawn(ioc, run(std::move(u), std::move(req)), [&](std::exception_ptr e, ClientResponse r) {
        if (e) error = e;
        else result = std::move(r);
    });
    ioc.run_for(timeout);
    if (error) std::rethrow_exception(error);
    if (!result) throw std::runtime_error(fmt::format("no answer from {} within {} ms", url, timeout.count()));
    return std::move(*result);
}

}  // namespace rt::http
