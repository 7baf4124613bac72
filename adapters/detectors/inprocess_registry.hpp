// The detector registry for in-process detectors: binds the offline detector cores (secrets, copyright,
// unicode, python_code, html_code/links, fuzzy_contains) to the policy language's calling convention
// (STDLIB.md §3: str, Message/ToolOutput or lists of them; results and range marks as the reference).
// Immutable after construction; thread-safe.
#pragma once

#include <string>
#include <unordered_map>
#include <vector>

#include "domain/eval/detector_registry.hpp"

namespace inv::adapters {

class InProcessDetectorRegistry final : public DetectorRegistry {
 public:
  InProcessDetectorRegistry();
  Value lookup(std::string_view module, std::string_view name) const override;
  std::vector<std::pair<std::string, std::string>> exports() const override;

 private:
  std::unordered_map<std::string, Value> table_;
  std::vector<std::pair<std::string, std::string>> exports_;
};

}  // namespace inv::adapters
