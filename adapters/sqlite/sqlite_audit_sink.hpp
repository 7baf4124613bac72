// The audit sink on SQLite: the database file is opened (created on first start), migrated and put in
// WAL mode; one writer thread takes the queued records in batches (up to `max_batch` per transaction:
// group commit, so concurrent requests share one fsync) and runs the retention in the background.
//
// Durability (app/ports/audit_sink.hpp): sync mode answers `done` after COMMIT with synchronous=FULL (a
// committed row survives a process crash and a power loss); async mode answers at once, drops records when
// the bounded queue is full and commits with synchronous=NORMAL (survives a process crash; a power loss
// may lose the last transactions). Redaction (full|hash|mask) and the body hash are computed on the
// submitting thread, so the writer only writes.
//
// Retention (when retention_days or max_rows is set): at start and every `retention_interval`, rows older
// than retention_days and the oldest rows beyond max_rows are deleted in chunks of 2000 (queued records
// are written between chunks), then request bodies no row refers to any more.
//
// Thread-safety: submit()/flush()/run_retention() from any thread. The destructor writes what is queued
// and stops the writer.
#pragma once

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>

#include "app/config.hpp"
#include "app/ports/audit_sink.hpp"
#include "app/ports/metrics.hpp"

namespace inv::adapters::sqlite {

struct AuditSinkOptions {
  std::string path;                                   // the database file
  bool sync = true;
  std::size_t queue_capacity = 4096;
  std::size_t max_batch = 512;                        // records per transaction
  app::AuditRedact redact = app::AuditRedact::Full;
  std::size_t retention_days = 0;                     // 0: keep
  std::size_t max_rows = 0;                           // 0: unbounded
  std::chrono::milliseconds retention_interval{60000};
  bool retention_at_start = true;                     // false: the first run after one interval
  // Tests: pause the writer before each batch until this returns (lets a test fill the queue).
  std::function<void()> before_batch;
};

struct AuditSinkStats {
  std::uint64_t written = 0;    // rows committed
  std::uint64_t dropped = 0;    // async: rejected by a full queue
  std::uint64_t failed = 0;     // records whose transaction failed
  std::uint64_t batches = 0;    // committed transactions
  std::size_t largest_batch = 0;
  std::uint64_t retention_deleted = 0;  // rows deleted by the retention
  std::uint64_t bodies_collected = 0;   // unreferenced bodies deleted
};

class SqliteAuditSink final : public app::ports::AuditSink {
 public:
  // Opens/creates and migrates the database; throws sqlite::Error / SchemaMismatch (the message is meant
  // for the operator). `log` receives one line per notable event (write errors, retention).
  SqliteAuditSink(AuditSinkOptions options, app::ports::Metrics& metrics,
                  std::function<void(const std::string&)> log = {});
  ~SqliteAuditSink() override;

  void submit(app::ports::AuditRecord record, Done done) override;
  void flush() override;
  // Runs the retention now (on the writer thread) and waits for it to finish.
  void run_retention();
  AuditSinkStats stats() const;
  const AuditSinkOptions& options() const { return options_; }

 private:
  struct Item;
  struct Writer;
  void loop();
  void write_batch(std::deque<Item>& batch);
  bool retention_step();  // one chunk; false when nothing is left to do

  AuditSinkOptions options_;
  app::ports::Metrics& metrics_;
  std::function<void(const std::string&)> log_;
  std::unique_ptr<Writer> writer_;

  mutable std::mutex mu_;
  std::condition_variable has_work_;
  std::condition_variable has_room_;
  std::condition_variable progress_;
  std::deque<Item> queue_;
  std::uint64_t submitted_ = 0;   // sequence of the last accepted record
  std::uint64_t completed_ = 0;   // sequence of the last written (or failed) record
  bool stop_ = false;
  bool retention_requested_ = false;
  std::uint64_t retention_runs_ = 0;
  AuditSinkStats stats_;
  std::thread thread_;
};

}  // namespace inv::adapters::sqlite
