// Syntax errors: the first error only, its position in the dedented source and its message (the
// unexpected token and what was expected, in a fixed order), and the limits.
#include <gtest/gtest.h>

#include <string>

#include "domain/policy/diagnostics.hpp"
#include "domain/policy/parser.hpp"

namespace inv::policy {
namespace {

constexpr const char* kOperand =
    "identifier, number, string, value reference, '(', '[', '{', 'not', '-', '+', 'tool:', '*'";

struct ErrorCase {
  const char* name;
  const char* source;
  int line;    // 0-based
  int column;  // 1-based
  std::string message;
};

void PrintTo(const ErrorCase& c, std::ostream* os) { *os << c.name; }

class PolicySyntaxErrors : public ::testing::TestWithParam<ErrorCase> {};

TEST_P(PolicySyntaxErrors, PositionAndMessage) {
  const ErrorCase& c = GetParam();
  ParseOutcome out = parse_policy(c.source);
  EXPECT_EQ(out.module, nullptr);
  ASSERT_EQ(out.errors.size(), 1u) << c.source;
  const Diagnostic& d = out.errors[0];
  EXPECT_EQ(d.kind, DiagnosticKind::Syntax);
  EXPECT_EQ(d.pos.line, c.line) << d.message;
  EXPECT_EQ(d.pos.column, c.column) << d.message;
  EXPECT_EQ(d.message, c.message);
}

INSTANTIATE_TEST_SUITE_P(
    Table, PolicySyntaxErrors,
    ::testing::Values(
        ErrorCase{"comment_after_opener", "raise \"x\" if:  # comment\n    a\n", 0, 16,
                  "Unexpected comment at line 1, column 16: a line that opens a block with ':' must end with it."},
        ErrorCase{"comment_after_walrus_opener", "x := # c\n    1\n", 0, 6,
                  "Unexpected comment at line 1, column 6: a line that opens a block with ':=' must end with it."},
        ErrorCase{"missing_colon", "raise \"x\" if\n    a\n", 0, 13,
                  "Unexpected end of line at line 1, column 13. Expected ':'"},
        ErrorCase{"missing_if", "raise \"x\":\n    a\n", 0, 10, "Unexpected token ':' at line 1, column 10. Expected one of: '(', '[', '.', 'if'"},
        ErrorCase{"bad_raise_head", "raise x.y if:\n    a\n", 0, 7,
                  "The head of a rule at line 1, column 7 must be a string, an identifier or a call (raise \"message\" if:)."},
        ErrorCase{"raise_without_head", "raise\n", 0, 6, "Unexpected end of input at line 1, column 6. Expected one of: identifier, string"},
        ErrorCase{"text_after_opener", "raise \"x\" if: a\n", 0, 15, "Unexpected token 'a' at line 1, column 15. Expected end of line"},
        ErrorCase{"no_block", "raise \"x\" if:\na\n", 1, 1, "Expected an indented block at line 2, column 1 (after line 1)."},
        ErrorCase{"no_block_at_end", "raise \"x\" if:\n", 0, 14,
                  "Unexpected end of input at line 1, column 14. Expected an indented block"},
        ErrorCase{"two_tokens", "raise \"x\" if:\n    a b\n", 1, 7,
                  "Unexpected token 'b' at line 2, column 7. Expected one of: '(', '[', '.', binary operator, 'if', ':', end of line"},
        ErrorCase{"unexpected_paren", "raise \"r\" if:\n    m.role == )\n", 1, 15,
                  std::string("Unexpected token ')' at line 2, column 15. Expected one of: ") + kOperand},
        ErrorCase{"eof_in_brackets", "x := (1 +", 0, 10,
                  std::string("Unexpected end of input at line 1, column 10. Expected one of: ") + kOperand},
        ErrorCase{"eol_after_operator_then_dedent", "raise \"r\" if:\n    a ==\nb := 1\n", 1, 9,
                  std::string("Unexpected end of line at line 2, column 9. Expected one of: ") + kOperand},
        ErrorCase{"unclosed_call", "x := f(a\ny := 2\n", 1, 1,
                  "Unexpected token 'y' at line 2, column 1. Expected one of: '(', '[', '.', binary operator, 'if', ',', ')'"},
        ErrorCase{"trailing_comma", "x := [1, 2,]", 0, 12, std::string("Unexpected token ']' at line 1, column 12. Expected one of: ") + kOperand},
        ErrorCase{"tuple", "x := (a, b)", 0, 8,
                  "Unexpected token ',' at line 1, column 8. Expected one of: '(', '[', '.', binary operator, 'if', ')'"},
        ErrorCase{"positional_after_keyword", "x := f(a=1, 2)", 0, 13, "Positional argument at line 1, column 13 follows a keyword argument."},
        ErrorCase{"ternary_without_else", "x := a if b", 0, 12, "Unexpected end of input at line 1, column 12. Expected one of: '(', '[', '.', binary operator, 'else'"},
        ErrorCase{"not_without_in", "x := a not b", 0, 8,
                  "Unexpected token 'not' at line 1, column 8. Expected one of: '(', '[', '.', binary operator, 'if', end of line"},
        ErrorCase{"statement_start", "123\n", 0, 1,
                  "Unexpected token '123' at line 1, column 1. Expected one of: identifier, 'raise', 'def', 'from', 'import'"},
        ErrorCase{"declaration_without_walrus", "foo bar", 0, 5, "Unexpected token 'bar' at line 1, column 5. Expected one of: '(', ':='"},
        ErrorCase{"bad_parameter", "f(x) := 1", 0, 4, "Unexpected token ')' at line 1, column 4. Expected ':'"},
        ErrorCase{"from_without_import", "from a b", 0, 8, "Unexpected token 'b' at line 1, column 8. Expected one of: 'import', '.'"},
        ErrorCase{"dotted_from_spec", "from a import b.c", 0, 15, "Cannot import the dotted name 'b.c' at line 1, column 15 without 'as'."},
        ErrorCase{"bad_dict_key", "x := {1: 2}", 0, 7, "Unexpected token '1' at line 1, column 7. Expected one of: identifier, string"},
        ErrorCase{"bad_quantifier_head", "raise \"r\" if:\n    a + b:\n        c\n", 1, 10,
                  "Unexpected token ':' at line 2, column 10. Only a quantifier (a name or a call such as 'forall' or "
                  "'count(min=1)', optionally preceded by 'not') may open a block in a rule body."},
        ErrorCase{"inconsistent_dedent", "raise \"x\" if:\n        a\n    b\n", 2, 5,
                  "Inconsistent dedent at line 3, column 5: the line is indented less than its block but more than the "
                  "line that opened it."},
        ErrorCase{"inconsistent_dedent_nested", "raise \"x\" if:\n    forall:\n        a\n      b\n", 3, 7,
                  "Inconsistent dedent at line 4, column 7: the line is indented less than its block but more than the "
                  "line that opened it."},
        ErrorCase{"dedent_inside_brackets", "raise \"x\" if:\n    call is tool:x({\n}) \n", 2, 1,
                  "Inconsistent dedent at line 3, column 1: a line inside brackets is indented less than the block it "
                  "belongs to."},
        ErrorCase{"unterminated_string", "x := \"abc\n", 0, 6, "Unterminated string starting at line 1, column 6."},
        ErrorCase{"unterminated_triple", "x := '''abc\n\n", 0, 6, "Unterminated triple-quoted string starting at line 1, column 6."},
        ErrorCase{"unexpected_character", "x := a $ b", 0, 8, "Unexpected character '$' at line 1, column 8."},
        ErrorCase{"floor_division", "x := a // b", 0, 9, std::string("Unexpected token '/' at line 1, column 9. Expected one of: ") + kOperand},
        ErrorCase{"first_error_wins", "x := )\ny := \"abc\n", 0, 6, std::string("Unexpected token ')' at line 1, column 6. Expected one of: ") + kOperand},
        ErrorCase{"lexer_error_first", "x := \"abc\ny := )\n", 0, 6, "Unterminated string starting at line 1, column 6."},
        ErrorCase{"position_in_dedented_source", "\n        raise \"x\" if:\n            a b\n        ", 2, 7,
                  "Unexpected token 'b' at line 3, column 7. Expected one of: '(', '[', '.', binary operator, 'if', ':', end of line"},
        ErrorCase{"long_token_is_shortened", "x := a \"0123456789012345678901234567890123456789xyz\"", 0, 8,
                  "Unexpected token '\"012345678901234567890123456789012345678...' at line 1, column 8. Expected one "
                  "of: '(', '[', '.', binary operator, 'if', end of line"}));

TEST(PolicySyntaxErrorLimits, HundredThousandOpenParenthesesDoNotOverflowTheStack) {
  const std::string deep = "x := " + std::string(100000, '(');
  ParseOutcome out = parse_policy(deep);
  ASSERT_EQ(out.errors.size(), 1u);
  EXPECT_EQ(out.errors[0].kind, DiagnosticKind::Syntax);
  EXPECT_EQ(out.errors[0].pos.line, 0);
  EXPECT_EQ(out.errors[0].pos.column, 206);  // the 201st '('
  EXPECT_EQ(out.errors[0].message,
            "Nesting too deep at line 1, column 206: brackets and operators may be nested at most 200 levels deep.");

  ExprPtr e;
  out = parse_expression(std::string(100000, '(') + "a" + std::string(100000, ')'), e);
  ASSERT_EQ(out.errors.size(), 1u);
  EXPECT_EQ(e, nullptr);
}

TEST(PolicySyntaxErrorLimits, EveryKindOfNestingIsBounded) {
  const std::string many[] = {
      "x := " + std::string(100000, '['),
      "x := " + std::string(100000, '-') + "1",
      [] { std::string s = "x := "; for (int i = 0; i < 50000; ++i) s += "not "; return s + "a"; }(),
      [] { std::string s = "x := a"; for (int i = 0; i < 50000; ++i) s += " ** a"; return s; }(),
      [] { std::string s = "x := "; for (int i = 0; i < 50000; ++i) s += "{a: "; return s; }(),
      [] { std::string s = "x := "; for (int i = 0; i < 50000; ++i) s += "f("; return s; }(),
      [] { std::string s = "x := a"; for (int i = 0; i < 50000; ++i) s += "[a"; return s; }(),
      [] { std::string s = "x := a"; for (int i = 0; i < 50000; ++i) s += " if a else a"; return s; }(),
      [] { std::string s = "x := "; for (int i = 0; i < 50000; ++i) s += "y := "; return s + "1"; }(),
      [] { std::string s = "x := a"; for (int i = 0; i < 50000; ++i) s += " + a"; return s; }(),   // tree height
      [] { std::string s = "x := a"; for (int i = 0; i < 50000; ++i) s += " < a"; return s; }(),   // chain height
      [] { std::string s = "x := a"; for (int i = 0; i < 50000; ++i) s += ".b"; return s; }(),
      [] {  // nested quantifier blocks
        std::string s = "raise \"r\" if:\n";
        for (int i = 1; i < 400; ++i) s += std::string(static_cast<std::size_t>(i), ' ') + "forall:\n";
        return s + std::string(400, ' ') + "a\n";
      }(),
  };
  for (const std::string& text : many) {
    ParseOutcome out = parse_policy(text);
    ASSERT_EQ(out.errors.size(), 1u) << text.substr(0, 40);
    EXPECT_NE(out.errors[0].message.find("Nesting too deep"), std::string::npos)
        << text.substr(0, 40) << ": " << out.errors[0].message;
  }
}

TEST(PolicySyntaxErrorLimits, CustomNestingLimit) {
  ParseLimits limits;
  limits.max_nesting = 5;
  ExprPtr e;
  EXPECT_TRUE(parse_expression("((((a))))", e, limits).errors.empty());
  EXPECT_FALSE(parse_expression("((((((a))))))", e, limits).errors.empty());
  EXPECT_TRUE(parse_expression("a + b + c + d", e, limits).errors.empty());
  EXPECT_FALSE(parse_expression("a + b + c + d + e + f", e, limits).errors.empty());
  // the default is enough for long but reasonable lines
  std::string alternatives = "x := \"a0\" in s";
  for (int i = 1; i < 150; ++i) alternatives += " or \"a" + std::to_string(i) + "\" in s";
  EXPECT_TRUE(parse_policy(alternatives).errors.empty());
}

TEST(PolicySyntaxErrorLimits, SourceTooLarge) {
  ParseLimits limits;
  limits.max_source_bytes = 10;
  ParseOutcome out = parse_policy("x := 1234567", limits);
  ASSERT_EQ(out.errors.size(), 1u);
  EXPECT_EQ(out.module, nullptr);
  EXPECT_EQ(out.errors[0].kind, DiagnosticKind::Limit);
  EXPECT_EQ(out.errors[0].message, "Policy source too large: 12 bytes (the limit is 10 bytes).");
  EXPECT_TRUE(parse_policy("x := 12345", limits).errors.empty());
  ExprPtr e;
  EXPECT_EQ(parse_expression("12345678901", e, limits).errors.size(), 1u);
}

TEST(PolicySyntaxErrorExpression, TrailingLineAndEmptyInput) {
  ExprPtr e;
  ParseOutcome out = parse_expression("a\nb", e);
  ASSERT_EQ(out.errors.size(), 1u);
  EXPECT_EQ(out.errors[0].message, "Unexpected token 'b' at line 2, column 1. Expected end of input");
  EXPECT_EQ(e, nullptr);
  out = parse_expression("", e);
  ASSERT_EQ(out.errors.size(), 1u);
  EXPECT_EQ(out.errors[0].message, std::string("Unexpected end of input at line 1, column 1. Expected one of: ") + kOperand);
}

}  // namespace
}  // namespace inv::policy
