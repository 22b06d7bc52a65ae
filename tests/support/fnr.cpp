#include "support/fnr.hpp"

#include <fmt/format.h>

namespace rt::test {
namespace {
int control(const std::string& d, const int* w, int n) {
    int sum = 0;
    for (int i = 0; i < n; ++i) sum += (d[i] - '0') * w[i];
    int k = 11 - sum % 11;
    return k == 11 ? 0 : k;
}
}  // namespace

std::string test_fnr(int n) {
    static constexpr int w1[] = {3, 7, 6, 1, 8, 9, 4, 5, 2};
    static constexpr int w2[] = {5, 4, 3, 2, 7, 6, 5, 4, 3, 2};
    // Walk dates and individual numbers until n valid numbers have been passed.
    int found = -1;
    for (int individ = 100; individ < 1000; ++individ)
        for (int day = 1; day <= 28; ++day)
            for (int month = 1; month <= 12; ++month) {
                auto base = fmt::format("{:02}{:02}{:02}{:03}", day, month + 80, 90, individ);
                int k1 = control(base, w1, 9);
                if (k1 == 10) continue;
                base += char('0' + k1);
                int k2 = control(base, w2, 10);
                if (k2 == 10) continue;
                if (++found == n) return base + char('0' + k2);
            }
    throw std::out_of_range("no more test numbers");
}

}  // namespace rt::test
