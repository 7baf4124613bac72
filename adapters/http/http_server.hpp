// The HTTP server of `invariant serve` (restinio). It routes requests, checks tokens and the body limit,
// hands API calls to the worker pool (the IO threads never evaluate; a full queue is an immediate 503)
// and sends the answers from the workers through restinio's thread-safe response API. SIGTERM and SIGINT
// stop it gracefully: the listening socket closes, in-flight requests finish (up to the shutdown grace),
// then run_http_server returns 0.
//
// Routes (routes.hpp): POST /api/policy/analyze, /api/monitor/check, /api/policy/load,
// /api/policy/analyze/batch; GET (and HEAD) /healthz, /readyz, /metrics, /openapi.json (embedded),
// /docs and /docs/<file> (Swagger UI: our embedded page, the UI's files from the static directory),
// GET /api/detectors (the loaded detector plugins), / (307 to /docs). Unknown paths: 404 for GET/HEAD, 405 otherwise; a known path with another method:
// 405 + Allow.
#pragma once

#include <functional>
#include <ostream>
#include <string>

#include "app/api_handler.hpp"
#include "app/audit_queries.hpp"
#include "app/ports/audit_sink.hpp"
#include "app/ports/detector_catalog.hpp"
#include "app/config.hpp"
#include "app/ports/metrics.hpp"
#include "app/worker_pool.hpp"

namespace inv::adapters {

struct HttpServerDeps {
  const app::ServerConfig& config;
  const app::ApiHandler& api;
  app::WorkerPool& pool;
  app::ports::Metrics& metrics;
  std::function<std::string()> render_metrics;  // the Prometheus text exposition for GET /metrics
  std::ostream& log;                            // one line per event; the ready line names the address
  // The audit log (null when INVARIANT_AUDIT=off): every call of the four API endpoints is recorded before
  // (sync) or while (async) it is answered; GET /api/audit/decisions[/{id}] reads it.
  app::ports::AuditSink* audit = nullptr;
  const app::AuditQueries* audit_queries = nullptr;
  // The loaded detectors (GET /api/detectors; null: an empty list).
  const app::ports::DetectorCatalog* detectors = nullptr;
};

// Exit codes: 0 after a graceful stop; 5 when the server cannot listen (address in use, bad address).
int run_http_server(const HttpServerDeps& deps);

}  // namespace inv::adapters
