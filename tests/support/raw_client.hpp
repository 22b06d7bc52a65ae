#pragma once
// Plain blocking TCP sockets for talking to the HTTP server the way hostile or careless clients
// do: half requests, slow senders, clients that never read, many connections at once.
#include <chrono>
#include <string>
#include <string_view>

namespace rt::test {

class RawConnection {
public:
    // Connects to 127.0.0.1:port; throws std::runtime_error when it cannot.
    explicit RawConnection(unsigned short port);
    RawConnection(RawConnection&& o) noexcept;
    RawConnection& operator=(RawConnection&& o) noexcept;
    ~RawConnection();

    // Sends all of `bytes`; false if the peer closed or reset.
    bool send(std::string_view bytes);
    // Reads until `timeout` passes or the peer closes; returns what came.
    std::string read_for(std::chrono::milliseconds timeout);
    // Reads one whole response (headers and a Content-Length body); "" if none came within timeout.
    std::string read_response(std::chrono::milliseconds timeout = std::chrono::seconds(5));
    // True once the peer has closed (read returns end of stream or reset) within `timeout`.
    bool closed_within(std::chrono::milliseconds timeout);
    // Makes the kernel's receive buffer small, so that a client that does not read stalls soon.
    void small_receive_buffer();
    int fd() const { return fd_; }

private:
    int fd_ = -1;
    std::string pending_;  // read but not yet returned by read_response
};

// One connection of a hostile kind, as the tests and bench/hostile hold them by the thousand:
// "slow-headers" (half a header), "slow-body" (a valid token, 1 MB announced, 1 KB sent),
// "never-reading" (30 pipelined GET /metrics, never read) or "idle" (nothing sent).
RawConnection hostile_connection(unsigned short port, const std::string& kind, const std::string& token);
// One more byte for the slow kinds, so that they are slow rather than stopped.
void trickle(RawConnection& c, const std::string& kind);

// The status code of a raw response ("HTTP/1.1 431 ..."), or 0.
int status_of(std::string_view response);
// GET path on a fresh connection: the status and the time it took (0 and the time on failure).
std::pair<int, std::chrono::microseconds> timed_get(unsigned short port, const std::string& path,
                                                    std::chrono::milliseconds timeout = std::chrono::seconds(2));
// Raises this process's soft descriptor limit to the hard limit (tests that open many sockets).
void raise_descriptor_limit();

}  // namespace rt::test
