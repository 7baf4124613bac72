// Python analysis driver: the import pass, the statement-by-statement parse with the project's parser, the
// tree walk that keeps the facts (literal names, tainted names) and the fall back to the text scan when the
// code does not parse.
#include <algorithm>
#include <exception>
#include <utility>

#include "plugins/python/py_lexer.hpp"
#include "plugins/python/py_parser.hpp"
#include "plugins/semgrep/python_analysis.hpp"

namespace inv::detectors::semgrep_internal {

using py::Kind;
using py::Node;

namespace {

constexpr int kMaxQualParts = 64;
constexpr int kMaxLiteralDepth = 32;
constexpr std::size_t kMaxSourceNodes = 4096;
constexpr std::size_t kMaxEndLineNodes = 10000;

bool is_sep(const py::Token& t) {
  switch (t.type) {
    case py::Tok::Newline:
    case py::Tok::Indent:
    case py::Tok::Dedent:
    case py::Tok::End: return true;
    case py::Tok::Op: return t.text == ";" || t.text == ":";
    default: return false;
  }
}

bool is_name(const py::Token& t, std::string_view s) { return t.type == py::Tok::Name && t.text == s; }
bool is_op(const py::Token& t, std::string_view s) { return t.type == py::Tok::Op && t.text == s; }

}  // namespace

PyImports collect_python_imports(std::string_view src) {
  PyImports im;
  enum { kStart, kSkip, kImpName, kImpAs, kImpNext, kFromMod, kFromNames, kFromAs } st = kStart;
  std::string dotted, module, pending;
  auto qualify = [&](const std::string& name) { return module.empty() ? name : module + "." + name; };
  auto flush_from = [&] {
    if (!pending.empty()) im.alias[pending] = qualify(pending);
    pending.clear();
  };
  auto flush_import = [&] {
    // `import a.b` binds `a` to the module a itself: no alias, but an earlier alias of `a` is gone.
    if (!dotted.empty()) im.alias.erase(dotted.substr(0, dotted.find('.')));
    dotted.clear();
  };
  py::Lexer lex(src);
  try {
    for (;;) {
      const py::Token t = lex.next();
      if (is_sep(t)) {
        if (st == kFromNames) flush_from();
        if (st == kImpName) flush_import();
        st = kStart;
        if (t.type == py::Tok::End) break;
        continue;
      }
      const bool name = t.type == py::Tok::Name;
      switch (st) {
        case kStart:
          if (is_name(t, "import")) {
            st = kImpName;
            dotted.clear();
          } else if (is_name(t, "from")) {
            st = kFromMod;
            module.clear();
          } else {
            st = kSkip;
          }
          break;
        case kSkip: break;
        case kImpName:
          if (is_name(t, "as")) {
            st = kImpAs;
          } else if (name) {
            dotted += t.name;
          } else if (is_op(t, ".")) {
            dotted += '.';
          } else if (is_op(t, ",")) {
            flush_import();
          } else {
            st = kSkip;
          }
          break;
        case kImpAs:
          if (name && !dotted.empty()) im.alias[std::string(t.name)] = dotted;
          dotted.clear();
          st = name ? kImpNext : kSkip;
          break;
        case kImpNext: st = is_op(t, ",") ? kImpName : kSkip; break;
        case kFromMod:
          if (is_name(t, "import")) {
            st = kFromNames;
            pending.clear();
          } else if (name) {
            module += t.name;
          } else if ((is_op(t, ".") || is_op(t, "...")) && !module.empty()) {
            module += '.';
          } else if (!is_op(t, ".") && !is_op(t, "...")) {
            st = kSkip;
          }
          break;
        case kFromNames:
          if (is_op(t, "*")) {
            if (!module.empty()) im.star.push_back(module);
          } else if (is_name(t, "as")) {
            st = kFromAs;
          } else if (name) {
            flush_from();
            pending = std::string(t.name);
          } else if (is_op(t, ",") || is_op(t, ")")) {
            flush_from();
          }
          break;
        case kFromAs:
          if (name && !pending.empty()) im.alias[std::string(t.name)] = qualify(pending);
          pending.clear();
          st = kFromNames;
          break;
      }
    }
  } catch (const py::SyntaxIssue&) {
    // Keep what was read before the lexical error.
  }
  return im;
}

PyAnalysis::PyAnalysis(std::string_view src, const HitSink& sink, PyImports imports)
    : src_(src), sink_(sink), imports_(std::move(imports)) {
  line_starts_.push_back(0);
  for (std::size_t i = 0; i < src.size(); ++i) {
    if (src[i] == '\n') line_starts_.push_back(i + 1);
  }
}

std::string PyAnalysis::qual(const Node* n) const {
  std::vector<std::string_view> parts;
  while (n != nullptr && n->kind == Kind::Attribute && !n->kids.empty()) {
    if (static_cast<int>(parts.size()) >= kMaxQualParts) return "";
    parts.push_back(n->text);
    n = n->kids[0];
  }
  if (n == nullptr) return "";
  std::string out;
  if (n->kind == Kind::Name) {
    auto it = imports_.alias.find(n->text);
    if (it != imports_.alias.end()) {
      out = it->second;
    } else {
      out = n->text;
      // `from m import *` of a module whose members the rules know.
      if (parts.empty() || parts.size() == 1) {
        static const std::unordered_set<std::string_view> kStarModules = {
            "os",      "subprocess", "pickle",    "yaml",   "hashlib", "tempfile",
            "marshal", "ftplib",     "telnetlib", "random", "ssl",     "paramiko"};
        for (const std::string& m : imports_.star) {
          if (kStarModules.count(m) != 0 && parts.empty() && is_known_member(m, out)) {
            out = m + "." + out;
            break;
          }
        }
      }
    }
  } else if (n->kind == Kind::Call && n->kids.size() >= 2 && n->n[0] >= 1) {
    // __import__("os").system / importlib.import_module("os").system
    const std::string f = qual(n->kids[0]);
    if (f != "__import__" && f != "importlib.import_module") return "";
    auto name = str_value(n->kids[1]);
    if (!name) return "";
    out = *name;
  } else {
    return "";
  }
  for (auto it = parts.rbegin(); it != parts.rend(); ++it) {
    out += '.';
    out += *it;
  }
  return out;
}

bool PyAnalysis::literal(const Node* n, int depth) const {
  if (n == nullptr || depth > kMaxLiteralDepth) return false;
  switch (n->kind) {
    case Kind::Constant: return true;
    case Kind::JoinedStr:
    case Kind::BinOp:
    case Kind::Tuple:
    case Kind::List:
    case Kind::Set:
      for (const Node* k : n->kids) {
        if (!literal(k, depth + 1)) return false;
      }
      return true;
    case Kind::FormattedValue: return !n->kids.empty() && literal(n->kids[0], depth + 1);
    case Kind::Name: {
      auto it = consts_.find(n->text);
      return it != consts_.end() && it->second.literal;
    }
    case Kind::Call: {
      // "...".format(literals), " ".join([literals])
      const Node* f = n->kids.empty() ? nullptr : n->kids[0];
      if (f == nullptr || f->kind != Kind::Attribute || f->kids.empty()) return false;
      if (f->kids[0]->kind != Kind::Constant) return false;
      for (std::size_t i = 1; i < n->kids.size(); ++i) {
        const Node* a = n->kids[i];
        if (a->kind == Kind::Keyword) a = a->kids.empty() ? nullptr : a->kids[0];
        if (!literal(a, depth + 1)) return false;
      }
      return true;
    }
    default: return false;
  }
}

std::optional<std::string> PyAnalysis::str_value(const Node* n, int depth) const {
  if (n == nullptr || depth > kMaxLiteralDepth) return std::nullopt;
  switch (n->kind) {
    case Kind::Constant:
      if (n->op == py::kStr) return n->text;
      return std::nullopt;
    case Kind::Name: {
      auto it = consts_.find(n->text);
      if (it != consts_.end() && it->second.literal) return it->second.str;
      return std::nullopt;
    }
    case Kind::BinOp: {
      if (n->op != py::kAdd || n->kids.size() != 2) return std::nullopt;
      auto a = str_value(n->kids[0], depth + 1);
      if (!a) return std::nullopt;
      auto b = str_value(n->kids[1], depth + 1);
      if (!b) return std::nullopt;
      return *a + *b;
    }
    default: return std::nullopt;
  }
}

bool PyAnalysis::from_user(const Node* root) const {
  static const std::unordered_set<std::string_view> kSourceCalls = {"input",
                                                                    "raw_input",
                                                                    "builtins.input",
                                                                    "sys.stdin.read",
                                                                    "sys.stdin.readline",
                                                                    "sys.stdin.readlines",
                                                                    "sys.stdin.buffer.read"};
  static const std::unordered_set<std::string_view> kRequestParts = {
      "args",  "form", "values", "data", "json",         "get_json",     "cookies", "headers",
      "files", "GET",  "POST",   "body", "query_params", "query_string", "get_data"};
  std::vector<const Node*> stack{root};
  std::size_t seen = 0;
  while (!stack.empty() && seen++ < kMaxSourceNodes) {
    const Node* n = stack.back();
    stack.pop_back();
    if (n == nullptr) continue;
    if (n->kind == Kind::Name) {
      if (tainted_.count(n->text) != 0) return true;
    } else if (n->kind == Kind::Call) {
      if (kSourceCalls.count(qual(n->kids[0])) != 0) return true;
    } else if (n->kind == Kind::Attribute) {
      const std::string q = qual(n);
      if (starts_with(q, "sys.argv") || starts_with(q, "sys.stdin")) return true;
      std::string_view rest;
      if (starts_with(q, "request."))
        rest = std::string_view(q).substr(8);
      else if (starts_with(q, "flask.request."))
        rest = std::string_view(q).substr(14);
      if (!rest.empty() && kRequestParts.count(rest.substr(0, rest.find('.'))) != 0) return true;
    }
    for (const Node* k : n->kids) stack.push_back(k);
  }
  return false;
}

int PyAnalysis::end_line(const Node* root) const {
  int last = root->line;
  std::vector<const Node*> stack{root};
  std::size_t seen = 0;
  while (!stack.empty() && seen++ < kMaxEndLineNodes) {
    const Node* n = stack.back();
    stack.pop_back();
    if (n == nullptr) continue;
    last = std::max(last, n->line);
    for (const Node* k : n->kids) stack.push_back(k);
  }
  // A call closed on its own line(s): `)` / `],` / `})`, possibly with a comment.
  const int count = static_cast<int>(line_starts_.size());
  for (int extra = 0; extra < 5 && last < count; ++extra) {
    const std::size_t b = line_starts_[last];
    const std::size_t e = last + 1 < count ? line_starts_[last + 1] - 1 : src_.size();
    bool closers = false, other = false;
    for (std::size_t i = b; i < e && !other; ++i) {
      const char c = src_[i];
      if (c == '#') break;
      if (c == ')' || c == ']' || c == '}')
        closers = true;
      else if (c != ',' && c != ' ' && c != '\t' && c != '\f' && c != ':')
        other = true;
    }
    if (!closers || other) break;
    ++last;
  }
  return last;
}

// ------------------------------------------------------------------------------------------- facts

void PyAnalysis::bind_unknown(const Node* target) {
  std::vector<const Node*> stack{target};
  while (!stack.empty()) {
    const Node* n = stack.back();
    stack.pop_back();
    if (n == nullptr) continue;
    if (n->kind == Kind::Name) {
      consts_[n->text] = ConstInfo{};
      sql_names_.erase(n->text);
      tar_names_.erase(n->text);
    } else if (n->kind == Kind::Tuple || n->kind == Kind::List || n->kind == Kind::Starred) {
      for (const Node* k : n->kids) stack.push_back(k);
    }
  }
}

void PyAnalysis::bind(const Node* target, const Node* value) {
  if (target == nullptr) return;
  if ((target->kind == Kind::Tuple || target->kind == Kind::List) && value != nullptr &&
      (value->kind == Kind::Tuple || value->kind == Kind::List) && value->kids.size() == target->kids.size()) {
    for (std::size_t i = 0; i < target->kids.size(); ++i) bind(target->kids[i], value->kids[i]);
    return;
  }
  if (target->kind != Kind::Name) {
    if (value != nullptr && from_user(value)) {
      // a, b = input().split()
      std::vector<const Node*> stack{target};
      while (!stack.empty()) {
        const Node* n = stack.back();
        stack.pop_back();
        if (n == nullptr) continue;
        if (n->kind == Kind::Name) tainted_.insert(n->text);
        if (n->kind == Kind::Tuple || n->kind == Kind::List || n->kind == Kind::Starred) {
          for (const Node* k : n->kids) stack.push_back(k);
        }
      }
    }
    bind_unknown(target);
    return;
  }
  ConstInfo info;
  if (value != nullptr && literal(value)) {
    info.literal = true;
    info.str = str_value(value);
  }
  if (value != nullptr && from_user(value))
    tainted_.insert(target->text);
  else
    tainted_.erase(target->text);
  if (value != nullptr && formatted_sql(value))
    sql_names_.insert(target->text);
  else
    sql_names_.erase(target->text);
  if (opens_tarfile(value))
    tar_names_.insert(target->text);
  else
    tar_names_.erase(target->text);
  consts_[target->text] = std::move(info);
}

void PyAnalysis::pre_visit(const Node* n, std::uint8_t flags) {
  switch (n->kind) {
    case Kind::Assign: {
      const Node* value = n->kids.back();
      for (int i = 0; i < n->n[0]; ++i) {
        on_assign_target(n->kids[i], value, n);
        bind(n->kids[i], value);
      }
      return;
    }
    case Kind::AnnAssign:
      if (n->kids.size() >= 3) {
        on_assign_target(n->kids[0], n->kids[2], n);
        bind(n->kids[0], n->kids[2]);
      }
      return;
    case Kind::NamedExpr:
      if (n->kids.size() == 2) bind(n->kids[0], n->kids[1]);
      return;
    case Kind::AugAssign:
      if (n->kids.size() == 2 && n->kids[0]->kind == Kind::Name) {
        const std::string& name = n->kids[0]->text;
        auto it = consts_.find(name);
        const bool was_literal = it != consts_.end() && it->second.literal;
        const bool user = from_user(n->kids[1]) || tainted_.count(name) != 0;
        ConstInfo info;
        info.literal = was_literal && literal(n->kids[1]);
        consts_[name] = info;
        if (user) tainted_.insert(name);
      }
      return;
    case Kind::For:
    case Kind::AsyncFor:
    case Kind::Comprehension:
      if (n->kids.size() >= 2) {
        bind_unknown(n->kids[0]);
        if (from_user(n->kids[1])) bind(n->kids[0], n->kids[1]);  // for line in sys.stdin: ...
      }
      return;
    case Kind::WithItem:
      if (n->kids.size() >= 2 && n->kids[1] != nullptr) {
        bind_unknown(n->kids[1]);
        if (n->kids[1]->kind == Kind::Name && opens_tarfile(n->kids[0])) tar_names_.insert(n->kids[1]->text);
      }
      return;
    case Kind::Arg: consts_[n->text] = ConstInfo{}; return;
    case Kind::Call: on_call(n, flags); return;
    case Kind::Name:
    case Kind::Attribute: on_reference(n); return;
    default: return;
  }
}

std::uint8_t PyAnalysis::child_flags(const Node* p, std::size_t i, std::uint8_t flags) const {
  switch (p->kind) {
    case Kind::FunctionDef:
    case Kind::AsyncFunctionDef:
      flags = static_cast<std::uint8_t>(flags & ~(kSecretFunction | kSecretValue));
      if (secret_like_name(p->text)) flags |= kSecretFunction;
      return flags;
    case Kind::Lambda:
    case Kind::ClassDef: return static_cast<std::uint8_t>(flags & ~kSecretFunction);
    case Kind::Return:
      if (flags & kSecretFunction) flags |= kSecretValue;
      return flags;
    case Kind::Keyword:
      if (secret_like_name(p->text)) flags |= kSecretValue;
      return flags;
    case Kind::Assign:
    case Kind::AnnAssign:
    case Kind::AugAssign: {
      const std::size_t targets = p->kind == Kind::Assign ? static_cast<std::size_t>(p->n[0]) : 1;
      if (i + 1 != p->kids.size()) return flags;  // only the value
      for (std::size_t t = 0; t < targets && t < p->kids.size(); ++t) {
        const Node* x = p->kids[t];
        std::string_view name;
        if (x->kind == Kind::Name || x->kind == Kind::Attribute)
          name = x->text;
        else if (x->kind == Kind::Subscript && x->kids.size() == 2 && x->kids[1]->kind == Kind::Constant)
          name = x->kids[1]->text;
        if (!name.empty() && secret_like_name(name)) flags |= kSecretValue;
      }
      return flags;
    }
    case Kind::Dict: {
      const std::size_t keys = static_cast<std::size_t>(p->n[0]);
      if (i < keys) return flags;
      const Node* key = i - keys < keys ? p->kids[i - keys] : nullptr;
      if (key != nullptr && key->kind == Kind::Constant && key->op == py::kStr && secret_like_name(key->text))
        flags |= kSecretValue;
      return flags;
    }
    default: return flags;
  }
}

int PyAnalysis::statement(const Node* s) {
  int last = 0;
  std::vector<std::pair<const Node*, std::uint8_t>> stack{{s, 0}};
  while (!stack.empty()) {
    auto [n, flags] = stack.back();
    stack.pop_back();
    last = std::max(last, n->line);
    pre_visit(n, flags);
    for (std::size_t i = n->kids.size(); i-- > 0;) {
      if (n->kids[i] != nullptr) stack.emplace_back(n->kids[i], child_flags(n, i, flags));
    }
  }
  return last;
}

bool secret_like_name(std::string_view name) {
  const std::string l = lower(name);
  static constexpr std::string_view kParts[] = {
      "secret",      "passw",      "nonce",     "csrf",        "xsrf",      "apikey",     "api_key",          "privkey",
      "private_key", "session_id", "sessionid", "session_key", "auth_code", "reset_code", "verification_code"};
  for (std::string_view p : kParts) {
    if (contains(l, p)) return true;
  }
  // Short words only as whole words of the identifier (snake or camel case): "access_token", "csrfToken",
  // "otp", but not "max_tokens" or "basalt".
  std::string cur;
  auto word_is_secret = [](const std::string& w) {
    return w == "token" || w == "otp" || w == "pwd" || w == "pin" || w == "passcode" || w == "salt";
  };
  for (std::size_t i = 0; i <= name.size(); ++i) {
    const char c = i < name.size() ? name[i] : '_';
    const bool upper = c >= 'A' && c <= 'Z';
    const bool boundary =
        !is_ident_char(c) || c == '_' || (upper && i > 0 && !(name[i - 1] >= 'A' && name[i - 1] <= 'Z'));
    if (boundary) {
      if (word_is_secret(cur)) return true;
      cur.clear();
      if (!is_ident_char(c) || c == '_') continue;
    }
    cur += ascii_lower(c);
  }
  return false;
}

// ------------------------------------------------------------------------------------------- driver

void scan_python(std::string_view src, const HitSink& sink) {
  if (src.find('\0') != std::string_view::npos) {
    scan_python_text(src, 1, sink);  // not valid Python: source code cannot contain null bytes
    return;
  }
  PyAnalysis analysis(src, sink, collect_python_imports(src));
  py::Arena arena;
  py::Parser parser(src, arena, false);
  int done = 0;
  try {
    std::vector<Node*> stmts;
    for (;;) {
      stmts.clear();
      arena.clear();
      if (!parser.next_statements(stmts)) return;
      for (const Node* s : stmts) done = std::max(done, analysis.statement(s));
    }
  } catch (const py::SyntaxIssue&) {
  } catch (const py::ParseFail&) {
  } catch (const std::exception&) {
  }
  scan_python_text(src, done + 1, sink);
}

}  // namespace inv::detectors::semgrep_internal
