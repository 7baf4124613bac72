// What a callable (builtin or detector) may ask of the evaluation in progress: mark highlight ranges,
// memoise detector results, charge the step budget. One EvalContext per analysis; not shared between
// threads.
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <string>

#include "domain/eval/value.hpp"

namespace inv {

class EvalContext {
 public:
  virtual ~EvalContext() = default;
  // Records a highlight range on `target` for the model being evaluated. start/end are code point
  // offsets into the target's text (for a Message/ToolOutput: into its content); -1/-1 marks the whole
  // object. Ranges on values that are not trace nodes are dropped when the result is built.
  virtual void mark(const Value& target, std::int64_t start, std::int64_t end) = 0;
  // Charges `cost` evaluation steps; throws LimitExceeded when the budget or deadline runs out.
  virtual void charge(std::uint64_t cost) = 0;
  // Memoised detector call (LANGUAGE.md §8.12): returns the cached value for `key` if present; otherwise
  // runs `compute` and caches it. Marks made by `compute` are kept only for the first call.
  virtual Value memoize(const std::string& key, const std::function<Value()>& compute) = 0;
  // When the evaluation's deadline passes (a detector should not run beyond it).
  virtual std::chrono::steady_clock::time_point deadline() const { return std::chrono::steady_clock::time_point::max(); }
};

}  // namespace inv
