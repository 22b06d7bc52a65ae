#pragma once
// The service binary as a child process on loopback, with a counsellor's tokens signed by test
// keys its configuration trusts: what the outage tests drive and kill.
#include <map>
#include <memory>
#include <string>

#include "core/clock.hpp"
#include "infra/http/client.hpp"
#include "support/service_process.hpp"
#include "support/token_factory.hpp"

namespace rt::test {

class OutageService {
public:
    // Starts it on the database (plus any variables in `extra`) and waits up to a minute for
    // /isready = 200.
    OutageService(const std::string& database_url, std::map<std::string, std::string> extra = {});

    unsigned short port() const { return port_; }
    std::string url(const std::string& path) const;
    std::string token() const;
    // A call as the meeting's owner; throws when there is no answer within `timeout`.
    http::ClientResponse call(const std::string& method, const std::string& path, const std::string& body = "",
                              std::chrono::milliseconds timeout = std::chrono::seconds(5)) const;
    void kill9();
    void start();

    // A published meeting whose owner the token's counsellor is; its id.
    std::string published_meeting(const std::string& title) const;
    // Adds the persons (fnr) to the meeting; their personTreffIds in that order.
    std::vector<std::string> add_job_seekers(const std::string& meeting, const std::vector<std::string>& fnrs) const;

private:
    FixedClock clock_{SystemClock().now()};
    std::unique_ptr<TokenFactory> azure_;
    unsigned short port_;
    std::map<std::string, std::string> env_;
    std::unique_ptr<ServiceProcess> process_;
};

}  // namespace rt::test
