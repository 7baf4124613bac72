// Recursive-descent parser for Python 3.12 producing the py::Node tree (py_ast.hpp).
//
// The parser runs in one of two modes. The plain mode only recognises valid programs; the first place it
// cannot continue is remembered (the "furthest" token) and it stops with ParseFail. The diagnosing mode is
// used on a second run over the same source after such a failure: it accepts the same language but also
// looks for the common mistakes CPython names (missing ':', a forgotten comma, `print x`, ...) and throws
// the first one found as a SyntaxIssue. Errors that are certain wherever they occur (lexical errors, bad
// escapes, too deep nesting) are thrown as SyntaxIssue in both modes.
//
// Nesting is bounded by a level counter whose weights follow how deep CPython's parser gets for the same
// constructs, so the "too complex" verdicts agree and the C++ recursion stays bounded. A Parser reads the
// source and allocates nodes in the Arena it is given; both must outlive it.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "plugins/python/py_ast.hpp"
#include "plugins/python/py_lexer.hpp"

namespace inv::detectors::py {

struct ParseFail {};

inline constexpr const char* kStackOverflow = "Parser stack overflowed - Python source too complex to parse";

class Parser {
 public:
  Parser(std::string_view src, Arena& arena, bool diagnose) : lex_(src), arena_(arena), diag_(diagnose) {}

  // Parses the next top-level line (one compound statement, or simple statements separated by ';') into
  // `out`. Returns false at the end of the input.
  bool next_statements(std::vector<Node*>& out);

  // After a ParseFail: the token the plain mode got furthest to.
  int furthest_line() const { return furthest_line_; }
  bool furthest_is_indent() const { return furthest_type_ == Tok::Indent; }
  Lexer& lexer() { return lex_; }
  // Line of the last token read so far, at least `floor` (the error location CPython uses when a rule
  // names no position of its own).
  void set_known_last_line(int line) { known_last_line_ = line; }

 private:
  friend struct Level;
  // token stream
  const Token& tok(std::size_t k = 0);
  bool is_op(std::string_view op, std::size_t k = 0);
  bool is_kw(std::string_view kw, std::size_t k = 0);
  bool is_name(std::size_t k = 0);  // an identifier that is not a hard keyword
  bool starts_expression(std::size_t k);
  const Token& take();
  void expect_op(std::string_view op);
  std::string expect_name();
  [[noreturn]] void fail();
  [[noreturn]] void raise(std::string msg, int line);
  [[noreturn]] void raise_here(std::string msg);  // at the last token read
  int last_line();
  std::size_t mark() const { return pos_; }
  void reset(std::size_t m) { pos_ = m; }
  Node* node(Kind k, int line) { return arena_.make(k, line); }

  // statements (py_parser.cpp)
  void statement(std::vector<Node*>& out);
  void simple_statements(std::vector<Node*>& out);
  Node* simple_statement();
  Node* compound_statement();
  void block(std::vector<Node*>& body, const char* what, int header_line);
  void colon();
  Node* if_statement(bool elif);
  void loop_body_and_else(Node* n, const char* what, int line);
  Node* while_statement();
  Node* for_statement(bool is_async, int line);
  Node* with_statement(bool is_async, int line);
  Node* try_statement();
  Node* function_def(std::vector<Node*> decorators, bool is_async, int line);
  Node* class_def(std::vector<Node*> decorators, int line);
  Node* match_statement();
  Node* import_statement();
  Node* from_statement();
  Node* expression_statement();
  void type_params(std::vector<Node*>& out);
  Node* parameters(bool annotations, std::string_view close);
  Node* pattern(bool top);
  Node* or_pattern();
  Node* closed_pattern();
  void pattern_list(std::vector<Node*>& out, std::string_view close);

  // expressions (py_parse_expr.cpp)
  Node* star_expressions();
  Node* star_expression();
  Node* star_named_expression();
  Node* named_expression();
  Node* expression(int weight = -1);
  Node* disjunction();
  Node* conjunction();
  Node* inversion();
  Node* comparison();
  Node* binary(int prec);
  Node* factor();
  Node* power();
  Node* primary();
  Node* atom();
  Node* yield_expression();
  Node* lambda_expression();
  Node* strings();
  void fstring(std::vector<Node*>& parts, std::string& pending);
  void replacement_field(std::vector<Node*>& parts, std::string& pending, bool raw);
  void flush(std::vector<Node*>& parts, std::string& pending, int line);
  Node* call(Node* func);
  Node* subscript(Node* value);
  Node* slice();
  Node* paren_atom();
  Node* list_atom();
  Node* brace_atom();
  void comprehension_clauses(Node* comp);
  Node* star_targets();
  void legacy_check();
  void mistaken_assignment(Node* e);
  void check_forgot_comma(std::size_t elt_start);
  void check_target(Node* t, int use, bool top);

  Lexer lex_;
  Arena& arena_;
  bool diag_;
  std::vector<Token> toks_;
  std::size_t pos_ = 0;
  std::size_t base_ = 0;  // absolute index of toks_[0]
  std::size_t furthest_ = 0;
  int furthest_line_ = 1;
  Tok furthest_type_ = Tok::End;
  int level_ = 0;
  int brackets_ = 0;  // parser-side bracket nesting (forgot-comma hints apply inside brackets only)
  int next_expr_weight_ = -1;
  int known_last_line_ = 0;
};

// RAII nesting guard: adds `w` to the level, throwing CPython's overflow message past the limit.
struct Level {
  static constexpr int kMax = 6000;
  Parser& p;
  int w;
  Level(Parser& parser, int weight) : p(parser), w(weight) {
    p.level_ += w;
    if (p.level_ > kMax) {
      p.level_ -= w;
      throw SyntaxIssue{kStackOverflow, 0};
    }
  }
  ~Level() { p.level_ -= w; }
  Level(const Level&) = delete;
  Level& operator=(const Level&) = delete;
};

// Decoding of string literal tokens (py_parse_expr.cpp): the value, or a SyntaxIssue.
std::string decode_string_body(std::string_view body, bool raw, bool bytes, int line, bool collapse_braces);
bool is_keyword(std::string_view s);

}  // namespace inv::detectors::py
