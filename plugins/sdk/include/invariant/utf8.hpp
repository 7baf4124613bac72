// UTF-8 primitives shared by the server and detector plugins (part of the plugin SDK): encoding a code
// point, validating and repairing input the way Python's decode(errors="replace") does (one U+FFFD per
// maximal invalid subsequence), and converting byte offsets to code point offsets (Python string indices).
// Header-only, no dependencies, pure functions; thread-safe.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace inv::utf8 {

inline bool is_continuation(char c) { return (static_cast<unsigned char>(c) & 0xC0) == 0x80; }

inline void append(std::string& out, char32_t cp) {
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (cp >> 18));
    out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
}

// Length of the well-formed sequence starting at s[i], or 0 when it is ill-formed; then *bad_len
// receives the length of the maximal invalid subpart to replace.
inline std::size_t sequence_length(std::string_view s, std::size_t i, std::size_t* bad_len) {
  const auto b0 = static_cast<unsigned char>(s[i]);
  if (b0 < 0x80) return 1;
  std::size_t need = 0;
  unsigned char lo = 0x80, hi = 0xBF;
  if (b0 >= 0xC2 && b0 <= 0xDF) {
    need = 1;
  } else if (b0 == 0xE0) {
    need = 2, lo = 0xA0;
  } else if ((b0 >= 0xE1 && b0 <= 0xEC) || b0 == 0xEE || b0 == 0xEF) {
    need = 2;
  } else if (b0 == 0xED) {
    need = 2, hi = 0x9F;
  } else if (b0 == 0xF0) {
    need = 3, lo = 0x90;
  } else if (b0 >= 0xF1 && b0 <= 0xF3) {
    need = 3;
  } else if (b0 == 0xF4) {
    need = 3, hi = 0x8F;
  } else {
    *bad_len = 1;
    return 0;
  }
  for (std::size_t k = 1; k <= need; ++k) {
    if (i + k >= s.size()) {
      *bad_len = k;
      return 0;
    }
    const auto c = static_cast<unsigned char>(s[i + k]);
    const bool ok = k == 1 ? (c >= lo && c <= hi) : (c >= 0x80 && c <= 0xBF);
    if (!ok) {
      *bad_len = k;
      return 0;
    }
  }
  return need + 1;
}

// `s` itself when it is valid UTF-8, else a repaired copy stored in `storage`.
inline std::string_view repaired(std::string_view s, std::string& storage) {
  std::size_t i = 0, bad = 0;
  while (i < s.size()) {
    const std::size_t len = sequence_length(s, i, &bad);
    if (len == 0) break;
    i += len;
  }
  if (i == s.size()) return s;
  storage.reserve(s.size() + 16);
  storage.assign(s.data(), i);
  while (i < s.size()) {
    const std::size_t len = sequence_length(s, i, &bad);
    if (len == 0) {
      storage += "\xEF\xBF\xBD";
      i += bad;
    } else {
      storage.append(s.data() + i, len);
      i += len;
    }
  }
  return storage;
}

// Byte index of the code point after the one starting at `byte`.
inline std::size_t next_code_point(std::string_view s, std::size_t byte) {
  ++byte;
  while (byte < s.size() && is_continuation(s[byte])) ++byte;
  return byte;
}

// Converts increasing byte offsets of a valid UTF-8 string to code point offsets in amortised O(1).
class CodePointCursor {
 public:
  explicit CodePointCursor(std::string_view s) : s_(s) {}
  std::size_t at(std::size_t byte) {
    if (byte < byte_) byte_ = 0, cp_ = 0;
    for (; byte_ < byte; ++byte_) {
      if (!is_continuation(s_[byte_])) ++cp_;
    }
    return cp_;
  }

 private:
  std::string_view s_;
  std::size_t byte_ = 0, cp_ = 0;
};

}  // namespace inv::utf8
