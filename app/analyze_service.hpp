// Use cases shared by the CLI and the HTTP adapter: analyze a trace, check pending events (monitor),
// validate a policy. They take the request JSON as the original server's endpoints do and return the
// response as status + JSON body (DECISIONS.md §1, §8). DTO conversion lives here, at the edge of the
// domain; transport details (HTTP headers, sockets, files) stay in the adapters.
//
// Thread-safety: every method may be called concurrently; compiled policies are cached and shared.
#pragma once

#include <cstddef>
#include <list>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>

#include <boost/json/value.hpp>

#include "domain/engine.hpp"
#include "domain/eval/detector_registry.hpp"

namespace inv::app {

struct ServiceOptions {
  EvalLimits eval;
  NormalizeLimits trace;
  policy::ParseLimits parse;
  std::size_t policy_cache_entries = 256;
  bool compat_errors = false;   // INVARIANT_COMPAT_ERRORS: HTTP 200 + bare JSON string for failures
  bool detail = false;          // add structured errors and timings (?detail=true)
};

struct ServiceResponse {
  int status = 200;
  boost::json::value body;
  std::string error_type;       // empty on success
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

  const ServiceOptions& options() const { return options_; }

  // Compiles (or fetches from the cache) a policy; on failure fills `error`.
  std::shared_ptr<const CompiledPolicy> compiled(const std::string& text, std::optional<PolicyError>& error) const;

 private:
  ServiceResponse run(const boost::json::value& request, bool monitor, bool detail) const;

  const DetectorRegistry& detectors_;
  ServiceOptions options_;
  mutable std::mutex cache_mu_;
  mutable std::list<std::string> cache_order_;
  mutable std::unordered_map<std::string, std::pair<std::shared_ptr<const CompiledPolicy>, std::list<std::string>::iterator>> cache_;
};

// The error response of DECISIONS.md §8: {"detail": <reference-style text>, "error": {type, message, line,
// column, path}} with its status, or the compatibility form (200 + JSON string).
ServiceResponse error_response(int status, const std::string& type, const std::string& message,
                               std::optional<int> line, std::optional<int> column, const std::string& path,
                               bool compat);

}  // namespace inv::app
