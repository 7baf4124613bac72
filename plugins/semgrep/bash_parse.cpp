// Tokenizer-level bash parser; see bash_parse.hpp.
#include "plugins/semgrep/bash_parse.hpp"

#include <cctype>
#include <string>

namespace inv::detectors::semgrep_internal {

namespace {

bool name_start(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_'; }
bool name_char(char c) { return name_start(c) || (c >= '0' && c <= '9'); }
bool blank(char c) { return c == ' ' || c == '\t'; }
// Characters that end an unquoted word.
bool word_end(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == ';' || c == '&' || c == '|' || c == ')' || c == '(' || c == '<' ||
         c == '>';
}

bool transparent_reserved(std::string_view w) {
  return w == "if" || w == "then" || w == "else" || w == "elif" || w == "fi" || w == "do" || w == "done" ||
         w == "while" || w == "until" || w == "!" || w == "time" || w == "esac" || w == "{" || w == "}" || w == "in" ||
         w == "[[" || w == "]]";
}

// ${...} contents that cannot expand to an empty string.
bool guarded_expansion(std::string_view body) {
  std::size_t p = 0;
  while (p < body.size() && name_char(body[p])) ++p;
  if (p == 0 || p >= body.size()) return false;
  std::string_view rest = body.substr(p);
  if (rest[0] == ':') rest.remove_prefix(1);
  if (rest.empty()) return false;
  if (rest[0] == '?') return true;
  return (rest[0] == '-' || rest[0] == '=') && rest.size() > 1;
}

}  // namespace

bool sh_assignment(std::string_view text, std::string_view* name, std::string_view* value) {
  if (text.empty() || !name_start(text[0])) return false;
  std::size_t p = 1;
  while (p < text.size() && name_char(text[p])) ++p;
  const std::size_t name_end = p;
  if (p < text.size() && text[p] == '[') {
    const std::size_t close = text.find(']', p);
    if (close == std::string_view::npos) return false;
    p = close + 1;
  }
  if (p < text.size() && text[p] == '+') ++p;
  if (p >= text.size() || text[p] != '=') return false;
  if (name != nullptr) *name = text.substr(0, name_end);
  if (value != nullptr) *value = text.substr(p + 1);
  return true;
}

void ShParser::skip_blanks() {
  while (!eof()) {
    const char c = peek();
    if (blank(c) || c == '\r') {
      ++i_;
    } else if (c == '\\' && peek(1) == '\n') {
      i_ += 2;
      ++line_;
    } else {
      break;
    }
  }
}

void ShParser::skip_comment() {
  if (peek() != '#') return;
  while (!eof() && peek() != '\n') ++i_;
}

void ShParser::newline() {
  ++i_;
  ++line_;
  if (!pending_.empty()) read_heredocs();
}

void ShParser::read_heredocs() {
  std::vector<Pending> pending;
  pending.swap(pending_);
  for (const Pending& p : pending) {
    ShHeredoc& doc = u_.heredocs[static_cast<std::size_t>(p.index)];
    doc.line = line_;
    while (!eof()) {
      std::size_t e = s_.find('\n', i_);
      if (e == std::string_view::npos) e = s_.size();
      std::string_view text = s_.substr(i_, e - i_);
      i_ = e < s_.size() ? e + 1 : e;
      ++line_;
      std::string_view cmp = text;
      if (p.strip_tabs) {
        while (!cmp.empty() && cmp.front() == '\t') cmp.remove_prefix(1);
      }
      if (cmp == p.delimiter) break;
      doc.body.append(text);
      doc.body += '\n';
    }
  }
}

bool ShParser::at_word(std::string_view w) const {
  if (s_.substr(i_, w.size()) != w) return false;
  const char after = i_ + w.size() < s_.size() ? s_[i_ + w.size()] : '\0';
  return after == '\0' || word_end(after);
}

bool ShParser::next(std::vector<ShPipeline>& out) {
  out.clear();
  if (eof()) return false;
  parse_items(out, '\0', true);
  return true;
}

// A list of pipelines separated by ; & && || and newlines, up to `closer` (')' or '}' at command start).
// With `top`, returns after the first newline (or once enough pipelines are collected).
bool ShParser::parse_items(std::vector<ShPipeline>& out, char closer, bool top) {
  while (!eof()) {
    skip_blanks();
    skip_comment();
    if (eof()) break;
    const char c = peek();
    if (c == '\n') {
      newline();
      if (top) return true;
      continue;
    }
    if (c == ';' || c == '&' || c == '|') {
      if (c == '&' && peek(1) != '&' && !out.empty() && !out.back().cmds.empty()) {
        out.back().cmds.back().background = true;
      }
      ++i_;
      continue;
    }
    if (c == ')') {
      if (closer == ')') return true;
      ++i_;  // a case pattern or a stray parenthesis
      continue;
    }
    if (closer == '}' && c == '}' && at_word("}")) return true;
    ShPipeline p;
    const std::size_t before = i_;
    if (parse_pipeline(p, closer) && out.size() < kMaxItems) out.push_back(std::move(p));
    if (i_ == before) ++i_;  // always make progress
    if (top && out.size() >= 1024 && pending_.empty()) return true;
  }
  return true;
}

bool ShParser::parse_pipeline(ShPipeline& p, char closer) {
  for (;;) {
    ShCommand c;
    if (!parse_command(c, closer)) break;
    if (p.cmds.size() < kMaxItems) p.cmds.push_back(std::move(c));
    skip_blanks();
    if (peek() == '|' && peek(1) != '|') {
      ++i_;
      if (peek() == '&') ++i_;
      for (;;) {  // a pipe may be followed by newlines and comments
        skip_blanks();
        skip_comment();
        if (peek() != '\n') break;
        newline();
      }
      continue;
    }
    break;
  }
  return !p.cmds.empty();
}

bool ShParser::redirect_start() const {
  std::size_t k = i_;
  while (k < s_.size() && s_[k] >= '0' && s_[k] <= '9') ++k;
  if (k >= s_.size()) return false;
  const char c = s_[k];
  if (c == '&') return k == i_ && k + 1 < s_.size() && s_[k + 1] == '>';
  if (c != '<' && c != '>') return false;
  return !(k + 1 < s_.size() && s_[k + 1] == '(');  // <( and >( are process substitutions
}

void ShParser::parse_redirect(ShCommand& c) {
  ShRedir r;
  std::size_t k = i_;
  while (k < s_.size() && s_[k] >= '0' && s_[k] <= '9') ++k;
  if (k > i_) r.fd = k - i_ > 4 ? 9999 : std::stoi(std::string(s_.substr(i_, k - i_)));
  i_ = k;
  static constexpr std::string_view kOps[] = {"&>>", "<<<", "<<-", "&>", "<<", "<>", "<&", ">>", ">&", ">|", "<", ">"};
  for (std::string_view op : kOps) {
    if (s_.substr(i_, op.size()) == op) {
      r.op = std::string(op);
      i_ += op.size();
      break;
    }
  }
  skip_blanks();
  const std::size_t before = i_;
  r.target = parse_word();
  if (i_ == before && (peek() == '<' || peek() == '>')) {
    // `<(...)` target: a process substitution
    r.target = parse_word();
  }
  if (r.op == "<<" || r.op == "<<-") {
    r.heredoc = static_cast<int>(u_.heredocs.size());
    u_.heredocs.emplace_back();
    pending_.push_back({r.heredoc, r.target.text, r.op == "<<-"});
  }
  c.redirs.push_back(std::move(r));
}

bool ShParser::parse_command(ShCommand& c, char closer) {
  c.line_start = line_;
  bool any = false, skip_words = false, expect_function_name = false;
  while (!eof()) {
    skip_blanks();
    if (eof()) break;
    const char ch = peek();
    if (ch == '\n' || ch == ';' || ch == '|' || ch == ')' || (ch == '&' && peek(1) != '>')) break;
    if (ch == '#') {
      skip_comment();
      break;
    }
    if (closer == '}' && ch == '}' && c.words.empty() && c.assigns.empty() && c.group < 0 && at_word("}")) break;
    if (ch == '(') {
      std::size_t k = i_ + 1;
      while (k < s_.size() && blank(s_[k])) ++k;
      if (peek(1) == '(') {  // (( arithmetic ))
        skip_balanced();
        any = true;
        continue;
      }
      if (k < s_.size() && s_[k] == ')' && (!c.words.empty() || !c.funcdef.empty())) {
        if (c.funcdef.empty()) {
          c.funcdef = c.words.back().text;
          c.words.pop_back();
        }
        i_ = k + 1;
        any = true;
        continue;
      }
      if (c.words.empty() && c.group < 0 && depth_ >= kMaxDepth) {
        ++i_;  // too deep for another level: the subshell's commands are read as part of this list
        continue;
      }
      if (c.words.empty() && c.group < 0) {
        ++i_;
        c.group = nested(')');
        if (peek() == ')') ++i_;
        any = true;
        continue;
      }
      ++i_;
      continue;
    }
    if (redirect_start()) {
      parse_redirect(c);
      any = true;
      continue;
    }
    const std::size_t before = i_;
    ShWord w = parse_word();
    if (i_ == before) {
      ++i_;
      continue;
    }
    any = true;
    if (expect_function_name) {
      c.funcdef = w.text;
      expect_function_name = false;
      continue;
    }
    if (c.words.empty() && c.group < 0 && !w.quoted && !skip_words) {
      if (w.text == "{" && depth_ < kMaxDepth) {
        c.group = nested('}');
        if (peek() == '}') ++i_;
        continue;
      }
      if (transparent_reserved(w.text)) continue;
      if (w.text == "for" || w.text == "select" || w.text == "case") {
        skip_words = true;
        continue;
      }
      if (w.text == "function") {
        expect_function_name = true;
        continue;
      }
      if (sh_assignment(w.text)) {
        if (c.assigns.size() < kMaxItems) c.assigns.push_back(std::move(w));
        continue;
      }
    }
    if (!skip_words && c.words.size() < kMaxItems) c.words.push_back(std::move(w));
  }
  c.line_end = line_;
  return any;
}

ShWord ShParser::parse_word() {
  ShWord w;
  w.line = line_;
  const std::size_t start = i_;
  while (!eof()) {
    const char c = peek();
    if ((c == '<' || c == '>') && peek(1) == '(' && i_ == start) {
      i_ += 2;
      const int idx = nested(')');
      if (peek() == ')') ++i_;
      if (idx >= 0) w.subs.push_back(idx);
      w.proc_sub = true;
      w.text += s_.substr(start, i_ - start);
      continue;
    }
    if (c == '(' && !w.text.empty() && w.text.back() == '=' && sh_assignment(w.text)) {
      const std::size_t from = i_;
      skip_balanced();  // array assignment: NAME=( ... )
      w.text += s_.substr(from, i_ - from);
      continue;
    }
    if (word_end(c)) break;
    switch (c) {
      case '\\':
        if (peek(1) == '\n') {
          i_ += 2;
          ++line_;
        } else {
          if (i_ + 1 < s_.size()) w.text += s_[i_ + 1];
          w.quoted = true;
          i_ += 2;
        }
        break;
      case '\'': {
        ++i_;
        w.quoted = true;
        while (!eof() && peek() != '\'') {
          if (peek() == '\n') ++line_;
          w.text += s_[i_++];
        }
        if (!eof()) ++i_;
        break;
      }
      case '"': double_quoted(w); break;
      case '$': dollar(w); break;
      case '`': backtick(w); break;
      default: w.text += c; ++i_;
    }
  }
  if (i_ > s_.size()) i_ = s_.size();
  return w;
}

void ShParser::double_quoted(ShWord& w) {
  ++i_;
  w.quoted = true;
  while (!eof() && peek() != '"') {
    const char c = peek();
    if (c == '\\' && i_ + 1 < s_.size()) {
      const char n = s_[i_ + 1];
      if (n == '\n') {
        ++line_;
        i_ += 2;
        continue;
      }
      if (n == '$' || n == '`' || n == '"' || n == '\\') {
        w.text += n;
        i_ += 2;
        continue;
      }
    }
    if (c == '$') {
      if (peek(1) == '\'' || peek(1) == '"') {  // not special inside double quotes
        w.text += c;
        ++i_;
        continue;
      }
      dollar(w);
      continue;
    }
    if (c == '`') {
      backtick(w);
      continue;
    }
    if (c == '\n') ++line_;
    w.text += c;
    ++i_;
  }
  if (!eof()) ++i_;
}

void ShParser::dollar(ShWord& w) {
  const std::size_t start = i_;
  const char n = peek(1);
  if (n == '(') {
    if (peek(2) == '(') {
      ++i_;
      skip_balanced();  // $(( arithmetic ))
    } else {
      i_ += 2;
      const int idx = nested(')');
      if (peek() == ')') ++i_;
      if (idx >= 0) w.subs.push_back(idx);
    }
    w.text += s_.substr(start, i_ - start);
    return;
  }
  if (n == '{') {
    i_ += 2;
    int depth = 1;
    while (!eof() && depth > 0) {
      const char c = peek();
      if (c == '\\') {
        i_ += 2;
        continue;
      }
      if (c == '{')
        ++depth;
      else if (c == '}')
        --depth;
      else if (c == '\n')
        ++line_;
      ++i_;
    }
    if (i_ > s_.size()) i_ = s_.size();
    w.text += s_.substr(start, i_ - start);
    w.param = true;
    const std::size_t body_end = depth == 0 ? i_ - 1 : i_;
    if (guarded_expansion(s_.substr(start + 2, body_end - (start + 2)))) w.guarded = true;
    return;
  }
  if (n == '\'') {  // $'...' with C escapes
    i_ += 2;
    w.quoted = true;
    while (!eof() && peek() != '\'') {
      char c = peek();
      if (c == '\\' && i_ + 1 < s_.size()) {
        const char e = s_[i_ + 1];
        i_ += 2;
        switch (e) {
          case 'n': w.text += '\n'; break;
          case 't': w.text += '\t'; break;
          case 'r': w.text += '\r'; break;
          case 'x': {
            int v = 0, digits = 0;
            while (digits < 2 && !eof() && std::isxdigit(static_cast<unsigned char>(peek()))) {
              const char h = peek();
              v = v * 16 + (h <= '9' ? h - '0' : (h | 0x20) - 'a' + 10);
              ++i_;
              ++digits;
            }
            w.text += static_cast<char>(v);
            break;
          }
          default: w.text += e;
        }
        continue;
      }
      if (c == '\n') ++line_;
      w.text += c;
      ++i_;
    }
    if (!eof()) ++i_;
    return;
  }
  if (n == '"') {  // $"..." (locale translation) is a double-quoted string
    ++i_;
    double_quoted(w);
    return;
  }
  if (name_start(n)) {
    i_ += 1;
    while (!eof() && name_char(peek())) ++i_;
    w.text += s_.substr(start, i_ - start);
    w.param = true;
    return;
  }
  if ((n >= '0' && n <= '9') || n == '@' || n == '*' || n == '#' || n == '?' || n == '$' || n == '!' || n == '-') {
    i_ += 2;
    w.text += s_.substr(start, 2);
    if ((n >= '0' && n <= '9') || n == '@' || n == '*') w.param = true;
    return;
  }
  w.text += '$';
  ++i_;
}

void ShParser::backtick(ShWord& w) {
  const std::size_t start = i_;
  const int first_line = line_;
  ++i_;
  std::string inner;
  while (!eof() && peek() != '`') {
    const char c = peek();
    if (c == '\\' && i_ + 1 < s_.size() && (s_[i_ + 1] == '`' || s_[i_ + 1] == '\\' || s_[i_ + 1] == '$')) {
      inner += s_[i_ + 1];
      i_ += 2;
      continue;
    }
    if (c == '\n') ++line_;
    inner += c;
    ++i_;
  }
  if (!eof()) ++i_;
  w.text += s_.substr(start, i_ - start);
  if (depth_ >= kMaxDepth || u_.lists.size() >= kMaxLists) return;
  const int idx = static_cast<int>(u_.lists.size());
  u_.lists.emplace_back();
  ShParser sub(inner, u_, first_line, depth_ + 1);
  std::vector<ShPipeline> items;
  sub.parse_items(items, '\0', false);
  u_.lists[static_cast<std::size_t>(idx)].pipelines = std::move(items);
  w.subs.push_back(idx);
}

// Parses a nested list up to `closer` (not consumed). Returns its index, or -1 when it was skipped because
// of the nesting or size limits.
int ShParser::nested(char closer) {
  if (depth_ >= kMaxDepth || u_.lists.size() >= kMaxLists) {
    if (closer == ')') {
      --i_;  // skip_balanced expects to start at the opening parenthesis
      skip_balanced();
      --i_;  // leave the closing parenthesis for the caller
      if (peek() != ')') ++i_;
    }
    return -1;
  }
  const int idx = static_cast<int>(u_.lists.size());
  u_.lists.emplace_back();
  ++depth_;
  std::vector<ShPipeline> items;
  parse_items(items, closer, false);
  --depth_;
  u_.lists[static_cast<std::size_t>(idx)].pipelines = std::move(items);
  return idx;
}

// At '(' : skips to just after the matching ')' (quotes and escapes respected, no recursion).
void ShParser::skip_balanced() {
  int depth = 0;
  char quote = 0;
  while (!eof()) {
    const char c = peek();
    if (c == '\n') ++line_;
    if (quote != 0) {
      if (c == '\\' && quote == '"') {
        if (peek(1) == '\n') ++line_;
        i_ += 2;
        continue;
      }
      if (c == quote) quote = 0;
      ++i_;
      continue;
    }
    if (c == '\\') {
      if (peek(1) == '\n') ++line_;
      i_ += 2;
      continue;
    }
    if (c == '\'' || c == '"')
      quote = c;
    else if (c == '(')
      ++depth;
    else if (c == ')' && --depth <= 0) {
      ++i_;
      return;
    }
    ++i_;
  }
  if (i_ > s_.size()) i_ = s_.size();
}

}  // namespace inv::detectors::semgrep_internal
