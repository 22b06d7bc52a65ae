#pragma once
// Base64url without padding (RFC 7515 §2), as tokens and JWKs use it.
#include <optional>
#include <string>
#include <string_view>

namespace rt::auth {

std::string base64url_encode(std::string_view bytes);
// nullopt for anything outside the alphabet, padding included, or an impossible length.
std::optional<std::string> base64url_decode(std::string_view text);

}  // namespace rt::auth
