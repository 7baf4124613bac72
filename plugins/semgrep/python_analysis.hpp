// Internal: the Python analysis of the semgrep detector core. PyAnalysis walks the syntax tree of one
// statement at a time (python_scan.cpp), keeps the facts the rules need (import aliases, names bound to
// literals, names holding user input) and applies the rules (python_rules.cpp).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "plugins/python/py_ast.hpp"
#include "plugins/semgrep/semgrep_internal.hpp"

namespace inv::detectors::semgrep_internal {

struct PyImports {
  std::unordered_map<std::string, std::string> alias;  // local name -> qualified name
  std::vector<std::string> star;                       // modules imported with `*`
};

// Reads the import statements of `src` with the Python scanner (the syntax tree does not keep `as` names).
PyImports collect_python_imports(std::string_view src);

// Context flags of the walk.
enum PyFlag : std::uint8_t {
  kSecretValue = 1,     // the value ends up in a variable/argument/key named like a secret
  kSecretFunction = 2,  // inside a function named like a secret producer (its return values count)
};

class PyAnalysis {
 public:
  PyAnalysis(std::string_view src, const HitSink& sink, PyImports imports);

  // Facts and rules for one top-level statement; returns the last line the statement's nodes are on.
  int statement(const py::Node* s);

  // ---- helpers (python_scan.cpp)
  // Qualified dotted name of a Name/Attribute chain (through the import aliases), "" when there is none.
  std::string qual(const py::Node* n) const;
  // Whether `n` is made only of literals (constants, f-strings without fields, names bound to literals).
  bool literal(const py::Node* n, int depth = 0) const;
  // The string value of a literal string expression, when known.
  std::optional<std::string> str_value(const py::Node* n, int depth = 0) const;
  // Whether the expression contains user input (input(), sys.argv, sys.stdin, request data, tainted names).
  bool from_user(const py::Node* n) const;
  // Last line of the source a node's match covers (its subtree plus lines holding only closing brackets).
  int end_line(const py::Node* n) const;
  void hit(std::string_view rule, const py::Node* n) const { sink_.add(rule, n->line, end_line(n)); }

  // ---- rules (python_rules.cpp)
  void on_call(const py::Node* call, std::uint8_t flags);
  void on_reference(const py::Node* n);  // Name / Attribute
  void on_assign_target(const py::Node* target, const py::Node* value, const py::Node* stmt);
  bool formatted_sql(const py::Node* n, int depth = 0) const;
  bool opens_tarfile(const py::Node* n) const;

 private:
  struct ConstInfo {
    bool literal = false;
    std::optional<std::string> str;
  };
  void bind(const py::Node* target, const py::Node* value);
  void bind_unknown(const py::Node* target);
  void pre_visit(const py::Node* n, std::uint8_t flags);
  std::uint8_t child_flags(const py::Node* parent, std::size_t index, std::uint8_t flags) const;

  std::string_view src_;
  HitSink sink_;
  PyImports imports_;
  std::vector<std::size_t> line_starts_;
  std::unordered_map<std::string, ConstInfo> consts_;
  std::unordered_set<std::string> tainted_;
  std::unordered_set<std::string> sql_names_;
  std::unordered_set<std::string> tar_names_;  // names bound to tarfile.open(...)
};

// Whether `module.name` is a function or class the rules know (resolution of `from module import *`).
bool is_known_member(std::string_view module, std::string_view name);

// Whether an identifier names a secret (token, password, api key, nonce, salt, ...).
bool secret_like_name(std::string_view name);

}  // namespace inv::detectors::semgrep_internal
