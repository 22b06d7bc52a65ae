#pragma once
// The service binary (RT_SERVICE_BINARY) as a child process, for what only a real process shows:
// its memory, its CPU time, its descriptor limit and how it ends on SIGTERM.
#include <sys/types.h>

#include <chrono>
#include <map>
#include <optional>
#include <string>

namespace rt::test {

class ServiceProcess {
public:
    // Starts the binary with exactly these variables (plus LOG_LEVEL=warn unless given).
    ServiceProcess(const std::string& binary, std::map<std::string, std::string> env);
    ~ServiceProcess();  // SIGKILL if still running
    ServiceProcess(const ServiceProcess&) = delete;
    ServiceProcess& operator=(const ServiceProcess&) = delete;

    pid_t pid() const { return pid_; }
    // Polls GET path until it answers `status` or `limit` passes.
    bool wait_for(unsigned short port, const std::string& path, int status, std::chrono::milliseconds limit);
    // SIGTERM, then waits up to `limit`: the exit code and how long it took (nullopt: still running).
    std::pair<std::optional<int>, std::chrono::milliseconds> terminate(std::chrono::milliseconds limit);
    long rss_kib() const;
    // User plus system CPU time used so far.
    std::chrono::milliseconds cpu_time() const;
    // Lowers the process's open-descriptor limit (soft and hard).
    void limit_descriptors(unsigned long n);
    int open_descriptors() const;

private:
    pid_t pid_ = -1;
};

// A TCP port on loopback that nothing listens on (bound and closed again).
unsigned short unused_port();

}  // namespace rt::test
