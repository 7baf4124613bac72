// Expressions: Python precedence (DECISIONS.md §4) at every level, associativity, unary binding,
// `not in` / `is not`, comparison chains, postfix operations, literals, patterns, the [latest]
// additions, keywords used as identifiers, and the source positions of nodes.
#include <gtest/gtest.h>

#include <string>

#include "domain/policy/parser.hpp"

namespace inv::policy {
namespace {

std::string parse_to_sexpr(const std::string& text) {
  ExprPtr e;
  ParseOutcome out = parse_expression(text, e);
  if (!out.errors.empty()) return "ERROR: " + out.errors[0].message;
  if (!e) return "ERROR: null";
  return to_sexpr(*e);
}

ExprPtr parse_ok(const std::string& text) {
  ExprPtr e;
  ParseOutcome out = parse_expression(text, e);
  EXPECT_TRUE(out.errors.empty()) << text << ": " << (out.errors.empty() ? "" : out.errors[0].message);
  EXPECT_NE(out.module, nullptr);
  return e;
}

struct ExprCase {
  const char* source;
  const char* tree;
};

void PrintTo(const ExprCase& c, std::ostream* os) { *os << c.source; }

class PolicyPrecedence : public ::testing::TestWithParam<ExprCase> {};
TEST_P(PolicyPrecedence, Tree) { EXPECT_EQ(parse_to_sexpr(GetParam().source), GetParam().tree) << GetParam().source; }

INSTANTIATE_TEST_SUITE_P(
    Levels, PolicyPrecedence,
    ::testing::Values(
        // or < and < not < comparisons < + - < * / % < unary - + < ** < postfix
        ExprCase{"a or b and c", "(or a (and b c))"},
        ExprCase{"a and b or c", "(or (and a b) c)"},
        ExprCase{"a or b or c", "(or (or a b) c)"},
        ExprCase{"a and b and c and d", "(and (and (and a b) c) d)"},
        ExprCase{"not a and b", "(and (not1 a) b)"},
        ExprCase{"not a or not b", "(or (not1 a) (not1 b))"},
        ExprCase{"a and not b", "(and a (not1 b))"},
        ExprCase{"not a == b", "(not1 (== a b))"},
        ExprCase{"not a in b", "(not1 (in a b))"},
        ExprCase{"not not a", "(not1 (not1 a))"},
        ExprCase{"not a + b", "(not1 (+ a b))"},
        ExprCase{"a == b + c", "(== a (+ b c))"},
        ExprCase{"a + b == c", "(== (+ a b) c)"},
        ExprCase{"a == 1 or b == 2 or c == 3", "(or (or (== a 1) (== b 2)) (== c 3))"},
        ExprCase{"a == 1 and b == 2 and c == 3", "(and (and (== a 1) (== b 2)) (== c 3))"},
        ExprCase{"a.b == c and d.e == f or g", "(or (and (== (. a b) c) (== (. d e) f)) g)"},
        ExprCase{"x is tool:a or x is tool:b or x is tool:c", "(or (or (is x tool:a) (is x tool:b)) (is x tool:c))"},
        ExprCase{"\"a\" in s or \"b\" in s or \"c\" in s", "(or (or (in 'a' s) (in 'b' s)) (in 'c' s))"},
        ExprCase{"a + b * c", "(+ a (* b c))"},
        ExprCase{"a * b + c", "(+ (* a b) c)"},
        ExprCase{"a + b * c + d", "(+ (+ a (* b c)) d)"},
        ExprCase{"a - b - c", "(- (- a b) c)"},
        ExprCase{"a - b + c", "(+ (- a b) c)"},
        ExprCase{"a / b % c * d", "(* (% (/ a b) c) d)"},
        ExprCase{"a * b ** c", "(* a (** b c))"},
        ExprCase{"a ** b * c", "(* (** a b) c)"},
        ExprCase{"a ** b ** c", "(** a (** b c))"},
        ExprCase{"a ** (b)", "(** a b)"},
        ExprCase{"(a ** b) ** c", "(** (** a b) c)"},
        ExprCase{"-a * b", "(* (-1 a) b)"},
        ExprCase{"-a + b", "(+ (-1 a) b)"},
        ExprCase{"a + -b", "(+ a (-1 b))"},
        ExprCase{"a - - b", "(- a (-1 b))"},
        ExprCase{"- - a", "(-1 (-1 a))"},
        ExprCase{"+a - -b", "(- (+1 a) (-1 b))"},
        ExprCase{"-a ** 2", "(-1 (** a 2))"},
        ExprCase{"a ** -b", "(** a (-1 b))"},
        ExprCase{"-a ** -b ** c", "(-1 (** a (-1 (** b c))))"},
        ExprCase{"-a.b(c)[d]", "(-1 ([] (call (. a b) [c] {}) d))"},
        ExprCase{"not f(x)", "(not1 (call f [x] {}))"},
        ExprCase{"not a.b", "(not1 (. a b))"},
        ExprCase{"(a or b) and c", "(and (or a b) c)"},
        ExprCase{"(a + b) * c", "(* (+ a b) c)"},
        ExprCase{"((a))", "a"}));

INSTANTIATE_TEST_SUITE_P(
    Comparisons, PolicyPrecedence,
    ::testing::Values(
        ExprCase{"a == b", "(== a b)"}, ExprCase{"a != b", "(!= a b)"}, ExprCase{"a < b", "(< a b)"},
        ExprCase{"a > b", "(> a b)"}, ExprCase{"a <= b", "(<= a b)"}, ExprCase{"a >= b", "(>= a b)"},
        ExprCase{"a in b", "(in a b)"}, ExprCase{"a not in b", "(not in a b)"}, ExprCase{"a is b", "(is a b)"},
        ExprCase{"a is not b", "(is a (not1 b))"}, ExprCase{"a is not None", "(is a (not1 None))"},
        ExprCase{"a contains_only b", "(contains_only a b)"}, ExprCase{"a -> b", "(-> a b)"},
        ExprCase{"a ~> b", "(~> a b)"},
        ExprCase{"(m: Message) -> (c: ToolCall)", "(-> <m:Message> <c:ToolCall>)"},
        ExprCase{"a + 1 not in b * 2", "(not in (+ a 1) (* b 2))"},
        ExprCase{"x.y is not None and x.y > 2", "(and (is (. x y) (not1 None)) (> (. x y) 2))"},
        ExprCase{"not a not in b", "(not1 (not in a b))"},
        // chains mean what Python means
        ExprCase{"a < b < c", "(and (< a b) (< b c))"},
        ExprCase{"a < b == c != d", "(and (and (< a b) (== b c)) (!= c d))"},
        ExprCase{"a in b in c", "(and (in a b) (in b c))"},
        ExprCase{"a is not b is c", "(and (is a (not1 b)) (is b c))"},
        ExprCase{"a -> b -> c", "(and (-> a b) (-> b c))"},
        ExprCase{"(a < b) < c", "(< (< a b) c)"},
        ExprCase{"a < (b < c)", "(< a (< b c))"},
        ExprCase{"a + 1 < b * 2 <= c", "(and (< (+ a 1) (* b 2)) (<= (* b 2) c))"},
        // keyword operators need no surrounding blanks (as in Python)
        ExprCase{"a and(b)", "(and a b)"}, ExprCase{"x in[1]", "(in x [1])"},
        ExprCase{"a==b", "(== a b)"}, ExprCase{"a->b", "(-> a b)"}));

INSTANTIATE_TEST_SUITE_P(
    Atoms, PolicyPrecedence,
    ::testing::Values(
        ExprCase{"123", "123"}, ExprCase{"1.5", "1.5"}, ExprCase{"1e3", "1000.0"}, ExprCase{"1.", "1.0"},
        ExprCase{".5", "0.5"}, ExprCase{"1.5e-7", "1.5e-07"}, ExprCase{"1e16", "1e+16"},
        ExprCase{"123456789.25", "123456789.25"}, ExprCase{"0.0001", "0.0001"},
        ExprCase{"\"s\"", "'s'"}, ExprCase{"'it\\'s'", "\"it's\""}, ExprCase{"r\"\\d\"", "'\\\\d'"},
        ExprCase{"True", "True"}, ExprCase{"False", "False"}, ExprCase{"None", "None"},
        ExprCase{"x", "x"}, ExprCase{"(m: Message)", "<m:Message>"}, ExprCase{"(tool: Tool)", "<tool:Tool>"},
        ExprCase{"tool:send_email", "tool:send_email"}, ExprCase{"<EMAIL_ADDRESS>", "<EMAIL_ADDRESS>"},
        ExprCase{"*", "*"}, ExprCase{"[]", "[]"}, ExprCase{"[1, 'a', None, True, 2.5]", "[1 'a' None True 2.5]"},
        ExprCase{"[[1], []]", "[[1] []]"}, ExprCase{"{}", "{}"},
        ExprCase{"{a: 1, \"b c\": [2], 'd': {e: f}}", "{'a':1 'b c':[2] 'd':{'e':f}}"},
        ExprCase{"{to: x, \"to\": y}", "{'to':x 'to':y}"},
        // keywords are identifiers where that is not ambiguous
        ExprCase{"from.x + import", "(+ (. from x) import)"}, ExprCase{"raise", "raise"},
        ExprCase{"x.if", "(. x if)"}, ExprCase{"{from: 1, in: 2}", "{'from':1 'in':2}"},
        ExprCase{"tool", "tool"}, ExprCase{"tool.x", "(. tool x)"}));

INSTANTIATE_TEST_SUITE_P(
    Postfix, PolicyPrecedence,
    ::testing::Values(
        ExprCase{"a.b.c", "(. (. a b) c)"}, ExprCase{"a[b][c]", "([] ([] a b) c)"},
        ExprCase{"a[b + 1]", "([] a (+ b 1))"}, ExprCase{"a.b(c).d[e]", "([] (. (call (. a b) [c] {}) d) e)"},
        ExprCase{"f()", "(call f [] {})"}, ExprCase{"f(x)(y)", "(call (call f [x] {}) [y] {})"},
        ExprCase{"f(a, b, k=1, j=c)", "(call f [a b] {k=1 j=c})"}, ExprCase{"f(k=a == b)", "(call f [] {k=(== a b)})"},
        ExprCase{"count(min=2, max=4)", "(call count [] {min=2 max=4})"},
        ExprCase{"f(x := 1)", "(call f [(:= x 1)] {})"}, ExprCase{"x.y(*)", "(call (. x y) [*] {})"},
        ExprCase{"m.content.lower()", "(call (. (. m content) lower) [] {})"},
        ExprCase{"\"abc\".upper()", "(call (. 'abc' upper) [] {})"},
        ExprCase{"(a + b).c", "(. (+ a b) c)"}, ExprCase{"[1, 2][0]", "([] [1 2] 0)"},
        // semantic patterns: a call of a tool reference
        ExprCase{"tool:send_email({to: \"x\"})", "(pattern tool:send_email [{'to':'x'}])"},
        ExprCase{"tool:x(*, 12)", "(pattern tool:x [* 12])"},
        ExprCase{"tool:x({a: <EMAIL_ADDRESS>, \"b\": [*, \"c.*\"]})", "(pattern tool:x [{'a':<EMAIL_ADDRESS> 'b':[* 'c.*']}])"},
        ExprCase{"call is tool:x({y: 2.5})", "(is call (pattern tool:x [{'y':2.5}]))"},
        ExprCase{"tool:x()", "(pattern tool:x [])"},
        ExprCase{"(x: str) in m.content.split(\" \")", "(in <x:str> (call (. (. m content) split) [' '] {}))"}));

INSTANTIATE_TEST_SUITE_P(
    LatestAndAssignments, PolicyPrecedence,
    ::testing::Values(
        ExprCase{"x := a or b", "(:= x (or a b))"}, ExprCase{"x := \"a\" in s or \"b\" in s", "(:= x (or (in 'a' s) (in 'b' s)))"},
        ExprCase{"x := y := 1", "(:= x (:= y 1))"}, ExprCase{"n := *", "(:= n *)"},
        ExprCase{"m := <EMAIL_ADDRESS>", "(:= m <EMAIL_ADDRESS>)"}, ExprCase{"(x := 5) > 3", "(> (:= x 5) 3)"},
        ExprCase{"True := 1", "ERROR: Unexpected token ':=' at line 1, column 6. Expected one of: '(', '[', '.', binary operator, 'if', ':', end of line"},
        ExprCase{"a if b else c", "(ternary a b c)"},
        ExprCase{"a if b else c if d else e", "(ternary a b (ternary c d e))"},
        ExprCase{"a or b if c or d else e and f", "(ternary (or a b) (or c d) (and e f))"},
        ExprCase{"x := a if b else c", "(:= x (ternary a b c))"},
        ExprCase{"True if (\"x\" in m) else (\"y\" in m)", "(ternary True (in 'x' m) (in 'y' m))"},
        ExprCase{"[x for x in xs]", "(listcomp x x xs)"},
        ExprCase{"[x * 2 for x in xs if x > 1]", "(listcomp (* x 2) x xs (> x 1))"},
        ExprCase{"[a if c else b for x in xs]", "(listcomp (ternary a c b) x xs)"},
        ExprCase{"[p in m.content for p in [\"a\", \"b\"]]", "(listcomp (in p (. m content)) p ['a' 'b'])"},
        ExprCase{"[w for w in ws if len(w) > 5 and w]", "(listcomp w w ws (and (> (call len [w] {}) 5) w))"},
        // `not` as the operand of a tighter operator (accepted as by the reference; takes a not-level operand)
        ExprCase{"a * not b", "(* a (not1 b))"}, ExprCase{"a == not b and c", "(and (== a (not1 b)) c)"},
        ExprCase{"b in not y and c", "(and (in b (not1 y)) c)"}, ExprCase{"a * not b == c", "(* a (not1 (== b c)))"},
        ExprCase{"-not a", "(-1 (not1 a))"}));

INSTANTIATE_TEST_SUITE_P(
    MultiLine, PolicyPrecedence,
    ::testing::Values(
        ExprCase{"f(a,\n  b)", "(call f [a b] {})"}, ExprCase{"[1,\n2,\n3]", "[1 2 3]"},
        ExprCase{"{\n  a: 1,\n  'b': 2\n}", "{'a':1 'b':2}"}, ExprCase{"a and\nb", "(and a b)"},
        ExprCase{"a\nand b", "(and a b)"}, ExprCase{"a ==\n  b", "(== a b)"}, ExprCase{"a\n.b", "(. a b)"},
        ExprCase{"(a\n+ b)", "(+ a b)"}, ExprCase{"x := \"\"\"\n  abc\n  \"\"\"", "(:= x '\\nabc\\n')"},
        ExprCase{"  a +\n  b", "(+ a b)"}));

TEST(PolicyExpression, ChainSharesTheMiddleOperand) {
  ExprPtr e = parse_ok("a < f(b) < c");
  ASSERT_TRUE(e);
  ASSERT_EQ(e->kind, ExprKind::Binary);
  ASSERT_EQ(e->op, Op::And);
  const Expr& first = *e->items[0];
  const Expr& second = *e->items[1];
  EXPECT_EQ(first.op, Op::Lt);
  EXPECT_EQ(second.op, Op::Lt);
  EXPECT_EQ(first.items[1].get(), second.items[0].get());  // the same node, not a copy
  EXPECT_EQ(second.pos.column, 5);
}

TEST(PolicyExpression, NodeFields) {
  ExprPtr e = parse_ok("f(1, k=\"v\")");
  ASSERT_EQ(e->kind, ExprKind::Call);
  ASSERT_EQ(e->items.size(), 1u);
  EXPECT_EQ(e->items[0]->kind, ExprKind::Identifier);
  EXPECT_EQ(e->items[0]->text, "f");
  ASSERT_EQ(e->args.size(), 1u);
  EXPECT_EQ(e->args[0]->kind, ExprKind::Int);
  EXPECT_EQ(e->args[0]->int_value, 1);
  ASSERT_EQ(e->kwargs.size(), 1u);
  EXPECT_EQ(e->kwargs[0].first, "k");
  EXPECT_EQ(e->kwargs[0].second->text, "v");

  e = parse_ok("tool:send({to: *})");
  ASSERT_EQ(e->kind, ExprKind::Pattern);
  EXPECT_EQ(e->text, "send");
  EXPECT_TRUE(e->items.empty());
  ASSERT_EQ(e->args.size(), 1u);
  ASSERT_EQ(e->args[0]->kind, ExprKind::Dict);
  ASSERT_EQ(e->args[0]->entries.size(), 1u);
  EXPECT_EQ(e->args[0]->entries[0].first, "to");
  EXPECT_EQ(e->args[0]->entries[0].second->kind, ExprKind::Wildcard);

  e = parse_ok("(x: str)");
  ASSERT_EQ(e->kind, ExprKind::TypedIdent);
  EXPECT_EQ(e->text, "x");
  EXPECT_EQ(e->type_name, "str");

  e = parse_ok("[e for x in it]");
  ASSERT_EQ(e->kind, ExprKind::ListComp);
  ASSERT_EQ(e->items.size(), 3u);
  EXPECT_EQ(e->items[2], nullptr);
  EXPECT_EQ(e->text, "x");

  e = parse_ok("x := 2.5");
  ASSERT_EQ(e->kind, ExprKind::Assign);
  EXPECT_EQ(e->text, "x");
  EXPECT_EQ(e->items[0]->kind, ExprKind::Float);
  EXPECT_DOUBLE_EQ(e->items[0]->float_value, 2.5);

  e = parse_ok("<PHONE_NUMBER>");
  EXPECT_EQ(e->kind, ExprKind::ValueRef);
  EXPECT_EQ(e->text, "PHONE_NUMBER");

  e = parse_ok("a is not b");
  EXPECT_EQ(e->op, Op::IsNot);
  e = parse_ok("a not in b");
  EXPECT_EQ(e->op, Op::NotIn);
  e = parse_ok("-a");
  EXPECT_EQ(e->op, Op::Neg);
  e = parse_ok("+a");
  EXPECT_EQ(e->op, Op::Pos);
  EXPECT_EQ(to_sexpr(*e), "(+1 a)");
}

TEST(PolicyExpression, OpText) {
  EXPECT_STREQ(op_text(Op::NotIn), "not in");
  EXPECT_STREQ(op_text(Op::IsNot), "is not");
  EXPECT_STREQ(op_text(Op::Flow), "->");
  EXPECT_STREQ(op_text(Op::DirectFlow), "~>");
  EXPECT_STREQ(op_text(Op::ContainsOnly), "contains_only");
  EXPECT_STREQ(op_text(Op::Pow), "**");
  EXPECT_STREQ(op_text(Op::And), "and");
}

struct PosCase {
  const char* source;
  const char* path;  // child selection: digits index items, 'a' = args[0], 'k' = kwargs[0], 'e' = entries[0]
  int line;
  int column;
};

void PrintTo(const PosCase& c, std::ostream* os) { *os << c.source << " @" << c.path; }

class PolicyPositions : public ::testing::TestWithParam<PosCase> {};

TEST_P(PolicyPositions, FirstTokenOfTheNode) {
  ExprPtr e = parse_ok(GetParam().source);
  ASSERT_TRUE(e);
  const Expr* n = e.get();
  for (const char* p = GetParam().path; *p; ++p) {
    if (*p == 'a') n = n->args.at(0).get();
    else if (*p == 'k') n = n->kwargs.at(0).second.get();
    else if (*p == 'e') n = n->entries.at(0).second.get();
    else n = n->items.at(static_cast<std::size_t>(*p - '0')).get();
  }
  EXPECT_EQ(n->pos.line, GetParam().line);
  EXPECT_EQ(n->pos.column, GetParam().column);
}

INSTANTIATE_TEST_SUITE_P(
    Table, PolicyPositions,
    ::testing::Values(
        PosCase{"a + (b * c)", "", 0, 1}, PosCase{"a + (b * c)", "1", 0, 6}, PosCase{"a + (b * c)", "11", 0, 10},
        PosCase{"(a + b) * c", "", 0, 2},  // parentheses are not part of the node
        PosCase{"(m: Message)", "", 0, 2}, PosCase{"not a", "", 0, 1}, PosCase{"not a", "0", 0, 5},
        PosCase{"-x.y", "", 0, 1}, PosCase{"-x.y", "0", 0, 2}, PosCase{"f(x)", "", 0, 1}, PosCase{"f(x)", "a", 0, 3},
        PosCase{"f(k=x)", "k", 0, 5}, PosCase{"[1, 2]", "", 0, 1}, PosCase{"[1, 2]", "1", 0, 5},
        PosCase{"{a: b}", "", 0, 1}, PosCase{"{a: b}", "e", 0, 5}, PosCase{"tool:x({})", "", 0, 1},
        PosCase{"tool:x({})", "a", 0, 8}, PosCase{"x := 1", "", 0, 1}, PosCase{"x := 1", "0", 0, 6},
        PosCase{"a if b else c", "", 0, 1}, PosCase{"a if b else c", "2", 0, 13},
        PosCase{"f(a,\n  b)", "", 0, 1}, PosCase{"x.y.z", "0", 0, 1}, PosCase{"a[b]", "1", 0, 3},
        PosCase{"   a +\n   bb", "1", 1, 1}));  // dedented source

}  // namespace
}  // namespace inv::policy
