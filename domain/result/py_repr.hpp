// Python repr()/str() of values, byte for byte as CPython 3.12 and pydantic 2 print them
// (TRACE_AND_RESULTS.md §5.2): what clients see inside PolicyViolation(...) strings and error messages.
// Pure functions, thread-safe.
#pragma once

#include <string>
#include <string_view>

#include "domain/eval/value.hpp"

namespace inv {

// repr(x): 'text' / "it's" with escapes, 1.0, 1e+20, [1, 'x'], {'a': None}, Message(metadata={}, ...).
std::string py_repr(const Value& v);
void append_py_repr(std::string& out, const Value& v);
// str(x): raw text for str; for records the pydantic str form `metadata={...} role='user' ...`.
std::string py_str(const Value& v);
void append_py_str(std::string& out, const Value& v);
// Python repr of a str given as UTF-8.
void append_repr_string(std::string& out, std::string_view utf8);
// Python repr of a float (shortest round trip: 0.1, 1e+20, inf, nan, -0.0, 1.0).
std::string float_repr(double d);
// Python's str.isprintable() for one code point (used by repr).
bool py_isprintable(char32_t cp);

}  // namespace inv
