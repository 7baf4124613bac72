// Runs detector calls that do not promise bounded time on a small set of watchdog threads, so that the
// evaluating thread can give up at the per-call deadline. A call that overruns is abandoned, not killed
// (in-process code cannot be stopped safely): its thread finishes it later and discards the result; the
// cancelled flag tells a cooperative plugin to stop early. While every watchdog thread is stuck in an
// abandoned call, further calls wait in the queue and time out too.
//
// Thread-safety: run() may be called from any number of threads. The destructor does not wait for
// abandoned calls; their threads are detached and keep the shared state alive (see busy()).
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>

#include "adapters/plugins/plugin_library.hpp"

namespace inv::adapters::plugins {

class CallExecutor {
 public:
  using Job = std::function<CallOutcome(const volatile std::int32_t* cancelled)>;
  explicit CallExecutor(std::size_t threads);
  ~CallExecutor();
  CallExecutor(const CallExecutor&) = delete;
  CallExecutor& operator=(const CallExecutor&) = delete;

  // The job's outcome, or nullopt when `deadline` passed first.
  std::optional<CallOutcome> run(Job job, std::chrono::steady_clock::time_point deadline);
  // Calls running or queued right now (abandoned ones included).
  std::size_t busy() const;

 private:
  struct State;
  std::shared_ptr<State> state_;
};

}  // namespace inv::adapters::plugins
