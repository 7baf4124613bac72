// Offline copyright / software-license detector core (STDLIB.md §3.2): the reference's license-header
// check, its token-overlap heuristic and its two copyright-notice patterns, on UTF-8 text.
// Self-contained (no dependency on the rest of the server), so it can be wrapped as a detector plugin.
//
// Semantics (per text):
//  1. Header check: for each license in table order, if text.strip().startswith(header) (Python
//     str.strip(): Unicode whitespace) the result is that single license name and step 2 is skipped.
//  2. Otherwise the token heuristic: text tokens = set(text.strip().split(" ")) (single spaces only,
//     newlines stay inside tokens); a license is reported when at least half of its non-empty tokens
//     (counted with repetition) are text tokens. Several licenses may be reported, in table order.
//  3. "Copyright (C)" and "Copyright ©" (exact, case-sensitive substrings): one "COPYRIGHT" per pattern
//     found anywhere in the (unstripped) text.
// The reference ignores its `threshold` argument (always 0.5); so does this core.
// Invalid UTF-8 bytes are treated as U+FFFD characters (never whitespace, never part of a license token),
// which gives exactly the result Python computes on the decoded-with-replacement text.
//
// Thread-safety and lifetimes: pure functions without shared mutable state; safe to call from any number of
// threads at once. Results own their strings; LicenseInfo strings are static and live as long as the library.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace inv::detectors {

struct LicenseInfo {
  std::string_view name;    // entity name, e.g. "GNU_GPL_V2"
  std::string_view header;  // the stripped header text used by step 1 and tokenised by step 2
};

// The reference's license table, in order.
const std::vector<LicenseInfo>& software_licenses();

// Entity names found in `text`: license names (table order) followed by zero, one or two "COPYRIGHT".
std::vector<std::string> detect_copyright(std::string_view text);

// Python str.strip() (no arguments) on UTF-8: removes leading and trailing Unicode whitespace
// (str.isspace()). Exposed for the plugin binding and tests.
std::string_view python_strip(std::string_view text);

}  // namespace inv::detectors
