// The HTTP API's use cases, independent of any HTTP library: a request body in, a status and a compact
// JSON body out. The HTTP adapter routes, authenticates and moves bytes; everything that decides what an
// answer is lives here (and in AnalyzeService): body parsing with error positions, the result cache,
// batches, evaluation metrics, the decision id in ?detail=true bodies.
//
// Result cache: keyed by SHA-256 of the endpoint name and the re-serialized parsed request (key order is
// kept: it can change answers). Only deterministic answers are stored (200 and 400; for a batch, when
// every item is 200 or 400). `no_cache` skips it entirely (no read, no write); detail requests carry
// timings and are never cached.
//
// Thread-safety: handle() may be called concurrently from any number of threads (the worker pool).
#pragma once

#include <chrono>
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

#include <boost/json/storage_ptr.hpp>

#include "app/analyze_service.hpp"
#include "app/lru_cache.hpp"
#include "app/ports/metrics.hpp"
#include "app/worker_pool.hpp"

namespace inv::app {

enum class Endpoint { Analyze, Check, Load, Batch };

struct ApiOptions {
  std::size_t max_body_bytes = 10u << 20;
  std::size_t result_cache_entries = 1024;
  std::size_t result_cache_bytes = 64u << 20;
  std::size_t batch_max_items = 1000;
  std::size_t batch_concurrency = 1;    // items of one batch evaluated at the same time (>= 1)
};

struct ApiRequest {
  Endpoint endpoint = Endpoint::Analyze;
  std::string_view body;
  bool no_cache = false;                // Cache-Control: no-cache
  bool detail = false;                  // ?detail=true
  std::string decision_id;              // added to object bodies when `detail`
  std::optional<std::chrono::steady_clock::time_point> deadline;
};

struct ApiResponse {
  int status = 200;
  std::string body;                     // compact JSON, UTF-8 literal
  std::string error_type;               // empty on success
  bool cache_hit = false;
  DecisionFacts facts;                  // for the audit log (kept with cached answers)
};

class ApiHandler {
 public:
  // `pool` (may be null) lends idle workers to batches; `metrics` must outlive the handler.
  ApiHandler(const AnalyzeService& service, ApiOptions options, ports::Metrics& metrics, WorkerPool* pool = nullptr);

  ApiResponse handle(const ApiRequest& request) const;

  CacheStats result_cache_stats() const { return cache_.stats(); }
  const ApiOptions& options() const { return options_; }

 private:
  ApiResponse handle_batch(const boost::json::value& request, const ApiRequest& call, bool& cacheable) const;
  void report(std::string_view kind, const ServiceTimings& t) const;

  const AnalyzeService& service_;
  ApiOptions options_;
  ports::Metrics& metrics_;
  WorkerPool* pool_;
  struct Cached {
    int status;
    std::string body;
    std::string error_type;
    DecisionFacts facts;
  };
  mutable LruCache<Cached> cache_;
};

// Error bodies of DECISIONS.md §8 ({"detail", "error": {type, message, line, column, path}}), serialized.
std::string error_json(const std::string& type, const std::string& message, const std::string& path = "");
// {"detail": "<text>"}: the original's 401/404/405 bodies.
std::string detail_json(std::string_view text);

// Parses a request body; on failure returns nullopt and fills `error` with a 400 InvalidJSON response
// whose message names the byte offset and whose line/column locate it in the body.
// `sp` is the storage of the returned value (default: the heap).
std::optional<boost::json::value> parse_json_body(std::string_view body, ApiResponse& error,
                                                  boost::json::storage_ptr sp = {});

const char* endpoint_name(Endpoint e);

}  // namespace inv::app
