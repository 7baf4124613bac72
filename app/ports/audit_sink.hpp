// The audit sink port: where the HTTP adapter hands the record of every API call (analyze, check, load,
// batch) before or while it answers. The SQLite adapter (adapters/sqlite/) implements it with one writer
// thread and batched transactions; the durability contract is the implementation's mode:
//   sync   `done` runs after the record's transaction has committed (Committed) or failed (Failed); the
//          caller answers only then, so a crash never loses an answered request. submit() blocks while
//          the queue is full (backpressure).
//   async  `done` runs before submit() returns: Queued, or Dropped when the bounded queue is full (the
//          drop is counted in the metrics); memory stays bounded.
//
// Thread-safety: submit() may be called from any thread. `done` runs on the writer thread (sync) or the
// caller's thread (async); it must not block for long and must not call submit().
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <string>

#include "app/decision_facts.hpp"

namespace inv::app::ports {

struct AuditRecord {
  std::string decision_id;        // X-Decision-Id of the response: the row's key
  std::string method;             // "POST"
  std::string path;               // "/api/policy/analyze", ...
  std::string client_ip;          // X-Forwarded-For when present and non-empty, else the TCP peer
  std::string user_agent;         // User-Agent, or "unknown"
  std::int64_t start_ms = 0;      // Unix time of the request's arrival, milliseconds
  std::int64_t end_ms = 0;        // Unix time of the answer, milliseconds
  double duration_seconds = 0;    // end - start (monotonic clock)
  std::string body;               // the request body as received (the sink applies its redaction)
  int status = 0;
  std::string response;           // the response body
  std::string error_type;         // error.type of an error body, empty on success
  bool cache_hit = false;
  DecisionFacts facts;
};

enum class AuditOutcome {
  Committed,  // sync: the record's transaction committed
  Queued,     // async: accepted into the queue
  Dropped,    // async: the queue was full; the record is lost (counted)
  Failed,     // sync: the write failed (counted, logged); the record is not stored
};

class AuditSink {
 public:
  using Done = std::function<void(AuditOutcome)>;
  virtual ~AuditSink() = default;
  virtual void submit(AuditRecord record, Done done) = 0;
  // Blocks until every record submitted so far has been written (or failed) and its `done` has run.
  virtual void flush() = 0;
};

}  // namespace inv::app::ports
