#include "adapters/sqlite/sqlite_audit_store.hpp"

#include <filesystem>

#include "adapters/sqlite/sqlite_db.hpp"

namespace inv::adapters::sqlite {

using app::ports::AuditEntry;
using app::ports::AuditFilter;

namespace {
const char* kColumns =
    "SELECT r.id, r.decision_id, r.method, r.path, r.ip, r.user_agent, r.timestamp_start_ms, r.timestamp_end_ms, "
    "r.request_duration, r.status_code, r.error_type, r.cache_hit, r.policy_hash, r.violations, r.body_hash, "
    "b.size, b.redaction, b.content, r.response FROM requests r LEFT JOIN request_bodies b ON b.hash = r.body_hash ";

AuditEntry read_entry(Stmt& s, bool with_bodies) {
  AuditEntry e;
  e.row = s.int64(0);
  e.decision_id = s.text(1);
  e.method = s.text(2);
  e.path = s.text(3);
  e.client_ip = s.text(4);
  e.user_agent = s.text(5);
  e.start_ms = s.int64(6);
  e.end_ms = s.int64(7);
  e.duration_seconds = s.real(8);
  e.status = static_cast<int>(s.int64(9));
  e.error_type = s.text(10);
  e.cache_hit = s.int64(11) != 0;
  e.policy_hash = s.text(12);
  e.violations = s.int64(13);
  e.body_hash = s.text(14);
  e.body_size = s.int64(15);
  if (with_bodies) {
    e.redaction = s.text(16);
    if (!s.is_null(17)) e.body = s.text(17);
    e.response = s.text(18);
  }
  return e;
}

void read_rules(Db& db, std::vector<AuditEntry>& entries) {
  Stmt rules(db, "SELECT rule, count FROM request_rules WHERE request_id = ?1 ORDER BY rowid");
  for (auto& e : entries) {
    rules.reset();
    rules.bind(1, e.row);
    while (rules.step()) e.rules.emplace_back(rules.text(0), rules.int64(1));
  }
}
}  // namespace

SqliteAuditStore::SqliteAuditStore(const std::string& path) {
  if (!std::filesystem::is_regular_file(path)) throw Error("no audit database at " + path);
  db_ = std::make_unique<Db>(path, Db::Mode::ReadOnly);
  require_current_schema(*db_);
}

SqliteAuditStore::~SqliteAuditStore() = default;

std::vector<AuditEntry> SqliteAuditStore::list(const AuditFilter& f, bool with_bodies) {
  std::string sql = kColumns;
  sql += "WHERE 1";
  int n = 0;
  if (f.since_ms) sql += " AND r.timestamp_start_ms >= ?" + std::to_string(++n);
  if (f.until_ms) sql += " AND r.timestamp_start_ms < ?" + std::to_string(++n);
  if (f.path) sql += " AND r.path = ?" + std::to_string(++n);
  if (f.status) sql += " AND r.status_code = ?" + std::to_string(++n);
  if (f.policy_hash) {
    ++n;
    sql += " AND (r.policy_hash = ?" + std::to_string(n) + " OR (instr(r.policy_hash, ',') > 0 AND instr(r.policy_hash, ?" +
           std::to_string(n) + ") > 0))";
  }
  if (f.has_violations) sql += *f.has_violations ? " AND r.violations > 0" : " AND r.violations = 0";
  if (f.rule)
    sql += " AND EXISTS (SELECT 1 FROM request_rules x WHERE x.request_id = r.id AND instr(x.rule, ?" +
           std::to_string(++n) + ") > 0)";
  if (f.before_row) sql += " AND r.id < ?" + std::to_string(++n);
  sql += " ORDER BY r.id DESC";
  if (f.limit > 0) sql += " LIMIT ?" + std::to_string(++n);

  std::lock_guard lock(mu_);
  Stmt s(*db_, sql.c_str());
  int i = 0;
  if (f.since_ms) s.bind(++i, *f.since_ms);
  if (f.until_ms) s.bind(++i, *f.until_ms);
  if (f.path) s.bind(++i, *f.path);
  if (f.status) s.bind(++i, static_cast<std::int64_t>(*f.status));
  if (f.policy_hash) s.bind(++i, *f.policy_hash);
  if (f.rule) s.bind(++i, *f.rule);
  if (f.before_row) s.bind(++i, *f.before_row);
  if (f.limit > 0) s.bind(++i, static_cast<std::int64_t>(f.limit));
  std::vector<AuditEntry> out;
  while (s.step()) out.push_back(read_entry(s, with_bodies));
  read_rules(*db_, out);
  return out;
}

std::optional<AuditEntry> SqliteAuditStore::find(const std::string& decision_id) {
  std::lock_guard lock(mu_);
  Stmt s(*db_, (std::string(kColumns) + "WHERE r.decision_id = ?1").c_str());
  s.bind(1, decision_id);
  if (!s.step()) return std::nullopt;
  std::vector<AuditEntry> one{read_entry(s, true)};
  read_rules(*db_, one);
  return std::move(one.front());
}

}  // namespace inv::adapters::sqlite
