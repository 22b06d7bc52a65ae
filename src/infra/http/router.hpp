#pragma once
#include <string>
#include <vector>

#include "infra/http/message.hpp"

namespace rt::http {

// Routes by method and path pattern ("/api/rekrutteringstreff/{id}/publiser"). A literal segment
// wins over a {parameter} at the same place. Dispatch turns exceptions into problem+json.
class Router {
public:
    void add(std::string method, std::string pattern, Handler handler);
    Response dispatch(Request& request) const;

    struct RouteInfo {
        std::string method;
        std::string pattern;
    };
    // Every route in the order added: what api/openapi.json must describe, route for route.
    std::vector<RouteInfo> routes() const;

private:
    struct Route {
        std::string method;
        std::string pattern;
        std::vector<std::string> segments;
        Handler handler;
    };
    std::vector<Route> routes_;
};

}  // namespace rt::http
