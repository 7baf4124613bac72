#include "domain/eval/errors.hpp"

#include "domain/result/py_repr.hpp"

namespace inv {

void throw_key_error(const std::string& key_text) {
  std::string msg;
  append_repr_string(msg, key_text);
  throw PolicyRuntimeError("KeyError", msg);
}
void throw_type_error(const std::string& message) { throw PolicyRuntimeError("TypeError", message); }
void throw_value_error(const std::string& message) { throw PolicyRuntimeError("ValueError", message); }

}  // namespace inv
