// String literals of the parser: escape decoding, implicit concatenation, f-strings (PEP 701) with nested
// replacement fields, debug `=` text, conversions and format specs; see py_parser.hpp.
#include <unicode/uchar.h>

#include "common/utf8.hpp"
#include "plugins/python/py_parser.hpp"

namespace inv::detectors::py {

namespace {

int hexval(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  c = static_cast<char>(c | 0x20);
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  return -1;
}

void append_code_point(std::string& out, char32_t cp) {
  // Lone surrogates from \ud800-style escapes are kept in the (generalised) UTF-8 form.
  utf8::append(out, cp);
}

}  // namespace

std::string decode_string_body(std::string_view s, bool raw, bool bytes, int line, bool collapse_braces) {
  std::string out;
  out.reserve(s.size());
  if (bytes) {
    for (char c : s) {
      if (static_cast<unsigned char>(c) >= 0x80) throw SyntaxIssue{"bytes can only contain ASCII literal characters", line};
    }
  }
  auto unicode_error = [&](std::size_t a, std::size_t b, const std::string& what) -> SyntaxIssue {
    return SyntaxIssue{"(unicode error) 'unicodeescape' codec can't decode bytes in position " + std::to_string(a) +
                           "-" + std::to_string(b) + ": " + what,
                       line};
  };
  for (std::size_t i = 0; i < s.size(); ++i) {
    const char c = s[i];
    if (collapse_braces && (c == '{' || c == '}') && i + 1 < s.size() && s[i + 1] == c) {
      out += c;
      ++i;
      continue;
    }
    if (c != '\\' || raw || i + 1 >= s.size()) {
      out += c;
      continue;
    }
    const char e = s[i + 1];
    const std::size_t at = i;
    i += 1;
    switch (e) {
      case '\n': break;
      case '\\': out += '\\'; break;
      case '\'': out += '\''; break;
      case '"': out += '"'; break;
      case 'a': out += '\a'; break;
      case 'b': out += '\b'; break;
      case 'f': out += '\f'; break;
      case 'n': out += '\n'; break;
      case 'r': out += '\r'; break;
      case 't': out += '\t'; break;
      case 'v': out += '\v'; break;
      case '0': case '1': case '2': case '3': case '4': case '5': case '6': case '7': {
        unsigned v = 0;
        std::size_t j = i;
        for (int k = 0; k < 3 && j < s.size() && s[j] >= '0' && s[j] <= '7'; ++k, ++j) v = v * 8 + (s[j] - '0');
        i = j - 1;
        if (bytes) out += static_cast<char>(v & 0xFF);
        else append_code_point(out, v);
        break;
      }
      case 'x': case 'u': case 'U': {
        if (bytes && e != 'x') {
          out += '\\';
          out += e;
          break;
        }
        const int need = e == 'x' ? 2 : e == 'u' ? 4 : 8;
        std::size_t j = i + 1;
        char32_t v = 0;
        int got = 0;
        while (got < need && j < s.size() && hexval(s[j]) >= 0) {
          v = v * 16 + static_cast<char32_t>(hexval(s[j]));
          ++j;
          ++got;
        }
        if (got < need) {
          if (bytes) {
            throw SyntaxIssue{"(value error) invalid \\x escape at position " + std::to_string(at), line};
          }
          const char* what = e == 'x' ? "truncated \\xXX escape" : e == 'u' ? "truncated \\uXXXX escape"
                                                                           : "truncated \\UXXXXXXXX escape";
          throw unicode_error(at, j - 1, what);
        }
        if (v > 0x10FFFF) throw unicode_error(at, j - 1, "illegal Unicode character");
        i = j - 1;
        if (bytes) out += static_cast<char>(v);
        else append_code_point(out, v);
        break;
      }
      case 'N': {
        if (bytes) {
          out += "\\N";
          break;
        }
        std::size_t j = i + 1;
        if (j >= s.size() || s[j] != '{') throw unicode_error(at, i, "malformed \\N character escape");
        const std::size_t close = s.find('}', j);
        if (close == std::string_view::npos) throw unicode_error(at, s.size() - 1, "malformed \\N character escape");
        const std::string name(s.substr(j + 1, close - j - 1));
        UErrorCode err = U_ZERO_ERROR;
        UChar32 cp = u_charFromName(U_UNICODE_CHAR_NAME, name.c_str(), &err);
        if (U_FAILURE(err) || cp < 0) {
          err = U_ZERO_ERROR;
          cp = u_charFromName(U_CHAR_NAME_ALIAS, name.c_str(), &err);
        }
        if (U_FAILURE(err) || cp < 0 || name.empty()) throw unicode_error(at, close, "unknown Unicode character name");
        append_code_point(out, static_cast<char32_t>(cp));
        i = close;
        break;
      }
      default:
        out += '\\';
        out += e;
    }
  }
  return out;
}

// ------------------------------------------------------------------------------------------- strings

void Parser::flush(std::vector<Node*>& parts, std::string& pending, int line) {
  if (pending.empty()) return;
  Node* c = node(Kind::Constant, line);
  c->op = kStr;
  c->text = std::move(pending);
  pending.clear();
  parts.push_back(c);
}

Node* Parser::strings() {
  const int line = tok().line;
  bool any_f = false, any_bytes = false, any_text = false;
  bool u_kind = false;
  bool first = true;
  std::vector<Node*> parts;
  std::string pending;
  while (tok().type == Tok::String || tok().type == Tok::FStart) {
    const Token& t = tok();
    std::size_t p = 0;
    bool raw = false, bytes = false, u = false;
    while (t.text[p] != '\'' && t.text[p] != '"') {
      const char c = static_cast<char>(t.text[p] | 0x20);
      raw |= c == 'r';
      bytes |= c == 'b';
      u |= c == 'u';
      ++p;
    }
    if (first) u_kind = u && t.text[0] == 'u';
    first = false;
    if (t.type == Tok::FStart) {
      any_f = any_text = true;
      fstring(parts, pending);
      continue;
    }
    const char q = t.text[p];
    const std::size_t ql = (t.text.size() - p >= 6 && t.text[p + 1] == q && t.text[p + 2] == q) ? 3 : 1;
    const std::string_view body = t.text.substr(p + ql, t.text.size() - p - 2 * ql);
    (bytes ? any_bytes : any_text) = true;
    pending += decode_string_body(body, raw, bytes, t.line, false);
    take();
  }
  if (any_bytes && any_text) throw SyntaxIssue{"cannot mix bytes and nonbytes literals", line};
  if (!any_f) {
    Node* c = node(Kind::Constant, line);
    c->op = any_bytes ? kBytes : kStr;
    c->text = std::move(pending);
    c->n[0] = u_kind ? 1 : 0;
    return c;
  }
  flush(parts, pending, line);
  Node* j = node(Kind::JoinedStr, line);
  j->kids = std::move(parts);
  return j;
}

void Parser::fstring(std::vector<Node*>& parts, std::string& pending) {
  const Token& start = take();
  const bool raw = start.text.find_first_of("rR") != std::string_view::npos;
  for (;;) {
    const Token& t = tok();
    if (t.type == Tok::FMiddle) {
      pending += decode_string_body(t.text, raw, false, t.line, true);
      take();
    } else if (t.type == Tok::FEnd) {
      take();
      return;
    } else if (t.type == Tok::Op && t.text == "{") {
      replacement_field(parts, pending, raw);
    } else {
      fail();
    }
  }
}

void Parser::replacement_field(std::vector<Node*>& parts, std::string& pending, bool raw) {
  const Token& open = take();
  const int line = open.line;
  const std::uint32_t expr_begin = open.end;
  ++brackets_;
  if (is_op("}")) throw SyntaxIssue{"f-string: valid expression required before '}'", line};
  const std::size_t start = mark();
  Node* value = is_kw("yield") ? yield_expression() : star_expressions();
  std::string debug;
  if (is_op("=")) {
    take();
    const std::uint32_t end = tok().start;
    debug = std::string(lex_.source().substr(expr_begin, end - expr_begin));
  }
  int conversion = -1;
  if (is_op("!")) {
    take();
    const Token& c = tok();
    if (c.type != Tok::Name) fail();
    if (c.text != "s" && c.text != "r" && c.text != "a") {
      throw SyntaxIssue{"f-string: invalid conversion character '" + std::string(c.text) +
                            "': expected 's', 'r', or 'a'",
                        line};
    }
    conversion = c.text[0];
    take();
  }
  Node* spec = nullptr;
  if (is_op(":")) {
    take();
    spec = node(Kind::JoinedStr, line);
    std::string spec_pending;
    for (;;) {
      const Token& t = tok();
      if (t.type == Tok::FMiddle) {
        spec_pending += decode_string_body(t.text, raw, false, t.line, false);
        take();
      } else if (t.type == Tok::Op && t.text == "{") {
        replacement_field(spec->kids, spec_pending, raw);
      } else {
        break;
      }
    }
    flush(spec->kids, spec_pending, line);
  }
  if (!is_op("}")) {
    check_forgot_comma(start);
    if (diag_) raise("f-string: expecting '}'", line);
    fail();
  }
  take();
  --brackets_;
  if (!debug.empty()) {
    pending += debug;
    if (conversion < 0 && spec == nullptr) conversion = 'r';
  }
  flush(parts, pending, line);
  Node* fv = node(Kind::FormattedValue, line);
  fv->op = static_cast<std::uint8_t>(conversion < 0 ? 0 : conversion);
  fv->kids = {value, spec};
  parts.push_back(fv);
}

}  // namespace inv::detectors::py
