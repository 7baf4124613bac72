// Tokenizer: token kinds, string and number literals (LANGUAGE.md §3.2, §3.3), positions and the
// per-token line information the parser's line structure relies on.
#include <gtest/gtest.h>

#include <cmath>
#include <cstdint>
#include <cstdio>
#include <string>
#include <vector>

#include "domain/policy/lexer.hpp"

namespace inv::policy::detail {
namespace {

std::string describe(const std::vector<Token>& toks) {
  std::string out;
  for (const Token& t : toks) {
    if (!out.empty()) out += ' ';
    out += tok_name(t.kind);
    switch (t.kind) {
      case Tok::Word: out += ":" + std::string(t.text); break;
      case Tok::Int: out += ":" + std::to_string(t.int_value); break;
      case Tok::Float: {
        char buf[64];
        std::snprintf(buf, sizeof buf, ":%g", t.float_value);
        out += buf;
        break;
      }
      case Tok::String:
      case Tok::ValueRef: out += ":" + t.value; break;
      default: break;
    }
  }
  return out;
}

struct LexCase {
  const char* source;
  const char* tokens;
};

class PolicyLexerTokens : public ::testing::TestWithParam<LexCase> {};

TEST_P(PolicyLexerTokens, Kinds) {
  EXPECT_EQ(describe(tokenize(GetParam().source)), GetParam().tokens) << GetParam().source;
}

INSTANTIATE_TEST_SUITE_P(
    Table, PolicyLexerTokens,
    ::testing::Values(
        LexCase{"a + b", "Word:a Plus Word:b End"},
        LexCase{"x:=1", "Word:x Walrus Int:1 End"},
        LexCase{"x := y", "Word:x Walrus Word:y End"},
        LexCase{"k=v", "Word:k Equals Word:v End"},
        LexCase{"a == b != c <= d >= e < f > g",
                "Word:a EqEq Word:b NotEq Word:c Le Word:d Ge Word:e Lt Word:f Gt Word:g End"},
        LexCase{"a -> b ~> c - d", "Word:a Arrow Word:b TildeArrow Word:c Minus Word:d End"},
        LexCase{"a ** b * c / d % e", "Word:a Pow Word:b Star Word:c Slash Word:d Percent Word:e End"},
        LexCase{"f(x)[0].y", "Word:f LParen Word:x RParen LBracket Int:0 RBracket Dot Word:y End"},
        LexCase{"{k: v, 'a': 1}", "LBrace Word:k Colon Word:v Comma String:a Colon Int:1 RBrace End"},
        LexCase{"tool:send_email", "Word:tool Colon Word:send_email End"},
        LexCase{"a not in b is not c", "Word:a Word:not Word:in Word:b Word:is Word:not Word:c End"},
        LexCase{"contains_only and or if else for", "Word:contains_only Word:and Word:or Word:if Word:else Word:for End"},
        LexCase{"_x1 X_", "Word:_x1 Word:X_ End"},
        // value references only where an operand is expected
        LexCase{"<EMAIL_ADDRESS>", "ValueRef:EMAIL_ADDRESS End"},
        LexCase{"m := <EMAIL_ADDRESS>", "Word:m Walrus ValueRef:EMAIL_ADDRESS End"},
        LexCase{"f(<A>, <B:C>)", "Word:f LParen ValueRef:A Comma ValueRef:B:C RParen End"},
        LexCase{"x in <PERSON>", "Word:x Word:in ValueRef:PERSON End"},
        LexCase{"a <b> c", "Word:a Lt Word:b Gt Word:c End"},
        LexCase{"(a)<b>c", "LParen Word:a RParen Lt Word:b Gt Word:c End"},
        LexCase{"x = <1>", "Word:x Equals Lt Int:1 Gt End"},
        // numbers
        LexCase{"1 1.5 .5 1. 1e3 1E-2 1.5e+3 007", "Int:1 Float:1.5 Float:0.5 Float:1 Float:1000 Float:0.01 Float:1500 Int:7 End"},
        LexCase{"1e", "Int:1 Word:e End"},
        LexCase{"1e+", "Int:1 Word:e Plus End"},
        LexCase{"-1", "Minus Int:1 End"},
        LexCase{"a.b.c", "Word:a Dot Word:b Dot Word:c End"},
        // strings with modifiers
        LexCase{"r'abc' f\"x\" 'it\\'s'", "String:abc String:x String:it's End"},
        LexCase{"rf'x'", "Word:rf String:x End"},
        // comments and whitespace (CR and form feed are blanks)
        LexCase{"a # comment ( ' \" \nb", "Word:a Word:b End"},
        LexCase{"a\r\nb\f", "Word:a Word:b End"},
        LexCase{"", "End"},
        LexCase{"   # only a comment", "End"}));

struct StringCase {
  const char* source;
  const char* value;
};

class PolicyLexerStrings : public ::testing::TestWithParam<StringCase> {};

TEST_P(PolicyLexerStrings, Value) {
  auto toks = tokenize(GetParam().source);
  ASSERT_EQ(toks.size(), 2u) << describe(toks);
  ASSERT_EQ(toks[0].kind, Tok::String) << describe(toks);
  EXPECT_EQ(toks[0].value, GetParam().value) << GetParam().source;
  EXPECT_EQ(toks[1].kind, Tok::End);
}

INSTANTIATE_TEST_SUITE_P(
    Table, PolicyLexerStrings,
    ::testing::Values(
        // LANGUAGE.md §3.2: only \" (in "...") or \' (in '...') is unescaped
        StringCase{R"("hello")", "hello"},
        StringCase{R"("\n")", R"(\n)"},
        StringCase{R"("\\d")", R"(\\d)"},
        StringCase{R"("\d+")", R"(\d+)"},
        StringCase{R"("world\"")", R"(world")"},
        StringCase{R"("world\"d\"e\"")", R"(world"d"e")"},
        StringCase{R"('world\'')", "world'"},
        StringCase{R"('world\'d\'e\'')", "world'd'e'"},
        StringCase{R"("world'")", "world'"},
        StringCase{R"('world"')", R"(world")"},
        StringCase{R"("a\'b")", R"(a\'b)"},
        StringCase{R"('a\"b')", R"(a\"b)"},
        StringCase{R"("a\\")", R"(a\\)"},
        StringCase{R"("\\\"")", R"(\\")"},
        StringCase{R"x(r"^[^@]*@(?!acme\.com)")x", R"x(^[^@]*@(?!acme\.com))x"},
        StringCase{R"(f"{x} y")", "{x} y"},
        StringCase{"\"\"", ""},
        StringCase{"'caf\xC3\xA9'", "caf\xC3\xA9"},
        // triple-quoted: no escape processing, then textwrap.dedent; newlines kept
        StringCase{"\"\"\"\n    abc\n    \"\"\"", "\nabc\n"},
        StringCase{"'''\n  a\n    b\n'''", "\na\n  b\n"},
        StringCase{"r\"\"\"\\d\"\"\"", "\\d"},
        StringCase{"f'''{x}'''", "{x}"},
        StringCase{"\"\"\"a\\nb\"\"\"", "a\\nb"},
        StringCase{"\"\"\"say \"hi\" \"\"ok\"\"\"", "say \"hi\" \"\"ok"},
        StringCase{"\"\"\"a\\\"\"\"\"", "a\\\""},
        StringCase{"''''''", ""}));

TEST(PolicyLexer, PositionsAreZeroBasedLinesAndOneBasedCodePointColumns) {
  auto toks = tokenize("a\n  bb + c\nx := '\xC3\xA9' + y");
  ASSERT_EQ(describe(toks), "Word:a Word:bb Plus Word:c Word:x Walrus String:\xC3\xA9 Plus Word:y End");
  auto at = [&](std::size_t i) { return std::make_pair(toks[i].pos.line, toks[i].pos.column); };
  EXPECT_EQ(at(0), std::make_pair(0, 1));
  EXPECT_EQ(at(1), std::make_pair(1, 3));
  EXPECT_EQ(at(2), std::make_pair(1, 6));
  EXPECT_EQ(at(3), std::make_pair(1, 8));
  EXPECT_EQ(at(6), std::make_pair(2, 6));
  EXPECT_EQ(at(7), std::make_pair(2, 10));  // the é counts as one column
  EXPECT_EQ(at(8), std::make_pair(2, 12));
  EXPECT_EQ(toks[1].end.column, 5);
  // end of input points just after the last token
  EXPECT_EQ(toks.back().pos.line, 2);
  EXPECT_EQ(toks.back().pos.column, 13);
}

TEST(PolicyLexer, LineStructureFlags) {
  auto toks = tokenize("raise \"x\" if: # c\n    (m: T)\n\n\tb");
  ASSERT_EQ(describe(toks), "Word:raise String:x Word:if Colon LParen Word:m Colon Word:T RParen Word:b End");
  EXPECT_TRUE(toks[0].first_on_line);
  EXPECT_FALSE(toks[1].first_on_line);
  EXPECT_TRUE(toks[3].comment_after);
  EXPECT_EQ(toks[3].comment_pos.line, 0);
  EXPECT_EQ(toks[3].comment_pos.column, 15);
  EXPECT_FALSE(toks[2].comment_after);
  EXPECT_TRUE(toks[4].first_on_line);
  EXPECT_EQ(toks[4].indent, 4);
  EXPECT_FALSE(toks[5].first_on_line);
  EXPECT_EQ(toks[5].indent, 4);
  EXPECT_TRUE(toks[9].first_on_line);
  EXPECT_EQ(toks[9].indent, 1);  // a tab counts as one character
}

TEST(PolicyLexer, TokenAfterMultiLineStringIsOnTheSameLogicalLine) {
  auto toks = tokenize("x := \"\"\"a\nb\"\"\" + c\nd");
  ASSERT_EQ(describe(toks), "Word:x Walrus String:a\nb Plus Word:c Word:d End");
  EXPECT_FALSE(toks[3].first_on_line);
  EXPECT_EQ(toks[3].pos.line, 1);
  EXPECT_EQ(toks[3].pos.column, 6);
  EXPECT_TRUE(toks[5].first_on_line);
  EXPECT_EQ(toks[5].pos.line, 2);
}

struct ErrorCase {
  const char* source;
  const char* message;
  int line;
  int column;
};

class PolicyLexerErrors : public ::testing::TestWithParam<ErrorCase> {};

TEST_P(PolicyLexerErrors, EndTheStreamWithAnErrorToken) {
  auto toks = tokenize(GetParam().source);
  ASSERT_FALSE(toks.empty());
  const Token& t = toks.back();
  ASSERT_EQ(t.kind, Tok::Error) << describe(toks);
  EXPECT_EQ(t.value, GetParam().message);
  EXPECT_EQ(t.pos.line, GetParam().line);
  EXPECT_EQ(t.pos.column, GetParam().column);
}

INSTANTIATE_TEST_SUITE_P(
    Table, PolicyLexerErrors,
    ::testing::Values(
        ErrorCase{"x := \"abc", "Unterminated string starting at line 1, column 6.", 0, 6},
        ErrorCase{"x := 'abc\ny'", "Unterminated string starting at line 1, column 6.", 0, 6},
        ErrorCase{"x := \"abc\\\n\"", "Unterminated string starting at line 1, column 6.", 0, 6},
        ErrorCase{"a\nx := \"\"\"abc\n", "Unterminated triple-quoted string starting at line 2, column 6.", 1, 6},
        ErrorCase{"a & b", "Unexpected character '&' at line 1, column 3.", 0, 3},
        ErrorCase{"a ! b", "Unexpected character '!' at line 1, column 3.", 0, 3},
        ErrorCase{"a ~ b", "Unexpected character '~' at line 1, column 3.", 0, 3},
        ErrorCase{"caf\xC3\xA9", "Unexpected character '\xC3\xA9' at line 1, column 4.", 0, 4},
        ErrorCase{"a \xFF", "Unexpected character '\\xff' at line 1, column 3.", 0, 3},
        ErrorCase{"a \xC3(", "Unexpected character '\\xc3' at line 1, column 3.", 0, 3},
        ErrorCase{"a \x01", "Unexpected character '\\x01' at line 1, column 3.", 0, 3},
        ErrorCase{"x := 99999999999999999999",
                  "Integer literal '99999999999999999999' at line 1, column 6 is too large (the limit is "
                  "9223372036854775807).",
                  0, 6}));

TEST(PolicyLexer, LargestIntegerAndHugeFloats) {
  auto toks = tokenize("9223372036854775807 1e999 1e-999");
  ASSERT_EQ(toks.size(), 4u);
  EXPECT_EQ(toks[0].int_value, INT64_MAX);
  EXPECT_TRUE(std::isinf(toks[1].float_value));
  EXPECT_EQ(toks[2].float_value, 0.0);
}

}  // namespace
}  // namespace inv::policy::detail
