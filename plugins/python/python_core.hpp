// Python source analyser behind the python_code / ipython_code detectors.
//
// analyze_python() parses a program as Python 3.12 and reports what the reference detector reports after
// `ast.parse` + an `ast.NodeVisitor` walk: the imported modules, every use of a builtin name (in visiting
// order, duplicates kept), the `ast.unparse` text of every call target (sorted, unique) and, when the text is
// not a valid program, the text CPython would give for the exception.
//
// The analyser is a self-contained scanner and recursive-descent parser rather than an embedded CPython: an
// interpreter in the server process would bring a global interpreter lock and a large attack surface for
// untrusted text. Recursion is bounded by an explicit level counter (deep inputs get CPython's "too
// complex" messages instead of exhausting the stack) and the work runs on a helper thread with a stack of
// its own, so the caller's stack size does not matter.
//
// Thread-safety: analyze_python is a pure function of its argument and may be called concurrently. The
// returned value owns all its data; nothing refers back to `code` after the call returns.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace inv::detectors {

struct PythonAnalysis {
  std::vector<std::optional<std::string>> imports;  // std::nullopt for `from . import x`
  std::vector<std::string> builtins;
  std::vector<std::string> function_calls;  // sorted, unique
  bool syntax_error = false;
  std::string syntax_error_exception;
};

PythonAnalysis analyze_python(std::string_view code);

// Python's universal newlines: CR LF and a lone CR become LF (what the tokenizer reads).
std::string normalise_newlines(std::string_view s);

}  // namespace inv::detectors
