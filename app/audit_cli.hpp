// `invariant audit list|show|export`: reads the audit database file (read-only) with the same filters as
// GET /api/audit/decisions, given as flags (--since, --until, --path, --status, --policy-hash,
// --has-violations, --rule, --limit, --cursor). The store comes from a factory so that the app layer does
// not know SQLite (main.cpp passes the SQLite adapter).
#pragma once

#include <functional>
#include <iosfwd>
#include <memory>
#include <string>
#include <vector>

#include "app/ports/audit_store.hpp"

namespace inv::app {

using AuditStoreFactory = std::function<std::unique_ptr<ports::AuditStore>(const std::string& path)>;

// args exclude "audit". `default_db` is $INVARIANT_DATA_DIR/audit.db. Exit codes: 0 done, 1 `show` of an
// unknown decision, 2 usage or a bad filter, 5 the database cannot be opened (missing, not an audit
// database, newer schema).
int run_audit_cli(const std::vector<std::string>& args, const std::string& default_db,
                  const AuditStoreFactory& open_store, std::ostream& out, std::ostream& err);

std::string audit_usage_text();

}  // namespace inv::app
