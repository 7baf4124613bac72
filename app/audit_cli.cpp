#include "app/audit_cli.hpp"

#include <ostream>

#include <boost/json.hpp>

#include "app/audit_queries.hpp"
#include "app/cli.hpp"

namespace inv::app {

namespace json = boost::json;

std::string audit_usage_text() {
  return
      "usage: invariant audit list   [--db PATH] [FILTERS] [--limit N] [--cursor C] [--json]\n"
      "       invariant audit show   [--db PATH] DECISION_ID\n"
      "       invariant audit export [--db PATH] [FILTERS] [--limit N]\n"
      "\n"
      "Reads the audit log (opened read-only; default $INVARIANT_DATA_DIR/audit.db, ./data/audit.db).\n"
      "  list    newest first, one line per decision (time, decision id, status, path, violations, rules);\n"
      "          --json prints the query API's page ({\"decisions\", \"next_cursor\"}); default limit 100\n"
      "  show    one decision with its request body and response, as JSON\n"
      "  export  every matching decision with bodies, as JSON lines (newest first)\n"
      "\n"
      "filters (as GET /api/audit/decisions):\n"
      "  --since T, --until T        RFC 3339 (2024-05-01T12:00:00Z) or Unix seconds\n"
      "  --path P                    /api/policy/analyze, /api/monitor/check, ...\n"
      "  --status N                  HTTP status\n"
      "  --policy-hash H             SHA-256 of the policy text\n"
      "  --has-violations true|false\n"
      "  --rule TEXT                 a violated rule's message contains TEXT\n";
}

namespace {
int usage(std::ostream& err, const std::string& message) {
  err << "invariant audit: " << message << "\n" << audit_usage_text();
  return kExitUsage;
}
}  // namespace

int run_audit_cli(const std::vector<std::string>& args, const std::string& default_db,
                  const AuditStoreFactory& open_store, std::ostream& out, std::ostream& err) {
  if (args.empty()) return usage(err, "missing subcommand (list, show, export)");
  const std::string& cmd = args[0];
  if (cmd == "--help" || cmd == "-h" || cmd == "help") {
    out << audit_usage_text();
    return kExitOk;
  }
  if (cmd != "list" && cmd != "show" && cmd != "export") return usage(err, "unknown subcommand '" + cmd + "'");
  std::string db = default_db;
  bool as_json = false;
  QueryParams params;
  std::vector<std::string> positional;
  for (std::size_t i = 1; i < args.size(); ++i) {
    std::string a = args[i];
    if (a.rfind("--", 0) != 0) {
      positional.push_back(a);
      continue;
    }
    if (a == "--json") {
      as_json = true;
      continue;
    }
    std::string value;
    auto eq = a.find('=');
    if (eq != std::string::npos) {
      value = a.substr(eq + 1);
      a = a.substr(0, eq);
    } else {
      if (i + 1 >= args.size()) return usage(err, a + " needs a value");
      value = args[++i];
    }
    std::string name = a.substr(2);
    for (auto& c : name)
      if (c == '-') c = '_';
    if (name == "db") db = value;
    else params.emplace_back(name, value);
  }

  std::unique_ptr<ports::AuditStore> store;
  auto open = [&]() -> bool {
    try {
      store = open_store(db);
      return true;
    } catch (const std::exception& e) {
      err << "invariant audit: " << e.what() << "\n";
      return false;
    }
  };

  if (cmd == "show") {
    if (positional.size() != 1 || !params.empty()) return usage(err, "show takes one decision id (and --db)");
    if (!open()) return kExitUnavailable;
    auto entry = store->find(positional[0]);
    if (!entry) {
      err << "invariant audit: no decision with id '" << positional[0] << "' in " << db << "\n";
      return kExitRejected;
    }
    out << json::serialize(audit_entry_json(*entry, true)) << "\n";
    return kExitOk;
  }
  if (!positional.empty()) return usage(err, "unexpected argument '" + positional[0] + "'");
  FilterError ferr;
  auto filter = parse_audit_filter(params, ferr, cmd == "export" ? 0 : kAuditMaxLimit);
  if (!filter) return usage(err, "--" + ferr.parameter + ": " + ferr.message);
  if (!open()) return kExitUnavailable;

  if (cmd == "export") {
    // Pages of 500 keep memory bounded however large the log is.
    std::size_t left = filter->limit;  // 0: everything
    ports::AuditFilter page = *filter;
    for (;;) {
      page.limit = left == 0 ? 500 : std::min<std::size_t>(left, 500);
      auto rows = store->list(page, true);
      for (const auto& e : rows) out << json::serialize(audit_entry_json(e, true)) << "\n";
      if (rows.size() < page.limit) break;
      if (left) {
        left -= rows.size();
        if (left == 0) break;
      }
      page.before_row = rows.back().row;
    }
    return kExitOk;
  }

  const std::size_t limit = filter->limit;
  filter->limit = limit + 1;
  auto rows = store->list(*filter, false);
  const bool more = rows.size() > limit;
  if (more) rows.resize(limit);
  if (as_json) {
    json::array items;
    for (const auto& e : rows) items.push_back(audit_entry_json(e, false));
    json::object page;
    page["decisions"] = std::move(items);
    page["next_cursor"] = more ? json::value(encode_cursor(rows.back().row)) : json::value(nullptr);
    out << json::serialize(page) << "\n";
    return kExitOk;
  }
  for (const auto& e : rows) {
    out << format_audit_time(e.start_ms) << "  " << e.decision_id << "  " << e.status << "  " << e.path << "  "
        << e.violations;
    for (std::size_t i = 0; i < e.rules.size(); ++i)
      out << (i ? "; " : "  ") << e.rules[i].first << " (" << e.rules[i].second << ")";
    out << "\n";
  }
  if (more) out << "more: --cursor " << encode_cursor(rows.back().row) << "\n";
  return kExitOk;
}

}  // namespace inv::app
