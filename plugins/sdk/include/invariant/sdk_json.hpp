// A small JSON value for detector plugins (part of the plugin SDK): parse the server's requests, build
// responses and metadata. Objects keep insertion order; integers that fit int64 stay integers. Header-only,
// standard library only, so a plugin needs no JSON dependency of its own.
//
// Thread-safety: a Json value is a plain value type (no shared state); parse/dump are pure functions.
#pragma once

#include <charconv>
#include <cmath>
#include <cstdint>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

#include "invariant/utf8.hpp"

namespace invariant::sdk {

class Json {
 public:
  using Array = std::vector<Json>;
  using Object = std::vector<std::pair<std::string, Json>>;
  enum class Kind { Null, Bool, Int, Float, String, Array, Object };

  Json() = default;
  Json(std::nullptr_t) {}
  Json(bool b) : v_(b) {}
  Json(int i) : v_(static_cast<std::int64_t>(i)) {}
  Json(long i) : v_(static_cast<std::int64_t>(i)) {}
  Json(long long i) : v_(static_cast<std::int64_t>(i)) {}
  Json(unsigned i) : v_(static_cast<std::int64_t>(i)) {}
  Json(unsigned long i) : v_(static_cast<std::int64_t>(i)) {}
  Json(unsigned long long i) : v_(static_cast<std::int64_t>(i)) {}
  Json(double d) : v_(d) {}
  Json(const char* s) : v_(std::string(s)) {}
  Json(std::string_view s) : v_(std::string(s)) {}
  Json(std::string s) : v_(std::move(s)) {}
  Json(Array a) : v_(std::move(a)) {}
  Json(Object o) : v_(std::move(o)) {}
  template <class T>
  Json(const std::vector<T>& items) : v_(Array(items.begin(), items.end())) {}

  static Json array() { return Json(Array{}); }
  static Json object() { return Json(Object{}); }

  Kind kind() const { return static_cast<Kind>(v_.index()); }
  bool is_null() const { return kind() == Kind::Null; }
  bool is_bool() const { return kind() == Kind::Bool; }
  bool is_int() const { return kind() == Kind::Int; }
  bool is_number() const { return kind() == Kind::Int || kind() == Kind::Float; }
  bool is_string() const { return kind() == Kind::String; }
  bool is_array() const { return kind() == Kind::Array; }
  bool is_object() const { return kind() == Kind::Object; }

  bool as_bool() const { return get<bool>("a bool"); }
  std::int64_t as_int() const { return get<std::int64_t>("an integer"); }
  double as_number() const {
    if (is_int()) return static_cast<double>(std::get<std::int64_t>(v_));
    return get<double>("a number");
  }
  const std::string& as_string() const { return get<std::string>("a string"); }
  const Array& as_array() const { return get<Array>("an array"); }
  Array& as_array() { return get<Array>("an array"); }
  const Object& as_object() const { return get<Object>("an object"); }
  Object& as_object() { return get<Object>("an object"); }

  // Member lookup in an object (nullptr when absent or when this is not an object).
  const Json* find(std::string_view key) const {
    if (!is_object()) return nullptr;
    for (const auto& [k, v] : std::get<Object>(v_))
      if (k == key) return &v;
    return nullptr;
  }
  // Object member access, inserting null when absent (turns a null value into an object).
  Json& operator[](std::string_view key) {
    if (is_null()) v_ = Object{};
    auto& o = as_object();
    for (auto& [k, v] : o)
      if (k == key) return v;
    o.emplace_back(std::string(key), Json());
    return o.back().second;
  }
  void push_back(Json item) {
    if (is_null()) v_ = Array{};
    as_array().push_back(std::move(item));
  }
  bool operator==(const Json&) const = default;

  std::string dump() const {
    std::string out;
    dump_to(out);
    return out;
  }
  void dump_to(std::string& out) const {
    switch (kind()) {
      case Kind::Null: out += "null"; break;
      case Kind::Bool: out += std::get<bool>(v_) ? "true" : "false"; break;
      case Kind::Int: out += std::to_string(std::get<std::int64_t>(v_)); break;
      case Kind::Float: {
        double d = std::get<double>(v_);
        if (!std::isfinite(d)) {
          out += "null";  // JSON has no NaN/Infinity
          break;
        }
        char buf[32];
        auto r = std::to_chars(buf, buf + sizeof buf, d);
        std::string_view s(buf, static_cast<std::size_t>(r.ptr - buf));
        out += s;
        if (s.find_first_of(".eE") == std::string_view::npos) out += ".0";
        break;
      }
      case Kind::String: quote(std::get<std::string>(v_), out); break;
      case Kind::Array: {
        out += '[';
        bool first = true;
        for (const auto& x : std::get<Array>(v_)) {
          if (!first) out += ',';
          first = false;
          x.dump_to(out);
        }
        out += ']';
        break;
      }
      case Kind::Object: {
        out += '{';
        bool first = true;
        for (const auto& [k, x] : std::get<Object>(v_)) {
          if (!first) out += ',';
          first = false;
          quote(k, out);
          out += ':';
          x.dump_to(out);
        }
        out += '}';
        break;
      }
    }
  }

  // Parses one JSON document; throws std::invalid_argument naming the byte offset on malformed input.
  // Nesting deeper than max_depth is rejected (no unbounded recursion on hostile input).
  static Json parse(std::string_view text, int max_depth = 256) {
    Parser p{text, 0, max_depth};
    Json v = p.value(0);
    p.ws();
    if (p.i != text.size()) p.fail("trailing characters");
    return v;
  }

 private:
  template <class T>
  const T& get(const char* what) const {
    if (const T* p = std::get_if<T>(&v_)) return *p;
    throw std::invalid_argument(std::string("JSON value is not ") + what);
  }
  template <class T>
  T& get(const char* what) {
    if (T* p = std::get_if<T>(&v_)) return *p;
    throw std::invalid_argument(std::string("JSON value is not ") + what);
  }

  static void quote(std::string_view s, std::string& out) {
    static const char* hex = "0123456789abcdef";
    out += '"';
    for (char ch : s) {
      auto c = static_cast<unsigned char>(ch);
      switch (c) {
        case '"': out += "\\\""; break;
        case '\\': out += "\\\\"; break;
        case '\n': out += "\\n"; break;
        case '\r': out += "\\r"; break;
        case '\t': out += "\\t"; break;
        default:
          if (c < 0x20) {
            out += "\\u00";
            out += hex[c >> 4];
            out += hex[c & 15];
          } else {
            out += ch;
          }
      }
    }
    out += '"';
  }

  struct Parser {
    std::string_view s;
    std::size_t i;
    int max_depth;

    [[noreturn]] void fail(const char* what) const {
      throw std::invalid_argument(std::string("invalid JSON at byte ") + std::to_string(i) + ": " + what);
    }
    void ws() {
      while (i < s.size() && (s[i] == ' ' || s[i] == '\t' || s[i] == '\n' || s[i] == '\r')) ++i;
    }
    bool literal(std::string_view word) {
      if (s.substr(i, word.size()) != word) return false;
      i += word.size();
      return true;
    }
    Json value(int depth) {
      if (depth > max_depth) fail("nesting too deep");
      ws();
      if (i >= s.size()) fail("unexpected end");
      char c = s[i];
      if (c == '{') {
        ++i;
        Object o;
        ws();
        if (i < s.size() && s[i] == '}') {
          ++i;
          return Json(std::move(o));
        }
        for (;;) {
          ws();
          if (i >= s.size() || s[i] != '"') fail("expected a member name");
          std::string k = string();
          ws();
          if (i >= s.size() || s[i] != ':') fail("expected ':'");
          ++i;
          o.emplace_back(std::move(k), value(depth + 1));
          ws();
          if (i < s.size() && s[i] == ',') {
            ++i;
            continue;
          }
          if (i < s.size() && s[i] == '}') {
            ++i;
            return Json(std::move(o));
          }
          fail("expected ',' or '}'");
        }
      }
      if (c == '[') {
        ++i;
        Array a;
        ws();
        if (i < s.size() && s[i] == ']') {
          ++i;
          return Json(std::move(a));
        }
        for (;;) {
          a.push_back(value(depth + 1));
          ws();
          if (i < s.size() && s[i] == ',') {
            ++i;
            continue;
          }
          if (i < s.size() && s[i] == ']') {
            ++i;
            return Json(std::move(a));
          }
          fail("expected ',' or ']'");
        }
      }
      if (c == '"') return Json(string());
      if (literal("null")) return Json();
      if (literal("true")) return Json(true);
      if (literal("false")) return Json(false);
      return number();
    }
    unsigned hex4() {
      if (i + 4 > s.size()) fail("truncated \\u escape");
      unsigned v = 0;
      for (int k = 0; k < 4; ++k) {
        char h = s[i++];
        v <<= 4;
        if (h >= '0' && h <= '9') v |= static_cast<unsigned>(h - '0');
        else if (h >= 'a' && h <= 'f') v |= static_cast<unsigned>(h - 'a' + 10);
        else if (h >= 'A' && h <= 'F') v |= static_cast<unsigned>(h - 'A' + 10);
        else fail("bad \\u escape");
      }
      return v;
    }
    std::string string() {
      ++i;  // opening quote
      std::string out;
      for (;;) {
        if (i >= s.size()) fail("unterminated string");
        char c = s[i++];
        if (c == '"') return out;
        if (static_cast<unsigned char>(c) < 0x20) fail("control character in string");
        if (c != '\\') {
          out += c;
          continue;
        }
        if (i >= s.size()) fail("unterminated escape");
        char e = s[i++];
        switch (e) {
          case '"': out += '"'; break;
          case '\\': out += '\\'; break;
          case '/': out += '/'; break;
          case 'b': out += '\b'; break;
          case 'f': out += '\f'; break;
          case 'n': out += '\n'; break;
          case 'r': out += '\r'; break;
          case 't': out += '\t'; break;
          case 'u': {
            char32_t cp = hex4();
            if (cp >= 0xD800 && cp <= 0xDBFF && s.substr(i, 2) == "\\u") {
              std::size_t save = i;
              i += 2;
              char32_t lo = hex4();
              if (lo >= 0xDC00 && lo <= 0xDFFF) cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
              else i = save;
            }
            if (cp >= 0xD800 && cp <= 0xDFFF) cp = 0xFFFD;  // lone surrogate
            inv::utf8::append(out, cp);
            break;
          }
          default: fail("unknown escape");
        }
      }
    }
    Json number() {
      std::size_t start = i;
      if (i < s.size() && s[i] == '-') ++i;
      bool is_float = false;
      while (i < s.size()) {
        char c = s[i];
        if (c >= '0' && c <= '9') ++i;
        else if (c == '.' || c == 'e' || c == 'E' || c == '+' || c == '-') is_float = true, ++i;
        else break;
      }
      std::string_view t = s.substr(start, i - start);
      if (t.empty() || t == "-") fail("unexpected character");
      if (!is_float) {
        std::int64_t v = 0;
        auto r = std::from_chars(t.data(), t.data() + t.size(), v);
        if (r.ec == std::errc() && r.ptr == t.data() + t.size()) return Json(v);
      }
      double d = 0;
      auto r = std::from_chars(t.data(), t.data() + t.size(), d);
      if (r.ec != std::errc() || r.ptr != t.data() + t.size()) fail("bad number");
      return Json(d);
    }
  };

  std::variant<std::nullptr_t, bool, std::int64_t, double, std::string, Array, Object> v_;
};

}  // namespace invariant::sdk
