// The HTTP API's use cases without sockets (ApiHandler): parsing errors, the result cache (what is stored,
// the bypass, the key), batches, detail mode, and what the metrics port is told.
#include <gtest/gtest.h>

#include <map>
#include <mutex>
#include <string>

#include <boost/json.hpp>

#include "adapters/plugins/plugin_registry.hpp"
#include "app/analyze_service.hpp"
#include "app/api_handler.hpp"
#include "app/worker_pool.hpp"

namespace json = boost::json;
using namespace inv::app;

namespace {

class RecordingMetrics final : public ports::Metrics {
 public:
  void request_finished(const ports::RequestObservation&) override {}
  void evaluation_finished(const ports::EvaluationObservation& e) override {
    std::lock_guard lock(mu);
    ++evaluations[std::string(e.kind)];
    if (e.policy_compiled) ++compiled;
  }
  void cache_lookup(ports::CacheKind cache, bool hit) override {
    std::lock_guard lock(mu);
    if (cache == ports::CacheKind::Result) (hit ? result_hits : result_misses)++;
    else (hit ? policy_hits : policy_misses)++;
  }
  void cache_size(ports::CacheKind cache, std::size_t entries, std::size_t bytes) override {
    std::lock_guard lock(mu);
    if (cache == ports::CacheKind::Result) {
      result_entries = entries;
      result_bytes = bytes;
    }
  }
  void queue_depth(std::size_t) override {}
  void in_flight(std::size_t) override {}
  void rejected(std::string_view) override {}
  void internal_error() override {}

  std::mutex mu;
  std::map<std::string, int> evaluations;
  int compiled = 0, result_hits = 0, result_misses = 0, policy_hits = 0, policy_misses = 0;
  std::size_t result_entries = 0, result_bytes = 0;
};

const std::string kPolicy = "raise \"hi\" if:\n    (m: Message)\n    \"hi\" in m.content\n";

std::string analyze_body(const std::string& policy, const std::string& content) {
  return json::serialize(json::object{
      {"policy", policy}, {"trace", json::array{json::object{{"role", "user"}, {"content", content}}}}});
}

struct Fixture {
  inv::adapters::plugins::PluginRegistry detectors{inv::adapters::plugins::builtin_plugins_only()};
  RecordingMetrics metrics;
  AnalyzeService service;
  WorkerPool pool{2, 16};
  ApiHandler api;
  explicit Fixture(ApiOptions o = {}, ServiceOptions s = {})
      : service(detectors, s), api(service, o, metrics, &pool) {
    service.attach_metrics(&metrics);
  }
  ApiResponse call(Endpoint e, const std::string& body, bool no_cache = false, bool detail = false) {
    ApiRequest r;
    r.endpoint = e;
    r.body = body;
    r.no_cache = no_cache;
    r.detail = detail;
    r.decision_id = "id-1";
    return api.handle(r);
  }
};

}  // namespace

TEST(ApiHandler, AnalyzeAndCheckAnswerTheServiceBodies) {
  Fixture f;
  auto r = f.call(Endpoint::Analyze, analyze_body(kPolicy, "hi there"));
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(r.body,
            R"j({"errors":[{"error":"PolicyViolation(hi, ranges=[<2 ranges>])","ranges":["messages.0","messages.0.content:0-2"]}],"handled_errors":[]})j");
  auto c = f.call(Endpoint::Check, json::serialize(json::object{
                                       {"policy", kPolicy},
                                       {"past_events", json::array{}},
                                       {"pending_events", json::array{json::object{{"role", "user"}, {"content", "hi"}}}}}));
  EXPECT_EQ(c.status, 200);
  EXPECT_EQ(c.body.front(), '[');
  EXPECT_EQ(f.metrics.evaluations["analyze"], 1);
  EXPECT_EQ(f.metrics.evaluations["check"], 1);
  EXPECT_EQ(f.metrics.compiled, 1);  // the second call found the compiled policy
}

TEST(ApiHandler, InvalidJsonNamesOffsetLineAndColumn) {
  Fixture f;
  auto r = f.call(Endpoint::Analyze, "{\n  \"policy\": tru }");
  EXPECT_EQ(r.status, 400);
  auto e = json::parse(r.body).as_object().at("error").as_object();
  EXPECT_EQ(e.at("type").as_string(), "InvalidJSON");
  EXPECT_EQ(e.at("line").as_int64(), 2);
  EXPECT_NE(std::string(e.at("message").as_string()).find("at byte"), std::string::npos);
}

TEST(ApiHandler, BodyLimitIs413) {
  ApiOptions o;
  o.max_body_bytes = 10;
  Fixture f(o);
  auto r = f.call(Endpoint::Analyze, analyze_body(kPolicy, "x"));
  EXPECT_EQ(r.status, 413);
  EXPECT_EQ(r.error_type, "LimitExceeded");
}

TEST(ApiHandler, ResultCacheStoresDeterministicAnswersOnly) {
  ServiceOptions s;
  s.eval.max_steps = 3;  // every evaluation exceeds it: 422, never cached
  Fixture limited({}, s);
  const std::string body = analyze_body(kPolicy, "hi");
  EXPECT_EQ(limited.call(Endpoint::Analyze, body).status, 422);
  EXPECT_FALSE(limited.call(Endpoint::Analyze, body).cache_hit);
  EXPECT_EQ(limited.api.result_cache_stats().entries, 0u);

  Fixture f;
  EXPECT_FALSE(f.call(Endpoint::Analyze, body).cache_hit);
  EXPECT_TRUE(f.call(Endpoint::Analyze, body).cache_hit);
  // 400s are deterministic: cached.
  const std::string bad = analyze_body("raise \"x\" if:\n    (m: Message", "x");
  EXPECT_EQ(f.call(Endpoint::Analyze, bad).status, 400);
  EXPECT_TRUE(f.call(Endpoint::Analyze, bad).cache_hit);
  EXPECT_EQ(f.metrics.result_entries, 2u);
  EXPECT_GT(f.metrics.result_bytes, 0u);
  EXPECT_EQ(f.metrics.result_hits, 2);
  EXPECT_EQ(f.metrics.result_misses, 2);
}

TEST(ApiHandler, NoCacheNeitherReadsNorWrites) {
  Fixture f;
  const std::string body = analyze_body(kPolicy, "hi");
  EXPECT_FALSE(f.call(Endpoint::Analyze, body, true).cache_hit);
  EXPECT_EQ(f.api.result_cache_stats().entries, 0u);
  EXPECT_FALSE(f.call(Endpoint::Analyze, body).cache_hit);
  EXPECT_FALSE(f.call(Endpoint::Analyze, body, true).cache_hit);
  EXPECT_TRUE(f.call(Endpoint::Analyze, body).cache_hit);
  EXPECT_EQ(f.metrics.result_hits + f.metrics.result_misses, 2);  // no-cache calls do no lookup
}

TEST(ApiHandler, TheCacheKeySeparatesEndpointsAndKeyOrder) {
  Fixture f;
  const std::string a = R"({"policy": "x", "trace": []})";
  const std::string reordered = R"({"trace": [], "policy": "x"})";
  f.call(Endpoint::Analyze, a);
  EXPECT_FALSE(f.call(Endpoint::Analyze, reordered).cache_hit);
  EXPECT_TRUE(f.call(Endpoint::Analyze, R"({ "policy":"x",  "trace":[] })").cache_hit);
  EXPECT_FALSE(f.call(Endpoint::Check, a).cache_hit);
}

TEST(ApiHandler, ResultCacheRespectsItsBounds) {
  ApiOptions o;
  o.result_cache_entries = 2;
  Fixture f(o);
  for (int i = 0; i < 5; ++i) f.call(Endpoint::Analyze, analyze_body(kPolicy, "m" + std::to_string(i)));
  EXPECT_EQ(f.api.result_cache_stats().entries, 2u);
  EXPECT_EQ(f.api.result_cache_stats().evictions, 3u);
  ApiOptions tiny;
  tiny.result_cache_bytes = 100;  // smaller than one answer
  Fixture g(tiny);
  g.call(Endpoint::Analyze, analyze_body(kPolicy, "hi"));
  EXPECT_EQ(g.api.result_cache_stats().entries, 0u);
}

TEST(ApiHandler, DetailAddsTheDecisionIdAndIsNotCached) {
  Fixture f;
  const std::string body = analyze_body(kPolicy, "hi");
  auto r = f.call(Endpoint::Analyze, body, false, true);
  auto o = json::parse(r.body).as_object();
  EXPECT_EQ(o.at("decision_id").as_string(), "id-1");
  EXPECT_TRUE(o.contains("timings"));
  EXPECT_FALSE(f.call(Endpoint::Analyze, body, false, true).cache_hit);
  auto load = f.call(Endpoint::Load, json::serialize(json::object{{"policy", kPolicy}}), false, true);
  EXPECT_EQ(json::parse(load.body).as_object().at("decision_id").as_string(), "id-1");
}

TEST(ApiHandler, BatchItemsComeInPolicyTraceOrderWithTheirOwnStatus) {
  ApiOptions o;
  o.batch_concurrency = 3;
  Fixture f(o);
  json::array traces;
  for (const char* c : {"hi", "no", "hi hi"})
    traces.push_back(json::array{json::object{{"role", "user"}, {"content", c}}});
  const std::string broken = "raise \"x\" if:\n    (m: Message";
  auto r = f.call(Endpoint::Batch, json::serialize(json::object{
                                       {"policies", json::array{json::string(kPolicy), json::string(broken)}},
                                       {"traces", traces}}));
  ASSERT_EQ(r.status, 200) << r.body;
  auto results = json::parse(r.body).as_object().at("results").as_array();
  ASSERT_EQ(results.size(), 6u);
  for (std::size_t k = 0; k < 6; ++k) {
    auto item = results[k].as_object();
    EXPECT_EQ(item.at("policy").as_int64(), static_cast<long>(k / 3));
    EXPECT_EQ(item.at("trace").as_int64(), static_cast<long>(k % 3));
    auto single = f.call(Endpoint::Analyze,
                         json::serialize(json::object{{"policy", k < 3 ? kPolicy : broken}, {"trace", traces[k % 3]}}),
                         true);
    EXPECT_EQ(item.at("status").as_int64(), single.status);
    EXPECT_EQ(json::serialize(item.at("body")), single.body);
  }
  EXPECT_EQ(results[1].as_object().at("body").as_object().at("errors").as_array().size(), 0u);
  EXPECT_EQ(results[2].as_object().at("body").as_object().at("errors").as_array().size(), 1u);
}

TEST(ApiHandler, BatchBoundsAndShape) {
  ApiOptions o;
  o.batch_max_items = 2;
  Fixture f(o);
  auto over = f.call(Endpoint::Batch, R"({"policy": "x", "traces": [[], [], []]})");
  EXPECT_EQ(over.status, 413);
  EXPECT_EQ(f.call(Endpoint::Batch, R"({"policy": "x", "policies": ["x"], "traces": []})").status, 400);
  EXPECT_EQ(f.call(Endpoint::Batch, R"({"policies": ["x", 1], "traces": []})").status, 400);
  EXPECT_EQ(f.call(Endpoint::Batch, R"({"policy": "x", "traces": [{}]})").status, 400);
  auto empty = f.call(Endpoint::Batch, R"({"policy": "x", "traces": []})");
  EXPECT_EQ(empty.status, 200);
  EXPECT_EQ(empty.body, R"({"results":[]})");
}
