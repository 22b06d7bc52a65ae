#include "outage/outage_service.hpp"

#include <boost/json.hpp>
#include <fmt/format.h>
#include <signal.h>

#include <stdexcept>

#include "core/time.hpp"

namespace rt::test {

namespace {
constexpr const char* kGruppe = "gruppe-arbeidsgiverrettet";

boost::json::value parsed(const http::ClientResponse& r, int expected, const std::string& what) {
    if (r.status != expected) throw std::runtime_error(fmt::format("{}: {} {}", what, r.status, r.body));
    return r.body.empty() ? boost::json::value() : boost::json::parse(r.body);
}
}  // namespace

OutageService::OutageService(const std::string& database_url, std::map<std::string, std::string> extra)
    : azure_(std::make_unique<TokenFactory>("https://login.test/azure", "rekrutteringstreff-api", clock_, "azure-1")),
      port_(unused_port()) {
    auto issuer = azure_->issuer();
    env_ = {{"HTTP_PORT", std::to_string(port_)},
            {"DATABASE_URL", database_url},
            {"AZURE_APP_CLIENT_ID", issuer.client_id},
            {"AZURE_OPENID_CONFIG_ISSUER", issuer.issuer},
            {"AZURE_OPENID_CONFIG_JWKS_URI", issuer.jwks_uri},
            {"REKRUTTERINGSBISTAND_ARBEIDSGIVERRETTET", kGruppe},
            // Thousands of requests: their audit lines would bury the test's output.
            {"AUDIT_LOG_PATH", "/dev/null"}};
    for (auto& [k, v] : extra) env_[k] = v;
    start();
}

void OutageService::start() {
    process_ = std::make_unique<ServiceProcess>(RT_SERVICE_BINARY, env_);
    if (!process_->wait_for(port_, "/isready", 200, std::chrono::seconds(60)))
        throw std::runtime_error("the service did not get ready within 60 s");
}

void OutageService::kill9() {
    ::kill(process_->pid(), SIGKILL);
    process_.reset();  // reaps it
}

std::string OutageService::url(const std::string& path) const { return fmt::format("http://127.0.0.1:{}{}", port_, path); }

std::string OutageService::token() const { return azure_->counsellor("Z990001", {kGruppe}); }

http::ClientResponse OutageService::call(const std::string& method, const std::string& path, const std::string& body,
                                         std::chrono::milliseconds timeout) const {
    return http::fetch(method, url(path), body,
                       {{"Authorization", "Bearer " + token()}, {"Content-Type", "application/json"}}, timeout);
}

std::string OutageService::published_meeting(const std::string& title) const {
    auto id = std::string(parsed(call("POST", "/api/rekrutteringstreff", "{}"), 201, "create").at("id").as_string());
    auto fra = SystemClock().now() + std::chrono::hours(24 * 14);
    auto felter = boost::json::serialize(boost::json::object{{"tittel", title},
                                                             {"beskrivelse", "Vi treffes og snakker om jobb"},
                                                             {"fraTid", tid::format_oslo(fra)},
                                                             {"tilTid", tid::format_oslo(fra + std::chrono::hours(2))},
                                                             {"svarfrist", tid::format_oslo(fra - std::chrono::hours(72))},
                                                             {"gateadresse", "Eksempelgate 1"},
                                                             {"postnummer", "0123"},
                                                             {"poststed", "Oslo"}});
    parsed(call("PUT", "/api/rekrutteringstreff/" + id, felter), 200, "fill in");
    parsed(call("POST", "/api/rekrutteringstreff/" + id + "/publiser"), 200, "publish");
    return id;
}

std::vector<std::string> OutageService::add_job_seekers(const std::string& meeting, const std::vector<std::string>& fnrs) const {
    boost::json::array body;
    for (std::size_t i = 0; i < fnrs.size(); ++i)
        body.push_back({{"fødselsnummer", fnrs[i]}, {"fornavn", fmt::format("Fornavn{}", i)}, {"etternavn", "Etternavn"}});
    auto r = parsed(call("POST", "/api/rekrutteringstreff/" + meeting + "/jobbsoker", boost::json::serialize(body),
                         std::chrono::seconds(30)),
                    201, "add job seekers");
    std::vector<std::string> ids;
    for (const auto& id : r.at("personTreffIder").as_array()) ids.emplace_back(id.as_string());
    return ids;
}

}  // namespace rt::test
