#include "domain/policy/lexer.hpp"

#include <charconv>
#include <cstdio>
#include <cmath>
#include <system_error>

#include "domain/policy/diagnostics.hpp"

namespace inv::policy::detail {
namespace {

bool is_ident_start(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_'; }
bool is_ident_char(char c) { return is_ident_start(c) || (c >= '0' && c <= '9'); }
bool is_digit(char c) { return c >= '0' && c <= '9'; }
// Horizontal whitespace between tokens. `\r`, form feed and vertical tab are accepted as well so
// that CRLF sources lex (Python's str.lstrip, used for indentation, strips them too).
bool is_blank(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v'; }

class Lexer {
 public:
  explicit Lexer(std::string_view src) : src_(src) {}

  std::vector<Token> run() {
    while (true) {
      skip_trivia();
      if (p_ >= src_.size()) {
        Token t = begin(Tok::End);
        if (!out_.empty()) t.pos = t.end = out_.back().end;  // "end of input" points after the last token
        t.first_on_line = true;
        t.indent = 0;
        out_.push_back(std::move(t));
        return std::move(out_);
      }
      if (!lex_one()) return std::move(out_);  // an Error token ends the stream
    }
  }

 private:
  std::string_view src_;
  std::size_t p_ = 0;
  int line_ = 0;
  int col_ = 1;
  std::size_t line_start_ = 0;
  bool saw_newline_ = true;
  std::vector<Token> out_;

  SourcePos here() const { return SourcePos{line_, col_}; }

  // Advances one byte, keeping line and code-point column.
  void bump() {
    char c = src_[p_++];
    if (c == '\n') {
      ++line_;
      col_ = 1;
      line_start_ = p_;
    } else if ((static_cast<unsigned char>(c) & 0xC0) != 0x80) {
      ++col_;
    }
  }
  void bump(std::size_t n) {
    for (std::size_t i = 0; i < n; ++i) bump();
  }
  char at(std::size_t off) const { return p_ + off < src_.size() ? src_[p_ + off] : '\0'; }
  bool has(std::size_t off) const { return p_ + off < src_.size(); }

  int line_indent(std::size_t start) const {
    int n = 0;
    for (std::size_t i = start; i < src_.size() && is_blank(src_[i]); ++i) ++n;
    return n;
  }

  void skip_trivia() {
    while (p_ < src_.size()) {
      char c = src_[p_];
      if (is_blank(c)) {
        bump();
      } else if (c == '\n') {
        bump();
        saw_newline_ = true;
      } else if (c == '#') {
        if (!out_.empty() && !saw_newline_) {
          out_.back().comment_after = true;
          out_.back().comment_pos = here();
        }
        while (p_ < src_.size() && src_[p_] != '\n') bump();
      } else {
        return;
      }
    }
  }

  Token begin(Tok kind) {
    Token t;
    t.kind = kind;
    t.pos = here();
    t.indent = line_indent(line_start_);
    t.first_on_line = saw_newline_;
    return t;
  }

  void finish(Token& t, std::size_t start) {
    t.text = src_.substr(start, p_ - start);
    t.end = here();
    saw_newline_ = false;
    out_.push_back(std::move(t));
  }

  bool fail(Token& t, std::string message) {
    t.kind = Tok::Error;
    t.value = std::move(message);
    t.text = src_.substr(p_, 0);
    t.end = t.pos;
    out_.push_back(std::move(t));
    return false;
  }

  static std::string where(const SourcePos& pos) {
    return "at line " + std::to_string(pos.line + 1) + ", column " + std::to_string(pos.column);
  }

  // True when the token before a `<` ends an operand, so `<` is the comparison operator there and
  // not the start of a value reference `<EMAIL_ADDRESS>`.
  bool previous_ends_operand() const {
    if (out_.empty()) return false;
    const Token& t = out_.back();
    switch (t.kind) {
      case Tok::Int: case Tok::Float: case Tok::String: case Tok::ValueRef:
      case Tok::RParen: case Tok::RBracket: case Tok::RBrace:
        return true;
      case Tok::Word:
        return !is_operator_word(t.text);
      default:
        return false;
    }
  }

  bool lex_one() {
    const std::size_t start = p_;
    Token t = begin(Tok::End);
    const char c = src_[p_];

    // strings, with an optional (meaningless) r / f modifier
    if ((c == '"' || c == '\'') || ((c == 'r' || c == 'f') && (at(1) == '"' || at(1) == '\''))) {
      return lex_string(t, start);
    }
    if (is_ident_start(c)) {
      while (p_ < src_.size() && is_ident_char(src_[p_])) bump();
      t.kind = Tok::Word;
      finish(t, start);
      return true;
    }
    if (is_digit(c) || (c == '.' && is_digit(at(1)))) return lex_number(t, start);

    auto single = [&](Tok k, std::size_t n) {
      bump(n);
      t.kind = k;
      finish(t, start);
      return true;
    };
    switch (c) {
      case '(': return single(Tok::LParen, 1);
      case ')': return single(Tok::RParen, 1);
      case '[': return single(Tok::LBracket, 1);
      case ']': return single(Tok::RBracket, 1);
      case '{': return single(Tok::LBrace, 1);
      case '}': return single(Tok::RBrace, 1);
      case ',': return single(Tok::Comma, 1);
      case '.': return single(Tok::Dot, 1);
      case '%': return single(Tok::Percent, 1);
      case '/': return single(Tok::Slash, 1);
      case '+': return single(Tok::Plus, 1);
      case ':': return at(1) == '=' ? single(Tok::Walrus, 2) : single(Tok::Colon, 1);
      case '=': return at(1) == '=' ? single(Tok::EqEq, 2) : single(Tok::Equals, 1);
      case '!':
        if (at(1) == '=') return single(Tok::NotEq, 2);
        break;
      case '>': return at(1) == '=' ? single(Tok::Ge, 2) : single(Tok::Gt, 1);
      case '-': return at(1) == '>' ? single(Tok::Arrow, 2) : single(Tok::Minus, 1);
      case '~':
        if (at(1) == '>') return single(Tok::TildeArrow, 2);
        break;
      case '*': return at(1) == '*' ? single(Tok::Pow, 2) : single(Tok::Star, 1);
      case '<': {
        if (!previous_ends_operand()) {
          std::size_t n = 1;
          while (has(n) && (is_ident_start(at(n)) || at(n) == ':')) ++n;
          if (n > 1 && at(n) == '>') {
            t.value = std::string(src_.substr(p_ + 1, n - 1));
            return single(Tok::ValueRef, n + 1);
          }
        }
        return at(1) == '=' ? single(Tok::Le, 2) : single(Tok::Lt, 1);
      }
      default:
        break;
    }
    // an unexpected character: show a whole UTF-8 sequence, or an invalid byte / control character as \xNN
    const auto lead = static_cast<unsigned char>(c);
    std::size_t n = lead >= 0xF0 && lead <= 0xF4 ? 4 : lead >= 0xE0 && lead <= 0xEF ? 3 : lead >= 0xC2 && lead <= 0xDF ? 2 : 1;
    bool valid = lead < 0x80 || n > 1;
    for (std::size_t k = 1; valid && k < n; ++k) {
      valid = has(k) && (static_cast<unsigned char>(at(k)) & 0xC0) == 0x80;
    }
    std::string shown;
    if (!valid || lead < 0x20 || lead == 0x7F) {
      char buf[8];
      std::snprintf(buf, sizeof buf, "\\x%02x", lead);
      shown = buf;
    } else {
      shown = std::string(src_.substr(p_, n));
    }
    return fail(t, "Unexpected character '" + shown + "' " + where(t.pos) + ".");
  }

  bool lex_string(Token& t, std::size_t start) {
    if (src_[p_] == 'r' || src_[p_] == 'f') bump();
    const char q = src_[p_];
    const bool triple = at(1) == q && at(2) == q;
    if (triple) {
      bump(3);
      const std::size_t body = p_;
      while (true) {
        if (p_ >= src_.size()) {
          return fail(t, "Unterminated triple-quoted string starting " + where(t.pos) + ".");
        }
        if (src_[p_] == q && at(1) == q && at(2) == q) break;
        if (src_[p_] == '\\') {
          if (!has(1)) return fail(t, "Unterminated triple-quoted string starting " + where(t.pos) + ".");
          bump(2);
        } else {
          bump();
        }
      }
      // no escape processing at all, then textwrap.dedent (LANGUAGE.md §3.2)
      t.value = dedent(src_.substr(body, p_ - body));
      bump(3);
    } else {
      bump();
      const std::size_t body = p_;
      while (true) {
        if (p_ >= src_.size() || src_[p_] == '\n') {
          return fail(t, "Unterminated string starting " + where(t.pos) + ".");
        }
        if (src_[p_] == '\\') {
          if (!has(1) || at(1) == '\n') return fail(t, "Unterminated string starting " + where(t.pos) + ".");
          bump(2);
        } else if (src_[p_] == q) {
          break;
        } else {
          bump();
        }
      }
      // only \" (in "...") or \' (in '...') is unescaped; every other backslash stays as written
      std::string_view raw = src_.substr(body, p_ - body);
      std::string value;
      value.reserve(raw.size());
      for (std::size_t i = 0; i < raw.size(); ++i) {
        if (raw[i] == '\\' && i + 1 < raw.size() && raw[i + 1] == q) {
          value += q;
          ++i;
        } else {
          value += raw[i];
        }
      }
      t.value = std::move(value);
      bump();
    }
    t.kind = Tok::String;
    finish(t, start);
    return true;
  }

  bool lex_number(Token& t, std::size_t start) {
    // LANGUAGE.md §3.3: \d+[eE][+-]?\d+ | (\d+\.(\d+)?|\.\d+)([eE][+-]?\d+)? | \d+
    bool is_float = false;
    while (is_digit(at(0))) bump();
    if (at(0) == '.') {
      is_float = true;
      bump();
      while (is_digit(at(0))) bump();
    }
    if (at(0) == 'e' || at(0) == 'E') {
      std::size_t n = 1;
      if (at(n) == '+' || at(n) == '-') ++n;
      if (is_digit(at(n))) {
        is_float = true;
        bump(n);
        while (is_digit(at(0))) bump();
      }
    }
    std::string_view text = src_.substr(start, p_ - start);
    if (!is_float) {
      std::int64_t v = 0;
      auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
      if (ec != std::errc() || ptr != text.data() + text.size()) {
        return fail(t, "Integer literal '" + std::string(text) + "' " + where(t.pos) +
                           " is too large (the limit is 9223372036854775807).");
      }
      t.kind = Tok::Int;
      t.int_value = v;
    } else {
      double v = 0.0;
      auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
      if (ec == std::errc::result_out_of_range) {
        // Python's float() gives inf for overflow and 0.0 for underflow
        std::size_t e = text.find_first_of("eE");
        bool negative_exponent = e != std::string_view::npos && e + 1 < text.size() && text[e + 1] == '-';
        v = negative_exponent ? 0.0 : HUGE_VAL;
      }
      t.kind = Tok::Float;
      t.float_value = v;
    }
    finish(t, start);
    return true;
  }
};

}  // namespace

std::vector<Token> tokenize(std::string_view source) { return Lexer(source).run(); }

bool is_operator_word(std::string_view w) {
  return w == "and" || w == "or" || w == "not" || w == "in" || w == "is" || w == "if" || w == "else" ||
         w == "for" || w == "contains_only";
}

const char* tok_name(Tok kind) {
  switch (kind) {
    case Tok::End: return "End";
    case Tok::Error: return "Error";
    case Tok::Word: return "Word";
    case Tok::Int: return "Int";
    case Tok::Float: return "Float";
    case Tok::String: return "String";
    case Tok::ValueRef: return "ValueRef";
    case Tok::LParen: return "LParen";
    case Tok::RParen: return "RParen";
    case Tok::LBracket: return "LBracket";
    case Tok::RBracket: return "RBracket";
    case Tok::LBrace: return "LBrace";
    case Tok::RBrace: return "RBrace";
    case Tok::Comma: return "Comma";
    case Tok::Colon: return "Colon";
    case Tok::Walrus: return "Walrus";
    case Tok::Equals: return "Equals";
    case Tok::Dot: return "Dot";
    case Tok::EqEq: return "EqEq";
    case Tok::NotEq: return "NotEq";
    case Tok::Lt: return "Lt";
    case Tok::Gt: return "Gt";
    case Tok::Le: return "Le";
    case Tok::Ge: return "Ge";
    case Tok::Arrow: return "Arrow";
    case Tok::TildeArrow: return "TildeArrow";
    case Tok::Plus: return "Plus";
    case Tok::Minus: return "Minus";
    case Tok::Star: return "Star";
    case Tok::Slash: return "Slash";
    case Tok::Percent: return "Percent";
    case Tok::Pow: return "Pow";
  }
  return "?";
}

}  // namespace inv::policy::detail
