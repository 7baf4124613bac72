// Text normalisation shared by the offline classifiers (prompt injection, moderation): what a pattern sees
// of a text. Steps: repair invalid UTF-8 (one U+FFFD per invalid sequence), decode Unicode tag characters
// (U+E0020..U+E007E) into the ASCII they hide, NFKD + case folding (ICU), drop combining, enclosing and
// format marks (accents, zero-width characters), map controls and Unicode spaces to a space, fold common
// Cyrillic/Greek look-alikes to Latin, join letters spaced out with single separators ("i g n o r e"),
// fold light leetspeak inside words ("1gn0r3"), collapse runs of spaces and trim.
//
// Also the phrase-matching pieces both classifiers run over normalised text: a PCRE2 match state with tight
// limits, a non-overlapping match loop and a negation test.
//
// Thread-safety: pure functions (the ICU normaliser instance is created once, thread-safely); a
// ClassifierMatcher belongs to one call.
#pragma once

#include <cstddef>
#include <memory>
#include <utility>
#include <span>
#include <string>
#include <string_view>

#include "common/utf8.hpp"
#include "plugins/support/pcre2_matcher.hpp"

namespace inv::detectors::support {

struct NormalizedText {
  std::string text;
  std::size_t tag_chars = 0;  // Unicode tag characters decoded to ASCII
};

NormalizedText normalize_for_matching(std::string_view utf8_text);

// PCRE2 match state with the classifiers' limits: 100,000 match steps per attempt, small JIT stack.
class ClassifierMatcher : public Pcre2Matcher {
 public:
  ClassifierMatcher() : Pcre2Matcher(MatchLimits{100'000, 10'000, 16 * 1024, 1024 * 1024, 4}) {}
};

// Calls on_match(start, end) (byte offsets) for every non-overlapping match until it returns false. A match
// attempt that hits a resource limit is skipped (the scan resumes one code point later).
template <class OnMatch>
void for_each_match(const pcre2_code* code, std::string_view s, ClassifierMatcher& matcher, OnMatch&& on_match) {
  std::size_t pos = 0;
  while (pos <= s.size()) {
    const int rc = matcher.run(code, s, pos, 0);
    if (rc == PCRE2_ERROR_NOMATCH) return;
    if (rc < 0) {
      if (pos >= s.size()) return;
      pos = utf8::next_code_point(s, pos);
      continue;
    }
    const auto [b, e] = matcher.span();
    if (!on_match(b, e)) return;
    pos = e > b ? e : (e < s.size() ? utf8::next_code_point(s, e) : s.size() + 1);
  }
}

// A compiled pattern owned by a unique_ptr.
struct Pcre2CodeDeleter {
  void operator()(pcre2_code* code) const { pcre2_code_free(code); }
};
using CodePtr = std::unique_ptr<pcre2_code, Pcre2CodeDeleter>;

// Replaces every {{NAME}} of `pattern` by the (itself expanded) body of the macro NAME; an unknown or
// unterminated macro is a std::logic_error naming `who` (a bug in a rule table).
std::string expand_macros(std::string_view pattern,
                          std::span<const std::pair<std::string_view, std::string_view>> macros, std::string_view who);

// A character of a word in normalised text (lower-case letters, digits, apostrophe, any non-ASCII byte).
bool is_word_char(char c);

// True when one of the three words before `start` is in `negators` ("not", "never", ...), looking across
// commas and hyphens but not across other punctuation (a sentence boundary ends the window).
bool negated_before(std::string_view s, std::size_t start, std::span<const std::string_view> negators);

}  // namespace inv::detectors::support
