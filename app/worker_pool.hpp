// A fixed set of worker threads with a bounded FIFO queue: where HTTP requests are evaluated (the IO
// threads only parse and route). try_submit refuses work when the queue is full, so overload turns into
// a fast 503 instead of unbounded memory and latency.
//
// Thread-safety: every method may be called from any thread. Tasks must not throw (an escaping exception
// is caught and counted). shutdown() runs the queued tasks, then joins; the destructor calls it.
#pragma once

#include <condition_variable>
#include <cstddef>
#include <deque>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

#include "app/ports/metrics.hpp"

namespace inv::app {

class WorkerPool {
 public:
  // `queue_bound`: tasks that may wait for a worker (running tasks are not counted).
  WorkerPool(std::size_t threads, std::size_t queue_bound, ports::Metrics* metrics = nullptr);
  ~WorkerPool();
  WorkerPool(const WorkerPool&) = delete;
  WorkerPool& operator=(const WorkerPool&) = delete;

  // Queues `task`; false when the queue is full or the pool is shutting down.
  bool try_submit(std::function<void()> task);
  // Queues `task` only when a worker is idle and nothing waits (extra parallelism for a batch that must
  // never take a queue slot from a request); false otherwise.
  bool try_submit_if_idle(std::function<void()> task);

  std::size_t queue_depth() const;
  std::size_t threads() const { return threads_.size(); }
  std::size_t queue_bound() const { return bound_; }
  void shutdown();

 private:
  void loop();
  bool push(std::function<void()>& task, bool only_if_idle);

  const std::size_t bound_;
  ports::Metrics* metrics_;
  mutable std::mutex mu_;
  std::condition_variable cv_;
  std::deque<std::function<void()>> queue_;
  std::size_t idle_ = 0;
  bool stopping_ = false;
  std::vector<std::thread> threads_;
};

}  // namespace inv::app
