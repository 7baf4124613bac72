// Statements, the token stream and error plumbing of the parser; see py_parser.hpp.
#include "plugins/python/py_parser.hpp"

#include <algorithm>
#include <array>

namespace inv::detectors::py {

namespace {

constexpr int kStatementWeight = 10;  // top-level statement down to its first expression
constexpr int kBlockWeight = 8;       // each nested block

constexpr std::array<std::string_view, 35> kKeywords = {
    "False", "None",   "True",    "and",      "as",       "assert", "async",  "await", "break",
    "class", "continue", "def",   "del",      "elif",     "else",   "except", "finally", "for",
    "from",  "global", "if",      "import",   "in",       "is",     "lambda", "nonlocal", "not",
    "or",    "pass",   "raise",   "return",   "try",      "while",  "with",   "yield"};

}  // namespace

bool is_keyword(std::string_view s) { return std::find(kKeywords.begin(), kKeywords.end(), s) != kKeywords.end(); }

// ------------------------------------------------------------------------------------------- tokens

const Token& Parser::tok(std::size_t k) {
  while (toks_.size() <= pos_ + k) {
    if (!toks_.empty() && toks_.back().type == Tok::End) return toks_.back();
    toks_.push_back(lex_.next());
  }
  return toks_[pos_ + k];
}

bool Parser::is_op(std::string_view op, std::size_t k) {
  const Token& t = tok(k);
  return t.type == Tok::Op && t.text == op;
}

bool Parser::is_kw(std::string_view kw, std::size_t k) {
  const Token& t = tok(k);
  return t.type == Tok::Name && t.text == kw;
}

bool Parser::is_name(std::size_t k) {
  const Token& t = tok(k);
  return t.type == Tok::Name && !is_keyword(t.name);
}

bool Parser::starts_expression(std::size_t k) {
  const Token& t = tok(k);
  switch (t.type) {
    case Tok::Name:
      if (!is_keyword(t.name)) return true;
      return t.text == "not" || t.text == "lambda" || t.text == "await" || t.text == "None" || t.text == "True" ||
             t.text == "False";
    case Tok::Number: case Tok::String: case Tok::FStart:
      return true;
    case Tok::Op:
      return t.text == "(" || t.text == "[" || t.text == "{" || t.text == "-" || t.text == "+" || t.text == "~" ||
             t.text == "..." || t.text == "*";
    default:
      return false;
  }
}

const Token& Parser::take() {
  tok();
  return toks_[pos_++];
}

void Parser::expect_op(std::string_view op) {
  if (!is_op(op)) fail();
  take();
}

std::string Parser::expect_name() {
  if (!is_name()) fail();
  return std::string(take().name);
}

void Parser::fail() {
  const std::size_t abs = base_ + pos_;
  if (abs >= furthest_) {
    furthest_ = abs;
    furthest_line_ = tok().line;
    furthest_type_ = tok().type;
  }
  throw ParseFail{};
}

int Parser::last_line() { return std::max(lex_.last_line(), known_last_line_); }

void Parser::raise(std::string msg, int line) {
  if (lex_.reached_eof() && lex_.open_bracket() != 0) {
    throw SyntaxIssue{std::string("'") + lex_.open_bracket() + "' was never closed", lex_.open_bracket_line()};
  }
  throw SyntaxIssue{std::move(msg), line};
}

void Parser::raise_here(std::string msg) { raise(std::move(msg), last_line()); }

// ------------------------------------------------------------------------------------------- statements

bool Parser::next_statements(std::vector<Node*>& out) {
  toks_.erase(toks_.begin(), toks_.begin() + static_cast<std::ptrdiff_t>(pos_));
  base_ += pos_;
  pos_ = 0;
  if (tok().type == Tok::End) return false;
  Level lv(*this, kStatementWeight);
  statement(out);
  return true;
}

void Parser::statement(std::vector<Node*>& out) {
  if (Node* c = compound_statement()) {
    out.push_back(c);
    return;
  }
  simple_statements(out);
}

void Parser::simple_statements(std::vector<Node*>& out) {
  out.push_back(simple_statement());
  while (is_op(";")) {
    take();
    if (tok().type == Tok::Newline) break;
    out.push_back(simple_statement());
  }
  if (tok().type != Tok::Newline) fail();
  take();
}

void Parser::colon() {
  if (is_op(":")) {
    take();
    return;
  }
  if (diag_ && tok().type == Tok::Newline) raise_here("expected ':'");
  fail();
}

void Parser::block(std::vector<Node*>& body, const char* what, int header_line) {
  Level lv(*this, kBlockWeight);
  if (tok().type != Tok::Newline) {
    simple_statements(body);
    return;
  }
  take();
  if (tok().type != Tok::Indent) {
    if (diag_) {
      raise(std::string("expected an indented block after ") + what + " on line " + std::to_string(header_line),
            tok().line);
    }
    fail();
  }
  take();
  while (tok().type != Tok::Dedent && tok().type != Tok::End) statement(body);
  if (tok().type == Tok::Dedent) take();
}

Node* Parser::compound_statement() {
  const Token& t = tok();
  if (t.type == Tok::Op && t.text == "@") {
    const int line = t.line;
    std::vector<Node*> decorators;
    while (is_op("@")) {
      take();
      decorators.push_back(named_expression());
      if (tok().type != Tok::Newline) fail();
      take();
    }
    if (is_kw("def")) return function_def(std::move(decorators), false, tok().line);
    if (is_kw("async") && is_kw("def", 1)) {
      take();
      return function_def(std::move(decorators), true, tok().line);
    }
    if (is_kw("class")) return class_def(std::move(decorators), tok().line);
    (void)line;
    fail();
  }
  if (t.type != Tok::Name) return nullptr;
  const std::string_view w = t.text;
  if (w == "if") return if_statement(false);
  if (w == "while") return while_statement();
  if (w == "for") return for_statement(false, t.line);
  if (w == "try") return try_statement();
  if (w == "with") return with_statement(false, t.line);
  if (w == "def") return function_def({}, false, t.line);
  if (w == "class") return class_def({}, t.line);
  if (w == "async") {
    const int line = t.line;
    if (is_kw("def", 1)) { take(); return function_def({}, true, line); }
    if (is_kw("for", 1)) { take(); return for_statement(true, line); }
    if (is_kw("with", 1)) { take(); return with_statement(true, line); }
    fail();
  }
  if (w == "match" && !is_op("=", 1) && !is_op(".", 1)) return match_statement();
  return nullptr;
}

Node* Parser::if_statement(bool elif) {
  const int line = take().line;
  Node* test = named_expression();
  colon();
  Node* n = node(Kind::If, line);
  n->kids.push_back(test);
  std::vector<Node*> body;
  block(body, elif ? "'elif' statement" : "'if' statement", line);
  n->n[0] = static_cast<int>(body.size());
  n->kids.insert(n->kids.end(), body.begin(), body.end());
  if (is_kw("elif")) {
    n->kids.push_back(if_statement(true));
  } else if (is_kw("else")) {
    const int else_line = take().line;
    colon();
    block(n->kids, "'else' statement", else_line);
  }
  return n;
}

// The body of a while/for loop (its statement count in n[0], then the statements) and its optional else
// block, appended to the loop node's kids.
void Parser::loop_body_and_else(Node* n, const char* what, int line) {
  std::vector<Node*> body;
  block(body, what, line);
  n->n[0] = static_cast<int>(body.size());
  n->kids.insert(n->kids.end(), body.begin(), body.end());
  if (is_kw("else")) {
    const int else_line = take().line;
    colon();
    block(n->kids, "'else' statement", else_line);
  }
}

Node* Parser::while_statement() {
  const int line = take().line;
  Node* test = named_expression();
  colon();
  Node* n = node(Kind::While, line);
  n->kids.push_back(test);
  loop_body_and_else(n, "'while' statement", line);
  return n;
}

Node* Parser::for_statement(bool is_async, int line) {
  take();  // for
  Node* target = star_targets();
  if (!is_kw("in")) fail();
  take();
  Node* iter = star_expressions();
  colon();
  Node* n = node(is_async ? Kind::AsyncFor : Kind::For, line);
  n->kids = {target, iter};
  loop_body_and_else(n, "'for' statement", line);
  return n;
}

Node* Parser::with_statement(bool is_async, int line) {
  take();  // with
  std::vector<Node*> items;
  auto item = [&]() {
    Node* it = node(Kind::WithItem, tok().line);
    it->kids.push_back(expression());
    if (is_kw("as")) {
      take();
      Node* target = binary(0);
      check_target(target, 1, true);
      it->kids.push_back(target);
    }
    return it;
  };
  bool done = false;
  if (is_op("(")) {
    const std::size_t m = mark();
    const int saved = brackets_;
    try {
      take();
      ++brackets_;
      std::vector<Node*> tmp;
      tmp.push_back(item());
      while (is_op(",")) {
        take();
        if (is_op(")")) break;
        tmp.push_back(item());
      }
      expect_op(")");
      --brackets_;
      if (!is_op(":")) fail();
      items = std::move(tmp);
      done = true;
    } catch (ParseFail&) {
      reset(m);
      brackets_ = saved;
    }
  }
  if (!done) {
    items.push_back(item());
    while (is_op(",")) {
      take();
      items.push_back(item());
    }
  }
  colon();
  Node* n = node(is_async ? Kind::AsyncWith : Kind::With, line);
  n->kids = items;
  n->n[0] = static_cast<int>(items.size());
  block(n->kids, "'with' statement", line);
  return n;
}

Node* Parser::try_statement() {
  const int line = take().line;
  colon();
  std::vector<Node*> body, handlers, orelse, finalbody;
  block(body, "'try' statement", line);
  bool star = false, plain = false;
  while (is_kw("except")) {
    const int hline = take().line;
    const bool is_star = is_op("*");
    if (is_star) take();
    (is_star ? star : plain) = true;
    Node* h = node(Kind::ExceptHandler, hline);
    if (is_op(":")) {
      if (is_star) {
        if (diag_) raise("expected one or more exception types", hline);
        fail();
      }
      h->kids.push_back(nullptr);
    } else {
      Node* type = expression();
      if (diag_ && is_op(",")) raise("multiple exception types must be parenthesized", hline);
      h->kids.push_back(type);
      if (is_kw("as")) {
        take();
        h->text = expect_name();
      }
    }
    colon();
    block(h->kids, is_star ? "'except*' statement" : "'except' statement", hline);
    handlers.push_back(h);
  }
  if (star && plain) {
    if (diag_) raise("cannot have both 'except' and 'except*' on the same 'try'", line);
    fail();
  }
  if (!handlers.empty() && is_kw("else")) {
    const int l = take().line;
    colon();
    block(orelse, "'else' statement", l);
  }
  if (is_kw("finally")) {
    const int l = take().line;
    colon();
    block(finalbody, "'finally' statement", l);
  }
  if (handlers.empty() && finalbody.empty()) {
    if (diag_) raise("expected 'except' or 'finally' block", tok().line);
    fail();
  }
  Node* n = node(star ? Kind::TryStar : Kind::Try, line);
  n->n[0] = static_cast<int>(body.size());
  n->n[1] = static_cast<int>(handlers.size());
  n->n[2] = static_cast<int>(orelse.size());
  for (auto* v : {&body, &handlers, &orelse, &finalbody}) n->kids.insert(n->kids.end(), v->begin(), v->end());
  return n;
}

Node* Parser::import_statement() {
  const int line = take().line;
  Node* n = node(Kind::Import, line);
  for (;;) {
    Node* alias = node(Kind::Alias, tok().line);
    alias->text = expect_name();
    while (is_op(".")) {
      take();
      alias->text += "." + expect_name();
    }
    if (is_kw("as")) {
      take();
      expect_name();
    }
    n->kids.push_back(alias);
    if (!is_op(",")) break;
    take();
  }
  if (diag_ && is_kw("from")) raise("Did you mean to use 'from ... import ...' instead?", line);
  return n;
}

Node* Parser::from_statement() {
  const int line = take().line;
  Node* n = node(Kind::ImportFrom, line);
  int level = 0;
  while (is_op(".") || is_op("...")) level += take().text.size() == 3 ? 3 : 1;
  if (is_name()) {
    n->text = take().name;
    n->n[1] = 1;
    while (is_op(".")) {
      take();
      n->text += "." + expect_name();
    }
  } else if (level == 0) {
    fail();
  }
  n->n[0] = level;
  if (!is_kw("import")) fail();
  take();
  if (is_op("*")) {
    take();
    return n;
  }
  const bool paren = is_op("(");
  if (paren) {
    take();
    ++brackets_;
  }
  for (;;) {
    Node* alias = node(Kind::Alias, tok().line);
    alias->text = expect_name();
    if (is_kw("as")) {
      take();
      expect_name();
    }
    n->kids.push_back(alias);
    if (!is_op(",")) break;
    take();
    if (paren && is_op(")")) break;
    if (!paren && (tok().type == Tok::Newline || is_op(";"))) {
      if (diag_) raise("trailing comma not allowed without surrounding parentheses", line);
      fail();
    }
  }
  if (paren) {
    expect_op(")");
    --brackets_;
  }
  return n;
}

Node* Parser::simple_statement() {
  const Token& t = tok();
  const int line = t.line;
  if (t.type == Tok::Name) {
    const std::string_view w = t.text;
    if (w == "pass" || w == "break" || w == "continue") {
      take();
      return node(w == "pass" ? Kind::Pass : w == "break" ? Kind::Break : Kind::Continue, line);
    }
    if (w == "return") {
      take();
      Node* n = node(Kind::Return, line);
      if (tok().type != Tok::Newline && !is_op(";")) n->kids.push_back(star_expressions());
      return n;
    }
    if (w == "raise") {
      take();
      Node* n = node(Kind::Raise, line);
      if (tok().type != Tok::Newline && !is_op(";")) {
        n->kids.push_back(expression());
        if (is_kw("from")) {
          take();
          n->kids.push_back(expression());
        }
      }
      return n;
    }
    if (w == "global" || w == "nonlocal") {
      take();
      Node* n = node(w == "global" ? Kind::Global : Kind::Nonlocal, line);
      expect_name();
      while (is_op(",")) {
        take();
        expect_name();
      }
      return n;
    }
    if (w == "del") {
      take();
      Node* n = node(Kind::Delete, line);
      for (;;) {
        Node* target = binary(0);
        check_target(target, 2, true);
        n->kids.push_back(target);
        if (!is_op(",")) break;
        take();
        if (tok().type == Tok::Newline || is_op(";")) break;
      }
      return n;
    }
    if (w == "assert") {
      take();
      Node* n = node(Kind::Assert, line);
      n->kids.push_back(expression());
      if (is_op(",")) {
        take();
        n->kids.push_back(expression());
      }
      return n;
    }
    if (w == "import") return import_statement();
    if (w == "from") return from_statement();
    if (w == "type" && tok(1).type == Tok::Name && (is_op("=", 2) || is_op("[", 2))) {
      take();
      Node* n = node(Kind::TypeAlias, line);
      Node* name = node(Kind::Name, tok().line);
      name->text = expect_name();
      n->kids.push_back(name);
      std::vector<Node*> tparams;
      type_params(tparams);
      n->n[0] = static_cast<int>(tparams.size());
      n->kids.insert(n->kids.end(), tparams.begin(), tparams.end());
      expect_op("=");
      n->kids.push_back(expression());
      return n;
    }
  }
  return expression_statement();
}

Node* Parser::expression_statement() {
  const int line = tok().line;
  const bool parenthesized = is_op("(");
  Node* first = is_kw("yield") ? yield_expression() : star_expressions();
  if (is_op(":")) {
    take();
    const Kind k = first->kind;
    if (k != Kind::Name && k != Kind::Attribute && k != Kind::Subscript) {
      if (diag_) {
        // only when an annotation follows
        const std::size_t m = mark();
        try {
          expression();
        } catch (ParseFail&) {
          reset(m);
          fail();
        }
        raise(k == Kind::Tuple ? "only single target (not tuple) can be annotated"
                               : "illegal target for annotation",
              first->line);
      }
      fail();
    }
    Node* n = node(Kind::AnnAssign, line);
    n->kids = {first, expression()};
    if (is_op("=")) {
      take();
      n->kids.push_back(is_kw("yield") ? yield_expression() : star_expressions());
    }
    n->n[0] = (k == Kind::Name && !parenthesized) ? 1 : 0;
    return n;
  }
  static const std::array<std::pair<std::string_view, Op>, 13> aug = {{
      {"+=", kAdd}, {"-=", kSub}, {"*=", kMult}, {"@=", kMatMult}, {"/=", kDiv}, {"%=", kMod}, {"&=", kBitAnd},
      {"|=", kBitOr}, {"^=", kBitXor}, {"<<=", kLShift}, {">>=", kRShift}, {"**=", kPow}, {"//=", kFloorDiv}}};
  for (const auto& [text, op] : aug) {
    if (!is_op(text)) continue;
    const Kind k = first->kind;
    if (k != Kind::Name && k != Kind::Attribute && k != Kind::Subscript) {
      if (diag_) {
        const char* what = k == Kind::Tuple ? "tuple" : k == Kind::List ? "list" : "expression";
        raise(std::string("'") + what + "' is an illegal expression for augmented assignment", first->line);
      }
      fail();
    }
    take();
    Node* n = node(Kind::AugAssign, line);
    n->op = op;
    n->kids = {first, is_kw("yield") ? yield_expression() : star_expressions()};
    return n;
  }
  if (is_op("=")) {
    std::vector<Node*> items{first};
    while (is_op("=")) {
      take();
      items.push_back(is_kw("yield") ? yield_expression() : star_expressions());
    }
    Node* n = node(Kind::Assign, line);
    for (std::size_t i = 0; i + 1 < items.size(); ++i) check_target(items[i], 0, true);
    n->n[0] = static_cast<int>(items.size() - 1);
    n->kids = std::move(items);
    return n;
  }
  Node* n = node(Kind::Expr, line);
  n->kids.push_back(first);
  return n;
}

}  // namespace inv::detectors::py
