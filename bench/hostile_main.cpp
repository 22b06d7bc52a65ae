// Hostile clients for bench/hostile and bench/jobbsoker_http, against a running service:
//   hostile_bench scrape <port> <n>                     300 + n random unauthenticated requests; scrape size at start,
//                                                       after the 300 and after the n
//   hostile_bench siege <port> <pid> <kind> <n> <secs> [token]
//                                                       n connections of one hostile kind (slow-headers, slow-body,
//                                                       never-reading, idle) held for secs while /isalive is probed:
//                                                       largest RSS of pid, /isalive p50/p99/max and failures
//   hostile_bench hold-slow <port> <token> <treff> <n> <secs>
//                                                       n clients that keep a PUT on <treff> in flight (it waits on a
//                                                       row lock that the script holds), each again as soon as answered
#include <fmt/format.h>

#include <algorithm>
#include <atomic>
#include <fstream>
#include <iostream>
#include <map>
#include <random>
#include <thread>
#include <vector>

#include "support/raw_client.hpp"

using namespace std::chrono_literals;
using rt::test::RawConnection;
using Clock = std::chrono::steady_clock;

namespace {

std::string get(unsigned short port, const std::string& path) {
    RawConnection c(port);
    c.send("GET " + path + " HTTP/1.1\r\nHost: b\r\nConnection: close\r\n\r\n");
    return c.read_response(10s);
}

long rss_kib(int pid) {
    std::ifstream in("/proc/" + std::to_string(pid) + "/status");
    std::string line;
    while (std::getline(in, line))
        if (line.starts_with("VmRSS:")) return std::stol(line.substr(6));
    return -1;
}

int scrape(unsigned short port, int n) {
    auto cold = get(port, "/metrics");
    std::mt19937 random(7);
    auto word = [&](int len, std::string_view alphabet) {
        std::string w;
        for (int i = 0; i < len; ++i) w += alphabet[random() % alphabet.size()];
        return w;
    };
    RawConnection c(port);
    int answered = 0;
    std::map<int, int> statuses;
    // The first few hundred requests meet every label set there is (each method, route and status
    // once); what follows must not add any.
    constexpr int kWarmUp = 300;
    std::string before;
    for (int i = 0; i < kWarmUp + n; ++i) {
        if (i == kWarmUp) before = get(port, "/metrics");
        auto method = random() % 2 ? word(3 + random() % 8, "ABCDEFGHIJKLMNOPQRSTUVWXYZ")
                                   : std::string(std::array{"GET", "POST", "PUT", "DELETE", "PATCH"}[random() % 5]);
        auto path = "/" + word(1 + random() % 40, "abcdefghijklmnopqrstuvwxyz0123456789/-_.");
        if (random() % 4 == 0) path = "/api/rekrutteringstreff/" + word(36, "0123456789abcdef");
        if (!c.send(fmt::format("{} {} HTTP/1.1\r\nHost: b\r\n\r\n", method, path))) c = RawConnection(port);
        auto r = c.read_response(5s);
        if (r.empty()) {
            c = RawConnection(port);
            continue;
        }
        ++answered;
        ++statuses[rt::test::status_of(r)];
    }
    auto after = get(port, "/metrics");
    std::string by_status;
    for (auto [s, k] : statuses) by_status += fmt::format(" {}x{}", k, s);
    fmt::print("scrape size at start: {} bytes; after {} random unauthenticated requests: {} bytes; after {} more ({} answered"
               " in all:{}): {} bytes\n",
               cold.size(), kWarmUp, before.size(), n, answered, by_status, after.size());
    return 0;
}

int siege(unsigned short port, int pid, const std::string& kind, int n, int seconds, const std::string& token) {
    std::vector<RawConnection> held;
    held.reserve(static_cast<std::size_t>(n));
    int refused = 0;
    for (int i = 0; i < n; ++i) {
        try {
            held.push_back(rt::test::hostile_connection(port, kind, token));
        } catch (const std::exception&) {
            ++refused;
        }
    }
    std::vector<double> ms;
    int failed = 0;
    long max_rss = rss_kib(pid);
    auto until = Clock::now() + std::chrono::seconds(seconds);
    for (int tick = 0; Clock::now() < until; ++tick) {
        auto [status, took] = rt::test::timed_get(port, "/isalive", 2s);
        if (status == 200) ms.push_back(static_cast<double>(took.count()) / 1000.0);
        else ++failed;
        max_rss = std::max(max_rss, rss_kib(pid));
        if (tick % 25 == 0)
            for (auto& c : held) rt::test::trickle(c, kind);
        std::this_thread::sleep_for(20ms);
    }
    std::sort(ms.begin(), ms.end());
    auto pct = [&](double p) { return ms.empty() ? 0.0 : ms[std::min(ms.size() - 1, static_cast<std::size_t>(p * ms.size()))]; };
    fmt::print("{:>13} x{}: max RSS {:.1f} MiB; /isalive {} probes, p50 {:.2f} ms, p99 {:.2f} ms, max {:.2f} ms, {} failed"
               "{}\n",
               kind, n, max_rss / 1024.0, ms.size(), pct(0.5), pct(0.99), ms.empty() ? 0.0 : ms.back(), failed,
               refused ? fmt::format(" ({} connects refused)", refused) : "");
    return 0;
}

int hold_slow(unsigned short port, const std::string& token, const std::string& treff, int n, int seconds) {
    std::atomic<bool> stop{false};
    std::atomic<int> done{0};
    std::map<int, int> statuses;
    std::mutex m;
    std::vector<std::thread> threads;
    for (int i = 0; i < n; ++i)
        threads.emplace_back([&] {
            std::string body = R"({"tittel":"Holdes"})";
            while (!stop) {
                try {
                    RawConnection c(port);
                    c.send(fmt::format("PUT /api/rekrutteringstreff/{} HTTP/1.1\r\nHost: b\r\nAuthorization: Bearer {}\r\n"
                                       "Content-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{}",
                                       treff, token, body.size(), body));
                    int status = rt::test::status_of(c.read_response(10s));
                    std::lock_guard lock(m);
                    ++statuses[status];
                } catch (const std::exception&) {
                }
                ++done;
            }
        });
    std::this_thread::sleep_for(std::chrono::seconds(seconds));
    stop = true;
    for (auto& t : threads) t.join();
    std::string by_status;
    for (auto [s, k] : statuses) by_status += fmt::format(" {}x{}", k, s);
    fmt::print("slow client: {} PUTs held in flight, {} answered:{}\n", n, done.load(), by_status);
    return 0;
}

}  // namespace

int main(int argc, char** argv) {
    const std::vector<std::string> a(argv + 1, argv + argc);
    rt::test::raise_descriptor_limit();
    try {
        auto port = [](const std::string& s) { return static_cast<unsigned short>(std::stoi(s)); };
        if (a.size() == 3 && a[0] == "scrape") return scrape(port(a[1]), std::stoi(a[2]));
        if ((a.size() == 6 || a.size() == 7) && a[0] == "siege")
            return siege(port(a[1]), std::stoi(a[2]), a[3], std::stoi(a[4]), std::stoi(a[5]), a.size() == 7 ? a[6] : "");
        if (a.size() == 6 && a[0] == "hold-slow") return hold_slow(port(a[1]), a[2], a[3], std::stoi(a[4]), std::stoi(a[5]));
    } catch (const std::exception& e) {
        std::cerr << "hostile_bench: " << e.what() << "\n";
        return 1;
    }
    std::cerr << "usage: see the top of bench/hostile_main.cpp\n";
    return 2;
}
