// Composition root of the `invariant` executable: reads configuration from the environment, builds the
// detector registry and the services, and dispatches the command line. `serve` additionally wires the
// metrics adapter, the worker pool, the API handler and the HTTP adapter.
#include <algorithm>
#include <cstdlib>
#include <memory>
#include <filesystem>
#include <iostream>
#include <string>
#include <thread>
#include <vector>

#include "adapters/http/http_server.hpp"
#include "adapters/plugins/plugin_registry.hpp"
#include "adapters/prometheus/prometheus_metrics.hpp"
#include "adapters/sqlite/sqlite_audit_sink.hpp"
#include "adapters/sqlite/sqlite_audit_store.hpp"
#include "app/analyze_service.hpp"
#include "app/api_handler.hpp"
#include "app/audit_cli.hpp"
#include "app/audit_queries.hpp"
#include "app/cli.hpp"
#include "app/config.hpp"
#include "app/worker_pool.hpp"

namespace {

// The detector plugins (built-in ones and the operator's directories); refused plugins are logged and the
// program goes on without them.
std::unique_ptr<inv::adapters::plugins::PluginRegistry> load_detectors(bool verbose,
                                                                      inv::app::ports::Metrics* metrics = nullptr) {
  using namespace inv::adapters::plugins;
  PluginRegistryOptions o = registry_options_from_environment(default_builtin_plugin_dir());
  o.metrics = metrics;
  o.log = [verbose](const std::string& line) {
    if (verbose || line.find("refused") != std::string::npos || line.find("does not exist") != std::string::npos)
      std::cerr << "invariant: " << line << std::endl;
  };
  return std::make_unique<PluginRegistry>(std::move(o));
}

int serve(const std::vector<std::string>& args) {
  using namespace inv;
  app::ServerConfig config;
  app::ServiceOptions options;
  try {
    config = app::server_config_from_env();
    options = app::service_options_from_env();
  } catch (const std::exception& e) {
    std::cerr << "invariant: invalid configuration: " << e.what() << "\n";
    return app::kExitUsage;
  }
  bool help = false;
  std::string error;
  if (!app::apply_serve_args(args, config, help, error)) {
    std::cerr << "invariant: " << error << "\n" << app::serve_usage_text();
    return app::kExitUsage;
  }
  if (help) {
    std::cout << app::serve_usage_text();
    return app::kExitOk;
  }
  std::error_code ec;
  std::filesystem::create_directories(config.data_dir, ec);
  if (ec || !std::filesystem::is_directory(config.data_dir)) {
    std::cerr << "invariant: cannot create the data directory " << config.data_dir << ": " << ec.message() << "\n";
    return app::kExitUnavailable;
  }
  if (config.worker_threads == 0) config.worker_threads = std::max(1u, std::thread::hardware_concurrency());
  if (config.batch_concurrency == 0) config.batch_concurrency = config.worker_threads;
  std::cerr << "invariant: PRODUCTION=" << (config.production ? "true" : "false")
            << (config.production ? " (no sandbox in this server yet: policies are evaluated in-process)" : "")
            << "; data directory " << config.data_dir << std::endl;

  adapters::PrometheusMetrics metrics;
  // The audit log: opened (created, migrated) before the server listens, so a database it cannot use
  // (unwritable, newer schema) stops the start with a clear message.
  std::unique_ptr<adapters::sqlite::SqliteAuditSink> audit;
  std::unique_ptr<adapters::sqlite::SqliteAuditStore> audit_store;
  std::unique_ptr<app::AuditQueries> audit_queries;
  if (config.audit.enabled) {
    adapters::sqlite::AuditSinkOptions ao;
    ao.path = (std::filesystem::path(config.data_dir) / "audit.db").string();
    ao.sync = config.audit.sync;
    ao.queue_capacity = config.audit.queue;
    ao.redact = config.audit.redact;
    ao.retention_days = config.audit.retention_days;
    ao.max_rows = config.audit.max_rows;
    try {
      audit = std::make_unique<adapters::sqlite::SqliteAuditSink>(
          ao, metrics, [](const std::string& line) { std::cerr << "invariant: " << line << std::endl; });
      audit_store = std::make_unique<adapters::sqlite::SqliteAuditStore>(ao.path);
    } catch (const std::exception& e) {
      std::cerr << "invariant: cannot open the audit log: " << e.what() << "\n";
      return app::kExitUnavailable;
    }
    audit_queries = std::make_unique<app::AuditQueries>(*audit_store);
    std::cerr << "invariant: audit log " << ao.path << " (" << (ao.sync ? "sync" : "async") << ", queue "
              << ao.queue_capacity << ", bodies " << app::redact_name(ao.redact) << ", retention "
              << (ao.retention_days ? std::to_string(ao.retention_days) + " days" : std::string("unlimited"))
              << ", max rows " << (ao.max_rows ? std::to_string(ao.max_rows) : std::string("unlimited")) << ")"
              << std::endl;
  } else {
    std::cerr << "invariant: audit log off (INVARIANT_AUDIT=off)" << std::endl;
  }
  std::unique_ptr<adapters::plugins::PluginRegistry> registry;
  try {
    registry = load_detectors(true, &metrics);
  } catch (const std::exception& e) {
    std::cerr << "invariant: invalid configuration: " << e.what() << "\n";
    return app::kExitUsage;
  }
  const auto& detectors = *registry;
  std::cerr << "invariant: " << detectors.plugin_count() << " detector plugins loaded, " << detectors.refused().size()
            << " refused" << std::endl;
  app::AnalyzeService service(detectors, options);
  service.attach_metrics(&metrics);
  app::WorkerPool pool(config.worker_threads, config.queue_size, &metrics);
  app::ApiOptions api_options;
  api_options.max_body_bytes = config.max_body_bytes;
  api_options.result_cache_entries = config.result_cache_entries;
  api_options.result_cache_bytes = config.result_cache_bytes;
  api_options.batch_max_items = config.batch_max_items;
  api_options.batch_concurrency = config.batch_concurrency;
  app::ApiHandler api(service, api_options, metrics, &pool);
  adapters::HttpServerDeps deps{config, api, pool, metrics, [&metrics] { return metrics.render(); }, std::cerr};
  deps.audit = audit.get();
  deps.audit_queries = audit_queries.get();
  deps.detectors = registry.get();
  return adapters::run_http_server(deps);
}

}  // namespace

int main(int argc, char** argv) {
  std::vector<std::string> args(argv + 1, argv + argc);
  try {
    if (!args.empty() && args[0] == "serve") return serve(std::vector<std::string>(args.begin() + 1, args.end()));
    if (!args.empty() && args[0] == "audit") {
      const char* dir = std::getenv("INVARIANT_DATA_DIR");
      const std::string db =
          (std::filesystem::path(dir && *dir ? dir : "./data") / "audit.db").string();
      return inv::app::run_audit_cli(
          std::vector<std::string>(args.begin() + 1, args.end()), db,
          [](const std::string& path) -> std::unique_ptr<inv::app::ports::AuditStore> {
            return std::make_unique<inv::adapters::sqlite::SqliteAuditStore>(path);
          },
          std::cout, std::cerr);
    }
    auto options = inv::app::service_options_from_env();
    auto detectors = load_detectors(false);
    inv::app::AnalyzeService service(*detectors, options);
    return inv::app::run_cli(args, service, std::cin, std::cout, std::cerr);
  } catch (const std::exception& e) {
    std::cerr << "invariant: " << e.what() << "\n";
    return inv::app::kExitInternal;
  }
}
