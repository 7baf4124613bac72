// Test plugin "configured": needs the operator setting `mode` (INVARIANT_PLUGIN_CONFIGURED_MODE) to be
// "fast" or "careful"; without it, init refuses to start and the host must refuse the plugin.
#include "invariant/detector_sdk.hpp"

namespace {

namespace sdk = invariant::sdk;

sdk::PluginDef define() {
  sdk::PluginDef p{"configured", "0.1.0", "Needs a setting."};
  p.check_settings = [](const sdk::Json& settings) {
    const sdk::Json* m = settings.find("mode");
    const std::string mode = m && m->is_string() ? m->as_string() : "";
    if (mode != "fast" && mode != "careful")
      throw sdk::Error("ValueError", "INVARIANT_PLUGIN_CONFIGURED_MODE must be 'fast' or 'careful', not '" + mode + "'");
  };
  p.function("configured_mode")
      .exported_from({"tests.configured"})
      .data()
      .returning("str")
      .run([](sdk::Call& call) { return sdk::Json(call.setting("mode") + "/" + call.setting("extra", "-")); });
  return p;
}

}  // namespace

INVARIANT_DETECTOR_PLUGIN(define)
