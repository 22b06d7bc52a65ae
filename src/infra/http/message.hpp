#pragma once
// The HTTP request and response as handlers see them: plain structs, no Beast types, so that
// module code does not compile Beast.
#include <boost/json/value.hpp>
#include <functional>
#include <map>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace rt::http {

struct Request {
    std::string method;  // "GET", "POST", ...
    std::string path;    // without the query string
    std::string query;
    std::map<std::string, std::string, std::less<>> headers;  // names in lower case
    std::string body;
    std::map<std::string, std::string, std::less<>> params;   // from {name} segments of the route
    std::string route;                                         // the matched pattern, or "unmatched"
    int route_id = -1;                                         // index of the route in the router

    std::string_view header(std::string_view lower_case_name) const;
    const std::string& param(std::string_view name) const;
};

struct Response {
    int status = 200;
    std::string content_type = "application/json";
    std::string body;
    std::vector<std::pair<std::string, std::string>> headers;
};

using Handler = std::function<Response(Request&)>;

Response json(int status, const boost::json::value& body);
Response text(int status, std::string body, std::string content_type = "text/plain; charset=utf-8");
// RFC 7807 application/problem+json.
Response problem(int status, std::string_view title, std::string_view detail, std::string_view instance);
// 503 with Retry-After: the database is unavailable or the service is overloaded.
Response unavailable(std::string_view instance, int retry_after_seconds = 1);

}  // namespace rt::http
