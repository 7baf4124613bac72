// End-to-end tests of the audit log against the real `invariant serve` and `invariant audit`: many
// concurrent clients and every answered decision found in the database (query API and CLI) with its
// status and bodies; the query API's token, filters and errors; async mode, masking, audit off, a newer
// database refused; and the crash test: kill -9 under load in sync mode loses no answered request.
#include <gtest/gtest.h>

#include <signal.h>
#include <sqlite3.h>
#include <sys/wait.h>

#include <atomic>
#include <cstdio>
#include <filesystem>
#include <iostream>
#include <map>
#include <mutex>
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

const std::string kPolicy =
    "raise \"mail to eve\" if:\n"
    "    (call: ToolCall)\n"
    "    call is tool:send_email({to: \"eve.*\"})\n";

std::string tool_call(const std::string& to, int n) {
  json::object o;
  o["role"] = "assistant";
  o["content"] = nullptr;
  o["tool_calls"] = json::array{json::object{
      {"id", std::to_string(n)},
      {"type", "function"},
      {"function", json::object{{"name", "send_email"}, {"arguments", json::object{{"to", to}, {"n", n}}}}}}};
  return json::serialize(o);
}

std::string analyze_body(const std::string& to, int n) {
  return R"({"policy":)" + json::serialize(json::value(kPolicy)) + R"(,"trace":[{"role":"user","content":"hi )" +
         std::to_string(n) + R"("},)" + tool_call(to, n) + "]}";
}

struct Sent {
  std::string path, body;
  HttpResponse response;
};

// One request of a mix over every audited endpoint and outcome.
Sent make_request(int port, int n) {
  Sent s;
  Env headers{{"User-Agent", "audit-e2e/1"}};
  switch (n % 6) {
    case 0: s.path = "/api/policy/analyze"; s.body = analyze_body("eve@x.org", n); break;        // violation
    case 1: s.path = "/api/policy/analyze"; s.body = analyze_body("peter@x.org", n % 12); break;  // cache hits
    case 2:
      s.path = "/api/monitor/check";
      s.body = R"({"policy":)" + json::serialize(json::value(kPolicy)) + R"(,"past_events":[],"pending_events":[)" +
               tool_call("eve@y.org", n) + "]}";
      break;
    case 3: s.path = "/api/policy/load"; s.body = R"({"policy":)" + json::serialize(json::value(kPolicy)) + "}"; break;
    case 4:
      s.path = "/api/policy/analyze/batch";
      s.body = R"({"policy":)" + json::serialize(json::value(kPolicy)) + R"(,"traces":[[)" + tool_call("eve@z", n) +
               "],[" + tool_call("bob@z", n) + "]]}";
      break;
    default: s.path = "/api/policy/analyze"; s.body = "{\"policy\": " + std::to_string(n); break;  // 400 InvalidJSON
  }
  if (n % 7 == 0) headers.emplace_back("Cache-Control", "no-cache");
  s.response = http_request(port, "POST", s.path, s.body, headers);
  return s;
}

json::value as_json_or_string(const std::string& text) {
  boost::system::error_code ec;
  auto v = json::parse(text, ec);
  return ec ? json::value(json::string(text)) : v;
}

// Runs a command, returns its standard output (and the exit status in `status`).
std::string run_command(const std::string& cmd, int& status) {
  std::string out;
  FILE* p = popen(cmd.c_str(), "r");
  if (!p) {
    status = -1;
    return out;
  }
  char buf[65536];
  std::size_t n;
  while ((n = fread(buf, 1, sizeof buf, p)) > 0) out.append(buf, n);
  int st = pclose(p);
  status = WIFEXITED(st) ? WEXITSTATUS(st) : -1;
  return out;
}

// decision id -> exported entry, from `invariant audit export --db <db>` (JSON lines).
std::map<std::string, json::object> cli_export(const std::string& db, const std::string& extra = "") {
  int status = 0;
  std::string out = run_command(std::string(INVARIANT_BINARY) + " audit export --db '" + db + "' " + extra, status);
  EXPECT_EQ(status, 0);
  std::map<std::string, json::object> rows;
  std::istringstream lines(out);
  std::string line;
  while (std::getline(lines, line)) {
    auto v = json::parse(line).as_object();
    rows[std::string(v["decision_id"].as_string())] = v;
  }
  return rows;
}

TEST(AuditE2E, EveryAnsweredDecisionIsLoggedWithItsStatusAndBodies) {
  ServerProcess server(Env{{"INVARIANT_WORKER_THREADS", "4"}});
  ASSERT_TRUE(server.wait_ready()) << server.output();
  const int port = server.port();
  constexpr int kClients = 8, kPerClient = 30;
  std::vector<Sent> sent(kClients * kPerClient);
  std::vector<std::thread> clients;
  for (int c = 0; c < kClients; ++c)
    clients.emplace_back([&, c] {
      for (int i = 0; i < kPerClient; ++i) sent[c * kPerClient + i] = make_request(port, c * kPerClient + i);
    });
  for (auto& t : clients) t.join();

  std::set<std::string> ids;
  std::size_t violating_analyze = 0;
  for (const auto& s : sent) {
    ASSERT_NE(s.response.status, 0);
    ids.insert(s.response.header("x-decision-id"));
    if (s.path == "/api/policy/analyze" && s.response.status == 200 &&
        s.response.body.find("mail to eve") != std::string::npos)
      ++violating_analyze;
  }
  ASSERT_EQ(ids.size(), sent.size());
  EXPECT_GT(violating_analyze, 0u);

  // 1. The query API: each decision by id (sync mode: committed before it was answered).
  for (const auto& s : sent) {
    const std::string id = s.response.header("x-decision-id");
    auto r = http_request(port, "GET", "/api/audit/decisions/" + id);
    ASSERT_EQ(r.status, 200) << id << " " << r.body;
    auto e = json::parse(r.body).as_object();
    EXPECT_EQ(e["path"], json::value(s.path));
    EXPECT_EQ(e["status"], json::value(s.response.status)) << id;
    EXPECT_EQ(e["response"], as_json_or_string(s.response.body)) << id;
    EXPECT_EQ(e["request"], as_json_or_string(s.body)) << id;
    EXPECT_EQ(e["user_agent"], "audit-e2e/1");
    EXPECT_EQ(e["client_ip"], "127.0.0.1");
    EXPECT_EQ(e["cache_hit"], json::value(s.response.header("x-cache") == "hit")) << id;
  }

  // 2. The list, page by page, newest first: exactly the answered decisions.
  std::vector<std::string> listed;
  std::string cursor;
  for (int page = 0; page < 100; ++page) {
    auto r = http_request(port, "GET", "/api/audit/decisions?limit=50" + (cursor.empty() ? "" : "&cursor=" + cursor));
    ASSERT_EQ(r.status, 200) << r.body;
    auto body = json::parse(r.body).as_object();
    for (const auto& d : body["decisions"].as_array()) listed.emplace_back(d.at("decision_id").as_string());
    if (body["next_cursor"].is_null()) break;
    cursor = std::string(body["next_cursor"].as_string());
  }
  EXPECT_EQ(listed.size(), sent.size());
  EXPECT_EQ(std::set<std::string>(listed.begin(), listed.end()), ids);

  // 3. A filter: the analyze calls that violated the rule.
  auto r = http_request(port, "GET", "/api/audit/decisions?limit=1000&path=%2Fapi%2Fpolicy%2Fanalyze&rule=to+eve");
  ASSERT_EQ(r.status, 200);
  EXPECT_EQ(json::parse(r.body).at("decisions").as_array().size(), violating_analyze);

  // 4. The CLI, reading the database file while the server runs.
  auto rows = cli_export(server.data_dir() + "/audit.db");
  EXPECT_EQ(rows.size(), sent.size());
  for (const auto& s : sent) {
    auto it = rows.find(s.response.header("x-decision-id"));
    ASSERT_NE(it, rows.end());
    EXPECT_EQ(it->second["status"], json::value(s.response.status));
    EXPECT_EQ(it->second["response"], as_json_or_string(s.response.body));
    EXPECT_EQ(it->second["request"], as_json_or_string(s.body));
  }
  int status = 0;
  std::string shown = run_command(std::string(INVARIANT_BINARY) + " audit show --db '" + server.data_dir() +
                                      "/audit.db' " + sent[0].response.header("x-decision-id"),
                                  status);
  EXPECT_EQ(status, 0);
  EXPECT_EQ(json::parse(shown).at("status"), json::value(sent[0].response.status));
}

TEST(AuditE2E, QueryApiTokenFiltersAndErrors) {
  ServerProcess server(Env{{"INVARIANT_AUDIT_TOKEN", "audit-secret"}, {"INVARIANT_API_TOKEN", "api-secret"}});
  ASSERT_TRUE(server.wait_ready()) << server.output();
  const int port = server.port();
  auto posted = http_request(port, "POST", "/api/policy/analyze", analyze_body("eve@x", 1),
                             {{"Authorization", "Bearer api-secret"}});
  ASSERT_EQ(posted.status, 200);
  auto unauthorized = http_request(port, "POST", "/api/policy/analyze", analyze_body("eve@x", 1));
  ASSERT_EQ(unauthorized.status, 401);  // recorded too: a call of an API endpoint
  const Env audit{{"Authorization", "Bearer audit-secret"}};
  EXPECT_EQ(http_request(port, "GET", "/api/audit/decisions").status, 401);
  EXPECT_EQ(http_request(port, "GET", "/api/audit/decisions", "", {{"Authorization", "Bearer api-secret"}}).status, 401);
  auto r = http_request(port, "GET", "/api/audit/decisions", "", audit);
  ASSERT_EQ(r.status, 200) << r.body;
  auto list = json::parse(r.body).at("decisions").as_array();
  ASSERT_EQ(list.size(), 2u);
  EXPECT_EQ(list[0].at("status"), 401);
  EXPECT_EQ(list[1].at("decision_id"), json::value(posted.header("x-decision-id")));
  EXPECT_EQ(list[1].at("violations"), 1);
  EXPECT_EQ(list[1].at("rules"), json::parse(R"([{"message":"mail to eve","count":1}])"));
  EXPECT_EQ(http_request(port, "GET", "/api/audit/decisions/" + posted.header("x-decision-id")).status, 401);

  auto bad = http_request(port, "GET", "/api/audit/decisions?since=last+week", "", audit);
  EXPECT_EQ(bad.status, 400);
  auto err = json::parse(bad.body).as_object();
  EXPECT_TRUE(err["detail"].is_string());
  EXPECT_EQ(err["error"].at("type"), "InvalidRequest");
  EXPECT_EQ(err["error"].at("path"), "since");
  EXPECT_EQ(http_request(port, "GET", "/api/audit/decisions?limit=5000", "", audit).status, 400);
  EXPECT_EQ(http_request(port, "GET", "/api/audit/decisions?status=200&since=2020-01-01T00:00:00Z", "", audit).status,
            200);
  EXPECT_EQ(http_request(port, "GET", "/api/audit/decisions/unknown-id", "", audit).status, 404);
  EXPECT_EQ(http_request(port, "POST", "/api/audit/decisions", "{}", audit).status, 405);
  auto since_future = http_request(port, "GET", "/api/audit/decisions?since=4102444800", "", audit);
  EXPECT_EQ(json::parse(since_future.body).at("decisions").as_array().size(), 0u);
}

TEST(AuditE2E, AsyncModeMaskingAndMetrics) {
  ServerProcess server(Env{{"INVARIANT_AUDIT_MODE", "async"}, {"INVARIANT_AUDIT_REDACT", "mask"},
                           {"PROMETHEUS_TOKEN", "m"}});
  ASSERT_TRUE(server.wait_ready()) << server.output();
  const int port = server.port();
  std::vector<std::string> ids;
  for (int i = 0; i < 20; ++i) {
    auto r = http_request(port, "POST", "/api/policy/analyze", analyze_body("eve@secret.example", i));
    ASSERT_EQ(r.status, 200);
    ids.push_back(r.header("x-decision-id"));
  }
  std::size_t found = 0;
  for (int attempt = 0; attempt < 200 && found < ids.size(); ++attempt) {
    found = 0;
    for (const auto& id : ids) found += http_request(port, "GET", "/api/audit/decisions/" + id).status == 200;
    if (found < ids.size()) std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  ASSERT_EQ(found, ids.size());
  auto shown = http_request(port, "GET", "/api/audit/decisions/" + ids[3]);
  EXPECT_EQ(shown.body.find("secret.example"), std::string::npos) << shown.body;
  auto e = json::parse(shown.body).as_object();
  EXPECT_EQ(e["redaction"], "mask");
  EXPECT_EQ(e["request"].at("trace").at(1).at("tool_calls").at(0).at("function"),
            json::parse(R"({"name":"send_email","arguments":{"to":"***","n":"***"}})"));
  EXPECT_EQ(e["violations"], 1);  // the decision itself was taken on the real trace
  auto m = http_request(port, "GET", "/metrics", "", {{"Authorization", "Bearer m"}});
  for (const char* name : {"invariant_server_audit_queue_depth", "invariant_server_audit_batch_size_bucket",
                           "invariant_server_audit_commit_seconds_bucket", "invariant_server_audit_rows_written_total 20",
                           "invariant_server_audit_rows_dropped_total 0", "invariant_server_audit_write_errors_total 0"})
    EXPECT_NE(m.body.find(name), std::string::npos) << name;
}

TEST(AuditE2E, OffMeansNoDatabaseAndNoQueryApi) {
  ServerProcess server(Env{{"INVARIANT_AUDIT", "off"}});
  ASSERT_TRUE(server.wait_ready()) << server.output();
  EXPECT_EQ(http_request(server.port(), "POST", "/api/policy/analyze", analyze_body("eve", 1)).status, 200);
  EXPECT_EQ(http_request(server.port(), "GET", "/api/audit/decisions").status, 404);
  EXPECT_FALSE(std::filesystem::exists(server.data_dir() + "/audit.db"));
}

TEST(AuditE2E, ADatabaseFromANewerReleaseIsRefused) {
  char tmpl[] = "/tmp/invariant-newer-XXXXXX";
  ASSERT_NE(mkdtemp(tmpl), nullptr);
  const std::string dir = std::string(tmpl) + "/data";
  {
    ServerProcess first(Env{});
    ASSERT_TRUE(first.wait_ready()) << first.output();
    first.signal(SIGTERM);
    ASSERT_EQ(first.wait_exit(), 0);
    std::filesystem::copy(first.data_dir(), dir);
  }
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open((dir + "/audit.db").c_str(), &db), SQLITE_OK);
  ASSERT_EQ(sqlite3_exec(db, "INSERT INTO schema_version VALUES (999, '0999_future', 0)", nullptr, nullptr, nullptr),
            SQLITE_OK);
  sqlite3_close(db);
  {
    ServerProcess second(Env{{"INVARIANT_DATA_DIR", dir}});
    EXPECT_FALSE(second.wait_ready(std::chrono::seconds(10)));
    EXPECT_EQ(second.wait_exit(), 5);
    EXPECT_NE(second.output().find("schema version 999, newer than this invariant binary understands"),
              std::string::npos)
        << second.output();
  }
  int status = 0;
  run_command(std::string(INVARIANT_BINARY) + " audit list --db '" + dir + "/audit.db' 2>/dev/null", status);
  EXPECT_EQ(status, 5);
  std::filesystem::remove_all(tmpl);
}

// kill -9 under load in sync mode: every request that received a response is in the log after a restart.
TEST(AuditCrash, KillNineLosesNoAnsweredRequest) {
  char tmpl[] = "/tmp/invariant-crash-XXXXXX";
  ASSERT_NE(mkdtemp(tmpl), nullptr);
  const std::string dir = std::string(tmpl) + "/data";
  std::vector<std::pair<std::string, int>> answered;  // decision id, status
  std::size_t attempts = 0;
  {
    ServerProcess server(Env{{"INVARIANT_DATA_DIR", dir}, {"INVARIANT_AUDIT_MODE", "sync"},
                             {"INVARIANT_WORKER_THREADS", "4"}});
    ASSERT_TRUE(server.wait_ready()) << server.output();
    std::atomic<bool> stop{false}, killed{false};
    std::atomic<std::size_t> tries{0};
    std::mutex mu;
    std::vector<std::thread> clients;
    for (int c = 0; c < 8; ++c)
      clients.emplace_back([&, c] {
        for (int i = 0; !stop.load(); ++i) {
          const int n = c * 1'000'000 + i;
          if (!killed.load()) ++tries;
          auto r = http_request(server.port(), "POST", i % 4 == 3 ? "/api/monitor/check" : "/api/policy/analyze",
                                i % 4 == 3 ? R"({"policy":"x","past_events":[],"pending_events":[]})"
                                           : analyze_body(n % 2 ? "eve@x" : "bob@x", n),
                                {}, std::chrono::seconds(5));
          if (r.status == 0) continue;  // no answer: the server died first
          std::lock_guard lock(mu);
          answered.emplace_back(r.header("x-decision-id"), r.status);
        }
      });
    std::this_thread::sleep_for(std::chrono::milliseconds(1500));
    killed = true;
    server.signal(SIGKILL);  // mid-load: requests are in flight and rows are being committed
    EXPECT_EQ(server.wait_exit(), 128 + SIGKILL);
    stop = true;
    for (auto& t : clients) t.join();
    attempts = tries.load();
  }
  ASSERT_GT(answered.size(), 100u);
  {
    // The restart recovers the WAL; the CLI then reads every row.
    ServerProcess restarted(Env{{"INVARIANT_DATA_DIR", dir}});
    ASSERT_TRUE(restarted.wait_ready()) << restarted.output();
    auto rows = cli_export(dir + "/audit.db");
    std::size_t missing = 0, wrong_status = 0;
    for (const auto& [id, status] : answered) {
      auto it = rows.find(id);
      if (it == rows.end()) ++missing;
      else if (it->second["status"] != json::value(status)) ++wrong_status;
    }
    EXPECT_EQ(missing, 0u);
    EXPECT_EQ(wrong_status, 0u);
    std::cout << "[ crash    ] " << attempts << " requests sent before the kill, " << answered.size()
              << " answered before kill -9, all " << answered.size() - missing << " found in the audit log after the "
              << "restart (" << rows.size() << " rows in total; rows beyond the answered ones were committed but "
              << "their answers were not received)" << std::endl;
    RecordProperty("answered", static_cast<int>(answered.size()));
    RecordProperty("rows", static_cast<int>(rows.size()));
    EXPECT_GE(rows.size(), answered.size());
  }
  std::filesystem::remove_all(tmpl);
}

}  // namespace
