#include "app/audit_queries.hpp"

#include <charconv>
#include <cmath>
#include <cstdio>

#include <boost/json.hpp>

namespace inv::app {

namespace json = boost::json;

namespace {
int hex_digit(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

bool all_digits(std::string_view s) {
  if (s.empty()) return false;
  for (char c : s)
    if (c < '0' || c > '9') return false;
  return true;
}

std::optional<long long> to_int(std::string_view s) {
  long long v = 0;
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc() || p != s.data() + s.size()) return std::nullopt;
  return v;
}

// Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's algorithm).
long long days_from_civil(long long y, unsigned m, unsigned d) {
  y -= m <= 2;
  const long long era = (y >= 0 ? y : y - 399) / 400;
  const unsigned yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<long long>(doe) - 719468;
}

void civil_from_days(long long z, long long& y, unsigned& m, unsigned& d) {
  z += 719468;
  const long long era = (z >= 0 ? z : z - 146096) / 146097;
  const unsigned doe = static_cast<unsigned>(z - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  y = static_cast<long long>(yoe) + era * 400;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  d = doy - (153 * mp + 2) / 5 + 1;
  m = mp < 10 ? mp + 3 : mp - 9;
  y += m <= 2;
}

bool is_hex64(std::string_view s) {
  if (s.size() != 64) return false;
  for (char c : s)
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return false;
  return true;
}

ApiResponse bad_filter(const FilterError& e) {
  ApiResponse r;
  r.status = 400;
  r.error_type = "InvalidRequest";
  r.body = error_json("InvalidRequest", e.message, e.parameter);
  return r;
}

json::value stored_json(const std::string& text) {
  boost::system::error_code ec;
  json::value v = json::parse(text, ec);
  if (ec) return json::string(text);
  return v;
}
}  // namespace

std::optional<std::string> percent_decode(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '+') {
      out += ' ';
    } else if (s[i] == '%') {
      if (i + 2 >= s.size()) return std::nullopt;
      int hi = hex_digit(s[i + 1]), lo = hex_digit(s[i + 2]);
      if (hi < 0 || lo < 0) return std::nullopt;
      out += static_cast<char>(hi * 16 + lo);
      i += 2;
    } else {
      out += s[i];
    }
  }
  return out;
}

std::optional<QueryParams> parse_query_string(std::string_view query) {
  QueryParams out;
  while (!query.empty()) {
    auto amp = query.find('&');
    std::string_view part = query.substr(0, amp);
    if (!part.empty()) {
      auto eq = part.find('=');
      auto key = percent_decode(part.substr(0, eq));
      auto value = percent_decode(eq == std::string_view::npos ? std::string_view() : part.substr(eq + 1));
      if (!key || !value) return std::nullopt;
      out.emplace_back(std::move(*key), std::move(*value));
    }
    if (amp == std::string_view::npos) break;
    query.remove_prefix(amp + 1);
  }
  return out;
}

std::optional<std::int64_t> parse_audit_time(std::string_view t) {
  // Unix seconds, optionally with a fraction.
  auto dot = t.find('.');
  if (all_digits(t.substr(0, dot)) && t.size() <= 24) {
    std::string_view frac = dot == std::string_view::npos ? std::string_view() : t.substr(dot + 1);
    if (dot != std::string_view::npos && !all_digits(frac)) return std::nullopt;
    auto secs = to_int(t.substr(0, dot));
    if (!secs || *secs > 253402300799LL) return std::nullopt;  // 9999-12-31
    std::int64_t ms = *secs * 1000;
    for (std::size_t i = 0, scale = 100; i < frac.size() && i < 3; ++i, scale /= 10)
      ms += (frac[i] - '0') * static_cast<std::int64_t>(scale);
    return ms;
  }
  // RFC 3339: YYYY-MM-DD[Tt ]HH:MM:SS[.frac](Z|z|+HH:MM|-HH:MM)
  if (t.size() < 20) return std::nullopt;
  auto num = [&](std::size_t pos, std::size_t len) -> long long {
    auto s = t.substr(pos, len);
    if (!all_digits(s)) return -1;
    return *to_int(s);
  };
  if (t[4] != '-' || t[7] != '-' || (t[10] != 'T' && t[10] != 't' && t[10] != ' ') || t[13] != ':' ||
      t[16] != ':')
    return std::nullopt;
  long long y = num(0, 4), mo = num(5, 2), d = num(8, 2), h = num(11, 2), mi = num(14, 2), s = num(17, 2);
  if (y < 0 || mo < 1 || mo > 12 || d < 1 || h < 0 || h > 23 || mi < 0 || mi > 59 || s < 0 || s > 60)
    return std::nullopt;
  static const int kDays[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  const bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
  if (d > kDays[mo - 1] || (mo == 2 && d == 29 && !leap)) return std::nullopt;
  std::size_t i = 19;
  std::int64_t ms = 0;
  if (i < t.size() && t[i] == '.') {
    std::size_t start = ++i;
    while (i < t.size() && t[i] >= '0' && t[i] <= '9') ++i;
    if (i == start) return std::nullopt;
    for (std::size_t k = start, scale = 100; k < i && k < start + 3; ++k, scale /= 10)
      ms += (t[k] - '0') * static_cast<std::int64_t>(scale);
  }
  long long offset_min = 0;
  std::string_view zone = t.substr(i);
  if (zone == "Z" || zone == "z") {
    offset_min = 0;
  } else if (zone.size() == 6 && (zone[0] == '+' || zone[0] == '-') && zone[3] == ':') {
    long long oh = num(i + 1, 2), om = num(i + 4, 2);
    if (oh < 0 || oh > 23 || om < 0 || om > 59) return std::nullopt;
    offset_min = (zone[0] == '+' ? 1 : -1) * (oh * 60 + om);
  } else {
    return std::nullopt;
  }
  long long days = days_from_civil(y, static_cast<unsigned>(mo), static_cast<unsigned>(d));
  long long secs = days * 86400 + h * 3600 + mi * 60 + (s == 60 ? 59 : s) - offset_min * 60;
  return secs * 1000 + ms;
}

std::string format_audit_time(std::int64_t unix_ms) {
  long long secs = unix_ms >= 0 ? unix_ms / 1000 : (unix_ms - 999) / 1000;
  long long ms = unix_ms - secs * 1000;
  long long days = secs >= 0 ? secs / 86400 : (secs - 86399) / 86400;
  long long rem = secs - days * 86400;
  long long y;
  unsigned m, d;
  civil_from_days(days, y, m, d);
  char buf[96];
  std::snprintf(buf, sizeof buf, "%04lld-%02u-%02uT%02lld:%02lld:%02lld.%03lldZ", y, m, d, rem / 3600,
                rem / 60 % 60, rem % 60, ms);
  return buf;
}

// The cursor names the last row of a page; it is opaque to clients ("c" + the row in base 36) and only
// valid for the same filters.
std::string encode_cursor(std::int64_t row) {
  static const char* digits = "0123456789abcdefghijklmnopqrstuvwxyz";
  std::string s;
  auto v = static_cast<unsigned long long>(row);
  do {
    s.insert(s.begin(), digits[v % 36]);
    v /= 36;
  } while (v);
  return "c" + s;
}

std::optional<std::int64_t> decode_cursor(std::string_view c) {
  if (c.size() < 2 || c.size() > 14 || c[0] != 'c') return std::nullopt;
  std::int64_t v = 0;
  for (char ch : c.substr(1)) {
    int d = ch >= '0' && ch <= '9' ? ch - '0' : ch >= 'a' && ch <= 'z' ? ch - 'a' + 10 : -1;
    if (d < 0) return std::nullopt;
    v = v * 36 + d;
  }
  return v;
}

std::optional<ports::AuditFilter> parse_audit_filter(const QueryParams& params, FilterError& error,
                                                     std::size_t max_limit) {
  ports::AuditFilter f;
  f.limit = max_limit == 0 ? 0 : kAuditDefaultLimit;
  auto fail = [&](const std::string& name, const std::string& message) {
    error = {message, name};
    return std::nullopt;
  };
  for (const auto& [name, value] : params) {
    if (name == "since" || name == "until") {
      auto t = parse_audit_time(value);
      if (!t) return fail(name, name + " must be an RFC 3339 time (2024-05-01T12:00:00Z) or Unix seconds, got '" +
                                    value + "'");
      (name == "since" ? f.since_ms : f.until_ms) = *t;
    } else if (name == "path") {
      if (value.empty() || value[0] != '/') return fail(name, "path must be an endpoint path such as "
                                                              "/api/policy/analyze, got '" + value + "'");
      f.path = value;
    } else if (name == "status") {
      auto n = all_digits(value) && value.size() <= 3 ? to_int(value) : std::nullopt;
      if (!n || *n < 100 || *n > 599) return fail(name, "status must be an HTTP status code (100-599), got '" +
                                                            value + "'");
      f.status = static_cast<int>(*n);
    } else if (name == "policy_hash") {
      if (!is_hex64(value)) return fail(name, "policy_hash must be 64 lower-case hex digits (SHA-256), got '" +
                                                  value + "'");
      f.policy_hash = value;
    } else if (name == "has_violations") {
      if (value == "true" || value == "1") f.has_violations = true;
      else if (value == "false" || value == "0") f.has_violations = false;
      else return fail(name, "has_violations must be true or false, got '" + value + "'");
    } else if (name == "rule") {
      if (value.empty()) return fail(name, "rule must not be empty");
      f.rule = value;
    } else if (name == "limit") {
      auto n = all_digits(value) && value.size() <= 9 ? to_int(value) : std::nullopt;
      if (!n || *n < 1 || (max_limit && static_cast<std::size_t>(*n) > max_limit))
        return fail(name, "limit must be an integer from 1 to " +
                              (max_limit ? std::to_string(max_limit) : std::string("999999999")) + ", got '" +
                              value + "'");
      f.limit = static_cast<std::size_t>(*n);
    } else if (name == "cursor") {
      auto row = decode_cursor(value);
      if (!row) return fail(name, "cursor is not a cursor returned by this API: '" + value + "'");
      f.before_row = *row;
    } else {
      return fail(name, "unknown parameter '" + name +
                            "' (filters: since, until, path, status, policy_hash, has_violations, rule, limit, "
                            "cursor)");
    }
  }
  if (f.since_ms && f.until_ms && *f.since_ms > *f.until_ms) return fail("until", "until is before since");
  return f;
}

json::object audit_entry_json(const ports::AuditEntry& e, bool with_bodies) {
  json::object o;
  o["decision_id"] = e.decision_id;
  o["time"] = format_audit_time(e.start_ms);
  o["method"] = e.method;
  o["path"] = e.path;
  o["status"] = e.status;
  o["error_type"] = e.error_type.empty() ? json::value(nullptr) : json::value(e.error_type);
  o["cache_hit"] = e.cache_hit;
  o["policy_hash"] = e.policy_hash.empty() ? json::value(nullptr) : json::value(e.policy_hash);
  o["violations"] = e.violations;
  json::array rules;
  for (const auto& [message, count] : e.rules) rules.push_back(json::object{{"message", message}, {"count", count}});
  o["rules"] = std::move(rules);
  o["client_ip"] = e.client_ip;
  o["user_agent"] = e.user_agent;
  o["start_ms"] = e.start_ms;
  o["end_ms"] = e.end_ms;
  o["duration_seconds"] = e.duration_seconds;
  o["body_hash"] = e.body_hash;
  o["body_size"] = e.body_size;
  if (with_bodies) {
    o["redaction"] = e.redaction;
    o["request"] = e.body ? stored_json(*e.body) : json::value(nullptr);
    o["response"] = stored_json(e.response);
  }
  return o;
}

ApiResponse AuditQueries::list(std::string_view query_string) const {
  auto params = parse_query_string(query_string);
  if (!params) return bad_filter({"the query string has an invalid %-escape", ""});
  FilterError err;
  auto filter = parse_audit_filter(*params, err);
  if (!filter) return bad_filter(err);
  const std::size_t limit = filter->limit;
  filter->limit = limit + 1;  // one more tells whether there is a next page
  auto rows = store_.list(*filter, false);
  json::object body;
  json::array items;
  const std::size_t shown = std::min(rows.size(), limit);
  for (std::size_t i = 0; i < shown; ++i) items.push_back(audit_entry_json(rows[i], false));
  body["decisions"] = std::move(items);
  body["next_cursor"] = rows.size() > limit ? json::value(encode_cursor(rows[limit - 1].row)) : json::value(nullptr);
  ApiResponse r;
  r.body = json::serialize(body);
  return r;
}

ApiResponse AuditQueries::show(std::string_view encoded_decision_id) const {
  auto id = percent_decode(encoded_decision_id);
  ApiResponse r;
  if (!id || id->empty() || id->size() > 128) {
    r.status = 400;
    r.error_type = "InvalidRequest";
    r.body = error_json("InvalidRequest", "the decision id is not valid", "decision_id");
    return r;
  }
  auto entry = store_.find(*id);
  if (!entry) {
    r.status = 404;
    r.error_type = "NotFound";
    r.body = error_json("NotFound", "no decision with id '" + *id + "' in the audit log", "decision_id");
    return r;
  }
  r.body = json::serialize(audit_entry_json(*entry, true));
  return r;
}

}  // namespace inv::app
