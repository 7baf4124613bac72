// Evaluation limits: a pathological policy or regex ends with LimitExceeded, quickly, instead of running
// for hours (DECISIONS.md §8: "never a hang").
#include <chrono>
#include <string>

#include <gtest/gtest.h>

#include "domain/eval/regex.hpp"
#include "tests/domain/eval/eval_test_util.hpp"

namespace inv::evaltest {
namespace {

std::string messages(int n) {
  std::string out = "[";
  for (int i = 0; i < n; ++i) {
    if (i) out += ", ";
    out += R"({"role": "user", "content": "m)" + std::to_string(i) + R"("})";
  }
  return out + "]";
}

// Six message variables over 30 messages: 729 million assignments if nothing stops the search.
const std::string kHugeProduct = rule({"(a: Message)", "(b: Message)", "(c: Message)", "(d: Message)", "(e: Message)",
                                       "(f: Message)", "a.content"});

struct Timed {
  Outcome outcome;
  double seconds;
};

template <class F>
Timed timed(F&& f) {
  auto t0 = std::chrono::steady_clock::now();
  Outcome o = f();
  return Timed{std::move(o), std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count()};
}

TEST(EvalLimits, BindingsBudget) {
  EvalLimits limits;
  limits.max_bindings = 1000;
  auto r = timed([&] { return run_analyze(kHugeProduct, messages(30), "", limits); });
  EXPECT_EQ(r.outcome.type, "LimitExceeded(bindings)") << render(r.outcome);
  EXPECT_LT(r.seconds, 2.0);
}

TEST(EvalLimits, StepBudget) {
  // A line reading all variables is a planner filter: no assignment survives, but probing costs steps.
  const std::string policy = rule({"(a: Message)", "(b: Message)", "(c: Message)", "(d: Message)",
                                   "a.content + b.content + c.content + d.content == \"zzz\""});
  EvalLimits limits;
  limits.max_steps = 10'000;
  auto r = timed([&] { return run_analyze(policy, messages(30), "", limits); });
  EXPECT_EQ(r.outcome.type, "LimitExceeded(steps)") << render(r.outcome);
  EXPECT_LT(r.seconds, 2.0);
}

TEST(EvalLimits, Deadline) {
  EvalLimits limits;
  limits.deadline = std::chrono::milliseconds(100);
  auto r = timed([&] { return run_analyze(kHugeProduct, messages(30), "", limits); });
  EXPECT_EQ(r.outcome.type, "LimitExceeded(deadline)") << render(r.outcome);
  EXPECT_LT(r.seconds, 5.0);
}

TEST(EvalLimits, ViolationCount) {
  EvalLimits limits;
  limits.max_violations = 10;
  auto r = timed([&] { return run_analyze(rule({"(a: Message)", "(b: Message)", "a.role == b.role"}), messages(30), "", limits); });
  EXPECT_EQ(r.outcome.type, "LimitExceeded(violations)") << render(r.outcome);
}

TEST(EvalLimits, CatastrophicRegexInMatch) {
  std::string content(40, 'a');
  content += "!";
  auto r = timed([&] {
    return run_analyze(rule({"(m: Message)", "match(\"(a+)+$\", m.content)"}),
                       R"([{"role": "user", "content": ")" + content + R"("}])");
  });
  EXPECT_EQ(r.outcome.type, "LimitExceeded(regex)") << render(r.outcome);
  EXPECT_LT(r.seconds, 5.0);
}

TEST(EvalLimits, CatastrophicRegexInPattern) {
  std::string value(40, 'a');
  value += "!";
  auto r = timed([&] {
    return run_analyze(rule({"(c: ToolCall)", "c is tool:f({x: \"(a+)+\"})"}),
                       R"([{"id": "1", "type": "function", "function": {"name": "f", "arguments": {"x": ")" + value +
                           R"("}}}])");
  });
  EXPECT_EQ(r.outcome.type, "LimitExceeded(regex)") << render(r.outcome);
  EXPECT_LT(r.seconds, 5.0);
}

TEST(EvalLimits, CatastrophicRegexInFind) {
  std::string content(40, 'a');
  content += "!";
  auto r = timed([&] {
    return run_analyze(rule({"(m: Message)", "any(find(\"(a|aa)+$\", m.content))"}),
                       R"([{"role": "user", "content": ")" + content + R"("}])");
  });
  EXPECT_EQ(r.outcome.type, "LimitExceeded(regex)") << render(r.outcome);
  EXPECT_LT(r.seconds, 10.0);
}

TEST(EvalLimits, RecursivePredicate) {
  auto r = run_analyze("p(m: Message) := p(m)\n\nraise \"hit\" if:\n    (m: Message)\n    p(m)\n", messages(1));
  EXPECT_EQ(r.type, "LimitExceeded(call_depth)") << render(r);
}

// A constant that refers to itself recurses forever in the reference (Python's RecursionError); here it
// is a clear runtime error, never a stack overflow (found by the parser fuzzer).
TEST(EvalLimits, SelfReferentialConstant) {
  for (const char* decl : {"v := v", "v := v + 1", "a := b\nb := a"}) {
    auto r = run_analyze(std::string(decl) + "\n\nraise \"x\" if:\n    (m: Message)\n    v == 1\n", messages(1));
    if (std::string(decl).rfind("a :=", 0) == 0)
      r = run_analyze(std::string(decl) + "\n\nraise \"x\" if:\n    (m: Message)\n    a == 1\n", messages(1));
    EXPECT_EQ(r.type, "RecursionError") << decl << ": " << render(r);
  }
}

// The reference evaluates assignments one by one and aborts at the first exception: a policy whose very
// first assignment raises reports that exception, whatever the size of the product behind it.
TEST(EvalLimits, ErrorOnFirstAssignmentBeforeBudget) {
  EvalLimits limits;
  limits.max_bindings = 1000;
  const std::string policy =
      rule({"(a: Message)", "(b: Message)", "(c: Message)", "(d: Message)", "a.content + 1 == d.content"});
  auto r = timed([&] { return run_analyze(policy, messages(30), "", limits); });
  EXPECT_TRUE(matches(r.outcome, raises("TypeError", "can only concatenate str (not \"int\") to str")));
  EXPECT_LT(r.seconds, 2.0);
}

TEST(EvalLimits, SmallProductWithinLimits) {
  EvalLimits limits;
  limits.max_bindings = 1000;
  auto r = run_analyze(rule({"(a: Message)", "(b: Message)", "a.content == b.content"}), messages(30), "", limits);
  ASSERT_TRUE(r.ok) << render(r);
  EXPECT_EQ(r.result.errors.size(), 30u);
}

// Range offsets are code points also when a non-ASCII string holds many matches (offsets are computed
// with a left-to-right cursor, not from the start of the string for every match).
TEST(EvalLimits, ManyMatchesInNonAsciiTextHaveCodePointOffsets) {
  std::string content;
  for (int i = 0; i < 2000; ++i) content += "\xC3\xA9" "b";  // "éb" x 2000
  auto r = run_analyze(rule({"(m: Message)", "len(find(\"b\", m.content)) == 2000", "\"b\" in m.content"}),
                       R"([{"role": "user", "content": ")" + content + R"("}])");
  ASSERT_TRUE(r.ok) << render(r);
  const auto& ranges = r.result.errors.at(0).ranges;
  ASSERT_EQ(ranges.size(), 4001u);  // 2000 find marks + 2000 `in` marks + the message
  EXPECT_EQ(ranges[0], "messages.0");                       // document order: the message first,
  EXPECT_EQ(ranges[1], "messages.0.content:1-2");           // then the marks on its content in the
  EXPECT_EQ(ranges[2], "messages.0.content:3-4");           // order they were made: find's ...
  EXPECT_EQ(ranges[2000], "messages.0.content:3999-4000");
  EXPECT_EQ(ranges[2001], "messages.0.content:1-2");        // ... then the `in` occurrences
  EXPECT_EQ(ranges.back(), "messages.0.content:3999-4000");
}

}  // namespace
}  // namespace inv::evaltest
