// Python semantics of the operators and protocols the policy language borrows (CPython 3.12): truth
// value, ==, ordering, arithmetic, `in`, len() and iteration, with Python's exception messages
// (LANGUAGE.md §8.5, §8.9). Pure functions over values; thread-safe.
#pragma once

#include <string>
#include <vector>

#include "domain/eval/value.hpp"

namespace inv {

bool truthy(const Value& v);
bool py_equal(const Value& a, const Value& b);
// <, >, <=, >= ; op is one of "<", ">", "<=", ">=". Throws TypeError like Python.
bool py_compare(const char* op, const Value& a, const Value& b);
Value py_add(const Value& a, const Value& b);
Value py_sub(const Value& a, const Value& b);
Value py_mul(const Value& a, const Value& b);
Value py_div(const Value& a, const Value& b);
Value py_mod(const Value& a, const Value& b);
Value py_pow(const Value& a, const Value& b);
Value py_neg(const Value& a);
Value py_pos(const Value& a);
// Python `item in container` (no regex marks; the evaluator handles str-in-str marks itself).
bool py_contains(const Value& container, const Value& item);
std::int64_t py_len(const Value& v);
// Elements of an iterable (str -> 1-char strings, dict -> keys, list/tuple -> items). TypeError otherwise.
std::vector<Value> py_iterate(const Value& v);
// Python identity as far as it is observable (None/bools/small ints by value, objects by address).
bool py_is(const Value& a, const Value& b);

// UTF-8 helpers for code point based string operations.
std::size_t utf8_byte_offset(const std::string& s, std::size_t code_point);  // clamps to size
std::vector<std::string> utf8_chars(const std::string& s);

}  // namespace inv
