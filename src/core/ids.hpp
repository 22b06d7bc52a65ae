#pragma once
#include <optional>
#include <string>
#include <string_view>

namespace rt {

// A random (version 4) UUID in its canonical lower-case text form.
std::string new_uuid();

// The canonical lower-case form if `text` is a UUID, otherwise nothing.
std::optional<std::string> parse_uuid(std::string_view text);

// A stable 64-bit key for a name (FNV-1a), used for PostgreSQL advisory locks.
long long stable_key(std::string_view name);

}  // namespace rt
