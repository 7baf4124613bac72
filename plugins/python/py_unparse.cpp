// `ast.unparse` of expressions, as CPython 3.12 prints them: operator precedence decides parentheses,
// constants print as their repr, f-strings are rebuilt from their parts.
#include <charconv>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <stdexcept>

#include "plugins/python/py_ast.hpp"
#include "plugins/python/py_lexer.hpp"

namespace inv::detectors::py {

namespace {

// Precedence levels, lowest binding first.
enum Prec : int {
  kPNamed, kPTuple, kPYield, kPTest, kPOr, kPAnd, kPNot, kPCmp, kPExpr, kPBor, kPBxor, kPBand, kPShift, kPArith,
  kPTerm, kPFactor, kPPower, kPAwait, kPAtom
};

constexpr int kMaxStrDigits = 4300;

const char* op_text(int op) {
  static const char* const t[] = {"+", "-", "*", "@", "/", "%", "**", "<<", ">>", "|", "^", "&", "//",
                                  "~", "not ", "+", "-", "and", "or", "==", "!=", "<", "<=", ">", ">=",
                                  "is", "is not", "in", "not in"};
  return t[op];
}

int binop_prec(int op) {
  switch (op) {
    case kBitOr: return kPBor;
    case kBitXor: return kPBxor;
    case kBitAnd: return kPBand;
    case kLShift: case kRShift: return kPShift;
    case kAdd: case kSub: return kPArith;
    case kPow: return kPPower;
    default: return kPTerm;
  }
}

std::string hex_escape(unsigned v, int width, char kind) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "\\%c%0*x", kind, width, v);
  return buf;
}

// Escapes text (UTF-8, possibly with encoded surrogates) the way repr() does inside `quote` quotes.
void escape_text(std::string& out, std::string_view s, char quote, bool braces) {
  for (std::size_t i = 0; i < s.size();) {
    std::size_t len = 1;
    const char32_t c = decode_at(s, i, &len);
    const std::string_view raw = s.substr(i, len);
    i += len;
    if (c == '\\') out += "\\\\";
    else if (c == static_cast<char32_t>(quote)) { out += '\\'; out += quote; }
    else if (c == '\n') out += "\\n";
    else if (c == '\r') out += "\\r";
    else if (c == '\t') out += "\\t";
    else if (braces && (c == '{' || c == '}')) { out += static_cast<char>(c); out += static_cast<char>(c); }
    else if (c < 0x20 || c == 0x7F) out += hex_escape(c, 2, 'x');
    else if (c < 0x7F) out += static_cast<char>(c);
    else if ((c >= 0xD800 && c <= 0xDFFF) || !is_printable(c)) {
      out += c < 0x100 ? hex_escape(c, 2, 'x') : c < 0x10000 ? hex_escape(c, 4, 'u') : hex_escape(c, 8, 'U');
    } else {
      out += raw;
    }
  }
}

char choose_quote(std::string_view s) {
  const bool single = s.find('\'') != std::string_view::npos;
  const bool dbl = s.find('"') != std::string_view::npos;
  return single && !dbl ? '"' : '\'';
}

std::string str_repr(std::string_view s) {
  const char q = choose_quote(s);
  std::string out(1, q);
  escape_text(out, s, q, false);
  out += q;
  return out;
}

std::string bytes_repr(std::string_view s) {
  const char q = choose_quote(s);
  std::string out = "b";
  out += q;
  for (unsigned char c : s) {
    if (c == '\\') out += "\\\\";
    else if (c == static_cast<unsigned char>(q)) { out += '\\'; out += q; }
    else if (c == '\n') out += "\\n";
    else if (c == '\r') out += "\\r";
    else if (c == '\t') out += "\\t";
    else if (c < 0x20 || c >= 0x7F) out += hex_escape(c, 2, 'x');
    else out += static_cast<char>(c);
  }
  out += q;
  return out;
}

std::string float_repr(double v, bool complex_part) {
  if (std::isinf(v)) return "1e309";
  if (std::isnan(v)) return "nan";
  char buf[64];
  auto res = std::to_chars(buf, buf + sizeof buf, v, std::chars_format::scientific);
  std::string sci(buf, res.ptr);
  const std::size_t epos = sci.find('e');
  std::string mant = sci.substr(0, epos);
  const int exp = std::atoi(sci.c_str() + epos + 1);
  std::string digits;
  for (char c : mant) {
    if (c != '.') digits += c;
  }
  if (exp < -4 || exp >= 16) {
    std::string out(1, digits[0]);
    if (digits.size() > 1) out += "." + digits.substr(1);
    char e[16];
    std::snprintf(e, sizeof e, "e%c%02d", exp < 0 ? '-' : '+', exp < 0 ? -exp : exp);
    return out + e;
  }
  std::string out;
  if (exp < 0) {
    out = "0." + std::string(static_cast<std::size_t>(-exp - 1), '0') + digits;
  } else if (static_cast<int>(digits.size()) <= exp + 1) {
    out = digits + std::string(static_cast<std::size_t>(exp + 1) - digits.size(), '0');
    if (!complex_part) out += ".0";
  } else {
    out = digits.substr(0, static_cast<std::size_t>(exp + 1)) + "." + digits.substr(static_cast<std::size_t>(exp + 1));
  }
  return out;
}

double parse_float(std::string_view text) {
  std::string clean;
  for (char c : text) {
    if (c != '_' && c != 'j' && c != 'J') clean += c;
  }
  return std::strtod(clean.c_str(), nullptr);
}

const char* const kDigitsError =
    "Exceeds the limit (4300 digits) for integer string conversion; use sys.set_int_max_str_digits() to increase "
    "the limit";

std::string int_repr(std::string_view text) {
  std::string clean;
  for (char c : text) {
    if (c != '_') clean += c;
  }
  int base = 10;
  std::size_t start = 0;
  if (clean.size() > 1 && clean[0] == '0') {
    const char k = static_cast<char>(clean[1] | 0x20);
    if (k == 'x') base = 16;
    if (k == 'o') base = 8;
    if (k == 'b') base = 2;
    if (base != 10) start = 2;
  }
  if (base == 10) {
    const std::size_t nz = clean.find_first_not_of('0');
    std::string out = nz == std::string::npos ? "0" : clean.substr(nz);
    if (out.size() > kMaxStrDigits) throw std::runtime_error(kDigitsError);
    return out;
  }
  const int bits_per = base == 16 ? 4 : base == 8 ? 3 : 1;
  std::size_t first = clean.find_first_not_of('0', start);
  if (first == std::string::npos) return "0";
  const double bits = static_cast<double>((clean.size() - first) * bits_per);
  if (bits * 0.30102999566398120 > kMaxStrDigits + 2) throw std::runtime_error(kDigitsError);
  std::vector<std::uint32_t> limbs{0};  // base 1e9, little endian
  for (std::size_t i = first; i < clean.size(); ++i) {
    const char c = clean[i];
    std::uint64_t carry = static_cast<std::uint64_t>(c <= '9' ? c - '0' : (c | 0x20) - 'a' + 10);
    for (auto& l : limbs) {
      const std::uint64_t v = static_cast<std::uint64_t>(l) * static_cast<std::uint64_t>(base) + carry;
      l = static_cast<std::uint32_t>(v % 1000000000u);
      carry = v / 1000000000u;
    }
    if (carry) limbs.push_back(static_cast<std::uint32_t>(carry));
  }
  std::string out = std::to_string(limbs.back());
  for (std::size_t i = limbs.size() - 1; i-- > 0;) {
    char buf[16];
    std::snprintf(buf, sizeof buf, "%09u", limbs[i]);
    out += buf;
  }
  if (out.size() > kMaxStrDigits) throw std::runtime_error(kDigitsError);
  return out;
}

class Unparser {
 public:
  std::string run(const Node* n) {
    expr(n, kPTest);
    return std::move(out_);
  }

 private:
  void expr(const Node* n, int need);
  void args(const Node* a);
  void comprehensions(const Node* n, std::size_t from);
  void fstring_body(const Node* j, std::string& body);
  void constant(const Node* n);
  void seq(const Node* n, std::size_t from, std::size_t to) {
    for (std::size_t i = from; i < to; ++i) {
      if (i > from) out_ += ", ";
      expr(n->kids[i], kPTest);
    }
  }
  struct Parens {
    Unparser& u;
    bool on;
    Parens(Unparser& up, bool b) : u(up), on(b) { if (on) u.out_ += '('; }
    ~Parens() { if (on) u.out_ += ')'; }
  };
  std::string out_;
};

void Unparser::constant(const Node* n) {
  switch (n->op) {
    case kStr: if (n->n[0]) out_ += 'u'; out_ += str_repr(n->text); break;
    case kBytes: out_ += bytes_repr(n->text); break;
    case kInt: out_ += int_repr(n->text); break;
    case kFloat: out_ += float_repr(parse_float(n->text), false); break;
    case kImag: out_ += float_repr(parse_float(n->text), true) + "j"; break;
    case kTrue: out_ += "True"; break;
    case kFalse: out_ += "False"; break;
    case kNone: out_ += "None"; break;
    default: out_ += "..."; break;
  }
}

void Unparser::args(const Node* a) {
  const int posonly = a->n[0], plain = a->n[1], kwonly = a->n[2];
  const std::size_t vararg = static_cast<std::size_t>(posonly + plain);
  const std::size_t kwonly_at = vararg + 1;
  const std::size_t kwdef_at = kwonly_at + static_cast<std::size_t>(kwonly);
  const std::size_t kwarg = kwdef_at + static_cast<std::size_t>(kwonly);
  const std::size_t defaults_at = kwarg + 1;
  const std::size_t ndefaults = a->kids.size() - defaults_at;
  bool first = true;
  auto sep = [&]() {
    if (!first) out_ += ", ";
    first = false;
  };
  auto arg = [&](const Node* p) {
    out_ += p->text;
    if (!p->kids.empty() && p->kids[0] != nullptr) {
      out_ += ": ";
      expr(p->kids[0], kPTest);
    }
  };
  const std::size_t positional = vararg;
  for (std::size_t i = 0; i < positional; ++i) {
    sep();
    arg(a->kids[i]);
    if (i + ndefaults >= positional) {
      out_ += '=';
      expr(a->kids[defaults_at + i + ndefaults - positional], kPTest);
    }
    if (posonly > 0 && i + 1 == static_cast<std::size_t>(posonly)) out_ += ", /";
  }
  if (a->kids[vararg] != nullptr || kwonly > 0) {
    sep();
    out_ += '*';
    if (a->kids[vararg] != nullptr) arg(a->kids[vararg]);
  }
  for (int i = 0; i < kwonly; ++i) {
    sep();
    arg(a->kids[kwonly_at + static_cast<std::size_t>(i)]);
    if (const Node* d = a->kids[kwdef_at + static_cast<std::size_t>(i)]) {
      out_ += '=';
      expr(d, kPTest);
    }
  }
  if (a->kids[kwarg] != nullptr) {
    sep();
    out_ += "**";
    arg(a->kids[kwarg]);
  }
}

void Unparser::comprehensions(const Node* n, std::size_t from) {
  for (std::size_t i = from; i < n->kids.size(); ++i) {
    const Node* c = n->kids[i];
    out_ += c->op ? " async for " : " for ";
    expr(c->kids[0], kPTuple);
    out_ += " in ";
    expr(c->kids[1], kPOr);
    for (std::size_t k = 2; k < c->kids.size(); ++k) {
      out_ += " if ";
      expr(c->kids[k], kPOr);
    }
  }
}

void Unparser::fstring_body(const Node* j, std::string& body) {
  for (const Node* part : j->kids) {
    if (part->kind == Kind::Constant) {
      escape_text(body, part->text, '\'', true);
      continue;
    }
    Unparser inner;
    inner.expr(part->kids[0], kPTest + 1);
    std::string text = std::move(inner.out_);
    body += '{';
    if (!text.empty() && text[0] == '{') body += ' ';
    body += text;
    if (part->op != 0) {
      body += '!';
      body += static_cast<char>(part->op);
    }
    if (part->kids[1] != nullptr) {
      body += ':';
      fstring_body(part->kids[1], body);
    }
    body += '}';
  }
}

void Unparser::expr(const Node* n, int need) {
  switch (n->kind) {
    case Kind::Name: out_ += n->text; return;
    case Kind::Constant: constant(n); return;
    case Kind::Attribute: {
      const Node* v = n->kids[0];
      expr(v, kPAtom);
      if (v->kind == Kind::Constant && (v->op == kInt || v->op == kTrue || v->op == kFalse)) out_ += ' ';
      out_ += '.';
      out_ += n->text;
      return;
    }
    case Kind::Call: {
      expr(n->kids[0], kPAtom);
      out_ += '(';
      bool first = true;
      for (std::size_t i = 1; i < n->kids.size(); ++i) {
        if (!first) out_ += ", ";
        first = false;
        const Node* a = n->kids[i];
        if (a->kind == Kind::Keyword) {
          if (a->n[0]) {
            out_ += a->text + "=";
          } else {
            out_ += "**";
          }
          expr(a->kids[0], a->n[0] ? kPTest : kPExpr);
        } else {
          expr(a, kPTest);
        }
      }
      out_ += ')';
      return;
    }
    case Kind::Subscript: {
      expr(n->kids[0], kPAtom);
      out_ += '[';
      const Node* s = n->kids[1];
      if (s->kind == Kind::Tuple && !s->kids.empty()) {
        seq(s, 0, s->kids.size());
        if (s->kids.size() == 1) out_ += ',';
      } else {
        expr(s, kPTuple);
      }
      out_ += ']';
      return;
    }
    case Kind::Slice:
      if (n->kids[0]) expr(n->kids[0], kPTest);
      out_ += ':';
      if (n->kids[1]) expr(n->kids[1], kPTest);
      if (n->kids[2]) {
        out_ += ':';
        expr(n->kids[2], kPTest);
      }
      return;
    case Kind::Starred:
      out_ += '*';
      expr(n->kids[0], kPExpr);
      return;
    case Kind::BinOp: {
      const int p = binop_prec(n->op);
      Parens par(*this, need > p);
      const bool right_assoc = n->op == kPow;
      expr(n->kids[0], right_assoc ? p + 1 : p);
      out_ += ' ';
      out_ += op_text(n->op);
      out_ += ' ';
      expr(n->kids[1], right_assoc ? p : p + 1);
      return;
    }
    case Kind::UnaryOp: {
      const int p = n->op == kNot ? kPNot : kPFactor;
      Parens par(*this, need > p);
      out_ += op_text(n->op);
      expr(n->kids[0], p);
      return;
    }
    case Kind::BoolOp: {
      const int p = n->op == kAnd ? kPAnd : kPOr;
      Parens par(*this, need > p);
      int level = p + 1;
      for (std::size_t i = 0; i < n->kids.size(); ++i) {
        if (i > 0) {
          out_ += n->op == kAnd ? " and " : " or ";
          ++level;
        }
        expr(n->kids[i], i == 0 ? p + 1 : level);
      }
      return;
    }
    case Kind::Compare: {
      Parens par(*this, need > kPCmp);
      expr(n->kids[0], kPCmp + 1);
      for (std::size_t i = 1; i < n->kids.size(); ++i) {
        out_ += ' ';
        out_ += op_text(static_cast<unsigned char>(n->text[i - 1]));
        out_ += ' ';
        expr(n->kids[i], kPCmp + 1);
      }
      return;
    }
    case Kind::IfExp: {
      Parens par(*this, need > kPTest);
      expr(n->kids[1], kPTest + 1);
      out_ += " if ";
      expr(n->kids[0], kPTest + 1);
      out_ += " else ";
      expr(n->kids[2], kPTest);
      return;
    }
    case Kind::Lambda: {
      Parens par(*this, need > kPTest);
      out_ += "lambda";
      const Node* a = n->kids[0];
      bool any = false;
      for (const Node* k : a->kids) any |= k != nullptr;
      if (any) {
        out_ += ' ';
        args(a);
      }
      out_ += ": ";
      expr(n->kids[1], kPTest);
      return;
    }
    case Kind::NamedExpr: {
      Parens par(*this, need > kPNamed);
      expr(n->kids[0], kPAtom);
      out_ += " := ";
      expr(n->kids[1], kPAtom);
      return;
    }
    case Kind::Await: {
      Parens par(*this, need > kPAwait);
      out_ += "await ";
      expr(n->kids[0], kPAtom);
      return;
    }
    case Kind::Yield: case Kind::YieldFrom: {
      Parens par(*this, need > kPYield);
      out_ += n->kind == Kind::Yield ? "yield" : "yield from";
      if (!n->kids.empty()) {
        out_ += ' ';
        expr(n->kids[0], kPYield);
      }
      return;
    }
    case Kind::Tuple: {
      Parens par(*this, n->kids.empty() || need > kPTuple);
      seq(n, 0, n->kids.size());
      if (n->kids.size() == 1) out_ += ',';
      return;
    }
    case Kind::List:
      out_ += '[';
      seq(n, 0, n->kids.size());
      out_ += ']';
      return;
    case Kind::Set:
      if (n->kids.empty()) {
        out_ += "{*()}";
        return;
      }
      out_ += '{';
      seq(n, 0, n->kids.size());
      out_ += '}';
      return;
    case Kind::Dict: {
      out_ += '{';
      const std::size_t count = static_cast<std::size_t>(n->n[0]);
      for (std::size_t i = 0; i < count; ++i) {
        if (i > 0) out_ += ", ";
        if (n->kids[i] == nullptr) {
          out_ += "**";
          expr(n->kids[count + i], kPExpr);
        } else {
          expr(n->kids[i], kPTest);
          out_ += ": ";
          expr(n->kids[count + i], kPTest);
        }
      }
      out_ += '}';
      return;
    }
    case Kind::ListComp: case Kind::SetComp: case Kind::GeneratorExp: {
      const char open = n->kind == Kind::ListComp ? '[' : n->kind == Kind::SetComp ? '{' : '(';
      const char close = n->kind == Kind::ListComp ? ']' : n->kind == Kind::SetComp ? '}' : ')';
      out_ += open;
      expr(n->kids[0], kPTest);
      comprehensions(n, 1);
      out_ += close;
      return;
    }
    case Kind::DictComp:
      out_ += '{';
      expr(n->kids[0], kPTest);
      out_ += ": ";
      expr(n->kids[1], kPTest);
      comprehensions(n, 2);
      out_ += '}';
      return;
    case Kind::JoinedStr: {
      std::string literal;
      for (const Node* part : n->kids) {
        if (part->kind == Kind::Constant) literal += part->text;
      }
      std::string body;
      fstring_body(n, body);
      const char q = choose_quote(literal);
      if (q == '"') {
        // the body was escaped for single quotes; undo that for the double-quoted form
        std::string fixed;
        for (std::size_t i = 0; i < body.size(); ++i) {
          if (body[i] == '\\' && i + 1 < body.size() && body[i + 1] == '\'') {
            fixed += '\'';
            ++i;
          } else {
            if (body[i] == '\\' && i + 1 < body.size()) {
              fixed += body[i];
              ++i;
            }
            fixed += body[i];
          }
        }
        body = std::move(fixed);
      }
      out_ += 'f';
      out_ += q;
      out_ += body;
      out_ += q;
      return;
    }
    default:
      return;
  }
}

}  // namespace

std::string unparse(const Node* n) { return Unparser().run(n); }

}  // namespace inv::detectors::py
