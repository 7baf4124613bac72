// Test plugin "slow": declares bounded_time = false and ignores the deadline, so the host must run it on a
// watchdog thread and give up at the per-call timeout. `sleepy` sleeps `ms` milliseconds (default 3000)
// and then answers; `quick` answers at once (the plugin still works after an abandoned call).
#include <atomic>
#include <chrono>
#include <thread>

#include "invariant/detector_sdk.hpp"

namespace {

namespace sdk = invariant::sdk;

std::atomic<int> g_finished{0};

sdk::PluginDef define() {
  sdk::PluginDef p{"slow", "0.1.0", "Takes its time."};
  p.bounded_time = false;
  p.function("sleepy")
      .exported_from({"tests.slow"})
      .data()
      .optional("ms", "int", 3000)
      .returning("str")
      .run([](sdk::Call& call) {
        const auto ms = static_cast<long long>(call.number_arg("ms", 3000));
        std::this_thread::sleep_for(std::chrono::milliseconds(ms));  // deliberately not checking the deadline
        ++g_finished;
        return sdk::Json("woke up");
      });
  p.function("quick")
      .exported_from({"tests.slow"})
      .data()
      .returning("int")
      .describe("The number of sleepy calls that ran to completion so far.")
      .run([](sdk::Call&) { return sdk::Json(g_finished.load()); });
  return p;
}

}  // namespace

INVARIANT_DETECTOR_PLUGIN(define)
