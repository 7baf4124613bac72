// Driver of the Python analyser: input checks, the two parser passes, the AST walk that collects imports,
// builtins and call targets, and the helper thread that gives deep inputs a stack of their own.
//
// The walk mirrors what the reference's `ast.NodeVisitor` does, including how deep its Python call stack
// gets (visit -> generic_visit -> visit ..., plus ast.unparse for call targets): the reference runs with
// Python's default recursion limit, so very deep trees make it fail with RecursionError, and so does this
// walk, at the same depths. Likewise CPython refuses to build trees nested deeper than a fixed limit.
#include "plugins/python/python_core.hpp"

#include <algorithm>
#include <array>
#include <set>
#include <stdexcept>
#include <utility>

#include "common/utf8.hpp"
#include "plugins/python/py_ast.hpp"
#include "plugins/python/py_lexer.hpp"
#include "plugins/python/py_parser.hpp"
#include "plugins/support/large_stack.hpp"

namespace inv::detectors {

namespace {

using py::Kind;
using py::Node;

constexpr int kAstDepthLimit = 2996;     // deepest tree CPython converts to Python objects
constexpr int kVisitorFrameLimit = 960;  // Python frames available to the reference visitor

constexpr std::array<std::string_view, 158> kBuiltins = {
    "ArithmeticError", "AssertionError", "AttributeError", "BaseException", "BaseExceptionGroup",
    "BlockingIOError", "BrokenPipeError", "BufferError", "BytesWarning", "ChildProcessError",
    "ConnectionAbortedError", "ConnectionError", "ConnectionRefusedError", "ConnectionResetError",
    "DeprecationWarning", "EOFError", "Ellipsis", "EncodingWarning", "EnvironmentError", "Exception",
    "ExceptionGroup", "False", "FileExistsError", "FileNotFoundError", "FloatingPointError", "FutureWarning",
    "GeneratorExit", "IOError", "ImportError", "ImportWarning", "IndentationError", "IndexError",
    "InterruptedError", "IsADirectoryError", "KeyError", "KeyboardInterrupt", "LookupError", "MemoryError",
    "ModuleNotFoundError", "NameError", "None", "NotADirectoryError", "NotImplemented", "NotImplementedError",
    "OSError", "OverflowError", "PendingDeprecationWarning", "PermissionError", "ProcessLookupError",
    "RecursionError", "ReferenceError", "ResourceWarning", "RuntimeError", "RuntimeWarning",
    "StopAsyncIteration", "StopIteration", "SyntaxError", "SyntaxWarning", "SystemError", "SystemExit",
    "TabError", "TimeoutError", "True", "TypeError", "UnboundLocalError", "UnicodeDecodeError",
    "UnicodeEncodeError", "UnicodeError", "UnicodeTranslateError", "UnicodeWarning", "UserWarning",
    "ValueError", "Warning", "ZeroDivisionError", "__build_class__", "__debug__", "__doc__", "__import__",
    "__loader__", "__name__", "__package__", "__spec__", "abs", "aiter", "all", "anext", "any", "ascii", "bin",
    "bool", "breakpoint", "bytearray", "bytes", "callable", "chr", "classmethod", "compile", "complex",
    "copyright", "credits", "delattr", "dict", "dir", "divmod", "enumerate", "eval", "exec", "exit", "filter",
    "float", "format", "frozenset", "getattr", "globals", "hasattr", "hash", "help", "hex", "id", "input", "int",
    "isinstance", "issubclass", "iter", "len", "license", "list", "locals", "map", "max", "memoryview", "min",
    "next", "object", "oct", "open", "ord", "pow", "print", "property", "quit", "range", "repr", "reversed",
    "round", "set", "setattr", "slice", "sorted", "staticmethod", "str", "sum", "super", "tuple", "type", "vars",
    "zip"};

bool is_builtin(std::string_view name) { return std::binary_search(kBuiltins.begin(), kBuiltins.end(), name); }

struct VisitError {
  std::string message;
};

// Python frames ast.unparse needs below the caller for a subtree.
int unparse_frames(const Node* n) {
  if (n == nullptr) return 0;
  switch (n->kind) {
    case Kind::Name: return 6;
    case Kind::Constant: return 7;
    default: break;
  }
  int deepest = 6;
  for (const Node* k : n->kids) deepest = std::max(deepest, unparse_frames(k));
  switch (n->kind) {
    case Kind::Tuple: case Kind::List: case Kind::Set: return deepest + 4;
    case Kind::BoolOp: return deepest + 5;
    case Kind::Dict: return deepest + 6;
    case Kind::JoinedStr: return deepest + 7;
    default: return deepest + 3;
  }
}

class Collector {
 public:
  explicit Collector(PythonAnalysis& out) : out_(out) {}

  // `frames`: Python frames in use when the reference visitor calls visit() on `n`.
  void walk(const Node* n, int frames) {
    switch (n->kind) {
      case Kind::Name:
        check(frames + 2);
        if (is_builtin(n->text)) out_.builtins.push_back(n->text);
        return;
      case Kind::Constant:
        check(frames + 4);
        return;
      case Kind::Import:
        check(frames + 2);
        for (const Node* a : n->kids) out_.imports.emplace_back(a->text);
        return;
      case Kind::ImportFrom:
        check(frames + 2);
        if (n->n[1]) out_.imports.emplace_back(n->text);
        else out_.imports.emplace_back(std::nullopt);
        return;
      case Kind::Call: {
        check(frames + 2 + unparse_frames(n->kids[0]));
        try {
          std::string text = py::unparse(n->kids[0]);
          const auto b = text.find_first_not_of(" \t\n\r\f\v");
          const auto e = text.find_last_not_of(" \t\n\r\f\v");
          calls_.insert(b == std::string::npos ? std::string() : text.substr(b, e - b + 1));
        } catch (const std::runtime_error& err) {
          throw VisitError{err.what()};
        }
        check(frames + 4);
        for (const Node* k : n->kids) {
          if (k != nullptr) walk(k, frames + 3);
        }
        return;
      }
      default:
        check(frames + 3);
        if (py::has_singleton_child(n->kind)) check(frames + 5);
        for (const Node* k : n->kids) {
          if (k != nullptr) walk(k, frames + 2);
        }
    }
  }

  void finish() { out_.function_calls.assign(calls_.begin(), calls_.end()); }

 private:
  static void check(int frames) {
    if (frames > kVisitorFrameLimit) throw VisitError{"maximum recursion depth exceeded"};
  }
  PythonAnalysis& out_;
  std::set<std::string> calls_;
};

// Depth of the deepest node below (and including) `root`, without recursion.
int tree_depth(const Node* root) {
  std::vector<std::pair<const Node*, int>> stack{{root, 1}};
  int deepest = 0;
  while (!stack.empty()) {
    auto [n, d] = stack.back();
    stack.pop_back();
    deepest = std::max(deepest, d);
    for (const Node* k : n->kids) {
      if (k != nullptr) stack.emplace_back(k, d + 1);
    }
  }
  return deepest;
}

PythonAnalysis failure(std::string message) {
  PythonAnalysis r;
  r.syntax_error = true;
  r.syntax_error_exception = std::move(message);
  return r;
}

// A Python str holding lone surrogates (here: their generalised UTF-8 encoding) cannot be encoded.
std::optional<std::string> surrogate_error(std::string_view s) {
  std::size_t index = 0;
  for (std::size_t i = 0; i < s.size();) {
    const auto b = static_cast<unsigned char>(s[i]);
    if (b == 0xED && i + 2 < s.size() && (static_cast<unsigned char>(s[i + 1]) & 0xE0) == 0xA0 &&
        (static_cast<unsigned char>(s[i + 2]) & 0xC0) == 0x80) {
      const std::size_t first = index;
      const char32_t cp = 0xD000 | ((static_cast<unsigned char>(s[i + 1]) & 0x3F) << 6) |
                          (static_cast<unsigned char>(s[i + 2]) & 0x3F);
      std::size_t count = 0;
      while (i + 2 < s.size() && static_cast<unsigned char>(s[i]) == 0xED &&
             (static_cast<unsigned char>(s[i + 1]) & 0xE0) == 0xA0 &&
             (static_cast<unsigned char>(s[i + 2]) & 0xC0) == 0x80) {
        ++count;
        i += 3;
      }
      if (count == 1) {
        char buf[8];
        std::snprintf(buf, sizeof buf, "%04x", static_cast<unsigned>(cp));
        return "'utf-8' codec can't encode character '\\u" + std::string(buf) + "' in position " +
               std::to_string(first) + ": surrogates not allowed";
      }
      return "'utf-8' codec can't encode characters in position " + std::to_string(first) + "-" +
             std::to_string(first + count - 1) + ": surrogates not allowed";
    }
    std::size_t bad = 0;
    const std::size_t len = utf8::sequence_length(s, i, &bad);
    i += len != 0 ? len : bad;
    ++index;
  }
  return std::nullopt;
}

// Reads the rest of the input; returns the first lexical error in it, if any.
std::optional<py::SyntaxIssue> lexical_error_in_rest(py::Lexer& lex) {
  try {
    while (lex.next().type != py::Tok::End) {
    }
  } catch (const py::SyntaxIssue& e) {
    // CPython's look at the rest of the input does not report stray line continuations.
    if (e.message.rfind("unexpected character after line continuation", 0) == 0 ||
        e.message.rfind("unexpected EOF", 0) == 0) {
      return std::nullopt;
    }
    return e;
  }
  return std::nullopt;
}

py::SyntaxIssue never_closed(const py::Lexer& lex) {
  return {std::string("'") + lex.open_bracket() + "' was never closed", lex.open_bracket_line()};
}

// After the plain pass failed: the message CPython gives.
std::string explain_failure(const std::string& src, py::Parser& plain) {
  py::Lexer& lex = plain.lexer();
  if (lex.reached_eof() && lex.open_bracket() != 0) return never_closed(lex).text();
  {
    py::Arena arena;
    py::Parser diag(src, arena, true);
    diag.set_known_last_line(lex.last_line());
    try {
      std::vector<Node*> stmts;
      while (diag.next_statements(stmts)) {
        stmts.clear();
        arena.clear();
      }
    } catch (const py::SyntaxIssue& e) {
      if (e.line == 0 || e.lexical) return e.text();
      // Lexical errors anywhere in the input take precedence over the diagnosis.
      py::Lexer& dlex = diag.lexer();
      const int read_to = std::max(dlex.last_line(), lex.last_line());
      if (auto lexical = lexical_error_in_rest(dlex)) return lexical->text();
      // A mistake reported on an earlier line than the parser had read to, inside brackets that the rest of
      // the input never closes, is reported as the unclosed bracket.
      if (read_to > e.line && dlex.open_bracket() != 0) return never_closed(dlex).text();
      return e.text();
    } catch (const py::ParseFail&) {
      // Trying the diagnoses read on to the end of the input with a bracket still open.
      if (diag.lexer().reached_eof() && diag.lexer().open_bracket() != 0) return never_closed(diag.lexer()).text();
    }
  }
  if (plain.furthest_is_indent()) return py::SyntaxIssue{"unexpected indent", plain.furthest_line()}.text();
  if (auto lexical = lexical_error_in_rest(lex)) return lexical->text();
  return py::SyntaxIssue{"invalid syntax", plain.furthest_line()}.text();
}

PythonAnalysis analyze_now(std::string_view code) {
  if (auto err = surrogate_error(code)) return failure(*err);
  if (code.find('\0') != std::string_view::npos) return failure("source code string cannot contain null bytes");
  std::string storage;
  const std::string src = normalise_newlines(utf8::repaired(code, storage));

  PythonAnalysis result;
  Collector collector(result);
  std::optional<std::string> tree_error, visit_error;
  py::Arena arena;
  py::Parser parser(src, arena, false);
  try {
    std::vector<Node*> stmts;
    for (;;) {
      stmts.clear();
      arena.clear();
      if (!parser.next_statements(stmts)) break;
      for (const Node* s : stmts) {
        if (!tree_error && tree_depth(s) + 1 > kAstDepthLimit) {
          tree_error = "maximum recursion depth exceeded during ast construction";
        }
        if (tree_error || visit_error) continue;
        try {
          collector.walk(s, 2);
        } catch (const VisitError& e) {
          visit_error = e.message;
        }
      }
    }
  } catch (const py::SyntaxIssue& e) {
    return failure(e.text());
  } catch (const py::ParseFail&) {
    try {
      return failure(explain_failure(src, parser));
    } catch (const py::ParseFail&) {
      return failure(py::SyntaxIssue{"invalid syntax", parser.furthest_line()}.text());
    }
  }
  if (tree_error) return failure(*tree_error);
  if (visit_error) return failure(*visit_error);
  collector.finish();
  return result;
}


}  // namespace

PythonAnalysis analyze_python(std::string_view code) {
  // The parser and the walk recurse (boundedly) with the nesting of the input.
  PythonAnalysis result;
  support::run_with_large_stack([&] { result = analyze_now(code); });
  return result;
}

std::string normalise_newlines(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '\r') {
      out += '\n';
      if (i + 1 < s.size() && s[i + 1] == '\n') ++i;
    } else {
      out += s[i];
    }
  }
  return out;
}

}  // namespace inv::detectors
