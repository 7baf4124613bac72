// The `match` statement and its patterns; see py_parser.hpp.
#include "plugins/python/py_parser.hpp"

namespace inv::detectors::py {

Node* Parser::match_statement() {
  // `match` is a soft keyword: when what follows is not `subject ':'` the line is an ordinary statement.
  const std::size_t m = mark();
  const int saved = brackets_;
  const int line = take().line;
  Node* subject = nullptr;
  try {
    const int sline = tok().line;
    Node* first = star_named_expression();
    if (is_op(",")) {
      subject = node(Kind::Tuple, sline);
      subject->kids.push_back(first);
      while (is_op(",")) {
        take();
        if (!starts_expression(0)) break;
        subject->kids.push_back(star_named_expression());
      }
    } else {
      subject = first;
    }
  } catch (ParseFail&) {
    reset(m);
    brackets_ = saved;
    return nullptr;
  }
  if (!is_op(":")) {
    if (diag_ && tok().type == Tok::Newline) raise_here("expected ':'");
    reset(m);
    brackets_ = saved;
    return nullptr;
  }
  take();
  Level lv(*this, 8);
  if (tok().type != Tok::Newline) fail();
  take();
  if (tok().type != Tok::Indent) {
    if (diag_) raise("expected an indented block after 'match' statement on line " + std::to_string(line), tok().line);
    fail();
  }
  take();
  Node* n = node(Kind::Match, line);
  n->kids.push_back(subject);
  while (tok().type == Tok::Name && tok().text == "case") {
    const int cline = take().line;
    Node* c = node(Kind::MatchCase, cline);
    // open sequence pattern: `case a, b:`
    Node* p = pattern(true);
    if (is_op(",")) {
      Node* seq = node(Kind::MatchSequence, p->line);
      seq->kids.push_back(p);
      while (is_op(",")) {
        take();
        if (is_op(":") || is_kw("if")) break;
        seq->kids.push_back(pattern(true));
      }
      p = seq;
    }
    c->kids.push_back(p);
    Node* guard = nullptr;
    if (is_kw("if")) {
      take();
      guard = named_expression();
    }
    c->kids.push_back(guard);
    colon();
    block(c->kids, "'case' statement", cline);
    n->kids.push_back(c);
  }
  if (n->kids.size() == 1) fail();
  if (tok().type != Tok::Dedent) fail();
  take();
  return n;
}

Node* Parser::pattern(bool top) {
  (void)top;
  Node* p = or_pattern();
  if (is_kw("as")) {
    take();
    Node* as = node(Kind::MatchAs, p->line);
    as->text = expect_name();
    as->kids.push_back(p);
    return as;
  }
  return p;
}

Node* Parser::or_pattern() {
  Node* first = closed_pattern();
  if (!is_op("|")) return first;
  Node* n = node(Kind::MatchOr, first->line);
  n->kids.push_back(first);
  while (is_op("|")) {
    take();
    n->kids.push_back(closed_pattern());
  }
  return n;
}

void Parser::pattern_list(std::vector<Node*>& out, std::string_view close) {
  while (!is_op(close)) {
    out.push_back(pattern(false));
    if (!is_op(",")) break;
    take();
  }
}

Node* Parser::closed_pattern() {
  Level lv(*this, 2);
  const Token& t = tok();
  const int line = t.line;
  if (is_op("*")) {
    take();
    Node* s = node(Kind::MatchStar, line);
    s->text = expect_name();
    return s;
  }
  if (t.type == Tok::Number || t.type == Tok::String || t.type == Tok::FStart || is_op("-")) {
    Node* v = node(Kind::MatchValue, line);
    v->kids.push_back(binary(4));  // signed numbers and complex literals
    return v;
  }
  if (t.type == Tok::Name && (t.text == "None" || t.text == "True" || t.text == "False")) {
    take();
    return node(Kind::MatchSingleton, line);
  }
  if (is_name()) {
    Node* value = node(Kind::Name, line);
    value->text = take().name;
    bool dotted = false;
    while (is_op(".")) {
      take();
      Node* a = node(Kind::Attribute, line);
      a->text = expect_name();
      a->kids.push_back(value);
      value = a;
      dotted = true;
    }
    if (is_op("(")) {
      take();
      ++brackets_;
      Node* c = node(Kind::MatchClass, line);
      c->kids.push_back(value);
      std::vector<Node*> positional, keyword;
      while (!is_op(")")) {
        if (is_name() && is_op("=", 1)) {
          take();
          take();
          keyword.push_back(pattern(false));
        } else {
          if (!keyword.empty()) fail();
          positional.push_back(pattern(false));
        }
        if (!is_op(",")) break;
        take();
      }
      expect_op(")");
      --brackets_;
      c->n[0] = static_cast<int>(positional.size());
      c->kids.insert(c->kids.end(), positional.begin(), positional.end());
      c->kids.insert(c->kids.end(), keyword.begin(), keyword.end());
      return c;
    }
    if (dotted) {
      Node* v = node(Kind::MatchValue, line);
      v->kids.push_back(value);
      return v;
    }
    Node* as = node(Kind::MatchAs, line);
    if (value->text != "_") as->text = value->text;
    return as;
  }
  if (is_op("(") || is_op("[")) {
    const bool paren = is_op("(");
    take();
    ++brackets_;
    std::vector<Node*> items;
    bool comma = false;
    const std::string_view close = paren ? ")" : "]";
    while (!is_op(close)) {
      items.push_back(pattern(false));
      if (!is_op(",")) break;
      take();
      comma = true;
    }
    expect_op(close);
    --brackets_;
    if (paren && items.size() == 1 && !comma) return items[0];
    Node* s = node(Kind::MatchSequence, line);
    s->kids = std::move(items);
    return s;
  }
  if (is_op("{")) {
    take();
    ++brackets_;
    Node* mp = node(Kind::MatchMapping, line);
    std::vector<Node*> keys, values;
    while (!is_op("}")) {
      if (is_op("**")) {
        take();
        mp->text = expect_name();
      } else {
        Node* key;
        if (is_name()) {
          key = node(Kind::Name, tok().line);
          key->text = take().name;
          while (is_op(".")) {
            take();
            Node* a = node(Kind::Attribute, key->line);
            a->text = expect_name();
            a->kids.push_back(key);
            key = a;
          }
        } else {
          key = binary(4);
        }
        expect_op(":");
        keys.push_back(key);
        values.push_back(pattern(false));
      }
      if (!is_op(",")) break;
      take();
    }
    expect_op("}");
    --brackets_;
    mp->n[0] = static_cast<int>(keys.size());
    mp->kids = std::move(keys);
    mp->kids.insert(mp->kids.end(), values.begin(), values.end());
    return mp;
  }
  fail();
}

}  // namespace inv::detectors::py
