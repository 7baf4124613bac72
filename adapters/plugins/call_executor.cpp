#include "adapters/plugins/call_executor.hpp"

#include <atomic>
#include <condition_variable>
#include <deque>
#include <mutex>
#include <thread>
#include <vector>

namespace inv::adapters::plugins {

namespace {
struct Task {
  CallExecutor::Job job;
  std::mutex mu;
  std::condition_variable cv;
  bool done = false;
  CallOutcome outcome;
  volatile std::int32_t cancelled = 0;
};
}  // namespace

struct CallExecutor::State {
  std::mutex mu;
  std::condition_variable cv;
  std::deque<std::shared_ptr<Task>> queue;
  bool stop = false;
  std::atomic<std::size_t> busy{0};
};

CallExecutor::CallExecutor(std::size_t threads) : state_(std::make_shared<State>()) {
  if (threads == 0) threads = 1;
  for (std::size_t i = 0; i < threads; ++i) {
    std::thread([state = state_] {
      for (;;) {
        std::shared_ptr<Task> task;
        {
          std::unique_lock lock(state->mu);
          state->cv.wait(lock, [&] { return state->stop || !state->queue.empty(); });
          if (state->queue.empty()) return;  // stopping
          task = std::move(state->queue.front());
          state->queue.pop_front();
        }
        CallOutcome outcome;
        if (!task->cancelled) outcome = task->job(&task->cancelled);
        {
          std::lock_guard lock(task->mu);
          task->outcome = std::move(outcome);
          task->done = true;
        }
        task->cv.notify_all();
        --state->busy;
      }
    }).detach();
  }
}

CallExecutor::~CallExecutor() {
  {
    std::lock_guard lock(state_->mu);
    state_->stop = true;
    for (auto& t : state_->queue) t->cancelled = 1;
  }
  state_->cv.notify_all();
}

std::optional<CallOutcome> CallExecutor::run(Job job, std::chrono::steady_clock::time_point deadline) {
  auto task = std::make_shared<Task>();
  task->job = std::move(job);
  ++state_->busy;
  {
    std::lock_guard lock(state_->mu);
    state_->queue.push_back(task);
  }
  state_->cv.notify_one();
  std::unique_lock lock(task->mu);
  if (!task->cv.wait_until(lock, deadline, [&] { return task->done; })) {
    task->cancelled = 1;
    return std::nullopt;
  }
  return std::move(task->outcome);
}

std::size_t CallExecutor::busy() const { return state_->busy.load(); }

}  // namespace inv::adapters::plugins
