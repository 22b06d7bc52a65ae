#pragma once
// Prometheus metrics: counters, gauges and histograms with labels, rendered in the text format.
#include <chrono>
#include <functional>
#include <map>
#include <mutex>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace rt {

class Metrics {
public:
    using Labels = std::vector<std::pair<std::string, std::string>>;
    using Samples = std::vector<std::pair<Labels, double>>;

    void describe(std::string_view name, std::string_view help);
    void add(std::string_view counter, const Labels& labels = {}, double amount = 1);
    void set(std::string_view gauge, const Labels& labels, double value);
    void observe(std::string_view histogram, const Labels& labels, double seconds);
    // A gauge for values that live elsewhere (outbox backlog, pool use). Several callbacks may
    // feed one gauge (each module its own outbox), with distinct labels. Callbacks may query the
    // database, so a scrape never calls them: refresh_gauges() does (a background thread of the
    // service), and the scrape shows the last values read.
    void gauge_callback(std::string_view name, std::function<Samples()> read);
    void refresh_gauges();
    // Appends text in Prometheus format to every scrape (metrics kept elsewhere, e.g. HTTP's).
    void add_renderer(std::function<void(std::string&)> render);

    double counter_value(std::string_view counter, const Labels& labels = {}) const;
    std::string render() const;
    // The last rendering if it is younger than max_age, else a new one. /metrics is answered on
    // the I/O threads: a client that scrapes in a loop must cost a copy, not a rendering each.
    std::string render_recent(std::chrono::milliseconds max_age) const;

private:
    struct Histogram {
        std::vector<unsigned long long> buckets;
        unsigned long long count = 0;
        double sum = 0;
    };
    struct Family {
        std::string type;
        std::string help;
        std::map<std::string, double> values;          // by rendered label set
        std::map<std::string, Histogram> histograms;  // by rendered label set
        std::vector<std::function<Samples()>> reads;
        Samples last_read;  // what refresh_gauges() read
    };
    Family& family(std::string_view name, const char* type);

    mutable std::mutex mutex_;
    std::map<std::string, Family, std::less<>> families_;
    std::vector<std::function<void(std::string&)>> renderers_;
    std::mutex refresh_mutex_;  // one refresh at a time
    mutable std::mutex recent_mutex_;
    mutable std::string recent_;
    mutable std::chrono::steady_clock::time_point recent_at_{};
};

// Named conditions behind /isready: all must hold. Checks may wait on the network, so /isready
// never runs them: refresh() does (a background thread of the service) and failing() reads what
// the last refresh found.
class Readiness {
public:
    void add_check(std::string name, std::function<bool()> check);
    void set(const std::string& name, bool ok);
    // Runs every check once and keeps the outcome. Until the first refresh a check counts as failing.
    void refresh();
    // The names of the conditions that do not hold; empty when ready.
    std::vector<std::string> failing() const;

private:
    mutable std::mutex mutex_;
    std::map<std::string, std::function<bool()>> checks_;
    std::map<std::string, bool> flags_;
    std::map<std::string, bool> checked_;  // outcome of each check at the last refresh
    std::mutex refresh_mutex_;
};

}  // namespace rt
