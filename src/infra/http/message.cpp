#include "infra/http/message.hpp"

#include <boost/json/serialize.hpp>
#include <stdexcept>

namespace rt::http {

std::string_view Request::header(std::string_view lower_case_name) const {
    auto it = headers.find(lower_case_name);
    return it == headers.end() ? std::string_view{} : std::string_view(it->second);
}

const std::string& Request::param(std::string_view name) const {
    auto it = params.find(name);
    if (it == params.end()) throw std::logic_error("route has no parameter " + std::string(name));
    return it->second;
}

Response json(int status, const boost::json::value& body) {
    return Response{status, "application/json", boost::json::serialize(body), {}};
}

Response text(int status, std::string body, std::string content_type) {
    return Response{status, std::move(content_type), std::move(body), {}};
}

namespace {
std::string problem_type(int status) {
    switch (status) {
        case 400: return "https://rekrutteringstreff/problem/ugyldig-foresporsel";
        case 401: return "https://rekrutteringstreff/problem/ikke-autentisert";
        case 403: return "https://rekrutteringstreff/problem/ingen-tilgang";
        case 404: return "https://rekrutteringstreff/problem/finnes-ikke";
        case 405: return "https://rekrutteringstreff/problem/metode-ikke-tillatt";
        case 409: return "https://rekrutteringstreff/problem/ugyldig-tilstand";
        case 413: return "https://rekrutteringstreff/problem/for-stor-forespørsel";
        case 431: return "https://rekrutteringstreff/problem/for-store-headere";
        case 503: return "https://rekrutteringstreff/problem/ikke-tilgjengelig";
        default: return "about:blank";
    }
}
}  // namespace

Response problem(int status, std::string_view title, std::string_view detail, std::string_view instance) {
    boost::json::object o;
    o["type"] = problem_type(status);
    o["title"] = title;
    o["status"] = status;
    o["detail"] = detail;
    if (!instance.empty()) o["instance"] = instance;
    return Response{status, "application/problem+json", boost::json::serialize(o), {}};
}

Response unavailable(std::string_view instance, int retry_after_seconds) {
    auto r = problem(503, "Midlertidig utilgjengelig", "prøv igjen senere", instance);
    r.headers.emplace_back("Retry-After", std::to_string(retry_after_seconds));
    return r;
}

}  // namespace rt::http
