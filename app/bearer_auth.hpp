// Bearer-token checks for the optional API token and the metrics token: `Authorization: Bearer <token>`.
// The comparison takes the same time wherever the first differing byte is (both sides are hashed with
// SHA-256 and the digests compared without early exit), so response timing does not reveal a prefix of
// the token. Pure functions, thread-safe.
#pragma once

#include <string_view>

namespace inv::app {

// True when `authorization_header` is "Bearer <token>" (scheme case-insensitive, one space) and the token
// equals `expected`. An empty `expected` never matches (the original server answered 401 to everyone
// when its metrics token was unset).
bool bearer_token_matches(std::string_view authorization_header, std::string_view expected);

bool constant_time_equals(std::string_view a, std::string_view b);

}  // namespace inv::app
