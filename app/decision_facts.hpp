// What the audit log records about a decision beyond its request and response: the policy it was taken
// under, how many violations it found and the messages of the rules that raised them. Filled by the use
// cases (AnalyzeService, ApiHandler) and kept with cached answers, so a cache hit is recorded like a miss.
#pragma once

#include <cstddef>
#include <string>
#include <utility>
#include <vector>

namespace inv::app {

struct DecisionFacts {
  // SHA-256 hex of the policy text; for a batch with several policies, their hashes joined by ','.
  std::string policy_hash;
  std::size_t violations = 0;
  // Distinct rule messages of the violations with their counts, in order of first appearance.
  std::vector<std::pair<std::string, std::size_t>> rules;

  void add_rule(const std::string& message, std::size_t count = 1) {
    violations += count;
    for (auto& [m, n] : rules)
      if (m == message) {
        n += count;
        return;
      }
    rules.emplace_back(message, count);
  }
};

}  // namespace inv::app
