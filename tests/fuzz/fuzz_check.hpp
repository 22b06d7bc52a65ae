#pragma once
// A property of a fuzz target that does not hold ends the run like a crash, so that libFuzzer
// keeps the input and the replay test fails on it.
#include <cstdio>
#include <cstdlib>
#include <string_view>

namespace rt::fuzz {

inline void require(bool holds, std::string_view what) {
    if (holds) return;
    std::fprintf(stderr, "fuzz property broken: %.*s\n", static_cast<int>(what.size()), what.data());
    std::abort();
}

}  // namespace rt::fuzz
