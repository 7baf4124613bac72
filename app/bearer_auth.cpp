#include "app/bearer_auth.hpp"

#include <cctype>

#include "domain/util/sha256.hpp"

namespace inv::app {

bool constant_time_equals(std::string_view a, std::string_view b) {
  Sha256 ha, hb;
  ha.update(a);
  hb.update(b);
  auto da = ha.digest();
  auto db = hb.digest();
  unsigned diff = 0;
  for (std::size_t i = 0; i < da.size(); ++i) diff |= static_cast<unsigned>(da[i] ^ db[i]);
  return diff == 0;
}

bool bearer_token_matches(std::string_view header, std::string_view expected) {
  if (expected.empty()) return false;
  constexpr std::string_view kScheme = "bearer ";
  if (header.size() < kScheme.size()) return false;
  for (std::size_t i = 0; i < kScheme.size(); ++i)
    if (std::tolower(static_cast<unsigned char>(header[i])) != kScheme[i]) return false;
  return constant_time_equals(header.substr(kScheme.size()), expected);
}

}  // namespace inv::app
