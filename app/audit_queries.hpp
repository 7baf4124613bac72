// The audit log's read side, shared by the query API (GET /api/audit/decisions[/{id}]) and the CLI
// (`invariant audit list|show|export`): filter parsing and validation (a bad value is a 400 InvalidRequest
// naming the parameter), the opaque pagination cursor, and the JSON form of an audit entry.
//
// Filters: since, until (RFC 3339 or Unix seconds; the request's start time, since <= t < until), path,
// status, policy_hash, has_violations, rule (substring of a violated rule's message), limit (1..1000,
// default 100), cursor (from a previous page's next_cursor). Newest first.
//
// Thread-safety: AuditQueries is as thread-safe as its store (the SQLite store serialises its calls).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <boost/json/object.hpp>

#include "app/api_handler.hpp"
#include "app/ports/audit_store.hpp"

namespace inv::app {

using QueryParams = std::vector<std::pair<std::string, std::string>>;

inline constexpr std::size_t kAuditDefaultLimit = 100;
inline constexpr std::size_t kAuditMaxLimit = 1000;

// "a=1&b=x%20y" -> {{"a","1"},{"b","x y"}} ('+' is a space). Returns nullopt on a bad %-escape.
std::optional<QueryParams> parse_query_string(std::string_view query);
std::optional<std::string> percent_decode(std::string_view s);

struct FilterError {
  std::string message;
  std::string parameter;
};

// Validates and converts the filter parameters; unknown parameters are errors. `max_limit` bounds
// `limit` (the CLI's export passes 0: no bound, no default limit).
std::optional<ports::AuditFilter> parse_audit_filter(const QueryParams& params, FilterError& error,
                                                     std::size_t max_limit = kAuditMaxLimit);

// RFC 3339 ("2024-05-01T12:00:00Z", "2024-05-01T14:00:00.250+02:00") or Unix seconds ("1714564800",
// "1714564800.5") to Unix milliseconds.
std::optional<std::int64_t> parse_audit_time(std::string_view text);
// Unix milliseconds as RFC 3339 UTC with milliseconds ("2024-05-01T12:00:00.000Z").
std::string format_audit_time(std::int64_t unix_ms);

std::string encode_cursor(std::int64_t row);
std::optional<std::int64_t> decode_cursor(std::string_view cursor);

// The JSON form of an entry; with bodies: "redaction", "request" (the stored body, as JSON when it is
// JSON, else a string, null when only its hash was stored) and "response".
boost::json::object audit_entry_json(const ports::AuditEntry& e, bool with_bodies);

class AuditQueries {
 public:
  explicit AuditQueries(ports::AuditStore& store) : store_(store) {}
  // GET /api/audit/decisions?<filters>: 200 {"decisions": [...], "next_cursor": str|null}; 400 on a bad filter.
  ApiResponse list(std::string_view query_string) const;
  // GET /api/audit/decisions/{decision_id} (the id still %-encoded): 200 entry with bodies, or 404.
  ApiResponse show(std::string_view encoded_decision_id) const;

 private:
  ports::AuditStore& store_;
};

}  // namespace inv::app
