// Methods of str, dict and list values (`s.lower()`, `d.get(k)`, `l.count(x)`, ...) with CPython's
// semantics and error messages (LANGUAGE.md §8.8). Values are immutable: mutating methods return what
// Python returns (None) without an observable effect.
#include <algorithm>
#include <cctype>
#include <cstdio>

#include "domain/eval/builtin_support.hpp"
#include "domain/eval/errors.hpp"
#include "domain/eval/operators.hpp"
#include "domain/eval/regex.hpp"
#include "domain/result/py_repr.hpp"

namespace inv::detail {

namespace {
// ---- str methods --------------------------------------------------------------------------------
bool is_py_space(unsigned char c) { return c == ' ' || (c >= '\t' && c <= '\r') || c == 0x1c || c == 0x1d || c == 0x1e || c == 0x1f; }

std::string strip_chars(const std::string& s, const Value* chars, bool left, bool right) {
  std::size_t b = 0, e = s.size();
  if (!chars || is_none(*chars)) {
    if (left) while (b < e && is_py_space(static_cast<unsigned char>(s[b]))) ++b;
    if (right) while (e > b && is_py_space(static_cast<unsigned char>(s[e - 1]))) --e;
    return s.substr(b, e - b);
  }
  auto set = utf8_chars(need_str("strip arg", *chars));
  auto cs = utf8_chars(s);
  std::size_t i = 0, j = cs.size();
  auto in = [&](const std::string& c) { return std::find(set.begin(), set.end(), c) != set.end(); };
  if (left) while (i < j && in(cs[i])) ++i;
  if (right) while (j > i && in(cs[j - 1])) --j;
  std::string out;
  for (std::size_t k = i; k < j; ++k) out += cs[k];
  return out;
}

Value split_str(const std::string& s, const Value* sep, std::int64_t maxsplit) {
  std::vector<Value> out;
  if (!sep || is_none(*sep)) {
    std::size_t i = 0;
    while (i < s.size()) {
      while (i < s.size() && is_py_space(static_cast<unsigned char>(s[i]))) ++i;
      if (i >= s.size()) break;
      if (maxsplit >= 0 && static_cast<std::int64_t>(out.size()) >= maxsplit) {
        std::size_t e = s.size();
        while (e > i && is_py_space(static_cast<unsigned char>(s[e - 1]))) --e;
        out.push_back(make_str(s.substr(i, e - i)));
        return make_list(std::move(out));
      }
      std::size_t j = i;
      while (j < s.size() && !is_py_space(static_cast<unsigned char>(s[j]))) ++j;
      out.push_back(make_str(s.substr(i, j - i)));
      i = j;
    }
    return make_list(std::move(out));
  }
  const std::string& d = need_str("split", *sep);
  if (d.empty()) throw_value_error("empty separator");
  std::size_t start = 0;
  while (true) {
    if (maxsplit >= 0 && static_cast<std::int64_t>(out.size()) >= maxsplit) break;
    std::size_t p = s.find(d, start);
    if (p == std::string::npos) break;
    out.push_back(make_str(s.substr(start, p - start)));
    start = p + d.size();
  }
  out.push_back(make_str(s.substr(start)));
  return make_list(std::move(out));
}

Value splitlines(const std::string& s, bool keepends) {
  std::vector<Value> out;
  std::size_t i = 0, start = 0;
  while (i < s.size()) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    std::size_t eol = 0;
    if (c == '\n' || c == '\r' || c == '\v' || c == '\f' || c == 0x1c || c == 0x1d || c == 0x1e) {
      eol = (c == '\r' && i + 1 < s.size() && s[i + 1] == '\n') ? 2 : 1;
    } else if (c == 0xC2 && i + 1 < s.size() && static_cast<unsigned char>(s[i + 1]) == 0x85) {
      eol = 2;
    } else if (c == 0xE2 && i + 2 < s.size() && static_cast<unsigned char>(s[i + 1]) == 0x80 &&
               (static_cast<unsigned char>(s[i + 2]) == 0xA8 || static_cast<unsigned char>(s[i + 2]) == 0xA9)) {
      eol = 3;
    }
    if (eol) {
      out.push_back(make_str(s.substr(start, (keepends ? i + eol : i) - start)));
      i += eol;
      start = i;
    } else {
      ++i;
    }
  }
  if (start < s.size()) out.push_back(make_str(s.substr(start)));
  return make_list(std::move(out));
}

// Case mapping for ASCII and the Latin-1/Latin Extended-A/Greek/Cyrillic letters that have simple
// one-to-one mappings; other characters are left unchanged.
std::string map_case(const std::string& s, bool upper) {
  std::string out;
  out.reserve(s.size());
  for (std::size_t i = 0; i < s.size();) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    if (c < 0x80) {
      out += static_cast<char>(upper ? std::toupper(c) : std::tolower(c));
      ++i;
      continue;
    }
    std::size_t len = (c >= 0xF0) ? 4 : (c >= 0xE0) ? 3 : (c >= 0xC0) ? 2 : 1;
    if (i + len > s.size()) len = s.size() - i;
    char32_t cp = 0;
    if (len == 2) cp = ((c & 0x1F) << 6) | (static_cast<unsigned char>(s[i + 1]) & 0x3F);
    char32_t m = cp;
    if (len == 2) {
      if (upper) {
        if ((cp >= 0xE0 && cp <= 0xFE && cp != 0xF7)) m = cp - 0x20;
        else if (cp >= 0x3B1 && cp <= 0x3C9 && cp != 0x3C2) m = cp - 0x20;
        else if (cp >= 0x430 && cp <= 0x44F) m = cp - 0x20;
        else if (cp >= 0x450 && cp <= 0x45F) m = cp - 0x50;
        else if (cp >= 0x100 && cp <= 0x17F && (cp & 1) && cp != 0x131 && cp != 0x149 && cp != 0x17F) m = cp - 1;
      } else {
        if ((cp >= 0xC0 && cp <= 0xDE && cp != 0xD7)) m = cp + 0x20;
        else if (cp >= 0x391 && cp <= 0x3A9 && cp != 0x3A2) m = cp + 0x20;
        else if (cp >= 0x410 && cp <= 0x42F) m = cp + 0x20;
        else if (cp >= 0x400 && cp <= 0x40F) m = cp + 0x50;
        else if (cp >= 0x100 && cp <= 0x17F && !(cp & 1) && cp != 0x130 && cp != 0x138) m = cp + 1;
      }
    }
    if (m != cp) {
      out += static_cast<char>(0xC0 | (m >> 6));
      out += static_cast<char>(0x80 | (m & 0x3F));
    } else {
      out.append(s, i, len);
    }
    i += len;
  }
  return out;
}

std::int64_t int_arg(const Value& v, const char* what) {
  if (v->type == Type::Int) return as_int(v);
  if (v->type == Type::Bool) return as_bool(v) ? 1 : 0;
  throw_type_error(std::string("'") + type_name(v) + "' object cannot be interpreted as an integer (" + what + ")");
}

bool starts_or_ends(const std::string& s, const Value& what, bool start) {
  auto test = [&](const std::string& p) {
    if (p.size() > s.size()) return false;
    return start ? s.compare(0, p.size(), p) == 0 : s.compare(s.size() - p.size(), p.size(), p) == 0;
  };
  if (what->type == Type::Str) return test(as_str(what).value);
  if (what->type == Type::Tuple) {
    for (const auto& x : as_list(what).items)
      if (x->type == Type::Str && test(as_str(x).value)) return true;
    return false;
  }
  throw_type_error(std::string(start ? "startswith" : "endswith") +
                   " first arg must be str or a tuple of str, not " + type_name(what));
}

template <class Pred>
bool all_chars(const std::string& s, Pred p) {
  if (s.empty()) return false;
  for (unsigned char c : s)
    if (!p(c)) return false;
  return true;
}

}  // namespace

Value str_method(const Value& self, std::string_view name) {
  const std::string& s = as_str(self).value;
  auto m = [&](Fn f) { return builtin(std::string(name), std::move(f)); };
  if (name == "lower" || name == "casefold")
    return m([s, name](EvalContext&, const Args& a, const Kwargs&) { expect_args(std::string(name).c_str(), a, 0, 0); return make_str(map_case(s, false)); });
  if (name == "upper")
    return m([s](EvalContext&, const Args& a, const Kwargs&) { expect_args("upper", a, 0, 0); return make_str(map_case(s, true)); });
  if (name == "strip" || name == "lstrip" || name == "rstrip") {
    bool l = name != "rstrip", r = name != "lstrip";
    return m([s, l, r](EvalContext&, const Args& a, const Kwargs&) {
      expect_args("strip", a, 0, 1);
      return make_str(strip_chars(s, a.empty() ? nullptr : &a[0], l, r));
    });
  }
  if (name == "split")
    return m([s](EvalContext&, const Args& a, const Kwargs& k) {
      expect_args("split", a, 0, 2);
      const Value* sep = a.size() > 0 ? &a[0] : kwarg(k, "sep");
      const Value* ms = a.size() > 1 ? &a[1] : kwarg(k, "maxsplit");
      return split_str(s, sep, ms ? int_arg(*ms, "maxsplit") : -1);
    });
  if (name == "splitlines")
    return m([s](EvalContext&, const Args& a, const Kwargs& k) {
      const Value* ke = a.size() > 0 ? &a[0] : kwarg(k, "keepends");
      return splitlines(s, ke && truthy(*ke));
    });
  if (name == "startswith" || name == "endswith") {
    bool st = name == "startswith";
    return m([s, st](EvalContext&, const Args& a, const Kwargs&) {
      expect_args(st ? "startswith" : "endswith", a, 1, 1);
      return py_bool(starts_or_ends(s, a[0], st));
    });
  }
  if (name == "replace")
    return m([s](EvalContext&, const Args& a, const Kwargs&) {
      expect_args("replace", a, 2, 3);
      const std::string& from = need_str("replace", a[0]);
      const std::string& to = need_str("replace", a[1]);
      std::int64_t count = a.size() > 2 ? int_arg(a[2], "count") : -1;
      std::string out;
      if (from.empty()) {
        auto cs = utf8_chars(s);
        std::int64_t done = 0;
        for (std::size_t i = 0; i <= cs.size(); ++i) {
          if (count < 0 || done < count) { out += to; ++done; }
          if (i < cs.size()) out += cs[i];
        }
        return make_str(out);
      }
      std::size_t pos = 0;
      std::int64_t done = 0;
      while (count < 0 || done < count) {
        std::size_t p = s.find(from, pos);
        if (p == std::string::npos) break;
        out.append(s, pos, p - pos);
        out += to;
        pos = p + from.size();
        ++done;
      }
      out.append(s, pos);
      return make_str(out);
    });
  if (name == "count")
    return m([s](EvalContext&, const Args& a, const Kwargs&) {
      expect_args("count", a, 1, 1);
      const std::string& sub = need_str("count", a[0]);
      if (sub.empty()) return make_int(static_cast<std::int64_t>(as_str(make_str(s)).code_points + 1));
      std::int64_t n = 0;
      for (std::size_t p = s.find(sub); p != std::string::npos; p = s.find(sub, p + sub.size())) ++n;
      return make_int(n);
    });
  if (name == "find" || name == "index" || name == "rfind" || name == "rindex") {
    std::string nm(name);
    return m([s, nm](EvalContext&, const Args& a, const Kwargs&) {
      expect_args(nm.c_str(), a, 1, 1);
      const std::string& sub = need_str(nm.c_str(), a[0]);
      std::size_t p = (nm[0] == 'r') ? s.rfind(sub) : s.find(sub);
      if (p == std::string::npos) {
        if (nm.find("index") != std::string::npos) throw_value_error("substring not found");
        return make_int(-1);
      }
      return make_int(static_cast<std::int64_t>(code_point_offset(s, p)));
    });
  }
  if (name == "isdigit" || name == "isnumeric" || name == "isdecimal")
    return m([s](EvalContext&, const Args&, const Kwargs&) { return py_bool(all_chars(s, [](unsigned char c) { return c >= '0' && c <= '9'; })); });
  if (name == "isalpha")
    return m([s](EvalContext&, const Args&, const Kwargs&) { return py_bool(all_chars(s, [](unsigned char c) { return std::isalpha(c) || c >= 0x80; })); });
  if (name == "isalnum")
    return m([s](EvalContext&, const Args&, const Kwargs&) { return py_bool(all_chars(s, [](unsigned char c) { return std::isalnum(c) || c >= 0x80; })); });
  if (name == "isspace")
    return m([s](EvalContext&, const Args&, const Kwargs&) { return py_bool(all_chars(s, [](unsigned char c) { return is_py_space(c); })); });
  if (name == "islower" || name == "isupper") {
    bool low = name == "islower";
    return m([s, low](EvalContext&, const Args&, const Kwargs&) {
      bool cased = false;
      for (unsigned char c : s) {
        if (std::isupper(c)) { if (low) return py_bool(false); cased = true; }
        if (std::islower(c)) { if (!low) return py_bool(false); cased = true; }
      }
      return py_bool(cased);
    });
  }
  if (name == "join")
    return m([s](EvalContext&, const Args& a, const Kwargs&) {
      expect_args("join", a, 1, 1);
      std::string out;
      std::size_t i = 0;
      for (const auto& x : py_iterate(a[0])) {
        if (x->type != Type::Str)
          throw_type_error("sequence item " + std::to_string(i) + ": expected str instance, " + type_name(x) + " found");
        if (i++) out += s;
        out += as_str(x).value;
      }
      return make_str(out);
    });
  if (name == "title" || name == "capitalize") {
    bool title = name == "title";
    return m([s, title](EvalContext&, const Args&, const Kwargs&) {
      std::string out = map_case(s, false);
      bool start = true;
      for (auto& ch : out) {
        unsigned char c = static_cast<unsigned char>(ch);
        if (start && std::isalpha(c)) ch = static_cast<char>(std::toupper(c));
        start = title ? !std::isalpha(c) : false;
      }
      return make_str(out);
    });
  }
  if (name == "format")
    return m([s](EvalContext&, const Args& a, const Kwargs& k) {
      // {} / {0} / {name} replacement fields; conversion and format specs are not supported.
      std::string out;
      std::size_t auto_idx = 0;
      for (std::size_t i = 0; i < s.size(); ++i) {
        if (s[i] == '{' && i + 1 < s.size() && s[i + 1] == '{') { out += '{'; ++i; continue; }
        if (s[i] == '}' && i + 1 < s.size() && s[i + 1] == '}') { out += '}'; ++i; continue; }
        if (s[i] != '{') { out += s[i]; continue; }
        std::size_t e = s.find('}', i);
        if (e == std::string::npos) throw_value_error("Single '{' encountered in format string");
        std::string field = s.substr(i + 1, e - i - 1);
        Value v;
        if (field.empty()) {
          if (auto_idx >= a.size()) throw PolicyRuntimeError("IndexError", "Replacement index " + std::to_string(auto_idx) + " out of range for positional args tuple");
          v = a[auto_idx++];
        } else if (std::all_of(field.begin(), field.end(), ::isdigit)) {
          std::size_t n = std::stoul(field);
          if (n >= a.size()) throw PolicyRuntimeError("IndexError", "Replacement index " + field + " out of range for positional args tuple");
          v = a[n];
        } else {
          const Value* kv = kwarg(k, field);
          if (!kv) throw PolicyRuntimeError("KeyError", "'" + field + "'");
          v = *kv;
        }
        out += py_str(v);
        i = e;
      }
      return make_str(out);
    });
  return nullptr;
}

Value dict_method(const Value& self, std::string_view name) {
  auto m = [&](Fn f) { return builtin(std::string(name), std::move(f)); };
  if (name == "get")
    return m([self](EvalContext&, const Args& a, const Kwargs&) {
      expect_args("get", a, 1, 2);
      if (a[0]->type == Type::Str)
        if (const Value* v = as_dict(self).find(as_str(a[0]).value)) return *v;
      return a.size() > 1 ? a[1] : none();
    });
  if (name == "keys")
    return m([self](EvalContext&, const Args&, const Kwargs&) {
      std::vector<Value> out;
      for (const auto& [k, _] : as_dict(self).entries) out.push_back(make_str(k));
      return make_list(std::move(out));
    });
  if (name == "values")
    return m([self](EvalContext&, const Args&, const Kwargs&) {
      std::vector<Value> out;
      for (const auto& [_, v] : as_dict(self).entries) out.push_back(v);
      return make_list(std::move(out));
    });
  if (name == "items")
    return m([self](EvalContext&, const Args&, const Kwargs&) {
      std::vector<Value> out;
      for (const auto& [k, v] : as_dict(self).entries) out.push_back(make_tuple({make_str(k), v}));
      return make_list(std::move(out));
    });
  if (name == "copy")
    return m([self](EvalContext&, const Args&, const Kwargs&) { return make_dict(as_dict(self).entries); });
  if (name == "pop")
    return m([self](EvalContext&, const Args& a, const Kwargs&) {
      expect_args("pop", a, 1, 2);
      if (a[0]->type == Type::Str)
        if (const Value* v = as_dict(self).find(as_str(a[0]).value)) return *v;
      if (a.size() > 1) return a[1];
      throw PolicyRuntimeError("KeyError", py_repr(a[0]));
    });
  if (name == "update" || name == "clear")
    // Values are immutable here: the mutation is not observable through this value, the result is None
    // as in Python.
    return m([](EvalContext&, const Args&, const Kwargs&) { return none(); });
  if (name == "setdefault")
    return m([self](EvalContext&, const Args& a, const Kwargs&) {
      expect_args("setdefault", a, 1, 2);
      if (a[0]->type == Type::Str)
        if (const Value* v = as_dict(self).find(as_str(a[0]).value)) return *v;
      return a.size() > 1 ? a[1] : none();
    });
  return nullptr;
}

Value list_method(const Value& self, std::string_view name) {
  auto m = [&](Fn f) { return builtin(std::string(name), std::move(f)); };
  if (name == "count")
    return m([self](EvalContext&, const Args& a, const Kwargs&) {
      expect_args("count", a, 1, 1);
      std::int64_t n = 0;
      for (const auto& x : as_list(self).items)
        if (py_equal(x, a[0])) ++n;
      return make_int(n);
    });
  if (name == "index")
    return m([self](EvalContext&, const Args& a, const Kwargs&) {
      expect_args("index", a, 1, 1);
      const auto& items = as_list(self).items;
      for (std::size_t i = 0; i < items.size(); ++i)
        if (py_equal(items[i], a[0])) return make_int(static_cast<std::int64_t>(i));
      throw_value_error(py_repr(a[0]) + " is not in list");
    });
  if (name == "copy" && self->type == Type::List)
    return m([self](EvalContext&, const Args&, const Kwargs&) { return make_list(as_list(self).items); });
  if ((name == "append" || name == "extend" || name == "insert" || name == "remove" || name == "clear" ||
       name == "sort" || name == "reverse") && self->type == Type::List)
    return m([](EvalContext&, const Args&, const Kwargs&) { return none(); });
  return nullptr;
}


}  // namespace inv::detail
