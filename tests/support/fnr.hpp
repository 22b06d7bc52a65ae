#pragma once
#include <string>
#include <vector>

namespace rt::test {

// The first `count` valid synthetic fødselsnumre of birth year `year` (month + 80, both control
// digits right), walking dates and individual numbers in one pass.
std::vector<std::string> test_fnrs(std::size_t count, int year = 90);
// The n-th of test_fnrs for year 90.
std::string test_fnr(int n);

}  // namespace rt::test
