// Copyright / software-license detector core (see copyright_core.hpp).
#include "plugins/copyright/copyright_core.hpp"

#include <unordered_set>

namespace inv::detectors {
namespace {

// Length of the Python whitespace character (str.isspace()) that starts at s[i], or 0.
std::size_t space_at(std::string_view s, std::size_t i) {
  const auto b = [&](std::size_t k) { return i + k < s.size() ? static_cast<unsigned char>(s[i + k]) : 0u; };
  const unsigned c0 = b(0);
  if ((c0 >= 0x09 && c0 <= 0x0D) || (c0 >= 0x1C && c0 <= 0x20)) return 1;
  if (c0 == 0xC2 && (b(1) == 0x85 || b(1) == 0xA0)) return 2;  // U+0085, U+00A0
  if (c0 == 0xE1 && b(1) == 0x9A && b(2) == 0x80) return 3;    // U+1680
  if (c0 == 0xE2 && b(1) == 0x80) {
    const unsigned c2 = b(2);
    if ((c2 >= 0x80 && c2 <= 0x8A) || c2 == 0xA8 || c2 == 0xA9 || c2 == 0xAF)
      return 3;  // U+2000-200A/2028/2029/202F
  }
  if (c0 == 0xE2 && b(1) == 0x81 && b(2) == 0x9F) return 3;  // U+205F
  if (c0 == 0xE3 && b(1) == 0x80 && b(2) == 0x80) return 3;  // U+3000
  return 0;
}

// Length of the Python whitespace character that ends right before s[end], or 0. A lead byte never occurs
// inside another sequence, so matching the byte suffix is exact even next to invalid UTF-8.
std::size_t space_before(std::string_view s, std::size_t end) {
  for (std::size_t len = 1; len <= 3 && len <= end; ++len) {
    if (space_at(s, end - len) == len) return len;
  }
  return 0;
}

std::vector<std::string_view> split_on_space(std::string_view s) {
  std::vector<std::string_view> parts;
  std::size_t begin = 0;
  for (;;) {
    const std::size_t pos = s.find(' ', begin);
    if (pos == std::string_view::npos) {
      parts.push_back(s.substr(begin));
      return parts;
    }
    parts.push_back(s.substr(begin, pos - begin));
    begin = pos + 1;
  }
}

struct LicenseTokens {
  std::vector<std::string_view> tokens;  // non-empty pieces of header.split(" ")
};

const std::vector<LicenseTokens>& license_tokens() {
  static const std::vector<LicenseTokens> all = [] {
    std::vector<LicenseTokens> out;
    for (const LicenseInfo& license : software_licenses()) {
      LicenseTokens t;
      for (std::string_view piece : split_on_space(license.header)) {
        if (!piece.empty()) t.tokens.push_back(piece);
      }
      out.push_back(std::move(t));
    }
    return out;
  }();
  return all;
}

}  // namespace

const std::vector<LicenseInfo>& software_licenses() {
  static const std::vector<LicenseInfo> licenses = {
      {"GNU_AGPL_V3",
       "GNU AFFERO GENERAL PUBLIC LICENSE\n                       Version 3, 19 November 2007"},
      // The reference names the GPL v3 header "GNU_GPL_V2".
      {"GNU_GPL_V2", "GNU GENERAL PUBLIC LICENSE\n                       Version 3, 29 June 2007"},
      {"GNU_LGPL_V3", "GNU LESSER GENERAL PUBLIC LICENSE\n                       Version 3, 29 June 2007"},
      {"MOZILLA_PUBLIC_LICENSE_2.0", "Mozilla Public License Version 2.0"},
      {"APACHE_LICENSE_2.0", "Apache License\n                           Version 2.0, January 2004"},
      {"MIT_LICENSE", "MIT License"},
      {"BOOST_SOFTWARE_LICENSE", "Boost Software License - Version 1.0 - August 17th, 2003"},
  };
  return licenses;
}

std::string_view python_strip(std::string_view text) {
  std::size_t begin = 0, end = text.size();
  while (begin < end) {
    const std::size_t len = space_at(text.substr(0, end), begin);
    if (len == 0) break;
    begin += len;
  }
  while (end > begin) {
    const std::size_t len = space_before(text.substr(0, end), end);
    if (len == 0 || end - len < begin) break;
    end -= len;
  }
  return text.substr(begin, end - begin);
}

std::vector<std::string> detect_copyright(std::string_view text) {
  std::vector<std::string> found;
  const std::string_view stripped = python_strip(text);
  const auto& licenses = software_licenses();

  bool header_found = false;
  for (const LicenseInfo& license : licenses) {
    if (stripped.starts_with(license.header)) {
      found.emplace_back(license.name);
      header_found = true;
      break;
    }
  }

  if (!header_found) {
    const std::vector<std::string_view> pieces = split_on_space(stripped);
    const std::unordered_set<std::string_view> text_tokens(pieces.begin(), pieces.end());
    const auto& tokens = license_tokens();
    for (std::size_t i = 0; i < licenses.size(); ++i) {
      std::size_t common = 0;
      for (std::string_view token : tokens[i].tokens) common += text_tokens.count(token);
      // ratio = common / len >= 0.5, computed exactly
      if (!tokens[i].tokens.empty() && 2 * common >= tokens[i].tokens.size())
        found.emplace_back(licenses[i].name);
    }
  }

  for (std::string_view notice :
       {std::string_view("Copyright (C)"), std::string_view("Copyright \xC2\xA9")}) {
    if (text.find(notice) != std::string_view::npos) found.emplace_back("COPYRIGHT");
  }
  return found;
}

}  // namespace inv::detectors
