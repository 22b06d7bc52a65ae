#include "infra/http/router.hpp"

#include <fmt/format.h>

#include "core/errors.hpp"
#include "infra/log.hpp"

namespace rt::http {
namespace {

std::vector<std::string> split_path(std::string_view path) {
    std::vector<std::string> out;
    std::size_t i = 0;
    while (i < path.size()) {
        while (i < path.size() && path[i] == '/') ++i;
        if (i >= path.size()) break;
        auto j = path.find('/', i);
        if (j == std::string_view::npos) j = path.size();
        out.emplace_back(path.substr(i, j - i));
        i = j;
    }
    return out;
}

bool is_param(const std::string& segment) { return segment.size() > 2 && segment.front() == '{' && segment.back() == '}'; }

// Specificity: literal segments earlier in the path rank higher.
bool more_specific(const std::vector<std::string>& a, const std::vector<std::string>& b) {
    for (std::size_t i = 0; i < a.size() && i < b.size(); ++i)
        if (is_param(a[i]) != is_param(b[i])) return !is_param(a[i]);
    return false;
}

}  // namespace

void Router::add(std::string method, std::string pattern, Handler handler) {
    auto segments = split_path(pattern);
    routes_.push_back(Route{std::move(method), std::move(pattern), std::move(segments), std::move(handler)});
}

std::vector<Router::RouteInfo> Router::routes() const {
    std::vector<RouteInfo> out;
    out.reserve(routes_.size());
    for (const auto& r : routes_) out.push_back({r.method, r.pattern});
    return out;
}

Response Router::dispatch(Request& request) const {
    auto segments = split_path(request.path);
    const Route* best = nullptr;
    bool path_known = false;
    for (const auto& r : routes_) {
        if (r.segments.size() != segments.size()) continue;
        bool match = true;
        for (std::size_t i = 0; i < segments.size() && match; ++i)
            match = is_param(r.segments[i]) || r.segments[i] == segments[i];
        if (!match) continue;
        path_known = true;
        if (r.method != request.method) continue;
        if (!best || more_specific(r.segments, best->segments)) best = &r;
    }
    if (!best) {
        request.route = "unmatched";
        if (path_known) return problem(405, "Metode ikke tillatt", fmt::format("{} støttes ikke her", request.method), "");
        return problem(404, "Finnes ikke", "ingen ressurs på denne stien", "");
    }
    request.route = best->pattern;
    for (std::size_t i = 0; i < segments.size(); ++i)
        if (is_param(best->segments[i]))
            request.params[best->segments[i].substr(1, best->segments[i].size() - 2)] = segments[i];
    try {
        return best->handler(request);
    } catch (const Problem& p) {
        return problem(p.status, p.title, p.what(), request.route);
    } catch (const TransientError& e) {
        log::warn("http", "forespørsel feilet midlertidig", {{"route", request.route}, {"error", e.what()}});
        return problem(503, "Midlertidig utilgjengelig", "prøv igjen senere", request.route);
    } catch (const std::exception& e) {
        log::error("http", "uventet feil i forespørsel", {{"route", request.route}, {"error", e.what()}});
        return problem(500, "Intern feil", "en uventet feil oppstod", request.route);
    }
}

}  // namespace rt::http
