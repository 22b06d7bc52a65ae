#include "infra/metrics.hpp"

#include <fmt/format.h>

namespace rt {
namespace {

constexpr double kBuckets[] = {0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10};

std::string escape(std::string_view v) {
    std::string out;
    for (char c : v) {
        if (c == '\\' || c == '"') out += '\\';
        if (c == '\n') { out += "\\n"; continue; }
        out += c;
    }
    return out;
}

std::string render_labels(const Metrics::Labels& labels) {
    std::string out;
    for (const auto& [k, v] : labels) {
        out += out.empty() ? "" : ",";
        out += fmt::format("{}=\"{}\"", k, escape(v));
    }
    return out;
}

std::string braces(const std::string& labels, std::string_view extra = {}) {
    if (labels.empty() && extra.empty()) return "";
    if (labels.empty()) return fmt::format("{{{}}}", extra);
    if (extra.empty()) return fmt::format("{{{}}}", labels);
    return fmt::format("{{{},{}}}", labels, extra);
}

std::string number(double v) { return fmt::format("{}", v); }

}  // namespace

Metrics::Family& Metrics::family(std::string_view name, const char* type) {
    auto it = families_.find(name);
    if (it == families_.end()) it = families_.emplace(std::string(name), Family{}).first;
    if (it->second.type.empty()) it->second.type = type;
    return it->second;
}

void Metrics::describe(std::string_view name, std::string_view help) {
    std::lock_guard lock(mutex_);
    auto it = families_.find(name);
    if (it == families_.end()) it = families_.emplace(std::string(name), Family{}).first;
    it->second.help = help;
}

void Metrics::add(std::string_view counter, const Labels& labels, double amount) {
    auto key = render_labels(labels);
    std::lock_guard lock(mutex_);
    family(counter, "counter").values[key] += amount;
}

void Metrics::set(std::string_view gauge, const Labels& labels, double value) {
    auto key = render_labels(labels);
    std::lock_guard lock(mutex_);
    family(gauge, "gauge").values[key] = value;
}

void Metrics::observe(std::string_view histogram, const Labels& labels, double seconds) {
    auto key = render_labels(labels);
    std::lock_guard lock(mutex_);
    auto& h = family(histogram, "histogram").histograms[key];
    if (h.buckets.empty()) h.buckets.assign(std::size(kBuckets), 0);
    for (std::size_t i = 0; i < std::size(kBuckets); ++i)
        if (seconds <= kBuckets[i]) ++h.buckets[i];
    ++h.count;
    h.sum += seconds;
}

void Metrics::gauge_callback(std::string_view name, std::function<Samples()> read) {
    std::lock_guard lock(mutex_);
    family(name, "gauge").reads.push_back(std::move(read));
}

double Metrics::counter_value(std::string_view counter, const Labels& labels) const {
    std::lock_guard lock(mutex_);
    auto it = families_.find(counter);
    if (it == families_.end()) return 0;
    auto v = it->second.values.find(render_labels(labels));
    return v == it->second.values.end() ? 0 : v->second;
}

void Metrics::refresh_gauges() {
    std::lock_guard refreshing(refresh_mutex_);
    std::vector<std::pair<std::string, std::vector<std::function<Samples()>>>> callbacks;
    {
        std::lock_guard lock(mutex_);
        for (const auto& [name, f] : families_)
            if (!f.reads.empty()) callbacks.emplace_back(name, f.reads);
    }
    for (const auto& [name, reads] : callbacks) {
        Samples samples;
        bool complete = true;
        for (const auto& read : reads) {
            try {
                auto more = read();
                samples.insert(samples.end(), more.begin(), more.end());
            } catch (const std::exception&) {
                complete = false;  // a source that is down keeps its last values
            }
        }
        std::lock_guard lock(mutex_);
        auto& f = families_.find(name)->second;
        if (complete || f.last_read.empty()) f.last_read = std::move(samples);
    }
}

void Metrics::add_renderer(std::function<void(std::string&)> render) {
    std::lock_guard lock(mutex_);
    renderers_.push_back(std::move(render));
}

std::string Metrics::render_recent(std::chrono::milliseconds max_age) const {
    std::lock_guard lock(recent_mutex_);
    auto now = std::chrono::steady_clock::now();
    if (recent_.empty() || now - recent_at_ >= max_age) {
        recent_ = render();
        recent_at_ = now;
    }
    return recent_;
}

std::string Metrics::render() const {
    std::string out;
    std::vector<std::function<void(std::string&)>> renderers;
    {
        std::lock_guard lock(mutex_);
        renderers = renderers_;
        for (const auto& [name, f] : families_) {
            if (!f.help.empty()) out += fmt::format("# HELP {} {}\n", name, f.help);
            out += fmt::format("# TYPE {} {}\n", name, f.type.empty() ? "untyped" : f.type);
            for (const auto& [labels, v] : f.values) out += fmt::format("{}{} {}\n", name, braces(labels), number(v));
            for (const auto& [labels, h] : f.histograms) {
                for (std::size_t i = 0; i < h.buckets.size(); ++i)
                    out += fmt::format("{}_bucket{} {}\n", name, braces(labels, fmt::format("le=\"{}\"", kBuckets[i])),
                                       h.buckets[i]);
                out += fmt::format("{}_bucket{} {}\n", name, braces(labels, "le=\"+Inf\""), h.count);
                out += fmt::format("{}_sum{} {}\n", name, braces(labels), number(h.sum));
                out += fmt::format("{}_count{} {}\n", name, braces(labels), h.count);
            }
            for (const auto& [labels, v] : f.last_read)
                out += fmt::format("{}{} {}\n", name, braces(render_labels(labels)), number(v));
        }
    }
    for (const auto& render : renderers) render(out);
    return out;
}

void Readiness::add_check(std::string name, std::function<bool()> check) {
    std::lock_guard lock(mutex_);
    checks_[std::move(name)] = std::move(check);
}

void Readiness::set(const std::string& name, bool ok) {
    std::lock_guard lock(mutex_);
    flags_[name] = ok;
}

void Readiness::refresh() {
    std::lock_guard refreshing(refresh_mutex_);
    std::map<std::string, std::function<bool()>> checks;
    {
        std::lock_guard lock(mutex_);
        checks = checks_;
    }
    std::map<std::string, bool> outcome;
    for (const auto& [name, check] : checks) {
        bool ok = false;
        try {
            ok = check();
        } catch (const std::exception&) {
        }
        outcome[name] = ok;
    }
    std::lock_guard lock(mutex_);
    checked_ = std::move(outcome);
}

std::vector<std::string> Readiness::failing() const {
    std::vector<std::string> out;
    std::lock_guard lock(mutex_);
    for (const auto& [name, ok] : flags_)
        if (!ok) out.push_back(name);
    for (const auto& [name, check] : checks_) {
        auto it = checked_.find(name);
        if (it == checked_.end() || !it->second) out.push_back(name);
    }
    return out;
}

}  // namespace rt
