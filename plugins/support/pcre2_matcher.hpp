// Per-call PCRE2 match state for the detector cores: match data, a match context carrying the resource
// limits, a JIT stack that grows on demand, and an optional callout that records where the last match
// attempt started (so a scanner can skip an attempt that hit a limit). Header-only; PCRE2 only.
//
// Thread-safety: one Pcre2Matcher per call or per thread; it is not shared. The compiled patterns it runs
// may be shared by all threads.
#pragma once

#ifndef PCRE2_CODE_UNIT_WIDTH
#define PCRE2_CODE_UNIT_WIDTH 8
#endif
#include <pcre2.h>

#include <cstddef>
#include <cstdint>
#include <limits>
#include <optional>
#include <string_view>
#include <utility>

namespace inv::detectors::support {

struct MatchLimits {
  std::uint32_t match_limit = 1'000'000;   // match() calls per attempt
  std::uint32_t depth_limit = 100'000;     // interpreter only (JIT ignores it)
  std::uint32_t heap_limit_kib = 64 * 1024;  // interpreter only
  std::size_t jit_stack_max = 8 * 1024 * 1024;
  std::uint32_t ovector_pairs = 16;
};

class Pcre2Matcher {
 public:
  explicit Pcre2Matcher(const MatchLimits& limits) : jit_stack_max_(limits.jit_stack_max) {
    context_ = pcre2_match_context_create(nullptr);
    pcre2_set_match_limit(context_, limits.match_limit);
    pcre2_set_depth_limit(context_, limits.depth_limit);
    pcre2_set_heap_limit(context_, limits.heap_limit_kib);
    data_ = pcre2_match_data_create(limits.ovector_pairs, nullptr);
  }
  ~Pcre2Matcher() {
    pcre2_match_data_free(data_);
    pcre2_match_context_free(context_);
    if (stack_ != nullptr) pcre2_jit_stack_free(stack_);
  }
  Pcre2Matcher(const Pcre2Matcher&) = delete;
  Pcre2Matcher& operator=(const Pcre2Matcher&) = delete;

  // pcre2_match (input already valid UTF-8), retried once on a larger JIT stack when the default one is
  // too small.
  int run(const pcre2_code* code, std::string_view s, std::size_t offset, std::uint32_t options) {
    int rc = match(code, s, offset, options);
    if (rc == PCRE2_ERROR_JIT_STACKLIMIT && stack_ == nullptr) {
      stack_ = pcre2_jit_stack_create(32 * 1024, jit_stack_max_, nullptr);
      if (stack_ != nullptr) {
        pcre2_jit_stack_assign(context_, nullptr, stack_);
        rc = match(code, s, offset, options);
      }
    }
    return rc;
  }

  // Runs a pattern compiled with auto-callouts; `*attempt` receives the start of the last match attempt.
  int run_locator(const pcre2_code* locator, std::string_view s, std::size_t offset, std::uint32_t options,
                  std::size_t* attempt) {
    *attempt = std::numeric_limits<std::size_t>::max();
    pcre2_set_callout(context_, &Pcre2Matcher::record_attempt, attempt);
    const int rc = run(locator, s, offset, options);
    pcre2_set_callout(context_, nullptr, nullptr);
    return rc;
  }

  // Byte span of capture group `g` after a successful run returning `rc`, or nullopt when it did not
  // participate.
  std::optional<std::pair<std::size_t, std::size_t>> group(int rc, std::uint32_t g) const {
    if (rc != 0 && g >= static_cast<std::uint32_t>(rc)) return std::nullopt;
    const PCRE2_SIZE* ov = pcre2_get_ovector_pointer(data_);
    if (ov[2 * g] == PCRE2_UNSET) return std::nullopt;
    return std::make_pair(static_cast<std::size_t>(ov[2 * g]), static_cast<std::size_t>(ov[2 * g + 1]));
  }

  // Byte span of the whole match.
  std::pair<std::size_t, std::size_t> span() const {
    const PCRE2_SIZE* ov = pcre2_get_ovector_pointer(data_);
    return {ov[0], ov[1]};
  }

 private:
  int match(const pcre2_code* code, std::string_view s, std::size_t offset, std::uint32_t options) {
    return pcre2_match(code, reinterpret_cast<PCRE2_SPTR>(s.data()), s.size(), offset,
                       options | PCRE2_NO_UTF_CHECK, data_, context_);
  }
  static int record_attempt(pcre2_callout_block* block, void* data) {
    *static_cast<std::size_t*>(data) = block->start_match;
    return 0;
  }
  std::size_t jit_stack_max_;
  pcre2_match_context* context_ = nullptr;
  pcre2_match_data* data_ = nullptr;
  pcre2_jit_stack* stack_ = nullptr;
};

}  // namespace inv::detectors::support
