// Runs a piece of work on a helper thread with a large, lazily committed stack (256 MiB by default), so
// that code recursing (boundedly) with the nesting of untrusted input does not depend on the caller's stack
// size. When no thread can be started the work runs on the caller's thread. An exception thrown by the
// work is rethrown to the caller. Header-only; pthreads.
//
// Thread-safety: any number of threads may call it; each call has its own helper thread.
#pragma once

#include <pthread.h>

#include <cstddef>
#include <exception>
#include <functional>

namespace inv::detectors::support {

inline void run_with_large_stack(const std::function<void()>& work, std::size_t stack_bytes = 256u * 1024u * 1024u) {
  struct Job {
    const std::function<void()>* work;
    std::exception_ptr error;
  } job{&work, nullptr};
  auto run = [](void* arg) -> void* {
    auto* j = static_cast<Job*>(arg);
    try {
      (*j->work)();
    } catch (...) {
      j->error = std::current_exception();
    }
    return nullptr;
  };
  pthread_attr_t attr;
  pthread_attr_init(&attr);
  pthread_attr_setstacksize(&attr, stack_bytes);
  pthread_t thread;
  const bool started = pthread_create(&thread, &attr, run, &job) == 0;
  pthread_attr_destroy(&attr);
  if (started) pthread_join(thread, nullptr);
  else run(&job);
  if (job.error) std::rethrow_exception(job.error);
}

}  // namespace inv::detectors::support
