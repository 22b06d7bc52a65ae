#include "infra/http/router.hpp"

#include <fmt/format.h>

#include "core/errors.hpp"
#include "infra/log.hpp"

namespace rt::http {
namespace {

bool is_param(const std::string& segment) { return segment.size() > 2 && segment.front() == '{' && segment.back() == '}'; }

// Specificity: literal segments earlier in the path rank higher.
bool more_specific(const std::vector<std::string>& a, const std::vector<std::string>& b) {
    for (std::size_t i = 0; i < a.size() && i < b.size(); ++i)
        if (is_param(a[i]) != is_param(b[i])) return !is_param(a[i]);
    return false;
}

// Path segments as views into the path, without allocating: most requests match a route with
// one or two segments, and this runs on the I/O threads for every request.
struct Segments {
    static constexpr std::size_t kMax = 16;
    std::string_view items[kMax];
    std::size_t size = 0;
    bool overflow = false;
};

Segments split_view(std::string_view path) {
    Segments s;
    std::size_t i = 0;
    while (i < path.size()) {
        while (i < path.size() && path[i] == '/') ++i;
        if (i >= path.size()) break;
        auto j = path.find('/', i);
        if (j == std::string_view::npos) j = path.size();
        if (s.size == Segments::kMax) {
            s.overflow = true;
            break;
        }
        s.items[s.size++] = path.substr(i, j - i);
        i = j;
    }
    return s;
}

std::vector<std::string> split_path(std::string_view pattern) {
    auto view = split_view(pattern);
    if (view.overflow) throw std::logic_error("a route pattern has at most 16 segments: " + std::string(pattern));
    return {view.items, view.items + view.size};
}

}  // namespace

void Router::add(std::string method, std::string pattern, Handler handler) {
    auto segments = split_path(pattern);
    routes_.push_back(Route{std::move(method), std::move(pattern), std::move(segments), std::move(handler), true, Runs::worker});
}

void Router::add_public(std::string method, std::string pattern, Handler handler, Runs runs) {
    auto segments = split_path(pattern);
    routes_.push_back(Route{std::move(method), std::move(pattern), std::move(segments), std::move(handler), false, runs});
}

const Router::Route* Router::match(Request& request, int& miss_status) const {
    auto segments = split_view(request.path);
    const Route* best = nullptr;
    bool path_known = false;
    if (!segments.overflow) {
        for (const auto& r : routes_) {
            if (r.segments.size() != segments.size) continue;
            bool match = true;
            for (std::size_t i = 0; i < segments.size && match; ++i)
                match = is_param(r.segments[i]) || r.segments[i] == segments.items[i];
            if (!match) continue;
            path_known = true;
            if (r.method != request.method) continue;
            if (!best || more_specific(r.segments, best->segments)) best = &r;
        }
    }
    if (!best) {
        request.route = "unmatched";
        request.route_id = -1;
        miss_status = path_known ? 405 : 404;
        return nullptr;
    }
    request.route = best->pattern;
    request.route_id = static_cast<int>(best - routes_.data());
    for (std::size_t i = 0; i < segments.size; ++i)
        if (is_param(best->segments[i]))
            request.params[best->segments[i].substr(1, best->segments[i].size() - 2)] = std::string(segments.items[i]);
    return best;
}

void Router::check_token(const Route& route, const Request& request, std::chrono::milliseconds key_wait) const {
    if (route.requires_token && guard_) guard_(request, key_wait);
}

Response no_route(int status, const std::string& method) {
    if (status == 405) return problem(405, "Metode ikke tillatt", fmt::format("{} støttes ikke her", method), "");
    return problem(404, "Finnes ikke", "ingen ressurs på denne stien", "");
}

Response Router::run(const Route& route, Request& request) const {
    try {
        return route.handler(request);
    } catch (const Problem& p) {
        return problem(p.status, p.title, p.what(), request.route);
    } catch (const TransientError& e) {
        log::warn("http", "forespørsel feilet midlertidig", {{"route", request.route}, {"error", e.what()}});
        return unavailable(request.route);
    } catch (const std::exception& e) {
        log::error("http", "uventet feil i forespørsel", {{"route", request.route}, {"error", e.what()}});
        return problem(500, "Intern feil", "en uventet feil oppstod", request.route);
    }
}

Response Router::dispatch(Request& request) const {
    int miss = 404;
    const Route* route = match(request, miss);
    if (!route) return no_route(miss, request.method);
    try {
        check_token(*route, request, std::chrono::seconds(2));
    } catch (const Problem& p) {
        return problem(p.status, p.title, p.what(), request.route);
    }
    return run(*route, request);
}

}  // namespace rt::http
