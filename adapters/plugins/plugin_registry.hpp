// The detector registry made of plugins: loads every detector plugin (the built-in ones first, then the
// operator's plugin directories), refuses bad ones with a log line (the server still starts) and exposes
// their functions and record types to the domain through the DetectorRegistry port, and their metadata
// through the DetectorCatalog port (GET /api/detectors).
//
// A call from a policy: the arguments are checked against the declared parameters, the data argument is
// turned into texts by the detector calling convention (a str; Message/ToolOutput contents; lists of
// them), everything is sent as JSON through the C ABI, and the answer comes back as a policy value
// (records of the plugin's declared types), its marks as highlight ranges on the texts. Plugin errors are
// policy runtime errors (the plugin's exception type and message); a call that overruns the per-call
// timeout is a TimeoutError. Results are memoised per analysis by the evaluator (cacheable callables).
//
// Thread-safety: immutable after construction; lookups and calls may run concurrently (plugins that are
// not thread safe are serialised). Must outlive every compiled policy that linked its functions.
#pragma once

#include <chrono>
#include <cstddef>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "app/ports/detector_catalog.hpp"
#include "app/ports/metrics.hpp"
#include "domain/eval/detector_registry.hpp"

namespace inv::adapters::plugins {

struct PluginRegistryOptions {
  std::vector<std::string> builtin_dirs;  // the server's own detectors (listed as "builtin": true)
  std::vector<std::string> plugin_dirs;   // third-party plugins, loaded after the built-in ones
  std::chrono::milliseconds call_timeout{10000};
  std::size_t watchdog_threads = 4;       // threads for plugins that do not declare bounded_time
  bool allow_unsandboxed = false;         // load plugins that declare in_process_safe = false
  // The settings JSON object given to a plugin's init (default: settings_from_environment).
  std::function<std::string(const std::string& plugin_name)> settings;
  std::function<void(const std::string& line)> log;
  app::ports::Metrics* metrics = nullptr;  // detector call counts and durations (may be null)
};

// INVARIANT_PLUGIN_<NAME>_<KEY>=value variables as {"<key>": "value"} (key lowercased).
std::string settings_from_environment(const std::string& plugin_name);

// Options from the environment: INVARIANT_BUILTIN_PLUGINS (on|off), INVARIANT_BUILTIN_PLUGIN_DIR,
// INVARIANT_PLUGIN_DIRS (':'-separated), INVARIANT_DETECTOR_TIMEOUT_MS, INVARIANT_DETECTOR_THREADS,
// INVARIANT_PLUGINS_ALLOW_UNSANDBOXED. `default_builtin_dir` is used when INVARIANT_BUILTIN_PLUGIN_DIR is
// unset. Throws std::runtime_error naming the variable on an invalid value.
PluginRegistryOptions registry_options_from_environment(const std::string& default_builtin_dir);

// <directory of the running executable>/../lib/invariant/detectors (the build and install layout).
std::string default_builtin_plugin_dir();

// Only the built-in detectors of this build or installation (tests, benchmarks).
inline PluginRegistryOptions builtin_plugins_only() {
  PluginRegistryOptions o;
  o.builtin_dirs.push_back(default_builtin_plugin_dir());
  return o;
}

struct RefusedPlugin {
  std::string path;
  std::string reason;
};

class PluginRegistry final : public DetectorRegistry, public app::ports::DetectorCatalog {
 public:
  explicit PluginRegistry(PluginRegistryOptions options);
  ~PluginRegistry() override;
  PluginRegistry(const PluginRegistry&) = delete;
  PluginRegistry& operator=(const PluginRegistry&) = delete;

  Value lookup(std::string_view module, std::string_view name) const override;
  std::vector<std::pair<std::string, std::string>> exports() const override;
  boost::json::value describe() const override;

  std::size_t plugin_count() const;
  const std::vector<RefusedPlugin>& refused() const { return refused_; }

  struct Loaded;  // one plugin, shared with its callables

 private:
  void load_directory(const std::string& dir, bool builtin);
  void load_file(const std::string& path, bool builtin);

  PluginRegistryOptions options_;
  struct Shared;
  std::shared_ptr<Shared> shared_;
  std::vector<std::shared_ptr<Loaded>> plugins_;
  std::vector<RefusedPlugin> refused_;
  std::map<std::string, Value> table_;  // "module:name" -> callable
  std::vector<std::pair<std::string, std::string>> exports_;
};

}  // namespace inv::adapters::plugins
