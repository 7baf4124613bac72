#include "app/config.hpp"

#include <cctype>
#include <cstdlib>
#include <limits>
#include <stdexcept>
#include <string>

namespace inv::app {

namespace {
const char* env(const char* name) {
  const char* v = std::getenv(name);
  return (v && *v) ? v : nullptr;
}

unsigned long long parse_number(const std::string& name, const std::string& v, unsigned long long max) {
  bool ok = !v.empty() && v.size() <= 20;
  for (char c : v) ok = ok && c >= '0' && c <= '9';
  unsigned long long n = 0;
  if (ok) {
    try {
      n = std::stoull(v);
    } catch (const std::exception&) {
      ok = false;
    }
  }
  if (!ok || n > max)
    throw std::runtime_error(name + " must be a non-negative integer" +
                             (max != std::numeric_limits<unsigned long long>::max()
                                  ? " not above " + std::to_string(max)
                                  : std::string()) +
                             ", got '" + v + "'");
  return n;
}

template <class T>
void read_number(const char* name, T& target, unsigned long long max = std::numeric_limits<T>::max()) {
  if (const char* v = env(name)) target = static_cast<T>(parse_number(name, v, max));
}

void read_positive(const char* name, std::size_t& target, unsigned long long max) {
  if (const char* v = env(name)) {
    auto n = parse_number(name, v, max);
    if (n == 0) throw std::runtime_error(std::string(name) + " must be at least 1, got '" + v + "'");
    target = static_cast<std::size_t>(n);
  }
}

void read_ms(const char* name, std::chrono::milliseconds& target, bool allow_zero) {
  if (const char* v = env(name)) {
    auto n = parse_number(name, v, 365ull * 24 * 3600 * 1000);
    if (n == 0 && !allow_zero) throw std::runtime_error(std::string(name) + " must be at least 1, got '" + v + "'");
    target = std::chrono::milliseconds(n);
  }
}

bool read_bool(const char* name, bool def) {
  const char* v = env(name);
  return v ? parse_bool(name, v) : def;
}

std::uint16_t parse_port(const std::string& name, const std::string& v) {
  return static_cast<std::uint16_t>(parse_number(name, v, 65535));
}

void check_host(const std::string& name, const std::string& host) {
  if (host.empty()) throw std::runtime_error(name + " must not be empty");
  for (char c : host)
    if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '.' || c == ':' || c == '-' || c == '_' || c == '%'))
      throw std::runtime_error(name + " is not a host name or IP address: '" + host + "'");
}
}  // namespace

const char* redact_name(AuditRedact r) {
  switch (r) {
    case AuditRedact::Full: return "full";
    case AuditRedact::Hash: return "hash";
    case AuditRedact::Mask: return "mask";
  }
  return "?";
}

bool parse_bool(const std::string& name, const std::string& value) {
  std::string s(value);
  for (auto& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (s == "1" || s == "true" || s == "yes" || s == "on") return true;
  if (s == "0" || s == "false" || s == "no" || s == "off") return false;
  throw std::runtime_error(name + " must be a boolean (true/false, 1/0, yes/no, on/off), got '" + value + "'");
}

ServiceOptions service_options_from_env() {
  ServiceOptions o;
  read_number("INVARIANT_MAX_STEPS", o.eval.max_steps);
  std::chrono::milliseconds deadline = o.eval.deadline;
  read_ms("INVARIANT_EVAL_TIMEOUT_MS", deadline, false);
  o.eval.deadline = deadline;
  read_number("INVARIANT_MAX_VIOLATIONS", o.eval.max_violations);
  read_number("INVARIANT_MAX_EVENTS", o.trace.max_events);
  read_number("INVARIANT_MAX_POLICY_BYTES", o.parse.max_source_bytes);
  read_number("INVARIANT_POLICY_CACHE_ENTRIES", o.policy_cache_entries);
  read_number("INVARIANT_POLICY_CACHE_BYTES", o.policy_cache_bytes);
  o.compat_errors = read_bool("INVARIANT_COMPAT_ERRORS", false);
  return o;
}

ServerConfig server_config_from_env() {
  ServerConfig c;
  if (const char* v = env("INVARIANT_HOST")) {
    c.host = v;
    check_host("INVARIANT_HOST", c.host);
  }
  if (const char* v = env("INVARIANT_PORT")) c.port = parse_port("INVARIANT_PORT", v);
  read_positive("INVARIANT_IO_THREADS", c.io_threads, 256);
  read_number("INVARIANT_WORKER_THREADS", c.worker_threads, 1024);
  read_number("INVARIANT_QUEUE_SIZE", c.queue_size, 1'000'000);
  read_positive("INVARIANT_MAX_BODY_BYTES", c.max_body_bytes, 1ull << 32);
  read_positive("INVARIANT_MAX_CONNECTIONS", c.max_connections, 1'000'000);
  read_positive("INVARIANT_MAX_URL_BYTES", c.max_url_bytes, 1u << 20);
  read_positive("INVARIANT_MAX_HEADER_BYTES", c.max_header_bytes, 1u << 20);
  read_positive("INVARIANT_MAX_HEADER_FIELDS", c.max_header_fields, 10000);
  read_ms("INVARIANT_REQUEST_TIMEOUT_MS", c.request_timeout, false);
  read_ms("INVARIANT_IDLE_TIMEOUT_MS", c.idle_timeout, false);
  read_ms("INVARIANT_SHUTDOWN_GRACE_MS", c.shutdown_grace, true);
  read_number("INVARIANT_RESULT_CACHE_ENTRIES", c.result_cache_entries);
  read_number("INVARIANT_RESULT_CACHE_BYTES", c.result_cache_bytes);
  read_positive("INVARIANT_BATCH_MAX_ITEMS", c.batch_max_items, 1'000'000);
  read_number("INVARIANT_BATCH_CONCURRENCY", c.batch_concurrency, 1024);
  if (const char* v = env("INVARIANT_API_TOKEN")) c.api_token = v;
  if (const char* v = env("PROMETHEUS_TOKEN")) c.prometheus_token = v;
  c.production = read_bool("PRODUCTION", false);
  if (const char* v = env("INVARIANT_DATA_DIR")) c.data_dir = v;
  if (const char* v = env("INVARIANT_STATIC_DIR")) c.static_dir = v;
  c.audit.enabled = read_bool("INVARIANT_AUDIT", true);
  if (const char* v = env("INVARIANT_AUDIT_MODE")) {
    std::string m(v);
    if (m != "sync" && m != "async")
      throw std::runtime_error("INVARIANT_AUDIT_MODE must be 'sync' or 'async', got '" + m + "'");
    c.audit.sync = m == "sync";
  }
  read_positive("INVARIANT_AUDIT_QUEUE", c.audit.queue, 10'000'000);
  if (const char* v = env("INVARIANT_AUDIT_REDACT")) {
    std::string m(v);
    if (m == "full") c.audit.redact = AuditRedact::Full;
    else if (m == "hash") c.audit.redact = AuditRedact::Hash;
    else if (m == "mask") c.audit.redact = AuditRedact::Mask;
    else throw std::runtime_error("INVARIANT_AUDIT_REDACT must be 'full', 'hash' or 'mask', got '" + m + "'");
  }
  read_number("INVARIANT_AUDIT_RETENTION_DAYS", c.audit.retention_days, 100'000);
  read_number("INVARIANT_AUDIT_MAX_ROWS", c.audit.max_rows, 1ull << 40);
  if (const char* v = env("INVARIANT_AUDIT_TOKEN")) c.audit.token = v;
  return c;
}

bool apply_serve_args(const std::vector<std::string>& args, ServerConfig& config, bool& help, std::string& error) {
  help = false;
  for (std::size_t i = 0; i < args.size(); ++i) {
    std::string a = args[i];
    std::string value;
    bool has_value = false;
    if (auto eq = a.find('='); a.rfind("--", 0) == 0 && eq != std::string::npos) {
      value = a.substr(eq + 1);
      a = a.substr(0, eq);
      has_value = true;
    }
    if (a == "--help" || a == "-h") {
      help = true;
      continue;
    }
    if (a != "--host" && a != "--port") {
      error = "unknown argument '" + args[i] + "'";
      return false;
    }
    if (!has_value) {
      if (i + 1 >= args.size()) {
        error = a + " needs a value";
        return false;
      }
      value = args[++i];
    }
    try {
      if (a == "--host") {
        check_host("--host", value);
        config.host = value;
      } else {
        config.port = parse_port("--port", value);
      }
    } catch (const std::exception& e) {
      error = e.what();
      return false;
    }
  }
  return true;
}

std::string serve_usage_text() {
  return
      "usage: invariant serve [--host HOST] [--port PORT]\n"
      "\n"
      "Runs the HTTP server: POST /api/policy/analyze, /api/monitor/check, /api/policy/load,\n"
      "/api/policy/analyze/batch; GET /healthz, /readyz, /metrics, /openapi.json (the OpenAPI document),\n"
      "/docs (Swagger UI). SIGTERM or SIGINT stops it gracefully (no new connections, in-flight requests\n"
      "finish, exit 0).\n"
      "\n"
      "options:\n"
      "  --host HOST    address to listen on (INVARIANT_HOST, default 127.0.0.1)\n"
      "  --port PORT    TCP port, 0 for any free port (INVARIANT_PORT, default 8000)\n"
      "  -h, --help     this text\n"
      "\n"
      "environment (defaults in brackets):\n"
      "  INVARIANT_IO_THREADS [1]            threads that accept, parse and route requests\n"
      "  INVARIANT_WORKER_THREADS [cores]    threads that evaluate requests\n"
      "  INVARIANT_QUEUE_SIZE [256]          requests waiting for a worker; beyond: 503 + Retry-After\n"
      "  INVARIANT_MAX_BODY_BYTES [10485760] larger request bodies: 413\n"
      "  INVARIANT_MAX_CONNECTIONS [1024]    parallel connections (more wait in the accept queue)\n"
      "  INVARIANT_MAX_URL_BYTES [8192], INVARIANT_MAX_HEADER_BYTES [16384], INVARIANT_MAX_HEADER_FIELDS [100]\n"
      "  INVARIANT_REQUEST_TIMEOUT_MS [30000] deadline from arrival to response (queued too long: 503)\n"
      "  INVARIANT_IDLE_TIMEOUT_MS [60000]   keep-alive connections idle longer are closed\n"
      "  INVARIANT_SHUTDOWN_GRACE_MS [30000] how long shutdown waits for in-flight requests\n"
      "  INVARIANT_RESULT_CACHE_ENTRIES [1024], INVARIANT_RESULT_CACHE_BYTES [67108864]\n"
      "  INVARIANT_POLICY_CACHE_ENTRIES [256], INVARIANT_POLICY_CACHE_BYTES [67108864]\n"
      "  INVARIANT_BATCH_MAX_ITEMS [1000]    policies x traces in one batch call; beyond: 413\n"
      "  INVARIANT_BATCH_CONCURRENCY [workers] items of one batch evaluated in parallel\n"
      "  INVARIANT_MAX_STEPS [200000000], INVARIANT_EVAL_TIMEOUT_MS [10000], INVARIANT_MAX_VIOLATIONS [100000],\n"
      "  INVARIANT_MAX_EVENTS [100000], INVARIANT_MAX_POLICY_BYTES [1048576]   evaluation limits (422/413)\n"
      "  INVARIANT_COMPAT_ERRORS [false]     policy/trace/runtime failures as HTTP 200 + JSON string\n"
      "  INVARIANT_API_TOKEN [unset]         when set, /api/ needs 'Authorization: Bearer <token>'\n"
      "  PROMETHEUS_TOKEN [unset]            /metrics needs 'Authorization: Bearer <token>'; unset: always 401\n"
      "  PRODUCTION [false]                  logged; no sandbox effect in this server yet\n"
      "  INVARIANT_DATA_DIR [./data]         data directory, created at start (audit log: audit.db)\n"
      "  INVARIANT_STATIC_DIR [found]        Swagger UI assets for /docs (default: third_party/swagger-ui\n"
      "                                      beside the build tree, then in the working directory)\n"
      "  INVARIANT_AUDIT [on]                record every API call in the audit log\n"
      "  INVARIANT_AUDIT_MODE [sync]         sync: answer after the audit row is committed; async: queue\n"
      "  INVARIANT_AUDIT_QUEUE [4096]        records waiting for the audit writer (async: drop beyond)\n"
      "  INVARIANT_AUDIT_REDACT [full]       request bodies: full, hash (SHA-256 only), mask (trace contents)\n"
      "  INVARIANT_AUDIT_RETENTION_DAYS [0], INVARIANT_AUDIT_MAX_ROWS [0]   retention (0: keep everything)\n"
      "  INVARIANT_AUDIT_TOKEN [unset]       when set, /api/audit/ needs 'Authorization: Bearer <token>'\n";
}

}  // namespace inv::app
