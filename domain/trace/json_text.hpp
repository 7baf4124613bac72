// Python `json.loads` on text, into a Boost.JSON value (internal to the trace module).
//
// Accepts exactly what CPython's json module accepts by default: NaN, Infinity and -Infinity, any
// JSON value at the top level, surrounding whitespace (space, tab, CR, LF only); duplicate object
// keys keep the first key's position and the last value (as a Python dict does). Integers beyond
// 64 bits become doubles (Python would keep an exact int). A lone UTF-16 surrogate escape becomes
// U+FFFD (Python keeps the lone surrogate, which UTF-8 cannot carry).
#pragma once

#include <string>
#include <string_view>

#include <boost/json/value.hpp>

namespace inv::detail {

struct PyJsonError {
  // JSONDecodeError text as Python prints it, e.g.
  // "Expecting property name enclosed in double quotes: line 1 column 2 (char 1)".
  std::string message;
  bool too_deep = false;  // nesting exceeded `max_depth` (Python: RecursionError)
};

// Returns true and sets `out` on success; false and sets `error` otherwise. `max_depth` bounds the
// nesting of arrays/objects (1 = a flat array or object).
bool parse_python_json(std::string_view text, boost::json::value& out, PyJsonError& error, int max_depth = 1000);

}  // namespace inv::detail
