// Tokenizer of the policy language (LANGUAGE.md §3). Internal to the parser; exposed for its tests.
//
// The lexer is context free: words (identifiers and keywords alike) are one token kind and the
// parser decides what a word means where it stands, so identifiers may be keywords where that is
// not ambiguous. Newlines are not tokens: every token records whether it is the first token of its
// line and the indentation of that line, which is all the line structure (DECISIONS.md §4a) needs.
// A lexical error (unterminated string, unexpected character, integer too large) becomes a final
// `Error` token, so the parser reports it only when it gets there: errors come in source order.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "domain/policy/ast.hpp"

namespace inv::policy::detail {

enum class Tok : std::uint8_t {
  End,       // end of input (always the last token unless an Error ends the stream)
  Error,     // lexical error; `value` holds the message
  Word,      // identifier or keyword: [A-Za-z_][A-Za-z0-9_]*
  Int,       // int_value
  Float,     // float_value
  String,    // value = the literal's value (LANGUAGE.md §3.2)
  ValueRef,  // <EMAIL_ADDRESS>; value = EMAIL_ADDRESS
  LParen, RParen, LBracket, RBracket, LBrace, RBrace,
  Comma, Colon, Walrus /* := */, Equals /* = */, Dot,
  EqEq, NotEq, Lt, Gt, Le, Ge, Arrow /* -> */, TildeArrow /* ~> */,
  Plus, Minus, Star, Slash, Percent, Pow /* ** */,
};

struct Token {
  Tok kind = Tok::End;
  std::string_view text;        // the token's source text (slice of the lexed source)
  std::string value;            // String / ValueRef value; Error message
  std::int64_t int_value = 0;
  double float_value = 0.0;
  SourcePos pos;                // first character (0-based line, 1-based column in code points)
  SourcePos end;                // just after the last character
  int indent = 0;               // leading whitespace characters of the line the token starts on
  bool first_on_line = false;   // a line break separates it from the previous token (or it is the first)
  bool comment_after = false;   // a `#` comment follows on the line where this token ends
  SourcePos comment_pos;        // where that comment starts
};

// Tokenizes the (already dedented) source. Never throws; the result ends with End or Error.
std::vector<Token> tokenize(std::string_view source);

// Debug name of a token kind ("Word", "LParen", ...), for tests.
const char* tok_name(Tok kind);

// True for words that are operators or keywords inside expressions (and, or, not, in, is, if, else,
// for, contains_only): after them an operand is expected.
bool is_operator_word(std::string_view word);

}  // namespace inv::policy::detail
