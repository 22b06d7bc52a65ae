#pragma once
// The closed lists of the needs (../shared/spec/arbeidsgiver.md, "Needs" and "Metadata").
#include <string_view>
#include <vector>

namespace rt::arbeidsgiver::kodeverk {

// The value the frontend may send among the working languages (dropped there) and among the
// forms of employment (kept there, but not offered in the metadata).
inline constexpr std::string_view annet = "Annet";

// The 285 working languages, in the spec's order.
const std::vector<std::string_view>& arbeidssprak();
// The ten forms of employment offered, without "Annet", in the spec's order.
const std::vector<std::string_view>& ansettelsesformer();

bool er_arbeidssprak(std::string_view v);
// One of the ten, or "Annet".
bool er_ansettelsesform(std::string_view v);

}  // namespace rt::arbeidsgiver::kodeverk
