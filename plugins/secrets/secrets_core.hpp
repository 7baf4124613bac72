// Offline secrets detector core: finds credentials (GitHub / AWS / Azure / Slack tokens, ...) in UTF-8 text
// with the reference's regular expressions (STDLIB.md §3.1), evaluated with Python `re` semantics on PCRE2
// (UTF + UCP, JIT). Self-contained: depends only on PCRE2, not on the rest of the server, so it can be
// wrapped as a detector plugin.
//
// Semantics
//  * The default pattern set is exactly the reference's, in its order; each pattern is applied with
//    `finditer` semantics (all non-overlapping matches of that pattern, left to right), so findings come
//    grouped by pattern and two patterns may report overlapping spans.
//  * Offsets are Unicode code point indices (Python string indices) of the whole match (group 0).
//  * Invalid UTF-8: every maximal invalid subsequence counts as one U+FFFD (Python's
//    `bytes.decode("utf-8", "replace")`); offsets refer to that decoded text. Nothing throws for bad input.
//  * Python `re` details reproduced: `.` excludes only "\n"; `\d` and `\w` are Unicode-aware; IGNORECASE
//    uses Python's case equivalences (for the built-in patterns this includes U+0130 and U+0131 matching
//    "i", U+017F matching "s" and U+212A matching "k"); finditer's rules for empty matches.
//  * Resource bounds: every match attempt (one start position) is bounded by a PCRE2 match limit (one
//    million steps). An attempt that exceeds it is skipped (treated as "no match starting here") and the
//    scan resumes at the next code point; after 32 skipped attempts for one pattern on one text, that
//    pattern stops scanning the text. SecretScanStats::limit_hits / ::truncated report both. The built-in
//    patterns cannot backtrack catastrophically, so for them this only affects absurdly long tokens (a
//    Slack token with more than about 500 000 dash-separated number groups is skipped).
//
// Thread-safety and lifetimes: all functions may be called concurrently from any number of threads. The
// patterns are compiled once (thread-safe static initialisation on first use) and never modified; match
// state is per call. Results own their data (no views into the input). The SecretPatternInfo strings of the
// built-in tables point to static storage valid for as long as this library is loaded.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace inv::detectors {

struct SecretFinding {
  std::string entity;     // e.g. "GITHUB_TOKEN"
  std::size_t start = 0;  // code point offset of the match start
  std::size_t end = 0;    // code point offset one past the match end
  bool operator==(const SecretFinding&) const = default;
};

// A pattern of the detector (for documentation, listings and tests).
struct SecretPatternInfo {
  std::string_view entity;
  std::string_view regex;    // Python `re` syntax
  bool ignore_case = false;  // re.IGNORECASE
  bool verbose = false;      // re.VERBOSE
  std::string_view description;
};

struct SecretScanOptions {
  // false (default): exactly the reference's six patterns. true: additionally the patterns of
  // extended_secret_patterns(), applied after the default ones.
  bool extended = false;
  // Caller-supplied patterns (Python `re` syntax as far as PCRE2 shares it), applied after the built-in
  // ones. They are compiled on every call (no caching); an invalid pattern throws std::invalid_argument.
  // The views must stay valid for the duration of the call. Unlike the built-in patterns they get PCRE2's
  // case folding under ignore_case (U+0130/U+0131 do not match "i").
  std::vector<SecretPatternInfo> custom;
};

struct SecretScanStats {
  std::size_t limit_hits = 0;  // match attempts skipped because they exceeded the match limit
  bool truncated = false;      // some pattern stopped early (too many skipped attempts)
};

// Scans `text` with the default (reference) pattern set. Findings are ordered by pattern (in table order),
// then by position.
std::vector<SecretFinding> scan_secrets(std::string_view text);

// Same with options; `stats`, when given, receives the resource-limit diagnostics of this call.
std::vector<SecretFinding> scan_secrets(std::string_view text, const SecretScanOptions& options,
                                        SecretScanStats* stats = nullptr);

// The reference's patterns (STDLIB.md §3.1), in application order.
const std::vector<SecretPatternInfo>& default_secret_patterns();

// Additional patterns used when SecretScanOptions::extended is set, in application order:
//   PRIVATE_KEY            PEM/OpenSSH/PGP private key armour header ("-----BEGIN ... PRIVATE KEY-----")
//   AWS_SECRET_ACCESS_KEY  "aws_secret_access_key = <40 chars>" style assignments (case-insensitive)
//   GITHUB_TOKEN           fine-grained personal access tokens ("github_pat_" + 82 chars)
//   GITLAB_TOKEN           GitLab personal access tokens ("glpat-" + 20 chars)
//   SLACK_TOKEN            Slack app-level tokens ("xapp-1-...")
//   STRIPE_KEY             Stripe secret / restricted keys ("sk_live_", "rk_test_", ...)
//   GOOGLE_API_KEY         Google API keys ("AIza" + 35 chars)
//   GOOGLE_OAUTH_SECRET    Google OAuth client secrets ("GOCSPX-" + 28 chars)
//   OPENAI_API_KEY         OpenAI keys (legacy "sk-...T3BlbkFJ..." and "sk-proj-/svcacct-/admin-" forms)
//   ANTHROPIC_API_KEY      Anthropic keys ("sk-ant-api03-...")
//   HUGGINGFACE_TOKEN      Hugging Face access tokens ("hf_" + 34 letters)
//   NPM_TOKEN              npm access tokens ("npm_" + 36 chars)
//   PYPI_TOKEN             PyPI upload tokens ("pypi-AgEIcHlwaS5vcmc...")
//   SENDGRID_API_KEY       SendGrid keys ("SG." + 22 + "." + 43 chars)
//   JWT                    JSON Web Tokens (three base64url segments, header and payload starting "eyJ")
//   URL_CREDENTIALS        user:password embedded in a URL ("scheme://user:pass@host")
// Token-shaped patterns only match at the start of a token (a negative lookbehind on the token alphabet),
// which keeps every pattern linear in the text length.
const std::vector<SecretPatternInfo>& extended_secret_patterns();

}  // namespace inv::detectors
