// Declared parameters of a callable (detector functions), so that a policy's calls can be checked when it
// is compiled: a wrong call is a policy error with line and column instead of a runtime failure.
// Plain data; immutable once built and shared by threads.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace inv {

struct CallSignature {
  struct Param {
    std::string name;
    std::string type = "any";  // str, int, float, bool, list, dict, any; "|None" suffix allows None
    bool required = true;
  };
  std::vector<Param> params;
  bool var_keywords = false;  // accepts any further keyword arguments
};

// What is known about one argument at compile time: the Python type name of a literal ("str", "int",
// "float", "bool", "list", "dict", "NoneType"), or empty when the value is only known at run time.
struct ArgumentShape {
  std::string literal_type;
};

// Checks a call `name(positional..., keyword=...)` against `sig`; returns a Python-style TypeError message
// ("semgrep() missing 1 required positional argument: 'lang'") or nullopt when the call is acceptable.
std::optional<std::string> check_call(std::string_view name, const CallSignature& sig,
                                      const std::vector<ArgumentShape>& positional,
                                      const std::vector<std::pair<std::string, ArgumentShape>>& keywords);

}  // namespace inv
