#include "domain/eval/builtins.hpp"

#include <algorithm>
#include <cmath>
#include <functional>
#include <iostream>

#include "domain/eval/builtin_support.hpp"
#include "domain/eval/errors.hpp"
#include "domain/eval/eval_context.hpp"
#include "domain/eval/interpreter.hpp"
#include "domain/eval/operators.hpp"
#include "domain/eval/regex.hpp"
#include "domain/result/py_repr.hpp"
#include "domain/trace/trace.hpp"

namespace inv {

using namespace detail;

namespace {
// ---- global builtins ----------------------------------------------------------------------------
std::vector<Value> flatten_min_max_args(const char* fn, const Args& a) {
  if (a.empty()) throw_type_error(std::string(fn) + " expected at least 1 argument, got 0");
  if (a.size() == 1) return py_iterate(a[0]);
  return a;
}

Value min_max(const char* fn, const Args& a, const Kwargs& k, bool is_max) {
  auto items = flatten_min_max_args(fn, a);
  if (items.empty()) {
    if (const Value* d = kwarg(k, "default")) return *d;
    throw_value_error(std::string(fn) + "() arg is an empty sequence");
  }
  Value best = items[0];
  for (std::size_t i = 1; i < items.size(); ++i)
    if (py_compare(is_max ? ">" : "<", items[i], best)) best = items[i];
  return best;
}

void collect_text(const Value& v, std::vector<Value>& out) {
  switch (v->type) {
    case Type::Str: out.push_back(v); break;
    case Type::List:
    case Type::Tuple:
      for (const auto& x : as_list(v).items) collect_text(x, out);
      break;
    case Type::Dict: {
      const Value* t = as_dict(v).find("type");
      const Value* txt = as_dict(v).find("text");
      if (t && (*t)->type == Type::Str && as_str(*t).value == "text" && txt && (*txt)->type == Type::Str)
        out.push_back(*txt);
      break;
    }
    case Type::Record: {
      auto kind = as_record(v).cls->kind;
      if (kind == RecordKind::Message || kind == RecordKind::ToolOutput) collect_text(as_record(v).field("content"), out);
      break;
    }
    default: break;
  }
}

const RecordClass& violation_class(const std::string& name) {
  static const RecordClass pv{"PolicyViolation", RecordKind::Other, {"args", "kwargs"}};
  static const RecordClass ad{"AccessDenied", RecordKind::Other, {"args", "kwargs"}};
  static const RecordClass acv{"AccessControlViolation", RecordKind::Other, {"args", "kwargs"}};
  if (name == "AccessDenied") return ad;
  if (name == "AccessControlViolation") return acv;
  return pv;
}

Value violation_ctor(const std::string& cls) {
  return builtin(cls, [cls](EvalContext&, const Args& a, const Kwargs& k) { return make_violation(cls, a, k); });
}

Value class_value(const std::string& name) {
  return builtin(name, [name](EvalContext&, const Args&, const Kwargs&) -> Value {
    throw_type_error("constructing " + name + " objects in a policy is not supported");
  });
}

Value json_module();

std::unordered_map<std::string, Value> make_globals() {
  std::unordered_map<std::string, Value> g;
  g["any"] = builtin("any", [](EvalContext&, const Args& a, const Kwargs&) {
    expect_args("any", a, 1, 1);
    for (const auto& x : py_iterate(a[0]))
      if (truthy(x)) return py_bool(true);
    return py_bool(false);
  });
  g["all"] = builtin("all", [](EvalContext&, const Args& a, const Kwargs&) {
    expect_args("all", a, 1, 1);
    for (const auto& x : py_iterate(a[0]))
      if (!truthy(x)) return py_bool(false);
    return py_bool(true);
  });
  g["empty"] = builtin("empty", [](EvalContext&, const Args& a, const Kwargs&) {
    expect_args("empty", a, 1, 1);
    return py_bool(py_len(a[0]) == 0);
  });
  g["len"] = builtin("len", [](EvalContext&, const Args& a, const Kwargs&) {
    expect_args("len", a, 1, 1);
    return make_int(py_len(a[0]));
  });
  auto match_fn = builtin("match", [](EvalContext&, const Args& a, const Kwargs&) {
    expect_args("match", a, 2, 2);
    const std::string& p = need_str("match", a[0]);
    if (a[1]->type != Type::Str) regex_subject_error(a[1]);
    return py_bool(Regex::cached(p)->match_prefix(as_str(a[1]).value));
  });
  g["match"] = match_fn;
  g["find"] = builtin("find", [](EvalContext& ctx, const Args& a, const Kwargs&) {
    expect_args("find", a, 2, 2);
    const std::string& p = need_str("find", a[0]);
    if (a[1]->type != Type::Str) regex_subject_error(a[1]);
    std::vector<Value> out;
    const std::string& s = as_str(a[1]).value;
    for (const auto& m : Regex::cached(p)->find_all(s)) {
      ctx.mark(a[1], static_cast<std::int64_t>(m.start), static_cast<std::int64_t>(m.end));
      out.push_back(make_str(s.substr(m.byte_start, m.byte_end - m.byte_start)));
    }
    return make_list(std::move(out));
  });
  g["min"] = builtin("min", [](EvalContext&, const Args& a, const Kwargs& k) { return min_max("min", a, k, false); });
  g["max"] = builtin("max", [](EvalContext&, const Args& a, const Kwargs& k) { return min_max("max", a, k, true); });
  g["sum"] = builtin("sum", [](EvalContext&, const Args& a, const Kwargs& k) {
    expect_args("sum", a, 1, 2);
    Value acc = a.size() > 1 ? a[1] : (kwarg(k, "start") ? *kwarg(k, "start") : make_int(0));
    for (const auto& x : py_iterate(a[0])) acc = py_add(acc, x);
    return acc;
  });
  // print() writes nothing from a server: its output was never part of a response. It stays neutral.
  g["print"] = builtin("print", [](EvalContext&, const Args&, const Kwargs&) { return py_bool(true); });
  g["PolicyViolation"] = violation_ctor("PolicyViolation");
  g["Violation"] = violation_ctor("PolicyViolation");
  g["AccessDenied"] = violation_ctor("AccessDenied");
  for (const char* c : {"LLM", "Message", "ToolCall", "Function", "ToolOutput", "Input", "UpdateMessage",
                        "UpdateMessageHandler", "Tool", "ToolParameter", "TextChunk", "Image"})
    g[c] = class_value(c);
  // [latest] builtins
  g["json_loads"] = builtin("json_loads", [](EvalContext&, const Args& a, const Kwargs&) {
    expect_args("json_loads", a, 1, 1);
    const std::string& s = need_str("json_loads", a[0]);
    auto v = parse_json_text(s);
    if (!v) throw PolicyRuntimeError("JSONDecodeError", "Invalid JSON string: " + s);
    return *v;
  });
  g["tuple"] = builtin("tuple", [](EvalContext&, const Args& a, const Kwargs&) {
    expect_args("tuple", a, 0, 1);
    return make_tuple(a.empty() ? std::vector<Value>{} : py_iterate(a[0]));
  });
  g["tool_call"] = builtin("tool_call", [](EvalContext&, const Args& a, const Kwargs&) -> Value {
    expect_args("tool_call", a, 1, 1);
    if (!is_record_kind(a[0], RecordKind::ToolOutput)) throw_value_error("tool_call() expects a ToolOutput");
    const RecordObj* c = as_record(a[0]).linked_call;
    if (!c) return none();
    return Value(a[0], static_cast<const Obj*>(c));
  });
  g["text"] = builtin("text", [](EvalContext&, const Args& a, const Kwargs&) {
    std::vector<Value> out;
    for (const auto& x : a) collect_text(x, out);
    return make_list(std::move(out));
  });
  g["server"] = builtin("server", [](EvalContext&, const Args& a, const Kwargs&) -> Value {
    expect_args("server", a, 1, 1);
    if (a[0]->type == Type::Record) {
      const Value& md = as_record(a[0]).field("metadata");
      if (md->type == Type::Dict)
        if (const Value* s = as_dict(md).find("server")) return *s;
    }
    return none();
  });
  g["str"] = builtin("str", [](EvalContext&, const Args& a, const Kwargs&) {
    expect_args("str", a, 0, 1);
    return make_str(a.empty() ? "" : py_str(a[0]));
  });
  return g;
}

const RecordClass& json_module_class() {
  static const RecordClass c{"module 'json'", RecordKind::Other, {"loads", "dumps"}};
  return c;
}

void json_dump(std::string& out, const Value& v) {
  switch (v->type) {
    case Type::None: out += "null"; break;
    case Type::Bool: out += as_bool(v) ? "true" : "false"; break;
    case Type::Int: out += std::to_string(as_int(v)); break;
    case Type::Float: {
      double d = as_float(v);
      if (std::isnan(d)) out += "NaN";
      else if (std::isinf(d)) out += d > 0 ? "Infinity" : "-Infinity";
      else out += float_repr(d);
      break;
    }
    case Type::Str: {
      // json.dumps default: ensure_ascii=True
      out += '"';
      const std::string& s = as_str(v).value;
      for (std::size_t i = 0; i < s.size();) {
        unsigned char c = static_cast<unsigned char>(s[i]);
        char32_t cp;
        std::size_t len = 1;
        if (c < 0x80) cp = c;
        else if (c >= 0xF0 && i + 3 < s.size() + 0) { cp = ((c & 7u) << 18) | ((s[i + 1] & 0x3Fu) << 12) | ((s[i + 2] & 0x3Fu) << 6) | (s[i + 3] & 0x3Fu); len = 4; }
        else if (c >= 0xE0) { cp = ((c & 0xFu) << 12) | ((s[i + 1] & 0x3Fu) << 6) | (s[i + 2] & 0x3Fu); len = 3; }
        else { cp = ((c & 0x1Fu) << 6) | (s[i + 1] & 0x3Fu); len = 2; }
        i += len;
        char buf[16];
        switch (cp) {
          case '"': out += "\\\""; continue;
          case '\\': out += "\\\\"; continue;
          case '\n': out += "\\n"; continue;
          case '\r': out += "\\r"; continue;
          case '\t': out += "\\t"; continue;
          case '\b': out += "\\b"; continue;
          case '\f': out += "\\f"; continue;
          default: break;
        }
        if (cp < 0x20 || cp > 0x7E) {
          if (cp >= 0x10000) {
            char32_t x = cp - 0x10000;
            std::snprintf(buf, sizeof buf, "\\u%04x\\u%04x", 0xD800 + (x >> 10), 0xDC00 + (x & 0x3FF));
          } else {
            std::snprintf(buf, sizeof buf, "\\u%04x", static_cast<unsigned>(cp));
          }
          out += buf;
        } else {
          out += static_cast<char>(cp);
        }
      }
      out += '"';
      break;
    }
    case Type::List:
    case Type::Tuple: {
      out += '[';
      bool first = true;
      for (const auto& x : as_list(v).items) {
        if (!first) out += ", ";
        first = false;
        json_dump(out, x);
      }
      out += ']';
      break;
    }
    case Type::Dict: {
      out += '{';
      bool first = true;
      for (const auto& [k, x] : as_dict(v).entries) {
        if (!first) out += ", ";
        first = false;
        json_dump(out, make_str(k));
        out += ": ";
        json_dump(out, x);
      }
      out += '}';
      break;
    }
    default: throw_type_error("Object of type " + type_name(v) + " is not JSON serializable");
  }
}

Value json_module() {
  static const Value m = std::make_shared<RecordObj>(
      &json_module_class(),
      std::vector<Value>{builtin("loads",
                                 [](EvalContext&, const Args& a, const Kwargs&) {
                                   expect_args("loads", a, 1, 1);
                                   const std::string& s = need_str("loads", a[0]);
                                   auto v = parse_json_text(s);
                                   if (!v) throw PolicyRuntimeError("JSONDecodeError", "Expecting value: line 1 column 1 (char 0)");
                                   return *v;
                                 }),
                         builtin("dumps", [](EvalContext&, const Args& a, const Kwargs&) {
                           expect_args("dumps", a, 1, 1);
                           std::string out;
                           json_dump(out, a[0]);
                           return make_str(out);
                         })});
  return m;
}

// `import X` for a module other than json: the name is bound, but nothing of the module can be used —
// a policy never runs code of the server's host (member access raises a clear AttributeError).
struct OpaqueModule final : CallableObj {
  explicit OpaqueModule(std::string n) : module(std::move(n)) {}
  std::string module;
  std::string_view name() const override { return module; }
  Value call(EvalContext&, const Args&, const Kwargs&) const override {
    throw_type_error("'module' object is not callable");
  }
};

Value opaque_module(const std::string& name) { return std::make_shared<OpaqueModule>(name); }

Value should_allow_rbac() {
  return builtin("should_allow_rbac", [](EvalContext&, const Args& a, const Kwargs&) {
    expect_args("should_allow_rbac", a, 5, 5);
    const Value& user = a[2];
    const Value& user_roles = a[3];
    const Value& role_grants = a[4];
    if (user_roles->type != Type::Dict || role_grants->type != Type::Dict || user->type != Type::Str)
      return py_bool(false);
    const Value* roles = as_dict(user_roles).find(as_str(user).value);
    if (!roles) return py_bool(false);
    for (const auto& role : py_iterate(*roles)) {
      if (role->type != Type::Str) continue;
      const Value* grants = as_dict(role_grants).find(as_str(role).value);
      if (!grants || (*grants)->type != Type::Dict || a[1]->type != Type::Str) continue;
      const Value* g = as_dict(*grants).find(as_str(a[1]).value);
      if (g && truthy(*g)) return py_bool(true);
    }
    return py_bool(false);
  });
}
}  // namespace

Value QuantifierObj::call(EvalContext&, const Args& a, const Kwargs& k) const {
  if (kind == Forall) {
    if (!a.empty() || !k.empty()) throw_type_error("forall() takes no arguments");
    return std::make_shared<QuantifierObj>(Forall);
  }
  auto q = std::make_shared<QuantifierObj>(Count);
  auto num = [](const Value& v) -> std::optional<std::int64_t> {
    if (is_none(v)) return std::nullopt;
    if (v->type == Type::Int) return as_int(v);
    if (v->type == Type::Float) return static_cast<std::int64_t>(as_float(v));
    throw_type_error("count() bounds must be integers, not " + type_name(v));
  };
  if (a.size() > 0) q->min = num(a[0]);
  if (a.size() > 1) q->max = num(a[1]);
  if (a.size() > 2) throw_type_error("count() takes at most 2 arguments");
  for (const auto& [n, v] : k) {
    if (n == "min") q->min = num(v);
    else if (n == "max") q->max = num(v);
    else throw_type_error("count() got an unexpected keyword argument '" + n + "'");
  }
  return q;
}

Value make_violation(std::string cls, std::vector<Value> args, std::vector<std::pair<std::string, Value>> kwargs) {
  return std::make_shared<RecordObj>(&violation_class(cls),
                                     std::vector<Value>{make_list(std::move(args)), make_dict(std::move(kwargs))});
}

std::string opaque_module_name(const Value& v) {
  auto* m = dynamic_cast<const OpaqueModule*>(v.get());
  return m ? m->module : std::string();
}

bool is_violation(const Value& v) {
  if (v->type != Type::Record) return false;
  const auto* c = as_record(v).cls;
  return c == &violation_class("PolicyViolation") || c == &violation_class("AccessDenied") ||
         c == &violation_class("AccessControlViolation");
}

std::string violation_string(const Value& v) {
  const auto& r = as_record(v);
  std::string out = r.cls->name + "(";
  bool first = true;
  for (const auto& a : as_list(r.fields[0]).items) {
    if (!first) out += ' ';
    first = false;
    append_py_str(out, a);
  }
  for (const auto& [k, x] : as_dict(r.fields[1]).entries) {
    out += ", ";
    out += k;
    out += '=';
    append_py_str(out, x);
  }
  out += ')';
  return out;
}

Value bind_method(const Value& self, std::string_view name) {
  switch (self->type) {
    case Type::Str: return str_method(self, name);
    case Type::Dict: return dict_method(self, name);
    case Type::List:
    case Type::Tuple: return list_method(self, name);
    default: return nullptr;
  }
}

const std::unordered_map<std::string, Value>& builtin_globals() {
  static const auto g = make_globals();
  return g;
}

bool is_known_type_name(std::string_view n) {
  static const char* names[] = {"Message", "ToolCall", "ToolOutput", "Function", "Input", "LLM", "Event",
                                "str", "int", "float", "bool", "list", "dict", "tuple", "Tool",
                                "ToolParameter", "TextChunk", "Image"};
  for (const char* x : names)
    if (n == x) return true;
  return false;
}

bool stdlib_module_known(std::string_view m) {
  static const char* mods[] = {"invariant", "invariant.detectors", "invariant.detectors.code",
                               "invariant.detectors.secrets", "invariant.detectors.pii",
                               "invariant.detectors.moderation", "invariant.detectors.prompt_injection",
                               "invariant.detectors.copyright", "invariant.detectors.unicode",
                               "invariant.detectors.fuzzy_matching", "invariant.detectors.semgrep",
                               "invariant.parsers", "invariant.parsers.html", "invariant.access_control",
                               "invariant.quantifiers", "invariant.builtins", "invariant.nodes",
                               "invariant.errors", "json"};
  for (const char* x : mods)
    if (m == x) return true;
  return false;
}

Value stdlib_export(std::string_view module, std::string_view name) {
  static const Value forall_v = std::make_shared<QuantifierObj>(QuantifierObj::Forall);
  static const Value count_v = std::make_shared<QuantifierObj>(QuantifierObj::Count);
  const auto& g = builtin_globals();
  auto global = [&](const char* n) { return g.at(n); };
  if (module == "invariant" || module == "invariant.nodes" || module == "invariant.errors" ||
      module == "invariant.quantifiers" || module == "invariant.builtins") {
    if (module == "invariant" || module == "invariant.quantifiers") {
      if (name == "forall") return forall_v;
      if (name == "count") return count_v;
    }
    if (module == "invariant" || module == "invariant.nodes") {
      for (const char* c : {"Message", "ToolCall", "ToolOutput", "Function", "Event", "LLM", "Input"})
        if (name == c) return name == std::string_view("Event") ? class_value("Event") : global(c);
    }
    if (module == "invariant" || module == "invariant.errors") {
      if (name == "PolicyViolation" || name == "ErrorInformation") return global("PolicyViolation");
      if (name == "AccessDenied") return global("AccessDenied");
      if (name == "UpdateMessage" || name == "UpdateMessageHandler") return global(std::string(name).c_str());
    }
    if (module == "invariant" && name == "match") return global("match");
    if (module == "invariant" && name == "Quantifier") return class_value("Quantifier");
    if (module == "invariant.builtins") {
      auto it = g.find(std::string(name));
      if (it != g.end()) return it->second;
    }
    return nullptr;
  }
  if (module == "invariant.access_control") {
    if (name == "should_allow_rbac") return should_allow_rbac();
    if (name == "AccessControlViolation") return violation_ctor("AccessControlViolation");
    return nullptr;
  }
  if (module == "json") {
    if (name == "loads" || name == "dumps") return as_record(json_module()).field(name);
    return nullptr;
  }
  if (module == "<module>" && name == "json") return json_module();
  if (module == "<module>") return opaque_module(std::string(name));
  return nullptr;
}

}  // namespace inv
