// The search planner (filters that skip assignments a body line proves False) must not change answers:
// same errors, same order, same ranges, same exceptions. Each policy below is evaluated on generated
// traces twice: as written, and as a brute-force variant whose bodies start with a `:=` line. A `:=`
// line is never "safe" and binds a variable, so no later line of that body may act as a filter; the
// variant enumerates and evaluates every assignment exactly as LANGUAGE.md §9.1 describes, while
// meaning the same (the binding is NOP for the body, an int that is not a trace node has no range, and
// the monitor ignores it).
#include <cstdint>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "domain/eval/eval_context.hpp"
#include "tests/domain/eval/eval_test_util.hpp"

namespace inv::evaltest {
namespace {

// ---- a deterministic trace generator ---------------------------------------------------------------
class Rng {
 public:
  explicit Rng(std::uint64_t seed) : s_(seed) {}
  std::uint64_t next() {
    std::uint64_t z = (s_ += 0x9E3779B97F4A7C15ULL);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
  }
  int below(int n) { return static_cast<int>(next() % static_cast<std::uint64_t>(n)); }
  template <class T>
  const T& pick(const std::vector<T>& v) { return v[static_cast<std::size_t>(below(static_cast<int>(v.size())))]; }

 private:
  std::uint64_t s_;
};

std::string random_trace(Rng& rng) {
  static const std::vector<std::string> contents = {R"("Hi")", R"("Secret plan")", R"("Secret")", R"("hello Bob")",
                                                    "null"};
  static const std::vector<std::string> outputs = {R"("ok")", R"("error")", R"("{\"status\": \"fail\"}")",
                                                   R"("{\"status\": \"ok\"}")", R"("x marks")", R"("Secret")"};
  static const std::vector<std::string> names = {"read", "send_email", "delete"};
  static const std::vector<std::string> tos = {R"("bob")", R"("x@evil.com")", R"("alice@mail.com")"};
  static const std::vector<std::string> ns = {"0", "1", "2", R"("2")", "null"};
  std::vector<std::string> call_ids;
  int next_call = 0;
  auto call = [&] {
    std::string id = "c" + std::to_string(next_call++);
    call_ids.push_back(id);
    std::string args;
    auto add = [&](const std::string& kv) { args += (args.empty() ? "" : ", ") + kv; };
    if (rng.below(5)) add(R"("to": )" + rng.pick(tos));
    if (rng.below(5)) add(R"("n": )" + rng.pick(ns));
    if (rng.below(3)) add(std::string(R"("flag": )") + (rng.below(2) ? "true" : "false"));
    return R"({"id": ")" + id + R"(", "type": "function", "function": {"name": ")" + rng.pick(names) +
           R"(", "arguments": {)" + args + "}}}";
  };
  std::string out = "[";
  const int n = 1 + rng.below(7);
  for (int i = 0; i < n; ++i) {
    if (i) out += ", ";
    switch (rng.below(20)) {
      case 0: case 1: case 2: case 3: case 4:
        out += R"({"role": "user", "content": )" + rng.pick(contents) + "}";
        break;
      case 5: case 6: case 7: case 8: case 9: case 10: case 11: {
        std::string calls;
        const int k = rng.below(3);
        for (int j = 0; j < k; ++j) calls += (j ? ", " : "") + call();
        out += R"({"role": "assistant", "content": )" + rng.pick(contents) +
               (k ? R"(, "tool_calls": [)" + calls + "]" : "") + "}";
        break;
      }
      case 12: case 13: case 14: case 15: case 16: {
        std::string link;
        if (!call_ids.empty() && rng.below(3)) link = R"("tool_call_id": ")" + rng.pick(call_ids) + R"(", )";
        out += R"({"role": "tool", )" + link + R"("content": )" + rng.pick(outputs) + "}";
        break;
      }
      default: out += call(); break;
    }
  }
  return out + "]";
}

// ---- a memoised detector that marks ranges (to check memoisation against the planner) -------------
// tagger(text): the upper-case ASCII letters of `text`, each marked as a one-character range.
struct Tagger final : CallableObj {
  std::string_view name() const override { return "tagger"; }
  bool cacheable() const override { return true; }
  bool marks_ranges() const override { return true; }
  Value call(EvalContext& ctx, const std::vector<Value>& args,
             const std::vector<std::pair<std::string, Value>>&) const override {
    std::vector<Value> out;
    if (args.empty() || args[0]->type != Type::Str) return make_list({});
    const std::string& s = as_str(args[0]).value;
    for (std::size_t i = 0; i < s.size(); ++i)
      if (s[i] >= 'A' && s[i] <= 'Z') {
        ctx.mark(args[0], static_cast<std::int64_t>(i), static_cast<std::int64_t>(i + 1));
        out.push_back(make_str(std::string(1, s[i])));
      }
    return make_list(std::move(out));
  }
};

class TaggerRegistry final : public DetectorRegistry {
 public:
  Value lookup(std::string_view module, std::string_view name) const override {
    static const Value tagger = std::make_shared<Tagger>();
    return module == "invariant.detectors" && name == "tagger" ? tagger : nullptr;
  }
  std::vector<std::pair<std::string, std::string>> exports() const override { return {{"invariant.detectors", "tagger"}}; }
};

const DetectorRegistry& tagger_registry() {
  static const TaggerRegistry r;
  return r;
}

// ---- policies ----------------------------------------------------------------------------------------
// `{BF}` marks the first line of a body: removed for the planned run, `bfN__ := 0` for brute force.
std::string expand(const std::string& policy, bool brute_force) {
  std::string out;
  int n = 0;
  std::size_t pos = 0;
  while (pos < policy.size()) {
    std::size_t eol = policy.find('\n', pos);
    if (eol == std::string::npos) eol = policy.size();
    std::string line = policy.substr(pos, eol - pos);
    std::size_t at = line.find("{BF}");
    if (at == std::string::npos) {
      out += line + "\n";
    } else if (brute_force) {
      out += line.substr(0, at) + "bf" + std::to_string(n++) + "__ := 0\n";
    }
    pos = eol + 1;
  }
  return out;
}

struct PlannerCase {
  std::string name;
  std::string policy;
};

void PrintTo(const PlannerCase& c, std::ostream* os) { *os << c.name; }

const std::vector<PlannerCase>& planner_cases() {
  static const std::vector<PlannerCase> cases = {
      {"pattern_then_error",
       "raise \"p\" if:\n    {BF}\n    (c: ToolCall)\n    c is tool:send_email\n    c.function.arguments.n > 1\n"},
      {"flow_between_patterns",
       "raise \"p\" if:\n    {BF}\n    (a: ToolCall)\n    (b: ToolCall)\n    a is tool:read\n    b is tool:send_email\n"
       "    a -> b\n"},
      {"message_flow_regex_pattern",
       "raise \"p\" if:\n    {BF}\n    (m: Message)\n    (c: ToolCall)\n    m.role == \"user\"\n"
       "    \"ecret\" in m.content\n    m -> c\n    c is tool:send_email({to: \".*@evil\\.com\"})\n"},
      {"in_on_function_record",
       "raise \"p\" if:\n    {BF}\n    (c: ToolCall)\n    \"a\" in c.function\n    c.id == \"c999\"\n"},
      {"output_json_member",
       "raise \"p\" if:\n    {BF}\n    (o: ToolOutput)\n    (c: ToolCall)\n    o.tool_call_id == c.id\n"
       "    o.content.status == \"fail\"\n"},
      {"count_quantifier",
       "from invariant import count\n\nraise \"p\" if:\n    {BF}\n    (m: Message)\n    m.role == \"user\"\n"
       "    count(min=2):\n        {BF}\n        (c: ToolCall)\n        c is tool:read\n        m -> c\n"},
      {"not_forall_with_errors",
       "from invariant import forall\n\nraise \"p\" if:\n    {BF}\n    (m: Message)\n    m.role == \"assistant\"\n"
       "    not forall:\n        (c: ToolCall) in m.tool_calls\n        c.function.arguments.flag == True\n"},
      {"pairs_of_messages",
       "raise \"p\" if:\n    {BF}\n    (a: Message)\n    (b: Message)\n    a.role == b.role\n    a.content == b.content\n"},
      {"assignment_and_guard",
       "raise \"p\" if:\n    {BF}\n    (c: ToolCall)\n    x := c.function.arguments.get(\"n\")\n    x is not None and x > 1\n"},
      {"direct_flow",
       "raise \"p\" if:\n    {BF}\n    (c: ToolCall)\n    (o: ToolOutput)\n    c ~> o\n    o.content == \"error\"\n"},
      {"three_variables_with_late_error",
       "raise \"p\" if:\n    {BF}\n    (m: Message)\n    (c: ToolCall)\n    (o: ToolOutput)\n    m -> c\n    c -> o\n"
       "    \"x\" in o.content\n    len(m.content) > 3\n"},
      {"predicate_filter",
       "is_send(c: ToolCall) := c is tool:send_email\n\nraise \"p\" if:\n    {BF}\n    (c: ToolCall)\n    is_send(c)\n"
       "    c.function.arguments.to == \"bob\"\n"},
      {"memoised_detector_marks",
       "from invariant.detectors import tagger\n\nraise \"p\" if:\n    {BF}\n    (m: Message)\n"
       "    m.content is not None\n    any(tagger(m.content)) and m.role == \"assistant\"\n"},
      {"predicate_with_typed_variable",
       "sends(m: Message) :=\n    {BF}\n    (c: ToolCall) in m.tool_calls\n    c is tool:send_email\n"
       "    c.function.arguments.n == 1\n\nraise \"p\" if:\n    {BF}\n    (m: Message)\n    sends(m)\n"},
      {"in_expansion_then_join",
       "raise \"p\" if:\n    {BF}\n    (m: Message)\n    (t: ToolCall) in m.tool_calls\n    (o: ToolOutput)\n"
       "    o.tool_call_id == t.id\n    o.content == \"ok\"\n"},
      {"head_with_variables",
       "raise PolicyViolation(\"p\", c.id, o.content) if:\n    {BF}\n    (c: ToolCall)\n    (o: ToolOutput)\n"
       "    c -> o\n    c is tool:read\n    o.content.status == \"ok\"\n"},
      {"marks_and_string_filters",
       "raise \"p\" if:\n    {BF}\n    (m: Message)\n    (o: ToolOutput)\n    \"e\" in m.content or \"S\" in o.content\n"
       "    m -> o\n    m.role != \"tool\"\n"},
  };
  return cases;
}

constexpr int kTracesPerPolicy = 300;
constexpr std::uint64_t kSeed = 20240924;

class EvalPlanner : public ::testing::TestWithParam<PlannerCase> {};

TEST_P(EvalPlanner, SameAnswerAsBruteForce) {
  const PlannerCase& c = GetParam();
  const std::string planned = expand(c.policy, false);
  const std::string brute = expand(c.policy, true);
  ASSERT_NE(planned, brute);
  Rng rng(kSeed);
  int differing = 0, errors = 0, raised = 0;
  std::string first;
  for (int i = 0; i < kTracesPerPolicy; ++i) {
    const std::string trace = random_trace(rng);
    Outcome a = run_analyze(planned, trace, "", {}, tagger_registry());
    Outcome b = run_analyze(brute, trace, "", {}, tagger_registry());
    ASSERT_TRUE(a.ok || a.type.find("LimitExceeded") == std::string::npos) << render(a);
    if (b.ok) errors += static_cast<int>(b.result.errors.size());
    else ++raised;
    if (render(a) != render(b)) {
      if (!differing)
        first = "trace: " + trace + "\n  planned:     " + render(a) + "\n  brute force: " + render(b);
      ++differing;
    }
  }
  EXPECT_EQ(differing, 0) << differing << " of " << kTracesPerPolicy << " traces differ; first:\n  " << first;
  // The generated traces exercise the policy: some produce errors, some raise (when the policy can raise).
  EXPECT_GT(errors + raised, 0);
}

INSTANTIATE_TEST_SUITE_P(EvalPlannerPolicies, EvalPlanner, ::testing::ValuesIn(planner_cases()),
                         [](const ::testing::TestParamInfo<PlannerCase>& info) { return info.param.name; });

// The brute-force rewrite means the same thing as the policy: spot checks on fixed traces.
TEST(EvalPlannerRewrite, SameMeaningOnFixedTrace) {
  const std::string trace = R"([
    {"role": "user", "content": "Secret plan"},
    {"role": "assistant", "content": "ok", "tool_calls": [
      {"id": "c0", "type": "function", "function": {"name": "read", "arguments": {"n": 2}}},
      {"id": "c1", "type": "function", "function": {"name": "send_email", "arguments": {"to": "x@evil.com", "n": 2}}}]},
    {"role": "tool", "tool_call_id": "c0", "content": "{\"status\": \"ok\"}"}
  ])";
  const auto& cases = planner_cases();
  auto find = [&](const char* name) -> const PlannerCase& {
    for (const auto& c : cases)
      if (c.name == name) return c;
    throw std::runtime_error(name);
  };
  EXPECT_TRUE(matches(run_analyze(expand(find("message_flow_regex_pattern").policy, true), trace),
                      errs({V("p", {"messages.0", "messages.0.content:1-6", "messages.1.tool_calls.1"})})));
  EXPECT_TRUE(matches(run_analyze(expand(find("pattern_then_error").policy, true), trace),
                      errs({V("p", {"messages.1.tool_calls.1"})})));
  EXPECT_TRUE(matches(run_analyze(expand(find("head_with_variables").policy, true), trace),
                      errs({PV("p c0 {\"status\": \"ok\"}", {"messages.1.tool_calls.0", "messages.2"})})));
}

// Deterministic witnesses of the two ways a planner can change an answer.
TEST(EvalPlannerWitness, LineThatRaisesBeforeAFilter) {
  // `"a" in c.function` raises TypeError (a Function is not iterable); the reference evaluates it for
  // every call before reaching `c.id == "zzz"`, so the analysis fails.
  const std::string policy = rule({"(c: ToolCall)", "\"a\" in c.function", "c.id == \"zzz\""});
  const std::string trace = R"([{"id": "1", "type": "function", "function": {"name": "f", "arguments": {}}}])";
  EXPECT_TRUE(matches(run_analyze(policy, trace), raises("TypeError", "argument of type 'Function' is not iterable")));
}

TEST(EvalPlannerWitness, MemoisedMarksGoToTheFirstEvaluatedCall) {
  // tagger("Secret") is first called while evaluating the user message (a False assignment); its marks
  // are made then and lost. The assistant message's identical call is served from the cache and marks
  // nothing (LANGUAGE.md §8.12, TRACE_AND_RESULTS.md §4.1).
  const std::string policy =
      "from invariant.detectors import tagger\n\nraise \"p\" if:\n    (m: Message)\n    m.content is not None\n"
      "    any(tagger(m.content)) and m.role == \"assistant\"\n";
  const std::string trace = R"([{"role": "user", "content": "Secret"}, {"role": "assistant", "content": "Secret"}])";
  EXPECT_TRUE(matches(run_analyze(policy, trace, "", {}, tagger_registry()), errs({V("p", {"messages.1"})})));
}

TEST(EvalPlannerWitness, MemoisedMarksOnFirstSuccessfulCall) {
  const std::string policy =
      "from invariant.detectors import tagger\n\nraise \"p\" if:\n    (m: Message)\n    m.content is not None\n"
      "    any(tagger(m.content))\n";
  const std::string trace = R"([{"role": "user", "content": "Secret"}, {"role": "assistant", "content": "Secret"}])";
  EXPECT_TRUE(matches(run_analyze(policy, trace, "", {}, tagger_registry()),
                      errs({V("p", {"messages.0", "messages.0.content:0-1"}), V("p", {"messages.1"})})));
}

}  // namespace
}  // namespace inv::evaltest
