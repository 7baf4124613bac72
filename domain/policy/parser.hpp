// Policy text -> AST. A deterministic recursive-descent parser with Python precedence
// (DECISIONS.md §4) and the reference's line structure (§4a, LANGUAGE.md §2.2, §4.3).
// Stops at the first syntax error (the reference reports only one). Thread-safe (no shared state).
#pragma once

#include <memory>
#include <string_view>
#include <vector>

#include "domain/policy/ast.hpp"
#include "domain/policy/diagnostics.hpp"

namespace inv::policy {

struct ParseLimits {
  std::size_t max_source_bytes = 1 << 20;  // 1 MiB of policy text
  int max_nesting = 200;                   // brackets / operators nested deeper -> syntax error
};

struct ParseOutcome {
  std::shared_ptr<Module> module;          // null when `errors` is non-empty
  std::vector<Diagnostic> errors;          // at most one syntax error
};

ParseOutcome parse_policy(std::string_view text, const ParseLimits& limits = {});

// Parses a single expression (one rule-body line); used by tests and tools.
ParseOutcome parse_expression(std::string_view text, ExprPtr& out, const ParseLimits& limits = {});

// S-expression rendering in the notation of LANGUAGE.md / parse_vectors.tsv, e.g. `(== (. m role) 'a')`.
std::string to_sexpr(const Expr& e);

// Notes on the parser's contract (additions; the declarations above are unchanged):
// * Syntax errors: Diagnostic{kind = Syntax, pos = (0-based line, 1-based column) in the dedented
//   source} whose message names the unexpected token (or end of line / end of input) and what was
//   expected in a fixed order, e.g. "Unexpected token ')' at line 3, column 7. Expected one of:
//   identifier, number, string, ...". Line numbers inside messages are 1-based, like the numbered
//   lines of render_policy_errors. A source larger than max_source_bytes gives one Diagnostic with
//   kind = Limit. Render errors over `dedent(text)`, the text the positions refer to.
// * ParseLimits::max_nesting bounds both the syntactic nesting (brackets, unary operators, `**`,
//   blocks) and the height of every expression tree (so long operator chains count as well);
//   values above 500 are treated as 500 to keep the recursion of the parser and of the tree's
//   consumers bounded (the parser needs under 2 KiB of stack per level: ~350 KiB at the default).
// * Node positions: the first token of the node, where the parentheses of a parenthesised
//   expression and of a typed identifier `(name: T)` do not count (a typed identifier is at its
//   name; a binary expression is where its left operand is).
// * Comparison chains: `a < b < c` is Binary(And, Binary(Lt, a, b), Binary(Lt, b, c)) whose two
//   comparisons share the same ExprPtr for `b` (Python evaluates `b` once; an evaluator may cache
//   by node identity or evaluate twice — the node has no side effects unless it calls a detector).
//   Longer chains fold to the left: ((a<b and b<c) and c<d).
// * `not` may also appear where an operand of a tighter operator is expected (`a == not b`,
//   accepted by the reference although Python rejects it); it then takes a `not`-level operand.
// * A Quantifier's items[0] is its callee (Identifier, Call or Member); `not forall:` sets negated.
//   A ListComp without condition has items[2] == nullptr. A Pattern has no items (text = tool name).
// * to_sexpr notation beyond the vector file: `(is a (not1 b))` for `is not` (the reference's own
//   shape), `(not in a b)`, `(+1 x)`, lists `[a b]`, dicts `{'k':v 'j':w}`, `<EMAIL_ADDRESS>`, `*`,
//   `(pattern tool:x [args])`, `(quantifier forall [lines])` (negated: `(not1 (quantifier ...))`),
//   `(ternary a cond b)`, `(listcomp elem var iterable [cond])`, floats as Python repr.

// A whole module, one statement per line: `(from m import a b as c)`, `(import m as n)`,
// `(:= NAME [lines])`, `(:= (NAME p:T) [lines])`, `(raise HEAD [lines])`. For tests and tools.
std::string to_sexpr(const Module& m);

}  // namespace inv::policy
