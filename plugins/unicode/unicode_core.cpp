// Unicode general-category detector core (see unicode_core.hpp).
#include "plugins/unicode/unicode_core.hpp"

#include <unicode/uchar.h>

#include <algorithm>

namespace inv::detectors {
namespace {

// Decodes the code point at s[i]; returns the number of bytes consumed (>= 1). An ill-formed sequence
// yields U+FFFD and consumes its maximal subpart (Unicode best practice, as Python's "replace").
std::size_t decode_utf8(std::string_view s, std::size_t i, char32_t* cp) {
  const auto b0 = static_cast<unsigned char>(s[i]);
  if (b0 < 0x80) {
    *cp = b0;
    return 1;
  }
  std::size_t need = 0;
  unsigned char lo = 0x80, hi = 0xBF;
  char32_t value = 0;
  if (b0 >= 0xC2 && b0 <= 0xDF) {
    need = 1, value = b0 & 0x1F;
  } else if (b0 >= 0xE0 && b0 <= 0xEF) {
    need = 2, value = b0 & 0x0F;
    if (b0 == 0xE0) lo = 0xA0;
    if (b0 == 0xED) hi = 0x9F;
  } else if (b0 >= 0xF0 && b0 <= 0xF4) {
    need = 3, value = b0 & 0x07;
    if (b0 == 0xF0) lo = 0x90;
    if (b0 == 0xF4) hi = 0x8F;
  } else {
    *cp = 0xFFFD;
    return 1;
  }
  for (std::size_t k = 1; k <= need; ++k) {
    const unsigned c = i + k < s.size() ? static_cast<unsigned char>(s[i + k]) : 0u;
    const bool ok = k == 1 ? (c >= lo && c <= hi) : (c >= 0x80 && c <= 0xBF);
    if (!ok) {
      *cp = 0xFFFD;
      return k;
    }
    value = (value << 6) | (c & 0x3F);
  }
  *cp = value;
  return need + 1;
}

std::string_view category_name(int type) {
  switch (type) {
    case U_UPPERCASE_LETTER:
      return "Lu";
    case U_LOWERCASE_LETTER:
      return "Ll";
    case U_TITLECASE_LETTER:
      return "Lt";
    case U_MODIFIER_LETTER:
      return "Lm";
    case U_OTHER_LETTER:
      return "Lo";
    case U_NON_SPACING_MARK:
      return "Mn";
    case U_COMBINING_SPACING_MARK:
      return "Mc";
    case U_ENCLOSING_MARK:
      return "Me";
    case U_DECIMAL_DIGIT_NUMBER:
      return "Nd";
    case U_LETTER_NUMBER:
      return "Nl";
    case U_OTHER_NUMBER:
      return "No";
    case U_CONNECTOR_PUNCTUATION:
      return "Pc";
    case U_DASH_PUNCTUATION:
      return "Pd";
    case U_START_PUNCTUATION:
      return "Ps";
    case U_END_PUNCTUATION:
      return "Pe";
    case U_INITIAL_PUNCTUATION:
      return "Pi";
    case U_FINAL_PUNCTUATION:
      return "Pf";
    case U_OTHER_PUNCTUATION:
      return "Po";
    case U_MATH_SYMBOL:
      return "Sm";
    case U_CURRENCY_SYMBOL:
      return "Sc";
    case U_MODIFIER_SYMBOL:
      return "Sk";
    case U_OTHER_SYMBOL:
      return "So";
    case U_SPACE_SEPARATOR:
      return "Zs";
    case U_LINE_SEPARATOR:
      return "Zl";
    case U_PARAGRAPH_SEPARATOR:
      return "Zp";
    case U_CONTROL_CHAR:
      return "Cc";
    case U_FORMAT_CHAR:
      return "Cf";
    case U_SURROGATE:
      return "Cs";
    case U_PRIVATE_USE_CHAR:
      return "Co";
    default:
      return "Cn";  // U_UNASSIGNED
  }
}

template <class Keep>
std::vector<UnicodeHit> collect(std::string_view text, Keep&& keep) {
  std::vector<UnicodeHit> hits;
  std::size_t offset = 0;
  for (std::size_t i = 0; i < text.size(); ++offset) {
    char32_t cp = 0;
    i += decode_utf8(text, i, &cp);
    const std::string_view category = general_category(cp);
    if (keep(category)) hits.push_back(UnicodeHit{category, offset, cp});
  }
  return hits;
}

}  // namespace

std::string_view general_category(char32_t code_point) {
  if (code_point > 0x10FFFF) return "Cn";
  return category_name(u_charType(static_cast<UChar32>(code_point)));
}

std::vector<UnicodeHit> unicode_categories(std::string_view text) {
  return collect(text, [](std::string_view) { return true; });
}

std::vector<UnicodeHit> unicode_categories(std::string_view text,
                                           const std::vector<std::string>& categories) {
  return collect(text, [&](std::string_view category) {
    return std::find(categories.begin(), categories.end(), category) != categories.end();
  });
}

std::vector<std::string> distinct_categories(const std::vector<UnicodeHit>& hits) {
  std::vector<std::string> out;
  std::string_view last;  // fast path for runs of the same category
  for (const UnicodeHit& hit : hits) {
    if (hit.category == last) continue;
    last = hit.category;
    if (std::find(out.begin(), out.end(), hit.category) == out.end()) out.emplace_back(hit.category);
  }
  return out;
}

std::vector<std::string> distinct_categories(std::string_view text) {
  std::vector<std::string> out;
  std::string_view last;
  for (std::size_t i = 0; i < text.size();) {
    char32_t cp = 0;
    i += decode_utf8(text, i, &cp);
    const std::string_view category = general_category(cp);
    if (category == last) continue;
    last = category;
    if (std::find(out.begin(), out.end(), category) == out.end()) out.emplace_back(category);
  }
  return out;
}

}  // namespace inv::detectors
