// Small RAII wrappers over the SQLite C API used by the audit adapters, and the schema migrations of the
// audit database: a schema_version table records each applied migration; apply_migrations() applies the
// missing ones in order, each in its own IMMEDIATE transaction (so two processes starting at once do
// not apply one twice) and refuses a database whose version is newer than the binary's.
//
// Thread-safety: a Db and its statements are used by one thread at a time.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <stdexcept>
#include <string>
#include <string_view>

#include "adapters/sqlite/migrations.hpp"

struct sqlite3;
struct sqlite3_stmt;

namespace inv::adapters::sqlite {

// Every SQLite failure, with the database's message.
class Error : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};
// The database was written by a newer binary (or is older than the reader understands).
class SchemaMismatch : public Error {
 public:
  using Error::Error;
};

class Db {
 public:
  enum class Mode { ReadWriteCreate, ReadOnly };
  Db(const std::string& path, Mode mode);
  ~Db();
  Db(const Db&) = delete;
  Db& operator=(const Db&) = delete;

  void exec(const char* sql);              // one or more statements, no results
  sqlite3* handle() const { return db_; }
  const std::string& path() const { return path_; }
  [[noreturn]] void fail(const std::string& what) const;
  std::int64_t last_insert_rowid() const;
  int changes() const;

 private:
  sqlite3* db_ = nullptr;
  std::string path_;
};

class Stmt {
 public:
  Stmt(Db& db, const char* sql);
  ~Stmt();
  Stmt(const Stmt&) = delete;
  Stmt& operator=(const Stmt&) = delete;

  Stmt& bind(int i, std::int64_t v);
  Stmt& bind(int i, double v);
  Stmt& bind(int i, std::string_view v);   // copied by SQLite (SQLITE_TRANSIENT)
  Stmt& bind_null(int i);
  bool step();                             // true: a row is available; false: done. Throws on error.
  void reset();                            // resets and clears the bindings

  std::int64_t int64(int col) const;
  double real(int col) const;
  std::string text(int col) const;
  bool is_null(int col) const;

 private:
  Db& db_;
  sqlite3_stmt* st_ = nullptr;
};

// The newest schema version this binary knows (the last embedded migration).
int latest_schema_version();
// The applied version of an open database (0: no schema_version table).
int schema_version(Db& db);
// Applies the missing migrations. Throws SchemaMismatch with a clear message when the database is newer
// than the binary. Returns the version afterwards.
int apply_migrations(Db& db, std::span<const Migration> migrations = embedded_migrations());
// For readers: throws SchemaMismatch unless the database's version is exactly the binary's.
void require_current_schema(Db& db);

}  // namespace inv::adapters::sqlite
