// Expressions, displays, calls and assignment-target checks of the parser; see py_parser.hpp.
#include <array>

#include "plugins/python/py_parser.hpp"

namespace inv::detectors::py {

namespace {

constexpr int kExpressionWeight = 20;  // an `expression` down to its atom
constexpr int kIntDigitLimit = 4300;  // decimal digits CPython converts

const char* describe(const Node* n) {
  switch (n->kind) {
    case Kind::Call: return "function call";
    case Kind::Constant:
      switch (n->op) {
        case kTrue: return "True";
        case kFalse: return "False";
        case kNone: return "None";
        case kEllipsis: return "ellipsis";
        default: return "literal";
      }
    case Kind::Compare: return "comparison";
    case Kind::Lambda: return "lambda";
    case Kind::IfExp: return "conditional expression";
    case Kind::NamedExpr: return "named expression";
    case Kind::JoinedStr: return "f-string expression";
    case Kind::Dict: return "dict literal";
    case Kind::Set: return "set display";
    case Kind::ListComp: return "list comprehension";
    case Kind::SetComp: return "set comprehension";
    case Kind::DictComp: return "dict comprehension";
    case Kind::GeneratorExp: return "generator expression";
    case Kind::Await: return "await expression";
    case Kind::Yield: case Kind::YieldFrom: return "yield expression";
    case Kind::Attribute: return "attribute";
    case Kind::Subscript: return "subscript";
    case Kind::Starred: return "starred";
    case Kind::Tuple: return "tuple";
    case Kind::List: return "list";
    case Kind::Name: return "name";
    default: return "expression";
  }
}

}  // namespace

// ------------------------------------------------------------------------------------------- structure

Node* Parser::star_expressions() {
  const int line = tok().line;
  Node* first = star_expression();
  if (!is_op(",")) return first;
  Node* t = node(Kind::Tuple, line);
  t->kids.push_back(first);
  while (is_op(",")) {
    take();
    if (!starts_expression(0)) break;
    t->kids.push_back(star_expression());
  }
  return t;
}

Node* Parser::star_expression() {
  if (is_op("*")) {
    Node* s = node(Kind::Starred, take().line);
    s->kids.push_back(binary(0));
    return s;
  }
  return expression();
}

Node* Parser::star_named_expression() {
  if (is_op("*")) {
    Node* s = node(Kind::Starred, take().line);
    s->kids.push_back(binary(0));
    return s;
  }
  return named_expression();
}

Node* Parser::named_expression() {
  if (is_name() && is_op(":=", 1)) {
    Node* target = node(Kind::Name, tok().line);
    target->text = take().name;
    take();
    Node* n = node(Kind::NamedExpr, target->line);
    n->kids = {target, expression()};
    return n;
  }
  Node* e = expression();
  if (is_op(":=")) {
    if (diag_) raise(std::string("cannot use assignment expressions with ") + describe(e), e->line);
    fail();
  }
  if (diag_ && is_op("=")) mistaken_assignment(e);
  return e;
}

void Parser::mistaken_assignment(Node* e) {
  // `x = 1` where an expression is expected (an `if` condition, a list item, ...): a mistyped `==`.
  if (e->kind == Kind::List || e->kind == Kind::Tuple || e->kind == Kind::GeneratorExp) return;
  if (e->kind == Kind::Constant && (e->op == kTrue || e->op == kFalse || e->op == kNone)) return;
  const std::size_t m = mark();
  const int saved = brackets_;
  bool ok = false;
  try {
    take();
    binary(0);
    ok = !is_op("=") && !is_op(":=");
  } catch (ParseFail&) {
  }
  reset(m);
  brackets_ = saved;
  if (!ok) return;
  if (e->kind == Kind::Name) raise("invalid syntax. Maybe you meant '==' or ':=' instead of '='?", e->line);
  raise(std::string("cannot assign to ") + describe(e) + " here. Maybe you meant '==' instead of '='?", e->line);
}

void Parser::legacy_check() {
  // `print x` / `exec code`: a name, not called, followed by an expression. Other names are tried the same
  // way (their chain nests, as in CPython) but report nothing themselves.
  if (!is_name() || is_op("(", 1) || !starts_expression(1)) return;
  const std::string name(tok().name);
  const int line = tok().line;
  const std::size_t m = mark();
  const int saved = brackets_;
  bool ok = false;
  {
    Level lv(*this, 4);
    if (level_ + 8 > Level::kMax) throw SyntaxIssue{kStackOverflow, 0};
    take();
    try {
      next_expr_weight_ = 0;
      star_expressions();
      ok = true;
    } catch (ParseFail&) {
    }
    next_expr_weight_ = -1;
  }
  reset(m);
  brackets_ = saved;
  if (ok && (name == "print" || name == "exec")) {
    raise("Missing parentheses in call to '" + name + "'. Did you mean " + name + "(...)?", line);
  }
}

Node* Parser::expression(int weight) {
  int w = weight;
  if (w < 0) {
    w = next_expr_weight_ >= 0 ? next_expr_weight_ : kExpressionWeight;
    next_expr_weight_ = -1;
  }
  Level lv(*this, w);
  if (diag_) legacy_check();
  if (is_kw("lambda")) return lambda_expression();
  Node* body = disjunction();
  if (!is_kw("if")) return body;
  take();
  Node* test = disjunction();
  if (!is_kw("else")) {
    if (diag_ && !is_op(":")) raise("expected 'else' after 'if' expression", body->line);
    fail();
  }
  take();
  Node* n = node(Kind::IfExp, body->line);
  n->kids = {test, body, expression(1)};
  return n;
}

Node* Parser::disjunction() {
  Node* first = conjunction();
  if (!is_kw("or")) return first;
  Node* n = node(Kind::BoolOp, first->line);
  n->op = kOr;
  n->kids.push_back(first);
  while (is_kw("or")) {
    take();
    n->kids.push_back(conjunction());
  }
  return n;
}

Node* Parser::conjunction() {
  Node* first = inversion();
  if (!is_kw("and")) return first;
  Node* n = node(Kind::BoolOp, first->line);
  n->op = kAnd;
  n->kids.push_back(first);
  while (is_kw("and")) {
    take();
    n->kids.push_back(inversion());
  }
  return n;
}

Node* Parser::inversion() {
  if (is_kw("not")) {
    Level lv(*this, 1);
    Node* n = node(Kind::UnaryOp, take().line);
    n->op = kNot;
    n->kids.push_back(inversion());
    return n;
  }
  return comparison();
}

Node* Parser::comparison() {
  Node* left = binary(0);
  Node* n = nullptr;
  for (;;) {
    Op op;
    if (is_op("==")) op = kEq;
    else if (is_op("!=")) op = kNotEq;
    else if (is_op("<")) op = kLt;
    else if (is_op("<=")) op = kLtE;
    else if (is_op(">")) op = kGt;
    else if (is_op(">=")) op = kGtE;
    else if (is_kw("in")) op = kIn;
    else if (is_kw("not") && is_kw("in", 1)) op = kNotIn;
    else if (is_kw("is")) op = is_kw("not", 1) ? kIsNot : kIs;
    else break;
    take();
    if (op == kNotIn || op == kIsNot) take();
    if (n == nullptr) {
      n = node(Kind::Compare, left->line);
      n->kids.push_back(left);
    }
    n->text += static_cast<char>(op);
    n->kids.push_back(binary(0));
  }
  return n != nullptr ? n : left;
}

Node* Parser::binary(int prec) {
  struct Entry {
    int prec;
    std::string_view text;
    Op op;
  };
  static constexpr std::array<Entry, 12> table = {{{0, "|", kBitOr}, {1, "^", kBitXor}, {2, "&", kBitAnd},
                                                   {3, "<<", kLShift}, {3, ">>", kRShift}, {4, "+", kAdd},
                                                   {4, "-", kSub}, {5, "*", kMult}, {5, "/", kDiv},
                                                   {5, "//", kFloorDiv}, {5, "%", kMod}, {5, "@", kMatMult}}};
  if (prec == 6) return factor();
  Node* left = binary(prec + 1);
  for (;;) {
    const Token& t = tok();
    if (t.type != Tok::Op) break;
    const Entry* hit = nullptr;
    for (const Entry& e : table) {
      if (e.prec == prec && e.text == t.text) hit = &e;
    }
    if (hit == nullptr) break;
    take();
    Node* n = node(Kind::BinOp, left->line);
    n->op = hit->op;
    n->kids = {left, binary(prec + 1)};
    left = n;
  }
  return left;
}

Node* Parser::factor() {
  if (is_op("-") || is_op("+") || is_op("~")) {
    Level lv(*this, 1);
    const Token& t = take();
    Node* n = node(Kind::UnaryOp, t.line);
    n->op = t.text == "-" ? kUSub : t.text == "+" ? kUAdd : kInvert;
    n->kids.push_back(factor());
    return n;
  }
  return power();
}

Node* Parser::power() {
  Node* base;
  if (is_kw("await")) {
    base = node(Kind::Await, take().line);
    base->kids.push_back(primary());
  } else {
    base = primary();
  }
  if (!is_op("**")) return base;
  take();
  Level lv(*this, 2);
  Node* n = node(Kind::BinOp, base->line);
  n->op = kPow;
  n->kids = {base, factor()};
  return n;
}

Node* Parser::primary() {
  Node* e = atom();
  for (;;) {
    if (is_op(".")) {
      take();
      Node* a = node(Kind::Attribute, e->line);
      a->text = expect_name();
      a->kids.push_back(e);
      e = a;
    } else if (is_op("(")) {
      e = call(e);
    } else if (is_op("[")) {
      e = subscript(e);
    } else {
      return e;
    }
  }
}

Node* Parser::atom() {
  Level lv(*this, 1);
  const Token& t = tok();
  const int line = t.line;
  switch (t.type) {
    case Tok::Name: {
      if (t.text == "True" || t.text == "False" || t.text == "None") {
        Node* c = node(Kind::Constant, line);
        c->op = t.text == "True" ? kTrue : t.text == "False" ? kFalse : kNone;
        take();
        return c;
      }
      if (is_keyword(t.name)) fail();
      Node* n = node(Kind::Name, line);
      n->text = take().name;
      return n;
    }
    case Tok::Number: {
      Node* c = node(Kind::Constant, line);
      const std::string_view text = t.text;
      const char last = static_cast<char>(text.back() | 0x20);
      const bool based = text.size() > 1 && text[0] == '0' && std::string_view("xob").find(text[1] | 0x20) != std::string_view::npos;
      if (last == 'j') c->op = kImag;
      else if (!based && text.find_first_of(".eE") != std::string_view::npos) c->op = kFloat;
      else c->op = kInt;
      c->text = std::string(text);
      if (c->op == kInt && !based) {
        int digits = 0;
        for (char ch : text) digits += ch != '_';
        if (digits > kIntDigitLimit) {
          throw SyntaxIssue{"Exceeds the limit (4300 digits) for integer string conversion: value has " +
                                std::to_string(digits) +
                                " digits; use sys.set_int_max_str_digits() to increase the limit - Consider "
                                "hexadecimal for huge integer literals to avoid decimal conversion limits.",
                            line};
        }
      }
      take();
      return c;
    }
    case Tok::String: case Tok::FStart:
      return strings();
    case Tok::Op:
      if (t.text == "(") return paren_atom();
      if (t.text == "[") return list_atom();
      if (t.text == "{") return brace_atom();
      if (t.text == "...") {
        Node* c = node(Kind::Constant, line);
        c->op = kEllipsis;
        take();
        return c;
      }
      fail();
    default:
      fail();
  }
}

Node* Parser::yield_expression() {
  const int line = take().line;
  if (is_kw("from")) {
    take();
    Node* n = node(Kind::YieldFrom, line);
    n->kids.push_back(expression());
    return n;
  }
  Node* n = node(Kind::Yield, line);
  if (starts_expression(0)) n->kids.push_back(star_expressions());
  return n;
}

Node* Parser::lambda_expression() {
  const int line = take().line;
  Node* n = node(Kind::Lambda, line);
  n->kids.push_back(parameters(false, ":"));
  expect_op(":");
  n->kids.push_back(expression(2));
  return n;
}

// ------------------------------------------------------------------------------------------- targets

Node* Parser::star_targets() {
  const int line = tok().line;
  auto one = [&]() -> Node* {
    if (is_op("*")) {
      Node* s = node(Kind::Starred, take().line);
      s->kids.push_back(binary(0));
      return s;
    }
    return binary(0);
  };
  Node* first = one();
  Node* result = first;
  if (is_op(",")) {
    result = node(Kind::Tuple, line);
    result->kids.push_back(first);
    while (is_op(",")) {
      take();
      if (!starts_expression(0)) break;
      result->kids.push_back(one());
    }
  }
  check_target(result, 1, true);
  return result;
}

void Parser::check_target(Node* t, int use, bool top) {
  switch (t->kind) {
    case Kind::Name: case Kind::Attribute: case Kind::Subscript:
      return;
    case Kind::Starred:
      check_target(t->kids[0], use, false);
      return;
    case Kind::Tuple: case Kind::List:
      for (Node* e : t->kids) check_target(e, use, false);
      return;
    default:
      break;
  }
  if (!diag_) fail();
  const std::string what = describe(t);
  if (use == 2) raise("cannot delete " + what, t->line);
  if (use == 0 && (t->kind == Kind::Yield || t->kind == Kind::YieldFrom)) {
    raise("assignment to yield expression not possible", t->line);
  }
  if (use == 0 && top) raise("cannot assign to " + what + " here. Maybe you meant '==' instead of '='?", t->line);
  raise("cannot assign to " + what, t->line);
}

}  // namespace inv::detectors::py
