// Text fallback for Python that does not parse: comments and string contents are blanked out (keeping the
// line structure) and the clearest call patterns are looked for by hand-written scanning (linear: every
// look-ahead is bounded).
#include <string>

#include "plugins/semgrep/semgrep_internal.hpp"

namespace inv::detectors::semgrep_internal {

namespace {

namespace r = rules;

constexpr std::size_t kLookahead = 200;

bool is_quote(char c) { return c == '"' || c == '\''; }
bool is_space(char c) { return c == ' ' || c == '\t' || c == '\f' || c == '\n' || c == '\\'; }

// Same length as `s`: comments and the contents of string literals become spaces (newlines stay).
std::string mask(std::string_view s) {
  std::string out(s);
  std::size_t i = 0;
  while (i < s.size()) {
    const char c = s[i];
    if (c == '#') {
      while (i < s.size() && s[i] != '\n') out[i++] = ' ';
      continue;
    }
    if (!is_quote(c)) {
      ++i;
      continue;
    }
    const bool triple = i + 2 < s.size() && s[i + 1] == c && s[i + 2] == c;
    i += triple ? 3 : 1;
    while (i < s.size()) {
      if (s[i] == '\\') {
        out[i] = ' ';
        if (i + 1 < s.size() && s[i + 1] != '\n') out[i + 1] = ' ';
        i += 2;
        continue;
      }
      if (s[i] == '\n') {
        ++i;
        if (!triple) break;  // unterminated single-quoted string ends at the line end
        continue;
      }
      if (s[i] == c && (!triple || (i + 2 < s.size() && s[i + 1] == c && s[i + 2] == c))) {
        i += triple ? 3 : 1;
        break;
      }
      out[i++] = ' ';
    }
  }
  return out;
}

class TextScan {
 public:
  TextScan(std::string_view masked, int first_line, const HitSink& sink) : m_(masked), line_(first_line), sink_(sink) {}

  void run() {
    std::string_view prev_word;
    for (std::size_t i = 0; i < m_.size() && !sink_.full();) {
      const char c = m_[i];
      if (c == '\n') {
        ++line_;
        ++i;
        continue;
      }
      if (!is_ident_char(c) || (c >= '0' && c <= '9')) {
        ++i;
        continue;
      }
      std::size_t j = i;
      while (j < m_.size() && is_ident_char(m_[j])) ++j;
      const std::string_view word = m_.substr(i, j - i);
      const bool attribute = before(i) == '.';
      if (!attribute && prev_word != "def" && prev_word != "class") check(word, j);
      prev_word = word;
      i = j;
    }
  }

 private:
  // Previous non-blank character before `i` on the same logical line ('\0' when none).
  char before(std::size_t i) const {
    while (i > 0) {
      const char c = m_[--i];
      if (c != ' ' && c != '\t') return c;
    }
    return '\0';
  }
  std::size_t skip_blank(std::size_t p, std::size_t limit) const {
    while (p < m_.size() && p < limit && is_space(m_[p])) ++p;
    return p;
  }
  // `.name` followed by `(` at p (blanks allowed); returns the position of '(' or npos.
  std::size_t member_call(std::size_t p, std::string_view name) const {
    const std::size_t limit = p + kLookahead;
    p = skip_blank(p, limit);
    if (p >= m_.size() || m_[p] != '.') return std::string_view::npos;
    p = skip_blank(p + 1, limit);
    if (m_.substr(p, name.size()) != name) return std::string_view::npos;
    p += name.size();
    if (p < m_.size() && is_ident_char(m_[p])) return std::string_view::npos;
    p = skip_blank(p, limit);
    return p < m_.size() && m_[p] == '(' ? p : std::string_view::npos;
  }
  std::size_t direct_call(std::size_t p) const {
    p = skip_blank(p, p + kLookahead);
    return p < m_.size() && m_[p] == '(' ? p : std::string_view::npos;
  }
  // The argument list starting at '(' (bounded), for look-ups.
  std::string_view args(std::size_t open) const {
    int depth = 0;
    std::size_t p = open;
    for (; p < m_.size() && p < open + kLookahead; ++p) {
      if (m_[p] == '(')
        ++depth;
      else if (m_[p] == ')' && --depth == 0)
        return m_.substr(open, p + 1 - open);
    }
    return m_.substr(open, p - open);
  }
  // Whether the first argument is a plain (non-f) string or number literal, or absent.
  bool literal_first_arg(std::size_t open) const {
    const std::size_t limit = open + kLookahead;
    std::size_t p = skip_blank(open + 1, limit);
    if (p >= m_.size() || m_[p] == ')') return true;
    if (m_[p] >= '0' && m_[p] <= '9') {
      while (p < m_.size() && is_ident_char(m_[p])) ++p;
    } else {
      std::size_t prefix = 0;
      bool f = false;
      while (p < m_.size() && prefix < 3 && std::string_view("rRbBuUfF").find(m_[p]) != std::string_view::npos) {
        f = f || m_[p] == 'f' || m_[p] == 'F';
        ++p;
        ++prefix;
      }
      if (p >= m_.size() || !is_quote(m_[p]) || f) return false;
      const char q = m_[p];
      const bool triple = p + 2 < m_.size() && m_[p + 1] == q && m_[p + 2] == q;
      p += triple ? 3 : 1;
      while (p < m_.size() && p < limit && m_[p] != q) ++p;  // contents are blank
      p += triple ? 3 : 1;
    }
    p = skip_blank(p, limit);
    return p < m_.size() && (m_[p] == ')' || m_[p] == ',');
  }
  std::string_view rest_of_line(std::size_t p) const {
    const std::size_t e = m_.find('\n', p);
    return m_.substr(p, (e == std::string_view::npos ? m_.size() : e) - p);
  }
  static bool calls_input(std::string_view text) {
    for (std::size_t p = text.find("input"); p != std::string_view::npos; p = text.find("input", p + 1)) {
      if (p > 0 && (is_ident_char(text[p - 1]) || text[p - 1] == '.')) continue;
      std::size_t q = p + 5;
      while (q < text.size() && (text[q] == ' ' || text[q] == '\t')) ++q;
      if (q < text.size() && text[q] == '(') return true;
    }
    return false;
  }
  static bool shell_true(std::string_view line) {
    for (std::size_t p = line.find("shell"); p != std::string_view::npos; p = line.find("shell", p + 1)) {
      if (p > 0 && is_ident_char(line[p - 1])) continue;
      std::size_t q = p + 5;
      while (q < line.size() && (line[q] == ' ' || line[q] == '\t')) ++q;
      if (q >= line.size() || line[q] != '=') continue;
      ++q;
      while (q < line.size() && (line[q] == ' ' || line[q] == '\t')) ++q;
      if (line.substr(q, 4) == "True") return true;
    }
    return false;
  }
  void add(std::string_view rule) { sink_.add(rule, line_, line_); }

  void check(std::string_view word, std::size_t end) {
    if (word == "eval" || word == "exec") {
      const std::size_t open = direct_call(end);
      if (open == std::string_view::npos) return;
      if (calls_input(args(open)))
        add(r::kPyCodeInjection);
      else if (!literal_first_arg(open))
        add(r::kPyDynamicCode);
    } else if (word == "os") {
      std::size_t open = member_call(end, "system");
      if (open == std::string_view::npos) open = member_call(end, "popen");
      if (open != std::string_view::npos && !literal_first_arg(open)) add(r::kPyOsCommand);
    } else if (word == "subprocess") {
      if (shell_true(rest_of_line(end))) add(r::kPyShellTrue);
    } else if (word == "pickle" || word == "cPickle") {
      if (member_call(end, "loads") != std::string_view::npos || member_call(end, "load") != std::string_view::npos) {
        add(r::kPyDeserialization);
      }
    } else if (word == "yaml") {
      if (member_call(end, "load") == std::string_view::npos) return;
      const std::string_view line = rest_of_line(end);
      if (!contains(line, "SafeLoader") && !contains(line, "BaseLoader") && !contains(line, "FullLoader")) {
        add(r::kPyYaml);
      }
    }
  }

  std::string_view m_;
  int line_;
  const HitSink& sink_;
};

}  // namespace

void scan_python_text(std::string_view src, int first_line, const HitSink& sink) {
  // The whole text is masked (so a string that started before `first_line` is still known to be one); the
  // scan starts at `first_line`.
  const std::string masked = mask(src);
  std::size_t pos = 0;
  for (int line = 1; line < first_line; ++line) {
    const std::size_t nl = masked.find('\n', pos);
    if (nl == std::string::npos) return;
    pos = nl + 1;
  }
  TextScan(std::string_view(masked).substr(pos), first_line, sink).run();
}

}  // namespace inv::detectors::semgrep_internal
