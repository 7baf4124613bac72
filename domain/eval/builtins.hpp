// The policy language's standard library that lives in the domain: global builtins (any, len, match,
// find, min, max, sum, print, PolicyViolation, json_loads, text, tool_call, ...), the methods of str,
// dict and list values, the quantifiers, and the non-detector exports of the `invariant` stdlib modules
// (STDLIB.md §1, §2, §5, §7). Detectors come from a DetectorRegistry. Everything here is immutable and
// thread-safe.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "domain/eval/value.hpp"

namespace inv {

// A bound method of `self` (`"abc".upper`, `d.get`), or nullptr when the value's type has none by that name.
Value bind_method(const Value& self, std::string_view name);

// Names visible in every policy without import.
const std::unordered_map<std::string, Value>& builtin_globals();

// Export `name` of stdlib module `module` (non-detector part), nullptr when absent.
Value stdlib_export(std::string_view module, std::string_view name);
// Whether `module` is a module of the stdlib tree (or a supported plain Python module such as json).
bool stdlib_module_known(std::string_view module);

// Quantifier objects (`forall`, `count(min=.., max=..)`).
struct QuantifierObj final : CallableObj {
  enum Kind { Forall, Count } kind;
  std::optional<std::int64_t> min, max;
  explicit QuantifierObj(Kind k) : kind(k) {}
  std::string_view name() const override { return kind == Forall ? "forall" : "count"; }
  Value call(EvalContext& ctx, const std::vector<Value>& args,
             const std::vector<std::pair<std::string, Value>>& kwargs) const override;
};

// PolicyViolation(*args, **kwargs) values.
Value make_violation(std::string cls, std::vector<Value> args, std::vector<std::pair<std::string, Value>> kwargs);
bool is_violation(const Value& v);
// "PolicyViolation(a b, k=v)" — the [v2024-08] string of an explicit violation head.
std::string violation_string(const Value& v);

// The module name of a value bound by `import X` (X not json), or "" for other values.
std::string opaque_module_name(const Value& v);

// Type names usable in typed identifiers: Message, ToolCall, ToolOutput, Function, str, int, ...
bool is_known_type_name(std::string_view name);

}  // namespace inv
