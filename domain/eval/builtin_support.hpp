// Internal helpers shared by the builtin functions (builtins.cpp) and the value methods (methods.cpp):
// the callable wrapper and argument checking with Python's error messages. Not part of the domain's API.
#pragma once

#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "domain/eval/errors.hpp"
#include "domain/eval/eval_context.hpp"
#include "domain/eval/value.hpp"

namespace inv::detail {

using Args = std::vector<Value>;
using Kwargs = std::vector<std::pair<std::string, Value>>;
using Fn = std::function<Value(EvalContext&, const Args&, const Kwargs&)>;

struct BuiltinObj final : CallableObj {
  BuiltinObj(std::string n, Fn f) : name_(std::move(n)), fn(std::move(f)) {}
  std::string name_;
  Fn fn;
  std::string_view name() const override { return name_; }
  Value call(EvalContext& ctx, const Args& a, const Kwargs& k) const override { return fn(ctx, a, k); }
};

inline Value builtin(std::string name, Fn f) { return std::make_shared<BuiltinObj>(std::move(name), std::move(f)); }

inline const Value* kwarg(const Kwargs& k, std::string_view name) {
  for (const auto& [n, v] : k)
    if (n == name) return &v;
  return nullptr;
}

inline void expect_args(const char* fn, const Args& a, std::size_t min, std::size_t max) {
  if (a.size() < min) {
    if (min == max)
      throw_type_error(std::string(fn) + "() takes exactly " + (min == 1 ? "one argument" : std::to_string(min) + " arguments") +
                       " (" + std::to_string(a.size()) + " given)");
    throw_type_error(std::string(fn) + " expected at least " + std::to_string(min) + " argument" +
                     (min == 1 ? "" : "s") + ", got " + std::to_string(a.size()));
  }
  if (a.size() > max)
    throw_type_error(std::string(fn) + " expected at most " + std::to_string(max) + " argument" +
                     (max == 1 ? "" : "s") + ", got " + std::to_string(a.size()));
}

inline const std::string& need_str(const char* what, const Value& v) {
  if (v->type != Type::Str) throw_type_error(std::string(what) + ": expected str, got " + type_name(v));
  return as_str(v).value;
}

[[noreturn]] inline void regex_subject_error(const Value& v) {
  throw_type_error("expected string or bytes-like object, got '" + type_name(v) + "'");
}


// Methods of str, dict, list and tuple values (methods.cpp).
Value str_method(const Value& self, std::string_view name);
Value dict_method(const Value& self, std::string_view name);
Value list_method(const Value& self, std::string_view name);

}  // namespace inv::detail
