// Policy text -> CompiledPolicy: parse, check scopes and types (collecting every error, LANGUAGE.md §7),
// link imports against the stdlib and the detector registry, precompile pattern regexes and compute the
// planner's static facts. The result is immutable and shared by threads (DESIGN.md core idea 1).
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/eval/program.hpp"
#include "domain/policy/diagnostics.hpp"
#include "domain/policy/parser.hpp"

namespace inv {

class DetectorRegistry;

struct PolicyError {
  // "PolicyLoadingError" (syntax, scope, type errors: `message` is the reference-style report),
  // "ImportError" / "AttributeError" (imports that cannot be linked), "ValueError" (duplicate names),
  // "LimitExceeded" (policy too large or too deeply nested).
  std::string type;
  std::string message;
  std::vector<policy::Diagnostic> diagnostics;  // positions of the individual errors, when known
};

struct CompileOutcome {
  std::shared_ptr<const CompiledPolicy> policy;
  std::optional<PolicyError> error;
};

CompileOutcome compile_policy(std::string_view text, const DetectorRegistry& detectors,
                              const policy::ParseLimits& limits = {});

// Hex digest identifying a policy text (cache key, audit log).
std::string policy_hash(std::string_view text);

}  // namespace inv
