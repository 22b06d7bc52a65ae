#include "support/raw_client.hpp"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <stdexcept>

namespace rt::test {

using Clock = std::chrono::steady_clock;

RawConnection::RawConnection(unsigned short port) {
    fd_ = ::socket(AF_INET, SOCK_STREAM, 0);
    if (fd_ < 0) throw std::runtime_error(std::string("socket: ") + std::strerror(errno));
    sockaddr_in a{};
    a.sin_family = AF_INET;
    a.sin_port = htons(port);
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (::connect(fd_, reinterpret_cast<sockaddr*>(&a), sizeof a) != 0) {
        int e = errno;
        ::close(fd_);
        fd_ = -1;
        throw std::runtime_error(std::string("connect: ") + std::strerror(e));
    }
    int one = 1;
    ::setsockopt(fd_, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
}

RawConnection::RawConnection(RawConnection&& o) noexcept : fd_(o.fd_), pending_(std::move(o.pending_)) { o.fd_ = -1; }

RawConnection& RawConnection::operator=(RawConnection&& o) noexcept {
    if (this != &o) {
        if (fd_ >= 0) ::close(fd_);
        fd_ = o.fd_;
        pending_ = std::move(o.pending_);
        o.fd_ = -1;
    }
    return *this;
}

RawConnection::~RawConnection() {
    if (fd_ >= 0) ::close(fd_);
}

bool RawConnection::send(std::string_view bytes) {
    while (!bytes.empty()) {
        auto n = ::send(fd_, bytes.data(), bytes.size(), MSG_NOSIGNAL);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) return false;
        bytes.remove_prefix(static_cast<std::size_t>(n));
    }
    return true;
}

std::string RawConnection::read_for(std::chrono::milliseconds timeout) {
    std::string out = std::move(pending_);
    pending_.clear();
    auto deadline = Clock::now() + timeout;
    char buf[16384];
    while (true) {
        auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now()).count();
        if (left <= 0) break;
        pollfd p{fd_, POLLIN, 0};
        if (::poll(&p, 1, static_cast<int>(left)) <= 0) break;
        auto n = ::recv(fd_, buf, sizeof buf, 0);
        if (n <= 0) break;
        out.append(buf, static_cast<std::size_t>(n));
    }
    return out;
}

std::string RawConnection::read_response(std::chrono::milliseconds timeout) {
    auto deadline = Clock::now() + timeout;
    char buf[16384];
    while (true) {
        auto end = pending_.find("\r\n\r\n");
        if (end != std::string::npos) {
            std::size_t length = 0;
            std::string head = pending_.substr(0, end);
            for (auto& c : head) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
            auto cl = head.find("\r\ncontent-length:");
            if (cl != std::string::npos) length = std::stoul(head.substr(cl + 17));
            if (pending_.size() >= end + 4 + length) {
                auto out = pending_.substr(0, end + 4 + length);
                pending_.erase(0, end + 4 + length);
                return out;
            }
        }
        auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now()).count();
        if (left <= 0) return "";
        pollfd p{fd_, POLLIN, 0};
        if (::poll(&p, 1, static_cast<int>(left)) <= 0) return "";
        auto n = ::recv(fd_, buf, sizeof buf, 0);
        if (n <= 0) return "";
        pending_.append(buf, static_cast<std::size_t>(n));
    }
}

bool RawConnection::closed_within(std::chrono::milliseconds timeout) {
    auto deadline = Clock::now() + timeout;
    char buf[16384];
    while (true) {
        auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now()).count();
        if (left <= 0) return false;
        pollfd p{fd_, POLLIN, 0};
        if (::poll(&p, 1, static_cast<int>(left)) <= 0) return false;
        auto n = ::recv(fd_, buf, sizeof buf, 0);
        if (n <= 0) return true;
    }
}

void RawConnection::small_receive_buffer() {
    int size = 4096;
    ::setsockopt(fd_, SOL_SOCKET, SO_RCVBUF, &size, sizeof size);
}

RawConnection hostile_connection(unsigned short port, const std::string& kind, const std::string& token) {
    RawConnection c(port);
    if (kind == "slow-headers") c.send("GET /isalive HTTP/1.1\r\nHost: t\r\nX-Sakte: ");
    if (kind == "slow-body")
        c.send("POST /api/rekrutteringstreff HTTP/1.1\r\nHost: t\r\nAuthorization: Bearer " + token +
               "\r\nContent-Type: application/json\r\nContent-Length: 1000000\r\n\r\n{\"tittel\":\"" + std::string(1000, 'x'));
    if (kind == "never-reading") {
        c.small_receive_buffer();
        std::string requests;
        for (int r = 0; r < 30; ++r) requests += "GET /metrics HTTP/1.1\r\nHost: t\r\n\r\n";
        c.send(requests);
    }
    return c;
}

void trickle(RawConnection& c, const std::string& kind) {
    if (kind == "slow-headers") c.send("a");
    if (kind == "slow-body") c.send("x");
}

int status_of(std::string_view response) {
    if (response.size() < 12 || !response.starts_with("HTTP/1.")) return 0;
    return std::atoi(std::string(response.substr(9, 3)).c_str());
}

std::pair<int, std::chrono::microseconds> timed_get(unsigned short port, const std::string& path,
                                                    std::chrono::milliseconds timeout) {
    auto started = Clock::now();
    int status = 0;
    try {
        RawConnection c(port);
        if (c.send("GET " + path + " HTTP/1.1\r\nHost: t\r\nConnection: close\r\n\r\n"))
            status = status_of(c.read_response(timeout));
    } catch (const std::exception&) {
    }
    return {status, std::chrono::duration_cast<std::chrono::microseconds>(Clock::now() - started)};
}

void raise_descriptor_limit() {
    rlimit r{};
    if (::getrlimit(RLIMIT_NOFILE, &r) == 0 && r.rlim_cur < r.rlim_max) {
        r.rlim_cur = r.rlim_max;
        ::setrlimit(RLIMIT_NOFILE, &r);
    }
}

}  // namespace rt::test
