#include "adapters/plugins/plugin_metadata.hpp"

#include <charconv>
#include <set>
#include <stdexcept>

#include <boost/json.hpp>

namespace inv::adapters::plugins {

namespace json = boost::json;

namespace {

[[noreturn]] void invalid(const std::string& where, const std::string& what) {
  throw std::invalid_argument("plugin metadata: " + where + ": " + what);
}

bool is_identifier(std::string_view s) {
  if (s.empty() || s.size() > 64) return false;
  for (std::size_t i = 0; i < s.size(); ++i) {
    char c = s[i];
    bool ok = c == '_' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (i > 0 && c >= '0' && c <= '9');
    if (!ok) return false;
  }
  return true;
}

bool is_plugin_name(std::string_view s) {
  if (!is_identifier(s) || !(s[0] >= 'a' && s[0] <= 'z')) return false;
  for (char c : s)
    if (c >= 'A' && c <= 'Z') return false;
  return true;
}

bool is_module_name(std::string_view s) {
  if (s.empty() || s.size() > 200) return false;
  std::size_t start = 0;
  for (;;) {
    std::size_t dot = s.find('.', start);
    if (!is_identifier(s.substr(start, dot == std::string_view::npos ? std::string_view::npos : dot - start)))
      return false;
    if (dot == std::string_view::npos) return true;
    start = dot + 1;
  }
}

bool is_type_name(std::string_view t) {
  static const std::set<std::string, std::less<>> base = {"any", "str", "int", "float", "bool", "list", "dict"};
  if (auto bar = t.find("|None"); bar != std::string_view::npos) {
    if (bar + 5 != t.size()) return false;
    t = t.substr(0, bar);
  }
  return base.count(t) > 0;
}

const json::value* member(const json::object& o, std::string_view key) { return o.if_contains(key); }

std::string string_member(const json::object& o, std::string_view key, const std::string& where, bool required,
                          std::string fallback = {}) {
  const json::value* v = member(o, key);
  if (!v || v->is_null()) {
    if (required) invalid(where, "'" + std::string(key) + "' is missing");
    return fallback;
  }
  if (!v->is_string()) invalid(where, "'" + std::string(key) + "' must be a string");
  return std::string(v->as_string());
}

bool bool_member(const json::object& o, std::string_view key, const std::string& where, bool fallback) {
  const json::value* v = member(o, key);
  if (!v || v->is_null()) return fallback;
  if (!v->is_bool()) invalid(where, "'" + std::string(key) + "' must be true or false");
  return v->as_bool();
}

std::vector<std::string> string_list(const json::object& o, std::string_view key, const std::string& where,
                                     bool (*valid)(std::string_view), const char* what) {
  std::vector<std::string> out;
  const json::value* v = member(o, key);
  if (!v || v->is_null()) return out;
  if (!v->is_array()) invalid(where, "'" + std::string(key) + "' must be an array");
  std::set<std::string> seen;
  for (const auto& x : v->as_array()) {
    if (!x.is_string() || !valid(x.as_string())) invalid(where, "'" + std::string(key) + "' holds an invalid " + what);
    std::string s(x.as_string());
    if (!seen.insert(s).second) invalid(where, "'" + std::string(key) + "' repeats '" + s + "'");
    out.push_back(std::move(s));
  }
  return out;
}

FunctionSpec parse_function(const json::value& v, std::size_t index) {
  std::string where = "functions[" + std::to_string(index) + "]";
  if (!v.is_object()) invalid(where, "must be an object");
  const auto& o = v.as_object();
  FunctionSpec f;
  f.name = string_member(o, "name", where, true);
  if (!is_identifier(f.name)) invalid(where, "name '" + f.name + "' is not an identifier");
  where = "function '" + f.name + "'";
  f.modules = string_list(o, "modules", where, is_module_name, "module name");
  if (f.modules.empty()) invalid(where, "'modules' must name at least one policy module");
  f.var_keywords = bool_member(o, "var_keywords", where, false);
  f.marks_ranges = bool_member(o, "marks_ranges", where, false);
  const std::string target = string_member(o, "marks_target", where, false, "text");
  if (target != "text" && target != "event") invalid(where, "'marks_target' must be \"text\" or \"event\"");
  f.marks_events = target == "event";
  f.returns = string_member(o, "returns", where, false);
  f.description = string_member(o, "description", where, false);
  const json::value* params = member(o, "params");
  if (params && !params->is_null()) {
    if (!params->is_array()) invalid(where, "'params' must be an array");
    std::set<std::string> names;
    bool optional_seen = false;
    for (std::size_t i = 0; i < params->as_array().size(); ++i) {
      const auto& pv = params->as_array()[i];
      std::string pw = where + " params[" + std::to_string(i) + "]";
      if (!pv.is_object()) invalid(pw, "must be an object");
      const auto& po = pv.as_object();
      ParamSpec p;
      p.name = string_member(po, "name", pw, true);
      if (!is_identifier(p.name)) invalid(pw, "name '" + p.name + "' is not an identifier");
      if (!names.insert(p.name).second) invalid(pw, "parameter '" + p.name + "' is declared twice");
      std::string kind = string_member(po, "kind", pw, false, "value");
      if (kind == "data") {
        if (i != 0) invalid(pw, "the data parameter must be the first one");
        p.data = true;
        p.tool_calls = bool_member(po, "tool_calls", pw, false);
      } else if (kind != "value") {
        invalid(pw, "kind must be \"data\" or \"value\"");
      }
      p.type = string_member(po, "type", pw, false, "any");
      if (!is_type_name(p.type)) invalid(pw, "type '" + p.type + "' is not one of any, str, int, float, bool, list, dict (optionally |None)");
      if (const json::value* d = member(po, "default")) p.default_value = *d;
      p.required = bool_member(po, "required", pw, !p.default_value);
      if (!p.required) optional_seen = true;
      else if (optional_seen) invalid(pw, "a required parameter follows an optional one");
      f.params.push_back(std::move(p));
    }
  }
  return f;
}

// A default value as a Python literal (None, True, 0.8, 'python', [...]) for the signature text.
std::string python_literal(const json::value& v) {
  switch (v.kind()) {
    case json::kind::null: return "None";
    case json::kind::bool_: return v.get_bool() ? "True" : "False";
    case json::kind::int64: return std::to_string(v.get_int64());
    case json::kind::uint64: return std::to_string(v.get_uint64());
    case json::kind::double_: {
      char buf[32];
      auto r = std::to_chars(buf, buf + sizeof buf, v.get_double());
      std::string s(buf, r.ptr);
      if (s.find_first_of(".eEn") == std::string::npos) s += ".0";
      return s;
    }
    case json::kind::string: {
      std::string out = "'";
      for (char c : v.get_string()) {
        if (c == '\\' || c == '\'') out += '\\';
        if (c == '\n') {
          out += "\\n";
          continue;
        }
        out += c;
      }
      return out + "'";
    }
    case json::kind::array: {
      std::string out = "[";
      for (const auto& x : v.get_array()) out += (out.size() > 1 ? ", " : "") + python_literal(x);
      return out + "]";
    }
    case json::kind::object: {
      std::string out = "{";
      for (const auto& kv : v.get_object())
        out += (out.size() > 1 ? ", '" : "'") + std::string(kv.key()) + "': " + python_literal(kv.value());
      return out + "}";
    }
  }
  return "...";
}

}  // namespace

std::string FunctionSpec::signature_text() const {
  std::string s = name + "(";
  for (std::size_t i = 0; i < params.size(); ++i) {
    const auto& p = params[i];
    if (i) s += ", ";
    s += p.name;
    if (!p.data && p.type != "any") s += ": " + p.type;
    if (!p.required) s += p.default_value ? " = " + python_literal(*p.default_value) : " = ...";
  }
  if (var_keywords) s += params.empty() ? "**config" : ", **config";
  return s + ")";
}

PluginMetadata parse_plugin_metadata(std::string_view text) {
  boost::system::error_code ec;
  json::value v = json::parse(text, ec);
  if (ec) invalid("document", "not valid JSON (" + ec.message() + ")");
  if (!v.is_object()) invalid("document", "must be a JSON object");
  const auto& o = v.as_object();
  PluginMetadata m;
  m.name = string_member(o, "name", "document", true);
  if (!is_plugin_name(m.name)) invalid("name", "'" + m.name + "' must match [a-z][a-z0-9_]* (at most 64 characters)");
  const std::string where = "plugin '" + m.name + "'";
  m.version = string_member(o, "version", where, true);
  if (m.version.empty() || m.version.size() > 64) invalid(where, "'version' must be a non-empty short string");
  m.description = string_member(o, "description", where, false);
  m.network = string_member(o, "network", where, false, "none");
  if (m.network != "none" && m.network != "optional" && m.network != "required")
    invalid(where, "'network' must be \"none\", \"optional\" or \"required\"");
  m.in_process_safe = bool_member(o, "in_process_safe", where, true);
  m.thread_safe = bool_member(o, "thread_safe", where, true);
  m.bounded_time = bool_member(o, "bounded_time", where, false);
  std::set<std::string> type_names;
  if (const json::value* types = member(o, "types"); types && !types->is_null()) {
    if (!types->is_array()) invalid(where, "'types' must be an array");
    for (std::size_t i = 0; i < types->as_array().size(); ++i) {
      const auto& tv = types->as_array()[i];
      std::string tw = where + " types[" + std::to_string(i) + "]";
      if (!tv.is_object()) invalid(tw, "must be an object");
      TypeSpec t;
      t.name = string_member(tv.as_object(), "name", tw, true);
      if (!is_identifier(t.name)) invalid(tw, "name '" + t.name + "' is not an identifier");
      if (!type_names.insert(t.name).second) invalid(tw, "type '" + t.name + "' is declared twice");
      t.fields = string_list(tv.as_object(), "fields", tw, is_identifier, "field name");
      t.modules = string_list(tv.as_object(), "modules", tw, is_module_name, "module name");
      m.types.push_back(std::move(t));
    }
  }
  const json::value* functions = member(o, "functions");
  if (!functions || !functions->is_array() || functions->as_array().empty())
    invalid(where, "'functions' must be a non-empty array");
  std::set<std::string> fn_names;
  for (std::size_t i = 0; i < functions->as_array().size(); ++i) {
    FunctionSpec f = parse_function(functions->as_array()[i], i);
    if (!fn_names.insert(f.name).second) invalid(where, "function '" + f.name + "' is declared twice");
    if (type_names.count(f.name)) invalid(where, "'" + f.name + "' is both a function and a type");
    m.functions.push_back(std::move(f));
  }
  return m;
}

json::object metadata_to_json(const PluginMetadata& m) {
  json::object o;
  o["name"] = m.name;
  o["version"] = m.version;
  o["description"] = m.description;
  o["network"] = m.network;
  o["in_process_safe"] = m.in_process_safe;
  o["thread_safe"] = m.thread_safe;
  o["bounded_time"] = m.bounded_time;
  json::array fns;
  for (const auto& f : m.functions) {
    json::object fo;
    fo["name"] = f.name;
    fo["signature"] = f.signature_text();
    json::array mods(f.modules.begin(), f.modules.end());
    fo["modules"] = std::move(mods);
    json::array ps;
    for (const auto& p : f.params) {
      json::object po;
      po["name"] = p.name;
      po["kind"] = p.data ? "data" : "value";
      po["type"] = p.data ? "str | Message | ToolOutput | list" : p.type;
      po["required"] = p.required;
      if (p.default_value) po["default"] = *p.default_value;
      ps.push_back(std::move(po));
    }
    fo["params"] = std::move(ps);
    fo["var_keywords"] = f.var_keywords;
    fo["marks_ranges"] = f.marks_ranges;
    fo["marks_target"] = f.marks_events ? "event" : "text";
    fo["returns"] = f.returns;
    fo["description"] = f.description;
    fns.push_back(std::move(fo));
  }
  o["functions"] = std::move(fns);
  json::array ts;
  for (const auto& t : m.types) {
    json::object to;
    to["name"] = t.name;
    to["fields"] = json::array(t.fields.begin(), t.fields.end());
    to["modules"] = json::array(t.modules.begin(), t.modules.end());
    ts.push_back(std::move(to));
  }
  o["types"] = std::move(ts);
  return o;
}

}  // namespace inv::adapters::plugins
