#pragma once
#include <chrono>
#include <functional>
#include <string>
#include <vector>

#include "infra/http/message.hpp"

namespace rt::http {

// Where a route's handler runs. Worker routes may block (database, network); io routes must
// answer from memory at once: they run on the I/O threads, so they keep answering while every
// worker is busy (health and metrics).
enum class Runs { worker, io };

// Checks the token in a request's headers before its body is read; throws a Problem (401) when
// there is no valid token. key_wait is how long it may wait for the issuer's keys: zero on the
// I/O threads, where it throws WouldBlock instead of waiting.
using TokenGuard = std::function<void(const Request&, std::chrono::milliseconds key_wait)>;

// Routes by method and path pattern ("/api/rekrutteringstreff/{id}/publiser"). A literal segment
// wins over a {parameter} at the same place. Running a route turns exceptions into problem+json.
//
// Every route added with add() requires a valid token in the headers (once a guard is set), and
// the server reads no body before the guard has passed. Operational routes are add_public().
class Router {
public:
    struct Route {
        std::string method;
        std::string pattern;
        std::vector<std::string> segments;
        Handler handler;
        bool requires_token = true;
        Runs runs = Runs::worker;
    };

    void add(std::string method, std::string pattern, Handler handler);
    void add_public(std::string method, std::string pattern, Handler handler, Runs runs = Runs::worker);
    void require_token(TokenGuard guard) { guard_ = std::move(guard); }

    // The route for the request's method and path; sets request.route, route_id and params. No
    // route: nullptr, and request.route is "unmatched" with status 404 or 405 in `miss_status`.
    const Route* match(Request& request, int& miss_status) const;
    // Throws (Problem 401, WouldBlock) unless the route is public or the token is valid.
    void check_token(const Route& route, const Request& request, std::chrono::milliseconds key_wait) const;
    // Runs the handler; exceptions become problem+json (503s carry Retry-After).
    Response run(const Route& route, Request& request) const;
    // match + check_token + run, in the calling thread.
    Response dispatch(Request& request) const;

    const std::vector<Route>& routes() const { return routes_; }

private:
    std::vector<Route> routes_;
    TokenGuard guard_;
};

// The answer for a route that does not exist (404) or not with this method (405).
Response no_route(int status, const std::string& method);

}  // namespace rt::http
