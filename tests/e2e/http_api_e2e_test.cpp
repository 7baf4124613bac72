// End-to-end tests of the HTTP API against the real `invariant serve`: every endpoint, every error class,
// the original server's test assertions (the `server/...` cases of the conformance corpus), caching,
// detail mode, decision ids and concurrency.
#include <gtest/gtest.h>

#include <atomic>
#include <fstream>
#include <memory>
#include <regex>
#include <set>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include <boost/json.hpp>

#include "tests/e2e/server_process.hpp"

namespace json = boost::json;
using inv::e2e::Env;
using inv::e2e::http_request;
using inv::e2e::HttpResponse;
using inv::e2e::ServerProcess;

namespace {

const char* kMetricsToken = "metrics-secret";

const std::string kReadmePolicy =
    "raise \"must not send emails to anyone but 'Peter' after seeing the inbox\" if:\n"
    "    (call: ToolCall) -> (call2: ToolCall)\n"
    "    call is tool:get_inbox\n"
    "    call2 is tool:send_email({\n"
    "      to: \"^(?!Peter$).*$\"\n"
    "    })\n";

const std::string kReadmeExpected =
    R"j({"errors":[{"error":"PolicyViolation(must not send emails to anyone but 'Peter' after seeing the inbox, )j"
    R"j(ranges=[<2 ranges>])","ranges":["messages.1.tool_calls.0","messages.3"]}],"handled_errors":[]})j";

json::value readme_trace() {
  return json::parse(inv::e2e::read_file(std::string(INVARIANT_SHARED_DIR) + "/bench/readme_trace.json"));
}

std::string analyze_body(const std::string& policy, const json::value& trace) {
  json::object o;
  o["policy"] = policy;
  o["trace"] = trace;
  return json::serialize(o);
}

std::string readme_request() { return analyze_body(kReadmePolicy, readme_trace()); }

// The shared server of this file: default settings, a metrics token.
class Api : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    server_ = new ServerProcess(Env{{"PROMETHEUS_TOKEN", kMetricsToken}, {"INVARIANT_WORKER_THREADS", "4"}});
    ASSERT_TRUE(server_->wait_ready()) << server_->output();
  }
  static void TearDownTestSuite() {
    delete server_;
    server_ = nullptr;
  }
  static HttpResponse post(const std::string& path, const std::string& body, const Env& headers = {}) {
    return http_request(server_->port(), "POST", path, body, headers);
  }
  static HttpResponse get(const std::string& path, const Env& headers = {}) {
    return http_request(server_->port(), "GET", path, "", headers);
  }
  static std::string metrics() {
    auto r = get("/metrics", {{"Authorization", std::string("Bearer ") + kMetricsToken}});
    EXPECT_EQ(r.status, 200);
    return r.body;
  }
  static ServerProcess* server_;
};
ServerProcess* Api::server_ = nullptr;

double metric_value(const std::string& text, const std::string& series) {
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);)
    if (line.rfind(series + " ", 0) == 0) return std::stod(line.substr(series.size() + 1));
  return -1;
}

json::object error_of(const HttpResponse& r) {
  auto v = json::parse(r.body);
  EXPECT_TRUE(v.is_object()) << r.body;
  EXPECT_TRUE(v.as_object().contains("detail")) << r.body;
  EXPECT_TRUE(v.as_object().contains("error")) << r.body;
  return v.as_object().at("error").as_object();
}

std::set<std::string> lines_of(const std::string& path) {
  std::set<std::string> out;
  std::ifstream f(path);
  for (std::string line; std::getline(f, line);)
    if (!line.empty() && line[0] != '#') out.insert(line);
  return out;
}

const std::regex kUuidV7("^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$");

}  // namespace

TEST_F(Api, HealthAndReadiness) {
  auto h = get("/healthz");
  EXPECT_EQ(h.status, 200);
  EXPECT_EQ(h.body, R"({"status":"ok"})");
  auto r = get("/readyz");
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(r.body, R"({"status":"ready"})");
  EXPECT_EQ(r.header("content-type"), "application/json");
}

// The original repository's tests (server/tests/test_policy.py, test_monitor.py), its client.py flow and
// the other server cases of the corpus, sent over HTTP: the same status and the same JSON bytes.
TEST_F(Api, OriginalServerCasesGiveTheOriginalAnswers) {
  const auto known_failures = lines_of(INVARIANT_KNOWN_FAILURES);
  std::ifstream cases(std::string(INVARIANT_SHARED_DIR) + "/conformance/cases.jsonl");
  ASSERT_TRUE(cases.good());
  int checked = 0, original_tests = 0;
  for (std::string line; std::getline(cases, line);) {
    auto c = json::parse(line).as_object();
    const std::string id(c.at("id").as_string());
    if (id.rfind("server/", 0) != 0 || known_failures.count(id)) continue;
    const bool check = c.at("kind").as_string() == "check";
    json::object req;
    req["policy"] = c.at("policy");
    if (check) {
      req["past_events"] = c.at("past_events");
      req["pending_events"] = c.at("pending_events");
    } else {
      req["trace"] = c.at("trace");
    }
    auto r = post(check ? "/api/monitor/check" : "/api/policy/analyze", json::serialize(req),
                  {{"Cache-Control", "no-cache"}});
    EXPECT_EQ(r.status, 200) << id << ": " << r.body;
    EXPECT_EQ(r.header("content-type"), "application/json") << id;
    EXPECT_EQ(r.body, json::serialize(c.at("expect_pinned"))) << id;
    ++checked;
    if (id.rfind("server/tests/", 0) == 0 || id.rfind("server/client.py", 0) == 0) ++original_tests;
  }
  EXPECT_EQ(original_tests, 11);  // test_policy (1) + test_monitor (4) + client.py (6)
  EXPECT_GE(checked, 18);
}

// client.py feeds events one by one to /api/monitor/check, appending each to past_events afterwards.
TEST_F(Api, MonitorClientFlowReportsOnlyPendingViolations) {
  const std::string policy =
      "\nfrom invariant import Message, PolicyViolation\n\n"
      "raise PolicyViolation(\"Cannot send assistant message:\", msg) if:\n"
      "    (msg: Message)\n    msg.role == \"assistant\"\n    ";
  json::array events = {json::object{{"role", "user"}, {"content", "Hello, world!"}},
                        json::object{{"role", "assistant"}, {"content", "Hello, user 1"}},
                        json::object{{"role", "assistant"}, {"content", "Hello, user 2"}},
                        json::object{{"role", "user"}, {"content", "Hello, world!"}}};
  const std::vector<std::string> expected = {
      "[]",
      R"j(["PolicyViolation(Cannot send assistant message: metadata={'trace_idx': 1} role='assistant' content='Hello, user 1' tool_calls=None)"])j",
      R"j(["PolicyViolation(Cannot send assistant message: metadata={'trace_idx': 2} role='assistant' content='Hello, user 2' tool_calls=None)"])j",
      "[]"};
  json::array past;
  for (std::size_t i = 0; i < events.size(); ++i) {
    json::object req{{"policy", policy}, {"past_events", past}, {"pending_events", json::array{events[i]}}};
    auto r = post("/api/monitor/check", json::serialize(req));
    EXPECT_EQ(r.status, 200);
    EXPECT_EQ(r.body, expected[i]) << "event " << i;
    past.push_back(events[i]);
  }
}

TEST_F(Api, AnalyzeAnswersCompactJsonWithLiteralUtf8AndADecisionId) {
  auto r = post("/api/policy/analyze", readme_request());
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.body, kReadmeExpected);
  EXPECT_EQ(r.header("content-type"), "application/json");
  EXPECT_TRUE(std::regex_match(r.header("x-decision-id"), kUuidV7)) << r.header("x-decision-id");

  const std::string policy = "raise \"héllo ✓ 日本\" if:\n    (m: Message)\n    \"ü\" in m.content\n";
  json::array trace{json::object{{"role", "user"}, {"content", "grüße ü"}}};
  auto u = post("/api/policy/analyze", analyze_body(policy, trace));
  ASSERT_EQ(u.status, 200) << u.body;
  EXPECT_NE(u.body.find("héllo ✓ 日本"), std::string::npos) << u.body;
  EXPECT_EQ(u.body.find("\\u"), std::string::npos) << u.body;
  EXPECT_EQ(u.body.find(": "), std::string::npos) << u.body;
}

TEST_F(Api, DecisionIdsAreOnEveryResponseAndIncrease) {
  std::vector<std::string> ids;
  for (auto* path : {"/healthz", "/nope", "/readyz", "/metrics"}) ids.push_back(get(path).header("x-decision-id"));
  ids.push_back(post("/api/policy/analyze", "{").header("x-decision-id"));
  ids.push_back(post("/api/policy/analyze", readme_request()).header("x-decision-id"));
  for (std::size_t i = 0; i < ids.size(); ++i) {
    EXPECT_TRUE(std::regex_match(ids[i], kUuidV7)) << ids[i];
    if (i > 0) {
      EXPECT_LT(ids[i - 1], ids[i]);
    }
  }
}

TEST_F(Api, DetailAddsStructuredErrorsTimingsAndTheDecisionId) {
  auto r = post("/api/policy/analyze?detail=true", readme_request());
  ASSERT_EQ(r.status, 200) << r.body;
  auto body = json::parse(r.body).as_object();
  EXPECT_EQ(body.at("decision_id").as_string(), r.header("x-decision-id"));
  EXPECT_TRUE(body.contains("timings"));
  EXPECT_TRUE(body.at("errors").as_array()[0].as_object().contains("detail"));
  EXPECT_NE(r.header("x-cache"), "hit");
  // Without detail the body stays byte-compatible.
  auto plain = post("/api/policy/analyze", readme_request());
  EXPECT_EQ(plain.body, kReadmeExpected);

  auto err = post("/api/policy/analyze?detail=true", R"({"policy": 5, "trace": []})");
  EXPECT_EQ(err.status, 400);
  EXPECT_EQ(json::parse(err.body).as_object().at("decision_id").as_string(), err.header("x-decision-id"));
}

TEST_F(Api, InvalidJsonIs400WithTheByteOffsetAndPosition) {
  auto r = post("/api/policy/analyze", "{\"policy\": \"x\",\n \"trace\": [}");
  ASSERT_EQ(r.status, 400);
  auto e = error_of(r);
  EXPECT_EQ(e.at("type").as_string(), "InvalidJSON");
  EXPECT_NE(std::string(e.at("message").as_string()).find("at byte 27"), std::string::npos) << r.body;
  EXPECT_EQ(e.at("line").as_int64(), 2);
  EXPECT_EQ(e.at("column").as_int64(), 12);
  auto empty = post("/api/monitor/check", "");
  EXPECT_EQ(empty.status, 400);
  EXPECT_EQ(error_of(empty).at("type").as_string(), "InvalidJSON");
}

TEST_F(Api, WrongTypesAndMissingFieldsAre400WithThePath) {
  struct Case {
    const char* path;
    std::string body;
    const char* field;
  };
  const std::vector<Case> cases = {
      {"/api/policy/analyze", R"({"policy": 1, "trace": []})", "policy"},
      {"/api/policy/analyze", R"({"trace": []})", "policy"},
      {"/api/policy/analyze", R"({"policy": "x"})", "trace"},
      {"/api/policy/analyze", R"({"policy": "x", "trace": {}})", "trace"},
      {"/api/policy/analyze", R"({"policy": "x", "trace": [{"role": "user"}, 3]})", "trace[1]"},
      {"/api/policy/analyze", R"({"policy": "x", "trace": [], "parameters": [1]})", "parameters"},
      {"/api/policy/analyze", R"([1, 2])", nullptr},
      {"/api/monitor/check", R"({"policy": "x", "past_events": []})", "pending_events"},
      {"/api/monitor/check", R"({"policy": "x", "past_events": ["a"], "pending_events": []})", "past_events[0]"},
      {"/api/policy/load", R"({"policy": ["x"]})", "policy"},
  };
  for (const auto& c : cases) {
    auto r = post(c.path, c.body);
    EXPECT_EQ(r.status, 400) << c.body;
    auto e = error_of(r);
    EXPECT_EQ(e.at("type").as_string(), "InvalidRequest") << c.body;
    if (c.field) {
      EXPECT_EQ(e.at("path").as_string(), c.field) << c.body;
    } else {
      EXPECT_TRUE(e.at("path").is_null());
    }
  }
}

TEST_F(Api, InvalidTraceIs400WithTheJsonPath) {
  auto r = post("/api/policy/analyze",
                R"({"policy": "raise \"x\" if:\n    (m: Message)\n    m.role == \"a\"", )"
                R"("trace": [{"role": "user", "content": "a"}, {"role": "assistant", "tool_calls": "x"}]})");
  ASSERT_EQ(r.status, 400) << r.body;
  auto e = error_of(r);
  EXPECT_EQ(e.at("type").as_string(), "InvalidTrace");
  EXPECT_EQ(e.at("path").as_string(), "trace[1].tool_calls");
}

TEST_F(Api, PolicySyntaxErrorIs400WithLineAndColumn) {
  auto r = post("/api/policy/analyze", analyze_body("raise \"x\" if:\n    (m: Message)\n    m.content >", json::array{}));
  ASSERT_EQ(r.status, 400) << r.body;
  auto e = error_of(r);
  EXPECT_EQ(e.at("type").as_string(), "PolicyLoadingError");
  EXPECT_EQ(e.at("line").as_int64(), 3);
  EXPECT_EQ(e.at("column").as_int64(), 16);
  EXPECT_EQ(e.at("path").as_string(), "policy");
  auto detail = json::parse(r.body).as_object().at("detail").as_string();
  EXPECT_EQ(std::string(detail).rfind("Failed to create policy from policy source.", 0), 0u) << detail;
}

TEST_F(Api, RuntimeErrorIs400) {
  json::array trace{json::object{{"role", "user"}, {"content", "hi"}}};
  auto r = post("/api/policy/analyze", analyze_body("raise \"x\" if:\n    (m: Message)\n    m.content > 5", trace));
  ASSERT_EQ(r.status, 400) << r.body;
  auto e = error_of(r);
  EXPECT_EQ(e.at("type").as_string(), "PolicyRuntimeError");
  EXPECT_EQ(e.at("message").as_string(), "'>' not supported between instances of 'str' and 'int'");
}

TEST_F(Api, UnknownRoutesAre404AndWrongMethods405WithAllow) {
  for (auto* path : {"/api", "/api/policy/analyze/", "/redoc", "/api/policy/unknown", "/docsx"}) {
    auto r = get(path);
    EXPECT_EQ(r.status, 404) << path;
    EXPECT_EQ(r.body, R"({"detail":"Not Found"})") << path;
  }
  // Other methods on an unknown path are 405, as the original's static mount answered them.
  auto p = post("/nothing/here", "{}");
  EXPECT_EQ(p.status, 405);
  EXPECT_EQ(p.body, R"({"detail":"Method Not Allowed"})");
  EXPECT_EQ(p.header("allow"), "GET, HEAD");
  auto a = get("/api/policy/analyze");
  EXPECT_EQ(a.status, 405);
  EXPECT_EQ(a.body, R"({"detail":"Method Not Allowed"})");
  EXPECT_EQ(a.header("allow"), "POST");
  auto h = post("/healthz", "{}");
  EXPECT_EQ(h.status, 405);
  EXPECT_EQ(h.header("allow"), "GET, HEAD");
  auto d = http_request(server_->port(), "DELETE", "/api/monitor/check");
  EXPECT_EQ(d.status, 405);
  EXPECT_EQ(d.header("allow"), "POST");
}

TEST_F(Api, MetricsNeedTheBearerToken) {
  for (const Env& headers : {Env{}, Env{{"Authorization", "Bearer wrong"}}, Env{{"Authorization", kMetricsToken}},
                             Env{{"Authorization", std::string("Basic ") + kMetricsToken}}}) {
    auto r = get("/metrics", headers);
    EXPECT_EQ(r.status, 401);
    EXPECT_EQ(r.body, R"({"detail":"Unauthorized"})");
  }
  post("/api/policy/analyze", readme_request());
  const std::string m = metrics();
  for (const char* name :
       {"invariant_server_http_requests_total{handler=\"/api/policy/analyze\",method=\"POST\",status=\"2xx\"}",
        "invariant_server_worker_queue_depth", "invariant_server_in_flight_requests",
        "invariant_server_cache_entries{cache=\"policy\"}", "invariant_server_cache_bytes{cache=\"result\"}",
        "process_resident_memory_bytes", "process_cpu_seconds_total", "process_open_fds",
        "invariant_server_system_usage{resource_type=\"CPU\"}"}) {
    EXPECT_GE(metric_value(m, name), 0) << name;
  }
  EXPECT_NE(m.find("invariant_server_http_request_duration_seconds_bucket{handler=\"/api/policy/analyze\""),
            std::string::npos);
  EXPECT_NE(m.find("invariant_server_http_request_size_bytes_bucket"), std::string::npos);
  EXPECT_NE(m.find("invariant_server_http_response_size_bytes_bucket"), std::string::npos);
  EXPECT_NE(m.find("invariant_server_evaluation_seconds_bucket{kind=\"analyze\",phase=\"evaluate\""),
            std::string::npos);
  EXPECT_EQ(m.find("handler=\"/metrics\""), std::string::npos);  // not instrumented, as the original
}

TEST_F(Api, SecondIdenticalRequestIsAResultCacheHitAndNoCacheBypasses) {
  // A body no other test sends.
  json::array trace{json::object{{"role", "user"}, {"content", "cache test 1"}}};
  const std::string body = analyze_body("raise \"c\" if:\n    (m: Message)\n    \"cache\" in m.content\n", trace);
  const std::string hits = "invariant_server_cache_hits_total{cache=\"result\"}";
  const std::string misses = "invariant_server_cache_misses_total{cache=\"result\"}";

  double h0 = metric_value(metrics(), hits), m0 = metric_value(metrics(), misses);
  auto first = post("/api/policy/analyze", body);
  auto second = post("/api/policy/analyze", body);
  EXPECT_EQ(first.status, 200);
  EXPECT_EQ(first.body, second.body);
  EXPECT_EQ(first.header("x-cache"), "");
  EXPECT_EQ(second.header("x-cache"), "hit");
  std::string m = metrics();
  EXPECT_EQ(metric_value(m, hits), h0 + 1);
  EXPECT_EQ(metric_value(m, misses), m0 + 1);

  // no-cache: neither read nor written.
  auto bypass = post("/api/policy/analyze", body, {{"Cache-Control", "no-cache"}});
  EXPECT_EQ(bypass.body, first.body);
  EXPECT_EQ(bypass.header("x-cache"), "");
  json::array trace2{json::object{{"role", "user"}, {"content", "cache test 2"}}};
  const std::string body2 = analyze_body("raise \"c\" if:\n    (m: Message)\n    \"cache\" in m.content\n", trace2);
  post("/api/policy/analyze", body2, {{"Cache-Control", "no-cache"}});
  auto after = post("/api/policy/analyze", body2);
  EXPECT_EQ(after.header("x-cache"), "");  // the no-cache request did not store it
  // Only the exact value "no-cache" bypasses (as the original).
  auto other = post("/api/policy/analyze", body2, {{"Cache-Control", "no-cache, no-store"}});
  EXPECT_EQ(other.header("x-cache"), "hit");
  m = metrics();
  EXPECT_EQ(metric_value(m, hits), h0 + 2);
  EXPECT_EQ(metric_value(m, misses), m0 + 2);

  // Key order is part of the key (it can change answers), whitespace is not.
  json::object reordered;
  reordered["trace"] = trace;
  reordered["policy"] = "raise \"c\" if:\n    (m: Message)\n    \"cache\" in m.content\n";
  EXPECT_EQ(post("/api/policy/analyze", json::serialize(reordered)).header("x-cache"), "");
  std::string spaced = body;
  spaced.insert(1, "  \n ");
  EXPECT_EQ(post("/api/policy/analyze", spaced).header("x-cache"), "hit");

  // Deterministic errors are cached too.
  const std::string bad = analyze_body("raise \"x\" if:\n    (m: Message)\n    m.content >>", json::array{});
  EXPECT_EQ(post("/api/policy/analyze", bad).status, 400);
  auto bad2 = post("/api/policy/analyze", bad);
  EXPECT_EQ(bad2.status, 400);
  EXPECT_EQ(bad2.header("x-cache"), "hit");
}

TEST_F(Api, LoadValidatesCompilesAndWarmsTheCache) {
  const std::string policy = "raise \"load\" if:\n    (m: Message)\n    \"warm\" in m.content\n";
  const std::string compiled = "invariant_server_cache_misses_total{cache=\"policy\"}";
  auto r = post("/api/policy/load", json::serialize(json::object{{"policy", policy}}));
  ASSERT_EQ(r.status, 200) << r.body;
  auto body = json::parse(r.body).as_object();
  EXPECT_EQ(body.at("rules").as_int64(), 1);
  EXPECT_EQ(body.at("policy_hash").as_string().size(), 64u);
  double misses = metric_value(metrics(), compiled);
  json::array trace{json::object{{"role", "user"}, {"content", "warm"}}};
  auto a = post("/api/policy/analyze", analyze_body(policy, trace));
  EXPECT_EQ(a.status, 200);
  EXPECT_EQ(metric_value(metrics(), compiled), misses);  // the analysis found the compiled policy

  auto bad = post("/api/policy/load", json::serialize(json::object{{"policy", "raise \"x\" if:\n    (m: Message\n"}}));
  ASSERT_EQ(bad.status, 400) << bad.body;
  auto e = error_of(bad);
  EXPECT_EQ(e.at("type").as_string(), "PolicyLoadingError");
  EXPECT_TRUE(e.at("line").is_int64());
  EXPECT_TRUE(e.at("column").is_int64());
}

TEST_F(Api, BatchEvaluatesEveryPolicyTraceItemInOrder) {
  json::array traces;
  traces.push_back(readme_trace());
  traces.push_back(json::array{json::object{{"role", "user"}, {"content", "nothing"}}});
  traces.push_back(json::array{});
  const std::string second = "raise \"user\" if:\n    (m: Message)\n    m.role == \"user\"\n";
  const std::string broken = "raise \"x\" if:\n    (m: Message)\n    m.content >";
  json::object req{{"policies", json::array{json::string(kReadmePolicy), json::string(second), json::string(broken)}},
                   {"traces", traces}};
  auto r = post("/api/policy/analyze/batch", json::serialize(req));
  ASSERT_EQ(r.status, 200) << r.body;
  auto results = json::parse(r.body).as_object().at("results").as_array();
  ASSERT_EQ(results.size(), 9u);
  for (std::size_t k = 0; k < results.size(); ++k) {
    const auto& item = results[k].as_object();
    EXPECT_EQ(item.at("policy").as_int64(), static_cast<std::int64_t>(k / 3));
    EXPECT_EQ(item.at("trace").as_int64(), static_cast<std::int64_t>(k % 3));
    const std::string policy = k / 3 == 0 ? kReadmePolicy : k / 3 == 1 ? second : broken;
    // Each item is exactly what /api/policy/analyze answers for that pair.
    auto single = post("/api/policy/analyze", analyze_body(policy, traces[k % 3]));
    EXPECT_EQ(item.at("status").as_int64(), single.status) << k;
    EXPECT_EQ(json::serialize(item.at("body")), single.body) << k;
  }
  EXPECT_EQ(json::serialize(results[0].as_object().at("body")), kReadmeExpected);
  EXPECT_EQ(results[6].as_object().at("status").as_int64(), 400);

  // One policy with "policy", and the errors of the request as a whole.
  auto one = post("/api/policy/analyze/batch",
                  json::serialize(json::object{{"policy", second}, {"traces", traces}}));
  ASSERT_EQ(one.status, 200);
  EXPECT_EQ(json::parse(one.body).as_object().at("results").as_array().size(), 3u);
  EXPECT_EQ(post("/api/policy/analyze/batch", R"({"traces": []})").status, 400);
  auto bad_trace = post("/api/policy/analyze/batch", R"({"policy": "x", "traces": [[{"role": "user"}, 1]]})");
  EXPECT_EQ(bad_trace.status, 400);
  EXPECT_EQ(error_of(bad_trace).at("path").as_string(), "traces[0][1]");
  EXPECT_EQ(post("/api/policy/analyze/batch", R"({"policies": [], "traces": []})").status, 400);
}

TEST_F(Api, ConcurrentClientsGetIdenticalAnswers) {
  json::array trace{json::object{{"role", "user"}, {"content", "hello there"}},
                    json::object{{"role", "assistant"}, {"content", "hello back"}}};
  const std::string check_policy = "raise \"hello\" if:\n    (m: Message)\n    \"hello\" in m.content\n";
  const std::string check_body = json::serialize(json::object{
      {"policy", check_policy}, {"past_events", json::array{trace[0]}}, {"pending_events", json::array{trace[1]}}});
  const std::string check_expected = post("/api/monitor/check", check_body).body;
  ASSERT_NE(check_expected.find("PolicyViolation(hello"), std::string::npos) << check_expected;

  std::atomic<int> ok{0}, wrong{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < 16; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < 50; ++i) {
        const bool analyze = (t + i) % 2 == 0;
        Env headers;
        if (i % 3 == 0) headers.emplace_back("Cache-Control", "no-cache");
        auto r = analyze ? post("/api/policy/analyze", readme_request(), headers)
                         : post("/api/monitor/check", check_body, headers);
        if (r.status == 200 && r.body == (analyze ? kReadmeExpected : check_expected))
          ++ok;
        else
          ++wrong;
      }
    });
  }
  for (auto& th : threads) th.join();
  EXPECT_EQ(ok.load(), 800);
  EXPECT_EQ(wrong.load(), 0);
  // Nothing left in flight but the scrape that reads the gauge.
  EXPECT_EQ(metric_value(metrics(), "invariant_server_in_flight_requests"), 1);
}
