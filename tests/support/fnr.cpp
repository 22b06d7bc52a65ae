#include "support/fnr.hpp"

#include <fmt/format.h>
#include <mutex>
#include <stdexcept>

namespace rt::test {
namespace {
int control(const std::string& d, const int* w, int n) {
    int sum = 0;
    for (int i = 0; i < n; ++i) sum += (d[i] - '0') * w[i];
    int k = 11 - sum % 11;
    return k == 11 ? 0 : k;
}
}  // namespace

std::vector<std::string> test_fnrs(std::size_t count, int year) {
    static constexpr int w1[] = {3, 7, 6, 1, 8, 9, 4, 5, 2};
    static constexpr int w2[] = {5, 4, 3, 2, 7, 6, 5, 4, 3, 2};
    std::vector<std::string> out;
    out.reserve(count);
    for (int individ = 100; individ < 1000; ++individ)
        for (int day = 1; day <= 28; ++day)
            for (int month = 1; month <= 12; ++month) {
                if (out.size() == count) return out;
                auto base = fmt::format("{:02}{:02}{:02}{:03}", day, month + 80, year, individ);
                int k1 = control(base, w1, 9);
                if (k1 == 10) continue;
                base += char('0' + k1);
                int k2 = control(base, w2, 10);
                if (k2 == 10) continue;
                out.push_back(base + char('0' + k2));
            }
    if (out.size() < count) throw std::out_of_range("not that many synthetic fødselsnumre in one year");
    return out;
}

std::string test_fnr(int n) {
    static std::mutex mutex;
    static std::vector<std::string> cache;
    std::lock_guard lock(mutex);
    if (static_cast<std::size_t>(n) >= cache.size()) cache = test_fnrs(std::max<std::size_t>(n + 1, 2 * cache.size()));
    return cache[n];
}

}  // namespace rt::test
