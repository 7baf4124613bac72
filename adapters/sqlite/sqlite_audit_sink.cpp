#include "adapters/sqlite/sqlite_audit_sink.hpp"

#include "adapters/sqlite/sqlite_db.hpp"
#include "app/audit_redaction.hpp"
#include "domain/util/sha256.hpp"

namespace inv::adapters::sqlite {

using app::ports::AuditOutcome;
using app::ports::AuditRecord;
using clock_type = std::chrono::steady_clock;

namespace {
constexpr int kRetentionChunk = 2000;

std::int64_t now_unix_ms() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::system_clock::now().time_since_epoch())
      .count();
}
}  // namespace

struct SqliteAuditSink::Item {
  AuditRecord record;             // body moved out into `stored`
  std::string body_hash;
  std::size_t body_size = 0;
  std::optional<std::string> stored;
  const char* redaction = "full";
  Done done;                      // sync only
  std::uint64_t seq = 0;
};

// The writer thread's connection and prepared statements.
struct SqliteAuditSink::Writer {
  Db db;
  std::unique_ptr<Stmt> insert_body, insert_request, insert_rule;
  enum class Phase { Idle, Age, Rows, Bodies } phase = Phase::Idle;
  std::int64_t cutoff_ms = 0;
  std::int64_t row_threshold = 0;
  std::uint64_t run_deleted = 0;
  bool first_run = true;

  explicit Writer(const std::string& path) : db(path, Db::Mode::ReadWriteCreate) {}
};

SqliteAuditSink::SqliteAuditSink(AuditSinkOptions options, app::ports::Metrics& metrics,
                                 std::function<void(const std::string&)> log)
    : options_(std::move(options)), metrics_(metrics), log_(std::move(log)) {
  if (options_.queue_capacity == 0) options_.queue_capacity = 1;
  if (options_.max_batch == 0) options_.max_batch = 1;
  writer_ = std::make_unique<Writer>(options_.path);
  Db& db = writer_->db;
  {
    Stmt wal(db, "PRAGMA journal_mode=WAL");
    if (!wal.step() || wal.text(0) != "wal")
      throw Error("the audit database " + options_.path + " cannot use WAL mode (journal_mode: " +
                  wal.text(0) + ")");
  }
  db.exec(options_.sync ? "PRAGMA synchronous=FULL" : "PRAGMA synchronous=NORMAL");
  db.exec("PRAGMA foreign_keys=ON");
  apply_migrations(db);
  writer_->insert_body = std::make_unique<Stmt>(
      db, "INSERT OR IGNORE INTO request_bodies(hash, content, size, redaction) VALUES (?1, ?2, ?3, ?4)");
  writer_->insert_request = std::make_unique<Stmt>(
      db,
      "INSERT OR IGNORE INTO requests(decision_id, method, path, ip, user_agent, timestamp_start_ms, "
      "timestamp_end_ms, request_duration, body_hash, status_code, response, error_type, cache_hit, policy_hash, "
      "violations) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15)");
  writer_->insert_rule =
      std::make_unique<Stmt>(db, "INSERT INTO request_rules(request_id, rule, count) VALUES (?1, ?2, ?3)");
  thread_ = std::thread([this] { loop(); });
}

SqliteAuditSink::~SqliteAuditSink() {
  {
    std::lock_guard lock(mu_);
    stop_ = true;
  }
  has_work_.notify_all();
  has_room_.notify_all();
  if (thread_.joinable()) thread_.join();
}

void SqliteAuditSink::submit(AuditRecord record, Done done) {
  Item item;
  item.body_size = record.body.size();
  item.body_hash = sha256_hex(record.body);
  switch (options_.redact) {
    case app::AuditRedact::Full:
      item.stored = std::move(record.body);
      item.redaction = "full";
      break;
    case app::AuditRedact::Hash:
      item.redaction = "hash";
      break;
    case app::AuditRedact::Mask:
      item.stored = app::mask_trace_contents(record.body);
      item.redaction = item.stored ? "mask" : "hash";  // a body that is not a JSON object cannot be masked
      break;
  }
  record.body.clear();
  record.body.shrink_to_fit();
  item.record = std::move(record);

  std::unique_lock lock(mu_);
  if (!stop_ && queue_.size() >= options_.queue_capacity) {
    if (!options_.sync) {
      ++stats_.dropped;
      lock.unlock();
      metrics_.audit_dropped(1);
      if (done) done(AuditOutcome::Dropped);
      return;
    }
    has_room_.wait(lock, [&] { return stop_ || queue_.size() < options_.queue_capacity; });
  }
  if (stop_) {
    lock.unlock();
    if (done) done(options_.sync ? AuditOutcome::Failed : AuditOutcome::Dropped);
    return;
  }
  item.seq = ++submitted_;
  if (options_.sync) item.done = std::move(done);
  queue_.push_back(std::move(item));
  const std::size_t depth = queue_.size();
  lock.unlock();
  has_work_.notify_one();
  metrics_.audit_queue_depth(depth);
  if (!options_.sync && done) done(AuditOutcome::Queued);
}

void SqliteAuditSink::flush() {
  std::unique_lock lock(mu_);
  const std::uint64_t target = submitted_;
  progress_.wait(lock, [&] { return completed_ >= target; });
}

void SqliteAuditSink::run_retention() {
  std::unique_lock lock(mu_);
  const std::uint64_t runs = retention_runs_;
  retention_requested_ = true;
  has_work_.notify_one();
  progress_.wait(lock, [&] { return retention_runs_ > runs || stop_; });
}

AuditSinkStats SqliteAuditSink::stats() const {
  std::lock_guard lock(mu_);
  return stats_;
}

void SqliteAuditSink::loop() {
  const bool retention = options_.retention_days > 0 || options_.max_rows > 0;
  auto next_retention = !retention                      ? clock_type::time_point::max()
                        : options_.retention_at_start ? clock_type::now()
                                                      : clock_type::now() + options_.retention_interval;
  for (;;) {
    std::deque<Item> batch;
    bool start_run = false;
    {
      std::unique_lock lock(mu_);
      auto ready = [&] {
        return stop_ || !queue_.empty() || retention_requested_ || writer_->phase != Writer::Phase::Idle ||
               clock_type::now() >= next_retention;
      };
      if (next_retention == clock_type::time_point::max()) has_work_.wait(lock, ready);
      else has_work_.wait_until(lock, next_retention, ready);
      if (stop_ && queue_.empty()) break;
      if (!queue_.empty() && options_.before_batch) {
        lock.unlock();
        options_.before_batch();
        lock.lock();
      }
      while (!queue_.empty() && batch.size() < options_.max_batch) {
        batch.push_back(std::move(queue_.front()));
        queue_.pop_front();
      }
      if (writer_->phase == Writer::Phase::Idle && (retention_requested_ || clock_type::now() >= next_retention)) {
        start_run = true;
        retention_requested_ = false;
        if (retention) next_retention = clock_type::now() + options_.retention_interval;
      }
      if (!batch.empty()) metrics_.audit_queue_depth(queue_.size());
    }
    if (!batch.empty()) {
      has_room_.notify_all();
      write_batch(batch);
      std::lock_guard lock(mu_);
      completed_ = batch.back().seq;
      progress_.notify_all();
    }
    if (start_run) {
      writer_->phase = Writer::Phase::Age;
      writer_->run_deleted = 0;
      writer_->cutoff_ms = now_unix_ms() - static_cast<std::int64_t>(options_.retention_days) * 86'400'000;
    }
    // Writes first: one retention chunk per pass, and only when no batch was waiting.
    if (batch.empty() && writer_->phase != Writer::Phase::Idle) {
      bool more = true;
      try {
        more = retention_step();
      } catch (const std::exception& e) {
        if (log_) log_(std::string("audit log: retention failed: ") + e.what());
        more = false;
      }
      if (!more) {
        writer_->phase = Writer::Phase::Idle;
        if (log_ && writer_->run_deleted > 0)
          log_("audit log: retention deleted " + std::to_string(writer_->run_deleted) + " row(s)");
        std::lock_guard lock(mu_);
        ++retention_runs_;
        progress_.notify_all();
      }
    }
  }
  // Wake whoever still waits for a retention run.
  std::lock_guard lock(mu_);
  ++retention_runs_;
  progress_.notify_all();
}

void SqliteAuditSink::write_batch(std::deque<Item>& batch) {
  Writer& w = *writer_;
  const auto t0 = clock_type::now();
  bool ok = true;
  std::string error;
  try {
    w.db.exec("BEGIN IMMEDIATE");
    for (auto& item : batch) {
      const AuditRecord& r = item.record;
      Stmt& b = *w.insert_body;
      b.reset();
      b.bind(1, item.body_hash);
      if (item.stored) b.bind(2, *item.stored);
      else b.bind_null(2);
      b.bind(3, static_cast<std::int64_t>(item.body_size)).bind(4, std::string_view(item.redaction));
      b.step();
      Stmt& q = *w.insert_request;
      q.reset();
      q.bind(1, r.decision_id).bind(2, r.method).bind(3, r.path).bind(4, r.client_ip).bind(5, r.user_agent);
      q.bind(6, r.start_ms).bind(7, r.end_ms).bind(8, r.duration_seconds).bind(9, item.body_hash);
      q.bind(10, static_cast<std::int64_t>(r.status)).bind(11, r.response);
      if (r.error_type.empty()) q.bind_null(12);
      else q.bind(12, r.error_type);
      q.bind(13, static_cast<std::int64_t>(r.cache_hit ? 1 : 0));
      if (r.facts.policy_hash.empty()) q.bind_null(14);
      else q.bind(14, r.facts.policy_hash);
      q.bind(15, static_cast<std::int64_t>(r.facts.violations));
      q.step();
      if (w.db.changes() == 0) continue;  // the decision id is already recorded
      const std::int64_t row = w.db.last_insert_rowid();
      for (const auto& [message, count] : r.facts.rules) {
        Stmt& x = *w.insert_rule;
        x.reset();
        x.bind(1, row).bind(2, message).bind(3, static_cast<std::int64_t>(count));
        x.step();
      }
    }
    w.db.exec("COMMIT");
  } catch (const std::exception& e) {
    ok = false;
    error = e.what();
    try {
      w.db.exec("ROLLBACK");
    } catch (...) {
    }
  }
  const double seconds = std::chrono::duration<double>(clock_type::now() - t0).count();
  {
    std::lock_guard lock(mu_);
    if (ok) {
      stats_.written += batch.size();
      ++stats_.batches;
      stats_.largest_batch = std::max(stats_.largest_batch, batch.size());
    } else {
      stats_.failed += batch.size();
    }
  }
  if (ok) {
    metrics_.audit_batch(batch.size(), seconds);
  } else {
    metrics_.audit_write_error();
    if (log_) log_("audit log: a write failed, " + std::to_string(batch.size()) + " record(s) not stored: " + error);
  }
  for (auto& item : batch)
    if (item.done) item.done(ok ? AuditOutcome::Committed : AuditOutcome::Failed);
}

bool SqliteAuditSink::retention_step() {
  Writer& w = *writer_;
  using Phase = Writer::Phase;
  if (w.phase == Phase::Age) {
    if (options_.retention_days > 0) {
      Stmt del(w.db,
               "DELETE FROM requests WHERE id IN (SELECT id FROM requests WHERE timestamp_start_ms < ?1 "
               "ORDER BY id LIMIT ?2)");
      del.bind(1, w.cutoff_ms).bind(2, static_cast<std::int64_t>(kRetentionChunk));
      del.step();
      const int n = w.db.changes();
      w.run_deleted += static_cast<std::uint64_t>(n);
      if (n == kRetentionChunk) return true;
    }
    w.phase = Phase::Rows;
    w.row_threshold = 0;
    if (options_.max_rows > 0) {
      Stmt th(w.db, "SELECT id FROM requests ORDER BY id DESC LIMIT 1 OFFSET ?1");
      th.bind(1, static_cast<std::int64_t>(options_.max_rows));
      if (th.step()) w.row_threshold = th.int64(0);
    }
    return true;
  }
  if (w.phase == Phase::Rows) {
    if (w.row_threshold > 0) {
      Stmt del(w.db, "DELETE FROM requests WHERE id IN (SELECT id FROM requests WHERE id <= ?1 ORDER BY id LIMIT ?2)");
      del.bind(1, w.row_threshold).bind(2, static_cast<std::int64_t>(kRetentionChunk));
      del.step();
      const int n = w.db.changes();
      w.run_deleted += static_cast<std::uint64_t>(n);
      if (n == kRetentionChunk) return true;
    }
    const bool collect = w.run_deleted > 0 || w.first_run;
    w.first_run = false;
    {
      std::lock_guard lock(mu_);
      stats_.retention_deleted += w.run_deleted;
    }
    if (!collect) return false;
    w.phase = Phase::Bodies;
    return true;
  }
  if (w.phase == Phase::Bodies) {
    Stmt gc(w.db,
            "DELETE FROM request_bodies WHERE hash IN (SELECT b.hash FROM request_bodies b WHERE NOT EXISTS "
            "(SELECT 1 FROM requests r WHERE r.body_hash = b.hash) LIMIT ?1)");
    gc.bind(1, static_cast<std::int64_t>(kRetentionChunk));
    gc.step();
    const int n = w.db.changes();
    {
      std::lock_guard lock(mu_);
      stats_.bodies_collected += static_cast<std::uint64_t>(n);
    }
    return n == kRetentionChunk;
  }
  return false;
}

}  // namespace inv::adapters::sqlite
