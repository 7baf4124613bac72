// Offline Unicode general-category detector core (STDLIB.md §3.6, DECISIONS.md §12): reports the
// general category (Python's unicodedata.category() two-letter names) of every code point of a UTF-8 text,
// with its code point offset. Categories come from ICU (u_charType), so they follow ICU's Unicode version,
// which may differ from the Python version the reference ran for code points assigned in between.
// Self-contained (ICU only), so it can be wrapped as a detector plugin.
//
// Input: UTF-8. Each maximal invalid byte subsequence is one U+FFFD code point (category "So"), like
// Python's bytes.decode("utf-8", "replace"). Surrogate code points cannot occur in well-formed UTF-8
// (encoded surrogates are invalid bytes), so "Cs" is never reported for UTF-8 input.
//
// Thread-safety and lifetimes: pure functions without shared mutable state; safe to call from any number
// of threads at once. Category names are std::string_views of static storage, valid for as long as this
// library is loaded (copy them if they must outlive an unloaded plugin).
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace inv::detectors {

struct UnicodeHit {
  std::string_view category;  // "Lu", "Cf", ... (static storage)
  std::size_t offset = 0;     // code point offset of the character (Python string index)
  char32_t code_point = 0;    // the character (U+FFFD for an invalid byte sequence)
  bool operator==(const UnicodeHit&) const = default;
};

// The two-letter general category of a code point, as unicodedata.category() names it. Values above
// U+10FFFF give "Cn".
std::string_view general_category(char32_t code_point);

// One hit per code point of `text`, in order.
std::vector<UnicodeHit> unicode_categories(std::string_view text);

// Only the code points whose category is in `categories` (e.g. {"Cf", "Co", "Cn"}), in order; names that
// are not categories simply never match. This is what the detector marks as ranges when called with a
// `categories` filter.
std::vector<UnicodeHit> unicode_categories(std::string_view text, const std::vector<std::string>& categories);

// The distinct categories of `hits` in order of first occurrence. The reference returns list(set(...)),
// whose order is arbitrary; first-occurrence order is this implementation's deterministic choice.
std::vector<std::string> distinct_categories(const std::vector<UnicodeHit>& hits);

// distinct_categories(unicode_categories(text)) without materialising the hits.
std::vector<std::string> distinct_categories(std::string_view text);

}  // namespace inv::detectors
