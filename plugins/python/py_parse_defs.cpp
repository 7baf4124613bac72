// Function and class definitions of the parser: parameters, defaults, annotations and type parameters;
// see py_parser.hpp.
#include "plugins/python/py_parser.hpp"

namespace inv::detectors::py {

namespace {
constexpr int kDefaultWeight = 18;  // a parameter default, down to its atom
}  // namespace

void Parser::type_params(std::vector<Node*>& out) {
  if (!is_op("[")) return;
  take();
  ++brackets_;
  for (;;) {
    const int line = tok().line;
    Node* p;
    if (is_op("*")) {
      take();
      p = node(Kind::TypeVarTuple, line);
      p->text = expect_name();
    } else if (is_op("**")) {
      take();
      p = node(Kind::ParamSpec, line);
      p->text = expect_name();
    } else {
      p = node(Kind::TypeVar, line);
      p->text = expect_name();
      if (is_op(":")) {
        take();
        p->kids.push_back(expression());
      }
    }
    out.push_back(p);
    if (!is_op(",")) break;
    take();
    if (is_op("]")) break;
  }
  expect_op("]");
  --brackets_;
}

Node* Parser::function_def(std::vector<Node*> decorators, bool is_async, int line) {
  take();  // def
  Node* n = node(is_async ? Kind::AsyncFunctionDef : Kind::FunctionDef, line);
  n->text = expect_name();
  std::vector<Node*> tparams;
  type_params(tparams);
  if (!is_op("(")) {
    if (diag_) raise("expected '('", tok().line);
    fail();
  }
  take();
  ++brackets_;
  Node* args = parameters(true, ")");
  expect_op(")");
  --brackets_;
  Node* returns = nullptr;
  if (is_op("->")) {
    take();
    returns = expression();
  }
  colon();
  std::vector<Node*> body;
  block(body, "function definition", line);
  n->kids.push_back(args);
  n->n[0] = static_cast<int>(body.size());
  n->n[1] = static_cast<int>(decorators.size());
  n->kids.insert(n->kids.end(), body.begin(), body.end());
  n->kids.insert(n->kids.end(), decorators.begin(), decorators.end());
  n->kids.push_back(returns);
  n->kids.insert(n->kids.end(), tparams.begin(), tparams.end());
  return n;
}

Node* Parser::class_def(std::vector<Node*> decorators, int line) {
  take();  // class
  Node* n = node(Kind::ClassDef, line);
  n->text = expect_name();
  std::vector<Node*> tparams;
  type_params(tparams);
  std::vector<Node*> bases, keywords;
  if (is_op("(")) {
    Node* c = call(nullptr);
    for (int i = 0; i < c->n[0]; ++i) bases.push_back(c->kids[1 + i]);
    keywords.assign(c->kids.begin() + 1 + c->n[0], c->kids.end());
  }
  colon();
  std::vector<Node*> body;
  block(body, "class definition", line);
  n->n[0] = static_cast<int>(bases.size());
  n->n[1] = static_cast<int>(keywords.size());
  n->n[2] = static_cast<int>(body.size());
  n->n[3] = static_cast<int>(decorators.size());
  for (auto* v : {&bases, &keywords, &body, &decorators, &tparams}) n->kids.insert(n->kids.end(), v->begin(), v->end());
  return n;
}

Node* Parser::parameters(bool annotations, std::string_view close) {
  Node* a = node(Kind::Arguments, tok().line);
  std::vector<Node*> posonly, args, kwonly, kwdefaults, defaults;
  Node* vararg = nullptr;
  Node* kwarg = nullptr;
  bool star = false;
  auto arg = [&](bool star_annotation) {
    Node* p = node(Kind::Arg, tok().line);
    p->text = expect_name();
    if (annotations && is_op(":")) {
      take();
      if (star_annotation && is_op("*")) {
        const int l = take().line;
        Node* s = node(Kind::Starred, l);
        s->kids.push_back(binary(0));
        p->kids.push_back(s);
      } else {
        p->kids.push_back(expression());
      }
    }
    return p;
  };
  while (!is_op(close)) {
    if (is_op("/")) {
      if (star || args.empty() || !posonly.empty()) fail();
      take();
      posonly = std::move(args);
      args.clear();
    } else if (is_op("*")) {
      if (star) fail();
      take();
      star = true;
      if (!is_op(",")) vararg = arg(true);
    } else if (is_op("**")) {
      take();
      kwarg = arg(false);
      if (is_op(",")) take();
      break;
    } else {
      Node* p = arg(false);
      Node* def = nullptr;
      if (is_op("=")) {
        take();
        def = expression(kDefaultWeight);
      }
      if (star) {
        kwonly.push_back(p);
        kwdefaults.push_back(def);
      } else {
        if (def == nullptr && !defaults.empty()) {
          if (diag_) raise("parameter without a default follows parameter with a default", p->line);
          fail();
        }
        args.push_back(p);
        if (def != nullptr) defaults.push_back(def);
      }
    }
    if (!is_op(",")) break;
    take();
  }
  a->n[0] = static_cast<int>(posonly.size());
  a->n[1] = static_cast<int>(args.size());
  a->n[2] = static_cast<int>(kwonly.size());
  a->kids.insert(a->kids.end(), posonly.begin(), posonly.end());
  a->kids.insert(a->kids.end(), args.begin(), args.end());
  a->kids.push_back(vararg);
  a->kids.insert(a->kids.end(), kwonly.begin(), kwonly.end());
  a->kids.insert(a->kids.end(), kwdefaults.begin(), kwdefaults.end());
  a->kids.push_back(kwarg);
  a->kids.insert(a->kids.end(), defaults.begin(), defaults.end());
  return a;
}

}  // namespace inv::detectors::py
