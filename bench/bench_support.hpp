#pragma once
// Shared by the benchmark helpers: a keep-alive HTTP/1.1 client (so that latency is the
// service's, not a TCP handshake's), percentiles and the process's own memory figures.
#include <boost/asio/connect.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <fstream>
#include <stdexcept>
#include <string>
#include <vector>

namespace rt::bench {

using Steady = std::chrono::steady_clock;

inline double seconds_since(Steady::time_point from, Steady::time_point to = Steady::now()) {
    return std::chrono::duration<double>(to - from).count();
}

// The q-quantile (0..1) of samples, nearest rank; sorts them.
inline double percentile(std::vector<double>& samples, double q) {
    if (samples.empty()) return 0;
    std::sort(samples.begin(), samples.end());
    auto rank = static_cast<std::size_t>(q * static_cast<double>(samples.size()) + 0.999999);
    rank = std::clamp<std::size_t>(rank, 1, samples.size());
    return samples[rank - 1];
}

// VmHWM (peak) or VmRSS of this process, in KiB.
inline long status_kib(const char* field) {
    std::ifstream status("/proc/self/status");
    std::string prefix = std::string(field) + ":";
    for (std::string line; std::getline(status, line);)
        if (line.rfind(prefix, 0) == 0) return std::stol(line.substr(prefix.size()));
    return -1;
}

struct Response {
    int status = 0;
    std::string body;
};

// One keep-alive connection to 127.0.0.1:port; reconnects when the server closed it.
class HttpClient {
public:
    explicit HttpClient(unsigned short port) : port_(port) { connect(); }

    Response call(boost::beast::http::verb method, const std::string& target, const std::string& token,
                  const std::string& body = "") {
        namespace bhttp = boost::beast::http;
        bhttp::request<bhttp::string_body> req{method, target, 11};
        req.set(bhttp::field::host, "127.0.0.1");
        if (!token.empty()) req.set(bhttp::field::authorization, "Bearer " + token);
        if (!body.empty() || method == bhttp::verb::post || method == bhttp::verb::put) {
            req.set(bhttp::field::content_type, "application/json");
            req.body() = body;
        }
        req.keep_alive(true);
        req.prepare_payload();
        for (int attempt = 0;; ++attempt) {
            try {
                bhttp::write(stream_, req);
                bhttp::response_parser<bhttp::string_body> parser;
                parser.body_limit(256u << 20);
                bhttp::read(stream_, buffer_, parser);
                auto res = parser.release();
                Response out{static_cast<int>(res.result_int()), std::move(res.body())};
                if (!res.keep_alive()) connect();
                return out;
            } catch (const boost::system::system_error&) {
                // The server closes idle connections after its read timeout: one fresh try.
                if (attempt > 0) throw;
                connect();
            }
        }
    }

private:
    void connect() {
        namespace asio = boost::asio;
        using tcp = asio::ip::tcp;
        boost::beast::error_code ignored;
        stream_.socket().close(ignored);
        buffer_.clear();
        stream_.connect(tcp::endpoint(asio::ip::make_address("127.0.0.1"), port_));
        stream_.socket().set_option(tcp::no_delay(true));
    }

    unsigned short port_;
    boost::asio::io_context ioc_;
    boost::beast::tcp_stream stream_{ioc_};
    boost::beast::flat_buffer buffer_;
};

}  // namespace rt::bench
