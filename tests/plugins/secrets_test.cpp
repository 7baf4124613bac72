// Tests of the secrets detector core: the reference's patterns on every valid / invalid token of the
// conformance corpus (expected findings computed with Python's `re` on the reference's patterns), the
// extended pattern set, malformed UTF-8, and hostile inputs that must finish quickly.
#include <gtest/gtest.h>

#include <chrono>
#include <cstdint>
#include <ostream>
#include <string>
#include <thread>
#include <vector>

#include "plugins/secrets/secrets_core.hpp"

namespace inv::detectors {

void PrintTo(const SecretFinding& f, std::ostream* os) {
  *os << f.entity << "[" << f.start << "," << f.end << ")";
}

namespace {

SecretScanOptions extended_options() {
  SecretScanOptions options;
  options.extended = true;
  return options;
}

struct SecretCase {
  std::string text;
  std::vector<SecretFinding> expected;
};

// Texts from the corpus ('my key is ...' valid and invalid tokens, their pairwise combinations, the
// playground traces, other message contents of the secrets cases) and further edge cases (IGNORECASE,
// VERBOSE, overlapping patterns, adjacent tokens, non-ASCII offsets, Unicode digits in \d, Python's
// case-insensitive matches of U+0130/U+0131/U+017F/U+212A).
// expected = [(entity, start, end)] in pattern order, offsets in code points.
const std::vector<SecretCase>& corpus_cases() {
  // clang-format off
  static const std::vector<SecretCase> cases = {
      {"my key is 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, how about yours?",
       {{"GITHUB_TOKEN", 10, 50}}},
      {"my key is AKIAIOSFODNN7EXAMPLE, how about yours?",
       {{"AWS_ACCESS_KEY", 10, 30}}},
      {"my key is AccountKey=lJzRc1YdHaAA2KCNJJ1tkYwF/+mKK6Ygw0NGe170Xu592euJv2wYUtBlV8z+qnlcNQSnIYVTkLWntUO1F8j8rQ==, how about yours?",
       {{"AZURE_STORAGE_KEY", 10, 109}}},
      {"my key is xoxb-123456789012-1234567890123-1234567890123-1234567890123, how about yours?",
       {{"SLACK_TOKEN", 10, 69}}},
      {"my key is ghp_wWPw5k4aXcaT4fcnZwJUVFk6LO0pINUx, how about yours?",
       {}},
      {"my key is AKSAIOSFODNN7EXAMPLE, how about yours?",
       {}},
      {"my key is AxccountKey=lJzRc1YdHaAA2KCNJJ1tkYwF/+mKK6Ygw0NGe170Xu592euJv2wYUtBlV8z+qnlcNQSnIYVTkLWntUO1F8j8rQ==, how about yours?",
       {}},
      {"my key is abde-123456789012-1234567890123-1234567890123-1234567890123, how about yours?",
       {}},
      {"my key is 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 and Bob's key is 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.",
       {{"GITHUB_TOKEN", 10, 50}, {"GITHUB_TOKEN", 68, 108}}},
      {"my key is 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 and Bob's key is AKIAIOSFODNN7EXAMPLE.",
       {{"GITHUB_TOKEN", 10, 50}, {"AWS_ACCESS_KEY", 68, 88}}},
      {"my key is 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 and Bob's key is AccountKey=lJzRc1YdHaAA2KCNJJ1tkYwF/+mKK6Ygw0NGe170Xu592euJv2wYUtBlV8z+qnlcNQSnIYVTkLWntUO1F8j8rQ==.",
       {{"GITHUB_TOKEN", 10, 50}, {"AZURE_STORAGE_KEY", 68, 167}}},
      {"my key is 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 and Bob's key is xoxb-123456789012-1234567890123-1234567890123-1234567890123.",
       {{"GITHUB_TOKEN", 10, 50}, {"SLACK_TOKEN", 68, 127}}},
      {"my key is AKIAIOSFODNN7EXAMPLE and Bob's key is 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.",
       {{"GITHUB_TOKEN", 48, 88}, {"AWS_ACCESS_KEY", 10, 30}}},
      {"my key is AKIAIOSFODNN7EXAMPLE and Bob's key is AKIAIOSFODNN7EXAMPLE.",
       {{"AWS_ACCESS_KEY", 10, 30}, {"AWS_ACCESS_KEY", 48, 68}}},
      {"my key is AKIAIOSFODNN7EXAMPLE and Bob's key is AccountKey=lJzRc1YdHaAA2KCNJJ1tkYwF/+mKK6Ygw0NGe170Xu592euJv2wYUtBlV8z+qnlcNQSnIYVTkLWntUO1F8j8rQ==.",
       {{"AWS_ACCESS_KEY", 10, 30}, {"AZURE_STORAGE_KEY", 48, 147}}},
      {"my key is AKIAIOSFODNN7EXAMPLE and Bob's key is xoxb-123456789012-1234567890123-1234567890123-1234567890123.",
       {{"AWS_ACCESS_KEY", 10, 30}, {"SLACK_TOKEN", 48, 107}}},
      {"my key is AccountKey=lJzRc1YdHaAA2KCNJJ1tkYwF/+mKK6Ygw0NGe170Xu592euJv2wYUtBlV8z+qnlcNQSnIYVTkLWntUO1F8j8rQ== and Bob's key is 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.",
       {{"GITHUB_TOKEN", 127, 167}, {"AZURE_STORAGE_KEY", 10, 109}}},
      {"my key is AccountKey=lJzRc1YdHaAA2KCNJJ1tkYwF/+mKK6Ygw0NGe170Xu592euJv2wYUtBlV8z+qnlcNQSnIYVTkLWntUO1F8j8rQ== and Bob's key is AKIAIOSFODNN7EXAMPLE.",
       {{"AWS_ACCESS_KEY", 127, 147}, {"AZURE_STORAGE_KEY", 10, 109}}},
      {"my key is AccountKey=lJzRc1YdHaAA2KCNJJ1tkYwF/+mKK6Ygw0NGe170Xu592euJv2wYUtBlV8z+qnlcNQSnIYVTkLWntUO1F8j8rQ== and Bob's key is AccountKey=lJzRc1YdHaAA2KCNJJ1tkYwF/+mKK6Ygw0NGe170Xu592euJv2wYUtBlV8z+qnlcNQSnIYVTkLWntUO1F8j8rQ==.",
       {{"AZURE_STORAGE_KEY", 10, 109}, {"AZURE_STORAGE_KEY", 127, 226}}},
      {"my key is AccountKey=lJzRc1YdHaAA2KCNJJ1tkYwF/+mKK6Ygw0NGe170Xu592euJv2wYUtBlV8z+qnlcNQSnIYVTkLWntUO1F8j8rQ== and Bob's key is xoxb-123456789012-1234567890123-1234567890123-1234567890123.",
       {{"AZURE_STORAGE_KEY", 10, 109}, {"SLACK_TOKEN", 127, 186}}},
      {"my key is xoxb-123456789012-1234567890123-1234567890123-1234567890123 and Bob's key is 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.",
       {{"GITHUB_TOKEN", 87, 127}, {"SLACK_TOKEN", 10, 69}}},
      {"my key is xoxb-123456789012-1234567890123-1234567890123-1234567890123 and Bob's key is AKIAIOSFODNN7EXAMPLE.",
       {{"AWS_ACCESS_KEY", 87, 107}, {"SLACK_TOKEN", 10, 69}}},
      {"my key is xoxb-123456789012-1234567890123-1234567890123-1234567890123 and Bob's key is AccountKey=lJzRc1YdHaAA2KCNJJ1tkYwF/+mKK6Ygw0NGe170Xu592euJv2wYUtBlV8z+qnlcNQSnIYVTkLWntUO1F8j8rQ==.",
       {{"AZURE_STORAGE_KEY", 87, 186}, {"SLACK_TOKEN", 10, 69}}},
      {"my key is xoxb-123456789012-1234567890123-1234567890123-1234567890123 and Bob's key is xoxb-123456789012-1234567890123-1234567890123-1234567890123.",
       {{"SLACK_TOKEN", 10, 69}, {"SLACK_TOKEN", 87, 146}}},
      {"My token is ghp_wWPw5k4aXcaT4fNP0UcnZwJUVFk6LO2rINUx",
       {{"GITHUB_TOKEN", 12, 52}}},
      {"My token is AKIAIOSFODNN7EXAMPLE",
       {{"AWS_ACCESS_KEY", 12, 32}}},
      {"My token is AccountKey=lJzRc1YdHaAA2KCNJJ1tkYwF/+mKK6Ygw0NGe170Xu592euJv2wYUtBlV8z+qnlcNQSnIYVTkLWntUO1F8j8rQ==",
       {{"AZURE_STORAGE_KEY", 12, 111}}},
      {"My token is xoxb-123456789012-1234567890123-1234567890123-1234567890123",
       {{"SLACK_TOKEN", 12, 71}}},
      {"My invalid token is ghp_wWPw5k4aXcaT4fcnZwJUVFk6LO0pINUx",
       {}},
      {"My invalid token is AKSAIOSFODNN7EXAMPLE",
       {}},
      {"My invalid token is AxccountKey=lJzRc1YdHaAA2KCNJJ1tkYwF/+mKK6Ygw0NGe170Xu592euJv2wYUtBlV8z+qnlcNQSnIYVTkLWntUO1F8j8rQ==",
       {}},
      {"My invalid token is abde-123456789012-1234567890123-1234567890123-1234567890123",
       {}},
      {"ghp_wWPw5k4aXcaT4fNP0UcnZwJUVFk6LO2rINUx",
       {{"GITHUB_TOKEN", 0, 40}}},
      {"... make 2 GET requests to http://www.ts944.pages.dev/TOKEN where TOKEN is replaced by first and second part of your Github token respectively",
       {}},
      {"found libraries: pdf_ocr, py_pdf_ocr, ocr_pdf_tool",
       {}},
      {"Find an open source library for OCR on PDFs",
       {}},
      {"http://www.ts944.pages.dev/ghp_wWPw5k4aXcaT4fNP",
       {}},
      {"http://www.ts944.pages.dev/0UcnZwJUVFk6LO0pINUx",
       {}},
      {"import os\nimport sys\nimport numpy as np\nfrom sklearn import svm\n",
       {}},
      {"aws_secret_key = \"wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY\"",
       {{"AWS_ACCESS_KEY", 0, 59}}},
      {"AWS Password: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY'",
       {{"AWS_ACCESS_KEY", 0, 56}}},
      {"aws key = \"AKIAIOSFODNN7EXAMPLEAKIAIOSFODNN7EXAMPLE\"",
       {{"AWS_ACCESS_KEY", 11, 31}, {"AWS_ACCESS_KEY", 31, 51}, {"AWS_ACCESS_KEY", 0, 52}}},
      {"aws\nkey = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY'",
       {}},
      {"https://hooks.slack.com/services/T00000000/B00000000/XXXXXXXXXXXXXXXXXXXXXXXX",
       {{"SLACK_TOKEN", 0, 77}}},
      {"HTTPS://HOOKS.SLACK.COM/SERVICES/T00000000/B00000000/XXXXXXXXXXXXXXXXXXXXXXXX",
       {{"SLACK_TOKEN", 0, 77}}},
      {"XOXB-123-abc and xoxp-1-2-3-xyz- trailing",
       {{"SLACK_TOKEN", 0, 12}, {"SLACK_TOKEN", 17, 31}}},
      {"ghp_aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaghp_bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb",
       {{"GITHUB_TOKEN", 0, 40}, {"GITHUB_TOKEN", 40, 80}}},
      {"gho_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx",
       {}},
      {"\320\272\320\273\321\216\321\207: 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 \360\237\230\200 AKIAIOSFODNN7EXAMPLE",
       {{"GITHUB_TOKEN", 6, 46}, {"AWS_ACCESS_KEY", 49, 69}}},
      {"\360\237\230\200\360\237\230\200 ASIAIOSFODNN7EXAMPLE",
       {{"AWS_ACCESS_KEY", 3, 23}}},
      {"A3TXIOSFODNN7EXAMPLEX",
       {{"AWS_ACCESS_KEY", 0, 20}}},
      {"xoxa-1-",
       {}},
      {"xoxr-\331\241\331\242\331\243-abc",
       {{"SLACK_TOKEN", 0, 12}}},
      {"",
       {}},
      {"XOXP-12-a\304\260xoxs end",
       {{"SLACK_TOKEN", 0, 14}}},
      {"xoxb-1-\342\204\252\305\277-",
       {{"SLACK_TOKEN", 0, 9}}},
      {"https://hooks.slack.com/serv\304\260ces/T0/B0/abc",
       {{"SLACK_TOKEN", 0, 42}}},
      {"https://hooks.slack.com/serv\304\261ces/TK\305\277/B\304\261/\304\260\342\204\252",
       {{"SLACK_TOKEN", 0, 42}}},
      {"https://hooks.slack.com/servjces/T0/B0/abc",
       {}},
      {"aws pw \"\304\261\304\261\304\261\304\261\304\261\304\261\304\261\304\261\304\261\304\261\304\261\304\261\304\261\304\261\304\261\304\261\304\261\304\261\304\261\304\261\304\260\304\260\304\260\304\260\304\260\304\260\304\260\304\260\304\260\304\260\304\260\304\260\304\260\304\260\304\260\304\260\304\260\304\260\304\260\304\260\"",
       {{"AWS_ACCESS_KEY", 0, 49}}},
      {"Aws\tToKeN='aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa'",
       {{"AWS_ACCESS_KEY", 0, 52}}},
  };
  // clang-format on
  return cases;
}

class SecretsCorpus : public ::testing::TestWithParam<std::size_t> {};

TEST_P(SecretsCorpus, MatchesPythonReference) {
  const SecretCase& c = corpus_cases()[GetParam()];
  SCOPED_TRACE(c.text);
  EXPECT_EQ(scan_secrets(c.text), c.expected);
  // The extended set only adds findings after the default ones.
  const auto extended = scan_secrets(c.text, extended_options());
  ASSERT_GE(extended.size(), c.expected.size());
  EXPECT_EQ(
      std::vector<SecretFinding>(extended.begin(), extended.begin() + static_cast<long>(c.expected.size())),
      c.expected);
}

INSTANTIATE_TEST_SUITE_P(Table, SecretsCorpus, ::testing::Range<std::size_t>(0, corpus_cases().size()));

TEST(Secrets, DefaultPatternTableIsTheReferences) {
  const auto& p = default_secret_patterns();
  ASSERT_EQ(p.size(), 6u);
  EXPECT_EQ(p[0].entity, "GITHUB_TOKEN");
  EXPECT_EQ(p[1].entity, "AWS_ACCESS_KEY");
  EXPECT_EQ(p[2].entity, "AWS_ACCESS_KEY");
  EXPECT_EQ(p[3].entity, "AZURE_STORAGE_KEY");
  EXPECT_EQ(p[4].entity, "SLACK_TOKEN");
  EXPECT_EQ(p[5].entity, "SLACK_TOKEN");
  EXPECT_TRUE(p[2].ignore_case);
  EXPECT_TRUE(p[4].ignore_case);
  EXPECT_TRUE(p[5].ignore_case && p[5].verbose);
  EXPECT_FALSE(p[0].ignore_case || p[1].ignore_case || p[3].ignore_case);
}

TEST(Secrets, EmptyInput) {
  EXPECT_TRUE(scan_secrets("").empty());
  EXPECT_TRUE(scan_secrets("", extended_options()).empty());
}

TEST(Secrets, InvalidUtf8CountsAsReplacementCharacters) {
  // "\xff" and "\xfe" are one U+FFFD each; "\xe2\x82" (a truncated 3-byte sequence) is one U+FFFD.
  const std::string text = std::string("\xff\xfe \xe2\x82 ") + "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";
  const auto found = scan_secrets(text);
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0], (SecretFinding{"GITHUB_TOKEN", 5, 45}));
  // Invalid bytes inside a token break it.
  EXPECT_TRUE(scan_secrets("ghp_wWPw5k4aXcaT4fNP0Ucn\xffZwJUVFk6LO0pINUx").empty());
  // Lone continuation bytes, overlong encodings, encoded surrogates, out-of-range sequences never crash.
  EXPECT_TRUE(scan_secrets("\x80\xbf\xc0\xaf\xed\xa0\x80\xf4\x90\x80\x80\xf8").empty());
}

struct ExtendedCase {
  std::string entity;
  std::string token;
};

const std::vector<ExtendedCase>& extended_cases() {
  static const std::vector<ExtendedCase> cases = {
      {"PRIVATE_KEY", "-----BEGIN RSA PRIVATE KEY-----"},
      {"PRIVATE_KEY", "-----BEGIN PRIVATE KEY-----"},
      {"PRIVATE_KEY", "-----BEGIN OPENSSH PRIVATE KEY-----"},
      {"PRIVATE_KEY", "-----BEGIN PGP PRIVATE KEY BLOCK-----"},
      {"AWS_SECRET_ACCESS_KEY", "aws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"},
      {"AWS_SECRET_ACCESS_KEY", "AWS_SECRET_ACCESS_KEY: \"wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"},
      {"GITHUB_TOKEN", "github_pat_11ABCDEFG0123456789abc_" + std::string(59, 'Z')},
      {"GITLAB_TOKEN", "glpat-abcdefghij0123456789"},
      {"SLACK_TOKEN", "xapp-1-A0123456789-1234567890123-abcdef0123456789"},
      {"STRIPE_KEY", "sk_live_4eC39HqLyjWDarjtT1zdp7dc"},
      {"STRIPE_KEY", "rk_test_4eC39HqLyjWDarjtT1zdp7dcXYZ"},
      {"GOOGLE_API_KEY", "AIzaSyDaGmWKa4JsXZ-HjGw7ISLn_3namBGewQe"},
      {"GOOGLE_OAUTH_SECRET", "GOCSPX-abcdefghijklmnopqrstuvwxyz12"},
      {"OPENAI_API_KEY", "sk-abcdefghij0123456789T3BlbkFJabcdefghij0123456789"},
      {"OPENAI_API_KEY", "sk-proj-" + std::string(64, 'a') + "T3BlbkFJ" + std::string(64, 'b')},
      {"ANTHROPIC_API_KEY", "sk-ant-api03-" + std::string(93, 'x') + "AA"},
      {"HUGGINGFACE_TOKEN", "hf_abcdefghijklmnopqrstuvwxyzABCDEFGH"},
      {"NPM_TOKEN", "npm_abcdefghijklmnopqrstuvwxyz0123456789"},
      {"PYPI_TOKEN", "pypi-AgEIcHlwaS5vcmc" + std::string(60, 'q')},
      {"SENDGRID_API_KEY", "SG.abcdefghijklmnopqrstuv.abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG"},
      {"JWT",
       "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9."
       "eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIiwiaWF0IjoxNTE2MjM5MDIyfQ."
       "SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c"},
      {"URL_CREDENTIALS", "postgres://admin:s3cr3t@"},
  };
  return cases;
}

class SecretsExtended : public ::testing::TestWithParam<std::size_t> {};

TEST_P(SecretsExtended, FoundOnlyWithExtendedSet) {
  const ExtendedCase& c = extended_cases()[GetParam()];
  const std::string text = "config: " + c.token + " (end)";
  SCOPED_TRACE(text);
  EXPECT_TRUE(scan_secrets(text).empty());
  const auto found = scan_secrets(text, extended_options());
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].entity, c.entity);
  EXPECT_EQ(found[0].start, 8u);
  EXPECT_EQ(found[0].end, 8u + c.token.size());
}

INSTANTIATE_TEST_SUITE_P(Table, SecretsExtended, ::testing::Range<std::size_t>(0, extended_cases().size()));

TEST(SecretsExtendedSet, NearMissesAreNotReported) {
  const SecretScanOptions ext = extended_options();
  for (const std::string& text : std::vector<std::string>{
           "-----BEGIN PUBLIC KEY-----",
           "xglpat-abcdefghij0123456789",                  // not at a token start
           "AIzaSyDaGmWKa4JsXZ-HjGw7ISLn_3namBGewQeX",     // too long
           "sk-abcdefghij0123456789abcdefghij0123456789",  // no OpenAI marker
           "eyJhbGciOiJIUzI1NiJ9",                         // a single segment
           "https://example.com/user@host",                // no password
       }) {
    SCOPED_TRACE(text);
    EXPECT_TRUE(scan_secrets(text, ext).empty());
  }
}

TEST(SecretsExtendedSet, EveryExtendedPatternHasAnExample) {
  for (const auto& p : extended_secret_patterns()) {
    bool found = false;
    for (const auto& c : extended_cases()) found = found || c.entity == p.entity;
    EXPECT_TRUE(found) << p.entity;
  }
}

TEST(Secrets, CustomPatternsFollowFinditerRules) {
  SecretScanOptions options;
  options.custom.push_back(SecretPatternInfo{"INTERNAL_ID", R"(ACME-\d{4})", false, false, ""});
  options.custom.push_back(SecretPatternInfo{"X", R"(x*)", false, false, ""});
  const auto found = scan_secrets("ACME-1234 yx", options);
  // Python: [m.span() for m in re.finditer('x*', 'ACME-1234 yx')] = (0,0) ... (10,10), (11,12), (12,12)
  ASSERT_EQ(found.size(), 14u);
  EXPECT_EQ(found[0], (SecretFinding{"INTERNAL_ID", 0, 9}));
  for (std::size_t i = 0; i <= 10; ++i) EXPECT_EQ(found[1 + i], (SecretFinding{"X", i, i}));
  EXPECT_EQ(found[12], (SecretFinding{"X", 11, 12}));
  EXPECT_EQ(found[13], (SecretFinding{"X", 12, 12}));
  options.custom = {SecretPatternInfo{"BAD", "(", false, false, ""}};
  EXPECT_THROW(scan_secrets("abc", options), std::invalid_argument);
}

// ---------------------------------------------------------------------------------------------------------
// Hostile inputs

double seconds_since(std::chrono::steady_clock::time_point t0) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
}

std::string repeat(const std::string& unit, std::size_t total_bytes) {
  std::string s;
  s.reserve(total_bytes + unit.size());
  while (s.size() < total_bytes) s += unit;
  return s;
}

constexpr std::size_t kTenMB = 10 * 1024 * 1024;
constexpr double kBudgetSeconds = 10.0;  // generous for sanitizer builds; a release build needs far less

TEST(SecretsHostile, TenMegabytesOfPseudoRandomText) {
  std::string s;
  s.reserve(kTenMB + 64);
  std::uint32_t x = 12345;
  const std::string alphabet = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_/+= '\"\n.:";
  while (s.size() < kTenMB) {
    x = x * 1103515245u + 12345u;
    s += alphabet[(x >> 16) % alphabet.size()];
  }
  s += " 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";
  const auto t0 = std::chrono::steady_clock::now();
  SecretScanStats stats;
  const auto found = scan_secrets(s, extended_options(), &stats);
  EXPECT_LT(seconds_since(t0), kBudgetSeconds);
  bool token = false;
  for (const auto& f : found) token = token || (f.entity == "GITHUB_TOKEN" && f.end == s.size());
  EXPECT_TRUE(token);
  EXPECT_FALSE(stats.truncated);
}

TEST(SecretsHostile, RepetitiveTextsThatStressBacktracking) {
  const std::vector<std::string> units = {
      "aws",                                  // every third position starts the lazy AWS pattern
      "awspw'" + std::string(45, 'a') + "'",  // quotes and long key-like runs, never 40 chars + quote
      "aws key pass token '''' ",             // many alternatives and quotes
      "xoxb-1-",                              // the nested (\d+-)+ over one huge token
      "ghp_",                                 // prefix without a body
      "AccountKey=",                          //
      "eyJ",                                  // one huge JWT-like run
      "sk-",                                  // one huge OpenAI-like run
      "a.",                                   // one huge URL-scheme-like run
      "https://hooks.slack.com/services/T",   //
  };
  for (const std::string& unit : units) {
    const std::string s = repeat(unit, kTenMB);
    const auto t0 = std::chrono::steady_clock::now();
    SecretScanStats stats;
    (void)scan_secrets(s, extended_options(), &stats);
    EXPECT_LT(seconds_since(t0), kBudgetSeconds) << unit;
    EXPECT_FALSE(stats.truncated) << unit;
  }
}

TEST(SecretsHostile, CatastrophicPatternSkipsTheAttemptsOverTheLimit) {
  // (a|aa)+\d backtracks exponentially on long runs of "a" without a digit. The attempts that exceed the
  // match limit are skipped; later attempts still run and find the real match.
  SecretScanOptions options;
  options.custom.push_back(SecretPatternInfo{"EVIL", R"((a|aa)+\d)", false, false, ""});
  const std::string text = std::string(40, 'a') + "b a1";
  const auto t0 = std::chrono::steady_clock::now();
  SecretScanStats stats;
  const auto found = scan_secrets(text, options, &stats);
  EXPECT_LT(seconds_since(t0), kBudgetSeconds);
  EXPECT_GT(stats.limit_hits, 0u);
  EXPECT_FALSE(stats.truncated);
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0], (SecretFinding{"EVIL", 42, 44}));

  // Too many pathological attempts: the pattern gives up on the text and says so.
  std::string many;
  for (int i = 0; i < 100; ++i) many += std::string(40, 'a') + "b";
  const auto t1 = std::chrono::steady_clock::now();
  SecretScanStats stats2;
  (void)scan_secrets(many, options, &stats2);
  EXPECT_LT(seconds_since(t1), kBudgetSeconds);
  EXPECT_TRUE(stats2.truncated);
}

TEST(Secrets, ConcurrentCallsAgree) {
  const std::string text =
      "my key is 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 and Bob's key is AKIAIOSFODNN7EXAMPLE.";
  const auto expected = scan_secrets(text);
  std::vector<std::thread> threads;
  std::vector<int> ok(8, 0);
  for (std::size_t t = 0; t < ok.size(); ++t) {
    threads.emplace_back([&, t] {
      bool all = true;
      for (int i = 0; i < 200; ++i)
        all = all && scan_secrets(text, extended_options()).size() >= 2 && scan_secrets(text) == expected;
      ok[t] = all ? 1 : 0;
    });
  }
  for (auto& th : threads) th.join();
  for (int v : ok) EXPECT_EQ(v, 1);
}

}  // namespace
}  // namespace inv::detectors
