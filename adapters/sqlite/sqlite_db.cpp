#include "adapters/sqlite/sqlite_db.hpp"

#include <sqlite3.h>

#include <chrono>

namespace inv::adapters::sqlite {

Db::Db(const std::string& path, Mode mode) : path_(path) {
  const int flags = mode == Mode::ReadOnly ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE;
  int rc = sqlite3_open_v2(path.c_str(), &db_, flags | SQLITE_OPEN_NOMUTEX, nullptr);
  if (rc != SQLITE_OK) {
    std::string msg = db_ ? sqlite3_errmsg(db_) : sqlite3_errstr(rc);
    sqlite3_close(db_);
    db_ = nullptr;
    throw Error("cannot open the audit database " + path + ": " + msg);
  }
  sqlite3_extended_result_codes(db_, 1);
  sqlite3_busy_timeout(db_, 10000);
}

Db::~Db() { sqlite3_close_v2(db_); }

void Db::fail(const std::string& what) const {
  throw Error(what + " (" + path_ + "): " + sqlite3_errmsg(db_));
}

void Db::exec(const char* sql) {
  char* err = nullptr;
  if (sqlite3_exec(db_, sql, nullptr, nullptr, &err) != SQLITE_OK) {
    std::string msg = err ? err : sqlite3_errmsg(db_);
    sqlite3_free(err);
    throw Error("audit database " + path_ + ": " + msg);
  }
}

std::int64_t Db::last_insert_rowid() const { return sqlite3_last_insert_rowid(db_); }
int Db::changes() const { return sqlite3_changes(db_); }

Stmt::Stmt(Db& db, const char* sql) : db_(db) {
  if (sqlite3_prepare_v3(db.handle(), sql, -1, SQLITE_PREPARE_PERSISTENT, &st_, nullptr) != SQLITE_OK)
    db.fail(std::string("cannot prepare ") + sql);
}
Stmt::~Stmt() { sqlite3_finalize(st_); }

Stmt& Stmt::bind(int i, std::int64_t v) {
  sqlite3_bind_int64(st_, i, v);
  return *this;
}
Stmt& Stmt::bind(int i, double v) {
  sqlite3_bind_double(st_, i, v);
  return *this;
}
Stmt& Stmt::bind(int i, std::string_view v) {
  sqlite3_bind_text64(st_, i, v.data(), v.size(), SQLITE_TRANSIENT, SQLITE_UTF8);
  return *this;
}
Stmt& Stmt::bind_null(int i) {
  sqlite3_bind_null(st_, i);
  return *this;
}

bool Stmt::step() {
  int rc = sqlite3_step(st_);
  if (rc == SQLITE_ROW) return true;
  if (rc == SQLITE_DONE) return false;
  std::string msg = sqlite3_errmsg(db_.handle());
  sqlite3_reset(st_);
  throw Error("audit database " + db_.path() + ": " + msg);
}

void Stmt::reset() {
  sqlite3_reset(st_);
  sqlite3_clear_bindings(st_);
}

std::int64_t Stmt::int64(int col) const { return sqlite3_column_int64(st_, col); }
double Stmt::real(int col) const { return sqlite3_column_double(st_, col); }
std::string Stmt::text(int col) const {
  auto* p = reinterpret_cast<const char*>(sqlite3_column_text(st_, col));
  return p ? std::string(p, static_cast<std::size_t>(sqlite3_column_bytes(st_, col))) : std::string();
}
bool Stmt::is_null(int col) const { return sqlite3_column_type(st_, col) == SQLITE_NULL; }

int latest_schema_version() {
  auto m = embedded_migrations();
  return m.empty() ? 0 : m.back().version;
}

int schema_version(Db& db) {
  Stmt has(db, "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'schema_version'");
  if (!has.step()) return 0;
  Stmt v(db, "SELECT COALESCE(MAX(version), 0) FROM schema_version");
  v.step();
  return static_cast<int>(v.int64(0));
}

namespace {
std::string too_new(const Db& db, int found, int known) {
  return "the audit database " + db.path() + " has schema version " + std::to_string(found) +
         ", newer than this invariant binary understands (up to version " + std::to_string(known) +
         "): it was written by a newer release. Run that release, or use another INVARIANT_DATA_DIR.";
}
}  // namespace

int apply_migrations(Db& db, std::span<const Migration> migrations) {
  const int known = migrations.empty() ? 0 : migrations.back().version;
  db.exec(
      "CREATE TABLE IF NOT EXISTS schema_version ("
      " version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at_ms INTEGER NOT NULL)");
  int current = schema_version(db);
  if (current > known) throw SchemaMismatch(too_new(db, current, known));
  for (const auto& m : migrations) {
    if (m.version <= current) continue;
    db.exec("BEGIN IMMEDIATE");
    try {
      // Another process may have applied it between our check and the lock.
      Stmt done(db, "SELECT 1 FROM schema_version WHERE version = ?");
      done.bind(1, static_cast<std::int64_t>(m.version));
      if (!done.step()) {
        db.exec(m.sql);
        Stmt ins(db, "INSERT INTO schema_version(version, name, applied_at_ms) VALUES (?, ?, ?)");
        ins.bind(1, static_cast<std::int64_t>(m.version))
            .bind(2, std::string_view(m.name))
            .bind(3, static_cast<std::int64_t>(std::chrono::duration_cast<std::chrono::milliseconds>(
                                                   std::chrono::system_clock::now().time_since_epoch())
                                                   .count()));
        ins.step();
      }
      db.exec("COMMIT");
    } catch (const std::exception& e) {
      try {
        db.exec("ROLLBACK");
      } catch (...) {
      }
      throw Error("audit database " + db.path() + ": migration " + m.name + " failed: " + e.what());
    }
    current = m.version;
  }
  return schema_version(db);
}

void require_current_schema(Db& db) {
  const int v = schema_version(db), known = latest_schema_version();
  if (v == 0) throw SchemaMismatch("the file " + db.path() + " is not an invariant audit database (no schema_version table)");
  if (v > known) throw SchemaMismatch(too_new(db, v, known));
  if (v < known)
    throw SchemaMismatch("the audit database " + db.path() + " has schema version " + std::to_string(v) +
                         ", older than this binary's (" + std::to_string(known) +
                         "): start `invariant serve` on it once to migrate it");
}

}  // namespace inv::adapters::sqlite
