// Test plugins "serial" (thread_safe = false) and "parallel" (thread_safe = true), the same code built
// twice (THREADS_PLUGIN_SERIAL = 1 or 0). `enter` stays inside the plugin for `ms` milliseconds and counts
// calls that overlap another call; `stats` reports the counters. The host must never let two calls of
// "serial" overlap; "parallel" is the control that shows the overlap detector works.
#include <atomic>
#include <chrono>
#include <thread>

#include "invariant/detector_sdk.hpp"

#ifndef THREADS_PLUGIN_SERIAL
#error "define THREADS_PLUGIN_SERIAL as 0 or 1"
#endif

namespace {

namespace sdk = invariant::sdk;

std::atomic<bool> g_inside{false};
std::atomic<int> g_active{0};
std::atomic<int> g_max_active{0};
std::atomic<long long> g_calls{0};
std::atomic<long long> g_overlaps{0};

sdk::PluginDef define() {
#if THREADS_PLUGIN_SERIAL
  sdk::PluginDef p{"serial", "0.1.0", "Not thread safe: must be serialised."};
  p.thread_safe = false;
  const std::vector<std::string> module{"tests.serial"};
#else
  sdk::PluginDef p{"parallel", "0.1.0", "Thread safe."};
  p.thread_safe = true;
  const std::vector<std::string> module{"tests.parallel"};
#endif
  p.bounded_time = true;
  p.function("enter")
      .exported_from(module)
      .data()
      .optional("ms", "int", 20)
      .returning("int")
      .run([](sdk::Call& call) {
        const int now = ++g_active;
        for (int seen = g_max_active.load(); now > seen && !g_max_active.compare_exchange_weak(seen, now);) {
        }
        if (g_inside.exchange(true)) ++g_overlaps;  // somebody else is inside right now
        std::this_thread::sleep_for(std::chrono::milliseconds(static_cast<long long>(call.number_arg("ms", 20))));
        g_inside.store(false);
        --g_active;
        return sdk::Json(static_cast<long long>(++g_calls));
      });
  p.function("stats")
      .exported_from(module)
      .returning("dict")
      .run([](sdk::Call&) {
        sdk::Json s = sdk::Json::object();
        s["calls"] = static_cast<long long>(g_calls.load());
        s["overlaps"] = static_cast<long long>(g_overlaps.load());
        s["max_active"] = g_max_active.load();
        return s;
      });
  return p;
}

}  // namespace

INVARIANT_DETECTOR_PLUGIN(define)
