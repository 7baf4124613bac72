// Tests of the Python code analyser core (python_code / ipython_code detectors).
//
// The table (data/python_cases.txt) holds programs with the imports, builtins, function_calls and
// syntax-error text that CPython 3.12 gives for them when analysed like the reference detector does
// (ast.parse + ast.NodeVisitor + ast.unparse); data/python_cases_gen.py regenerates it. The other tests cover
// what a table cannot: hostile nesting (no crash, bounded recursion, small thread stacks), linear time on a
// multi-megabyte program, concurrent use, and inputs a Python str cannot carry (invalid UTF-8, encoded
// surrogates).
#include "plugins/python/python_core.hpp"

#include <gtest/gtest.h>
#include <pthread.h>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <optional>
#include <set>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

namespace inv::detectors {
namespace {

struct Case {
  std::string name;
  std::string source;
  std::vector<std::optional<std::string>> imports;
  std::vector<std::string> builtins;
  std::vector<std::string> calls;
  std::optional<std::string> error;
};

int hex_digit(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

std::string unescape(std::string_view s) {
  std::string out;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] != '\\' || i + 1 >= s.size()) {
      out += s[i];
      continue;
    }
    const char c = s[++i];
    if (c == 'n') {
      out += '\n';
    } else if (c == 'r') {
      out += '\r';
    } else if (c == 't') {
      out += '\t';
    } else if (c == 'x' && i + 2 < s.size() + 1 && hex_digit(s[i + 1]) >= 0 && hex_digit(s[i + 2]) >= 0) {
      out += static_cast<char>(hex_digit(s[i + 1]) * 16 + hex_digit(s[i + 2]));
      i += 2;
    } else {
      out += c;
    }
  }
  return out;
}

std::vector<Case> load_cases() {
  const auto path = std::filesystem::path(__FILE__).parent_path() / "data" / "python_cases.txt";
  std::ifstream in(path, std::ios::binary);
  std::vector<Case> cases;
  std::string line;
  Case cur;
  while (std::getline(in, line)) {
    if (line.empty() || line[0] == '#') continue;
    const auto sp = line.find(' ');
    const std::string key = line.substr(0, sp);
    const std::string value = sp == std::string::npos ? std::string() : unescape(line.substr(sp + 1));
    if (key == "case") {
      cur = Case{};
      cur.name = value;
    } else if (key == "source") {
      cur.source = value;
    } else if (key == "import") {
      cur.imports.emplace_back(value);
    } else if (key == "import-none") {
      cur.imports.emplace_back(std::nullopt);
    } else if (key == "builtin") {
      cur.builtins.push_back(value);
    } else if (key == "call") {
      cur.calls.push_back(value);
    } else if (key == "error") {
      cur.error = value;
    } else if (key == "end") {
      cases.push_back(cur);
    }
  }
  return cases;
}

const std::vector<Case>& cases() {
  static const std::vector<Case> c = load_cases();
  return c;
}

std::string show(const std::vector<std::optional<std::string>>& v) {
  std::string s = "[";
  for (const auto& x : v) s += (x ? "'" + *x + "'" : std::string("None")) + ", ";
  return s + "]";
}

class PythonTable : public ::testing::TestWithParam<std::size_t> {};

TEST_P(PythonTable, MatchesCPython) {
  const Case& c = cases()[GetParam()];
  SCOPED_TRACE("case " + c.name);
  const PythonAnalysis r = analyze_python(c.source);
  EXPECT_EQ(r.syntax_error, c.error.has_value());
  EXPECT_EQ(r.syntax_error_exception, c.error.value_or(""));
  EXPECT_EQ(r.imports, c.imports) << show(r.imports);
  EXPECT_EQ(r.builtins, c.builtins);
  EXPECT_EQ(r.function_calls, c.calls);
}

std::vector<std::size_t> case_indices() {
  std::vector<std::size_t> idx(cases().size());
  for (std::size_t i = 0; i < idx.size(); ++i) idx[i] = i;
  return idx;
}

INSTANTIATE_TEST_SUITE_P(Cases, PythonTable, ::testing::ValuesIn(case_indices()),
                         [](const ::testing::TestParamInfo<std::size_t>& info) { return cases()[info.param].name; });

TEST(PythonTableFile, HasEnoughCases) {
  ASSERT_GE(cases().size(), 80u);
  std::set<std::string> names;
  for (const auto& c : cases()) EXPECT_TRUE(names.insert(c.name).second) << "duplicate case " << c.name;
}

// ------------------------------------------------------------------------------------------- basics

TEST(PythonCore, SpecExample) {
  const auto r = analyze_python("import os, a.b\nfrom x import y\nprint(eval(input()))\nos.system('ls')");
  EXPECT_FALSE(r.syntax_error);
  EXPECT_EQ(r.imports, (std::vector<std::optional<std::string>>{"os", "a.b", "x"}));
  EXPECT_EQ(r.builtins, (std::vector<std::string>{"print", "eval", "input"}));
  EXPECT_EQ(r.function_calls, (std::vector<std::string>{"eval", "input", "os.system", "print"}));
}

TEST(PythonCore, RelativeImportWithoutModuleIsNone) {
  const auto r = analyze_python("from . import x\nfrom .. y import z\nfrom ... import w\n");
  EXPECT_FALSE(r.syntax_error) << r.syntax_error_exception;
  EXPECT_EQ(r.imports, (std::vector<std::optional<std::string>>{std::nullopt, "y", std::nullopt}));
}

TEST(PythonCore, SyntaxErrorClearsTheLists) {
  const auto r = analyze_python("import os\nprint(os.getcwd())\nfoo bar\n");
  EXPECT_TRUE(r.syntax_error);
  EXPECT_EQ(r.syntax_error_exception, "invalid syntax (<unknown>, line 3)");
  EXPECT_TRUE(r.imports.empty());
  EXPECT_TRUE(r.builtins.empty());
  EXPECT_TRUE(r.function_calls.empty());
}

TEST(PythonCore, FunctionCallsAreSortedAndUnique) {
  const auto r = analyze_python("b()\na()\nb()\nc.d()\na()\n");
  EXPECT_EQ(r.function_calls, (std::vector<std::string>{"a", "b", "c.d"}));
}

TEST(PythonCore, EncodedSurrogatesGiveTheEncodeErrorText) {
  // A Python str may hold lone surrogates; ast.parse then fails to encode it. Here they arrive as WTF-8.
  const auto one = analyze_python("x = \xed\xa0\x80");
  EXPECT_TRUE(one.syntax_error);
  EXPECT_EQ(one.syntax_error_exception,
            "'utf-8' codec can't encode character '\\ud800' in position 4: surrogates not allowed");
  const auto two = analyze_python("x = \xed\xa0\x80\xed\xb0\x81");
  EXPECT_EQ(two.syntax_error_exception,
            "'utf-8' codec can't encode characters in position 4-5: surrogates not allowed");
}

TEST(PythonCore, InvalidUtf8IsDecodedWithReplacement) {
  const auto in_string = analyze_python("print('\xff\xfe')");
  EXPECT_FALSE(in_string.syntax_error);
  EXPECT_EQ(in_string.function_calls, (std::vector<std::string>{"print"}));
  const auto in_code = analyze_python("x = 1 \xc3 2");
  EXPECT_TRUE(in_code.syntax_error);
  EXPECT_EQ(in_code.syntax_error_exception, "invalid character '\xef\xbf\xbd' (U+FFFD) (<unknown>, line 1)");
  const auto truncated = analyze_python("x = 'a\xe2\x82'");
  EXPECT_FALSE(truncated.syntax_error);
}

// ------------------------------------------------------------------------------------------- hostile input

TEST(PythonCore, HundredThousandOpeningParentheses) {
  for (const char* open : {"(", "[", "{"}) {
    std::string src;
    for (int i = 0; i < 100000; ++i) src += open;
    const auto r = analyze_python(src);
    EXPECT_TRUE(r.syntax_error);
    EXPECT_EQ(r.syntax_error_exception, "too many nested parentheses (<unknown>, line 1)");
  }
}

TEST(PythonCore, DeepNestingIsBoundedAndReported) {
  const std::string overflow = "Parser stack overflowed - Python source too complex to parse";
  auto repeat = [](const std::string& s, int n) {
    std::string out;
    for (int i = 0; i < n; ++i) out += s;
    return out;
  };
  EXPECT_EQ(analyze_python(repeat("-", 100000) + "1").syntax_error_exception, overflow);
  EXPECT_EQ(analyze_python(repeat("not ", 100000) + "1").syntax_error_exception, overflow);
  EXPECT_EQ(analyze_python(repeat("lambda: ", 100000) + "1").syntax_error_exception, overflow);
  EXPECT_EQ(analyze_python(repeat("a if b else ", 100000) + "c").syntax_error_exception, overflow);
  EXPECT_EQ(analyze_python(repeat("x**", 100000) + "x").syntax_error_exception, overflow);
  EXPECT_EQ(analyze_python(repeat("-", 2994) + "1").syntax_error_exception,
            "maximum recursion depth exceeded during ast construction");
  EXPECT_EQ(analyze_python(repeat("-", 600) + "1").syntax_error_exception, "maximum recursion depth exceeded");
  EXPECT_FALSE(analyze_python(repeat("-", 400) + "1").syntax_error);
  EXPECT_EQ(analyze_python(repeat("f(", 199) + repeat(")", 199)).function_calls, (std::vector<std::string>{"f"}));
  EXPECT_EQ(analyze_python(repeat("if x:\n", 1) + repeat(" ", 1) + "pass\n").syntax_error, false);
}

TEST(PythonCore, LongFlatChainsAreNotRecursive) {
  std::string src = "x = a";
  for (int i = 0; i < 200000; ++i) src += " + a";
  const auto r = analyze_python(src);
  EXPECT_EQ(r.syntax_error_exception, "maximum recursion depth exceeded during ast construction");
  std::string attrs = "a";
  for (int i = 0; i < 200000; ++i) attrs += ".b";
  EXPECT_TRUE(analyze_python(attrs + "()").syntax_error);
}

struct ThreadResult {
  std::string src;
  PythonAnalysis result;
};

void* analyze_on_thread(void* arg) {
  auto* job = static_cast<ThreadResult*>(arg);
  job->result = analyze_python(job->src);
  return nullptr;
}

PythonAnalysis analyze_with_stack(const std::string& src, std::size_t stack_bytes) {
  ThreadResult job{src, {}};
  pthread_attr_t attr;
  pthread_attr_init(&attr);
  pthread_attr_setstacksize(&attr, stack_bytes);
  pthread_t t;
  EXPECT_EQ(pthread_create(&t, &attr, &analyze_on_thread, &job), 0);
  pthread_join(t, nullptr);
  pthread_attr_destroy(&attr);
  return job.result;
}

TEST(PythonCore, DeepInputsOnSmallThreadStacks) {
  // The analysis never needs more than a small, fixed amount of the caller's stack: deeper inputs move to a
  // helper thread with a large stack. Results are the same whatever the caller's stack size.
  auto repeat = [](const std::string& s, int n) {
    std::string out;
    for (int i = 0; i < n; ++i) out += s;
    return out;
  };
  const std::vector<std::string> inputs = {
      repeat("lambda: ", 2984) + "1",
      repeat("(", 199) + "1" + repeat(")", 199),
      repeat("[", 199) + repeat("]", 199),
      repeat("{'a':", 199) + "1" + repeat("}", 199),
      repeat("f(", 199) + repeat(")", 199),
      repeat("f\"{", 148) + "1" + repeat("}\"", 148),
      "x = " + repeat("a + ", 450) + "a",
      "a" + repeat(".b", 320) + "()",
      repeat("(lambda x=", 199) + "1: 1" + repeat(")", 199),
      "def f():\n  return " + repeat("lambda: ", 2976) + "1",
  };
  for (const auto& src : inputs) {
    const PythonAnalysis big = analyze_python(src);
    const PythonAnalysis small = analyze_with_stack(src, 128 * 1024);
    EXPECT_EQ(small.syntax_error, big.syntax_error);
    EXPECT_EQ(small.syntax_error_exception, big.syntax_error_exception);
    EXPECT_EQ(small.function_calls, big.function_calls);
    EXPECT_EQ(small.builtins, big.builtins);
  }
}

// ------------------------------------------------------------------------------------------- scale

TEST(PythonCore, FiveMegabyteProgramInLinearTime) {
  const std::string unit =
      "import os\nfrom collections import OrderedDict as OD\n\n"
      "class Worker(object):\n    \"\"\"Doc string.\"\"\"\n    def run(self, items, *, limit=len(DEFAULTS)):\n"
      "        total = sum(int(x) for x in items if isinstance(x, (int, str)))\n"
      "        print(f'{self.name!r}: {total:>10}', file=sys.stderr)\n"
      "        return {k: v for k, v in zip(items, range(limit))}\n\n"
      "result = Worker().run([1, 2, 3], limit=abs(-2))\nos.system('echo ' + str(result))\n";
  std::string small, large;
  while (small.size() < 1000 * 1000) small += unit;
  while (large.size() < 5 * 1000 * 1000) large += unit;
  const std::size_t units = large.size() / unit.size();

  auto t0 = std::chrono::steady_clock::now();
  const auto rs = analyze_python(small);
  auto t1 = std::chrono::steady_clock::now();
  const auto rl = analyze_python(large);
  auto t2 = std::chrono::steady_clock::now();

  ASSERT_FALSE(rl.syntax_error) << rl.syntax_error_exception;
  EXPECT_EQ(rl.imports.size(), 2 * units);
  EXPECT_EQ(rl.function_calls, (std::vector<std::string>{"Worker", "Worker().run", "abs", "int", "isinstance", "len",
                                                         "os.system", "print", "range", "str", "sum", "zip"}));
  EXPECT_FALSE(rs.syntax_error);
  const double small_s = std::chrono::duration<double>(t1 - t0).count();
  const double large_s = std::chrono::duration<double>(t2 - t1).count();
  EXPECT_LT(large_s, 30.0);
  // Five times the input should take about five times as long; allow a wide margin for noisy machines.
  EXPECT_LT(large_s, 15.0 * std::max(small_s, 0.01)) << small_s << " s vs " << large_s << " s";
}

TEST(PythonCore, ConcurrentCallsGiveTheSameResults) {
  std::vector<PythonAnalysis> expected;
  for (const auto& c : cases()) expected.push_back(analyze_python(c.source));
  std::vector<std::thread> threads;
  std::vector<int> mismatches(6, 0);
  for (int t = 0; t < 6; ++t) {
    threads.emplace_back([&, t] {
      for (int round = 0; round < 3; ++round) {
        for (std::size_t i = t % 2; i < cases().size(); ++i) {
          const auto r = analyze_python(cases()[i].source);
          if (r.syntax_error_exception != expected[i].syntax_error_exception || r.builtins != expected[i].builtins ||
              r.function_calls != expected[i].function_calls || r.imports != expected[i].imports) {
            ++mismatches[t];
          }
        }
      }
    });
  }
  for (auto& th : threads) th.join();
  for (int m : mismatches) EXPECT_EQ(m, 0);
}

}  // namespace
}  // namespace inv::detectors
