// The policy AST: what the parser produces and the checker and evaluator consume.
//
// One node struct for every expression kind (a tagged tree, as in cel-cpp's parsed expressions): the
// parser builds it once, then it is immutable and shared by every evaluation of a compiled policy, so it
// is safe to read from many threads. Positions are those of the dedented source (LANGUAGE.md §2.1):
// `line` is 0-based, `column` 1-based — the convention the reference's error reports use (§7.3).
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <utility>
#include <vector>

namespace inv::policy {

struct SourcePos {
  int line = 0;    // 0-based line in the dedented source
  int column = 1;  // 1-based column of the node's first token
};

enum class ExprKind : std::uint8_t {
  None,           // None literal
  Bool,           // True / False                       -> bool_value
  Int,            // integer literal                    -> int_value
  Float,          // float literal                      -> float_value
  String,         // string literal (already unescaped) -> text
  Identifier,     // name                               -> text
  TypedIdent,     // (name: Type)                       -> text = name, type_name = Type
  ToolRef,        // tool:name                          -> text = name
  ValueRef,       // <EMAIL_ADDRESS>                    -> text = EMAIL_ADDRESS
  Wildcard,       // *
  List,           // [a, b]                             -> items
  Dict,           // {k: v}                             -> entries (key text, value)
  Unary,          // not x, -x, +x                      -> op, items[0]
  Binary,         // a op b                             -> op, items[0], items[1]
  Assign,         // name := value                      -> text = name, items[0] = value
  Member,         // obj.name                           -> items[0] = obj, text = name
  Key,            // obj[key]                           -> items[0] = obj, items[1] = key
  Call,           // f(args, k=v)                       -> items[0] = callee, args, kwargs
  Pattern,        // tool:name(args) semantic pattern   -> text = tool name, args
  Quantifier,     // forall: / count(min=1): / not ...: -> items[0] = callee expr, body, negated
  Ternary,        // a if c else b                      -> items[0] = a, items[1] = c, items[2] = b
  ListComp,       // [e for x in it if c]               -> items[0]=e, items[1]=it, items[2]=c|null, text = x
};

enum class Op : std::uint8_t {
  None_,
  // unary
  Not, Neg, Pos,
  // binary, by Python precedence level
  Or, And,
  Eq, Ne, Lt, Gt, Le, Ge, In, NotIn, Is, IsNot, ContainsOnly, Flow, DirectFlow,
  Add, Sub,
  Mul, Div, Mod,
  Pow,
};

const char* op_text(Op op);  // "==", "not in", "->", ... (the reference's operator text)

struct Expr;
using ExprPtr = std::shared_ptr<const Expr>;

struct Expr {
  ExprKind kind = ExprKind::None;
  Op op = Op::None_;
  SourcePos pos;
  bool bool_value = false;
  bool negated = false;         // Quantifier: `not forall:`
  std::int64_t int_value = 0;
  double float_value = 0.0;
  std::string text;             // identifier / string value / member name / tool name / bound variable
  std::string type_name;        // TypedIdent
  std::vector<ExprPtr> items;   // operands, list items, callee etc. (see ExprKind)
  std::vector<ExprPtr> args;    // Call / Pattern positional arguments
  std::vector<std::pair<std::string, ExprPtr>> kwargs;   // Call keyword arguments, source order
  std::vector<std::pair<std::string, ExprPtr>> entries;  // Dict entries, source order
  std::vector<ExprPtr> body;    // Quantifier body lines
};

// Calls f(child) for every sub-expression of `e`, in a fixed order: items (non-null), positional
// arguments, keyword argument values, dict entry values, quantifier body lines.
template <class F>
void for_each_child(const Expr& e, F&& f) {
  for (const auto& x : e.items)
    if (x) f(*x);
  for (const auto& x : e.args) f(*x);
  for (const auto& [_, x] : e.kwargs) f(*x);
  for (const auto& [_, x] : e.entries) f(*x);
  for (const auto& x : e.body) f(*x);
}

struct ImportSpec {
  std::string name;   // imported name (or module for `import M`)
  std::string alias;  // empty when no `as`
  SourcePos pos;
};

struct Import {
  bool from = false;       // from M import a, b as c   (false: import M [as N])
  std::string module;      // "invariant.detectors"
  std::vector<ImportSpec> specs;
  SourcePos pos;
};

struct Parameter {
  std::string name;
  std::string type_name;
  SourcePos pos;
};

// `name := expr`, `name(p: T, ...) := expr`, or the indented multi-line forms.
struct Declaration {
  std::string name;
  bool is_predicate = false;      // has a parameter list (even an empty one)
  std::vector<Parameter> params;
  std::vector<ExprPtr> body;      // one expression per line; constants use only the first
  SourcePos pos;
};

// `raise HEAD if:` + body lines (a conjunction).
struct Rule {
  ExprPtr head;                   // String, Identifier or Call
  std::vector<ExprPtr> body;
  SourcePos pos;
  int index = 0;                  // 0-based position among the policy's rules
};

struct Module {
  std::vector<Import> imports;
  std::vector<Declaration> declarations;
  std::vector<Rule> rules;
  std::string source;             // the dedented source (what diagnostics quote)
};

}  // namespace inv::policy
