#include "app/worker_pool.hpp"

#include <iostream>

namespace inv::app {

WorkerPool::WorkerPool(std::size_t threads, std::size_t queue_bound, ports::Metrics* metrics)
    : bound_(queue_bound), metrics_(metrics) {
  if (threads == 0) threads = 1;
  threads_.reserve(threads);
  for (std::size_t i = 0; i < threads; ++i) threads_.emplace_back([this] { loop(); });
}

WorkerPool::~WorkerPool() { shutdown(); }

bool WorkerPool::push(std::function<void()>& task, bool only_if_idle) {
  std::size_t depth;
  {
    std::lock_guard lock(mu_);
    if (stopping_) return false;
    if (only_if_idle ? idle_ <= queue_.size() : queue_.size() >= bound_) return false;
    queue_.push_back(std::move(task));
    depth = queue_.size();
  }
  cv_.notify_one();
  if (metrics_) metrics_->queue_depth(depth);
  return true;
}

bool WorkerPool::try_submit(std::function<void()> task) { return push(task, false); }
bool WorkerPool::try_submit_if_idle(std::function<void()> task) { return push(task, true); }

std::size_t WorkerPool::queue_depth() const {
  std::lock_guard lock(mu_);
  return queue_.size();
}

void WorkerPool::loop() {
  for (;;) {
    std::function<void()> task;
    std::size_t depth;
    {
      std::unique_lock lock(mu_);
      ++idle_;
      cv_.wait(lock, [&] { return stopping_ || !queue_.empty(); });
      --idle_;
      if (queue_.empty()) return;  // stopping and drained
      task = std::move(queue_.front());
      queue_.pop_front();
      depth = queue_.size();
    }
    if (metrics_) metrics_->queue_depth(depth);
    try {
      task();
    } catch (const std::exception& e) {
      std::cerr << "invariant: worker task failed: " << e.what() << std::endl;
      if (metrics_) metrics_->internal_error();
    } catch (...) {
      std::cerr << "invariant: worker task failed" << std::endl;
      if (metrics_) metrics_->internal_error();
    }
  }
}

void WorkerPool::shutdown() {
  {
    std::lock_guard lock(mu_);
    if (stopping_ && threads_.empty()) return;
    stopping_ = true;
  }
  cv_.notify_all();
  for (auto& t : threads_)
    if (t.joinable()) t.join();
  threads_.clear();
}

}  // namespace inv::app
