// Prints the variables the service reads, one a line: NAME<TAB>default ("" when production must
// set it). For tests/nais/manifest_test.py.
#include <cstdio>

#include "infra/config.hpp"

int main() {
    for (const auto& v : rt::config_variables()) std::printf("%s\t%s\n", v.name, v.default_value ? v.default_value : "");
}
