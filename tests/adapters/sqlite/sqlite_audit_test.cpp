// The SQLite audit log: migrations (fresh, repeated, newer than the binary), the sink (batching, sync
// waits for the commit, async drops when full, redaction, deduplication, write errors, retention) and the
// read-only store's filters and pagination.
#include <gtest/gtest.h>

#include <sqlite3.h>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <filesystem>
#include <mutex>
#include <thread>
#include <vector>

#include <boost/json.hpp>

#include "adapters/sqlite/sqlite_audit_sink.hpp"
#include "adapters/sqlite/sqlite_audit_store.hpp"
#include "adapters/sqlite/sqlite_db.hpp"
#include "domain/util/sha256.hpp"

namespace fs = std::filesystem;
namespace json = boost::json;
using namespace inv::adapters::sqlite;
using inv::app::AuditRedact;
using inv::app::ports::AuditFilter;
using inv::app::ports::AuditOutcome;
using inv::app::ports::AuditRecord;

namespace {

class TempDir {
 public:
  TempDir() {
    char tmpl[] = "/tmp/invariant-audit-test-XXXXXX";
    path_ = mkdtemp(tmpl);
  }
  ~TempDir() {
    std::error_code ec;
    fs::remove_all(path_, ec);
  }
  std::string file(const std::string& name) const { return (path_ / name).string(); }

 private:
  fs::path path_;
};

struct CountingMetrics final : inv::app::ports::Metrics {
  void request_finished(const inv::app::ports::RequestObservation&) override {}
  void evaluation_finished(const inv::app::ports::EvaluationObservation&) override {}
  void cache_lookup(inv::app::ports::CacheKind, bool) override {}
  void cache_size(inv::app::ports::CacheKind, std::size_t, std::size_t) override {}
  void queue_depth(std::size_t) override {}
  void in_flight(std::size_t) override {}
  void rejected(std::string_view) override {}
  void internal_error() override {}
  void audit_queue_depth(std::size_t n) override { max_depth = std::max<std::size_t>(max_depth, n); }
  void audit_batch(std::size_t rows, double) override {
    written += rows;
    ++batches;
  }
  void audit_dropped(std::size_t n) override { dropped += n; }
  void audit_write_error() override { ++errors; }
  std::atomic<std::size_t> max_depth{0}, written{0}, batches{0}, dropped{0}, errors{0};
};

// Blocks the writer before its next batch until released (lets a test fill the queue).
class Gate {
 public:
  void wait() {
    std::unique_lock lock(mu_);
    ++waiting_;
    cv_.notify_all();
    cv_.wait(lock, [&] { return open_; });
  }
  void await_writer() {
    std::unique_lock lock(mu_);
    cv_.wait(lock, [&] { return waiting_ > 0; });
  }
  void open() {
    std::lock_guard lock(mu_);
    open_ = true;
    cv_.notify_all();
  }

 private:
  std::mutex mu_;
  std::condition_variable cv_;
  bool open_ = false;
  int waiting_ = 0;
};

std::int64_t now_ms() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::system_clock::now().time_since_epoch())
      .count();
}

AuditRecord record(const std::string& id, const std::string& body = R"({"policy":"p","trace":[]})",
                   std::int64_t start = now_ms()) {
  AuditRecord r;
  r.decision_id = id;
  r.method = "POST";
  r.path = "/api/policy/analyze";
  r.client_ip = "127.0.0.1";
  r.user_agent = "test";
  r.start_ms = start;
  r.end_ms = start + 1;
  r.duration_seconds = 0.001;
  r.body = body;
  r.status = 200;
  r.response = R"({"errors":[],"handled_errors":[]})";
  return r;
}

long long scalar(const std::string& path, const std::string& sql) {
  Db db(path, Db::Mode::ReadOnly);
  Stmt s(db, sql.c_str());
  return s.step() ? s.int64(0) : -1;
}

AuditSinkOptions options(const std::string& path, bool sync = true) {
  AuditSinkOptions o;
  o.path = path;
  o.sync = sync;
  return o;
}

// ---- migrations ----

TEST(AuditMigrations, EmbeddedVersionsAreConsecutiveFromOne) {
  auto m = embedded_migrations();
  ASSERT_FALSE(m.empty());
  for (std::size_t i = 0; i < m.size(); ++i) EXPECT_EQ(m[i].version, static_cast<int>(i + 1)) << m[i].name;
  EXPECT_EQ(latest_schema_version(), m.back().version);
  EXPECT_NE(std::string(m[0].sql).find("CREATE TABLE requests"), std::string::npos);
}

TEST(AuditMigrations, FreshDatabaseGetsEveryMigration) {
  TempDir dir;
  Db db(dir.file("a.db"), Db::Mode::ReadWriteCreate);
  EXPECT_EQ(schema_version(db), 0);
  EXPECT_EQ(apply_migrations(db), latest_schema_version());
  for (const char* table : {"requests", "request_bodies", "request_rules", "schema_version"}) {
    Stmt s(db, "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = ?1");
    s.bind(1, std::string_view(table));
    ASSERT_TRUE(s.step());
    EXPECT_EQ(s.int64(0), 1) << table;
  }
}

TEST(AuditMigrations, RepeatedApplicationChangesNothing) {
  TempDir dir;
  const auto path = dir.file("a.db");
  for (int i = 0; i < 3; ++i) {
    Db db(path, Db::Mode::ReadWriteCreate);
    EXPECT_EQ(apply_migrations(db), latest_schema_version());
  }
  EXPECT_EQ(scalar(path, "SELECT count(*) FROM schema_version"), static_cast<long long>(embedded_migrations().size()));
  // The sink and the store open a migrated database as well.
  CountingMetrics metrics;
  { SqliteAuditSink sink(options(path), metrics); }
  SqliteAuditStore store(path);
  EXPECT_TRUE(store.list({}, false).empty());
}

TEST(AuditMigrations, AppliesInOrderAndOnlyTheMissingOnes) {
  TempDir dir;
  Db db(dir.file("a.db"), Db::Mode::ReadWriteCreate);
  const Migration first[] = {{1, "0001_t", "CREATE TABLE t (a INTEGER);"}};
  const Migration both[] = {{1, "0001_t", "CREATE TABLE t (a INTEGER);"},
                            {2, "0002_t_b", "ALTER TABLE t ADD COLUMN b TEXT; INSERT INTO t VALUES (1, 'x');"}};
  EXPECT_EQ(apply_migrations(db, first), 1);
  EXPECT_EQ(apply_migrations(db, both), 2);   // 0001 is not applied again (CREATE TABLE would fail)
  EXPECT_EQ(apply_migrations(db, both), 2);
  Stmt s(db, "SELECT count(*) FROM t WHERE b = 'x'");
  ASSERT_TRUE(s.step());
  EXPECT_EQ(s.int64(0), 1);
}

TEST(AuditMigrations, FailedMigrationIsRolledBack) {
  TempDir dir;
  Db db(dir.file("a.db"), Db::Mode::ReadWriteCreate);
  const Migration bad[] = {{1, "0001_bad", "CREATE TABLE t (a INTEGER); SELECT * FROM missing;"}};
  EXPECT_THROW(apply_migrations(db, bad), Error);
  EXPECT_EQ(schema_version(db), 0);
  Stmt s(db, "SELECT count(*) FROM sqlite_master WHERE name = 't'");
  ASSERT_TRUE(s.step());
  EXPECT_EQ(s.int64(0), 0);
}

TEST(AuditMigrations, NewerDatabaseIsRefusedWithAClearMessage) {
  TempDir dir;
  const auto path = dir.file("audit.db");
  {
    Db db(path, Db::Mode::ReadWriteCreate);
    apply_migrations(db);
    db.exec("INSERT INTO schema_version(version, name, applied_at_ms) VALUES (999, '0999_future', 0)");
  }
  const std::string expected = "has schema version 999, newer than this invariant binary understands (up to version " +
                               std::to_string(latest_schema_version()) + ")";
  try {
    Db db(path, Db::Mode::ReadWriteCreate);
    apply_migrations(db);
    FAIL() << "no exception";
  } catch (const SchemaMismatch& e) {
    EXPECT_NE(std::string(e.what()).find(expected), std::string::npos) << e.what();
    EXPECT_NE(std::string(e.what()).find(path), std::string::npos) << e.what();
  }
  CountingMetrics metrics;
  EXPECT_THROW(SqliteAuditSink(options(path), metrics), SchemaMismatch);
  EXPECT_THROW(SqliteAuditStore{path}, SchemaMismatch);
  // Nothing was changed.
  EXPECT_EQ(scalar(path, "SELECT max(version) FROM schema_version"), 999);
}

TEST(AuditMigrations, StoreRefusesMissingOrForeignFiles) {
  TempDir dir;
  EXPECT_THROW(SqliteAuditStore{dir.file("none.db")}, Error);
  { Db db(dir.file("other.db"), Db::Mode::ReadWriteCreate); db.exec("CREATE TABLE x (a)"); }
  EXPECT_THROW(SqliteAuditStore{dir.file("other.db")}, SchemaMismatch);
}

// ---- the sink ----

TEST(AuditSink, WritesEveryColumnAndTheRules) {
  TempDir dir;
  const auto path = dir.file("audit.db");
  CountingMetrics metrics;
  {
    SqliteAuditSink sink(options(path), metrics);
    auto r = record("d-1");
    r.client_ip = "10.0.0.1";
    r.user_agent = "agent/1";
    r.status = 400;
    r.error_type = "PolicyLoadingError";
    r.cache_hit = true;
    r.facts.policy_hash = std::string(64, 'a');
    r.facts.add_rule("no emails", 2);
    r.facts.add_rule("no secrets");
    std::atomic<int> outcome{-1};
    sink.submit(r, [&](AuditOutcome o) { outcome = static_cast<int>(o); });
    sink.flush();
    EXPECT_EQ(outcome.load(), static_cast<int>(AuditOutcome::Committed));
  }
  SqliteAuditStore store(path);
  auto e = store.find("d-1");
  ASSERT_TRUE(e);
  EXPECT_EQ(e->client_ip, "10.0.0.1");
  EXPECT_EQ(e->user_agent, "agent/1");
  EXPECT_EQ(e->status, 400);
  EXPECT_EQ(e->error_type, "PolicyLoadingError");
  EXPECT_TRUE(e->cache_hit);
  EXPECT_EQ(e->policy_hash, std::string(64, 'a'));
  EXPECT_EQ(e->violations, 3);
  ASSERT_EQ(e->rules.size(), 2u);
  EXPECT_EQ(e->rules[0], (std::pair<std::string, std::int64_t>{"no emails", 2}));
  EXPECT_EQ(e->rules[1], (std::pair<std::string, std::int64_t>{"no secrets", 1}));
  EXPECT_EQ(e->body, R"({"policy":"p","trace":[]})");
  EXPECT_EQ(e->body_hash, inv::sha256_hex(R"({"policy":"p","trace":[]})"));
  EXPECT_EQ(e->redaction, "full");
  EXPECT_EQ(e->response, R"({"errors":[],"handled_errors":[]})");
  EXPECT_EQ(metrics.written.load(), 1u);
  Db db(path, Db::Mode::ReadOnly);
  Stmt jm(db, "PRAGMA journal_mode");
  ASSERT_TRUE(jm.step());
  EXPECT_EQ(jm.text(0), "wal");
}

TEST(AuditSink, QueuedRecordsAreCommittedTogether) {
  TempDir dir;
  CountingMetrics metrics;
  Gate gate;
  auto o = options(dir.file("audit.db"), false);
  o.before_batch = [&] { gate.wait(); };
  SqliteAuditSink sink(o, metrics);
  sink.submit(record("first"), {});
  gate.await_writer();  // the writer holds "first" back; the next 99 queue up behind it
  for (int i = 0; i < 99; ++i) sink.submit(record("r" + std::to_string(i)), {});
  gate.open();
  sink.flush();
  auto st = sink.stats();
  EXPECT_EQ(st.written, 100u);
  EXPECT_EQ(st.largest_batch, 100u);  // one transaction for all of them (group commit)
  EXPECT_EQ(st.batches, 1u);
  EXPECT_EQ(metrics.batches.load(), 1u);
  EXPECT_GE(metrics.max_depth.load(), 99u);
}

TEST(AuditSink, BatchesAreBoundedByMaxBatch) {
  TempDir dir;
  CountingMetrics metrics;
  Gate gate;
  auto o = options(dir.file("audit.db"), false);
  o.max_batch = 16;
  o.before_batch = [&] { gate.wait(); };
  SqliteAuditSink sink(o, metrics);
  sink.submit(record("first"), {});
  gate.await_writer();
  for (int i = 0; i < 49; ++i) sink.submit(record("r" + std::to_string(i)), {});
  gate.open();
  sink.flush();
  EXPECT_EQ(sink.stats().written, 50u);
  EXPECT_EQ(sink.stats().largest_batch, 16u);
  EXPECT_EQ(sink.stats().batches, 4u);  // 16 + 16 + 16 + 2
}

TEST(AuditSink, SyncAnswersOnlyAfterTheCommit) {
  TempDir dir;
  const auto path = dir.file("audit.db");
  CountingMetrics metrics;
  Gate gate;
  auto o = options(path, true);
  o.before_batch = [&] { gate.wait(); };
  SqliteAuditSink sink(o, metrics);
  std::atomic<int> called{0};
  std::atomic<long long> visible_at_done{-1};
  sink.submit(record("sync-1"), [&](AuditOutcome outcome) {
    EXPECT_EQ(outcome, AuditOutcome::Committed);
    // Another connection already sees the row when the answer may be sent.
    visible_at_done = scalar(path, "SELECT count(*) FROM requests WHERE decision_id = 'sync-1'");
    ++called;
  });
  gate.await_writer();
  std::this_thread::sleep_for(std::chrono::milliseconds(50));
  EXPECT_EQ(called.load(), 0);  // not committed yet: no answer
  EXPECT_EQ(scalar(path, "SELECT count(*) FROM requests"), 0);
  gate.open();
  sink.flush();
  EXPECT_EQ(called.load(), 1);
  EXPECT_EQ(visible_at_done.load(), 1);
}

TEST(AuditSink, SyncBlocksWhileTheQueueIsFull) {
  TempDir dir;
  CountingMetrics metrics;
  Gate gate;
  auto o = options(dir.file("audit.db"), true);
  o.queue_capacity = 2;
  o.before_batch = [&] { gate.wait(); };
  SqliteAuditSink sink(o, metrics);
  std::atomic<int> committed{0};
  auto done = [&](AuditOutcome out) { committed += out == AuditOutcome::Committed; };
  sink.submit(record("a"), done);
  gate.await_writer();
  sink.submit(record("b"), done);
  std::atomic<bool> third_returned{false};
  std::thread t([&] {
    sink.submit(record("c"), done);
    third_returned = true;
  });
  std::this_thread::sleep_for(std::chrono::milliseconds(100));
  EXPECT_FALSE(third_returned.load());  // backpressure, never a drop in sync mode
  gate.open();
  t.join();
  sink.flush();
  EXPECT_EQ(committed.load(), 3);
  EXPECT_EQ(sink.stats().dropped, 0u);
}

TEST(AuditSink, AsyncDropsWhenTheQueueIsFullAndCountsIt) {
  TempDir dir;
  const auto path = dir.file("audit.db");
  CountingMetrics metrics;
  Gate gate;
  auto o = options(path, false);
  o.queue_capacity = 3;
  o.before_batch = [&] { gate.wait(); };
  SqliteAuditSink sink(o, metrics);
  std::vector<AuditOutcome> outcomes;
  std::mutex mu;
  auto done = [&](AuditOutcome out) {
    std::lock_guard lock(mu);
    outcomes.push_back(out);
  };
  sink.submit(record("q0"), done);
  gate.await_writer();  // q0 is still queued: the writer waits before taking it
  for (int i = 1; i < 8; ++i) sink.submit(record("q" + std::to_string(i)), done);
  // Answered at once: 3 queued (the capacity), 5 dropped.
  ASSERT_EQ(outcomes.size(), 8u);
  EXPECT_EQ(std::count(outcomes.begin(), outcomes.end(), AuditOutcome::Queued), 3);
  EXPECT_EQ(std::count(outcomes.begin(), outcomes.end(), AuditOutcome::Dropped), 5);
  EXPECT_EQ(sink.stats().dropped, 5u);
  EXPECT_EQ(metrics.dropped.load(), 5u);
  gate.open();
  sink.flush();
  EXPECT_EQ(scalar(path, "SELECT count(*) FROM requests"), 3);
  EXPECT_EQ(scalar(path, "SELECT count(*) FROM requests WHERE decision_id IN ('q0', 'q1', 'q2')"), 3);
}

TEST(AuditSink, BodiesAreDeduplicatedByHash) {
  TempDir dir;
  const auto path = dir.file("audit.db");
  CountingMetrics metrics;
  {
    SqliteAuditSink sink(options(path), metrics);
    for (int i = 0; i < 5; ++i) sink.submit(record("same" + std::to_string(i)), {});
    sink.submit(record("other", R"({"policy":"q","trace":[]})"), {});
    sink.flush();
  }
  EXPECT_EQ(scalar(path, "SELECT count(*) FROM requests"), 6);
  EXPECT_EQ(scalar(path, "SELECT count(*) FROM request_bodies"), 2);
}

const char* kSecretBody =
    R"({"policy":"raise \"x\" if:\n    (m: Message)\n","trace":[)"
    R"({"role":"user","content":"my password is hunter2"},)"
    R"({"role":"assistant","content":null,"tool_calls":[{"id":"1","type":"function","function":{"name":"send_email","arguments":{"to":"eve@example.com","count":3,"cc":["a@b.c"]}}}]},)"
    R"({"role":"tool","tool_call_id":"1","content":[{"type":"text","text":"inbox: secret"}]}],"parameters":{"k":"v"}})";

std::string stored_body(AuditRedact mode, std::string body, std::string* redaction = nullptr) {
  TempDir dir;
  const auto path = dir.file("audit.db");
  CountingMetrics metrics;
  auto o = options(path);
  o.redact = mode;
  {
    SqliteAuditSink sink(o, metrics);
    sink.submit(record("r", body), {});
    sink.flush();
  }
  SqliteAuditStore store(path);
  auto e = store.find("r");
  EXPECT_TRUE(e);
  EXPECT_EQ(e->body_hash, inv::sha256_hex(body));  // always the hash of the body as received
  EXPECT_EQ(e->body_size, static_cast<std::int64_t>(body.size()));
  if (redaction) *redaction = e->redaction;
  return e->body ? *e->body : "<null>";
}

TEST(AuditSink, RedactionFullStoresTheBody) {
  std::string redaction;
  EXPECT_EQ(stored_body(AuditRedact::Full, kSecretBody, &redaction), kSecretBody);
  EXPECT_EQ(redaction, "full");
}

TEST(AuditSink, RedactionHashStoresOnlyTheHash) {
  std::string redaction;
  EXPECT_EQ(stored_body(AuditRedact::Hash, kSecretBody, &redaction), "<null>");
  EXPECT_EQ(redaction, "hash");
}

TEST(AuditSink, RedactionMaskKeepsTheStructure) {
  std::string redaction;
  const std::string stored = stored_body(AuditRedact::Mask, kSecretBody, &redaction);
  EXPECT_EQ(redaction, "mask");
  for (const char* secret : {"hunter2", "eve@example.com", "inbox: secret", "a@b.c"})
    EXPECT_EQ(stored.find(secret), std::string::npos) << secret << " in " << stored;
  auto v = json::parse(stored).as_object();
  EXPECT_EQ(v["policy"], json::parse(kSecretBody).as_object()["policy"]);  // the policy is kept
  EXPECT_EQ(v["parameters"], json::parse(R"({"k":"v"})"));
  const auto& trace = v["trace"].as_array();
  ASSERT_EQ(trace.size(), 3u);
  EXPECT_EQ(trace[0].at("role"), "user");
  EXPECT_EQ(trace[0].at("content"), "***");
  EXPECT_TRUE(trace[1].at("content").is_null());
  const auto& fn = trace[1].at("tool_calls").at(0).at("function");
  EXPECT_EQ(fn.at("name"), "send_email");  // which tool was called stays visible
  EXPECT_EQ(fn.at("arguments"), json::parse(R"({"to":"***","count":"***","cc":["***"]})"));
  EXPECT_EQ(trace[2].at("content"), json::parse(R"([{"type":"***","text":"***"}])"));
  EXPECT_EQ(trace[2].at("tool_call_id"), "1");
}

TEST(AuditSink, RedactionMaskOfANonJsonBodyKeepsOnlyTheHash) {
  std::string redaction;
  EXPECT_EQ(stored_body(AuditRedact::Mask, "not json {", &redaction), "<null>");
  EXPECT_EQ(redaction, "hash");
}

TEST(AuditSink, AFailedWriteIsReportedAndCounted) {
  TempDir dir;
  const auto path = dir.file("audit.db");
  CountingMetrics metrics;
  std::vector<std::string> log;
  std::mutex mu;
  SqliteAuditSink sink(options(path), metrics, [&](const std::string& line) {
    std::lock_guard lock(mu);
    log.push_back(line);
  });
  {
    Db other(path, Db::Mode::ReadWriteCreate);
    other.exec("DROP TABLE request_rules");
  }
  auto r = record("fails");
  r.facts.add_rule("a rule");
  std::atomic<int> outcome{-1};
  sink.submit(r, [&](AuditOutcome o) { outcome = static_cast<int>(o); });
  sink.flush();
  EXPECT_EQ(outcome.load(), static_cast<int>(AuditOutcome::Failed));
  EXPECT_EQ(metrics.errors.load(), 1u);
  EXPECT_EQ(sink.stats().failed, 1u);
  EXPECT_EQ(scalar(path, "SELECT count(*) FROM requests"), 0);  // the transaction was rolled back
  std::lock_guard lock(mu);
  ASSERT_FALSE(log.empty());
  EXPECT_NE(log.back().find("not stored"), std::string::npos);
}

TEST(AuditSink, RetentionDeletesOldRowsAndUnreferencedBodies) {
  TempDir dir;
  const auto path = dir.file("audit.db");
  CountingMetrics metrics;
  auto o = options(path);
  o.retention_days = 7;
  o.retention_interval = std::chrono::hours(1);
  o.retention_at_start = false;
  SqliteAuditSink sink(o, metrics);
  const std::int64_t day = 86'400'000;
  for (int i = 0; i < 30; ++i) {
    auto r = record("old" + std::to_string(i), "old body " + std::to_string(i), now_ms() - 8 * day - i);
    r.facts.add_rule("old rule");
    sink.submit(r, {});
  }
  sink.submit(record("shared-old", "shared body", now_ms() - 10 * day), {});
  sink.submit(record("shared-new", "shared body", now_ms() - 1 * day), {});
  sink.submit(record("new", "new body", now_ms()), {});
  sink.flush();
  EXPECT_EQ(scalar(path, "SELECT count(*) FROM requests"), 33);
  sink.run_retention();
  EXPECT_EQ(scalar(path, "SELECT count(*) FROM requests"), 2);
  EXPECT_EQ(scalar(path, "SELECT count(*) FROM requests WHERE decision_id IN ('shared-new', 'new')"), 2);
  EXPECT_EQ(scalar(path, "SELECT count(*) FROM request_bodies"), 2);  // 'shared body' is still referenced
  EXPECT_EQ(scalar(path, "SELECT count(*) FROM request_rules"), 0);   // cascaded with their rows
  EXPECT_EQ(sink.stats().retention_deleted, 31u);
  EXPECT_EQ(sink.stats().bodies_collected, 30u);
}

TEST(AuditSink, RetentionKeepsAtMostMaxRowsNewestFirst) {
  TempDir dir;
  const auto path = dir.file("audit.db");
  CountingMetrics metrics;
  auto o = options(path);
  o.max_rows = 3;
  o.retention_interval = std::chrono::hours(1);
  o.retention_at_start = false;
  SqliteAuditSink sink(o, metrics);
  for (int i = 0; i < 4500; ++i) sink.submit(record("r" + std::to_string(i), "body " + std::to_string(i % 10)), {});
  sink.flush();
  sink.run_retention();
  EXPECT_EQ(scalar(path, "SELECT count(*) FROM requests"), 3);
  EXPECT_EQ(scalar(path, "SELECT count(*) FROM requests WHERE decision_id IN ('r4497', 'r4498', 'r4499')"), 3);
  EXPECT_EQ(scalar(path, "SELECT count(*) FROM request_bodies"), 3);
}

TEST(AuditSink, RetentionRunsInTheBackground) {
  TempDir dir;
  const auto path = dir.file("audit.db");
  CountingMetrics metrics;
  auto o = options(path);
  o.max_rows = 2;
  o.retention_interval = std::chrono::milliseconds(50);
  SqliteAuditSink sink(o, metrics);
  for (int i = 0; i < 10; ++i) sink.submit(record("r" + std::to_string(i)), {});
  sink.flush();
  for (int i = 0; i < 100 && scalar(path, "SELECT count(*) FROM requests") > 2; ++i)
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  EXPECT_EQ(scalar(path, "SELECT count(*) FROM requests"), 2);
}

// ---- the store ----

class AuditStoreTest : public ::testing::Test {
 protected:
  void SetUp() override {
    path_ = dir_.file("audit.db");
    CountingMetrics metrics;
    SqliteAuditSink sink(options(path_), metrics);
    const std::int64_t t0 = 1'714'564'800'000;  // 2024-05-01T12:00:00Z
    for (int i = 0; i < 20; ++i) {
      auto r = record("d" + std::to_string(i), "body" + std::to_string(i), t0 + i * 60'000);
      r.path = i % 2 ? "/api/monitor/check" : "/api/policy/analyze";
      r.status = i % 5 == 0 ? 400 : 200;
      r.facts.policy_hash = i < 10 ? std::string(64, 'a') : std::string(64, 'b') + "," + std::string(64, 'c');
      if (i % 3 == 0) r.facts.add_rule(i % 2 ? "send email to eve" : "leaked secret");
      sink.submit(r, {});
    }
    sink.flush();
  }
  std::vector<std::string> ids(const AuditFilter& f) {
    SqliteAuditStore store(path_);
    std::vector<std::string> out;
    for (const auto& e : store.list(f, false)) out.push_back(e.decision_id);
    return out;
  }
  TempDir dir_;
  std::string path_;
};

TEST_F(AuditStoreTest, NewestFirstWithLimit) {
  AuditFilter f;
  f.limit = 3;
  EXPECT_EQ(ids(f), (std::vector<std::string>{"d19", "d18", "d17"}));
}

TEST_F(AuditStoreTest, Filters) {
  AuditFilter f;
  f.path = "/api/monitor/check";
  f.status = 400;
  EXPECT_EQ(ids(f), (std::vector<std::string>{"d15", "d5"}));
  f = {};
  f.rule = "email";
  EXPECT_EQ(ids(f), (std::vector<std::string>{"d15", "d9", "d3"}));
  f = {};
  f.has_violations = true;
  EXPECT_EQ(ids(f).size(), 7u);
  f.has_violations = false;
  EXPECT_EQ(ids(f).size(), 13u);
  f = {};
  f.policy_hash = std::string(64, 'c');  // the second policy of a batch
  EXPECT_EQ(ids(f).size(), 10u);
  f.policy_hash = std::string(64, 'a');
  EXPECT_EQ(ids(f).size(), 10u);
  f = {};
  f.since_ms = 1'714'564'800'000 + 5 * 60'000;
  f.until_ms = 1'714'564'800'000 + 8 * 60'000;
  EXPECT_EQ(ids(f), (std::vector<std::string>{"d7", "d6", "d5"}));
}

TEST_F(AuditStoreTest, PagesDoNotOverlap) {
  SqliteAuditStore store(path_);
  AuditFilter f;
  f.limit = 7;
  std::vector<std::string> all;
  for (;;) {
    auto page = store.list(f, false);
    for (const auto& e : page) all.push_back(e.decision_id);
    if (page.size() < f.limit) break;
    f.before_row = page.back().row;
  }
  ASSERT_EQ(all.size(), 20u);
  for (int i = 0; i < 20; ++i) EXPECT_EQ(all[i], "d" + std::to_string(19 - i));
}

}  // namespace
