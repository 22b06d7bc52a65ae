#pragma once
#include <string_view>

namespace rt::jobbsoker {

// 11 digits, a valid date part (day + 40 for D-numbers, month + 40 or + 80 for synthetic test
// numbers) and both mod-11 control digits right.
bool gyldig_fodselsnummer(std::string_view fnr);

}  // namespace rt::jobbsoker
