// The audit log's read side without SQLite: filter parsing and validation, times, cursors, the query
// API's bodies and the `invariant audit` command line over an in-memory store.
#include <gtest/gtest.h>

#include <sstream>

#include <boost/json.hpp>

#include "app/audit_cli.hpp"
#include "app/audit_queries.hpp"
#include "app/audit_redaction.hpp"
#include "app/config.hpp"

namespace json = boost::json;
using namespace inv::app;
using inv::app::ports::AuditEntry;
using inv::app::ports::AuditFilter;

namespace {

TEST(AuditTime, ParsesRfc3339AndUnixSeconds) {
  struct Case {
    const char* text;
    std::optional<std::int64_t> ms;
  };
  const Case cases[] = {
      {"2024-05-01T12:00:00Z", 1'714'564'800'000},
      {"2024-05-01t12:00:00z", 1'714'564'800'000},
      {"2024-05-01 12:00:00Z", 1'714'564'800'000},
      {"2024-05-01T14:00:00+02:00", 1'714'564'800'000},
      {"2024-05-01T11:30:00-00:30", 1'714'564'800'000},
      {"2024-05-01T12:00:00.25Z", 1'714'564'800'250},
      {"2024-05-01T12:00:00.123456Z", 1'714'564'800'123},
      {"1970-01-01T00:00:00Z", 0},
      {"2024-02-29T00:00:00Z", 1'709'164'800'000},
      {"1714564800", 1'714'564'800'000},
      {"1714564800.5", 1'714'564'800'500},
      {"0", 0},
      {"2023-02-29T00:00:00Z", std::nullopt},
      {"2024-13-01T00:00:00Z", std::nullopt},
      {"2024-05-01T12:00:00", std::nullopt},
      {"2024-05-01", std::nullopt},
      {"yesterday", std::nullopt},
      {"-5", std::nullopt},
      {"1714564800.", std::nullopt},
      {"", std::nullopt},
  };
  for (const auto& c : cases) EXPECT_EQ(parse_audit_time(c.text), c.ms) << c.text;
}

TEST(AuditTime, FormatsUtcWithMilliseconds) {
  EXPECT_EQ(format_audit_time(1'714'564'800'250), "2024-05-01T12:00:00.250Z");
  EXPECT_EQ(format_audit_time(0), "1970-01-01T00:00:00.000Z");
  EXPECT_EQ(parse_audit_time(format_audit_time(1'709'164'812'345)), 1'709'164'812'345);
}

TEST(AuditCursor, RoundTripsAndRejectsForgeries) {
  for (std::int64_t row : {1LL, 35LL, 36LL, 123456789LL}) EXPECT_EQ(decode_cursor(encode_cursor(row)), row);
  EXPECT_FALSE(decode_cursor(""));
  EXPECT_FALSE(decode_cursor("c"));
  EXPECT_FALSE(decode_cursor("x12"));
  EXPECT_FALSE(decode_cursor("c1-2"));
}

TEST(AuditQueryString, DecodesPercentAndPlus) {
  auto p = parse_query_string("rule=send%20email+to&path=%2Fapi%2Fpolicy%2Fanalyze&&x");
  ASSERT_TRUE(p);
  EXPECT_EQ(*p, (QueryParams{{"rule", "send email to"}, {"path", "/api/policy/analyze"}, {"x", ""}}));
  EXPECT_FALSE(parse_query_string("rule=%zz"));
  EXPECT_FALSE(parse_query_string("rule=%4"));
}

TEST(AuditFilterParse, AcceptsEveryFilter) {
  FilterError err;
  auto f = parse_audit_filter({{"since", "2024-05-01T12:00:00Z"},
                               {"until", "1714568400"},
                               {"path", "/api/policy/analyze"},
                               {"status", "400"},
                               {"policy_hash", std::string(64, 'f')},
                               {"has_violations", "true"},
                               {"rule", "email"},
                               {"limit", "1000"},
                               {"cursor", encode_cursor(42)}},
                              err);
  ASSERT_TRUE(f) << err.message;
  EXPECT_EQ(f->since_ms, 1'714'564'800'000);
  EXPECT_EQ(f->until_ms, 1'714'568'400'000);
  EXPECT_EQ(f->path, "/api/policy/analyze");
  EXPECT_EQ(f->status, 400);
  EXPECT_EQ(f->has_violations, true);
  EXPECT_EQ(f->rule, "email");
  EXPECT_EQ(f->limit, 1000u);
  EXPECT_EQ(f->before_row, 42);
  auto d = parse_audit_filter({}, err);
  ASSERT_TRUE(d);
  EXPECT_EQ(d->limit, kAuditDefaultLimit);
}

TEST(AuditFilterParse, RejectsBadValuesNamingTheParameter) {
  const std::pair<QueryParams, const char*> cases[] = {
      {{{"since", "last week"}}, "since"},
      {{{"until", "2024-05-01"}}, "until"},
      {{{"status", "abc"}}, "status"},
      {{{"status", "99"}}, "status"},
      {{{"status", "600"}}, "status"},
      {{{"policy_hash", "abc"}}, "policy_hash"},
      {{{"policy_hash", std::string(64, 'F')}}, "policy_hash"},
      {{{"has_violations", "maybe"}}, "has_violations"},
      {{{"rule", ""}}, "rule"},
      {{{"limit", "0"}}, "limit"},
      {{{"limit", "1001"}}, "limit"},
      {{{"limit", "-1"}}, "limit"},
      {{{"cursor", "nope"}}, "cursor"},
      {{{"path", "api"}}, "path"},
      {{{"colour", "red"}}, "colour"},
      {{{"since", "1714568400"}, {"until", "1714564800"}}, "until"},
  };
  for (const auto& [params, name] : cases) {
    FilterError err;
    EXPECT_FALSE(parse_audit_filter(params, err)) << name;
    EXPECT_EQ(err.parameter, name);
    EXPECT_FALSE(err.message.empty());
  }
}

class FakeStore final : public ports::AuditStore {
 public:
  FakeStore() {
    for (int i = 1; i <= 5; ++i) {
      AuditEntry e;
      e.row = i;
      e.decision_id = "id" + std::to_string(i);
      e.method = "POST";
      e.path = "/api/policy/analyze";
      e.status = 200;
      e.start_ms = 1'714'564'800'000 + i;
      e.violations = i % 2;
      if (i % 2) e.rules = {{"no email", 1}};
      e.redaction = "full";
      e.body = R"({"policy":"p","trace":[]})";
      e.response = R"({"errors":[],"handled_errors":[]})";
      rows.insert(rows.begin(), e);  // newest first
    }
  }
  std::vector<AuditEntry> list(const AuditFilter& f, bool) override {
    last = f;
    std::vector<AuditEntry> out;
    for (const auto& e : rows)
      if ((!f.before_row || e.row < *f.before_row) && (!f.rule || !e.rules.empty()) && (f.limit == 0 || out.size() < f.limit))
        out.push_back(e);
    return out;
  }
  std::optional<AuditEntry> find(const std::string& id) override {
    for (const auto& e : rows)
      if (e.decision_id == id) return e;
    return std::nullopt;
  }
  std::vector<AuditEntry> rows;
  AuditFilter last;
};

TEST(AuditQueriesApi, ListPagesWithAnOpaqueCursor) {
  FakeStore store;
  AuditQueries q(store);
  auto r = q.list("limit=2");
  ASSERT_EQ(r.status, 200) << r.body;
  auto body = json::parse(r.body).as_object();
  ASSERT_EQ(body["decisions"].as_array().size(), 2u);
  EXPECT_EQ(body["decisions"].as_array()[0].at("decision_id"), "id5");
  EXPECT_EQ(body["decisions"].as_array()[0].at("time"), "2024-05-01T12:00:00.005Z");
  EXPECT_FALSE(body["decisions"].as_array()[0].as_object().contains("request"));  // bodies only in show
  ASSERT_TRUE(body["next_cursor"].is_string());
  auto r2 = q.list("limit=2&cursor=" + std::string(body["next_cursor"].as_string()));
  auto body2 = json::parse(r2.body).as_object();
  EXPECT_EQ(body2["decisions"].as_array()[0].at("decision_id"), "id3");
  auto r3 = q.list("limit=2&cursor=" + std::string(body2["next_cursor"].as_string()));
  auto body3 = json::parse(r3.body).as_object();
  EXPECT_EQ(body3["decisions"].as_array().size(), 1u);
  EXPECT_TRUE(body3["next_cursor"].is_null());
}

TEST(AuditQueriesApi, BadFilterIsA400WithTheErrorShape) {
  FakeStore store;
  AuditQueries q(store);
  auto r = q.list("status=abc");
  EXPECT_EQ(r.status, 400);
  auto body = json::parse(r.body).as_object();
  EXPECT_TRUE(body["detail"].is_string());
  EXPECT_EQ(body["error"].at("type"), "InvalidRequest");
  EXPECT_EQ(body["error"].at("path"), "status");
  EXPECT_EQ(q.list("rule=%").status, 400);
}

TEST(AuditQueriesApi, ShowReturnsBodiesOr404) {
  FakeStore store;
  AuditQueries q(store);
  auto r = q.show("id3");
  ASSERT_EQ(r.status, 200);
  auto body = json::parse(r.body).as_object();
  EXPECT_EQ(body["request"], json::parse(R"({"policy":"p","trace":[]})"));
  EXPECT_EQ(body["response"], json::parse(R"({"errors":[],"handled_errors":[]})"));
  EXPECT_EQ(body["rules"], json::parse(R"([{"message":"no email","count":1}])"));
  auto missing = q.show("nope");
  EXPECT_EQ(missing.status, 404);
  EXPECT_EQ(json::parse(missing.body).at("error").at("type"), "NotFound");
}

int run(const std::vector<std::string>& args, FakeStore& store, std::string& out, std::string& err,
        bool fail_open = false) {
  std::ostringstream o, e;
  int rc = run_audit_cli(
      args, "/default/audit.db",
      [&](const std::string& path) -> std::unique_ptr<ports::AuditStore> {
        if (fail_open) throw std::runtime_error("no audit database at " + path);
        struct Ref final : ports::AuditStore {
          FakeStore& s;
          explicit Ref(FakeStore& s) : s(s) {}
          std::vector<AuditEntry> list(const AuditFilter& f, bool b) override { return s.list(f, b); }
          std::optional<AuditEntry> find(const std::string& id) override { return s.find(id); }
        };
        return std::make_unique<Ref>(store);
      },
      o, e);
  out = o.str();
  err = e.str();
  return rc;
}

TEST(AuditCli, ListShowExport) {
  FakeStore store;
  std::string out, err;
  EXPECT_EQ(run({"list", "--limit", "2", "--has-violations=true", "--rule", "email"}, store, out, err), 0) << err;
  EXPECT_EQ(store.last.has_violations, true);
  EXPECT_EQ(store.last.rule, "email");
  EXPECT_NE(out.find("id5  200  /api/policy/analyze  1  no email (1)"), std::string::npos) << out;
  EXPECT_NE(out.find("more: --cursor "), std::string::npos) << out;

  EXPECT_EQ(run({"list", "--json"}, store, out, err), 0);
  EXPECT_EQ(json::parse(out).at("decisions").as_array().size(), 5u);

  EXPECT_EQ(run({"show", "id2", "--db", "/x.db"}, store, out, err), 0);
  EXPECT_EQ(json::parse(out).at("decision_id"), "id2");
  EXPECT_EQ(run({"show", "nope"}, store, out, err), 1);

  EXPECT_EQ(run({"export"}, store, out, err), 0);
  std::istringstream lines(out);
  std::string line;
  int n = 0;
  while (std::getline(lines, line)) {
    auto v = json::parse(line).as_object();
    EXPECT_TRUE(v.contains("request"));
    ++n;
  }
  EXPECT_EQ(n, 5);
}

TEST(AuditCli, UsageErrorsAndUnopenableDatabases) {
  FakeStore store;
  std::string out, err;
  EXPECT_EQ(run({}, store, out, err), 2);
  EXPECT_EQ(run({"drop"}, store, out, err), 2);
  EXPECT_EQ(run({"list", "--status", "abc"}, store, out, err), 2);
  EXPECT_NE(err.find("--status"), std::string::npos) << err;
  EXPECT_EQ(run({"list", "--limit"}, store, out, err), 2);
  EXPECT_EQ(run({"show"}, store, out, err), 2);
  EXPECT_EQ(run({"list"}, store, out, err, true), 5);
  EXPECT_NE(err.find("/default/audit.db"), std::string::npos) << err;
}

TEST(AuditRedactionMask, OnlyTraceFieldsAreMasked) {
  auto m = mask_trace_contents(
      R"({"policy":"content","past_events":[{"content":"a"}],"pending_events":[{"content":"b","tool_calls":[{"function":{"name":"f","arguments":"{\"x\":1}"}}]}],"traces":[[{"content":"c"}]],"other":{"content":"kept"}})");
  ASSERT_TRUE(m);
  EXPECT_EQ(json::parse(*m), json::parse(
      R"({"policy":"content","past_events":[{"content":"***"}],"pending_events":[{"content":"***","tool_calls":[{"function":{"name":"f","arguments":"***"}}]}],"traces":[[{"content":"***"}]],"other":{"content":"kept"}})"));
  EXPECT_FALSE(mask_trace_contents("[1,2]"));
  EXPECT_FALSE(mask_trace_contents("{"));
}

// INVARIANT_AUDIT* variables: defaults, every value, invalid values stop the start.
class AuditEnv : public ::testing::Test {
 protected:
  void TearDown() override {
    for (const char* n : {"INVARIANT_AUDIT", "INVARIANT_AUDIT_MODE", "INVARIANT_AUDIT_QUEUE", "INVARIANT_AUDIT_REDACT",
                          "INVARIANT_AUDIT_RETENTION_DAYS", "INVARIANT_AUDIT_MAX_ROWS", "INVARIANT_AUDIT_TOKEN"})
      unsetenv(n);
  }
};

TEST_F(AuditEnv, DefaultsAndValues) {
  auto d = server_config_from_env().audit;
  EXPECT_TRUE(d.enabled);
  EXPECT_TRUE(d.sync);
  EXPECT_EQ(d.queue, 4096u);
  EXPECT_EQ(d.redact, AuditRedact::Full);
  EXPECT_EQ(d.retention_days, 0u);
  EXPECT_EQ(d.max_rows, 0u);
  EXPECT_TRUE(d.token.empty());
  setenv("INVARIANT_AUDIT", "off", 1);
  setenv("INVARIANT_AUDIT_MODE", "async", 1);
  setenv("INVARIANT_AUDIT_QUEUE", "10", 1);
  setenv("INVARIANT_AUDIT_REDACT", "mask", 1);
  setenv("INVARIANT_AUDIT_RETENTION_DAYS", "30", 1);
  setenv("INVARIANT_AUDIT_MAX_ROWS", "1000000", 1);
  setenv("INVARIANT_AUDIT_TOKEN", "t", 1);
  auto a = server_config_from_env().audit;
  EXPECT_FALSE(a.enabled);
  EXPECT_FALSE(a.sync);
  EXPECT_EQ(a.queue, 10u);
  EXPECT_EQ(a.redact, AuditRedact::Mask);
  EXPECT_EQ(a.retention_days, 30u);
  EXPECT_EQ(a.max_rows, 1000000u);
  EXPECT_EQ(a.token, "t");
  setenv("INVARIANT_AUDIT_REDACT", "hash", 1);
  EXPECT_EQ(server_config_from_env().audit.redact, AuditRedact::Hash);
}

TEST_F(AuditEnv, InvalidValuesNameTheVariable) {
  const std::pair<const char*, const char*> cases[] = {{"INVARIANT_AUDIT", "maybe"},
                                                       {"INVARIANT_AUDIT_MODE", "fast"},
                                                       {"INVARIANT_AUDIT_QUEUE", "0"},
                                                       {"INVARIANT_AUDIT_REDACT", "none"},
                                                       {"INVARIANT_AUDIT_RETENTION_DAYS", "-1"},
                                                       {"INVARIANT_AUDIT_MAX_ROWS", "many"}};
  for (const auto& [name, value] : cases) {
    setenv(name, value, 1);
    try {
      server_config_from_env();
      ADD_FAILURE() << name << "=" << value << " accepted";
    } catch (const std::runtime_error& e) {
      EXPECT_NE(std::string(e.what()).find(name), std::string::npos) << e.what();
    }
    unsetenv(name);
  }
}

}  // namespace
