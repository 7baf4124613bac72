// The domain's port for detector functions (secrets, pii, python_code, ...). The evaluator asks it for
// the callable a stdlib module exports; adapters implement it (in-process detectors, shared-library
// plugins). Implementations must be thread-safe and outlive every compiled policy that used them.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "domain/eval/value.hpp"

namespace inv {

class DetectorRegistry {
 public:
  virtual ~DetectorRegistry() = default;
  // The callable exported as `name` by module `module` ("invariant.detectors", "invariant.detectors.code",
  // "invariant.parsers.html", ...), or nullptr when this registry does not provide it.
  virtual Value lookup(std::string_view module, std::string_view name) const = 0;
  // Every (module, name) pair the registry provides (used to resolve imports and list detectors).
  virtual std::vector<std::pair<std::string, std::string>> exports() const = 0;
};

// A registry with no detectors.
class EmptyDetectorRegistry final : public DetectorRegistry {
 public:
  Value lookup(std::string_view, std::string_view) const override { return nullptr; }
  std::vector<std::pair<std::string, std::string>> exports() const override { return {}; }
};

}  // namespace inv
