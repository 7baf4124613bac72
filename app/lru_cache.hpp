// A least-recently-used map bounded by a number of entries AND a number of bytes (the caller states the
// size of each value). Used for compiled policies and for HTTP results. Values are shared pointers so a
// reader keeps its value alive after an eviction.
//
// Thread-safety: all methods lock one mutex; lookups are O(1). A bound of 0 entries or 0 bytes disables
// the cache (nothing is stored). A single value larger than the byte bound is not stored.
#pragma once

#include <cstddef>
#include <cstdint>
#include <list>
#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>

namespace inv::app {

struct CacheStats {
  std::size_t entries = 0;
  std::size_t bytes = 0;
  std::uint64_t hits = 0;
  std::uint64_t misses = 0;
  std::uint64_t evictions = 0;
};

template <class V>
class LruCache {
 public:
  using Ptr = std::shared_ptr<const V>;

  LruCache(std::size_t max_entries, std::size_t max_bytes) : max_entries_(max_entries), max_bytes_(max_bytes) {}

  bool enabled() const { return max_entries_ > 0 && max_bytes_ > 0; }

  // Returns the value and marks it most recently used; counts a hit or a miss.
  Ptr get(const std::string& key) {
    std::lock_guard lock(mu_);
    auto it = map_.find(key);
    if (it == map_.end()) {
      ++stats_.misses;
      return nullptr;
    }
    ++stats_.hits;
    order_.splice(order_.begin(), order_, it->second);
    return it->second->value;
  }

  // Inserts or replaces `key`; evicts least recently used entries until both bounds hold.
  void put(const std::string& key, Ptr value, std::size_t bytes) {
    std::lock_guard lock(mu_);
    if (!enabled()) return;
    const std::size_t cost = bytes + key.size();
    if (cost > max_bytes_) return;
    if (auto it = map_.find(key); it != map_.end()) {
      stats_.bytes -= it->second->bytes;
      order_.erase(it->second);
      map_.erase(it);
    }
    order_.push_front(Node{key, std::move(value), cost});
    map_.emplace(key, order_.begin());
    stats_.bytes += cost;
    while (map_.size() > max_entries_ || stats_.bytes > max_bytes_) {
      const Node& last = order_.back();
      stats_.bytes -= last.bytes;
      map_.erase(last.key);
      order_.pop_back();
      ++stats_.evictions;
    }
    stats_.entries = map_.size();
  }

  CacheStats stats() const {
    std::lock_guard lock(mu_);
    CacheStats s = stats_;
    s.entries = map_.size();
    return s;
  }

  std::size_t max_entries() const { return max_entries_; }
  std::size_t max_bytes() const { return max_bytes_; }

 private:
  struct Node {
    std::string key;
    Ptr value;
    std::size_t bytes;
  };
  const std::size_t max_entries_;
  const std::size_t max_bytes_;
  mutable std::mutex mu_;
  std::list<Node> order_;
  std::unordered_map<std::string, typename std::list<Node>::iterator> map_;
  CacheStats stats_;
};

}  // namespace inv::app
