// Calls, subscripts, parenthesised forms, list/set/dict displays and comprehensions of the parser, with
// the forgotten-comma diagnosis that applies inside brackets; see py_parser.hpp.
#include "plugins/python/py_parser.hpp"

namespace inv::detectors::py {

// ------------------------------------------------------------------------------------------- displays

void Parser::check_forgot_comma(std::size_t elt_start) {
  if (!diag_ || brackets_ <= 0 || !starts_expression(0) || is_op("*") || is_op("-") || is_op("+")) return;
  const Token& first = toks_[elt_start];
  if (first.type == Tok::Name) {
    const Tok after = toks_[elt_start + 1].type;
    if (after == Tok::String || after == Tok::FStart) return;
    if (first.text == "match" || first.text == "case" || first.text == "_" || first.text == "type") return;
  }
  const int line = first.line;
  const std::size_t m = mark();
  const int saved = brackets_;
  bool ok = false;
  try {
    expression();
    tok();
    ok = true;
  } catch (ParseFail&) {
  }
  reset(m);
  brackets_ = saved;
  if (ok) raise("invalid syntax. Perhaps you forgot a comma?", line);
}

Node* Parser::call(Node* func) {
  const int line = take().line;
  ++brackets_;
  Node* c = node(Kind::Call, func != nullptr ? func->line : line);
  std::vector<Node*> args, keywords;
  bool seen_kw = false, seen_kw_unpack = false;
  while (!is_op(")")) {
    const std::size_t start = mark();
    if (is_op("*")) {
      Node* s = node(Kind::Starred, take().line);
      s->kids.push_back(expression());
      if (seen_kw_unpack) {
        if (diag_) raise("iterable argument unpacking follows keyword argument unpacking", s->line);
        fail();
      }
      args.push_back(s);
    } else if (is_op("**")) {
      Node* k = node(Kind::Keyword, take().line);
      k->kids.push_back(expression());
      keywords.push_back(k);
      seen_kw_unpack = true;
    } else if (is_name() && is_op("=", 1)) {
      Node* k = node(Kind::Keyword, tok().line);
      k->text = take().name;
      k->n[0] = 1;
      take();
      k->kids.push_back(expression());
      keywords.push_back(k);
      seen_kw = true;
    } else {
      Node* e = is_name() && is_op(":=", 1) ? named_expression() : expression();
      if (is_kw("for") || (is_kw("async") && is_kw("for", 1))) {
        Node* g = node(Kind::GeneratorExp, e->line);
        g->kids.push_back(e);
        comprehension_clauses(g);
        if (!args.empty() || !keywords.empty() || !is_op(")")) {
          if (diag_) raise("Generator expression must be parenthesized", e->line);
          fail();
        }
        e = g;
      }
      if (is_op("=")) {
        if (diag_) raise("expression cannot contain assignment, perhaps you meant \"==\"?", e->line);
        fail();
      }
      if (seen_kw_unpack || seen_kw) {
        if (diag_) {
          raise(seen_kw_unpack ? "positional argument follows keyword argument unpacking"
                               : "positional argument follows keyword argument",
                e->line);
        }
        fail();
      }
      args.push_back(e);
    }
    if (!is_op(",") && !is_op(")")) check_forgot_comma(start);
    if (!is_op(",")) break;
    take();
  }
  expect_op(")");
  --brackets_;
  c->kids.push_back(func);
  c->n[0] = static_cast<int>(args.size());
  c->kids.insert(c->kids.end(), args.begin(), args.end());
  c->kids.insert(c->kids.end(), keywords.begin(), keywords.end());
  return c;
}

Node* Parser::slice() {
  const int line = tok().line;
  if (is_op("*")) {
    Node* s = node(Kind::Starred, take().line);
    s->kids.push_back(binary(0));
    return s;
  }
  Node* lower = nullptr;
  if (!is_op(":")) {
    lower = named_expression();
    if (!is_op(":")) return lower;
  }
  take();
  Node* n = node(Kind::Slice, line);
  Node* upper = (is_op(":") || is_op("]") || is_op(",")) ? nullptr : expression();
  Node* step = nullptr;
  if (is_op(":")) {
    take();
    if (!is_op("]") && !is_op(",")) step = expression();
  }
  n->kids = {lower, upper, step};
  return n;
}

Node* Parser::subscript(Node* value) {
  const int line = take().line;
  ++brackets_;
  std::size_t start = mark();
  Node* first = slice();
  Node* index = first;
  if (is_op(",") || first->kind == Kind::Starred) {
    index = node(Kind::Tuple, first->line);
    index->kids.push_back(first);
    while (is_op(",")) {
      take();
      if (is_op("]")) break;
      start = mark();
      index->kids.push_back(slice());
    }
  }
  if (!is_op("]")) check_forgot_comma(start);
  expect_op("]");
  --brackets_;
  Node* s = node(Kind::Subscript, value->line);
  (void)line;
  s->kids = {value, index};
  return s;
}

void Parser::comprehension_clauses(Node* comp) {
  while (is_kw("for") || (is_kw("async") && is_kw("for", 1))) {
    Node* c = node(Kind::Comprehension, tok().line);
    if (is_kw("async")) {
      take();
      c->op = 1;
    }
    take();
    Node* target = star_targets();
    if (!is_kw("in")) fail();
    take();
    c->kids = {target, disjunction()};
    while (is_kw("if")) {
      take();
      c->kids.push_back(disjunction());
    }
    comp->kids.push_back(c);
  }
}

Node* Parser::paren_atom() {
  const int line = take().line;
  ++brackets_;
  Node* result;
  if (is_op(")")) {
    result = node(Kind::Tuple, line);
  } else if (is_kw("yield")) {
    result = yield_expression();
  } else {
    std::size_t start = mark();
    Node* first = star_named_expression();
    if (is_kw("for") || (is_kw("async") && is_kw("for", 1))) {
      result = node(Kind::GeneratorExp, line);
      result->kids.push_back(first);
      comprehension_clauses(result);
    } else if (is_op(")")) {
      if (first->kind == Kind::Starred) {
        if (diag_) raise("cannot use starred expression here", first->line);
        fail();
      }
      result = first;
    } else {
      result = node(Kind::Tuple, line);
      result->kids.push_back(first);
      while (is_op(",")) {
        take();
        if (is_op(")")) break;
        start = mark();
        result->kids.push_back(star_named_expression());
      }
      if (!is_op(")")) check_forgot_comma(start);
    }
  }
  expect_op(")");
  --brackets_;
  return result;
}

Node* Parser::list_atom() {
  const int line = take().line;
  ++brackets_;
  Node* result;
  if (is_op("]")) {
    result = node(Kind::List, line);
  } else {
    std::size_t start = mark();
    Node* first = star_named_expression();
    if (is_kw("for") || (is_kw("async") && is_kw("for", 1))) {
      result = node(Kind::ListComp, line);
      result->kids.push_back(first);
      comprehension_clauses(result);
    } else {
      result = node(Kind::List, line);
      result->kids.push_back(first);
      while (is_op(",")) {
        take();
        if (is_op("]")) break;
        start = mark();
        result->kids.push_back(star_named_expression());
      }
    }
    if (!is_op("]")) check_forgot_comma(start);
  }
  expect_op("]");
  --brackets_;
  return result;
}

Node* Parser::brace_atom() {
  const int line = take().line;
  ++brackets_;
  Node* result;
  if (is_op("}")) {
    result = node(Kind::Dict, line);
  } else {
    std::size_t start = mark();
    Node* first = nullptr;
    Node* first_value = nullptr;
    bool dict = false;
    if (is_op("**")) {
      take();
      first_value = binary(0);
      dict = true;
    } else {
      first = star_named_expression();
      if (is_op(":")) {
        take();
        if (diag_ && (is_op("}") || is_op(","))) raise("expression expected after dictionary key and ':'", first->line);
        first_value = expression();
        dict = true;
      }
    }
    if (dict) {
      if (first != nullptr && (is_kw("for") || (is_kw("async") && is_kw("for", 1)))) {
        result = node(Kind::DictComp, line);
        result->kids = {first, first_value};
        comprehension_clauses(result);
      } else {
        std::vector<Node*> keys{first}, values{first_value};
        while (is_op(",")) {
          take();
          if (is_op("}")) break;
          start = mark();
          if (is_op("**")) {
            take();
            keys.push_back(nullptr);
            values.push_back(binary(0));
            continue;
          }
          Node* k = expression();
          if (!is_op(":")) {
            if (diag_ && (is_op("}") || is_op(","))) raise("':' expected after dictionary key", k->line);
            fail();
          }
          take();
          if (diag_ && (is_op("}") || is_op(","))) raise("expression expected after dictionary key and ':'", k->line);
          keys.push_back(k);
          values.push_back(expression());
        }
        result = node(Kind::Dict, line);
        result->n[0] = static_cast<int>(keys.size());
        result->kids = std::move(keys);
        result->kids.insert(result->kids.end(), values.begin(), values.end());
      }
    } else if (is_kw("for") || (is_kw("async") && is_kw("for", 1))) {
      result = node(Kind::SetComp, line);
      result->kids.push_back(first);
      comprehension_clauses(result);
    } else {
      result = node(Kind::Set, line);
      result->kids.push_back(first);
      while (is_op(",")) {
        take();
        if (is_op("}")) break;
        start = mark();
        result->kids.push_back(star_named_expression());
      }
    }
    if (!is_op("}")) check_forgot_comma(start);
  }
  expect_op("}");
  --brackets_;
  return result;
}

}  // namespace inv::detectors::py
