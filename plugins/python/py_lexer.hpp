// Scanner turning (repaired, newline-normalised) UTF-8 Python source into tokens on demand.
//
// Produces NAME (NFKC-normalised), NUMBER, STRING (one literal, prefix and quotes included), f-strings as
// FSTRING_START / FSTRING_MIDDLE / replacement-field tokens / FSTRING_END (PEP 701: expressions inside are
// ordinary tokens, so quotes may be reused), OP, NEWLINE / INDENT / DEDENT and END. Brackets are tracked on a
// stack, which gives implicit line joining and the unmatched / unclosed bracket messages. Lexical errors
// are thrown as SyntaxIssue. A Lexer reads the source it was given; the caller keeps that alive.
#pragma once

#include <cstdint>
#include <deque>
#include <string>
#include <string_view>
#include <vector>

namespace inv::detectors::py {

// A Python exception the analysis reports: `message` and, when `line > 0`, the location suffix
// " (<unknown>, line N)" CPython's SyntaxError adds.
struct SyntaxIssue {
  std::string message;
  int line = 0;
  bool lexical = false;  // raised by the scanner
  std::string text() const {
    return line > 0 ? message + " (<unknown>, line " + std::to_string(line) + ")" : message;
  }
};

enum class Tok : std::uint8_t { Name, Number, String, FStart, FMiddle, FEnd, Op, Newline, Indent, Dedent, End };

struct Token {
  Tok type = Tok::End;
  int line = 0;
  std::uint32_t start = 0, end = 0;  // byte offsets into the source
  std::string_view text;             // source text (operators: the operator)
  std::string_view name;             // NAME: normalised identifier (source text or Lexer-owned)
};

class Lexer {
 public:
  explicit Lexer(std::string_view src) : src_(src) {}
  Token next();

  int last_line() const { return last_line_; }
  bool reached_eof() const { return eof_; }
  // Innermost bracket still open (0 when none) and the line it was opened on.
  char open_bracket() const { return brackets_.empty() ? 0 : brackets_.back().ch; }
  int open_bracket_line() const { return brackets_.empty() ? 0 : brackets_.back().line; }
  std::string_view source() const { return src_; }

 private:
  struct Bracket {
    char ch;
    int line;
  };
  struct Field {
    std::size_t depth;  // brackets_.size() right after its '{' was pushed
    bool in_spec;
  };
  struct FString {
    char quote;
    bool triple, raw;
    int line;
    std::vector<Field> fields;
  };

  Token make(Tok t, std::size_t start, int line);
  Token scan();
  Token fstring_literal();
  bool indentation(Token& out);
  Token name_or_string();
  Token number();
  Token string_literal(std::size_t start, std::string_view prefix);
  Token op();
  void push_bracket(char c);
  void pop_bracket(char c);
  [[noreturn]] void fail(std::string msg, int line) const;
  [[noreturn]] void bad_character(std::size_t at) const;
  char peek(std::size_t k = 0) const { return pos_ + k < src_.size() ? src_[pos_ + k] : '\0'; }
  bool at_end(std::size_t k = 0) const { return pos_ + k >= src_.size(); }

  std::string_view src_;
  std::size_t pos_ = 0;
  int line_ = 1;
  int last_line_ = 1;
  bool line_start_ = true;
  bool line_has_content_ = false;
  bool eof_ = false;
  bool done_ = false;
  std::vector<int> indents_{0}, alt_indents_{0};
  std::deque<Token> pending_;
  std::vector<Bracket> brackets_;
  std::vector<FString> fstrings_;
  std::deque<std::string> normalised_;  // NFKC forms of non-ASCII identifiers
};

// Unicode helpers shared with the parser.
char32_t decode_at(std::string_view s, std::size_t i, std::size_t* len);
bool is_printable(char32_t c);

}  // namespace inv::detectors::py
