#define PCRE2_CODE_UNIT_WIDTH 8
#include "domain/eval/regex.hpp"

#include <pcre2.h>

#include <atomic>
#include <list>
#include <mutex>
#include <unordered_map>

#include "common/utf8.hpp"
#include "domain/eval/errors.hpp"

namespace inv {

namespace {
std::atomic<std::uint32_t> g_match_limit{RegexLimits{}.match_limit};
std::atomic<std::uint32_t> g_depth_limit{RegexLimits{}.depth_limit};

// Python syntax that PCRE2 spells differently. Python's \Z is "end of string" (PCRE2's \z); PCRE2's
// \Z would also match before a final newline. Everything else we rely on (named groups (?P<n>..),
// (?P=n), lookarounds, \d \w \s with Unicode) is shared.
std::string translate(std::string_view p) {
  std::string out;
  out.reserve(p.size() + 4);
  for (std::size_t i = 0; i < p.size(); ++i) {
    char c = p[i];
    if (c == '\\' && i + 1 < p.size()) {
      char n = p[i + 1];
      if (n == 'Z') {
        out += "\\z";
      } else {
        out += c;
        out += n;
      }
      ++i;
      continue;
    }
    out += c;
  }
  return out;
}

// Python's re.error text for the syntax errors users meet most; other errors keep PCRE2's wording.
// Positions are code point offsets into the pattern, as Python reports them.
std::string python_error(std::string_view p, int code, std::size_t err_byte) {
  auto cp = [&](std::size_t byte) { return std::to_string(code_point_offset(p, byte)); };
  if (code == PCRE2_ERROR_MISSING_CLOSING_PARENTHESIS || code == PCRE2_ERROR_UNMATCHED_CLOSING_PARENTHESIS ||
      code == PCRE2_ERROR_MISSING_SQUARE_BRACKET) {
    std::vector<std::size_t> open;
    std::size_t class_start = std::string_view::npos;
    for (std::size_t i = 0; i < p.size(); ++i) {
      char c = p[i];
      if (c == '\\') { ++i; continue; }
      if (class_start != std::string_view::npos) {
        if (c == ']' && i > class_start + 1 && !(i == class_start + 2 && p[class_start + 1] == '^')) class_start = std::string_view::npos;
        continue;
      }
      if (c == '[') class_start = i;
      else if (c == '(') open.push_back(i);
      else if (c == ')') {
        if (open.empty()) return "unbalanced parenthesis at position " + cp(i);
        open.pop_back();
      }
    }
    if (class_start != std::string_view::npos) return "unterminated character set at position " + cp(class_start);
    if (!open.empty()) return "missing ), unterminated subpattern at position " + cp(open.back());
  }
  if (code == PCRE2_ERROR_QUANTIFIER_INVALID && err_byte > 0) return "nothing to repeat at position " + cp(err_byte - 1);
  PCRE2_UCHAR buf[256];
  pcre2_get_error_message(code, buf, sizeof buf);
  return std::string(reinterpret_cast<char*>(buf)) + " at position " + cp(err_byte);
}

struct Cache {
  std::mutex mu;
  std::list<std::string> order;  // most recent first
  std::unordered_map<std::string, std::pair<std::shared_ptr<const Regex>, std::list<std::string>::iterator>> map;
  static constexpr std::size_t kMax = 4096;
};
Cache& cache() {
  static Cache c;
  return c;
}
}  // namespace

std::size_t code_point_offset(std::string_view s, std::size_t byte_offset) {
  std::size_t n = 0;
  for (std::size_t i = 0; i < byte_offset && i < s.size(); ++i)
    if ((static_cast<unsigned char>(s[i]) & 0xC0) != 0x80) ++n;
  return n;
}

void Regex::set_limits(const RegexLimits& limits) {
  g_match_limit = limits.match_limit;
  g_depth_limit = limits.depth_limit;
}

std::shared_ptr<const Regex> Regex::compile(std::string_view pattern, unsigned flags) {
  std::string translated = translate(pattern);
  uint32_t opts = PCRE2_UTF | PCRE2_UCP | PCRE2_MATCH_INVALID_UTF;
  if (flags & IgnoreCase) opts |= PCRE2_CASELESS;
  if (flags & DotAll) opts |= PCRE2_DOTALL;
  if (flags & Verbose) opts |= PCRE2_EXTENDED;
  if (flags & Multiline) opts |= PCRE2_MULTILINE;
  int err = 0;
  PCRE2_SIZE erroff = 0;
  pcre2_code* code = pcre2_compile(reinterpret_cast<PCRE2_SPTR>(translated.data()), translated.size(), opts,
                                   &err, &erroff, nullptr);
  if (!code) throw PolicyRuntimeError("error", python_error(translated, err, erroff));
  // JIT where the platform supports it (the interpreter is the fallback). Anchoring is requested per
  // match, so both the complete and the partial-free anchored modes are compiled.
  pcre2_jit_compile(code, PCRE2_JIT_COMPLETE);
  auto r = std::shared_ptr<Regex>(new Regex());
  r->pattern_ = std::string(pattern);
  r->code_ = code;
  return r;
}

std::shared_ptr<const Regex> Regex::cached(std::string_view pattern, unsigned flags) {
  std::string key = std::to_string(flags) + ":" + std::string(pattern);
  auto& c = cache();
  {
    std::lock_guard lock(c.mu);
    auto it = c.map.find(key);
    if (it != c.map.end()) {
      c.order.splice(c.order.begin(), c.order, it->second.second);
      return it->second.first;
    }
  }
  auto compiled = compile(pattern, flags);  // may throw; compile outside the lock
  std::lock_guard lock(c.mu);
  if (c.map.count(key)) return c.map[key].first;
  c.order.push_front(key);
  c.map.emplace(key, std::make_pair(compiled, c.order.begin()));
  if (c.map.size() > Cache::kMax) {
    c.map.erase(c.order.back());
    c.order.pop_back();
  }
  return compiled;
}

Regex::~Regex() { pcre2_code_free(static_cast<pcre2_code*>(code_)); }

namespace {
// Per-thread match state, reused across calls (creating it per match costs more than a typical match).
// One ovector pair is enough: only group 0 is read; a match with more groups reports rc == 0.
struct MatchState {
  pcre2_match_data* data = pcre2_match_data_create(1, nullptr);
  pcre2_match_context* context = pcre2_match_context_create(nullptr);
  // JIT code recurses on its own stack: 32 KiB by default, which long subjects with backtracking
  // patterns exhaust; 1 MiB per thread keeps ordinary patterns well inside it.
  pcre2_jit_stack* jit_stack = pcre2_jit_stack_create(32 * 1024, 1024 * 1024, nullptr);
  std::uint32_t match_limit = 0, depth_limit = 0;
  MatchState() { pcre2_jit_stack_assign(context, nullptr, jit_stack); }
  ~MatchState() {
    pcre2_jit_stack_free(jit_stack);
    pcre2_match_context_free(context);
    pcre2_match_data_free(data);
  }
};
MatchState& match_state() {
  thread_local MatchState state;
  std::uint32_t ml = g_match_limit.load(std::memory_order_relaxed), dl = g_depth_limit.load(std::memory_order_relaxed);
  if (state.match_limit != ml || state.depth_limit != dl) {
    pcre2_set_match_limit(state.context, ml);
    pcre2_set_depth_limit(state.context, dl);
    state.match_limit = ml;
    state.depth_limit = dl;
  }
  return state;
}
}  // namespace

bool Regex::run(std::string_view subject, std::size_t byte_offset, bool anchored, RegexMatch* out) const {
  auto* code = static_cast<pcre2_code*>(code_);
  MatchState& st = match_state();
  int rc = pcre2_match(code, reinterpret_cast<PCRE2_SPTR>(subject.data()), subject.size(), byte_offset,
                       anchored ? PCRE2_ANCHORED : 0, st.data, st.context);
  if (rc == PCRE2_ERROR_MATCHLIMIT || rc == PCRE2_ERROR_DEPTHLIMIT || rc == PCRE2_ERROR_HEAPLIMIT ||
      rc == PCRE2_ERROR_JIT_STACKLIMIT)
    throw LimitExceeded("regex", "regular expression '" + pattern_ +
                                     "' exceeded its backtracking limit on a subject of " +
                                     std::to_string(subject.size()) + " bytes");
  bool ok = rc >= 0;
  if (ok && out) {
    PCRE2_SIZE* ov = pcre2_get_ovector_pointer(st.data);
    out->byte_start = ov[0];
    out->byte_end = ov[1];
  }
  return ok;
}

namespace {
void set_code_points(std::string_view subject, RegexMatch& m) {
  m.start = code_point_offset(subject, m.byte_start);
  m.end = m.start + code_point_offset(subject.substr(m.byte_start), m.byte_end - m.byte_start);
}
}  // namespace

bool Regex::match_prefix(std::string_view subject, RegexMatch* out) const {
  bool ok = run(subject, 0, true, out);
  if (ok && out) set_code_points(subject, *out);
  return ok;
}
bool Regex::search(std::string_view subject, RegexMatch* out) const {
  bool ok = run(subject, 0, false, out);
  if (ok && out) set_code_points(subject, *out);
  return ok;
}

std::vector<RegexMatch> Regex::find_all(std::string_view subject) const {
  std::vector<RegexMatch> result;
  std::size_t pos = 0;
  utf8::CodePointCursor cursor(subject);  // matches come left to right: offsets in amortised O(1)
  while (pos <= subject.size()) {
    RegexMatch m;
    if (!run(subject, pos, false, &m)) break;
    m.start = cursor.at(m.byte_start);
    m.end = cursor.at(m.byte_end);
    result.push_back(m);
    if (m.byte_end == m.byte_start) {
      // advance one code point past an empty match
      pos = m.byte_end + 1;
      while (pos < subject.size() && (static_cast<unsigned char>(subject[pos]) & 0xC0) == 0x80) ++pos;
    } else {
      pos = m.byte_end;
    }
  }
  return result;
}

}  // namespace inv
