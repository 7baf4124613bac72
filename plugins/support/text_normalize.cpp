#include "plugins/support/text_normalize.hpp"

#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>
#include <unicode/utf16.h>

#include <algorithm>
#include <cstdint>
#include <stdexcept>

#include "common/utf8.hpp"

namespace inv::detectors::support {
namespace {

char32_t fold_confusable(char32_t c) {
  switch (c) {
    case 0x0430: case 0x03B1: case 0x0251: return U'a';
    case 0x0435: case 0x03B5: return U'e';
    case 0x0456: case 0x03B9: case 0x0131: case 0x0269: return U'i';
    case 0x04CF: return U'l';
    case 0x0458: return U'j';
    case 0x043A: case 0x03BA: return U'k';
    case 0x043E: case 0x03BF: return U'o';
    case 0x0440: case 0x03C1: return U'p';
    case 0x0441: case 0x03F2: return U'c';
    case 0x0443: return U'y';
    case 0x0445: case 0x03C7: return U'x';
    case 0x0455: return U's';
    case 0x0501: return U'd';
    case 0x0261: return U'g';
    case 0x051B: return U'q';
    case 0x051D: return U'w';
    case 0x04BB: return U'h';
    case 0x03BD: case 0x0475: return U'v';
    case 0x03C4: return U't';
    case 0x03C5: return U'u';
    // Quotes, primes and dashes.
    case 0x2018: case 0x2019: case 0x201A: case 0x201B: case 0x2032: case 0x02BC: case 0x0060: return U'\'';
    case 0x201C: case 0x201D: case 0x201E: case 0x201F: case 0x2033: case 0x00AB: case 0x00BB: return U'"';
    case 0x2010: case 0x2011: case 0x2012: case 0x2013: case 0x2014: case 0x2015: case 0x2212: return U'-';
    default: return c;
  }
}

bool is_letter(char32_t c) {
  if (c < 0x80) return (c >= U'a' && c <= U'z') || (c >= U'A' && c <= U'Z');
  return u_isalpha(static_cast<UChar32>(c)) != 0;
}
bool is_digit(char32_t c) { return c >= U'0' && c <= U'9'; }
bool is_alnum(char32_t c) { return is_digit(c) || is_letter(c); }

char32_t leet_value(char32_t c) {
  switch (c) {
    case U'0': return U'o';
    case U'1': return U'i';
    case U'3': return U'e';
    case U'4': return U'a';
    case U'5': return U's';
    case U'7': return U't';
    case U'$': return U's';
    case U'!': return U'i';
    default: return 0;
  }
}

const icu::Normalizer2* nfkd_casefold() {
  static const icu::Normalizer2* instance = [] {
    UErrorCode status = U_ZERO_ERROR;
    const icu::Normalizer2* n = icu::Normalizer2::getInstance(nullptr, "nfkc_cf", UNORM2_DECOMPOSE, status);
    return U_SUCCESS(status) ? n : nullptr;
  }();
  return instance;
}

// Joins letters spaced out with single separators ("i g n o r e" -> "ignore"; runs of 4+ letters).
std::u32string join_spaced_letters(const std::u32string& s) {
  const std::size_t n = s.size();
  auto single = [&](std::size_t k) {
    return is_letter(s[k]) && (k + 1 == n || !is_alnum(s[k + 1])) && (k == 0 || !is_alnum(s[k - 1]));
  };
  auto is_sep = [](char32_t c) { return c == U' ' || c == U'.' || c == U'-' || c == U'_'; };
  std::u32string out;
  out.reserve(n);
  std::size_t i = 0;
  bool carry = false;  // right after a joined run: the next spaced word may be shorter ("a l l")
  while (i < n) {
    if (single(i)) {
      std::size_t j = i, count = 1;
      while (j + 2 < n && is_sep(s[j + 1]) && single(j + 2)) j += 2, ++count;
      if (count >= 4 || (carry && count >= 2)) {
        for (std::size_t k = i; k <= j; k += 2) out.push_back(s[k]);
        i = j + 1;
        carry = true;
        continue;
      }
    }
    if (s[i] != U' ') carry = false;
    out.push_back(s[i++]);
  }
  return out;
}

// Light leetspeak folding inside words (see header).
void fold_leet(std::u32string& s) {
  const std::size_t n = s.size();
  auto in_token = [](char32_t c) { return is_alnum(c) || c == U'$' || c == U'!'; };
  std::size_t i = 0;
  while (i < n) {
    if (!in_token(s[i])) {
      ++i;
      continue;
    }
    std::size_t b = i;
    while (i < n && in_token(s[i])) ++i;
    const std::size_t e = i;
    std::size_t first = e, last = e;
    for (std::size_t k = b; k < e; ++k) {
      if (is_letter(s[k])) {
        if (first == e) first = k;
        last = k;
      }
    }
    if (first == e) continue;  // no letters: a number, leave it
    for (std::size_t k = first + 1; k < last; ++k) {
      if (const char32_t v = leet_value(s[k])) s[k] = v;
    }
    auto letters = [&](std::size_t from, std::size_t count) {
      if (from + count > e) return false;
      for (std::size_t k = from; k < from + count; ++k) {
        if (!is_letter(s[k])) return false;
      }
      return true;
    };
    if (is_digit(s[b]) && leet_value(s[b]) && letters(b + 1, 3)) s[b] = leet_value(s[b]);
    if (e - b >= 4 && is_digit(s[e - 1]) && leet_value(s[e - 1]) && letters(e - 4, 3)) {
      s[e - 1] = leet_value(s[e - 1]);
    }
  }
}

NormalizedText normalize(std::string_view input) {
  NormalizedText result;
  std::string storage;
  const std::string_view text = utf8::repaired(input, storage);

  // Decode, turning tag characters into the ASCII they encode.
  icu::UnicodeString u;
  u.getBuffer(static_cast<int32_t>(std::min<std::size_t>(text.size(), 1u << 30)));
  u.releaseBuffer(0);
  std::size_t i = 0, bad = 0;
  while (i < text.size()) {
    const std::size_t len = utf8::sequence_length(text, i, &bad);
    char32_t cp = static_cast<unsigned char>(text[i]);
    if (len == 2) cp = ((cp & 0x1F) << 6) | (text[i + 1] & 0x3F);
    if (len == 3) cp = ((cp & 0x0F) << 12) | ((text[i + 1] & 0x3F) << 6) | (text[i + 2] & 0x3F);
    if (len == 4) {
      cp = ((cp & 0x07) << 18) | ((text[i + 1] & 0x3F) << 12) | ((text[i + 2] & 0x3F) << 6) | (text[i + 3] & 0x3F);
    }
    i += len == 0 ? 1 : len;
    if (cp >= 0xE0000 && cp <= 0xE007F) {
      if (cp >= 0xE0020 && cp <= 0xE007E) {
        u.append(static_cast<UChar32>(cp - 0xE0000));
        ++result.tag_chars;
      }
      continue;
    }
    u.append(static_cast<UChar32>(cp));
  }

  icu::UnicodeString folded;
  if (const icu::Normalizer2* n = nfkd_casefold()) {
    UErrorCode status = U_ZERO_ERROR;
    n->normalize(u, folded, status);
    if (U_FAILURE(status)) folded = u.foldCase();
  } else {
    folded = u.foldCase();
  }

  std::u32string cps;
  cps.reserve(static_cast<std::size_t>(folded.length()));
  const UChar* buf = folded.getBuffer();
  const int32_t len16 = folded.length();
  for (int32_t k = 0; k < len16;) {
    UChar32 c;
    U16_NEXT(buf, k, len16, c);
    const int8_t type = u_charType(c);
    if (type == U_NON_SPACING_MARK || type == U_ENCLOSING_MARK || type == U_FORMAT_CHAR) continue;
    if (c < 0x20 || (c >= 0x7F && c <= 0x9F) || u_isUWhiteSpace(c)) {
      cps.push_back(U' ');
      continue;
    }
    cps.push_back(fold_confusable(static_cast<char32_t>(c)));
  }
  cps = join_spaced_letters(cps);
  fold_leet(cps);

  std::string& out = result.text;
  out.reserve(cps.size());
  bool space = true;  // trims leading spaces
  for (const char32_t c : cps) {
    if (c == U' ') {
      if (!space) out += ' ';
      space = true;
      continue;
    }
    space = false;
    utf8::append(out, c);
  }
  if (!out.empty() && out.back() == ' ') out.pop_back();
  return result;
}

}  // namespace

NormalizedText normalize_for_matching(std::string_view utf8_text) { return normalize(utf8_text); }

std::string expand_macros(std::string_view pattern,
                          std::span<const std::pair<std::string_view, std::string_view>> macros, std::string_view who) {
  std::string out;
  out.reserve(pattern.size() * 2);
  std::size_t i = 0;
  while (i < pattern.size()) {
    if (pattern.compare(i, 2, "{{") != 0) {
      out += pattern[i++];
      continue;
    }
    const std::size_t close = pattern.find("}}", i + 2);
    if (close == std::string_view::npos) throw std::logic_error(std::string(who) + ": unterminated macro");
    const std::string_view name = pattern.substr(i + 2, close - i - 2);
    bool found = false;
    for (const auto& [macro, body] : macros) {
      if (macro == name) {
        out.append(expand_macros(body, macros, who));
        found = true;
        break;
      }
    }
    if (!found) throw std::logic_error(std::string(who) + ": unknown macro " + std::string(name));
    i = close + 2;
  }
  return out;
}

bool is_word_char(char c) {
  return (c >= 'a' && c <= 'z') || c == '\'' || (c >= '0' && c <= '9') || (static_cast<unsigned char>(c) >= 0x80);
}

bool negated_before(std::string_view s, std::size_t start, std::span<const std::string_view> negators) {
  std::size_t pos = start;
  for (int words = 0; words < 3; ++words) {
    while (pos > 0 && s[pos - 1] == ' ') --pos;
    if (pos == 0) return false;
    const char prev = s[pos - 1];
    if (!is_word_char(prev)) {
      if (prev == ',' || prev == '-') {
        --pos;
        continue;
      }
      return false;
    }
    const std::size_t end = pos;
    while (pos > 0 && is_word_char(s[pos - 1])) --pos;
    const std::string_view word = s.substr(pos, end - pos);
    for (const auto n : negators)
      if (word == n) return true;
  }
  return false;
}

}  // namespace inv::detectors::support
