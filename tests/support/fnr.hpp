#pragma once
#include <string>

namespace rt::test {

// The n-th of a sequence of valid synthetic fødselsnumre (month + 80, both control digits right).
std::string test_fnr(int n);

}  // namespace rt::test
