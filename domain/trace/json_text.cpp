// A JSON reader with CPython's json.loads acceptance rules and error messages (the C scanner of
// Modules/_json.c: same checks in the same order, same reported positions).
#include "domain/trace/json_text.hpp"

#include "common/utf8.hpp"

#include <charconv>
#include <cmath>
#include <cstdint>
#include <limits>

#include <boost/json.hpp>

namespace inv::detail {

namespace {

namespace json = boost::json;

struct Failure {
  const char* what;
  std::size_t pos;  // byte offset
  bool too_deep;
};

bool is_ws(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }
bool is_digit(char c) { return c >= '0' && c <= '9'; }

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}


class Reader {
 public:
  Reader(std::string_view s, int max_depth) : s_(s), n_(s.size()), max_depth_(max_depth) {}

  json::value document() {
    std::size_t i = 0;
    while (i < n_ && is_ws(s_[i])) ++i;
    json::value v = value(i, 0);
    while (i < n_ && is_ws(s_[i])) ++i;
    if (i != n_) throw Failure{"Extra data", i, false};
    return v;
  }

 private:
  std::string_view s_;
  std::size_t n_;
  int max_depth_;

  bool starts_with(std::size_t i, std::string_view word) const { return s_.substr(i, word.size()) == word; }

  json::value value(std::size_t& i, int depth) {
    if (i >= n_) throw Failure{"Expecting value", i, false};
    const char c = s_[i];
    switch (c) {
      case '"': {
        std::string text;
        i = string(i + 1, text);
        return json::value(json::string(text));
      }
      case '{': return object(i, depth + 1);
      case '[': return array(i, depth + 1);
      case 'n':
        if (starts_with(i, "null")) {
          i += 4;
          return json::value(nullptr);
        }
        break;
      case 't':
        if (starts_with(i, "true")) {
          i += 4;
          return json::value(true);
        }
        break;
      case 'f':
        if (starts_with(i, "false")) {
          i += 5;
          return json::value(false);
        }
        break;
      case 'N':
        if (starts_with(i, "NaN")) {
          i += 3;
          return json::value(std::numeric_limits<double>::quiet_NaN());
        }
        break;
      case 'I':
        if (starts_with(i, "Infinity")) {
          i += 8;
          return json::value(std::numeric_limits<double>::infinity());
        }
        break;
      case '-':
        if (starts_with(i, "-Infinity")) {
          i += 9;
          return json::value(-std::numeric_limits<double>::infinity());
        }
        break;
      default: break;
    }
    return number(i);
  }

  // -?(0|[1-9]\d*)(\.\d+)?([eE][-+]?\d+)?
  json::value number(std::size_t& i) {
    const std::size_t start = i;
    std::size_t j = i;
    if (j < n_ && s_[j] == '-') ++j;
    if (j < n_ && s_[j] >= '1' && s_[j] <= '9') {
      while (j < n_ && is_digit(s_[j])) ++j;
    } else if (j < n_ && s_[j] == '0') {
      ++j;
    } else {
      throw Failure{"Expecting value", start, false};
    }
    const std::size_t int_end = j;
    bool is_float = false;
    if (j + 1 < n_ && s_[j] == '.' && is_digit(s_[j + 1])) {
      j += 2;
      while (j < n_ && is_digit(s_[j])) ++j;
      is_float = true;
    }
    if (j < n_ && (s_[j] == 'e' || s_[j] == 'E')) {
      std::size_t k = j + 1;
      if (k < n_ && (s_[k] == '+' || s_[k] == '-')) ++k;
      if (k < n_ && is_digit(s_[k])) {
        while (k < n_ && is_digit(s_[k])) ++k;
        j = k;
        is_float = true;
      }
    }
    i = j;
    const char* b = s_.data() + start;
    const char* e = s_.data() + j;
    if (!is_float) {
      std::int64_t iv = 0;
      auto r = std::from_chars(b, e, iv);
      if (r.ec == std::errc() && r.ptr == e) return json::value(iv);
      // Beyond 64 bits: Python keeps an exact int; we fall back to the nearest double.
    }
    double d = 0;
    auto r = std::from_chars(b, e, d);
    if (r.ec == std::errc::result_out_of_range) {
      // Python's float() gives inf on overflow and 0.0 on underflow. Estimate the decimal magnitude.
      const char* p = b;
      const bool neg = *p == '-';
      if (neg) ++p;
      long magnitude = 0;
      const char* q = p;
      while (q < s_.data() + int_end && *q == '0') ++q;
      if (q < s_.data() + int_end) {
        magnitude = static_cast<long>(s_.data() + int_end - q);
      } else if (int_end < j && s_[int_end] == '.') {
        const char* f = s_.data() + int_end + 1;
        while (f < e && *f == '0') {
          --magnitude;
          ++f;
        }
      }
      const char* ep = b;
      while (ep < e && *ep != 'e' && *ep != 'E') ++ep;
      if (ep < e) {
        long ex = 0;
        const char* xs = ep + 1;
        bool xneg = false;
        if (*xs == '+' || *xs == '-') {
          xneg = *xs == '-';
          ++xs;
        }
        for (; xs < e && ex < 100000000; ++xs) ex = ex * 10 + (*xs - '0');
        magnitude += xneg ? -ex : ex;
      }
      d = magnitude > 0 ? std::numeric_limits<double>::infinity() : 0.0;
      if (neg) d = -d;
    }
    return json::value(d);
  }

  // `i` is just after the opening quote; returns the offset after the closing quote.
  std::size_t string(std::size_t i, std::string& out) {
    const std::size_t begin = i - 1;
    std::size_t end = i;
    while (true) {
      std::size_t next = end;
      char c = 0;
      for (; next < n_; ++next) {
        c = s_[next];
        if (c == '"' || c == '\\') break;
        if (static_cast<unsigned char>(c) <= 0x1F) throw Failure{"Invalid control character at", next, false};
      }
      if (next >= n_) throw Failure{"Unterminated string starting at", begin, false};
      out.append(s_.substr(end, next - end));
      ++next;
      if (c == '"') return next;
      if (next == n_) throw Failure{"Unterminated string starting at", begin, false};
      c = s_[next];
      if (c != 'u') {
        end = next + 1;
        switch (c) {
          case '"': out += '"'; break;
          case '\\': out += '\\'; break;
          case '/': out += '/'; break;
          case 'b': out += '\b'; break;
          case 'f': out += '\f'; break;
          case 'n': out += '\n'; break;
          case 'r': out += '\r'; break;
          case 't': out += '\t'; break;
          default: throw Failure{"Invalid \\escape", end - 2, false};
        }
        continue;
      }
      ++next;
      end = next + 4;
      if (end >= n_) throw Failure{"Invalid \\uXXXX escape", next - 1, false};
      char32_t cp = 0;
      for (; next < end; ++next) {
        const int h = hex_value(s_[next]);
        if (h < 0) throw Failure{"Invalid \\uXXXX escape", end - 5, false};
        cp = (cp << 4) | static_cast<char32_t>(h);
      }
      if (cp >= 0xD800 && cp <= 0xDBFF && end + 6 < n_ && s_[next] == '\\' && s_[next + 1] == 'u') {
        next += 2;
        end += 6;
        char32_t c2 = 0;
        for (; next < end; ++next) {
          const int h = hex_value(s_[next]);
          if (h < 0) throw Failure{"Invalid \\uXXXX escape", end - 5, false};
          c2 = (c2 << 4) | static_cast<char32_t>(h);
        }
        if (c2 >= 0xDC00 && c2 <= 0xDFFF) {
          cp = 0x10000 + ((cp - 0xD800) << 10) + (c2 - 0xDC00);
        } else {
          end -= 6;  // the second escape is read again on its own
        }
      }
      if (cp >= 0xD800 && cp <= 0xDFFF) cp = 0xFFFD;
      utf8::append(out, cp);
    }
  }

  void skip_ws(std::size_t& i) const {
    while (i < n_ && is_ws(s_[i])) ++i;
  }

  json::value object(std::size_t& i, int depth) {
    if (depth > max_depth_)
      throw Failure{"maximum recursion depth exceeded while decoding a JSON object from a unicode string", i, true};
    json::object obj;
    std::size_t idx = i + 1;
    skip_ws(idx);
    if (idx >= n_ || s_[idx] != '}') {
      while (true) {
        if (idx >= n_ || s_[idx] != '"') throw Failure{"Expecting property name enclosed in double quotes", idx, false};
        std::string key;
        idx = string(idx + 1, key);
        skip_ws(idx);
        if (idx >= n_ || s_[idx] != ':') throw Failure{"Expecting ':' delimiter", idx, false};
        ++idx;
        skip_ws(idx);
        json::value v = value(idx, depth);
        obj.insert_or_assign(key, std::move(v));
        skip_ws(idx);
        if (idx < n_ && s_[idx] == '}') break;
        if (idx >= n_ || s_[idx] != ',') throw Failure{"Expecting ',' delimiter", idx, false};
        ++idx;
        skip_ws(idx);
      }
    }
    i = idx + 1;
    return json::value(std::move(obj));
  }

  json::value array(std::size_t& i, int depth) {
    if (depth > max_depth_)
      throw Failure{"maximum recursion depth exceeded while decoding a JSON array from a unicode string", i, true};
    json::array arr;
    std::size_t idx = i + 1;
    skip_ws(idx);
    if (idx >= n_ || s_[idx] != ']') {
      while (true) {
        arr.push_back(value(idx, depth));
        skip_ws(idx);
        if (idx < n_ && s_[idx] == ']') break;
        if (idx >= n_ || s_[idx] != ',') throw Failure{"Expecting ',' delimiter", idx, false};
        ++idx;
        skip_ws(idx);
      }
    }
    i = idx + 1;
    return json::value(std::move(arr));
  }
};

// Python reports positions in code points: "line L column C (char P)".
std::string format_error(std::string_view s, const Failure& f) {
  std::size_t chars = 0, line = 1, col_start = 0;  // col_start: char index after the last newline
  for (std::size_t b = 0; b < f.pos && b < s.size(); ++b) {
    const auto c = static_cast<unsigned char>(s[b]);
    if ((c & 0xC0) == 0x80) continue;
    ++chars;
    if (c == '\n') {
      ++line;
      col_start = chars;
    }
  }
  std::string out = f.what;
  out += ": line " + std::to_string(line) + " column " + std::to_string(chars - col_start + 1) + " (char " +
         std::to_string(chars) + ")";
  return out;
}

}  // namespace

bool parse_python_json(std::string_view text, boost::json::value& out, PyJsonError& error, int max_depth) {
  if (text.substr(0, 3) == "\xEF\xBB\xBF") {
    error.message = "Unexpected UTF-8 BOM (decode using utf-8-sig): line 1 column 1 (char 0)";
    error.too_deep = false;
    return false;
  }
  try {
    Reader r(text, max_depth);
    out = r.document();
    return true;
  } catch (const Failure& f) {
    error.too_deep = f.too_deep;
    error.message = f.too_deep ? std::string(f.what) : format_error(text, f);
    return false;
  }
}

}  // namespace inv::detail
