// The metrics port: what the application layer and the HTTP adapter report about their work (requests,
// evaluation timings, cache events and sizes, queue depth, in-flight requests). The Prometheus adapter
// implements it; NoopMetrics is the default when nothing observes the service (the CLI).
//
// Thread-safety: implementations must accept calls from any thread concurrently. Calls are on hot paths:
// they must not block on IO.
#pragma once

#include <cstddef>
#include <string_view>

namespace inv::app::ports {

enum class CacheKind { Policy, Result };

struct RequestObservation {
  std::string_view handler;     // the route ("/api/policy/analyze"), "none" for unmatched paths
  std::string_view method;      // "POST", "GET", ...
  int status = 200;
  double seconds = 0;           // from the request's arrival to the hand-over of its response
  std::size_t request_bytes = 0;
  std::size_t response_bytes = 0;
};

struct EvaluationObservation {
  std::string_view kind;        // "analyze", "check", "load", "batch"
  bool policy_compiled = false; // true when the policy was compiled for this call (a policy-cache miss)
  double compile_seconds = 0;   // policy lookup or compilation
  double normalize_seconds = 0; // trace normalisation
  double evaluate_seconds = 0;  // the rule search
};

class Metrics {
 public:
  virtual ~Metrics() = default;
  virtual void request_finished(const RequestObservation& r) = 0;
  virtual void evaluation_finished(const EvaluationObservation& e) = 0;
  virtual void cache_lookup(CacheKind cache, bool hit) = 0;
  virtual void cache_size(CacheKind cache, std::size_t entries, std::size_t bytes) = 0;
  virtual void queue_depth(std::size_t waiting) = 0;
  virtual void in_flight(std::size_t requests) = 0;
  virtual void rejected(std::string_view reason) = 0;    // "queue_full", "deadline"
  virtual void internal_error() = 0;                     // a 500: our own fault

  // The audit log (adapters/sqlite): queue depth after each change, one call per committed batch (its
  // rows and the time from BEGIN to the end of COMMIT), records dropped by a full async queue, failed
  // writes (records lost). No-ops unless a metrics adapter records them.
  virtual void audit_queue_depth(std::size_t /*records*/) {}
  virtual void audit_batch(std::size_t /*rows*/, double /*commit_seconds*/) {}
  virtual void audit_dropped(std::size_t /*records*/) {}
  virtual void audit_write_error() {}

  // One detector call (adapters/plugins): the policy function's name, "ok" / "error" / "timeout", and
  // its duration. No-op unless a metrics adapter records it.
  virtual void detector_call(std::string_view /*detector*/, std::string_view /*outcome*/, double /*seconds*/) {}
};

class NoopMetrics final : public Metrics {
 public:
  void request_finished(const RequestObservation&) override {}
  void evaluation_finished(const EvaluationObservation&) override {}
  void cache_lookup(CacheKind, bool) override {}
  void cache_size(CacheKind, std::size_t, std::size_t) override {}
  void queue_depth(std::size_t) override {}
  void in_flight(std::size_t) override {}
  void rejected(std::string_view) override {}
  void internal_error() override {}
};

}  // namespace inv::app::ports
