// Test plugin "counting": counts its calls (process-wide), so that a test can see how often the host
// really called it (memoisation per analysis), for calls that succeed and for calls that fail.
#include <atomic>

#include "invariant/detector_sdk.hpp"

namespace {

namespace sdk = invariant::sdk;

std::atomic<long long> g_calls{0};

sdk::PluginDef define() {
  sdk::PluginDef p{"counting", "0.1.0", "Counts its calls."};
  p.function("counted")
      .exported_from({"tests.counting"})
      .data()
      .optional("salt", "any", nullptr)
      .returning("int")
      .describe("The number of calls so far, this one included.")
      .run([](sdk::Call&) { return sdk::Json(static_cast<long long>(++g_calls)); });
  p.function("counted_failure")
      .exported_from({"tests.counting"})
      .data()
      .describe("Counts its calls and fails with ValueError('failure #<calls so far>').")
      .run([](sdk::Call&) -> sdk::Json {
        throw sdk::Error("ValueError", "failure #" + std::to_string(++g_calls));
      });
  return p;
}

}  // namespace

INVARIANT_DETECTOR_PLUGIN(define)
