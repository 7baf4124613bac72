// Decision ids: one per HTTP response (header X-Decision-Id), UUIDv7-style (RFC 9562): 48 bits of Unix
// milliseconds, version 7, a 12-bit counter that keeps ids strictly increasing within a millisecond
// (and across a backwards clock step), variant 10, 62 random bits. So ids sort by creation time, as
// strings too (lower-case hex, 8-4-4-4-12).
//
// Thread-safety: next() may be called from any thread; ids from one generator are strictly increasing in
// the order next() returns them.
#pragma once

#include <atomic>
#include <cstdint>
#include <string>

namespace inv::app {

class DecisionIdGenerator {
 public:
  std::string next();
  // For tests: an id for a given (millisecond, counter) state and random bits.
  static std::string format(std::uint64_t unix_ms, std::uint16_t counter, std::uint64_t random62);

 private:
  std::atomic<std::uint64_t> last_{0};  // (unix_ms << 12) | counter of the last id
};

}  // namespace inv::app
