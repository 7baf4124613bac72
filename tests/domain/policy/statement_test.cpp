// Statements, blocks, quantifiers and the line structure of rule bodies (DECISIONS.md §4a).
#include <gtest/gtest.h>

#include <string>

#include "domain/policy/diagnostics.hpp"
#include "domain/policy/parser.hpp"

namespace inv::policy {
namespace {

std::string parse_module_sexpr(const std::string& text) {
  ParseOutcome out = parse_policy(text);
  if (!out.errors.empty()) return "ERROR: " + out.errors[0].message;
  return to_sexpr(*out.module);
}

std::shared_ptr<Module> parse_ok(const std::string& text) {
  ParseOutcome out = parse_policy(text);
  EXPECT_TRUE(out.errors.empty()) << text << "\n"
                                  << (out.errors.empty() ? "" : render_policy_errors(dedent(text), out.errors));
  return out.module;
}

struct ModuleCase {
  const char* name;
  const char* source;
  const char* module;
};

void PrintTo(const ModuleCase& c, std::ostream* os) { *os << c.name; }

class PolicyStatements : public ::testing::TestWithParam<ModuleCase> {};
TEST_P(PolicyStatements, Module) {
  EXPECT_EQ(parse_module_sexpr(GetParam().source), GetParam().module) << GetParam().source;
}

INSTANTIATE_TEST_SUITE_P(
    Forms, PolicyStatements,
    ::testing::Values(
        ModuleCase{"from_import", "from a.b import x, y as z\n", "(from a.b import x y as z)\n"},
        ModuleCase{"from_import_dotted_alias", "from a import b.c as d", "(from a import b.c as d)\n"},
        ModuleCase{"import", "import invariant", "(import invariant)\n"},
        ModuleCase{"import_dotted", "import a.b", "(import a.b)\n"},
        ModuleCase{"import_as", "import a as b\n", "(import a as b)\n"},
        ModuleCase{"constant", "x := 1", "(:= x [1])\n"},
        ModuleCase{"constant_expr", "INVALID := A + B", "(:= INVALID [(+ A B)])\n"},
        ModuleCase{"predicate", "f(p: T, q: U) := p == q", "(:= (f p:T q:U) [(== p q)])\n"},
        ModuleCase{"predicate_no_params", "f() := True", "(:= (f) [True])\n"},
        ModuleCase{"constant_block", "x :=\n    1\n    2\n", "(:= x [1 2])\n"},
        ModuleCase{"predicate_block", "f(m: Message) := \n    m.role == \"a\"\n    (c: str) in m.content\n",
                   "(:= (f m:Message) [(== (. m role) 'a') (in <c:str> (. m content))])\n"},
        ModuleCase{"predicate_block_or_continuation",
                   "cc(s: str) :=\n    match(r\"\\d{4}\", s) or\n    match(r\"\\d{16}\", s)\n",
                   "(:= (cc s:str) [(or (call match ['\\\\d{4}' s] {}) (call match ['\\\\d{16}' s] {}))])\n"},
        ModuleCase{"multi_line_dict_constant", "g := {\n    \"admin\": {\"public\": True},\n    \"user\": {}\n}\n",
                   "(:= g [{'admin':{'public':True} 'user':{}}])\n"},
        ModuleCase{"keyword_names", "from := 1\nraise := 2\nimport := from\n",
                   "(:= from [1])\n(:= raise [2])\n(:= import [from])\n"},
        ModuleCase{"raise_string", "raise \"x\" if:\n    a\n", "(raise 'x' [a])\n"},
        ModuleCase{"raise_identifier", "raise msg if:\n    msg := \"m\"\n", "(raise msg [(:= msg 'm')])\n"},
        ModuleCase{"raise_call", "raise PolicyViolation(\"m\", x, k=x) if:\n    (x: Message)\n",
                   "(raise (call PolicyViolation ['m' x] {k=x}) [<x:Message>])\n"},
        ModuleCase{"raise_call_multiline_head", "raise V(\n  \"m\",\n  k=1) if:\n    a\n", "(raise (call V ['m'] {k=1}) [a])\n"},
        ModuleCase{"def_is_dropped",
                   "from a import b\ndef F(x: T):\n    raise \"x\" if:\n        a\n    y := 1\n\n    def G():\n        z := 2\nraise \"y\" if:\n    b\n",
                   "(from a import b)\n(raise 'y' [b])\n"},
        ModuleCase{"empty", "", ""}, ModuleCase{"only_comments", "# a\n\n   # b\n", ""},
        ModuleCase{"statements_in_order", "raise \"a\" if:\n    a\nx := 1\nfrom m import n\nraise \"b\" if:\n    b\n",
                   "(from m import n)\n(:= x [1])\n(raise 'a' [a])\n(raise 'b' [b])\n"}));

INSTANTIATE_TEST_SUITE_P(
    Quantifiers, PolicyStatements,
    ::testing::Values(
        ModuleCase{"forall", "raise \"r\" if:\n    forall:\n        (c: ToolCall)\n        c is tool:x\n",
                   "(raise 'r' [(quantifier forall [<c:ToolCall> (is c tool:x)])])\n"},
        ModuleCase{"not_forall", "raise \"r\" if:\n    not forall:\n        a\n",
                   "(raise 'r' [(not1 (quantifier forall [a]))])\n"},
        ModuleCase{"count_args", "raise \"r\" if:\n    count(min=1, max=3):\n        a\n",
                   "(raise 'r' [(quantifier (call count [] {min=1 max=3}) [a])])\n"},
        ModuleCase{"not_count", "raise \"r\" if:\n    not count(min=2, max=4):\n        a\n        b\n",
                   "(raise 'r' [(not1 (quantifier (call count [] {min=2 max=4}) [a b]))])\n"},
        ModuleCase{"member_callee", "raise \"r\" if:\n    q.forall:\n        a\n", "(raise 'r' [(quantifier (. q forall) [a])])\n"},
        ModuleCase{"lines_after_quantifier",
                   "raise \"r\" if:\n    (call: ToolCall)\n    call is tool:s\n\n    count(min=5):\n        (o: ToolOutput)\n        call -> o\n    x\n",
                   "(raise 'r' [<call:ToolCall> (is call tool:s) (quantifier (call count [] {min=5}) [<o:ToolOutput> (-> call o)]) x])\n"},
        ModuleCase{"nested", "raise \"r\" if:\n    forall:\n        a\n        not forall:\n            b\n        c\n    d\n",
                   "(raise 'r' [(quantifier forall [a (not1 (quantifier forall [b])) c]) d])\n"},
        ModuleCase{"in_predicate", "p(x: T) :=\n    forall:\n        x\n", "(:= (p x:T) [(quantifier forall [x])])\n"},
        ModuleCase{"unindented_first_line", "from invariant import forall\n\nraise \"r\" if:\n    forall:\n        a\n",
                   "(from invariant import forall)\n(raise 'r' [(quantifier forall [a])])\n"}));

INSTANTIATE_TEST_SUITE_P(
    LineStructure, PolicyStatements,
    ::testing::Values(
        // a line ending with a binary operator continues
        ModuleCase{"ends_with_and", "raise \"r\" if:\n    a == 1 and\n    b == 2\n", "(raise 'r' [(and (== a 1) (== b 2))])\n"},
        ModuleCase{"ends_with_or_deeper", "raise \"r\" if:\n    a or\n            b\n    c\n", "(raise 'r' [(or a b) c])\n"},
        ModuleCase{"ends_with_eq", "raise \"r\" if:\n    a ==\n    b\n", "(raise 'r' [(== a b)])\n"},
        ModuleCase{"ends_with_plus", "raise \"r\" if:\n    a +\n    b\n", "(raise 'r' [(+ a b)])\n"},
        ModuleCase{"ends_with_minus", "raise \"r\" if:\n    a -\n    b\n", "(raise 'r' [(- a b)])\n"},
        ModuleCase{"ends_with_not_in", "raise \"r\" if:\n    a not in\n    b\n", "(raise 'r' [(not in a b)])\n"},
        ModuleCase{"ends_with_walrus", "raise \"r\" if:\n    x :=\n        1\n", "(raise 'r' [(:= x 1)])\n"},
        ModuleCase{"ends_with_typed_in",
                   "raise \"r\" if:\n    s.name in t.description or\n    (p: ToolParameter) in t.schema\n    s.name in p.d\n",
                   "(raise 'r' [(or (in (. s name) (. t description)) (in <p:ToolParameter> (. t schema))) (in (. s name) (. p d))])\n"},
        // a line starting with a binary operator continues the previous one
        ModuleCase{"starts_with_and", "raise \"r\" if:\n    a\n    and b\n", "(raise 'r' [(and a b)])\n"},
        ModuleCase{"starts_with_or", "raise \"r\" if:\n    a\n        or b\n    c\n", "(raise 'r' [(or a b) c])\n"},
        ModuleCase{"starts_with_eq", "raise \"r\" if:\n    a\n    == b\n", "(raise 'r' [(== a b)])\n"},
        ModuleCase{"starts_with_in", "raise \"r\" if:\n    a\n    in b\n", "(raise 'r' [(in a b)])\n"},
        ModuleCase{"starts_with_is_not", "raise \"r\" if:\n    a\n    is not b\n", "(raise 'r' [(is a (not1 b))])\n"},
        ModuleCase{"starts_with_star", "raise \"r\" if:\n    a\n    * b\n", "(raise 'r' [(* a b)])\n"},
        ModuleCase{"starts_with_pow", "raise \"r\" if:\n    a\n    ** b\n", "(raise 'r' [(** a b)])\n"},
        ModuleCase{"starts_with_contains_only", "raise \"r\" if:\n    a\n    contains_only b\n", "(raise 'r' [(contains_only a b)])\n"},
        ModuleCase{"starts_with_arrow", "raise \"r\" if:\n    a\n    -> b\n", "(raise 'r' [(-> a b)])\n"},
        ModuleCase{"starts_with_dot", "raise \"r\" if:\n    a\n    .b()\n", "(raise 'r' [(call (. a b) [] {})])\n"},
        ModuleCase{"starts_with_if", "raise \"r\" if:\n    a\n    if b else c\n", "(raise 'r' [(ternary a b c)])\n"},
        // ... but not with a unary operator or a bracket: those start a new condition
        ModuleCase{"minus_is_new", "raise \"r\" if:\n    x := 1\n    -x > 0\n", "(raise 'r' [(:= x 1) (> (-1 x) 0)])\n"},
        ModuleCase{"plus_is_new", "raise \"r\" if:\n    x\n    +x\n", "(raise 'r' [x (+1 x)])\n"},
        ModuleCase{"not_is_new", "raise \"r\" if:\n    x\n    not y\n", "(raise 'r' [x (not1 y)])\n"},
        ModuleCase{"not_in_is_new_not", "raise \"r\" if:\n    x\n    not y in z\n", "(raise 'r' [x (not1 (in y z))])\n"},
        ModuleCase{"paren_is_new", "raise \"r\" if:\n    x := m.content\n    (m.role)\n",
                   "(raise 'r' [(:= x (. m content)) (. m role)])\n"},
        ModuleCase{"typed_is_new", "raise \"r\" if:\n    a.b\n    (b: Message)\n", "(raise 'r' [(. a b) <b:Message>])\n"},
        ModuleCase{"bracket_is_new", "raise \"r\" if:\n    a\n    [0]\n", "(raise 'r' [a [0]])\n"},
        // inside brackets lines never end
        ModuleCase{"dict_at_body_level",
                   "raise \"r\" if:\n    (call: ToolCall) -> (c2: ToolCall)\n    c2 is tool:send_email({\n    to: \"^(?!P$).*$\"\n    })\n",
                   "(raise 'r' [(-> <call:ToolCall> <c2:ToolCall>) (is c2 (pattern tool:send_email [{'to':'^(?!P$).*$'}]))])\n"},
        ModuleCase{"call_args_lines", "raise \"r\" if:\n    f(a,\n      b,\n          c)\n    d\n", "(raise 'r' [(call f [a b c] {}) d])\n"},
        ModuleCase{"list_lines", "raise \"r\" if:\n    x in [\n        1,\n        2\n    ]\n", "(raise 'r' [(in x [1 2])])\n"},
        // comments, blank lines, deeper lines
        ModuleCase{"comments_blank_lines",
                   "raise \"r\" if:\n    # first\n    a # trailing\n\n# at column 0\n        # deeper\n    b\n\n",
                   "(raise 'r' [a b])\n"},
        ModuleCase{"deeper_line_is_a_new_condition",
                   "raise \"r\" if:\n    a + b\n      (i: Issue) in c\n    d\n", "(raise 'r' [(+ a b) (in <i:Issue> c) d])\n"},
        ModuleCase{"multi_line_string_in_body", "raise \"r\" if:\n    x := \"\"\"\n  a\n    \"\"\"\n    y\n",
                   "(raise 'r' [(:= x '\\na\\n') y])\n"}));

INSTANTIATE_TEST_SUITE_P(
    Indentation, PolicyStatements,
    ::testing::Values(
        ModuleCase{"dedented_source",
                   "\n        from a import b\n\n        raise \"r\" if:\n            x\n        ",
                   "(from a import b)\n(raise 'r' [x])\n"},
        // first line unindented, top-level statements at 8, bodies at 12
        ModuleCase{"lenient_top_level",
                   "from invariant import Message\n        raise \"a\" if:\n            (m: Message)\n            m.role == \"u\"\n\n        raise \"b\" if:\n            x\n        y := 1\n",
                   "(from invariant import Message)\n(:= y [1])\n(raise 'a' [<m:Message> (== (. m role) 'u')])\n(raise 'b' [x])\n"},
        ModuleCase{"body_indented_twice", "x :=\n    1\n\nraise \"r\" if:\n        a\n        b\n", "(:= x [1])\n(raise 'r' [a b])\n"},
        ModuleCase{"tabs", "raise \"r\" if:\n\ta\n\tforall:\n\t\tb\n", "(raise 'r' [a (quantifier forall [b])])\n"},
        ModuleCase{"crlf", "from a import b\r\nraise \"r\" if:\r\n    x == 1\r\n    y\r\n", "(from a import b)\n(raise 'r' [(== x 1) y])\n"},
        ModuleCase{"body_after_def_at_column_0", "def F():\n    x := 1\nraise \"r\" if:\n    a\n", "(raise 'r' [a])\n"}));

TEST(PolicyStatementFields, ImportFields) {
  auto m = parse_ok("from invariant.detectors import pii, semgrep as sg\nimport json as j\n");
  ASSERT_TRUE(m);
  ASSERT_EQ(m->imports.size(), 2u);
  const Import& a = m->imports[0];
  EXPECT_TRUE(a.from);
  EXPECT_EQ(a.module, "invariant.detectors");
  ASSERT_EQ(a.specs.size(), 2u);
  EXPECT_EQ(a.specs[0].name, "pii");
  EXPECT_EQ(a.specs[0].alias, "");
  EXPECT_EQ(a.specs[1].name, "semgrep");
  EXPECT_EQ(a.specs[1].alias, "sg");
  EXPECT_EQ(a.specs[1].pos.column, 38);
  EXPECT_EQ(a.pos.line, 0);
  EXPECT_EQ(a.pos.column, 1);
  const Import& b = m->imports[1];
  EXPECT_FALSE(b.from);
  EXPECT_EQ(b.module, "json");
  ASSERT_EQ(b.specs.size(), 1u);
  EXPECT_EQ(b.specs[0].name, "json");
  EXPECT_EQ(b.specs[0].alias, "j");
  EXPECT_EQ(b.pos.line, 1);
}

TEST(PolicyStatementFields, DeclarationAndRuleFields) {
  auto m = parse_ok(
      "\n    second(m1: Message, m2: Message) :=\n        len(m1.content) > 5\n    C := 1\n\n"
      "    raise \"a\" if:\n        (m1: Message)\n    raise PolicyViolation(\"b\") if:\n        x\n");
  ASSERT_TRUE(m);
  EXPECT_EQ(m->source, "\nsecond(m1: Message, m2: Message) :=\n    len(m1.content) > 5\nC := 1\n\n"
                       "raise \"a\" if:\n    (m1: Message)\nraise PolicyViolation(\"b\") if:\n    x\n");
  ASSERT_EQ(m->declarations.size(), 2u);
  const Declaration& p = m->declarations[0];
  EXPECT_EQ(p.name, "second");
  EXPECT_TRUE(p.is_predicate);
  ASSERT_EQ(p.params.size(), 2u);
  EXPECT_EQ(p.params[1].name, "m2");
  EXPECT_EQ(p.params[1].type_name, "Message");
  EXPECT_EQ(p.params[1].pos.line, 1);
  EXPECT_EQ(p.params[1].pos.column, 21);
  EXPECT_EQ(p.pos.line, 1);
  EXPECT_EQ(p.pos.column, 1);
  ASSERT_EQ(p.body.size(), 1u);
  EXPECT_EQ(p.body[0]->pos.line, 2);
  EXPECT_EQ(p.body[0]->pos.column, 5);
  const Declaration& c = m->declarations[1];
  EXPECT_EQ(c.name, "C");
  EXPECT_FALSE(c.is_predicate);
  ASSERT_EQ(m->rules.size(), 2u);
  EXPECT_EQ(m->rules[0].index, 0);
  EXPECT_EQ(m->rules[1].index, 1);
  EXPECT_EQ(m->rules[0].pos.line, 5);
  EXPECT_EQ(m->rules[0].pos.column, 1);
  EXPECT_EQ(m->rules[0].head->kind, ExprKind::String);
  EXPECT_EQ(m->rules[0].head->pos.column, 7);
  EXPECT_EQ(m->rules[1].head->kind, ExprKind::Call);
  ASSERT_EQ(m->rules[0].body.size(), 1u);
  EXPECT_EQ(m->rules[0].body[0]->kind, ExprKind::TypedIdent);
  EXPECT_EQ(m->rules[0].body[0]->pos.line, 6);
  EXPECT_EQ(m->rules[0].body[0]->pos.column, 6);
}

TEST(PolicyStatementFields, QuantifierFields) {
  auto m = parse_ok("raise \"r\" if:\n    not count(min=2):\n        (c: ToolCall)\n");
  ASSERT_TRUE(m);
  ASSERT_EQ(m->rules.size(), 1u);
  ASSERT_EQ(m->rules[0].body.size(), 1u);
  const Expr& q = *m->rules[0].body[0];
  EXPECT_EQ(q.kind, ExprKind::Quantifier);
  EXPECT_TRUE(q.negated);
  ASSERT_EQ(q.items.size(), 1u);
  EXPECT_EQ(q.items[0]->kind, ExprKind::Call);
  ASSERT_EQ(q.body.size(), 1u);
  EXPECT_EQ(q.body[0]->kind, ExprKind::TypedIdent);
  EXPECT_EQ(q.pos.line, 1);
  EXPECT_EQ(q.pos.column, 5);
}

TEST(PolicyStatementFields, ParseExpressionAcceptsAQuantifierLine) {
  ExprPtr e;
  ParseOutcome out = parse_expression("forall:\n    a\n    b", e);
  ASSERT_TRUE(out.errors.empty()) << out.errors[0].message;
  EXPECT_EQ(to_sexpr(*e), "(quantifier forall [a b])");
}

}  // namespace
}  // namespace inv::policy
