#include "adapters/plugins/plugin_library.hpp"

#include <dlfcn.h>

#define BOOST_DLL_USE_STD_FS
#include <boost/dll/shared_library.hpp>

namespace inv::adapters::plugins {

struct PluginLibrary::Impl {
  boost::dll::shared_library lib;
};

std::unique_ptr<PluginLibrary> PluginLibrary::open(const std::string& path,
                                                   const std::function<std::string(const std::string&)>& settings) {
  std::unique_ptr<PluginLibrary> p(new PluginLibrary());
  p->path_ = path;
  p->impl_ = std::make_unique<Impl>();
  boost::dll::fs::error_code ec;
  // RTLD_LOCAL: a plugin's symbols never satisfy another plugin's references; RTLD_NOW: a library with an
  // unresolved symbol fails here, not in the middle of a call.
  p->impl_->lib.load(path, boost::dll::load_mode::rtld_now | boost::dll::load_mode::rtld_local, ec);
  if (ec) {
    // Boost.DLL reports only an errno text; the dynamic loader's own message names the missing library or
    // symbol, so ask it directly.
    std::string reason = ec.message();
    if (void* h = ::dlopen(path.c_str(), RTLD_NOW | RTLD_LOCAL)) {
      ::dlclose(h);
    } else if (const char* why = ::dlerror()) {
      reason = why;
    }
    throw PluginLoadError("cannot load " + path + ": " + reason);
  }
  auto& lib = p->impl_->lib;
  if (!lib.has("invariant_plugin_abi_version"))
    throw PluginLoadError(path + " is not an invariant detector plugin (no invariant_plugin_abi_version symbol)");
  const std::uint32_t abi = lib.get<std::uint32_t()>("invariant_plugin_abi_version")();
  if (abi != INVARIANT_PLUGIN_ABI_VERSION)
    throw PluginLoadError(path + " was built for plugin ABI version " + std::to_string(abi) +
                          "; this server supports version " + std::to_string(INVARIANT_PLUGIN_ABI_VERSION));
  if (!lib.has("invariant_plugin_entry"))
    throw PluginLoadError(path + " does not export invariant_plugin_entry");
  const inv_plugin* table = lib.get<const inv_plugin*()>("invariant_plugin_entry")();
  if (!table) throw PluginLoadError(path + ": invariant_plugin_entry returned no table");
  if (table->abi_version != INVARIANT_PLUGIN_ABI_VERSION)
    throw PluginLoadError(path + ": the entry table says ABI version " + std::to_string(table->abi_version) +
                          ", expected " + std::to_string(INVARIANT_PLUGIN_ABI_VERSION));
  if (table->struct_size < sizeof(inv_plugin))
    throw PluginLoadError(path + ": the entry table is smaller than this ABI's (" + std::to_string(table->struct_size) +
                          " < " + std::to_string(sizeof(inv_plugin)) + " bytes)");
  if (!table->metadata_json || !table->init || !table->call || !table->free_string || !table->shutdown)
    throw PluginLoadError(path + ": the entry table has a null member");
  try {
    p->metadata_ = parse_plugin_metadata(table->metadata_json);
  } catch (const std::invalid_argument& e) {
    throw PluginLoadError(path + ": " + e.what());
  }
  char* error = nullptr;
  void* instance = nullptr;
  const std::string settings_json = settings ? settings(p->metadata_.name) : std::string("{}");
  const std::int32_t status = table->init(settings_json.c_str(), &instance, &error);
  if (status != INV_STATUS_OK) {
    std::string message = error ? error : "no reason given";
    if (error) table->free_string(error);
    throw PluginLoadError(path + ": plugin '" + p->metadata_.name + "' refused to start: " + message);
  }
  if (error) table->free_string(error);
  p->table_ = table;
  p->instance_ = instance;
  return p;
}

PluginLibrary::~PluginLibrary() {
  if (table_ && instance_) table_->shutdown(instance_);
}

CallOutcome PluginLibrary::call(const std::string& request_json, const inv_call_context& context) const {
  CallOutcome out;
  char* response = nullptr;
  out.status = table_->call(instance_, request_json.c_str(), &context, &response);
  if (response) {
    out.response = response;
    table_->free_string(response);
  } else {
    out.status = INV_STATUS_ERROR;
    out.response = R"({"error":{"type":"RuntimeError","message":"the detector plugin ')" + metadata_.name +
                   R"(' returned no response"}})";
  }
  return out;
}

}  // namespace inv::adapters::plugins
