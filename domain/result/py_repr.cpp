// Python 3.12 repr()/str() and pydantic 2 model printing (TRACE_AND_RESULTS.md §5.2).
#include "domain/result/py_repr.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>

#include <unicode/uchar.h>

namespace inv {

namespace {

// Decodes one code point of `s` at byte offset `i` and advances `i`. Invalid bytes decode as
// U+DC80+byte (Python's surrogateescape), so they print as `\udcNN` and never abort printing. Encoded
// surrogates (ED A0..BF xx) decode as the surrogate code point.
char32_t decode_utf8(std::string_view s, std::size_t& i) {
  const auto b0 = static_cast<unsigned char>(s[i]);
  if (b0 < 0x80) {
    ++i;
    return b0;
  }
  auto cont = [&](std::size_t k) -> int {
    if (i + k >= s.size()) return -1;
    const auto b = static_cast<unsigned char>(s[i + k]);
    return (b & 0xC0) == 0x80 ? (b & 0x3F) : -1;
  };
  if (b0 >= 0xC2 && b0 <= 0xDF) {
    int c1 = cont(1);
    if (c1 >= 0) {
      i += 2;
      return (static_cast<char32_t>(b0 & 0x1F) << 6) | static_cast<char32_t>(c1);
    }
  } else if (b0 >= 0xE0 && b0 <= 0xEF) {
    int c1 = cont(1), c2 = cont(2);
    if (c1 >= 0 && c2 >= 0) {
      char32_t cp =
          (static_cast<char32_t>(b0 & 0x0F) << 12) | (static_cast<char32_t>(c1) << 6) | static_cast<char32_t>(c2);
      if (cp >= 0x800) {
        i += 3;
        return cp;
      }
    }
  } else if (b0 >= 0xF0 && b0 <= 0xF4) {
    int c1 = cont(1), c2 = cont(2), c3 = cont(3);
    if (c1 >= 0 && c2 >= 0 && c3 >= 0) {
      char32_t cp = (static_cast<char32_t>(b0 & 0x07) << 18) | (static_cast<char32_t>(c1) << 12) |
                    (static_cast<char32_t>(c2) << 6) | static_cast<char32_t>(c3);
      if (cp >= 0x10000 && cp <= 0x10FFFF) {
        i += 4;
        return cp;
      }
    }
  }
  ++i;
  return 0xDC00 + b0;
}

constexpr char kHex[] = "0123456789abcdef";

void append_hex_escape(std::string& out, char kind, char32_t cp, int digits) {
  out += '\\';
  out += kind;
  for (int shift = (digits - 1) * 4; shift >= 0; shift -= 4) out += kHex[(cp >> shift) & 0xF];
}

void append_int(std::string& out, std::int64_t v) {
  char buf[24];
  auto r = std::to_chars(buf, buf + sizeof buf, v);
  out.append(buf, r.ptr);
}

void append_float(std::string& out, double d) {
  if (std::isnan(d)) {
    out += "nan";
    return;
  }
  if (std::isinf(d)) {
    out += d < 0 ? "-inf" : "inf";
    return;
  }
  // Shortest round-trip digits in scientific form ("1.5e+16", "-1e-05", "0e+00"), then laid out the
  // way CPython's float_repr_style 'short' does: fixed notation when -4 <= exponent < 16.
  char buf[64];
  auto r = std::to_chars(buf, buf + sizeof buf, d, std::chars_format::scientific);
  std::string_view sci(buf, static_cast<std::size_t>(r.ptr - buf));
  bool neg = false;
  if (!sci.empty() && sci[0] == '-') {
    neg = true;
    sci.remove_prefix(1);
  }
  const auto epos = sci.find('e');
  std::string digits;
  for (char c : sci.substr(0, epos))
    if (c != '.') digits += c;
  int exp10 = 0;
  {
    std::string_view e = sci.substr(epos + 1);
    if (!e.empty() && e[0] == '+') e.remove_prefix(1);
    std::from_chars(e.data(), e.data() + e.size(), exp10);
  }
  const int decpt = exp10 + 1;  // value = 0.DIGITS * 10^decpt
  if (neg) out += '-';
  if (decpt > -4 && decpt <= 16) {
    if (decpt <= 0) {
      out += "0.";
      out.append(static_cast<std::size_t>(-decpt), '0');
      out += digits;
    } else if (static_cast<std::size_t>(decpt) >= digits.size()) {
      out += digits;
      out.append(static_cast<std::size_t>(decpt) - digits.size(), '0');
      out += ".0";
    } else {
      out.append(digits, 0, static_cast<std::size_t>(decpt));
      out += '.';
      out.append(digits, static_cast<std::size_t>(decpt), std::string::npos);
    }
    return;
  }
  out += digits[0];
  if (digits.size() > 1) {
    out += '.';
    out.append(digits, 1, std::string::npos);
  }
  out += 'e';
  const int e = decpt - 1;
  out += e < 0 ? '-' : '+';
  const int ae = e < 0 ? -e : e;
  if (ae < 10) out += '0';
  append_int(out, ae);
}

// pydantic's field list: `name=repr(value)` joined by `sep`.
void append_fields(std::string& out, const RecordObj& r, std::string_view sep) {
  const auto n = std::min(r.cls->fields.size(), r.fields.size());
  for (std::size_t i = 0; i < n; ++i) {
    if (i) out += sep;
    out += r.cls->fields[i];
    out += '=';
    append_py_repr(out, r.fields[i]);
  }
}

}  // namespace

bool py_isprintable(char32_t cp) {
  if (cp < 0x80) return cp >= 0x20 && cp < 0x7F;
  if (cp > 0x10FFFF) return false;
  switch (u_charType(static_cast<UChar32>(cp))) {
    case U_UNASSIGNED:           // Cn
    case U_CONTROL_CHAR:         // Cc
    case U_FORMAT_CHAR:          // Cf
    case U_SURROGATE:            // Cs
    case U_PRIVATE_USE_CHAR:     // Co
    case U_LINE_SEPARATOR:       // Zl
    case U_PARAGRAPH_SEPARATOR:  // Zp
    case U_SPACE_SEPARATOR:      // Zs
      return false;
    default: return true;
  }
}

void append_repr_string(std::string& out, std::string_view s) {
  const bool has_single = s.find('\'') != std::string_view::npos;
  const bool has_double = s.find('"') != std::string_view::npos;
  const char quote = (has_single && !has_double) ? '"' : '\'';
  out.reserve(out.size() + s.size() + 2);
  out += quote;
  std::size_t i = 0;
  while (i < s.size()) {
    const std::size_t start = i;
    const char32_t cp = decode_utf8(s, i);
    if (cp < 0x80) {
      const char c = static_cast<char>(cp);
      if (c == quote || c == '\\') {
        out += '\\';
        out += c;
      } else if (c == '\t') {
        out += "\\t";
      } else if (c == '\n') {
        out += "\\n";
      } else if (c == '\r') {
        out += "\\r";
      } else if (cp < 0x20 || cp == 0x7F) {
        append_hex_escape(out, 'x', cp, 2);
      } else {
        out += c;
      }
    } else if (py_isprintable(cp)) {
      out.append(s.substr(start, i - start));
    } else if (cp <= 0xFF) {
      append_hex_escape(out, 'x', cp, 2);
    } else if (cp <= 0xFFFF) {
      append_hex_escape(out, 'u', cp, 4);
    } else {
      append_hex_escape(out, 'U', cp, 8);
    }
  }
  out += quote;
}

std::string float_repr(double d) {
  std::string out;
  append_float(out, d);
  return out;
}

void append_py_repr(std::string& out, const Value& v) {
  if (!v) {
    out += "None";
    return;
  }
  switch (v->type) {
    case Type::Unknown: out += "<UNKNOWN>"; return;
    case Type::Nop: out += "<NOP>"; return;
    case Type::None: out += "None"; return;
    case Type::Bool: out += as_bool(v) ? "True" : "False"; return;
    case Type::Int: append_int(out, as_int(v)); return;
    case Type::Float: append_float(out, as_float(v)); return;
    case Type::Str: append_repr_string(out, as_str(v).value); return;
    case Type::List: {
      out += '[';
      bool first = true;
      for (const auto& item : as_list(v).items) {
        if (!first) out += ", ";
        first = false;
        append_py_repr(out, item);
      }
      out += ']';
      return;
    }
    case Type::Tuple: {
      const auto& items = as_list(v).items;
      out += '(';
      for (std::size_t i = 0; i < items.size(); ++i) {
        if (i) out += ", ";
        append_py_repr(out, items[i]);
      }
      if (items.size() == 1) out += ',';
      out += ')';
      return;
    }
    case Type::Dict: {
      out += '{';
      bool first = true;
      for (const auto& [k, item] : as_dict(v).entries) {
        if (!first) out += ", ";
        first = false;
        append_repr_string(out, k);
        out += ": ";
        append_py_repr(out, item);
      }
      out += '}';
      return;
    }
    case Type::Record: {
      const auto& r = as_record(v);
      out += r.cls->name;
      out += '(';
      append_fields(out, r, ", ");
      out += ')';
      return;
    }
    case Type::Callable:
      out += "<function ";
      out += static_cast<const CallableObj&>(*v).name();
      out += '>';
      return;
    case Type::ToolRef:
      out += "ToolReference(";
      out += static_cast<const ToolRefObj&>(*v).name;
      out += ')';
      return;
    case Type::Module: out += "<module>"; return;
    case Type::Input: out += "<Input>"; return;
  }
  out += "<object>";
}

std::string py_repr(const Value& v) {
  std::string out;
  append_py_repr(out, v);
  return out;
}

void append_py_str(std::string& out, const Value& v) {
  if (v && v->type == Type::Str) {
    out += as_str(v).value;
  } else if (v && v->type == Type::Record) {
    append_fields(out, as_record(v), " ");
  } else {
    append_py_repr(out, v);
  }
}

std::string py_str(const Value& v) {
  std::string out;
  append_py_str(out, v);
  return out;
}

}  // namespace inv
