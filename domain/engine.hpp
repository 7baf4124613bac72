// The domain facade the application layer calls: compile a policy once, then analyze traces (or check
// pending events, the monitor) as often as needed, from any number of threads.
//
//   auto c = inv::compile_policy(text, registry);            // CompileOutcome: policy or PolicyError
//   auto t = inv::normalize_trace(json_array);               // NormalizeOutcome: trace or TraceError
//   inv::AnalysisResult r = inv::analyze(*c.policy, *t.trace, params, limits);
//
// analyze/check throw PolicyRuntimeError (the policy failed on this trace) and LimitExceeded.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "domain/eval/errors.hpp"
#include "domain/eval/limits.hpp"
#include "domain/eval/program.hpp"
#include "domain/policy/compile.hpp"
#include "domain/trace/trace.hpp"

namespace inv {

struct Binding {
  std::string name;
  std::string value;                 // Python repr of the bound value
  std::optional<std::string> path;   // "messages.3" when the value is a node of the trace
};

struct Violation {
  std::string error;                 // [v2024-08] string: "PolicyViolation(..., ranges=[<2 ranges>])"
  std::vector<std::string> ranges;   // "messages.1.tool_calls.0", "messages.0.content:5-10"
  int rule = 0;                      // 0-based rule index in the policy
  std::string message;               // the rule's message (first argument / string head)
  std::vector<std::pair<std::string, std::string>> kwargs;  // keyword arguments, str() of each
  std::vector<Binding> bindings;     // the model's variables (only when requested: with_bindings)
};

struct AnalysisResult {
  std::vector<Violation> errors;
};

// `parameters` is a dict value of policy parameters (input.x), or null.
// with_bindings: fill Violation::bindings (Python reprs of every bound value: costly, for detail output).
AnalysisResult analyze(const CompiledPolicy& policy, const Trace& trace, const Value& parameters,
                       const EvalLimits& limits = {}, bool with_bindings = false);

// Monitor check (TRACE_AND_RESULTS.md §6.2): `trace` is past + pending events; only violations that bind
// an event at top-level index >= past_count are returned.
AnalysisResult check(const CompiledPolicy& policy, const Trace& trace, std::size_t past_count,
                     const Value& parameters, const EvalLimits& limits = {}, bool with_bindings = false);

}  // namespace inv
