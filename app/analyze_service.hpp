// Use cases shared by the CLI and the HTTP adapter: analyze a trace, check pending events (monitor),
// validate a policy. They take the request JSON as the original server's endpoints do and return the
// response as status + JSON body (DECISIONS.md §1, §8). DTO conversion lives here, at the edge of the
// domain; transport details (HTTP headers, sockets, files) stay in the adapters.
//
// Thread-safety: every method may be called concurrently; compiled policies are cached and shared.
#pragma once

#include <chrono>
#include <cstddef>
#include <memory>
#include <optional>
#include <string>

#include <boost/json/value.hpp>

#include "domain/engine.hpp"
#include "domain/eval/detector_registry.hpp"
#include "app/decision_facts.hpp"
#include "app/lru_cache.hpp"
#include "app/ports/metrics.hpp"

namespace inv::app {

struct ServiceOptions {
  EvalLimits eval;
  NormalizeLimits trace;
  policy::ParseLimits parse;
  std::size_t policy_cache_entries = 256;
  std::size_t policy_cache_bytes = 64u << 20;  // estimated memory of the cached compiled policies
  bool compat_errors = false;   // INVARIANT_COMPAT_ERRORS: HTTP 200 + bare JSON string for failures
  bool detail = false;          // add structured errors and timings (?detail=true)
};

// Where the time of one call went (microseconds); zero for the phases a call did not reach.
struct ServiceTimings {
  long long compile_us = 0;     // policy-cache lookup, and compilation on a miss
  long long normalize_us = 0;
  long long evaluate_us = 0;
  bool policy_compiled = false; // the policy was compiled by this call (not found in the cache)
  bool evaluated = false;       // the call reached the evaluation (analyze/check)
};

struct ServiceResponse {
  int status = 200;
  boost::json::value body;
  std::string error_type;       // empty on success
  ServiceTimings timings;
  DecisionFacts facts;          // policy hash, violations and rule messages (for the audit log)
};

// Per-call options beyond the request body.
struct CallOptions {
  bool detail = false;
  // An absolute deadline (e.g. the HTTP request's); the evaluation deadline is the earlier of this and
  // options().eval.deadline from the start of the evaluation.
  std::optional<std::chrono::steady_clock::time_point> deadline;
};

class AnalyzeService {
 public:
  AnalyzeService(const DetectorRegistry& detectors, ServiceOptions options);

  // POST /api/policy/analyze body: {"policy": str, "trace": [obj...], "parameters": {..}?}
  ServiceResponse analyze(const boost::json::value& request, bool detail = false) const;
  // POST /api/monitor/check body: {"policy": str, "past_events": [...], "pending_events": [...]}
  ServiceResponse check(const boost::json::value& request, bool detail = false) const;
  // POST /api/policy/load body: {"policy": str} -> {"policy_hash", "rules"}
  ServiceResponse load(const boost::json::value& request) const;

  // The same use cases with per-call options.
  ServiceResponse analyze_call(const boost::json::value& request, const CallOptions& call) const;
  ServiceResponse check_call(const boost::json::value& request, const CallOptions& call) const;
  // One analysis of a policy text over a trace whose elements are known to be JSON objects (batch items).
  // `parameters` may be null.
  ServiceResponse analyze_trace(const std::string& policy, const boost::json::array& trace,
                                const boost::json::value* parameters, const CallOptions& call) const;

  // Reports policy-cache lookups and sizes to `metrics` from now on. Call before concurrent use.
  void attach_metrics(ports::Metrics* metrics) { metrics_ = metrics; }
  CacheStats policy_cache_stats() const { return cache_.stats(); }

  const ServiceOptions& options() const { return options_; }

  // Compiles (or fetches from the cache) a policy; on failure fills `error`.
  std::shared_ptr<const CompiledPolicy> compiled(const std::string& text, std::optional<PolicyError>& error) const;

 private:
  std::shared_ptr<const CompiledPolicy> compiled_impl(const std::string& text, std::optional<PolicyError>& error,
                                                      bool* compiled_now) const;
  ServiceResponse run(const boost::json::value& request, bool monitor, const CallOptions& call) const;
  ServiceResponse evaluate(const std::string& text, const boost::json::array& events, std::size_t past_count,
                           const boost::json::value* parameters, bool monitor, const CallOptions& call) const;

  const DetectorRegistry& detectors_;
  ServiceOptions options_;
  ports::Metrics* metrics_ = nullptr;
  mutable LruCache<CompiledPolicy> cache_;
};

// The memory a compiled policy is accounted with in the policy cache's byte bound: an estimate from the
// size of its source text (the AST, scopes and precompiled regexes grow with it).
std::size_t estimated_compiled_policy_bytes(std::size_t source_bytes);

// The error response of DECISIONS.md §8: {"detail": <reference-style text>, "error": {type, message, line,
// column, path}} with its status, or the compatibility form (200 + JSON string): `compat` applies to
// policy, trace and runtime failures (status 400 of a type other than InvalidRequest/InvalidJSON).
ServiceResponse error_response(int status, const std::string& type, const std::string& message,
                               std::optional<int> line, std::optional<int> column, const std::string& path,
                               bool compat);

}  // namespace inv::app
