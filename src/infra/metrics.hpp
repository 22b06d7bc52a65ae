#pragma once
// Prometheus metrics: counters, gauges and histograms with labels, rendered in the text format.
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
    // A gauge read when scraped, for values that live elsewhere (outbox backlog, pool use).
    // Several callbacks may feed one gauge (each module its own outbox), with distinct labels.
    void gauge_callback(std::string_view name, std::function<Samples()> read);

    double counter_value(std::string_view counter, const Labels& labels = {}) const;
    std::string render() const;

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
    };
    Family& family(std::string_view name, const char* type);

    mutable std::mutex mutex_;
    std::map<std::string, Family, std::less<>> families_;
};

// Named conditions behind /isready: all must hold.
class Readiness {
public:
    void add_check(std::string name, std::function<bool()> check);
    void set(const std::string& name, bool ok);
    // The names of the conditions that do not hold; empty when ready.
    std::vector<std::string> failing() const;

private:
    mutable std::mutex mutex_;
    std::map<std::string, std::function<bool()>> checks_;
    std::map<std::string, bool> flags_;
};

}  // namespace rt
