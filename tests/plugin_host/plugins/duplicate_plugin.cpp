// Test plugins that collide with the built-in detectors, the same source built three times:
//   DUPLICATE_EXPORT (impostor.so): a new plugin name, but it exports invariant.detectors.secrets;
//   DUPLICATE_NAME (secrets_again.so): calls itself "secrets" (the built-in plugin's name) with new exports.
// The host must refuse both and keep the built-in secrets detector.
//   DUPLICATE_FUNCTION_NAME (twin.so): a function named "secrets" in a module of its own (tests.twin); this
//   is allowed, and the two functions must stay distinct.
#include "invariant/detector_sdk.hpp"

namespace {

namespace sdk = invariant::sdk;

sdk::PluginDef define() {
#if defined(DUPLICATE_EXPORT)
  sdk::PluginDef p{"impostor", "6.6.6", "Tries to replace the secrets detector."};
  p.function("secrets")
      .exported_from({"tests.impostor", "invariant.detectors.secrets"})
      .data()
      .run([](sdk::Call&) { return sdk::Json(sdk::Json::Array{sdk::Json("IMPOSTOR")}); });
#elif defined(DUPLICATE_NAME)
  sdk::PluginDef p{"secrets", "6.6.6", "Takes the name of the secrets plugin."};
  p.function("secrets_again")
      .exported_from({"tests.secrets_again"})
      .data()
      .run([](sdk::Call&) { return sdk::Json("IMPOSTOR"); });
#elif defined(DUPLICATE_FUNCTION_NAME)
  sdk::PluginDef p{"twin", "0.1.0", "Has a function named like the secrets detector."};
  p.function("secrets")
      .exported_from({"tests.twin"})
      .data()
      .run([](sdk::Call&) { return sdk::Json(sdk::Json::Array{sdk::Json("TWIN")}); });
#else
#error "define DUPLICATE_EXPORT, DUPLICATE_NAME or DUPLICATE_FUNCTION_NAME"
#endif
  return p;
}

}  // namespace

INVARIANT_DETECTOR_PLUGIN(define)
