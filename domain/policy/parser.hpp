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

}  // namespace inv::policy
