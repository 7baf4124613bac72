// The audit store port: read-only queries over the audit log (the query API and `invariant audit`).
// The SQLite adapter implements it on a read-only connection.
//
// Thread-safety: implementations serialise their own calls; errors (unreadable database) are thrown as
// std::runtime_error.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace inv::app::ports {

// Filters of GET /api/audit/decisions and `invariant audit list|export`; every set field must match.
struct AuditFilter {
  std::optional<std::int64_t> since_ms;     // start time >= since
  std::optional<std::int64_t> until_ms;     // start time < until
  std::optional<std::string> path;          // exact path
  std::optional<int> status;                // exact status code
  std::optional<std::string> policy_hash;   // the policy's SHA-256 hex (one of a batch's policies)
  std::optional<bool> has_violations;
  std::optional<std::string> rule;          // substring of a violated rule's message
  std::optional<std::int64_t> before_row;   // pagination: rows strictly older than this row id
  std::size_t limit = 100;
};

struct AuditEntry {
  std::int64_t row = 0;                     // insertion order (newest first = highest row)
  std::string decision_id, method, path, client_ip, user_agent;
  std::int64_t start_ms = 0, end_ms = 0;
  double duration_seconds = 0;
  int status = 0;
  std::string error_type;
  bool cache_hit = false;
  std::string policy_hash;
  std::int64_t violations = 0;
  std::vector<std::pair<std::string, std::int64_t>> rules;
  std::string body_hash;
  std::int64_t body_size = 0;
  // Filled when bodies are requested:
  std::string redaction;                    // "full", "mask", "hash"
  std::optional<std::string> body;          // absent when only the hash was stored
  std::string response;
};

class AuditStore {
 public:
  virtual ~AuditStore() = default;
  // Newest first; at most filter.limit entries.
  virtual std::vector<AuditEntry> list(const AuditFilter& filter, bool with_bodies) = 0;
  virtual std::optional<AuditEntry> find(const std::string& decision_id) = 0;
};

}  // namespace inv::app::ports
