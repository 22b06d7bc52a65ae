#include "modules/jobbsoker/fodselsnummer.hpp"

namespace rt::jobbsoker {
namespace {

int control_digit(std::string_view digits, const int* weights, int n) {
    int sum = 0;
    for (int i = 0; i < n; ++i) sum += (digits[i] - '0') * weights[i];
    int k = 11 - sum % 11;
    return k == 11 ? 0 : k;  // 10 means no valid number has these digits
}

}  // namespace

bool gyldig_fodselsnummer(std::string_view fnr) {
    if (fnr.size() != 11) return false;
    for (char c : fnr)
        if (c < '0' || c > '9') return false;
    int day = (fnr[0] - '0') * 10 + (fnr[1] - '0');
    int month = (fnr[2] - '0') * 10 + (fnr[3] - '0');
    if (day > 40) day -= 40;
    if (month > 80) month -= 80;
    else if (month > 40) month -= 40;
    if (day < 1 || day > 31 || month < 1 || month > 12) return false;
    static constexpr int w1[] = {3, 7, 6, 1, 8, 9, 4, 5, 2};
    static constexpr int w2[] = {5, 4, 3, 2, 7, 6, 5, 4, 3, 2};
    int k1 = control_digit(fnr, w1, 9);
    if (k1 == 10 || k1 != fnr[9] - '0') return false;
    int k2 = control_digit(fnr, w2, 10);
    return k2 != 10 && k2 == fnr[10] - '0';
}

}  // namespace rt::jobbsoker
