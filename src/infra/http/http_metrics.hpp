#pragma once
// HTTP request counts and latencies with labels from fixed sets only: the route's pattern (or
// "unmatched"), the method from a fixed list (or "other") and the status as a number. Made-up
// paths and methods from clients without a token can therefore never grow the scrape.
#include <array>
#include <map>
#include <mutex>
#include <string>
#include <string_view>
#include <utility>

namespace rt::http {

class Router;

class HttpMetrics {
public:
    explicit HttpMetrics(const Router& router) : router_(router) {}

    // route_id: index into the router's routes, -1 for none.
    void record(int route_id, std::string_view method, int status, double seconds);
    // Appends http_requests_total and http_request_duration_seconds in Prometheus text format.
    void render(std::string& out) const;
    // A counter's value, for tests: route pattern or "unmatched", method label, status.
    double requests(std::string_view route, std::string_view method, int status) const;

    static std::string_view method_label(std::string_view method);

private:
    static constexpr std::size_t kBuckets = 13;
    struct Histogram {
        std::array<unsigned long long, kBuckets> buckets{};
        unsigned long long count = 0;
        double sum = 0;
    };
    std::string_view route_label(int route_id) const;

    const Router& router_;
    mutable std::mutex mutex_;
    // (route_id, method index) -> status -> count, and -> latency histogram.
    std::map<std::pair<int, int>, std::map<int, unsigned long long>> counts_;
    std::map<std::pair<int, int>, Histogram> latency_;
};

}  // namespace rt::http
