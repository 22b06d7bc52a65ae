// Fødselsnummer validation (modules/jobbsoker/fodselsnummer.hpp): any bytes, and for every number
// it accepts, the properties of the two mod-11 control digits.
#include <cstdint>
#include <string>
#include <string_view>

#include "fuzz/fuzz_check.hpp"
#include "modules/jobbsoker/fodselsnummer.hpp"

using rt::fuzz::require;
using rt::jobbsoker::gyldig_fodselsnummer;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    std::string_view text(reinterpret_cast<const char*>(data), size);
    if (!gyldig_fodselsnummer(text)) return 0;
    require(text.size() == 11 && text.find_first_not_of("0123456789") == std::string_view::npos,
            "an accepted number is 11 digits");
    // 11 is prime and no weight is 0 mod 11, so changing any one digit of a valid number must
    // break a control digit: the check that a mistyped number is refused.
    std::string copy(text);
    for (std::size_t i = 0; i < copy.size(); ++i) {
        char original = copy[i];
        for (char d = '0'; d <= '9'; ++d) {
            if (d == original) continue;
            copy[i] = d;
            require(!gyldig_fodselsnummer(copy), "a number with one digit changed is refused");
        }
        copy[i] = original;
    }
    return 0;
}
