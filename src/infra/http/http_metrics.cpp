#include "infra/http/http_metrics.hpp"

#include <fmt/format.h>

#include "infra/http/router.hpp"

namespace rt::http {
namespace {

constexpr std::string_view kMethods[] = {"GET", "POST", "PUT", "DELETE", "PATCH", "HEAD", "OPTIONS", "other"};
constexpr double kBucketBounds[] = {0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10};

int method_index(std::string_view method) {
    for (int i = 0; i < 7; ++i)
        if (kMethods[i] == method) return i;
    return 7;
}

}  // namespace

std::string_view HttpMetrics::method_label(std::string_view method) { return kMethods[method_index(method)]; }

std::string_view HttpMetrics::route_label(int route_id) const {
    const auto& routes = router_.routes();
    if (route_id < 0 || route_id >= static_cast<int>(routes.size())) return "unmatched";
    return routes[static_cast<std::size_t>(route_id)].pattern;
}

void HttpMetrics::record(int route_id, std::string_view method, int status, double seconds) {
    if (route_id < 0 || route_id >= static_cast<int>(router_.routes().size())) route_id = -1;
    if (status < 100 || status > 599) status = 0;
    std::pair key{route_id, method_index(method)};
    std::lock_guard lock(mutex_);
    ++counts_[key][status];
    auto& h = latency_[key];
    for (std::size_t i = 0; i < kBuckets; ++i)
        if (seconds <= kBucketBounds[i]) ++h.buckets[i];
    ++h.count;
    h.sum += seconds;
}

void HttpMetrics::render(std::string& out) const {
    std::lock_guard lock(mutex_);
    out += "# HELP http_requests_total HTTP requests by route, method and status\n";
    out += "# TYPE http_requests_total counter\n";
    for (const auto& [key, statuses] : counts_)
        for (const auto& [status, n] : statuses)
            fmt::format_to(std::back_inserter(out), "http_requests_total{{route=\"{}\",method=\"{}\",status=\"{}\"}} {}\n",
                           route_label(key.first), kMethods[key.second], status, n);
    out += "# HELP http_request_duration_seconds HTTP request latency by route and method\n";
    out += "# TYPE http_request_duration_seconds histogram\n";
    for (const auto& [key, h] : latency_) {
        auto labels = fmt::format("route=\"{}\",method=\"{}\"", route_label(key.first), kMethods[key.second]);
        for (std::size_t i = 0; i < kBuckets; ++i)
            fmt::format_to(std::back_inserter(out), "http_request_duration_seconds_bucket{{{},le=\"{}\"}} {}\n", labels,
                           kBucketBounds[i], h.buckets[i]);
        fmt::format_to(std::back_inserter(out), "http_request_duration_seconds_bucket{{{},le=\"+Inf\"}} {}\n", labels, h.count);
        fmt::format_to(std::back_inserter(out), "http_request_duration_seconds_sum{{{}}} {}\n", labels, h.sum);
        fmt::format_to(std::back_inserter(out), "http_request_duration_seconds_count{{{}}} {}\n", labels, h.count);
    }
}

double HttpMetrics::requests(std::string_view route, std::string_view method, int status) const {
    std::lock_guard lock(mutex_);
    double total = 0;
    for (const auto& [key, statuses] : counts_) {
        if (route_label(key.first) != route || kMethods[key.second] != method) continue;
        auto it = statuses.find(status);
        if (it != statuses.end()) total += static_cast<double>(it->second);
    }
    return total;
}

}  // namespace rt::http
