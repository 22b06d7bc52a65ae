#include "support/service_process.hpp"

#include <arpa/inet.h>
#include <dirent.h>
#include <netinet/in.h>
#include <signal.h>
#include <spawn.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <thread>
#include <vector>

#include "support/raw_client.hpp"

namespace rt::test {

using Clock = std::chrono::steady_clock;

ServiceProcess::ServiceProcess(const std::string& binary, std::map<std::string, std::string> env) {
    env.emplace("LOG_LEVEL", "warn");
#ifdef __SANITIZE_ADDRESS__
    // The sanitized binary keeps up to 256 MiB of freed memory in quarantine by default, which
    // would swamp what the memory tests measure; the sanitizers' other options carry over.
    const char* asan = std::getenv("ASAN_OPTIONS");
    env.emplace("ASAN_OPTIONS", std::string(asan ? asan : "") + ":quarantine_size_mb=16");
    for (const char* name : {"UBSAN_OPTIONS", "LSAN_OPTIONS"})
        if (const char* v = std::getenv(name)) env.emplace(name, v);
#endif
    std::vector<std::string> strings;
    for (const auto& [k, v] : env) strings.push_back(k + "=" + v);
    std::vector<char*> envp;
    for (auto& s : strings) envp.push_back(s.data());
    envp.push_back(nullptr);
    std::string path = binary;
    char* argv[] = {path.data(), nullptr};
    if (posix_spawn(&pid_, binary.c_str(), nullptr, nullptr, argv, envp.data()) != 0)
        throw std::runtime_error("cannot start " + binary);
}

ServiceProcess::~ServiceProcess() {
    if (pid_ <= 0) return;
    ::kill(pid_, SIGKILL);
    int status = 0;
    ::waitpid(pid_, &status, 0);
}

bool ServiceProcess::wait_for(unsigned short port, const std::string& path, int status, std::chrono::milliseconds limit) {
    auto deadline = Clock::now() + limit;
    while (Clock::now() < deadline) {
        if (timed_get(port, path, std::chrono::milliseconds(500)).first == status) return true;
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    return false;
}

std::pair<std::optional<int>, std::chrono::milliseconds> ServiceProcess::terminate(std::chrono::milliseconds limit) {
    auto started = Clock::now();
    ::kill(pid_, SIGTERM);
    while (Clock::now() - started < limit) {
        int status = 0;
        if (::waitpid(pid_, &status, WNOHANG) == pid_) {
            pid_ = -1;
            auto took = std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - started);
            return {WIFEXITED(status) ? std::optional(WEXITSTATUS(status)) : std::optional(128 + WTERMSIG(status)), took};
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    return {std::nullopt, std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - started)};
}

long ServiceProcess::rss_kib() const {
    std::ifstream in("/proc/" + std::to_string(pid_) + "/status");
    std::string line;
    while (std::getline(in, line))
        if (line.starts_with("VmRSS:")) return std::stol(line.substr(6));
    return -1;
}

std::chrono::milliseconds ServiceProcess::cpu_time() const {
    std::ifstream in("/proc/" + std::to_string(pid_) + "/stat");
    std::string stat((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    std::istringstream fields(stat.substr(stat.rfind(')') + 2));
    std::string field;
    long long utime = 0, stime = 0;
    for (int i = 3; i <= 15 && fields >> field; ++i) {
        if (i == 14) utime = std::stoll(field);
        if (i == 15) stime = std::stoll(field);
    }
    return std::chrono::milliseconds((utime + stime) * 1000 / ::sysconf(_SC_CLK_TCK));
}

void ServiceProcess::limit_descriptors(unsigned long n) {
    rlimit r{n, n};
    if (::prlimit(pid_, RLIMIT_NOFILE, &r, nullptr) != 0) throw std::runtime_error("prlimit failed");
}

int ServiceProcess::open_descriptors() const {
    int n = 0;
    if (DIR* d = ::opendir(("/proc/" + std::to_string(pid_) + "/fd").c_str())) {
        while (auto* e = ::readdir(d))
            if (e->d_name[0] != '.') ++n;
        ::closedir(d);
    }
    return n;
}

unsigned short unused_port() {
    int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in a{};
    a.sin_family = AF_INET;
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    ::bind(fd, reinterpret_cast<sockaddr*>(&a), sizeof a);
    socklen_t len = sizeof a;
    ::getsockname(fd, reinterpret_cast<sockaddr*>(&a), &len);
    ::close(fd);
    return ntohs(a.sin_port);
}

}  // namespace rt::test
