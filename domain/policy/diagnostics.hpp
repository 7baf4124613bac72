// Policy diagnostics: an error at a source position, and the reference-style report that lists them
// (TRACE_AND_RESULTS.md §6.3: "Failed to create policy from policy source. ..." with numbered source
// lines and a caret). Pure functions, thread-safe.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "domain/policy/ast.hpp"

namespace inv::policy {

enum class DiagnosticKind { Syntax, Scope, Type, Import, Limit };

struct Diagnostic {
  DiagnosticKind kind = DiagnosticKind::Syntax;
  SourcePos pos;          // 0-based line, 1-based column, in the dedented source
  std::string message;    // may contain newlines
};

// The full PolicyLoadingError text for `errors` over the dedented `source`.
std::string render_policy_errors(std::string_view source, const std::vector<Diagnostic>& errors);

// Python textwrap.dedent (LANGUAGE.md §2.1).
std::string dedent(std::string_view text);

}  // namespace inv::policy
