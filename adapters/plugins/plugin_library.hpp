// One loaded detector plugin library: the shared object (Boost.DLL), its C entry table and the instance it
// created. Opening checks, in this order, that the file loads, exports invariant_plugin_abi_version with
// the server's ABI version, exports invariant_plugin_entry, that the table's version and size agree, that
// the metadata is valid and that init accepts the operator's settings; any failure is a PluginLoadError
// naming the file and the reason, and nothing of the library is used.
//
// Thread-safety: call() may be used concurrently (the registry serialises plugins that are not thread
// safe). The object must outlive every call that runs its code; destroying it calls the plugin's shutdown
// and unloads the library.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <stdexcept>
#include <string>

#include "adapters/plugins/plugin_metadata.hpp"
#include "invariant/detector_plugin.h"

namespace inv::adapters::plugins {

struct PluginLoadError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

struct CallOutcome {
  std::int32_t status = INV_STATUS_ERROR;
  std::string response;  // JSON text
};

class PluginLibrary {
 public:
  // Throws PluginLoadError. `settings` gives the settings JSON object for the plugin's declared name.
  static std::unique_ptr<PluginLibrary> open(const std::string& path,
                                             const std::function<std::string(const std::string&)>& settings);
  ~PluginLibrary();
  PluginLibrary(const PluginLibrary&) = delete;
  PluginLibrary& operator=(const PluginLibrary&) = delete;

  const PluginMetadata& metadata() const { return metadata_; }
  const std::string& path() const { return path_; }
  // Runs one call; never throws for what the plugin does (a null response becomes an error outcome).
  CallOutcome call(const std::string& request_json, const inv_call_context& context) const;

 private:
  struct Impl;
  PluginLibrary() = default;
  std::unique_ptr<Impl> impl_;
  const inv_plugin* table_ = nullptr;
  void* instance_ = nullptr;
  PluginMetadata metadata_;
  std::string path_;
};

}  // namespace inv::adapters::plugins
