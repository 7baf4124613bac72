// Scanner implementation; see py_lexer.hpp.
#include "plugins/python/py_lexer.hpp"

#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>

#include <cstdio>

#include "common/utf8.hpp"

namespace inv::detectors::py {

namespace {

constexpr std::size_t kMaxBrackets = 200;
constexpr std::size_t kMaxIndents = 100;
constexpr std::size_t kMaxFStrings = 149;  // f-strings open at once

bool ascii_ident_start(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_'; }
bool ascii_ident_char(char c) { return ascii_ident_start(c) || (c >= '0' && c <= '9'); }
bool is_digit(char c) { return c >= '0' && c <= '9'; }

bool is_string_prefix(std::string_view p) {
  if (p.size() > 2) return false;
  bool r = false, b = false, u = false, f = false;
  for (char c : p) {
    switch (c | 0x20) {
      case 'r': if (r) return false; r = true; break;
      case 'b': if (b) return false; b = true; break;
      case 'u': if (u) return false; u = true; break;
      case 'f': if (f) return false; f = true; break;
      default: return false;
    }
  }
  if (u && p.size() > 1) return false;
  return !(b && f);
}

std::string hex_code(char32_t c) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "U+%04X", static_cast<unsigned>(c));
  return buf;
}

}  // namespace

char32_t decode_at(std::string_view s, std::size_t i, std::size_t* len) {
  const auto b0 = static_cast<unsigned char>(s[i]);
  if (b0 < 0x80) { *len = 1; return b0; }
  std::size_t n = b0 >= 0xF0 ? 4 : b0 >= 0xE0 ? 3 : 2;
  if (i + n > s.size()) n = s.size() - i;
  char32_t cp = b0 & (n == 2 ? 0x1F : n == 3 ? 0x0F : 0x07);
  for (std::size_t k = 1; k < n; ++k) cp = (cp << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3F);
  *len = n;
  return cp;
}

bool is_printable(char32_t c) {
  if (c == ' ') return true;
  switch (u_charType(static_cast<UChar32>(c))) {
    case U_CONTROL_CHAR: case U_FORMAT_CHAR: case U_SURROGATE: case U_PRIVATE_USE_CHAR: case U_UNASSIGNED:
    case U_LINE_SEPARATOR: case U_PARAGRAPH_SEPARATOR: case U_SPACE_SEPARATOR:
      return false;
    default:
      return true;
  }
}

void Lexer::fail(std::string msg, int line) const { throw SyntaxIssue{std::move(msg), line, true}; }

void Lexer::bad_character(std::size_t at) const {
  std::size_t len = 0;
  const char32_t c = decode_at(src_, at, &len);
  if (is_printable(c)) {
    fail("invalid character '" + std::string(src_.substr(at, len)) + "' (" + hex_code(c) + ")", line_);
  }
  fail("invalid non-printable character " + hex_code(c), line_);
}

Token Lexer::make(Tok t, std::size_t start, int line) {
  Token tok;
  tok.type = t;
  tok.line = line;
  tok.start = static_cast<std::uint32_t>(start);
  tok.end = static_cast<std::uint32_t>(pos_);
  tok.text = src_.substr(start, pos_ - start);
  return tok;
}

Token Lexer::next() {
  Token t;
  if (!pending_.empty()) {
    t = std::move(pending_.front());
    pending_.pop_front();
  } else {
    t = scan();
  }
  if (t.type != Tok::Dedent && t.type != Tok::End) last_line_ = t.line;
  if (t.type == Tok::End) last_line_ = std::max(last_line_, t.line);
  return t;
}

void Lexer::push_bracket(char c) {
  if (brackets_.size() >= kMaxBrackets) fail("too many nested parentheses", line_);
  brackets_.push_back({c, line_});
}

void Lexer::pop_bracket(char c) {
  if (brackets_.empty()) fail(std::string("unmatched '") + c + "'", line_);
  const Bracket open = brackets_.back();
  const char want = open.ch == '(' ? ')' : open.ch == '[' ? ']' : '}';
  if (want != c) {
    std::string msg = std::string("closing parenthesis '") + c + "' does not match opening parenthesis '" + open.ch + "'";
    if (open.line != line_) msg += " on line " + std::to_string(open.line);
    fail(msg, line_);
  }
  brackets_.pop_back();
}

// Measures the indentation of a new logical line; queues INDENT/DEDENT tokens. Returns false for blank or
// comment-only lines (consumed here) and at the end of input.
bool Lexer::indentation(Token& out) {
  int col = 0, alt = 0;
  const std::size_t begin = pos_;
  while (!at_end()) {
    const char c = peek();
    if (c == ' ') { ++col; ++alt; }
    else if (c == '\t') { col = (col / 8 + 1) * 8; ++alt; }
    else if (c == '\f') { col = alt = 0; }
    else break;
    ++pos_;
  }
  (void)begin;
  if (at_end()) return false;
  const char c = peek();
  if (c == '#' || c == '\n') {
    while (!at_end() && peek() != '\n') ++pos_;
    if (!at_end()) { ++pos_; ++line_; }
    return false;
  }
  line_start_ = false;
  if (col == indents_.back()) {
    if (alt != alt_indents_.back()) fail("inconsistent use of tabs and spaces in indentation", line_);
    return false;
  }
  if (col > indents_.back()) {
    if (indents_.size() >= kMaxIndents) fail("too many levels of indentation", line_);
    if (alt <= alt_indents_.back()) fail("inconsistent use of tabs and spaces in indentation", line_);
    indents_.push_back(col);
    alt_indents_.push_back(alt);
    out = make(Tok::Indent, pos_, line_);
    return true;
  }
  int dedents = 0;
  while (indents_.size() > 1 && col < indents_.back()) {
    indents_.pop_back();
    alt_indents_.pop_back();
    ++dedents;
  }
  if (col != indents_.back()) fail("unindent does not match any outer indentation level", line_);
  if (alt != alt_indents_.back()) fail("inconsistent use of tabs and spaces in indentation", line_);
  for (int i = 1; i < dedents; ++i) pending_.push_back(make(Tok::Dedent, pos_, line_));
  out = make(Tok::Dedent, pos_, line_);
  return true;
}

Token Lexer::scan() {
  if (!fstrings_.empty()) {
    const FString& f = fstrings_.back();
    if (f.fields.empty() || f.fields.back().in_spec) return fstring_literal();
  }
  for (;;) {
    if (done_) return make(Tok::End, pos_, line_);
    if (line_start_ && brackets_.empty()) {
      Token t;
      if (indentation(t)) return t;
      if (line_start_ && !at_end()) continue;  // blank line consumed
    }
    // skip blanks, comments and line continuations
    while (!at_end()) {
      const char c = peek();
      if (c == ' ' || c == '\t' || c == '\f') { ++pos_; continue; }
      if (c == '#') { while (!at_end() && peek() != '\n') ++pos_; continue; }
      if (c == '\\') {
        if (peek(1) == '\n') { pos_ += 2; ++line_; continue; }
        if (at_end(1)) fail("unexpected EOF while parsing", line_);
        fail("unexpected character after line continuation character", line_);
      }
      break;
    }
    if (at_end()) {
      eof_ = true;
      if (brackets_.empty() && line_has_content_) {
        line_has_content_ = false;
        return make(Tok::Newline, pos_, line_);
      }
      if (!brackets_.empty()) {
        done_ = true;
        return make(Tok::End, pos_, line_);
      }
      while (indents_.size() > 1) {
        indents_.pop_back();
        alt_indents_.pop_back();
        pending_.push_back(make(Tok::Dedent, pos_, line_));
      }
      done_ = true;
      pending_.push_back(make(Tok::End, pos_, line_));
      Token t = std::move(pending_.front());
      pending_.pop_front();
      return t;
    }
    if (peek() == '\n') {
      ++pos_;
      if (brackets_.empty()) {
        const int l = line_++;
        line_start_ = true;
        if (line_has_content_) {
          line_has_content_ = false;
          Token t = make(Tok::Newline, pos_ - 1, l);
          return t;
        }
      } else {
        ++line_;
      }
      continue;
    }
    line_has_content_ = true;
    const char c = peek();
    if (ascii_ident_start(c) || static_cast<unsigned char>(c) >= 0x80) return name_or_string();
    if (is_digit(c) || (c == '.' && is_digit(peek(1)))) return number();
    if (c == '\'' || c == '"') return string_literal(pos_, {});
    return op();
  }
}

Token Lexer::name_or_string() {
  const std::size_t start = pos_;
  const int line = line_;
  bool ascii = true;
  while (!at_end()) {
    const char c = peek();
    if (ascii_ident_char(c)) { ++pos_; continue; }
    if (static_cast<unsigned char>(c) < 0x80) break;
    std::size_t len = 0;
    const char32_t cp = decode_at(src_, pos_, &len);
    const bool ok = pos_ == start ? (u_hasBinaryProperty(static_cast<UChar32>(cp), UCHAR_XID_START) != 0)
                                  : (u_hasBinaryProperty(static_cast<UChar32>(cp), UCHAR_XID_CONTINUE) != 0);
    if (!ok) {
      if (pos_ == start) bad_character(pos_);
      bad_character(pos_);
    }
    ascii = false;
    pos_ += len;
  }
  const std::string_view word = src_.substr(start, pos_ - start);
  if (ascii && (peek() == '\'' || peek() == '"') && is_string_prefix(word)) return string_literal(start, word);
  Token t = make(Tok::Name, start, line);
  if (ascii) {
    t.name = word;
  } else {
    UErrorCode err = U_ZERO_ERROR;
    const icu::Normalizer2* nfkc = icu::Normalizer2::getNFKCInstance(err);
    const icu::UnicodeString in = icu::UnicodeString::fromUTF8(icu::StringPiece(word.data(), static_cast<int32_t>(word.size())));
    icu::UnicodeString norm;
    if (U_SUCCESS(err)) norm = nfkc->normalize(in, err);
    if (U_FAILURE(err)) norm = in;
    norm.toUTF8String(normalised_.emplace_back());
    t.name = normalised_.back();
  }
  return t;
}

Token Lexer::number() {
  const std::size_t start = pos_;
  const int line = line_;
  auto digits = [&](auto pred, const char* kind) {
    // digits with single underscores between them; returns false when no digit was read
    bool any = false;
    while (!at_end()) {
      if (pred(peek())) { ++pos_; any = true; continue; }
      if (peek() == '_' && any && pred(peek(1))) { ++pos_; continue; }
      if (peek() == '_') fail(std::string("invalid ") + kind + " literal", line_);
      break;
    }
    return any;
  };
  auto finish = [&](const char* kind) {
    // a name character right after a number is an error, except keywords such as `1if x else y`
    if (!at_end() && (ascii_ident_char(peek()) || static_cast<unsigned char>(peek()) >= 0x80)) {
      static const char* const kws[] = {"and", "else", "for", "if", "in", "is", "not", "or"};
      for (const char* kw : kws) {
        const std::string_view k(kw);
        if (src_.substr(pos_, k.size()) == k &&
            (pos_ + k.size() >= src_.size() || !ascii_ident_char(src_[pos_ + k.size()]))) {
          return make(Tok::Number, start, line);
        }
      }
      fail(std::string("invalid ") + kind + " literal", line_);
    }
    return make(Tok::Number, start, line);
  };
  if (peek() == '0' && (peek(1) == 'x' || peek(1) == 'X' || peek(1) == 'o' || peek(1) == 'O' ||
                        peek(1) == 'b' || peek(1) == 'B')) {
    const char k = static_cast<char>(peek(1) | 0x20);
    pos_ += 2;
    if (peek() == '_') ++pos_;
    if (k == 'x') {
      if (!digits([](char c) { return is_digit(c) || ((c | 0x20) >= 'a' && (c | 0x20) <= 'f'); }, "hexadecimal"))
        fail("invalid hexadecimal literal", line_);
      return finish("hexadecimal");
    }
    const char top = k == 'o' ? '7' : '1';
    const char* kind = k == 'o' ? "octal" : "binary";
    const bool any = digits([top](char c) { return c >= '0' && c <= top; }, kind);
    if (is_digit(peek())) fail(std::string("invalid digit '") + peek() + "' in " + kind + " literal", line_);
    if (!any) fail(std::string("invalid ") + kind + " literal", line_);
    return finish(kind);
  }
  bool is_float = false;
  if (peek() != '.') {
    const bool leading_zero = peek() == '0';
    digits(is_digit, "decimal");
    const std::string_view intpart = src_.substr(start, pos_ - start);
    if (leading_zero && peek() != '.' && peek() != 'e' && peek() != 'E' && peek() != 'j' && peek() != 'J') {
      for (char c : intpart) {
        if (c != '0' && c != '_') {
          fail("leading zeros in decimal integer literals are not permitted; use an 0o prefix for octal integers",
               line_);
        }
      }
    }
  }
  if (peek() == '.') {
    is_float = true;
    ++pos_;
    if (is_digit(peek())) digits(is_digit, "decimal");
  }
  if (peek() == 'e' || peek() == 'E') {
    const std::size_t save = pos_;
    ++pos_;
    if (peek() == '+' || peek() == '-') ++pos_;
    if (!is_digit(peek())) {
      pos_ = save;
      fail("invalid decimal literal", line_);
    }
    digits(is_digit, "decimal");
    is_float = true;
  }
  if (peek() == 'j' || peek() == 'J') ++pos_;
  (void)is_float;
  return finish("decimal");
}

Token Lexer::string_literal(std::size_t start, std::string_view prefix) {
  const int line = line_;
  const char q = peek();
  const bool triple = peek(1) == q && peek(2) == q;
  bool fmt = false, raw = false;
  for (char c : prefix) {
    if ((c | 0x20) == 'f') fmt = true;
    if ((c | 0x20) == 'r') raw = true;
  }
  pos_ += triple ? 3 : 1;
  if (fmt) {
    if (fstrings_.size() >= kMaxFStrings) fail("too many nested f-strings", line_);
    fstrings_.push_back({q, triple, raw, line, {}});
    return make(Tok::FStart, start, line);
  }
  const bool inside_field = !fstrings_.empty();
  for (;;) {
    if (at_end() || (!triple && peek() == '\n')) {
      if (inside_field && !triple && fstrings_.back().quote == q) fail("f-string: expecting '}'", line);
      if (triple) {
        const int detected = line_ - (!src_.empty() && src_.back() == '\n' ? 1 : 0);
        fail("unterminated triple-quoted string literal (detected at line " + std::to_string(detected) + ")", line);
      }
      fail("unterminated string literal (detected at line " + std::to_string(line_) + ")", line);
    }
    const char c = peek();
    if (c == '\\') {
      if (at_end(1)) { ++pos_; continue; }
      if (peek(1) == '\n') ++line_;
      pos_ += 2;
      continue;
    }
    if (c == q && (!triple || (peek(1) == q && peek(2) == q))) {
      pos_ += triple ? 3 : 1;
      return make(Tok::String, start, line);
    }
    if (c == '\n') ++line_;
    ++pos_;
  }
}

Token Lexer::fstring_literal() {
  FString& f = fstrings_.back();
  const bool spec = !f.fields.empty();
  const std::size_t start = pos_;
  const int line = line_;
  auto middle = [&]() { return make(Tok::FMiddle, start, line); };
  for (;;) {
    if (at_end() || (!f.triple && peek() == '\n')) {
      if (spec) fail("f-string: expecting '}'", f.line);
      if (f.triple) {
        const int detected = line_ - (!src_.empty() && src_.back() == '\n' ? 1 : 0);
        fail("unterminated triple-quoted f-string literal (detected at line " + std::to_string(detected) + ")",
             f.line);
      }
      fail("unterminated f-string literal (detected at line " + std::to_string(line_) + ")", f.line);
    }
    const char c = peek();
    if (c == f.quote && (!f.triple || (peek(1) == c && peek(2) == c))) {
      if (pos_ > start) return middle();
      if (spec) fail("f-string: expecting '}'", line_);
      const std::size_t s = pos_;
      pos_ += f.triple ? 3 : 1;
      fstrings_.pop_back();
      return make(Tok::FEnd, s, line_);
    }
    if (c == '\\') {
      if (!f.raw && peek(1) == 'N' && peek(2) == '{') {
        pos_ += 3;
        while (!at_end() && peek() != '}' && peek() != f.quote && peek() != '\n') ++pos_;
        if (peek() == '}') ++pos_;
        continue;
      }
      if (peek(1) == '{' || peek(1) == '}') { ++pos_; continue; }
      if (peek(1) == '\n') ++line_;
      pos_ += at_end(1) ? 1 : 2;
      continue;
    }
    if (c == '{') {
      if (!spec && peek(1) == '{') { pos_ += 2; continue; }
      if (pos_ > start) return middle();
      if (f.fields.size() >= 3) fail("f-string: expressions nested too deeply", line_);
      push_bracket('{');
      const std::size_t s = pos_++;
      f.fields.push_back({brackets_.size(), false});
      return make(Tok::Op, s, line_);
    }
    if (c == '}') {
      if (!spec) {
        if (peek(1) == '}') { pos_ += 2; continue; }
        fail("f-string: single '}' is not allowed", line_);
      }
      if (pos_ > start) return middle();
      brackets_.pop_back();
      f.fields.pop_back();
      const std::size_t s = pos_++;
      return make(Tok::Op, s, line_);
    }
    if (c == '\n') ++line_;
    ++pos_;
  }
}

Token Lexer::op() {
  const std::size_t start = pos_;
  const char c = peek();
  if (static_cast<unsigned char>(c) < 0x20 || c == 0x7F) bad_character(pos_);
  // replacement-field structure inside an f-string expression
  if (!fstrings_.empty() && !fstrings_.back().fields.empty()) {
    FString& f = fstrings_.back();
    Field& fld = f.fields.back();
    if (!fld.in_spec && brackets_.size() == fld.depth) {
      if (c == '}') {
        brackets_.pop_back();
        f.fields.pop_back();
        ++pos_;
        return make(Tok::Op, start, line_);
      }
      if (c == ':') {
        fld.in_spec = true;
        ++pos_;
        return make(Tok::Op, start, line_);
      }
    }
  }
  static const char* const three[] = {"**=", "//=", ">>=", "<<=", "..."};
  static const char* const two[] = {"**", "//", ">>", "<<", "<=", ">=", "==", "!=", "->", "+=", "-=", "*=",
                                    "/=", "%=", "&=", "|=", "^=", "@=", ":="};
  for (const char* o : three) {
    if (src_.substr(pos_, 3) == o) { pos_ += 3; return make(Tok::Op, start, line_); }
  }
  for (const char* o : two) {
    if (src_.substr(pos_, 2) == o) { pos_ += 2; return make(Tok::Op, start, line_); }
  }
  if (c == '(' || c == '[' || c == '{') push_bracket(c);
  if (c == ')' || c == ']' || c == '}') pop_bracket(c);
  ++pos_;
  return make(Tok::Op, start, line_);
}

}  // namespace inv::detectors::py
