// Errors raised while evaluating a policy. A PolicyRuntimeError is the caller's problem (the policy
// failed on this trace, like a Python exception in the reference): it carries the Python exception type
// and `str(exception)`, which is what clients of the original server saw. LimitExceeded means an
// evaluation limit (steps, deadline, bindings, output size) ran out.
#pragma once

#include <stdexcept>
#include <string>

namespace inv {

class PolicyRuntimeError : public std::runtime_error {
 public:
  // py_type: "KeyError", "TypeError", "ValueError", "ZeroDivisionError", ...
  // message: str(exception) as Python prints it (a KeyError's message already includes its quotes).
  PolicyRuntimeError(std::string py_type, std::string message)
      : std::runtime_error(message), py_type_(std::move(py_type)) {}
  const std::string& py_type() const { return py_type_; }

 private:
  std::string py_type_;
};

class LimitExceeded : public std::runtime_error {
 public:
  LimitExceeded(std::string limit, std::string message)
      : std::runtime_error(std::move(message)), limit_(std::move(limit)) {}
  const std::string& limit() const { return limit_; }  // "steps", "deadline", "bindings", ...

 private:
  std::string limit_;
};

// KeyError(x): Python's str() of a KeyError is repr(x); for a str x that is the quoted text.
[[noreturn]] void throw_key_error(const std::string& key_text);
[[noreturn]] void throw_type_error(const std::string& message);
[[noreturn]] void throw_value_error(const std::string& message);

}  // namespace inv
