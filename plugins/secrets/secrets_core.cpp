// Secrets detector core (see secrets_core.hpp).
#include "plugins/secrets/secrets_core.hpp"

#include "common/utf8.hpp"
#include "plugins/support/pcre2_matcher.hpp"

#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>

#include <cstdint>
#include <limits>
#include <memory>
#include <stdexcept>
#include <utility>

namespace inv::detectors {
namespace {

// ---------------------------------------------------------------------------------------------------------
// Limits. PCRE2 applies the match limit to each start position separately, so it bounds the work of one
// match attempt; kMaxLimitHits bounds how many attempts may be skipped before a pattern gives up on a text.
constexpr std::uint32_t kMatchLimit = 1'000'000;
constexpr std::uint32_t kDepthLimit = 100'000;      // interpreter only (JIT ignores it)
constexpr std::uint32_t kHeapLimitKiB = 64 * 1024;  // interpreter only
constexpr std::size_t kMaxLimitHits = 32;
constexpr std::size_t kJitStackMax = 8 * 1024 * 1024;

// ---------------------------------------------------------------------------------------------------------
using utf8::CodePointCursor;
using utf8::is_continuation;
using utf8::next_code_point;

// ---------------------------------------------------------------------------------------------------------
// A compiled Python-syntax pattern. Immutable after construction; shared by all threads.

struct CodeDeleter {
  void operator()(pcre2_code* code) const { pcre2_code_free(code); }
};
using CodePtr = std::unique_ptr<pcre2_code, CodeDeleter>;

class CompiledPattern {
 public:
  CompiledPattern(std::string_view pattern, bool ignore_case, bool verbose) {
    std::uint32_t options = PCRE2_UTF | PCRE2_UCP;
    if (ignore_case) options |= PCRE2_CASELESS;
    if (verbose) options |= PCRE2_EXTENDED;
    code_ = compile(pattern, options);
    // The locator variant reports, through a callout at the start of the pattern, where each match attempt
    // begins; it is only used to find the attempt that exceeded the match limit.
    std::string located = "(?C1)(?:";
    located.append(pattern);
    located += verbose ? "\n)" : ")";
    locator_ = compile(located, options);
  }

  const pcre2_code* code() const { return code_.get(); }
  const pcre2_code* locator() const { return locator_.get(); }

 private:
  static CodePtr compile(std::string_view pattern, std::uint32_t options) {
    pcre2_compile_context* cc = pcre2_compile_context_create(nullptr);
    pcre2_set_newline(cc, PCRE2_NEWLINE_LF);  // Python: `.` excludes only "\n"
    int error = 0;
    PCRE2_SIZE error_offset = 0;
    CodePtr code(pcre2_compile(reinterpret_cast<PCRE2_SPTR>(pattern.data()), pattern.size(), options, &error,
                               &error_offset, cc));
    pcre2_compile_context_free(cc);
    if (!code) {
      PCRE2_UCHAR message[256];
      pcre2_get_error_message(error, message, sizeof message);
      throw std::invalid_argument("secrets: invalid pattern " + std::string(pattern) + " at offset " +
                                  std::to_string(error_offset) + ": " +
                                  reinterpret_cast<const char*>(message));
    }
    // Without JIT support pcre2_match() falls back to the interpreter.
    pcre2_jit_compile(code.get(), PCRE2_JIT_COMPLETE);
    return code;
  }

  CodePtr code_;
  CodePtr locator_;
};

// Per-call match state with this detector's limits (plugins/support/pcre2_matcher.hpp).
class Matcher : public support::Pcre2Matcher {
 public:
  Matcher() : Pcre2Matcher(support::MatchLimits{kMatchLimit, kDepthLimit, kHeapLimitKiB, kJitStackMax, 16}) {}
};

bool is_limit_error(int rc) {
  return rc == PCRE2_ERROR_MATCHLIMIT || rc == PCRE2_ERROR_DEPTHLIMIT || rc == PCRE2_ERROR_HEAPLIMIT ||
         rc == PCRE2_ERROR_JIT_STACKLIMIT || rc == PCRE2_ERROR_NOMEMORY;
}

// Python re.finditer over a valid UTF-8 subject: calls on_match(byte_start, byte_end) for every
// non-overlapping match, left to right. An empty match is allowed right after a non-empty one; after an
// empty match the next match may not be empty at the same position (Python 3.7+ rules).
template <class OnMatch>
void for_each_match(const CompiledPattern& pattern, std::string_view s, Matcher& matcher,
                    SecretScanStats& stats, OnMatch&& on_match) {
  std::size_t pos = 0;
  std::uint32_t options = 0;
  std::size_t hits = 0;
  while (pos <= s.size()) {
    int rc = matcher.run(pattern.code(), s, pos, options);
    if (is_limit_error(rc)) {
      ++stats.limit_hits;
      if (++hits > kMaxLimitHits) {
        stats.truncated = true;
        return;
      }
      std::size_t attempt = 0;
      rc = matcher.run_locator(pattern.locator(), s, pos, options, &attempt);
      if (is_limit_error(rc)) {
        if (attempt > s.size()) {
          stats.truncated = true;
          return;
        }
        pos = next_code_point(s, attempt);  // skip the attempt that starts at `attempt`
        options = 0;
        continue;
      }
    }
    if (rc < 0) {
      if (rc != PCRE2_ERROR_NOMATCH) stats.truncated = true;
      return;
    }
    const auto [b, e] = matcher.span();
    on_match(b, e);
    options = e == b ? PCRE2_NOTEMPTY_ATSTART : 0;
    pos = e;
  }
}

// ---------------------------------------------------------------------------------------------------------
// The pattern tables.

const std::vector<SecretPatternInfo>& default_patterns() {
  static const std::vector<SecretPatternInfo> patterns = {
      {"GITHUB_TOKEN", R"((ghp|gho|ghu|ghs|ghr)_[A-Za-z0-9_]{36})", false, false, "GitHub tokens (classic)"},
      {"AWS_ACCESS_KEY", R"((?:A3T[A-Z0-9]|ABIA|ACCA|AKIA|ASIA)[0-9A-Z]{16})", false, false,
       "AWS access key ids"},
      {"AWS_ACCESS_KEY",
       R"(aws.{0,20}?(?:key|pwd|pw|password|pass|token).{0,20}?['"]([0-9a-zA-Z/+]{40})['"])", true, false,
       "AWS secret keys next to an 'aws ... key' mention"},
      {"AZURE_STORAGE_KEY", R"(AccountKey=[a-zA-Z0-9+\/=]{88})", false, false, "Azure storage account keys"},
      {"SLACK_TOKEN", R"(xox(?:a|b|p|o|s|r)-(?:\d+-)+[a-z0-9]+)", true, false, "Slack tokens"},
      {"SLACK_TOKEN", R"(https://hooks\.slack\.com/services/T[a-zA-Z0-9_]+/B[a-zA-Z0-9_]+/[a-zA-Z0-9_]+)",
       true, true, "Slack incoming webhooks"},
  };
  return patterns;
}

const std::vector<SecretPatternInfo>& extended_patterns() {
  static const std::vector<SecretPatternInfo> patterns = {
      {"PRIVATE_KEY", R"(-----BEGIN[ A-Z0-9]{0,40}PRIVATE KEY(?: BLOCK)?-----)", false, false,
       "PEM / OpenSSH / PGP private key armour header"},
      {"AWS_SECRET_ACCESS_KEY",
       R"(aws_?secret_?access_?key["']?\s*[:=]\s*["']?[A-Za-z0-9/+]{40}(?![A-Za-z0-9/+]))", true, false,
       "AWS secret access key assignments"},
      {"GITHUB_TOKEN", R"((?<![A-Za-z0-9_])github_pat_[A-Za-z0-9_]{82}(?![A-Za-z0-9_]))", false, false,
       "GitHub fine-grained personal access tokens"},
      {"GITLAB_TOKEN", R"((?<![A-Za-z0-9_-])glpat-[A-Za-z0-9_-]{20}(?![A-Za-z0-9_-]))", false, false,
       "GitLab personal access tokens"},
      {"SLACK_TOKEN", R"((?<![A-Za-z0-9-])xapp-\d+-[A-Za-z0-9]+-\d+-[A-Za-z0-9]+)", false, false,
       "Slack app-level tokens"},
      {"STRIPE_KEY", R"((?<![A-Za-z0-9_])(?:sk|rk)_(?:live|test)_[A-Za-z0-9]{24,})", false, false,
       "Stripe secret and restricted keys"},
      {"GOOGLE_API_KEY", R"((?<![A-Za-z0-9_-])AIza[A-Za-z0-9_-]{35}(?![A-Za-z0-9_-]))", false, false,
       "Google API keys"},
      {"GOOGLE_OAUTH_SECRET", R"((?<![A-Za-z0-9_-])GOCSPX-[A-Za-z0-9_-]{28}(?![A-Za-z0-9_-]))", false, false,
       "Google OAuth client secrets"},
      {"OPENAI_API_KEY",
       R"((?<![A-Za-z0-9_-])sk-(?:(?:proj|svcacct|admin)-[A-Za-z0-9_-]{20,200}|[A-Za-z0-9]{20})T3BlbkFJ[A-Za-z0-9_-]{20,})",
       false, false, "OpenAI API keys"},
      {"ANTHROPIC_API_KEY", R"((?<![A-Za-z0-9_-])sk-ant-[a-z]{2,10}\d\d-[A-Za-z0-9_-]{80,})", false, false,
       "Anthropic API keys"},
      {"HUGGINGFACE_TOKEN", R"((?<![A-Za-z0-9_])hf_[A-Za-z]{34}(?![A-Za-z0-9_]))", false, false,
       "Hugging Face access tokens"},
      {"NPM_TOKEN", R"((?<![A-Za-z0-9_])npm_[A-Za-z0-9]{36}(?![A-Za-z0-9_]))", false, false,
       "npm access tokens"},
      {"PYPI_TOKEN", R"((?<![A-Za-z0-9_-])pypi-AgEIcHlwaS5vcmc[A-Za-z0-9_-]{50,})", false, false,
       "PyPI API tokens"},
      {"SENDGRID_API_KEY", R"((?<![A-Za-z0-9_.-])SG\.[A-Za-z0-9_-]{22}\.[A-Za-z0-9_-]{43}(?![A-Za-z0-9_-]))",
       false, false, "SendGrid API keys"},
      {"JWT", R"((?<![A-Za-z0-9_.-])eyJ[A-Za-z0-9_-]{5,}\.eyJ[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]{10,})", false,
       false, "JSON Web Tokens"},
      {"URL_CREDENTIALS", R"((?<![A-Za-z0-9+.-])[A-Za-z][A-Za-z0-9+.-]{0,30}://[^\s:@/]+:[^\s:@/]+@)", false,
       false, "user:password embedded in a URL"},
  };
  return patterns;
}

// The PCRE2 spelling of the built-in patterns, where it differs from the Python source. Under re.IGNORECASE
// Python compares simple lowercase mappings plus a few extra equivalences, so "i" and "I" also match U+0130
// and U+0131; PCRE2's caseless matching does not (it already agrees on U+017F for "s" and U+212A for "k").
// Adding the two characters to every class or literal that can match "i" makes both engines accept exactly
// the same characters.
constexpr std::pair<std::string_view, std::string_view> kRewrites[] = {
    {R"(aws.{0,20}?(?:key|pwd|pw|password|pass|token).{0,20}?['"]([0-9a-zA-Z/+]{40})['"])",
     R"(aws.{0,20}?(?:key|pwd|pw|password|pass|token).{0,20}?['"]([0-9a-zA-Z/+\x{130}\x{131}]{40})['"])"},
    {R"(xox(?:a|b|p|o|s|r)-(?:\d+-)+[a-z0-9]+)", R"(xox(?:a|b|p|o|s|r)-(?:\d+-)+[a-z0-9\x{130}\x{131}]+)"},
    {R"(https://hooks\.slack\.com/services/T[a-zA-Z0-9_]+/B[a-zA-Z0-9_]+/[a-zA-Z0-9_]+)",
     R"(https://hooks\.slack\.com/serv[i\x{130}\x{131}]ces/T[a-zA-Z0-9_\x{130}\x{131}]+/B[a-zA-Z0-9_\x{130}\x{131}]+/[a-zA-Z0-9_\x{130}\x{131}]+)"},
    {R"(aws_?secret_?access_?key["']?\s*[:=]\s*["']?[A-Za-z0-9/+]{40}(?![A-Za-z0-9/+]))",
     R"(aws_?secret_?access_?key["']?\s*[:=]\s*["']?[A-Za-z0-9/+\x{130}\x{131}]{40}(?![A-Za-z0-9/+\x{130}\x{131}]))"},
};

std::string_view pcre2_source(const SecretPatternInfo& p, std::size_t* rewrites) {
  for (const auto& [python, pcre2] : kRewrites) {
    if (p.regex == python) {
      ++*rewrites;
      return pcre2;
    }
  }
  return p.regex;
}

struct CompiledSet {
  std::vector<std::unique_ptr<CompiledPattern>> base;
  std::vector<std::unique_ptr<CompiledPattern>> extended;
  CompiledSet() {
    std::size_t rewrites = 0;
    for (const auto& p : default_patterns()) {
      base.push_back(std::make_unique<CompiledPattern>(pcre2_source(p, &rewrites), p.ignore_case, p.verbose));
    }
    for (const auto& p : extended_patterns()) {
      extended.push_back(
          std::make_unique<CompiledPattern>(pcre2_source(p, &rewrites), p.ignore_case, p.verbose));
    }
    if (rewrites != std::size(kRewrites))
      throw std::logic_error("secrets: a PCRE2 rewrite no longer matches its pattern");
  }
};

const CompiledSet& compiled() {
  static const CompiledSet set;  // thread-safe one-time initialisation
  return set;
}

void scan_with(const std::vector<SecretPatternInfo>& infos,
               const std::vector<std::unique_ptr<CompiledPattern>>& patterns, std::string_view text,
               Matcher& matcher, SecretScanStats& stats, std::vector<SecretFinding>& out) {
  for (std::size_t i = 0; i < patterns.size(); ++i) {
    CodePointCursor cursor(text);
    for_each_match(*patterns[i], text, matcher, stats, [&](std::size_t b, std::size_t e) {
      const std::size_t start = cursor.at(b);
      const std::size_t end = cursor.at(e);
      out.push_back(SecretFinding{std::string(infos[i].entity), start, end});
    });
  }
}

}  // namespace

const std::vector<SecretPatternInfo>& default_secret_patterns() { return default_patterns(); }
const std::vector<SecretPatternInfo>& extended_secret_patterns() { return extended_patterns(); }

std::vector<SecretFinding> scan_secrets(std::string_view text) {
  return scan_secrets(text, SecretScanOptions{});
}

std::vector<SecretFinding> scan_secrets(std::string_view text, const SecretScanOptions& options,
                                        SecretScanStats* stats) {
  const CompiledSet& set = compiled();
  std::string storage;
  const std::string_view subject = utf8::repaired(text, storage);
  SecretScanStats local;
  Matcher matcher;
  std::vector<SecretFinding> out;
  scan_with(default_patterns(), set.base, subject, matcher, local, out);
  if (options.extended) scan_with(extended_patterns(), set.extended, subject, matcher, local, out);
  if (!options.custom.empty()) {
    std::vector<std::unique_ptr<CompiledPattern>> custom;
    for (const auto& p : options.custom) {
      custom.push_back(std::make_unique<CompiledPattern>(p.regex, p.ignore_case, p.verbose));
    }
    scan_with(options.custom, custom, subject, matcher, local, out);
  }
  if (stats != nullptr) *stats = local;
  return out;
}

}  // namespace inv::detectors
