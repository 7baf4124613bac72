// Recursive-descent parser of the policy language. See parser.hpp for the contract; the line
// structure (DECISIONS.md §4a) works on the lexer's per-token line information:
//
// * A logical line ends at a line break, except inside brackets, when the line ends with a binary
//   operator (the operand may be on the next line), or when the next line starts with a binary
//   operator, '.', 'if' or 'else'. A next line starting with '-', '+', 'not', '(' or '[' always
//   starts a new condition. A continued line must not be indented less than its block.
// * A block is opened by a line whose last token is ':' or ':=' (no comment may follow it, as in
//   the reference, LANGUAGE.md §2.2) and consists of the following lines indented deeper than the
//   opening line; its indentation is that of its first line. Lines indented deeper than the block
//   (and not opened by ':') are further lines of the block. A line that closes a block must be
//   indented at most as much as the line that opened it ("inconsistent dedent" otherwise).
//   Top-level statements may be indented freely (the reference is lenient there too).
// Precedence is Python's (DECISIONS.md §4), see the parse_* functions from parse_expr down.
#include <algorithm>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "domain/policy/lexer.hpp"
#include "domain/policy/parser.hpp"

namespace inv::policy {
namespace {

using detail::Tok;
using detail::Token;

// Hard cap on the nesting limit: the parser recurses about a dozen frames per nesting level, and the
// consumers of the tree recurse over its height; this keeps both far from any thread's stack size.
constexpr int kHardNestingCap = 500;

struct SyntaxFailure {
  Diagnostic diagnostic;
};

// What the parser looked for at the current token, for "Expected one of: ..." (rendered in this order).
enum Ex : int {
  ExIdent, ExNumber, ExString, ExValueRef, ExLParen, ExLBracket, ExLBrace, ExNot, ExMinus, ExPlus, ExTool,
  ExStar, ExRaise, ExDef, ExFrom, ExImport, ExDot, ExOperator, ExIf, ExElse, ExFor, ExIn, ExAs, ExColon,
  ExWalrus, ExComma, ExRParen, ExRBracket, ExRBrace, ExEol, ExEof, ExBlock, ExCount
};
const char* const kExpectText[ExCount] = {
    "identifier", "number", "string", "value reference", "'('", "'['", "'{'", "'not'", "'-'", "'+'",
    "'tool:'", "'*'", "'raise'", "'def'", "'from'", "'import'", "'.'", "binary operator", "'if'", "'else'",
    "'for'", "'in'", "'as'", "':'", "':='", "','", "')'", "']'", "'}'", "end of line", "end of input",
    "an indented block"};
constexpr std::uint64_t bit(Ex e) { return std::uint64_t{1} << e; }
constexpr std::uint64_t kOperand = bit(ExIdent) | bit(ExNumber) | bit(ExString) | bit(ExValueRef) |
                                   bit(ExLParen) | bit(ExLBracket) | bit(ExLBrace) | bit(ExNot) |
                                   bit(ExMinus) | bit(ExPlus) | bit(ExTool) | bit(ExStar);

std::string where(const SourcePos& p) {
  return "at line " + std::to_string(p.line + 1) + ", column " + std::to_string(p.column);
}

bool is_word(const Token& t, std::string_view w) { return t.kind == Tok::Word && t.text == w; }

// Tokens that continue the previous line when they start a line (DECISIONS.md §4a).
bool continues_line(const Token& t) {
  switch (t.kind) {
    case Tok::EqEq: case Tok::NotEq: case Tok::Lt: case Tok::Gt: case Tok::Le: case Tok::Ge:
    case Tok::Arrow: case Tok::TildeArrow: case Tok::Star: case Tok::Slash: case Tok::Percent:
    case Tok::Pow: case Tok::Dot: case Tok::Walrus:
      return true;
    case Tok::Word:
      return t.text == "and" || t.text == "or" || t.text == "in" || t.text == "is" ||
             t.text == "contains_only" || t.text == "if" || t.text == "else";
    default:
      return false;
  }
}

std::string shown(const Token& t) {
  std::string_view s = t.text;
  bool cut = false;
  if (auto nl = s.find('\n'); nl != std::string_view::npos) {
    s = s.substr(0, nl);
    cut = true;
  }
  if (s.size() > 40) {
    std::size_t n = 40;
    while (n > 0 && (static_cast<unsigned char>(s[n]) & 0xC0) == 0x80) --n;
    s = s.substr(0, n);
    cut = true;
  }
  return std::string(s) + (cut ? "..." : "");
}

class Parser {
 public:
  Parser(std::string source, const ParseLimits& limits)
      : source_(std::move(source)),
        toks_(detail::tokenize(source_)),
        max_nesting_(std::clamp(limits.max_nesting, 1, kHardNestingCap)) {}

  std::shared_ptr<Module> parse_module() {
    auto module = std::make_shared<Module>();
    while (cur().kind != Tok::End) parse_statement(module.get());
    module->source = source_;
    return module;
  }

  ExprPtr parse_single_expression() {
    if (cur().kind == Tok::End) {
      expected_ |= kOperand;
      fail_next();
    }
    ExprPtr e = parse_body_line();
    if (cur().kind != Tok::End) {
      expected_ = bit(ExEof);
      fail_at_token();
    }
    return e;
  }

  const std::string& source() const { return source_; }

 private:
  // RAII nesting counter: one level per bracket, unary operator, '**' and block.
  struct NestGuard {
    explicit NestGuard(Parser& p) : parser(p) {
      if (++parser.nesting_ > parser.max_nesting_) parser.fail_nesting(parser.raw().pos);
    }
    ~NestGuard() { --parser.nesting_; }
    NestGuard(const NestGuard&) = delete;
    NestGuard& operator=(const NestGuard&) = delete;
    Parser& parser;
  };

  std::string source_;
  std::vector<Token> toks_;
  std::size_t i_ = 0;
  int depth_ = 0;          // open brackets around the current token
  int nesting_ = 0;        // syntactic nesting (brackets, unary operators, '**', blocks)
  int block_indent_ = 0;   // indentation of the innermost block (0 at top level)
  int max_nesting_;
  std::uint64_t expected_ = 0;
  std::unordered_map<const Expr*, int> height_;

  // ---- token access --------------------------------------------------------------------------

  const Token& raw(std::size_t k = 0) const { return toks_[std::min(i_ + k, toks_.size() - 1)]; }

  const Token& cur() const {
    const Token& t = raw();
    if (t.kind == Tok::Error) throw SyntaxFailure{Diagnostic{DiagnosticKind::Syntax, t.pos, t.value}};
    return t;
  }
  const Token& peek(std::size_t k) const { return raw(k); }
  const Token& prev() const { return toks_[i_ - 1]; }

  void advance() {
    if (i_ + 1 < toks_.size()) ++i_;
    expected_ = 0;
    const Token& t = raw();
    if (depth_ > 0 && t.first_on_line && t.kind != Tok::End && t.kind != Tok::Error && t.indent < block_indent_) {
      fail(t.pos, "Inconsistent dedent " + where(t.pos) +
                      ": a line inside brackets is indented less than the block it belongs to.");
    }
  }

  // The next token if it is on the current logical line (same line, or inside brackets).
  const Token* same_line() const {
    const Token& t = cur();
    if (t.kind == Tok::End || (depth_ == 0 && t.first_on_line)) return nullptr;
    return &t;
  }
  // The next token where an operand is expected: after an operator the line may continue.
  const Token* operand_token() const {
    const Token& t = cur();
    if (t.kind == Tok::End) return nullptr;
    if (depth_ > 0 || !t.first_on_line || t.indent >= block_indent_) return &t;
    return nullptr;
  }
  // The next token where an operator (or postfix) may follow: a line may start with one.
  const Token* op_token() const {
    const Token& t = cur();
    if (t.kind == Tok::End) return nullptr;
    if (depth_ > 0 || !t.first_on_line) return &t;
    if (t.indent >= block_indent_ && continues_line(t)) return &t;
    return nullptr;
  }
  bool at_line_end() const {
    const Token& t = cur();
    return t.kind == Tok::End || (depth_ == 0 && t.first_on_line);
  }

  // ---- errors ----------------------------------------------------------------------------------

  [[noreturn]] void fail(SourcePos pos, std::string message) const {
    throw SyntaxFailure{Diagnostic{DiagnosticKind::Syntax, pos, std::move(message)}};
  }

  std::string expected_text() const {
    std::vector<const char*> names;
    for (int e = 0; e < ExCount; ++e) {
      if (expected_ & bit(static_cast<Ex>(e))) names.push_back(kExpectText[e]);
    }
    if (names.empty()) return "";
    std::string out = names.size() == 1 ? " Expected " : " Expected one of: ";
    for (std::size_t k = 0; k < names.size(); ++k) {
      if (k) out += ", ";
      out += names[k];
    }
    return out;
  }

  [[noreturn]] void fail_eof() const {
    const Token& t = raw();
    fail(t.pos, "Unexpected end of input " + where(t.pos) + "." + expected_text());
  }
  [[noreturn]] void fail_at_token() const {
    const Token& t = cur();
    if (t.kind == Tok::End) fail_eof();
    fail(t.pos, "Unexpected token '" + shown(t) + "' " + where(t.pos) + "." + expected_text());
  }
  [[noreturn]] void fail_line_end() const {
    const Token& t = cur();
    if (t.kind == Tok::End) fail_eof();
    SourcePos pos = i_ > 0 ? prev().end : t.pos;
    fail(pos, "Unexpected end of line " + where(pos) + "." + expected_text());
  }
  // The next token is not what was expected: either it is on another line or it is the wrong token.
  [[noreturn]] void fail_next() const {
    const Token& t = cur();
    if (t.kind == Tok::End) fail_eof();
    if (depth_ == 0 && t.first_on_line && i_ > 0) fail_line_end();
    fail_at_token();
  }

  void end_line() {
    if (at_line_end()) return;
    expected_ |= bit(ExEol);
    fail_at_token();
  }

  const Token& expect(Tok kind, Ex what) {
    const Token* t = same_line();
    if (t && t->kind == kind) {
      advance();
      return prev();
    }
    expected_ |= bit(what);
    fail_next();
  }
  const Token& expect_word(std::string_view word, Ex what) {
    const Token* t = same_line();
    if (t && is_word(*t, word)) {
      advance();
      return prev();
    }
    expected_ |= bit(what);
    fail_next();
  }
  const Token& expect_identifier() {
    const Token* t = same_line();
    if (t && t->kind == Tok::Word) {
      advance();
      return prev();
    }
    expected_ |= bit(ExIdent);
    fail_next();
  }
  void open_bracket() {
    ++depth_;
    advance();
  }
  void close_bracket(Tok kind, Ex what) {
    const Token& t = cur();
    if (t.kind == kind) {
      --depth_;
      advance();
      return;
    }
    expected_ |= bit(what);
    fail_next();
  }

  // ---- nodes -----------------------------------------------------------------------------------

  static std::shared_ptr<Expr> make(ExprKind kind, SourcePos pos) {
    auto e = std::make_shared<Expr>();
    e->kind = kind;
    e->pos = pos;
    return e;
  }

  int height_of(const ExprPtr& e) const {
    if (!e) return 0;
    auto it = height_.find(e.get());
    return it == height_.end() ? 1 : it->second;
  }

  // Records the node's height (the tree must stay shallow enough for its recursive consumers).
  ExprPtr seal(std::shared_ptr<Expr> e) {
    int h = 0;
    for (const auto& c : e->items) h = std::max(h, height_of(c));
    for (const auto& c : e->args) h = std::max(h, height_of(c));
    for (const auto& c : e->kwargs) h = std::max(h, height_of(c.second));
    for (const auto& c : e->entries) h = std::max(h, height_of(c.second));
    for (const auto& c : e->body) h = std::max(h, height_of(c));
    ++h;
    if (h > max_nesting_) fail_nesting(e->pos);
    height_[e.get()] = h;
    return e;
  }

  [[noreturn]] void fail_nesting(SourcePos pos) const {
    fail(pos, "Nesting too deep " + where(pos) + ": brackets and operators may be nested at most " +
                  std::to_string(max_nesting_) + " levels deep.");
  }

  ExprPtr binary(Op op, ExprPtr left, ExprPtr right) {
    auto e = make(ExprKind::Binary, left->pos);
    e->op = op;
    e->items = {std::move(left), std::move(right)};
    return seal(std::move(e));
  }
  ExprPtr unary(Op op, SourcePos pos, ExprPtr operand) {
    auto e = make(ExprKind::Unary, pos);
    e->op = op;
    e->items = {std::move(operand)};
    return seal(std::move(e));
  }

  // ---- statements ------------------------------------------------------------------------------

  // Parses one statement starting at the current token (the first of its line). `module` is null
  // inside `def` blocks, whose statements are parsed and dropped.
  void parse_statement(Module* module) {
    const Token& t = cur();
    if (t.kind != Tok::Word) {
      expected_ |= bit(ExIdent) | bit(ExRaise) | bit(ExDef) | bit(ExFrom) | bit(ExImport);
      fail_at_token();
    }
    const int indent = t.indent;
    const bool declares = peek(1).kind == Tok::Walrus && !peek(1).first_on_line;
    if (!declares && t.text == "from") {
      parse_from_import(module);
    } else if (!declares && t.text == "import") {
      parse_import(module);
    } else if (!declares && t.text == "raise") {
      parse_rule(module, indent);
    } else if (!declares && t.text == "def" && peek(1).kind == Tok::Word) {
      parse_def(indent);
    } else {
      parse_declaration(module, indent);
    }
  }

  std::string dotted_name() {
    std::string name(expect_identifier().text);
    while (true) {
      const Token* t = same_line();
      if (t && t->kind == Tok::Dot && peek(1).kind == Tok::Word && !peek(1).first_on_line) {
        advance();
        name += '.';
        name += expect_identifier().text;
      } else {
        expected_ |= bit(ExDot);
        return name;
      }
    }
  }

  ImportSpec import_spec(bool dotted_needs_alias) {
    ImportSpec spec;
    spec.pos = cur().pos;
    spec.name = dotted_name();
    const Token* t = same_line();
    if (t && is_word(*t, "as")) {
      advance();
      spec.alias = std::string(expect_identifier().text);
    } else {
      expected_ |= bit(ExAs);
      if (dotted_needs_alias && spec.name.find('.') != std::string::npos) {
        fail(spec.pos, "Cannot import the dotted name '" + spec.name + "' " + where(spec.pos) +
                           " without 'as'.");
      }
    }
    return spec;
  }

  void parse_from_import(Module* module) {
    Import imp;
    imp.from = true;
    imp.pos = cur().pos;
    advance();  // from
    imp.module = dotted_name();
    expect_word("import", ExImport);
    while (true) {
      imp.specs.push_back(import_spec(true));
      const Token* t = same_line();
      if (t && t->kind == Tok::Comma) {
        advance();
        continue;
      }
      expected_ |= bit(ExComma);
      break;
    }
    end_line();
    if (module) module->imports.push_back(std::move(imp));
  }

  void parse_import(Module* module) {
    Import imp;
    imp.from = false;
    imp.pos = cur().pos;
    advance();  // import
    ImportSpec spec = import_spec(false);
    imp.module = spec.name;
    imp.specs.push_back(std::move(spec));
    end_line();
    if (module) module->imports.push_back(std::move(imp));
  }

  std::vector<Parameter> parameter_list() {
    std::vector<Parameter> params;
    NestGuard guard(*this);
    open_bracket();  // '('
    if (cur().kind != Tok::RParen) {
      while (true) {
        Parameter p;
        const Token& name = expect_identifier();
        p.name = std::string(name.text);
        p.pos = name.pos;
        expect(Tok::Colon, ExColon);
        p.type_name = std::string(expect_identifier().text);
        params.push_back(std::move(p));
        if (cur().kind == Tok::Comma) {
          advance();
          continue;
        }
        expected_ |= bit(ExComma);
        break;
      }
    }
    close_bracket(Tok::RParen, ExRParen);
    return params;
  }

  void parse_declaration(Module* module, int indent) {
    Declaration d;
    const Token& name = cur();  // a word (checked by parse_statement), first on its line
    advance();
    d.name = std::string(name.text);
    d.pos = name.pos;
    const Token* t = same_line();
    if (t && t->kind == Tok::LParen) {
      d.is_predicate = true;
      d.params = parameter_list();
    } else {
      expected_ |= bit(ExLParen);
    }
    expect(Tok::Walrus, ExWalrus);
    if (at_line_end()) {
      parse_block(indent, [&] { d.body.push_back(parse_body_line()); });
    } else {
      d.body.push_back(parse_expr());
      end_line();
    }
    if (module) module->declarations.push_back(std::move(d));
  }

  void parse_rule(Module* module, int indent) {
    Rule r;
    r.pos = cur().pos;
    advance();  // raise
    const Token* t = operand_token();
    if (!t) {
      expected_ |= bit(ExIdent) | bit(ExString);
      fail_next();
    }
    r.head = parse_postfix();
    const ExprKind k = r.head->kind;
    if (k != ExprKind::String && k != ExprKind::Identifier && k != ExprKind::Call) {
      fail(r.head->pos, "The head of a rule " + where(r.head->pos) +
                            " must be a string, an identifier or a call (raise \"message\" if:).");
    }
    expect_word("if", ExIf);
    expect(Tok::Colon, ExColon);
    parse_block(indent, [&] { r.body.push_back(parse_body_line()); });
    if (module) {
      r.index = static_cast<int>(module->rules.size());
      module->rules.push_back(std::move(r));
    }
  }

  void parse_def(int indent) {
    advance();  // def
    expect_identifier();
    const Token* t = same_line();
    if (!t || t->kind != Tok::LParen) {
      expected_ |= bit(ExLParen);
      fail_next();
    }
    parameter_list();
    expect(Tok::Colon, ExColon);
    parse_block(indent, [&] { parse_statement(nullptr); });
  }

  // The opener (':' or ':=') has just been consumed. Parses the indented block that follows it,
  // calling `line` for each of its lines.
  template <class LineFn>
  void parse_block(int opener_indent, LineFn&& line) {
    const Token& opener = prev();
    if (opener.comment_after) {
      fail(opener.comment_pos, "Unexpected comment " + where(opener.comment_pos) + ": a line that opens a block with '" +
                                   std::string(opener.text) + "' must end with it.");
    }
    const Token& first = cur();
    if (first.kind != Tok::End && !(depth_ == 0 && first.first_on_line)) {
      expected_ |= bit(ExEol);
      fail_at_token();
    }
    if (first.kind == Tok::End) {
      expected_ |= bit(ExBlock);
      fail_eof();
    }
    if (first.indent <= opener_indent) {
      fail(first.pos, "Expected an indented block " + where(first.pos) + " (after line " +
                          std::to_string(opener.pos.line + 1) + ").");
    }
    NestGuard guard(*this);
    const int block = first.indent;
    const int saved = block_indent_;
    block_indent_ = block;
    while (true) {
      line();
      const Token& next = cur();
      if (next.kind == Tok::End) break;
      if (!next.first_on_line) {
        expected_ |= bit(ExEol);
        fail_at_token();
      }
      if (next.indent < block) {
        if (next.indent > opener_indent) {
          fail(next.pos, "Inconsistent dedent " + where(next.pos) +
                             ": the line is indented less than its block but more than the line that opened it.");
        }
        break;
      }
    }
    block_indent_ = saved;
  }

  // One condition of a rule / predicate / quantifier body; a quantifier line opens a nested block.
  ExprPtr parse_body_line() {
    const int indent = cur().indent;
    ExprPtr e = parse_expr();
    const Token* t = same_line();
    if (t && t->kind == Tok::Colon) {
      const Expr* callee = e.get();
      bool negated = false;
      if (callee->kind == ExprKind::Unary && callee->op == Op::Not) {
        negated = true;
        callee = callee->items[0].get();
      }
      if (callee->kind != ExprKind::Identifier && callee->kind != ExprKind::Call &&
          callee->kind != ExprKind::Member) {
        fail(t->pos, "Unexpected token ':' " + where(t->pos) +
                         ". Only a quantifier (a name or a call such as 'forall' or 'count(min=1)', optionally "
                         "preceded by 'not') may open a block in a rule body.");
      }
      advance();  // ':'
      auto q = make(ExprKind::Quantifier, e->pos);
      q->negated = negated;
      q->items = {negated ? e->items[0] : e};
      parse_block(indent, [&] { q->body.push_back(parse_body_line()); });
      return seal(std::move(q));
    }
    expected_ |= bit(ExColon);
    end_line();
    return e;
  }

  // ---- expressions -----------------------------------------------------------------------------

  // expr := ID ':=' expr | ternary
  ExprPtr parse_expr() {
    const Token* t = operand_token();
    if (t && t->kind == Tok::Word && peek(1).kind == Tok::Walrus && (depth_ > 0 || !peek(1).first_on_line) &&
        t->text != "True" && t->text != "False" && t->text != "None") {
      auto e = make(ExprKind::Assign, t->pos);
      e->text = std::string(t->text);
      advance();
      advance();  // ':='
      NestGuard guard(*this);
      e->items = {parse_expr()};
      return seal(std::move(e));
    }
    return parse_ternary();
  }

  // ternary := or ['if' or 'else' ternary]
  ExprPtr parse_ternary() {
    ExprPtr value = parse_or();
    const Token* t = op_token();
    if (t && is_word(*t, "if")) {
      advance();
      NestGuard guard(*this);
      ExprPtr cond = parse_or();
      const Token* e = op_token();
      if (!e || !is_word(*e, "else")) {
        expected_ |= bit(ExElse);
        fail_next();
      }
      advance();
      ExprPtr other = parse_ternary();
      auto n = make(ExprKind::Ternary, value->pos);
      n->items = {std::move(value), std::move(cond), std::move(other)};
      return seal(std::move(n));
    }
    expected_ |= bit(ExIf);
    return value;
  }

  // One left-associative binary level: operands parsed by `next`, operators recognised by `op_of`
  // (Op::None_: the token does not belong to this level).
  template <class OpOf>
  ExprPtr left_assoc(ExprPtr (Parser::*next)(), OpOf op_of) {
    ExprPtr left = (this->*next)();
    while (const Token* t = op_token()) {
      const Op op = op_of(*t);
      if (op == Op::None_) break;
      advance();
      left = binary(op, std::move(left), (this->*next)());
    }
    expected_ |= bit(ExOperator);
    return left;
  }

  ExprPtr parse_or() {
    return left_assoc(&Parser::parse_and, [](const Token& t) { return is_word(t, "or") ? Op::Or : Op::None_; });
  }

  ExprPtr parse_and() {
    return left_assoc(&Parser::parse_not, [](const Token& t) { return is_word(t, "and") ? Op::And : Op::None_; });
  }


  ExprPtr parse_not() {
    const Token* t = operand_token();
    if (t && is_word(*t, "not")) {
      const SourcePos pos = t->pos;
      advance();
      NestGuard guard(*this);
      return unary(Op::Not, pos, parse_not());
    }
    return parse_comparison();
  }

  // The comparison operator at the current token, and how many tokens it spans.
  Op comparison_op(const Token& t, int& tokens) const {
    tokens = 1;
    switch (t.kind) {
      case Tok::EqEq: return Op::Eq;
      case Tok::NotEq: return Op::Ne;
      case Tok::Lt: return Op::Lt;
      case Tok::Gt: return Op::Gt;
      case Tok::Le: return Op::Le;
      case Tok::Ge: return Op::Ge;
      case Tok::Arrow: return Op::Flow;
      case Tok::TildeArrow: return Op::DirectFlow;
      case Tok::Word:
        if (t.text == "in") return Op::In;
        if (t.text == "contains_only") return Op::ContainsOnly;
        if (t.text == "is") {
          if (is_word(peek(1), "not")) {
            tokens = 2;
            return Op::IsNot;
          }
          return Op::Is;
        }
        if (t.text == "not" && is_word(peek(1), "in")) {
          tokens = 2;
          return Op::NotIn;
        }
        return Op::None_;
      default:
        return Op::None_;
    }
  }

  // comparison := arith (cmp_op arith)*; a chain a < b < c means (a < b) and (b < c), sharing b.
  ExprPtr parse_comparison() {
    ExprPtr left = parse_arith();
    ExprPtr result;
    while (true) {
      const Token* t = op_token();
      int tokens = 1;
      const Op op = t ? comparison_op(*t, tokens) : Op::None_;
      if (op == Op::None_) break;
      for (int k = 0; k < tokens; ++k) advance();
      ExprPtr right = parse_arith();
      ExprPtr cmp = binary(op, left, right);
      result = result ? binary(Op::And, std::move(result), std::move(cmp)) : std::move(cmp);
      left = std::move(right);
    }
    expected_ |= bit(ExOperator);
    return result ? result : left;
  }

  ExprPtr parse_arith() {
    return left_assoc(&Parser::parse_term, [](const Token& t) {
      return t.kind == Tok::Plus ? Op::Add : t.kind == Tok::Minus ? Op::Sub : Op::None_;
    });
  }


  ExprPtr parse_term() {
    return left_assoc(&Parser::parse_unary, [](const Token& t) {
      return t.kind == Tok::Star ? Op::Mul : t.kind == Tok::Slash ? Op::Div : t.kind == Tok::Percent ? Op::Mod : Op::None_;
    });
  }


  // unary := ('-' | '+') unary | power. As an extension (the reference accepts it), 'not' may also
  // stand where an operand of a tighter operator is expected (`a == not b`): it then takes a
  // `not`-level operand, up to the next 'and' / 'or'.
  ExprPtr parse_unary() {
    const Token* t = operand_token();
    if (t && (t->kind == Tok::Minus || t->kind == Tok::Plus)) {
      const SourcePos pos = t->pos;
      const Op op = t->kind == Tok::Minus ? Op::Neg : Op::Pos;
      advance();
      NestGuard guard(*this);
      return unary(op, pos, parse_unary());
    }
    if (t && is_word(*t, "not")) {
      const SourcePos pos = t->pos;
      advance();
      NestGuard guard(*this);
      return unary(Op::Not, pos, parse_not());
    }
    return parse_power();
  }

  // power := postfix ['**' unary]   (right-associative, binds tighter than a unary on its left)
  ExprPtr parse_power() {
    ExprPtr base = parse_postfix();
    const Token* t = op_token();
    if (t && t->kind == Tok::Pow) {
      advance();
      NestGuard guard(*this);
      return binary(Op::Pow, std::move(base), parse_unary());
    }
    expected_ |= bit(ExOperator);
    return base;
  }

  // postfix := primary ('.' ID | '(' args ')' | '[' expr ']')*
  ExprPtr parse_postfix() {
    ExprPtr e = parse_primary();
    while (true) {
      const Token* t = op_token();
      if (t && t->kind == Tok::Dot) {
        advance();
        const Token* name = operand_token();
        if (!name || name->kind != Tok::Word) {
          expected_ |= bit(ExIdent);
          fail_next();
        }
        auto m = make(ExprKind::Member, e->pos);
        m->text = std::string(name->text);
        m->items = {std::move(e)};
        advance();
        e = seal(std::move(m));
      } else if (t && t->kind == Tok::LParen) {
        e = parse_call(std::move(e));
      } else if (t && t->kind == Tok::LBracket) {
        NestGuard guard(*this);
        open_bracket();
        ExprPtr key = parse_expr();
        close_bracket(Tok::RBracket, ExRBracket);
        auto k = make(ExprKind::Key, e->pos);
        k->items = {std::move(e), std::move(key)};
        e = seal(std::move(k));
      } else {
        expected_ |= bit(ExDot) | bit(ExLParen) | bit(ExLBracket);
        return e;
      }
    }
  }

  ExprPtr parse_call(ExprPtr callee) {
    NestGuard guard(*this);
    const bool pattern = callee->kind == ExprKind::ToolRef;
    auto c = make(pattern ? ExprKind::Pattern : ExprKind::Call, callee->pos);
    open_bracket();  // '('
    if (cur().kind != Tok::RParen) {
      while (true) {
        const Token& a = cur();
        if (a.kind == Tok::Word && peek(1).kind == Tok::Equals) {
          std::string name(a.text);
          advance();
          advance();  // '='
          c->kwargs.emplace_back(std::move(name), parse_expr());
        } else {
          if (!c->kwargs.empty()) {
            fail(a.pos, "Positional argument " + where(a.pos) + " follows a keyword argument.");
          }
          c->args.push_back(parse_expr());
        }
        if (cur().kind == Tok::Comma) {
          advance();
          continue;
        }
        expected_ |= bit(ExComma);
        break;
      }
    }
    close_bracket(Tok::RParen, ExRParen);
    if (pattern) {
      c->text = callee->text;
    } else {
      c->items = {std::move(callee)};
    }
    return seal(std::move(c));
  }

  ExprPtr parse_primary() {
    const Token* tp = operand_token();
    if (!tp) {
      expected_ |= kOperand;
      fail_next();
    }
    const Token& t = *tp;
    switch (t.kind) {
      case Tok::Int: {
        auto e = make(ExprKind::Int, t.pos);
        e->int_value = t.int_value;
        advance();
        return e;
      }
      case Tok::Float: {
        auto e = make(ExprKind::Float, t.pos);
        e->float_value = t.float_value;
        advance();
        return e;
      }
      case Tok::String: {
        auto e = make(ExprKind::String, t.pos);
        e->text = t.value;
        advance();
        return e;
      }
      case Tok::ValueRef: {
        auto e = make(ExprKind::ValueRef, t.pos);
        e->text = t.value;
        advance();
        return e;
      }
      case Tok::Star: {
        auto e = make(ExprKind::Wildcard, t.pos);
        advance();
        return e;
      }
      case Tok::Word: {
        if (t.text == "True" || t.text == "False") {
          auto e = make(ExprKind::Bool, t.pos);
          e->bool_value = t.text == "True";
          advance();
          return e;
        }
        if (t.text == "None") {
          auto e = make(ExprKind::None, t.pos);
          advance();
          return e;
        }
        if (t.text == "tool" && peek(1).kind == Tok::Colon && peek(2).kind == Tok::Word &&
            (depth_ > 0 || (!peek(1).first_on_line && !peek(2).first_on_line))) {
          auto e = make(ExprKind::ToolRef, t.pos);
          e->text = std::string(peek(2).text);
          advance();
          advance();
          advance();
          return e;
        }
        auto e = make(ExprKind::Identifier, t.pos);
        e->text = std::string(t.text);
        advance();
        return e;
      }
      case Tok::LParen: {
        if (peek(1).kind == Tok::Word && peek(2).kind == Tok::Colon && peek(3).kind == Tok::Word &&
            peek(4).kind == Tok::RParen) {
          // typed identifier (name: Type); its position is the name's (the parenthesis is punctuation)
          ++depth_;
          advance();
          auto e = make(ExprKind::TypedIdent, cur().pos);
          e->text = std::string(cur().text);
          advance();
          advance();  // ':'
          e->type_name = std::string(cur().text);
          advance();
          close_bracket(Tok::RParen, ExRParen);
          return e;
        }
        NestGuard guard(*this);
        open_bracket();
        ExprPtr inner = parse_expr();
        close_bracket(Tok::RParen, ExRParen);
        return inner;
      }
      case Tok::LBracket: return parse_list();
      case Tok::LBrace: return parse_dict();
      default:
        expected_ |= kOperand;
        fail_at_token();
    }
  }

  ExprPtr parse_list() {
    NestGuard guard(*this);
    const SourcePos pos = cur().pos;
    open_bracket();  // '['
    if (cur().kind == Tok::RBracket) {
      close_bracket(Tok::RBracket, ExRBracket);
      return seal(make(ExprKind::List, pos));
    }
    ExprPtr first = parse_expr();
    if (is_word(cur(), "for")) {
      advance();
      auto c = make(ExprKind::ListComp, pos);
      c->text = std::string(expect_identifier().text);
      expect_word("in", ExIn);
      ExprPtr iterable = parse_or();
      ExprPtr cond;
      if (is_word(cur(), "if")) {
        advance();
        cond = parse_or();
      } else {
        expected_ |= bit(ExIf);
      }
      close_bracket(Tok::RBracket, ExRBracket);
      c->items = {std::move(first), std::move(iterable), std::move(cond)};
      return seal(std::move(c));
    }
    expected_ |= bit(ExFor);
    auto l = make(ExprKind::List, pos);
    l->items.push_back(std::move(first));
    while (cur().kind == Tok::Comma) {
      advance();
      l->items.push_back(parse_expr());
    }
    expected_ |= bit(ExComma);
    close_bracket(Tok::RBracket, ExRBracket);
    return seal(std::move(l));
  }

  ExprPtr parse_dict() {
    NestGuard guard(*this);
    auto d = make(ExprKind::Dict, cur().pos);
    open_bracket();  // '{'
    if (cur().kind != Tok::RBrace) {
      while (true) {
        const Token& k = cur();
        std::string key;
        if (k.kind == Tok::Word) {
          key = std::string(k.text);
        } else if (k.kind == Tok::String) {
          key = k.value;
        } else {
          expected_ |= bit(ExIdent) | bit(ExString);
          fail_at_token();
        }
        advance();
        expect(Tok::Colon, ExColon);
        d->entries.emplace_back(std::move(key), parse_expr());
        if (cur().kind == Tok::Comma) {
          advance();
          continue;
        }
        expected_ |= bit(ExComma);
        break;
      }
    }
    close_bracket(Tok::RBrace, ExRBrace);
    return seal(std::move(d));
  }

};

ParseOutcome run_parse(std::string_view text, const ParseLimits& limits, ExprPtr* expression) {
  ParseOutcome out;
  if (text.size() > limits.max_source_bytes) {
    out.errors.push_back(Diagnostic{DiagnosticKind::Limit, SourcePos{0, 1},
                                    "Policy source too large: " + std::to_string(text.size()) +
                                        " bytes (the limit is " + std::to_string(limits.max_source_bytes) +
                                        " bytes)."});
    return out;
  }
  try {
    Parser parser(dedent(text), limits);
    if (expression) {
      *expression = parser.parse_single_expression();
      auto module = std::make_shared<Module>();
      module->source = parser.source();
      out.module = std::move(module);
    } else {
      out.module = parser.parse_module();
    }
  } catch (const SyntaxFailure& f) {
    out.module.reset();
    if (expression) expression->reset();
    out.errors.push_back(f.diagnostic);
  }
  return out;
}

}  // namespace

ParseOutcome parse_policy(std::string_view text, const ParseLimits& limits) {
  return run_parse(text, limits, nullptr);
}

ParseOutcome parse_expression(std::string_view text, ExprPtr& out, const ParseLimits& limits) {
  out.reset();
  return run_parse(text, limits, &out);
}

}  // namespace inv::policy
