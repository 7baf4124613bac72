// The syntax tree the analyser builds: one node type whose children are stored flat, in the order of the
// fields of the corresponding CPython `ast` class (the order `ast.NodeVisitor.generic_visit` walks them).
// Absent optional children are null entries. Counts `n[]` split the flat list where a kind has several
// list-valued fields (documented per kind below). Nodes live in an Arena owned by one parse; they never
// own each other, so destroying a deep tree is not recursive.
#pragma once

#include <cstdint>
#include <deque>
#include <string>
#include <vector>

namespace inv::detectors::py {

enum class Kind : std::uint8_t {
  // statements
  Module, FunctionDef, AsyncFunctionDef, ClassDef, Return, Delete, Assign, TypeAlias, AugAssign, AnnAssign,
  For, AsyncFor, While, If, With, AsyncWith, Match, Raise, Try, TryStar, Assert, Import, ImportFrom, Global,
  Nonlocal, Expr, Pass, Break, Continue,
  // expressions
  BoolOp, NamedExpr, BinOp, UnaryOp, Lambda, IfExp, Dict, Set, ListComp, SetComp, DictComp, GeneratorExp,
  Await, Yield, YieldFrom, Compare, Call, FormattedValue, JoinedStr, Constant, Attribute, Subscript, Starred,
  Name, List, Tuple, Slice,
  // helpers
  Comprehension, ExceptHandler, Arguments, Arg, Keyword, Alias, WithItem, MatchCase,
  MatchValue, MatchSingleton, MatchSequence, MatchMapping, MatchClass, MatchStar, MatchAs, MatchOr,
  TypeVar, ParamSpec, TypeVarTuple,
};

// Operators (BinOp/AugAssign/UnaryOp/BoolOp/Compare) in one numbering.
enum Op : std::uint8_t {
  kAdd, kSub, kMult, kMatMult, kDiv, kMod, kPow, kLShift, kRShift, kBitOr, kBitXor, kBitAnd, kFloorDiv,
  kInvert, kNot, kUAdd, kUSub, kAnd, kOr,
  kEq, kNotEq, kLt, kLtE, kGt, kGtE, kIs, kIsNot, kIn, kNotIn,
};

// Constant payload kinds.
enum ConstKind : std::uint8_t { kStr, kBytes, kInt, kFloat, kImag, kTrue, kFalse, kNone, kEllipsis };

// Layout of `kids` per kind (n[i] are counts):
//   FunctionDef: args, body[n0], decorators[n1], returns?, type_params...   (text = name)
//   ClassDef: bases[n0], keywords[n1], body[n2], decorators[n3], type_params...
//   Assign: targets[n0], value         For: target, iter, body[n0], orelse...
//   While/If: test, body[n0], orelse... With: items[n0], body...
//   Try: body[n0], handlers[n1], orelse[n2], finalbody...      ExceptHandler: type?, body... (text = name)
//   Match: subject, cases...           MatchCase: pattern, guard?, body...
//   TypeAlias: name, type_params[n0], value
//   Call: func, args[n0], keywords...  Dict: keys[n0] (null for **), values[n0]
//   Compare: left, comparators... (operators as bytes in `text`)         BoolOp: values... (op)
//   Arguments: posonly[n0], args[n1], vararg?, kwonly[n2], kw_defaults[n2] (nullable), kwarg?, defaults...
//   Comprehension: target, iter, ifs... (op = is_async)  FormattedValue: value, format_spec? (op = conv)
//   MatchMapping: keys[n0], patterns...  MatchClass: cls, patterns[n0], kwd_patterns...
//   Constant: op = ConstKind, text = value (UTF-8 for str, raw bytes for bytes, source text for numbers),
//             n0 = 1 when the kind is 'u'.
//   Name/Attribute/Keyword/Arg/Alias/Global/ImportFrom/...: names in `text`; ImportFrom: n0 = level,
//             n1 = 1 when a module name is present.
struct Node {
  Kind kind;
  std::uint8_t op = 0;
  int line = 0;
  int n[4] = {0, 0, 0, 0};
  std::string text;
  std::vector<Node*> kids;
};

class Arena {
 public:
  Node* make(Kind k, int line) {
    Node& n = nodes_.emplace_back();
    n.kind = k;
    n.line = line;
    return &n;
  }
  void clear() { nodes_.clear(); }

 private:
  std::deque<Node> nodes_;
};

// Whether generic_visit of this kind also visits an operator or expression-context singleton child.
inline bool has_singleton_child(Kind k) {
  switch (k) {
    case Kind::Attribute: case Kind::Subscript: case Kind::Starred: case Kind::List: case Kind::Tuple:
    case Kind::BoolOp: case Kind::BinOp: case Kind::UnaryOp: case Kind::AugAssign: case Kind::Compare:
      return true;
    default:
      return false;
  }
}

// `ast.unparse(node)` for expression nodes (call targets). Throws std::runtime_error carrying CPython's
// message when an integer is too large to convert to decimal text.
std::string unparse(const Node* n);

}  // namespace inv::detectors::py
