#include "outage/private_servers.hpp"

#include <fmt/format.h>
#include <sys/wait.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <stdexcept>

#include "support/service_process.hpp"

namespace rt::test {

namespace {

namespace fs = std::filesystem;

fs::path dir() { return fs::path(RT_OUTAGE_DIR); }

// Ports picked once per directory, so that a server left running by an earlier run is found
// again and the service's URL stays valid across a stop and a start.
std::vector<unsigned short> ports(const std::string& name, std::size_t n, bool fresh) {
    fs::create_directories(dir());
    auto file = dir() / (name + ".ports");
    std::vector<unsigned short> p;
    if (!fresh) {
        std::ifstream in(file);
        for (unsigned short x; in >> x;) p.push_back(x);
    }
    if (p.size() == n) return p;
    p.clear();
    while (p.size() < n) {
        auto x = unused_port();
        if (std::find(p.begin(), p.end(), x) == p.end()) p.push_back(x);
    }
    std::ofstream out(file);
    for (auto x : p) out << x << "\n";
    return p;
}

// Runs a shell command; its output, or throws with it when the command fails.
std::string shell(const std::string& command) {
    std::string out;
    FILE* f = ::popen((command + " 2>&1").c_str(), "r");
    if (!f) throw std::runtime_error("cannot run " + command);
    char buf[4096];
    while (auto n = std::fread(buf, 1, sizeof buf, f)) out.append(buf, n);
    int status = ::pclose(f);
    if (!WIFEXITED(status) || WEXITSTATUS(status) != 0)
        throw std::runtime_error(fmt::format("{} failed:\n{}", command, out));
    return out;
}

}  // namespace

std::chrono::seconds outage_length() {
    const char* v = std::getenv("OUTAGE_SECONDS");
    return std::chrono::seconds(v ? std::stoi(v) : 20);
}

double seconds_since(std::chrono::steady_clock::time_point since) {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - since).count();
}

PrivatePostgres::PrivatePostgres() {
    port_ = ports("pg", 1, false)[0];
    try {
        start();
    } catch (const std::exception&) {
        // The remembered port may have been taken since; one more try on a new one.
        port_ = ports("pg", 1, true)[0];
        start();
    }
    ::setenv("RT_TEST_PG_ADMIN_URL", admin_url().c_str(), 1);
}

std::string PrivatePostgres::run(const std::string& command) const {
    return shell(fmt::format("PG_ROOT='{}' PG_PORT={} '{}/scripts/dev-postgres' {}", (dir() / "pg").string(), port_,
                             RT_SOURCE_DIR, command));
}

void PrivatePostgres::start() { run("start"); }
void PrivatePostgres::stop() { run("stop"); }
std::string PrivatePostgres::admin_url() const { return fmt::format("postgresql://postgres@127.0.0.1:{}/postgres", port_); }

PrivateKafka::PrivateKafka() {
    auto p = ports("kafka", 2, false);
    port_ = p[0];
    controller_port_ = p[1];
    try {
        start();
    } catch (const std::exception&) {
        p = ports("kafka", 2, true);
        port_ = p[0];
        controller_port_ = p[1];
        start();
    }
    ::setenv("RT_TEST_KAFKA_BROKERS", brokers().c_str(), 1);
}

std::string PrivateKafka::run(const std::string& command) const {
    // The jars of the checkout's dev broker are reused (KAFKA_LIBS unset: <repo>/.local/kafka/libs).
    return shell(fmt::format("KAFKA_DIR='{}' KAFKA_PORT={} KAFKA_CONTROLLER_PORT={} '{}/scripts/dev-kafka' {}",
                             (dir() / "kafka").string(), port_, controller_port_, RT_SOURCE_DIR, command));
}

void PrivateKafka::start() { run("start"); }
void PrivateKafka::stop() { run("stop"); }
std::string PrivateKafka::brokers() const { return fmt::format("127.0.0.1:{}", port_); }

}  // namespace rt::test
