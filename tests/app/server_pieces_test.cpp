// App-level pieces of the HTTP server: decision ids, bearer tokens, the worker pool, the server
// configuration from the environment and the `serve` arguments.
#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdlib>
#include <mutex>
#include <regex>
#include <set>
#include <thread>

#include "app/bearer_auth.hpp"
#include "app/config.hpp"
#include "app/decision_id.hpp"
#include "app/worker_pool.hpp"

using namespace inv::app;

TEST(DecisionId, IsAUuidV7WithTheCurrentTime) {
  DecisionIdGenerator g;
  const auto before = std::chrono::duration_cast<std::chrono::milliseconds>(
                          std::chrono::system_clock::now().time_since_epoch()).count();
  std::string id = g.next();
  EXPECT_TRUE(std::regex_match(id, std::regex("^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$")))
      << id;
  std::string hex = id.substr(0, 8) + id.substr(9, 4);
  long long ms = std::stoll(hex, nullptr, 16);
  EXPECT_GE(ms, before);
  EXPECT_LE(ms, before + 5000);
}

TEST(DecisionId, FormatPlacesTheFields) {
  EXPECT_EQ(DecisionIdGenerator::format(0x0123456789ab, 0x0cde, 0x3fffffffffffffffull),
            "01234567-89ab-7cde-bfff-ffffffffffff");
  EXPECT_EQ(DecisionIdGenerator::format(0, 0, 0), "00000000-0000-7000-8000-000000000000");
}

TEST(DecisionId, StrictlyIncreasingAcrossThreads) {
  DecisionIdGenerator g;
  std::string prev;
  for (int i = 0; i < 20000; ++i) {  // many ids per millisecond: the counter keeps the order
    std::string id = g.next();
    ASSERT_LT(prev, id);
    prev = id;
  }
  std::mutex mu;
  std::set<std::string> all;
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t)
    threads.emplace_back([&] {
      std::vector<std::string> mine;
      for (int i = 0; i < 5000; ++i) mine.push_back(g.next());
      for (std::size_t i = 1; i < mine.size(); ++i) ASSERT_LT(mine[i - 1], mine[i]);
      std::lock_guard lock(mu);
      all.insert(mine.begin(), mine.end());
    });
  for (auto& t : threads) t.join();
  EXPECT_EQ(all.size(), 20000u);
}

TEST(BearerAuth, MatchesOnlyTheExactToken) {
  EXPECT_TRUE(bearer_token_matches("Bearer s3cret", "s3cret"));
  EXPECT_TRUE(bearer_token_matches("bearer s3cret", "s3cret"));
  EXPECT_FALSE(bearer_token_matches("Bearer s3cret ", "s3cret"));
  EXPECT_FALSE(bearer_token_matches("Bearer s3cre", "s3cret"));
  EXPECT_FALSE(bearer_token_matches("s3cret", "s3cret"));
  EXPECT_FALSE(bearer_token_matches("Basic s3cret", "s3cret"));
  EXPECT_FALSE(bearer_token_matches("", "s3cret"));
  EXPECT_FALSE(bearer_token_matches("Bearer ", ""));  // no token configured: nobody matches
  EXPECT_TRUE(constant_time_equals("abc", "abc"));
  EXPECT_FALSE(constant_time_equals("abc", "abd"));
}

TEST(WorkerPool, RejectsWhenTheQueueIsFullAndRunsEverythingAccepted) {
  WorkerPool pool(1, 2);
  std::mutex mu;
  std::condition_variable cv;
  bool release = false, started = false;
  std::atomic<int> done{0};
  ASSERT_TRUE(pool.try_submit([&] {
    std::unique_lock lock(mu);
    started = true;
    cv.notify_all();
    cv.wait(lock, [&] { return release; });
    ++done;
  }));
  {
    std::unique_lock lock(mu);
    cv.wait(lock, [&] { return started; });
  }
  EXPECT_TRUE(pool.try_submit([&] { ++done; }));
  EXPECT_TRUE(pool.try_submit([&] { ++done; }));
  EXPECT_EQ(pool.queue_depth(), 2u);
  EXPECT_FALSE(pool.try_submit([&] { ++done; }));        // queue bound 2 reached
  EXPECT_FALSE(pool.try_submit_if_idle([&] { ++done; }));  // no idle worker
  {
    std::lock_guard lock(mu);
    release = true;
  }
  cv.notify_all();
  pool.shutdown();
  EXPECT_EQ(done.load(), 3);
  EXPECT_FALSE(pool.try_submit([] {}));
}

TEST(WorkerPool, ATaskThatThrowsDoesNotKillTheWorker) {
  WorkerPool pool(1, 4);
  std::atomic<int> done{0};
  ASSERT_TRUE(pool.try_submit([] { throw std::runtime_error("boom"); }));
  ASSERT_TRUE(pool.try_submit([&] { ++done; }));
  pool.shutdown();
  EXPECT_EQ(done.load(), 1);
}

namespace {
// Sets environment variables for one test and removes them afterwards.
struct ScopedEnv {
  std::vector<std::string> names;
  ScopedEnv(std::initializer_list<std::pair<const char*, const char*>> vars) {
    for (auto& [k, v] : vars) {
      setenv(k, v, 1);
      names.emplace_back(k);
    }
  }
  ~ScopedEnv() {
    for (auto& n : names) unsetenv(n.c_str());
  }
};

std::string config_error(std::initializer_list<std::pair<const char*, const char*>> vars) {
  ScopedEnv env(vars);
  try {
    server_config_from_env();
    service_options_from_env();
  } catch (const std::exception& e) {
    return e.what();
  }
  return "";
}
}  // namespace

TEST(ServerConfig, DefaultsMatchTheOriginal) {
  ServerConfig c = server_config_from_env();
  EXPECT_EQ(c.host, "127.0.0.1");
  EXPECT_EQ(c.port, 8000);
  EXPECT_EQ(c.data_dir, "./data");
  EXPECT_FALSE(c.production);
  EXPECT_TRUE(c.api_token.empty());
}

TEST(ServerConfig, ReadsTheEnvironment) {
  ScopedEnv env({{"INVARIANT_HOST", "0.0.0.0"}, {"INVARIANT_PORT", "9001"}, {"INVARIANT_IO_THREADS", "3"},
                 {"INVARIANT_WORKER_THREADS", "5"}, {"INVARIANT_QUEUE_SIZE", "7"},
                 {"INVARIANT_MAX_BODY_BYTES", "1234"}, {"INVARIANT_REQUEST_TIMEOUT_MS", "1500"},
                 {"INVARIANT_RESULT_CACHE_ENTRIES", "0"}, {"INVARIANT_POLICY_CACHE_BYTES", "4096"},
                 {"PRODUCTION", "ON"}, {"PROMETHEUS_TOKEN", "t"}, {"INVARIANT_API_TOKEN", "a"},
                 {"INVARIANT_DATA_DIR", "/tmp/x"}});
  ServerConfig c = server_config_from_env();
  EXPECT_EQ(c.host, "0.0.0.0");
  EXPECT_EQ(c.port, 9001);
  EXPECT_EQ(c.io_threads, 3u);
  EXPECT_EQ(c.worker_threads, 5u);
  EXPECT_EQ(c.queue_size, 7u);
  EXPECT_EQ(c.max_body_bytes, 1234u);
  EXPECT_EQ(c.request_timeout, std::chrono::milliseconds(1500));
  EXPECT_EQ(c.result_cache_entries, 0u);
  EXPECT_TRUE(c.production);
  EXPECT_EQ(c.prometheus_token, "t");
  EXPECT_EQ(c.api_token, "a");
  EXPECT_EQ(c.data_dir, "/tmp/x");
  EXPECT_EQ(service_options_from_env().policy_cache_bytes, 4096u);
}

TEST(ServerConfig, InvalidValuesNameTheVariable) {
  EXPECT_NE(config_error({{"INVARIANT_PORT", "http"}}).find("INVARIANT_PORT"), std::string::npos);
  EXPECT_NE(config_error({{"INVARIANT_PORT", "65536"}}).find("INVARIANT_PORT"), std::string::npos);
  EXPECT_NE(config_error({{"INVARIANT_WORKER_THREADS", "2x"}}).find("INVARIANT_WORKER_THREADS"), std::string::npos);
  EXPECT_NE(config_error({{"INVARIANT_MAX_BODY_BYTES", "0"}}).find("INVARIANT_MAX_BODY_BYTES"), std::string::npos);
  EXPECT_NE(config_error({{"INVARIANT_REQUEST_TIMEOUT_MS", "-5"}}).find("INVARIANT_REQUEST_TIMEOUT_MS"),
            std::string::npos);
  EXPECT_NE(config_error({{"PRODUCTION", "sometimes"}}).find("PRODUCTION"), std::string::npos);
  EXPECT_NE(config_error({{"INVARIANT_HOST", "a b"}}).find("INVARIANT_HOST"), std::string::npos);
  EXPECT_NE(config_error({{"INVARIANT_EVAL_TIMEOUT_MS", "soon"}}).find("INVARIANT_EVAL_TIMEOUT_MS"),
            std::string::npos);
  EXPECT_EQ(config_error({{"PRODUCTION", "off"}}), "");
}

TEST(ServerConfig, ProductionParsesLikeTheOriginal) {
  for (const char* t : {"true", "TRUE", "1", "yes", "On"}) EXPECT_TRUE(parse_bool("PRODUCTION", t)) << t;
  for (const char* f : {"false", "0", "no", "OFF"}) EXPECT_FALSE(parse_bool("PRODUCTION", f)) << f;
}

TEST(ServeArgs, HostAndPortOverrideTheEnvironment) {
  ServerConfig c;
  bool help = false;
  std::string err;
  ASSERT_TRUE(apply_serve_args({"--host", "::1", "--port=0"}, c, help, err)) << err;
  EXPECT_EQ(c.host, "::1");
  EXPECT_EQ(c.port, 0);
  EXPECT_FALSE(help);
  ASSERT_TRUE(apply_serve_args({"--help"}, c, help, err));
  EXPECT_TRUE(help);
  EXPECT_FALSE(apply_serve_args({"--port", "x"}, c, help, err));
  EXPECT_NE(err.find("--port"), std::string::npos);
  EXPECT_FALSE(apply_serve_args({"--verbose"}, c, help, err));
  EXPECT_NE(serve_usage_text().find("INVARIANT_QUEUE_SIZE"), std::string::npos);
}
