// The LRU cache behind the compiled-policy and result caches: both bounds, recency, statistics.
#include <gtest/gtest.h>

#include <string>

#include "app/lru_cache.hpp"

using inv::app::LruCache;

namespace {
std::shared_ptr<const std::string> val(const std::string& s) { return std::make_shared<const std::string>(s); }
}  // namespace

TEST(LruCache, EvictsTheLeastRecentlyUsedBeyondTheEntryBound) {
  LruCache<std::string> c(2, 1 << 20);
  c.put("a", val("1"), 10);
  c.put("b", val("2"), 10);
  ASSERT_NE(c.get("a"), nullptr);  // a is now the most recent
  c.put("c", val("3"), 10);
  EXPECT_EQ(c.get("b"), nullptr);
  EXPECT_EQ(*c.get("a"), "1");
  EXPECT_EQ(*c.get("c"), "3");
  auto st = c.stats();
  EXPECT_EQ(st.entries, 2u);
  EXPECT_EQ(st.evictions, 1u);
  EXPECT_EQ(st.hits, 3u);
  EXPECT_EQ(st.misses, 1u);
}

TEST(LruCache, EvictsUntilTheByteBoundHolds) {
  LruCache<std::string> c(100, 100);
  c.put("a", val("1"), 40);  // cost 41 with the key
  c.put("b", val("2"), 40);
  EXPECT_EQ(c.stats().bytes, 82u);
  c.put("c", val("3"), 40);  // 123 > 100: a goes
  EXPECT_EQ(c.get("a"), nullptr);
  EXPECT_EQ(c.stats().entries, 2u);
  EXPECT_LE(c.stats().bytes, 100u);
  c.put("huge", val("x"), 500);  // larger than the whole bound: not stored, nothing evicted
  EXPECT_EQ(c.get("huge"), nullptr);
  EXPECT_EQ(c.stats().entries, 2u);
}

TEST(LruCache, ReplacingAKeyUpdatesItsSize) {
  LruCache<std::string> c(10, 1000);
  c.put("k", val("old"), 100);
  c.put("k", val("new"), 10);
  EXPECT_EQ(*c.get("k"), "new");
  EXPECT_EQ(c.stats().entries, 1u);
  EXPECT_EQ(c.stats().bytes, 11u);
}

TEST(LruCache, ZeroBoundsDisableTheCache) {
  LruCache<std::string> none(0, 1000), nobytes(10, 0);
  none.put("a", val("1"), 1);
  nobytes.put("a", val("1"), 1);
  EXPECT_FALSE(none.enabled());
  EXPECT_EQ(none.get("a"), nullptr);
  EXPECT_EQ(nobytes.get("a"), nullptr);
}

TEST(LruCache, AReaderKeepsAnEvictedValueAlive) {
  LruCache<std::string> c(1, 1000);
  c.put("a", val("alive"), 1);
  auto held = c.get("a");
  c.put("b", val("other"), 1);
  EXPECT_EQ(c.get("a"), nullptr);
  EXPECT_EQ(*held, "alive");
}
