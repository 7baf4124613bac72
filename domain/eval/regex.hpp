// Python `re`-compatible regular expressions on PCRE2 (UTF + UCP, JIT when available), compiled once and
// shared. Offsets are code point indices (Python string indices). Matching is bounded by PCRE2 match and
// depth limits: a pathological pattern/subject pair raises LimitExceeded instead of running forever.
// A compiled Regex is immutable and safe to use from many threads (match data is per call).
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace inv {

struct RegexLimits {
  std::uint32_t match_limit = 10'000'000;  // PCRE2 match() calls per attempt
  std::uint32_t depth_limit = 10'000;      // backtracking depth (heap frames)
};

struct RegexMatch {
  std::size_t start = 0;  // code point offsets into the subject
  std::size_t end = 0;
  std::size_t byte_start = 0;
  std::size_t byte_end = 0;
};

class Regex {
 public:
  enum Flags : unsigned { None = 0, IgnoreCase = 1, DotAll = 2, Verbose = 4, Multiline = 8 };

  // Compiles a Python-syntax pattern. Throws PolicyRuntimeError("error", message) — Python's re.error —
  // when the pattern is invalid.
  static std::shared_ptr<const Regex> compile(std::string_view pattern, unsigned flags = None);
  // As compile(), but cached in a bounded process-wide cache (patterns computed at run time).
  static std::shared_ptr<const Regex> cached(std::string_view pattern, unsigned flags = None);

  ~Regex();
  Regex(const Regex&) = delete;
  Regex& operator=(const Regex&) = delete;

  // re.match: anchored at `start` (code point offset), not at the end.
  bool match_prefix(std::string_view subject, RegexMatch* out = nullptr) const;
  // re.search from the start of the subject.
  bool search(std::string_view subject, RegexMatch* out = nullptr) const;
  // re.finditer: all non-overlapping matches, left to right (empty matches advance by one code point).
  std::vector<RegexMatch> find_all(std::string_view subject) const;
  const std::string& pattern() const { return pattern_; }

  static void set_limits(const RegexLimits& limits);

 private:
  Regex() = default;
  bool run(std::string_view subject, std::size_t byte_offset, bool anchored, RegexMatch* out) const;
  std::string pattern_;
  void* code_ = nullptr;  // pcre2_code*
};

// Converts a byte offset into `s` (UTF-8) to a code point offset.
std::size_t code_point_offset(std::string_view s, std::size_t byte_offset);

}  // namespace inv
