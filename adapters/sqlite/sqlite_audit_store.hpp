// The audit store on SQLite: read-only queries over the audit database (the query API of `invariant
// serve` and `invariant audit`). The connection is opened read-only, so a reader can never change the
// log; in WAL mode it reads while the server writes.
//
// Thread-safety: calls are serialised by a mutex (one connection).
#pragma once

#include <memory>
#include <mutex>
#include <string>

#include "app/ports/audit_store.hpp"

namespace inv::adapters::sqlite {

class Db;

class SqliteAuditStore final : public app::ports::AuditStore {
 public:
  // Throws sqlite::Error when the file does not exist or cannot be opened, SchemaMismatch when its schema
  // is not this binary's.
  explicit SqliteAuditStore(const std::string& path);
  ~SqliteAuditStore() override;

  std::vector<app::ports::AuditEntry> list(const app::ports::AuditFilter& filter, bool with_bodies) override;
  std::optional<app::ports::AuditEntry> find(const std::string& decision_id) override;

 private:
  std::mutex mu_;
  std::unique_ptr<Db> db_;
};

}  // namespace inv::adapters::sqlite
