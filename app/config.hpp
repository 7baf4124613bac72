// Configuration from environment variables (documented in the README's configuration table) and the
// `serve` command line. Invalid values are startup errors (std::runtime_error with a message naming the
// variable), never silently replaced by defaults.
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "app/analyze_service.hpp"

namespace inv::app {

// INVARIANT_MAX_STEPS, INVARIANT_EVAL_TIMEOUT_MS, INVARIANT_MAX_VIOLATIONS, INVARIANT_MAX_EVENTS,
// INVARIANT_MAX_POLICY_BYTES, INVARIANT_POLICY_CACHE_ENTRIES, INVARIANT_POLICY_CACHE_BYTES,
// INVARIANT_COMPAT_ERRORS.
ServiceOptions service_options_from_env();

// How request bodies are stored in the audit log (INVARIANT_AUDIT_REDACT).
enum class AuditRedact {
  Full,   // the body as received
  Hash,   // only its SHA-256 (and size)
  Mask,   // trace contents masked: content strings and tool-call argument values, structure kept
};

// The audit log's settings (README: "The audit log").
struct AuditConfig {
  bool enabled = true;                            // INVARIANT_AUDIT (on|off)
  bool sync = true;                               // INVARIANT_AUDIT_MODE (sync|async)
  std::size_t queue = 4096;                       // INVARIANT_AUDIT_QUEUE: records waiting for the writer
  AuditRedact redact = AuditRedact::Full;         // INVARIANT_AUDIT_REDACT (full|hash|mask)
  std::size_t retention_days = 0;                 // INVARIANT_AUDIT_RETENTION_DAYS (0: keep)
  std::size_t max_rows = 0;                       // INVARIANT_AUDIT_MAX_ROWS (0: unbounded)
  std::string token;                              // INVARIANT_AUDIT_TOKEN: the query API needs it
};

const char* redact_name(AuditRedact r);

// The HTTP server's settings (`invariant serve`).
struct ServerConfig {
  std::string host = "127.0.0.1";                 // INVARIANT_HOST, --host
  std::uint16_t port = 8000;                      // INVARIANT_PORT, --port (0: any free port)
  std::size_t io_threads = 1;                     // INVARIANT_IO_THREADS: accept, parse, route
  std::size_t worker_threads = 0;                 // INVARIANT_WORKER_THREADS: evaluation (0: one per core)
  std::size_t queue_size = 256;                   // INVARIANT_QUEUE_SIZE: requests waiting for a worker
  std::size_t max_body_bytes = 10u << 20;         // INVARIANT_MAX_BODY_BYTES: larger bodies get 413
  std::size_t max_connections = 1024;             // INVARIANT_MAX_CONNECTIONS: parallel TCP connections
  std::size_t max_url_bytes = 8192;               // INVARIANT_MAX_URL_BYTES
  std::size_t max_header_bytes = 16384;           // INVARIANT_MAX_HEADER_BYTES: one header field value
  std::size_t max_header_fields = 100;            // INVARIANT_MAX_HEADER_FIELDS
  std::chrono::milliseconds request_timeout{30000};  // INVARIANT_REQUEST_TIMEOUT_MS: arrival to response
  std::chrono::milliseconds idle_timeout{60000};     // INVARIANT_IDLE_TIMEOUT_MS: keep-alive wait
  std::chrono::milliseconds shutdown_grace{30000};   // INVARIANT_SHUTDOWN_GRACE_MS: in-flight drain
  std::size_t result_cache_entries = 1024;        // INVARIANT_RESULT_CACHE_ENTRIES
  std::size_t result_cache_bytes = 64u << 20;     // INVARIANT_RESULT_CACHE_BYTES
  std::size_t batch_max_items = 1000;             // INVARIANT_BATCH_MAX_ITEMS: policies x traces
  std::size_t batch_concurrency = 0;              // INVARIANT_BATCH_CONCURRENCY (0: worker threads)
  std::string api_token;                          // INVARIANT_API_TOKEN: when set, /api/ needs it
  std::string prometheus_token;                   // PROMETHEUS_TOKEN: /metrics needs it (unset: 401)
  bool production = false;                        // PRODUCTION (no sandbox effect in this server yet)
  std::string data_dir = "./data";                // INVARIANT_DATA_DIR (created at start)
  std::string static_dir;                         // INVARIANT_STATIC_DIR: Swagger UI assets for /docs
                                                  // (empty: found relative to the executable)
  AuditConfig audit;
};

// Reads the server variables; throws std::runtime_error naming the variable on an invalid value.
ServerConfig server_config_from_env();

// Applies `serve` arguments (--host H, --port P, --host=H, --port=P). Returns false and fills `error` on
// an unknown or invalid argument; sets `help` for --help/-h.
bool apply_serve_args(const std::vector<std::string>& args, ServerConfig& config, bool& help, std::string& error);

// `invariant serve --help`.
std::string serve_usage_text();

// A boolean as the original's settings parsed it: true/1/yes/on and false/0/no/off, case-insensitive.
// Throws std::runtime_error naming `name` otherwise.
bool parse_bool(const std::string& name, const std::string& value);

}  // namespace inv::app
