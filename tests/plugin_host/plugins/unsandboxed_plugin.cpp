// Test plugin "unsandboxed": declares in_process_safe = false (it must run in a sandbox), so the host
// refuses it unless the operator allows unsandboxed plugins.
#include "invariant/detector_sdk.hpp"

namespace {

namespace sdk = invariant::sdk;

sdk::PluginDef define() {
  sdk::PluginDef p{"unsandboxed", "0.1.0", "Must run sandboxed."};
  p.in_process_safe = false;
  p.network = "required";
  p.function("risky")
      .exported_from({"tests.unsandboxed"})
      .data()
      .run([](sdk::Call&) { return sdk::Json("ran in-process"); });
  return p;
}

}  // namespace

INVARIANT_DETECTOR_PLUGIN(define)
