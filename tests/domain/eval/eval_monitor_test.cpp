// Monitor check (TRACE_AND_RESULTS.md §6.2): past + pending events are analysed as one trace and only
// violations binding a pending top-level event are kept.
#include <gtest/gtest.h>

#include "tests/domain/eval/eval_test_util.hpp"

namespace inv::evaltest {
namespace {

struct CheckCase {
  std::string name;
  std::string policy;
  std::string past;
  std::string pending;
  std::vector<std::string> expect;  // the check body: one error string per kept violation
};

void PrintTo(const CheckCase& c, std::ostream* os) { *os << c.name; }

constexpr const char* kPast = R"([{"role": "user", "content": "send it"}])";
constexpr const char* kPendingMessage = R"([{"role": "assistant", "content": "ok"}])";
constexpr const char* kPendingWithCall = R"([{"role": "assistant", "content": null, "tool_calls": [
  {"id": "1", "type": "function", "function": {"name": "send", "arguments": {}}}]}])";
constexpr const char* kPendingTopLevelCall = R"([{"id": "1", "type": "function", "function": {"name": "send", "arguments": {}}}])";

class EvalMonitor : public ::testing::TestWithParam<CheckCase> {};

TEST_P(EvalMonitor, Case) {
  const CheckCase& c = GetParam();
  Outcome o = run_check(c.policy, c.past, c.pending);
  ASSERT_TRUE(o.ok) << o.type << ": " << o.message;
  boost::json::array want;
  for (const auto& e : c.expect) want.emplace_back(e);
  EXPECT_EQ(check_body_of(o.result), boost::json::serialize(want)) << c.policy;
}

std::string hit(std::size_t n) { return "PolicyViolation(hit, ranges=[<" + std::to_string(n) + " ranges>])"; }

INSTANTIATE_TEST_SUITE_P(
    EvalCheck, EvalMonitor,
    ::testing::Values(
        CheckCase{"pending_event_bound", rule({"(m: Message)", "m.role == \"assistant\""}), kPast, kPendingMessage, {hit(1)}},
        CheckCase{"only_past_event_bound", rule({"(m: Message)", "m.role == \"user\""}), kPast, kPendingMessage, {}},
        CheckCase{"past_and_pending_pair",
                  rule({"(a: Message)", "(b: Message)", "a.role == \"user\"", "b.role == \"assistant\""}), kPast,
                  kPendingMessage, {hit(2)}},
        CheckCase{"every_message_only_pending_kept", rule({"(m: Message)"}, "PolicyViolation(\"m:\", m.content)"), kPast,
                  kPendingMessage, {"PolicyViolation(m: ok)"}},
        CheckCase{"explicit_head_prints_event", rule({"(m: Message)", "m.role == \"assistant\""}, "PolicyViolation(\"bad\", m)"),
                  kPast, kPendingMessage,
                  {"PolicyViolation(bad metadata={'trace_idx': 1} role='assistant' content='ok' tool_calls=None)"}},
        // Nested tool calls have no trace_idx: a match binding only them is not reported.
        CheckCase{"nested_call_of_pending_message_not_reported", rule({"(c: ToolCall)", "c is tool:send"}), kPast,
                  kPendingWithCall, {}},
        CheckCase{"nested_call_with_its_message_reported",
                  rule({"(m: Message)", "(c: ToolCall) in m.tool_calls", "c is tool:send"}), kPast, kPendingWithCall,
                  {hit(2)}},
        CheckCase{"top_level_pending_call_reported", rule({"(c: ToolCall)", "c is tool:send"}), kPast,
                  kPendingTopLevelCall, {hit(1)}},
        // A rule firing unbound binds no event.
        CheckCase{"unbound_firing_not_reported", rule({"1 == 1"}), kPast, kPendingMessage, {}},
        CheckCase{"degenerate_typed_rule_not_reported", rule({"(m: Message)"}), kPast, kPendingMessage, {}},
        CheckCase{"no_pending_events", rule({"(m: Message)", "m.role == \"user\""}), kPast, "[]", {}},
        CheckCase{"all_events_pending", rule({"(m: Message)", "m.role == \"user\""}), "[]", kPast, {hit(1)}},
        CheckCase{"duplicates_within_one_call_kept", rule({"(a: Message)", "(b: Message)", "a.role == b.role"}), kPast,
                  R"([{"role": "assistant", "content": "x"}, {"role": "assistant", "content": "y"}])",
                  {hit(2), hit(2), hit(2), hit(2)}}),
    [](const ::testing::TestParamInfo<CheckCase>& info) { return info.param.name; });

// The same rule through analyze and check: analyze reports the past-only match too.
TEST(EvalMonitorVsAnalyze, AnalyzeKeepsEverything) {
  const std::string policy = rule({"(m: Message)"}, "PolicyViolation(\"m:\", m.content)");
  Outcome a = run_analyze(policy, R"([{"role": "user", "content": "send it"}, {"role": "assistant", "content": "ok"}])");
  ASSERT_TRUE(a.ok);
  EXPECT_EQ(check_body_of(a.result), R"~(["PolicyViolation(m: send it)","PolicyViolation(m: ok)"])~");
}

}  // namespace
}  // namespace inv::evaltest
