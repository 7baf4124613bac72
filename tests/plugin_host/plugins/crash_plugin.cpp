// Test plugin "crasher": loads fine and crashes the process when called (there is no sandbox yet, so a
// crashing detector takes the server down). crash(data, how: str = "segv"): "segv" writes through a null
// pointer, "abort" calls std::abort().
#include <cstdlib>

#include "invariant/detector_sdk.hpp"

namespace {

namespace sdk = invariant::sdk;

sdk::PluginDef define() {
  sdk::PluginDef p{"crasher", "0.1.0", "Crashes when called."};
  p.function("crash")
      .exported_from({"tests.crash"})
      .data()
      .optional("how", "str", "segv")
      .returning("never")
      .run([](sdk::Call& call) -> sdk::Json {
        if (call.str_arg("how", "segv") == "abort") std::abort();
        volatile int* volatile nowhere = nullptr;
        *nowhere = 1;
        return sdk::Json(*nowhere);
      });
  p.function("harmless")
      .exported_from({"tests.crash"})
      .data()
      .run([](sdk::Call&) { return sdk::Json("fine"); });
  return p;
}

}  // namespace

INVARIANT_DETECTOR_PLUGIN(define)
