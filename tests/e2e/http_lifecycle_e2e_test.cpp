// End-to-end tests of the server's limits and lifecycle, each with its own `invariant serve` process:
// body limit (413), step budget (422), a full worker queue (503), tokens (401), compatibility errors,
// batch bounds, graceful shutdown with a request in flight, a port already in use, invalid configuration.
#include <gtest/gtest.h>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>
#include <future>
#include <string>
#include <thread>

#include <boost/json.hpp>

#include "tests/e2e/server_process.hpp"

namespace json = boost::json;
using inv::e2e::Env;
using inv::e2e::http_request;
using inv::e2e::HttpResponse;
using inv::e2e::ServerProcess;

namespace {

std::string analyze_body(const std::string& policy, const json::array& trace) {
  json::object o;
  o["policy"] = policy;
  o["trace"] = trace;
  return json::serialize(o);
}

const std::string kSimplePolicy = "raise \"hi\" if:\n    (m: Message)\n    \"hi\" in m.content\n";

std::string simple_request() {
  return analyze_body(kSimplePolicy, json::array{json::object{{"role", "user"}, {"content", "hi there"}}});
}

// A request that takes a noticeable time (a three-variable search over `n` messages; about a second for
// n = 150 on an idle core) and answers 200 with no violations.
std::string slow_request(int n = 170) {
  const std::string policy =
      "raise \"never\" if:\n    (a: Message)\n    (b: Message)\n    (c: Message)\n"
      "    a.content + b.content + c.content == \"zzz\"\n";
  json::array trace;
  for (int i = 0; i < n; ++i) trace.push_back(json::object{{"role", "user"}, {"content", "m" + std::to_string(i)}});
  return analyze_body(policy, trace);
}

std::string error_type(const HttpResponse& r) {
  auto v = json::parse(r.body);
  return std::string(v.as_object().at("error").as_object().at("type").as_string());
}

HttpResponse post(const ServerProcess& s, const std::string& path, const std::string& body, const Env& headers = {}) {
  return http_request(s.port(), "POST", path, body, headers);
}

}  // namespace

TEST(Lifecycle, BodyOverTheLimitIs413) {
  ServerProcess s(Env{{"INVARIANT_MAX_BODY_BYTES", "2000"}});
  ASSERT_TRUE(s.wait_ready()) << s.output();
  std::string big = analyze_body(kSimplePolicy, json::array{json::object{{"role", "user"}, {"content", std::string(3000, 'a')}}});
  auto r = post(s, "/api/policy/analyze", big);
  EXPECT_EQ(r.status, 413) << r.body;
  EXPECT_EQ(error_type(r), "LimitExceeded");
  EXPECT_EQ(post(s, "/api/policy/analyze", simple_request()).status, 200);
}

TEST(Lifecycle, StepBudgetExceededIs422) {
  ServerProcess s(Env{{"INVARIANT_MAX_STEPS", "20"}});
  ASSERT_TRUE(s.wait_ready()) << s.output();
  auto r = post(s, "/api/policy/analyze", slow_request(20));
  EXPECT_EQ(r.status, 422) << r.body;
  EXPECT_EQ(error_type(r), "LimitExceeded");
  // Not cached: a 422 depends on the limits, and the next identical request evaluates again.
  auto again = post(s, "/api/policy/analyze", slow_request(20));
  EXPECT_EQ(again.status, 422);
  EXPECT_EQ(again.header("x-cache"), "");
}

TEST(Lifecycle, FullWorkerQueueIs503WithRetryAfter) {
  ServerProcess s(Env{{"INVARIANT_WORKER_THREADS", "1"}, {"INVARIANT_QUEUE_SIZE", "1"}});
  ASSERT_TRUE(s.wait_ready()) << s.output();
  const Env no_cache{{"Cache-Control", "no-cache"}};
  auto running = std::async(std::launch::async, [&] { return post(s, "/api/policy/analyze", slow_request(), no_cache); });
  std::this_thread::sleep_for(std::chrono::milliseconds(300));
  auto queued = std::async(std::launch::async, [&] { return post(s, "/api/policy/analyze", slow_request(), no_cache); });
  std::this_thread::sleep_for(std::chrono::milliseconds(300));
  auto rejected = post(s, "/api/policy/analyze", simple_request());
  EXPECT_EQ(rejected.status, 503) << rejected.body;
  EXPECT_EQ(rejected.header("retry-after"), "1");
  EXPECT_EQ(error_type(rejected), "Unavailable");
  EXPECT_EQ(running.get().status, 200);
  EXPECT_EQ(queued.get().status, 200);
  EXPECT_EQ(post(s, "/api/policy/analyze", simple_request()).status, 200);  // capacity is back
}

TEST(Lifecycle, ApiTokenProtectsTheApi) {
  ServerProcess s(Env{{"INVARIANT_API_TOKEN", "api-secret"}});
  ASSERT_TRUE(s.wait_ready()) << s.output();
  for (const Env& h : {Env{}, Env{{"Authorization", "Bearer nope"}}, Env{{"Authorization", "Bearer api-secret2"}},
                       Env{{"Authorization", "api-secret"}}}) {
    auto r = post(s, "/api/policy/analyze", simple_request(), h);
    EXPECT_EQ(r.status, 401);
    EXPECT_EQ(r.body, R"({"detail":"Unauthorized"})");
    EXPECT_EQ(post(s, "/api/monitor/check", "{}", h).status, 401);
  }
  EXPECT_EQ(post(s, "/api/policy/analyze", simple_request(), {{"Authorization", "Bearer api-secret"}}).status, 200);
  EXPECT_EQ(post(s, "/api/policy/analyze", simple_request(), {{"Authorization", "bearer api-secret"}}).status, 200);
  EXPECT_EQ(http_request(s.port(), "GET", "/healthz").status, 200);  // health checks stay open
}

TEST(Lifecycle, MetricsAnswer401ToEveryoneWithoutAToken) {
  ServerProcess s;
  ASSERT_TRUE(s.wait_ready()) << s.output();
  for (const Env& h : {Env{}, Env{{"Authorization", "Bearer "}}, Env{{"Authorization", "Bearer x"}}}) {
    auto r = http_request(s.port(), "GET", "/metrics", "", h);
    EXPECT_EQ(r.status, 401);
    EXPECT_EQ(r.body, R"({"detail":"Unauthorized"})");
  }
}

TEST(Lifecycle, CompatErrorsAnswer200WithABareString) {
  ServerProcess s(Env{{"INVARIANT_COMPAT_ERRORS", "1"}});
  ASSERT_TRUE(s.wait_ready()) << s.output();
  auto r = post(s, "/api/policy/analyze",
                analyze_body("raise \"x\" if:\n    (m: Message)\n    m.content > 5",
                             json::array{json::object{{"role", "user"}, {"content", "hi"}}}));
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(r.body, R"("'>' not supported between instances of 'str' and 'int'")");
  auto syntax = post(s, "/api/policy/analyze", analyze_body("raise \"x\" if:\n    (m: Message\n", json::array{}));
  EXPECT_EQ(syntax.status, 200);
  ASSERT_TRUE(json::parse(syntax.body).is_string()) << syntax.body;
  EXPECT_EQ(std::string(json::parse(syntax.body).as_string()).rfind("Failed to create policy from policy source.", 0),
            0u);
  // Malformed requests stay 400 objects (the original answered those with an HTTP error as well).
  EXPECT_EQ(post(s, "/api/policy/analyze", "{").status, 400);
}

TEST(Lifecycle, BatchItemBoundIs413) {
  ServerProcess s(Env{{"INVARIANT_BATCH_MAX_ITEMS", "4"}});
  ASSERT_TRUE(s.wait_ready()) << s.output();
  json::array traces{json::array{}, json::array{}};
  auto ok = post(s, "/api/policy/analyze/batch",
                 json::serialize(json::object{{"policies", json::array{json::string(kSimplePolicy), json::string(kSimplePolicy)}},
                                              {"traces", traces}}));
  EXPECT_EQ(ok.status, 200) << ok.body;
  traces.push_back(json::array{});
  auto over = post(s, "/api/policy/analyze/batch",
                   json::serialize(json::object{{"policies", json::array{json::string(kSimplePolicy), json::string(kSimplePolicy)}},
                                                {"traces", traces}}));
  EXPECT_EQ(over.status, 413) << over.body;
  EXPECT_EQ(error_type(over), "LimitExceeded");
}

TEST(Lifecycle, SigtermFinishesTheRequestInFlightThenExitsZero) {
  ServerProcess s(Env{{"INVARIANT_WORKER_THREADS", "1"}});
  ASSERT_TRUE(s.wait_ready()) << s.output();
  const std::string expected = R"({"errors":[],"handled_errors":[]})";
  auto slow = std::async(std::launch::async, [&] { return post(s, "/api/policy/analyze", slow_request()); });
  std::this_thread::sleep_for(std::chrono::milliseconds(300));
  s.signal(SIGTERM);
  auto r = slow.get();
  EXPECT_EQ(r.status, 200) << s.output();
  EXPECT_EQ(r.body, expected);
  EXPECT_EQ(s.wait_exit(), 0) << s.output();
  EXPECT_NE(s.output().find("received SIGTERM"), std::string::npos) << s.output();
  EXPECT_FALSE(inv::e2e::can_connect(s.port()));
}

TEST(Lifecycle, SigintStopsAnIdleServerWithExitZero) {
  ServerProcess s;
  ASSERT_TRUE(s.wait_ready()) << s.output();
  EXPECT_EQ(http_request(s.port(), "GET", "/readyz").status, 200);
  s.signal(SIGINT);
  EXPECT_EQ(s.wait_exit(), 0) << s.output();
}

TEST(Lifecycle, PortInUseIsAClearErrorAndNonZeroExit) {
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  ASSERT_GE(fd, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  addr.sin_port = 0;
  ASSERT_EQ(bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr), 0);
  ASSERT_EQ(listen(fd, 4), 0);
  socklen_t len = sizeof addr;
  getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len);
  const int port = ntohs(addr.sin_port);

  ServerProcess s({}, {"--port", std::to_string(port)});
  EXPECT_EQ(s.wait_exit(), 5) << s.output();
  EXPECT_NE(s.output().find("cannot listen on 127.0.0.1:" + std::to_string(port)), std::string::npos) << s.output();
  EXPECT_NE(s.output().find("in use"), std::string::npos) << s.output();
  EXPECT_EQ(s.output().find("terminate"), std::string::npos) << s.output();
  close(fd);
}

TEST(Lifecycle, InvalidConfigurationIsAStartupError) {
  struct Case {
    Env env;
    std::vector<std::string> args;
    const char* mentions;
  };
  const std::vector<Case> cases = {
      {{{"INVARIANT_PORT", "eighty"}}, {}, "INVARIANT_PORT"},
      {{{"INVARIANT_PORT", "70000"}}, {}, "INVARIANT_PORT"},
      {{{"INVARIANT_QUEUE_SIZE", "-1"}}, {"--port", "0"}, "INVARIANT_QUEUE_SIZE"},
      {{{"PRODUCTION", "maybe"}}, {"--port", "0"}, "PRODUCTION"},
      {{{"INVARIANT_IO_THREADS", "0"}}, {"--port", "0"}, "INVARIANT_IO_THREADS"},
      {{}, {"--port"}, "--port"},
      {{}, {"--bogus"}, "--bogus"},
  };
  for (const auto& c : cases) {
    ServerProcess s(c.env, c.args);
    EXPECT_EQ(s.wait_exit(), 2) << c.mentions << ": " << s.output();
    EXPECT_NE(s.output().find(c.mentions), std::string::npos) << s.output();
  }
}

TEST(Lifecycle, ProductionFlagIsLoggedAndHostComesFromTheEnvironment) {
  ServerProcess s(Env{{"PRODUCTION", "Yes"}, {"INVARIANT_HOST", "127.0.0.1"}});
  ASSERT_TRUE(s.wait_ready()) << s.output();
  EXPECT_NE(s.output().find("PRODUCTION=true"), std::string::npos) << s.output();
  EXPECT_NE(s.output().find("listening on http://127.0.0.1:"), std::string::npos) << s.output();
}

TEST(Lifecycle, ServeHelpListsTheServerOptions) {
  ServerProcess s({}, {"--help"});
  EXPECT_EQ(s.wait_exit(), 0) << s.output();
  for (const char* option : {"--host", "--port", "INVARIANT_WORKER_THREADS", "INVARIANT_QUEUE_SIZE",
                             "INVARIANT_MAX_BODY_BYTES", "PROMETHEUS_TOKEN", "INVARIANT_API_TOKEN"})
    EXPECT_NE(s.output().find(option), std::string::npos) << option;
}
