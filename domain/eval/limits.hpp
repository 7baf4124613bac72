// Evaluation limits (DESIGN.md core idea 5). Exceeding one raises LimitExceeded with a message naming
// the limit; defaults are documented in the README's configuration table.
#pragma once

#include <chrono>
#include <cstdint>

namespace inv {

struct EvalLimits {
  std::uint64_t max_steps = 200'000'000;                 // expression evaluations + enumerated assignments
  std::chrono::milliseconds deadline{10'000};            // wall time of one analysis
  std::uint64_t max_violations = 100'000;                // errors in one result
  std::uint64_t max_bindings = 100'000'000;              // assignments enumerated by the search
  std::uint32_t max_call_depth = 64;                     // nested predicate / quantifier evaluation
};

}  // namespace inv
