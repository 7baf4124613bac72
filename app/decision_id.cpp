#include "app/decision_id.hpp"

#include <chrono>
#include <random>

namespace inv::app {

namespace {
std::uint64_t random64() {
  thread_local std::mt19937_64 rng([] {
    std::random_device rd;
    std::seed_seq seq{rd(), rd(), rd(), rd()};
    return std::mt19937_64(seq);
  }());
  return rng();
}
}  // namespace

std::string DecisionIdGenerator::format(std::uint64_t unix_ms, std::uint16_t counter, std::uint64_t random62) {
  std::uint64_t hi = (unix_ms & 0xFFFFFFFFFFFFull) << 16 | 0x7000u | (counter & 0x0FFFu);
  std::uint64_t lo = 0x8000000000000000ull | (random62 & 0x3FFFFFFFFFFFFFFFull);
  static const char* kHex = "0123456789abcdef";
  std::string out(36, '-');
  int pos = 0;
  auto put = [&](std::uint64_t v, int nibbles) {
    for (int i = nibbles - 1; i >= 0; --i) {
      if (pos == 8 || pos == 13 || pos == 18 || pos == 23) ++pos;
      out[pos++] = kHex[(v >> (4 * i)) & 0xF];
    }
  };
  put(hi, 16);
  put(lo, 16);
  return out;
}

std::string DecisionIdGenerator::next() {
  const auto now_ms = static_cast<std::uint64_t>(
      std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::system_clock::now().time_since_epoch())
          .count());
  const std::uint64_t candidate = now_ms << 12;
  std::uint64_t prev = last_.load(std::memory_order_relaxed);
  std::uint64_t next;
  do {
    // A new millisecond starts the counter at 0; within the same one (or if the clock went back) the
    // counter increments, carrying into the millisecond field when it overflows.
    next = candidate > prev ? candidate : prev + 1;
  } while (!last_.compare_exchange_weak(prev, next, std::memory_order_relaxed));
  return format(next >> 12, static_cast<std::uint16_t>(next & 0xFFF), random64());
}

}  // namespace inv::app
