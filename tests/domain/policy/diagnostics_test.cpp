// textwrap.dedent and the PolicyLoadingError report of TRACE_AND_RESULTS.md §6.3, byte for byte.
#include <gtest/gtest.h>

#include "domain/policy/diagnostics.hpp"
#include "domain/policy/parser.hpp"

namespace inv::policy {
namespace {

struct DedentCase {
  const char* in;
  const char* out;
};

class PolicyDedent : public ::testing::TestWithParam<DedentCase> {};

// Expected values are Python's textwrap.dedent results.
TEST_P(PolicyDedent, MatchesPython) { EXPECT_EQ(dedent(GetParam().in), GetParam().out); }

INSTANTIATE_TEST_SUITE_P(
    Table, PolicyDedent,
    ::testing::Values(DedentCase{"  a\n    b\n", "a\n  b\n"}, DedentCase{"\ta\n\t\tb", "a\n\tb"},
                      DedentCase{"  a\n\tb", "  a\n\tb"}, DedentCase{"   \n  a\n", "\na\n"},
                      DedentCase{"  a\n \n  b", "a\n\nb"}, DedentCase{"", ""}, DedentCase{"a", "a"},
                      DedentCase{"    x\n  y", "  x\ny"}, DedentCase{"  a  \n  b", "a  \nb"},
                      DedentCase{" \t a\n \t  b\n", "a\n b\n"}, DedentCase{"  a\r\n  b\r\n", "a\r\nb\r\n"},
                      DedentCase{"\n        x := 1\n        y := 2\n    ", "\nx := 1\ny := 2\n"}));

TEST(RenderPolicyErrors, MatchesTheSpecExampleByteForByte) {
  // TRACE_AND_RESULTS.md §6.3
  const std::string source = "raise \"x\" if:\n    (m: Message)\n    foo(m)\n";
  const std::vector<Diagnostic> errors = {
      Diagnostic{DiagnosticKind::Scope, SourcePos{2, 5}, "Failed to resolve identifier foo"}};
  EXPECT_EQ(render_policy_errors(source, errors),
            "Failed to create policy from policy source. The following errors were found:\n\n  1  | raise \"x\" "
            "if:\n  2  |     (m: Message)\n  3* |     foo(m)\n     |     ^\n     | Failed to resolve identifier "
            "foo\n  4  | \n\n\n");
}

TEST(RenderPolicyErrors, SeveralErrorsWindowsAndAlignment) {
  std::string source;
  for (int i = 1; i <= 12; ++i) source += "line" + std::to_string(i) + "\n";
  const std::vector<Diagnostic> errors = {
      Diagnostic{DiagnosticKind::Syntax, SourcePos{0, 1}, "first"},
      Diagnostic{DiagnosticKind::Type, SourcePos{10, 3}, "two\nlines"},
  };
  EXPECT_EQ(render_policy_errors(source, errors),
            "Failed to create policy from policy source. The following errors were found:\n"
            "\n"
            "  1* | line1\n"
            "     | ^\n"
            "     | first\n"
            "  2  | line2\n"
            "  3  | line3\n"
            "  4  | line4\n"
            "\n"
            "\n"
            "\n"
            "  8  | line8\n"
            "  9  | line9\n"
            " 10  | line10\n"
            " 11* | line11\n"
            "     |   ^\n"
            "     | two\n"
            "lines\n"
            " 12  | line12\n"
            " 13  | \n"
            "\n"
            "\n");
}

TEST(RenderPolicyErrors, NoErrorsGivesTheHeaderOnly) {
  EXPECT_EQ(render_policy_errors("x", {}),
            "Failed to create policy from policy source. The following errors were found:\n");
}

TEST(RenderPolicyErrors, ParserErrorRendersOverTheDedentedSource) {
  const std::string policy = "\n        raise \"x\" if:\n            (m: Message)\n            m.role == )\n        ";
  ParseOutcome out = parse_policy(policy);
  ASSERT_EQ(out.errors.size(), 1u);
  EXPECT_EQ(out.errors[0].kind, DiagnosticKind::Syntax);
  EXPECT_EQ(out.errors[0].pos.line, 3);
  EXPECT_EQ(out.errors[0].pos.column, 15);
  EXPECT_EQ(render_policy_errors(dedent(policy), out.errors),
            "Failed to create policy from policy source. The following errors were found:\n"
            "\n"
            "  1  | \n"
            "  2  | raise \"x\" if:\n"
            "  3  |     (m: Message)\n"
            "  4* |     m.role == )\n"
            "     |               ^\n"
            "     | Unexpected token ')' at line 4, column 15. Expected one of: identifier, number, string, value "
            "reference, '(', '[', '{', 'not', '-', '+', 'tool:', '*'\n"
            "  5  | \n"
            "\n"
            "\n");
}

}  // namespace
}  // namespace inv::policy
