#include "domain/eval/operators.hpp"

#include <cctype>
#include <cmath>
#include <cstdio>
#include <limits>

#include "domain/eval/errors.hpp"
#include "domain/result/py_repr.hpp"

namespace inv {

namespace {
bool is_num(const Value& v) { return v->type == Type::Int || v->type == Type::Float || v->type == Type::Bool; }
bool is_intlike(const Value& v) { return v->type == Type::Int || v->type == Type::Bool; }
std::int64_t int_of(const Value& v) { return v->type == Type::Bool ? (as_bool(v) ? 1 : 0) : as_int(v); }
double float_of(const Value& v) { return v->type == Type::Float ? as_float(v) : static_cast<double>(int_of(v)); }
bool is_seq(const Value& v) { return v->type == Type::List || v->type == Type::Tuple; }

[[noreturn]] void unsupported(const char* op, const Value& a, const Value& b) {
  throw_type_error(std::string("unsupported operand type(s) for ") + op + ": '" + type_name(a) + "' and '" +
                   type_name(b) + "'");
}
Value checked_int(__int128 v) {
  if (v > std::numeric_limits<std::int64_t>::max() || v < std::numeric_limits<std::int64_t>::min())
    throw PolicyRuntimeError("OverflowError", "integer result too large (this server uses 64-bit integers)");
  return make_int(static_cast<std::int64_t>(v));
}
}  // namespace

std::size_t utf8_byte_offset(const std::string& s, std::size_t cp) {
  std::size_t n = 0;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if ((static_cast<unsigned char>(s[i]) & 0xC0) != 0x80) {
      if (n == cp) return i;
      ++n;
    }
  }
  return s.size();
}

std::vector<std::string> utf8_chars(const std::string& s) {
  std::vector<std::string> out;
  for (std::size_t i = 0; i < s.size();) {
    std::size_t j = i + 1;
    while (j < s.size() && (static_cast<unsigned char>(s[j]) & 0xC0) == 0x80) ++j;
    out.emplace_back(s.substr(i, j - i));
    i = j;
  }
  return out;
}

bool truthy(const Value& v) {
  switch (v->type) {
    case Type::None: return false;
    case Type::Bool: return as_bool(v);
    case Type::Int: return as_int(v) != 0;
    case Type::Float: return as_float(v) != 0.0;
    case Type::Str: return !as_str(v).value.empty();
    case Type::List:
    case Type::Tuple: return !as_list(v).items.empty();
    case Type::Dict: return !as_dict(v).entries.empty();
    default: return true;
  }
}

bool py_equal(const Value& a, const Value& b) {
  if (a.get() == b.get()) return true;
  if (is_num(a) && is_num(b)) {
    if (is_intlike(a) && is_intlike(b)) return int_of(a) == int_of(b);
    return float_of(a) == float_of(b);
  }
  if (a->type != b->type) {
    return false;
  }
  switch (a->type) {
    case Type::None: return true;
    case Type::Str: return as_str(a).value == as_str(b).value;
    case Type::List:
    case Type::Tuple: {
      const auto& x = as_list(a).items;
      const auto& y = as_list(b).items;
      if (x.size() != y.size()) return false;
      for (std::size_t i = 0; i < x.size(); ++i)
        if (!py_equal(x[i], y[i])) return false;
      return true;
    }
    case Type::Dict: {
      const auto& x = as_dict(a);
      const auto& y = as_dict(b);
      if (x.entries.size() != y.entries.size()) return false;
      for (const auto& [k, v] : x.entries) {
        const Value* o = y.find(k);
        if (!o || !py_equal(v, *o)) return false;
      }
      return true;
    }
    case Type::Record: {
      const auto& x = as_record(a);
      const auto& y = as_record(b);
      if (x.cls != y.cls || x.fields.size() != y.fields.size()) return false;
      for (std::size_t i = 0; i < x.fields.size(); ++i)
        if (!py_equal(x.fields[i], y.fields[i])) return false;
      return true;
    }
    case Type::ToolRef: return static_cast<const ToolRefObj&>(*a).name == static_cast<const ToolRefObj&>(*b).name;
    default: return false;
  }
}

bool py_is(const Value& a, const Value& b) {
  if (a.get() == b.get()) return true;
  if (a->type != b->type) return false;
  switch (a->type) {
    case Type::None: return true;
    case Type::Bool: return as_bool(a) == as_bool(b);
    case Type::Int: return as_int(a) == as_int(b) && as_int(a) >= -5 && as_int(a) <= 256;
    default: return false;
  }
}

static int compare3(const char* op, const Value& a, const Value& b) {
  if (is_num(a) && is_num(b)) {
    if (is_intlike(a) && is_intlike(b)) {
      auto x = int_of(a), y = int_of(b);
      return x < y ? -1 : (x > y ? 1 : 0);
    }
    double x = float_of(a), y = float_of(b);
    if (std::isnan(x) || std::isnan(y)) return 2;  // unordered
    return x < y ? -1 : (x > y ? 1 : 0);
  }
  if (a->type == Type::Str && b->type == Type::Str) {
    int c = as_str(a).value.compare(as_str(b).value);  // UTF-8 byte order == code point order
    return c < 0 ? -1 : (c > 0 ? 1 : 0);
  }
  if (a->type == b->type && is_seq(a)) {
    const auto& x = as_list(a).items;
    const auto& y = as_list(b).items;
    for (std::size_t i = 0; i < x.size() && i < y.size(); ++i) {
      if (!py_equal(x[i], y[i])) return compare3(op, x[i], y[i]);
    }
    return x.size() < y.size() ? -1 : (x.size() > y.size() ? 1 : 0);
  }
  throw_type_error(std::string("'") + op + "' not supported between instances of '" + type_name(a) + "' and '" +
                   type_name(b) + "'");
}

bool py_compare(const char* op, const Value& a, const Value& b) {
  int c = compare3(op, a, b);
  if (c == 2) return false;
  std::string o(op);
  if (o == "<") return c < 0;
  if (o == ">") return c > 0;
  if (o == "<=") return c <= 0;
  return c >= 0;
}

Value py_add(const Value& a, const Value& b) {
  if (is_num(a) && is_num(b)) {
    if (is_intlike(a) && is_intlike(b)) return checked_int(static_cast<__int128>(int_of(a)) + int_of(b));
    return make_float(float_of(a) + float_of(b));
  }
  if (a->type == Type::Str && b->type == Type::Str) return make_str(as_str(a).value + as_str(b).value);
  if (a->type == b->type && is_seq(a)) {
    auto items = as_list(a).items;
    items.insert(items.end(), as_list(b).items.begin(), as_list(b).items.end());
    return a->type == Type::List ? make_list(std::move(items)) : make_tuple(std::move(items));
  }
  if (a->type == Type::Str) throw_type_error("can only concatenate str (not \"" + type_name(b) + "\") to str");
  if (a->type == Type::List)
    throw_type_error("can only concatenate list (not \"" + type_name(b) + "\") to list");
  unsupported("+", a, b);
}

Value py_sub(const Value& a, const Value& b) {
  if (is_num(a) && is_num(b)) {
    if (is_intlike(a) && is_intlike(b)) return checked_int(static_cast<__int128>(int_of(a)) - int_of(b));
    return make_float(float_of(a) - float_of(b));
  }
  unsupported("-", a, b);
}

static Value repeat(const Value& seq, std::int64_t n) {
  if (n < 0) n = 0;
  if (seq->type == Type::Str) {
    const auto& s = as_str(seq).value;
    if (static_cast<double>(s.size()) * static_cast<double>(n) > 64.0 * 1024 * 1024)
      throw PolicyRuntimeError("MemoryError", "string repetition result too large");
    std::string out;
    out.reserve(s.size() * static_cast<std::size_t>(n));
    for (std::int64_t i = 0; i < n; ++i) out += s;
    return make_str(std::move(out));
  }
  const auto& items = as_list(seq).items;
  if (static_cast<double>(items.size()) * static_cast<double>(n) > 16.0 * 1024 * 1024)
    throw PolicyRuntimeError("MemoryError", "list repetition result too large");
  std::vector<Value> out;
  for (std::int64_t i = 0; i < n; ++i) out.insert(out.end(), items.begin(), items.end());
  return seq->type == Type::List ? make_list(std::move(out)) : make_tuple(std::move(out));
}

Value py_mul(const Value& a, const Value& b) {
  if (is_num(a) && is_num(b)) {
    if (is_intlike(a) && is_intlike(b)) return checked_int(static_cast<__int128>(int_of(a)) * int_of(b));
    return make_float(float_of(a) * float_of(b));
  }
  if ((a->type == Type::Str || is_seq(a)) && is_intlike(b)) return repeat(a, int_of(b));
  if ((b->type == Type::Str || is_seq(b)) && is_intlike(a)) return repeat(b, int_of(a));
  if (a->type == Type::Str || is_seq(a) || b->type == Type::Str || is_seq(b)) {
    const Value& other = (a->type == Type::Str || is_seq(a)) ? b : a;
    throw_type_error("can't multiply sequence by non-int of type '" + type_name(other) + "'");
  }
  unsupported("*", a, b);
}

Value py_div(const Value& a, const Value& b) {
  if (is_num(a) && is_num(b)) {
    double y = float_of(b);
    if (y == 0.0)
      throw PolicyRuntimeError("ZeroDivisionError", is_intlike(a) && is_intlike(b) ? "division by zero"
                                                                                   : "float division by zero");
    return make_float(float_of(a) / y);
  }
  unsupported("/", a, b);
}

// printf-style formatting, `"%s: %d" % (a, b)`: the conversions s r a d i u f F e E g G x X o c and %%,
// with flags, width and precision.
static Value str_format(const std::string& fmt, const Value& arg) {
  std::vector<Value> args;
  const Value* mapping = nullptr;
  if (arg->type == Type::Tuple) args = as_list(arg).items;
  else if (arg->type == Type::Dict) mapping = &arg;
  else args.push_back(arg);
  std::size_t next = 0;
  bool used_mapping = false;
  std::string out;
  for (std::size_t i = 0; i < fmt.size(); ++i) {
    if (fmt[i] != '%') { out += fmt[i]; continue; }
    if (++i >= fmt.size()) throw_value_error("incomplete format");
    Value v;
    if (fmt[i] == '(') {
      std::size_t e = fmt.find(')', i);
      if (e == std::string::npos) throw_value_error("incomplete format key");
      if (!mapping) throw_type_error("format requires a mapping");
      std::string key = fmt.substr(i + 1, e - i - 1);
      const Value* found = as_dict(*mapping).find(key);
      if (!found) throw PolicyRuntimeError("KeyError", "'" + key + "'");
      v = *found;
      used_mapping = true;
      i = e + 1;
    }
    std::string flags;
    while (i < fmt.size() && std::string("-+ #0").find(fmt[i]) != std::string::npos) flags += fmt[i++];
    std::string width, precision;
    while (i < fmt.size() && std::isdigit(static_cast<unsigned char>(fmt[i]))) width += fmt[i++];
    if (i < fmt.size() && fmt[i] == '.') {
      ++i;
      while (i < fmt.size() && std::isdigit(static_cast<unsigned char>(fmt[i]))) precision += fmt[i++];
      if (precision.empty()) precision = "0";
    }
    if (i >= fmt.size()) throw_value_error("incomplete format");
    char conv = fmt[i];
    if (conv == '%') { out += '%'; continue; }
    if (!v) {
      if (mapping) v = *mapping;
      else if (next < args.size()) v = args[next++];
      else throw_type_error("not enough arguments for format string");
    }
    std::string piece;
    switch (conv) {
      case 's': piece = py_str(v); break;
      case 'r': case 'a': piece = py_repr(v); break;
      case 'd': case 'i': case 'u': case 'x': case 'X': case 'o': case 'c': {
        std::int64_t n;
        if (is_intlike(v)) n = int_of(v);
        else if (v->type == Type::Float) n = static_cast<std::int64_t>(as_float(v));
        else throw_type_error(std::string("%") + conv + " format: a real number is required, not " + type_name(v));
        char buf[64];
        std::string spec = "%" + flags + width + (conv == 'c' ? "c" : (std::string("ll") + (conv == 'i' || conv == 'u' ? 'd' : conv)));
        if (conv == 'c') std::snprintf(buf, sizeof buf, ("%" + flags + width + "c").c_str(), static_cast<int>(n));
        else std::snprintf(buf, sizeof buf, spec.c_str(), static_cast<long long>(n));
        piece = buf;
        break;
      }
      case 'f': case 'F': case 'e': case 'E': case 'g': case 'G': {
        if (!is_num(v)) throw_type_error(std::string("must be real number, not ") + type_name(v));
        char buf[512];
        std::string spec = "%" + flags + width + "." + (precision.empty() ? "6" : precision) + conv;
        std::snprintf(buf, sizeof buf, spec.c_str(), float_of(v));
        piece = buf;
        break;
      }
      default:
        throw_value_error(std::string("unsupported format character '") + conv + "' (0x" +
                          [](char c) { char b[8]; std::snprintf(b, sizeof b, "%x", static_cast<unsigned char>(c)); return std::string(b); }(conv) +
                          ") at index " + std::to_string(i));
    }
    if ((conv == 's' || conv == 'r' || conv == 'a') && !precision.empty() && piece.size() > std::stoul(precision))
      piece.resize(std::stoul(precision));
    if ((conv == 's' || conv == 'r' || conv == 'a') && !width.empty() && piece.size() < std::stoul(width)) {
      std::string pad(std::stoul(width) - piece.size(), ' ');
      piece = flags.find('-') != std::string::npos ? piece + pad : pad + piece;
    }
    out += piece;
  }
  if (!mapping && next < args.size()) throw_type_error("not all arguments converted during string formatting");
  (void)used_mapping;
  return make_str(out);
}

Value py_mod(const Value& a, const Value& b) {
  if (a->type == Type::Str) return str_format(as_str(a).value, b);
  if (is_num(a) && is_num(b)) {
    if (is_intlike(a) && is_intlike(b)) {
      auto x = int_of(a), y = int_of(b);
      if (y == 0) throw PolicyRuntimeError("ZeroDivisionError", "integer modulo by zero");
      auto r = x % y;
      if (r != 0 && ((r < 0) != (y < 0))) r += y;
      return make_int(r);
    }
    double x = float_of(a), y = float_of(b);
    if (y == 0.0) throw PolicyRuntimeError("ZeroDivisionError", "float modulo by zero");
    double r = std::fmod(x, y);
    if (r != 0 && ((r < 0) != (y < 0))) r += y;
    return make_float(r);
  }
  unsupported("%", a, b);
}

Value py_pow(const Value& a, const Value& b) {
  if (is_num(a) && is_num(b)) {
    if (is_intlike(a) && is_intlike(b) && int_of(b) >= 0) {
      __int128 base = int_of(a), result = 1;
      for (std::int64_t e = int_of(b); e > 0; --e) {
        result *= base;
        if (result > std::numeric_limits<std::int64_t>::max() || result < std::numeric_limits<std::int64_t>::min())
          return checked_int(result);
        if (base == 0 || base == 1) break;
      }
      return make_int(static_cast<std::int64_t>(result));
    }
    double x = float_of(a), y = float_of(b);
    if (x == 0.0 && y < 0)
      throw PolicyRuntimeError("ZeroDivisionError", "0.0 cannot be raised to a negative power");
    return make_float(std::pow(x, y));
  }
  unsupported("** or pow()", a, b);
}

Value py_neg(const Value& a) {
  if (is_intlike(a)) return checked_int(-static_cast<__int128>(int_of(a)));
  if (a->type == Type::Float) return make_float(-as_float(a));
  throw_type_error("bad operand type for unary -: '" + type_name(a) + "'");
}
Value py_pos(const Value& a) {
  if (is_intlike(a)) return make_int(int_of(a));
  if (a->type == Type::Float) return make_float(as_float(a));
  throw_type_error("bad operand type for unary +: '" + type_name(a) + "'");
}

bool py_contains(const Value& container, const Value& item) {
  switch (container->type) {
    case Type::Str:
      if (item->type != Type::Str)
        throw_type_error("'in <string>' requires string as left operand, not " + type_name(item));
      return as_str(container).value.find(as_str(item).value) != std::string::npos;
    case Type::List:
    case Type::Tuple:
      for (const auto& x : as_list(container).items)
        if (py_equal(x, item)) return true;
      return false;
    case Type::Dict:
      if (item->type == Type::List || item->type == Type::Dict)
        throw_type_error("unhashable type: '" + type_name(item) + "'");
      if (item->type != Type::Str) return false;
      return as_dict(container).find(as_str(item).value) != nullptr;
    default:
      throw_type_error("argument of type '" + type_name(container) + "' is not iterable");
  }
}

std::int64_t py_len(const Value& v) {
  switch (v->type) {
    case Type::Str: return static_cast<std::int64_t>(as_str(v).code_points);
    case Type::List:
    case Type::Tuple: return static_cast<std::int64_t>(as_list(v).items.size());
    case Type::Dict: return static_cast<std::int64_t>(as_dict(v).entries.size());
    default: throw_type_error("object of type '" + type_name(v) + "' has no len()");
  }
}

std::vector<Value> py_iterate(const Value& v) {
  switch (v->type) {
    case Type::Str: {
      std::vector<Value> out;
      for (auto& c : utf8_chars(as_str(v).value)) out.push_back(make_str(std::move(c)));
      return out;
    }
    case Type::List:
    case Type::Tuple: return as_list(v).items;
    case Type::Dict: {
      std::vector<Value> out;
      for (const auto& [k, _] : as_dict(v).entries) out.push_back(make_str(k));
      return out;
    }
    default: throw_type_error("'" + type_name(v) + "' object is not iterable");
  }
}

}  // namespace inv
