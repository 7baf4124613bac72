// Test plugin "deadline": declares bounded_time = true (the host calls it on the evaluating thread, no
// watchdog) and honours the call deadline: `spin` works until Call::check_deadline() stops it.
#include <chrono>
#include <thread>

#include "invariant/detector_sdk.hpp"

namespace {

namespace sdk = invariant::sdk;

sdk::PluginDef define() {
  sdk::PluginDef p{"deadline", "0.1.0", "Works until the deadline."};
  p.bounded_time = true;
  p.function("spin")
      .exported_from({"tests.deadline"})
      .data()
      .returning("int")
      .run([](sdk::Call& call) {
        long long rounds = 0;
        for (;;) {  // at most one minute, should the host give no deadline
          call.check_deadline();
          std::this_thread::sleep_for(std::chrono::milliseconds(2));
          if (++rounds > 30000) break;
        }
        return sdk::Json(rounds);
      });
  p.function("time_left_ms")
      .exported_from({"tests.deadline"})
      .data()
      .returning("int")
      .run([](sdk::Call& call) { return sdk::Json(static_cast<long long>(call.time_left().count())); });
  return p;
}

}  // namespace

INVARIANT_DETECTOR_PLUGIN(define)
