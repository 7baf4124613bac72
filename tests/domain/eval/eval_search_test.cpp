// The assignment search (LANGUAGE.md §9): degenerate rules, non-boolean lines, model order, LIFO order of
// expansions, no deduplication, ranges in document order, `:=` provenance (DECISIONS.md §7), flow `->`
// and `~>`, quantifiers (§8.14), predicates (§8.13, DECISIONS.md §11), constants, three-valued logic in
// rule bodies (§8.2, DECISIONS.md §5) and range marking by `in` (DECISIONS.md §6).
#include <gtest/gtest.h>

#include "tests/domain/eval/eval_test_util.hpp"

namespace inv::evaltest {
namespace {

// Messages: 0, 1 (calls a, b), 3 (calls c, d). Outputs: 2 (of b), 4 (of c). Top-level call e at 5.
// Happens-before order: m0, m1, a, b, o2, m3, c, d, o4, e.
constexpr const char* kTrace = R"([
  {"role": "user", "content": "Hi"},
  {"role": "assistant", "content": "a", "tool_calls": [
    {"id": "a", "type": "function", "function": {"name": "read", "arguments": {}}},
    {"id": "b", "type": "function", "function": {"name": "send", "arguments": {}}}]},
  {"role": "tool", "tool_call_id": "b", "content": "out-b"},
  {"role": "assistant", "content": "b", "tool_calls": [
    {"id": "c", "type": "function", "function": {"name": "read", "arguments": {}}},
    {"id": "d", "type": "function", "function": {"name": "send", "arguments": {}}}]},
  {"role": "tool", "tool_call_id": "c", "content": "out-c"},
  {"id": "e", "type": "function", "function": {"name": "send", "arguments": {}}}
])";

constexpr const char* kM0 = "messages.0";
constexpr const char* kM1 = "messages.1";
constexpr const char* kO2 = "messages.2";
constexpr const char* kM3 = "messages.3";
constexpr const char* kO4 = "messages.4";
constexpr const char* kCallA = "messages.1.tool_calls.0";
constexpr const char* kCallB = "messages.1.tool_calls.1";
constexpr const char* kCallC = "messages.3.tool_calls.0";
constexpr const char* kCallD = "messages.3.tool_calls.1";
constexpr const char* kCallE = "messages.5";

// A trace for range provenance.
constexpr const char* kProvenance = R"([
  {"role": "assistant", "content": "Hello", "tool_calls": [
    {"id": "1", "type": "function", "function": {"name": "f", "arguments": {"count": 2, "list": [1, 1], "flag": true}}}]}
])";
constexpr const char* kProvCall = "messages.0.tool_calls.0";

// A trace for three-valued logic and `in` marks.
constexpr const char* kText = R"([
  {"role": "user", "content": "Hello Bob, hello"},
  {"role": "assistant", "content": null, "tool_calls": [
    {"id": "1", "type": "function", "function": {"name": "f", "arguments": {"p": null}}},
    {"id": "2", "type": "function", "function": {"name": "f", "arguments": {"p": {"a": 1}}}}]},
  {"role": "user", "content": "aaaa f(x) (y) héllo wörld"}
])";

Case on(std::string name, std::initializer_list<std::string_view> lines, Expect e, const char* trace = kTrace) {
  return Case{std::move(name), rule(lines), trace, std::move(e), ""};
}
Case pol(std::string name, std::string policy, Expect e, const char* trace = kTrace) {
  return Case{std::move(name), std::move(policy), trace, std::move(e), ""};
}
Err hit(std::vector<std::string> ranges) { return V("hit", std::move(ranges)); }

class EvalSearch : public ::testing::TestWithParam<Case> {};

TEST_P(EvalSearch, Case) {
  const Case& c = GetParam();
  EXPECT_TRUE(matches(run_analyze(c.policy, c.trace, c.params), c.expect)) << c.policy;
}

INSTANTIATE_TEST_SUITE_P(
    EvalDegenerate, EvalSearch,
    ::testing::Values(
        on("typed_only", {"(m: Message)"}, fires()),
        on("typed_only_empty_trace", {"(m: Message)"}, fires(), "[]"),
        on("two_typed_only_empty_trace", {"(m: Message)", "(c: ToolCall)"}, fires(), "[]"),
        on("in_declaration_only", {"(m: Message)", "(t: ToolCall) in m.tool_calls"}, fires()),
        on("assignment_only", {"x := 1"}, fires()),
        on("assignment_of_unbound", {"(m: Message)", "c := m.content"}, fires()),
        on("constant_condition", {"(m: Message)", "1 == 1"}, fires()),
        on("constant_false_stops", {"1 == 2", "(m: Message)"}, no_errors()),
        on("unknown_or_true_is_true", {"(m: Message)", "m.role == \"zzz\" or 1 == 1"}, fires()),
        on("unknown_and_false_is_false", {"(m: Message)", "m.role == \"user\" and 1 == 2"}, no_errors()),
        // A head that needs a variable is not evaluable while it is unbound: the search goes on.
        pol("head_needs_variable", "raise PolicyViolation(\"x\", m.content) if:\n    (m: Message)\n",
            errs({PV("x Hi", {kM0}), PV("x a", {kM1}), PV("x b", {kM3})})),
        pol("head_needs_variable_empty_trace", "raise PolicyViolation(\"x\", m) if:\n    (m: Message)\n", no_errors(), "[]"),
        pol("head_prints_event", "raise PolicyViolation(\"bad:\", m) if:\n    (m: Message)\n    m.role == \"user\"\n",
            errs({PV("bad: metadata={'trace_idx': 0} role='user' content='Hi' tool_calls=None", {kM0})})),
        pol("head_keyword_arguments",
            "raise PolicyViolation(\"msg\", m.content, level=2, who=m.role) if:\n    (m: Message)\n    m.role == \"user\"\n",
            errs({PV("msg Hi, level=2, who=user", {kM0})})),
        pol("head_int_value", "raise n if:\n    (m: Message)\n    m.role == \"user\"\n    n := len(m.content)\n",
            errs({V("2", {kM0})})),
        pol("head_identifier_bound_by_assignment",
            "raise msg if:\n    (m: Message)\n    m.role == \"user\"\n    msg := \"user said \" + m.content\n",
            errs({V("user said Hi", {kM0})}))),
    case_name);

INSTANTIATE_TEST_SUITE_P(
    EvalNonBoolean, EvalSearch,
    ::testing::Values(
        on("content_line", {"(m: Message)", "m.content"}, no_errors()),
        on("len_line", {"(m: Message)", "len(m.content)"}, no_errors()),
        on("list_in_line", {"(m: Message)", "[\"H\"] in m.content"}, no_errors()),
        on("none_from_pattern_line", {"(m: Message)", "m is tool:read"}, no_errors()),
        on("dict_line", {"(c: ToolCall)", "c.function.arguments"}, no_errors()),
        on("non_boolean_with_true_lines", {"(m: Message)", "m.role == \"user\"", "m.content"}, no_errors())),
    case_name);

INSTANTIATE_TEST_SUITE_P(
    EvalModelOrder, EvalSearch,
    ::testing::Values(
        // First declared variable varies slowest; each domain in trace order.
        pol("first_declared_slowest",
            "raise PolicyViolation(m.content, o.content) if:\n    (m: Message)\n    (o: ToolOutput)\n",
            errs({PV("Hi out-b", {kM0, kO2}), PV("Hi out-c", {kM0, kO4}), PV("a out-b", {kM1, kO2}),
                  PV("a out-c", {kM1, kO4}), PV("b out-b", {kO2, kM3}), PV("b out-c", {kM3, kO4})})),
        pol("declaration_order_not_trace_order",
            "raise PolicyViolation(m.content, o.content) if:\n    (o: ToolOutput)\n    (m: Message)\n",
            errs({PV("Hi out-b", {kM0, kO2}), PV("a out-b", {kM1, kO2}), PV("b out-b", {kO2, kM3}),
                  PV("Hi out-c", {kM0, kO4}), PV("a out-c", {kM1, kO4}), PV("b out-c", {kM3, kO4})})),
        pol("tool_calls_in_trace_order", "raise PolicyViolation(c.id) if:\n    (c: ToolCall)\n",
            errs({PV("a", {kCallA}), PV("b", {kCallB}), PV("c", {kCallC}), PV("d", {kCallD}), PV("e", {kCallE})})),
        // Expansions are pushed in message order and popped last-in-first-out.
        pol("in_expansions_reverse_message_order",
            "raise PolicyViolation(t.id) if:\n    (m: Message)\n    (t: ToolCall) in m.tool_calls\n",
            errs({PV("c", {kM3, kCallC}), PV("d", {kM3, kCallD}), PV("a", {kM1, kCallA}), PV("b", {kM1, kCallB})})),
        pol("in_expansions_with_condition",
            "raise PolicyViolation(t.id) if:\n    (m: Message)\n    (t: ToolCall) in m.tool_calls\n    t is tool:send\n",
            errs({PV("d", {kM3, kCallD}), PV("b", {kM1, kCallB})})),
        pol("in_expansions_string_head_fire_unbound",
            "raise \"hit\" if:\n    (m: Message)\n    (t: ToolCall) in m.tool_calls\n    t is tool:send\n",
            errs({hit({kM3, kCallD}), hit({kM1, kCallB})})),
        // No deduplication: every ordered pair, including a == b; ranges in document order.
        on("swapped_pairs_not_deduplicated", {"(a: Message)", "(b: Message)", "a.role == b.role"},
           errs({hit({kM0, kM0}), hit({kM1, kM1}), hit({kM1, kM3}), hit({kM1, kM3}), hit({kM3, kM3})})),
        pol("rules_in_source_order",
            "raise \"second\" if:\n    (o: ToolOutput)\n    o.content == \"out-c\"\n"
            "raise \"first\" if:\n    (m: Message)\n    m.role == \"user\"\n",
            errs({V("second", {kO4}), V("first", {kM0})})),
        // (s: str) over the whole trace: message content, role, tool calls (id, type; a Function is not
        // searched), outputs' role, content, tool_call_id — in that order (§9.2).
        on("type_selection_str_values", {"(s: str)", "s == \"read\""}, no_errors()),
        on("type_selection_str_matches", {"(s: str)", "s == \"b\""},
           errs({hit({"messages.1.tool_calls.1.id"}), hit({"messages.2.tool_call_id"}), hit({"messages.3.content"})})),
        on("type_selection_content_before_role", {"(s: str)", "s == \"user\" or s == \"Hi\""},
           errs({hit({"messages.0.content"}), hit({"messages.0.role"})})),
        on("in_declaration_over_computed_list", {"(n: int) in [1, 2, 3]", "n > 1"}, errs({hit({}), hit({})})),
        // A head that is evaluable with the variables bound so far ends the search of that assignment.
        pol("head_evaluable_before_in_expansion",
            "raise PolicyViolation(\"x\", m.content) if:\n    (m: Message)\n    (t: ToolCall) in m.tool_calls\n",
            errs({PV("x Hi", {kM0}), PV("x a", {kM1}), PV("x b", {kM3})})),
        pol("type_selection_dicts_in_argument_list",
            "raise PolicyViolation(d.x) if:\n    (c: ToolCall)\n    (d: dict) in c.function.arguments.entries\n",
            errs({PV("1", {"messages.0.tool_calls.0", "messages.0.tool_calls.0.function.arguments.entries.0"}),
                  PV("2", {"messages.0.tool_calls.0", "messages.0.tool_calls.0.function.arguments.entries.2"})}),
            R"([{"role": "assistant", "content": null, "tool_calls": [{"id": "1", "type": "function",
                 "function": {"name": "f", "arguments": {"entries": [{"x": 1}, 3, {"x": 2}]}}}]}])")),
    case_name);

INSTANTIATE_TEST_SUITE_P(
    EvalRanges, EvalSearch,
    ::testing::Values(
        on("in_marks_occurrence", {"(m: Message)", "\"i\" in m.content"}, errs({hit({kM0, "messages.0.content:1-2"})})),
        on("in_marks_each_literal_occurrence", {"(m: Message)", "\"aa\" in m.content"},
           errs({hit({"messages.2", "messages.2.content:0-2", "messages.2.content:2-4"})}), kText),
        on("in_left_is_not_a_regex", {"(m: Message)", "\"(\" in m.content"},
           errs({hit({"messages.2", "messages.2.content:6-7", "messages.2.content:10-11"})}), kText),
        on("in_offsets_are_code_points", {"(m: Message)", "\"ö\" in m.content"},
           errs({hit({"messages.2", "messages.2.content:21-22"})}), kText),
        on("in_empty_needle_marks_nothing", {"(m: Message)", "m.role == \"user\"", "\"\" in m.content"},
           errs({hit({"messages.0"}), hit({"messages.2"})}), kText),
        on("in_none_content_is_false", {"(m: Message)", "\"o\" not in m.content"}, errs({hit({"messages.1"})}), kText),
        on("in_dict_keys_no_marks", {"(c: ToolCall)", "\"p\" in c.function.arguments"},
           errs({hit({"messages.1.tool_calls.0"}), hit({"messages.1.tool_calls.1"})}), kText),
        on("in_computed_string_no_marks", {"(m: Message)", "m.content is not None", "\"bob\" in m.content.lower()"}, errs({hit({"messages.0"})}), kText),
        on("or_marks_both_sides", {"(m: Message)", "\"Bob\" in m.content or \"hello\" in m.content"},
           errs({hit({"messages.0", "messages.0.content:6-9", "messages.0.content:11-16"})}), kText),
        on("and_marks_both_sides", {"(m: Message)", "\"hello\" in m.content and \"Bob\" in m.content"},
           errs({hit({"messages.0", "messages.0.content:11-16", "messages.0.content:6-9"})}), kText),
        on("and_false_side_no_model", {"(m: Message)", "\"Bob\" in m.content and \"zz\" in m.content"}, no_errors(), kText),
        on("mark_before_whole_object_on_same_node", {"(m: Message)", "c := m.content", "\"B\" in c"},
           errs({hit({"messages.0", "messages.0.content:6-7", "messages.0.content"})}), kText),
        on("typed_variables_duplicate_ranges", {"(a: Message)", "(b: Message)", "a.content == \"Hi\"", "b.content == \"Hi\""},
           errs({hit({kM0, kM0})})),
        // `:=` produces a range only for trace nodes reached by access (DECISIONS.md §7).
        on("assign_member", {"(m: Message)", "m.role == \"user\"", "c := m.content"}, errs({hit({kM0, "messages.0.content"})})),
        on("assign_key", {"(m: Message)", "m.content == \"a\"", "t := m.tool_calls[0]"}, errs({hit({kM1, kCallA})})),
        on("assign_int_node", {"(c: ToolCall)", "c.id == \"1\"", "n := c.function.arguments.count"},
           errs({hit({kProvCall, "messages.0.tool_calls.0.function.arguments.count"})}), kProvenance),
        on("assign_second_equal_element", {"(c: ToolCall)", "c.id == \"1\"", "v := c.function.arguments.list[1]"},
           errs({hit({kProvCall, "messages.0.tool_calls.0.function.arguments.list.1"})}), kProvenance),
        on("assign_bool_node", {"(c: ToolCall)", "c.id == \"1\"", "f := c.function.arguments.flag"},
           errs({hit({kProvCall, "messages.0.tool_calls.0.function.arguments.flag"})}), kProvenance),
        on("assign_constant_no_range", {"(c: ToolCall)", "c.id == \"1\"", "n := 2"}, errs({hit({kProvCall})}), kProvenance),
        on("assign_computed_bool_no_range", {"(c: ToolCall)", "c.type == \"function\"", "f := c.id == \"1\""}, errs({hit({kProvCall})}), kProvenance),
        on("assign_transformed_no_range", {"(m: Message)", "m.role == \"assistant\"", "s := m.content.strip()"}, errs({hit({"messages.0"})}), kProvenance),
        on("iteration_binds_nodes", {"(c: ToolCall)", "(x: int) in c.function.arguments.list", "x > 0"},
           errs({hit({kProvCall, "messages.0.tool_calls.0.function.arguments.list.0"}),
                 hit({kProvCall, "messages.0.tool_calls.0.function.arguments.list.1"})}),
           kProvenance)),
    case_name);

INSTANTIATE_TEST_SUITE_P(
    EvalLogicInRules, EvalSearch,
    ::testing::Values(
        // DECISIONS.md §5: `x is not None and x.a` is safe when x is None.
        on("guarded_member_access", {"(c: ToolCall)", "x := c.function.arguments.p", "x is not None and x.a == 1"},
           errs({hit({"messages.1.tool_calls.1", "messages.1.tool_calls.1.function.arguments.p"})}), kText),
        on("unguarded_member_access", {"(c: ToolCall)", "x := c.function.arguments.p", "x.a == 1"},
           raises("KeyError", "'Object None has no key a'"), kText),
        on("error_on_non_deciding_or_side_dropped", {"(m: Message)", "m.content == \"Hello Bob, hello\"", "\"Bob\" in m.content or m.content.nokey == 1"},
           errs({hit({"messages.0", "messages.0.content:6-9"})}), kText),
        on("error_on_undecided_side_raised", {"(m: Message)", "m.content is not None", "\"zzz\" in m.content or m.content.nokey == 1"},
           raises("KeyError", "'Object Hello Bob, hello has no key nokey'"), kText),
        on("not_of_unknown_is_unknown", {"(m: Message)", "not (m.role == \"user\")"}, errs({hit({kM1}), hit({kM3})})),
        on("is_none_on_event_field", {"(m: Message)", "m.tool_calls is not None", "m.content is not None"},
           errs({hit({kM1}), hit({kM3})}))),
    case_name);

// Three-valued logic in rule bodies (LANGUAGE.md §8.2): Unknown while a variable is unbound.
INSTANTIATE_TEST_SUITE_P(
    EvalThreeValued, EvalSearch,
    ::testing::Values(
        // A call with an Unknown positional argument is not made: print(m) is Unknown until m is bound.
        on("call_waits_for_positional_arguments", {"(m: Message)", "print(m)"}, errs({hit({kM0}), hit({kM1}), hit({kM3})})),
        on("call_without_arguments_is_constant", {"(m: Message)", "print()"}, fires()),
        // [v2024]: keyword arguments are not checked; the call is made with the Unknown value.
        on("keyword_argument_not_checked", {"(m: Message)", "max([1], default=m) == 1"}, fires()),
        on("arithmetic_on_unknown", {"(m: Message)", "len(m.content) + 1 > 2"}, errs({hit({kM0})})),
        on("unknown_or_false_is_unknown", {"(m: Message)", "m.role == \"user\" or 1 == 2"}, errs({hit({kM0})})),
        on("unknown_and_true_is_unknown", {"(m: Message)", "m.role == \"user\" and 1 == 1"}, errs({hit({kM0})})),
        on("chain_with_unknown", {"(m: Message)", "0 < len(m.content) < 2"}, errs({hit({kM1}), hit({kM3})})),
        on("list_with_unknown_is_a_list", {"(m: Message)", "len([m]) == 1"}, fires()),
        // Both sides are evaluated, so the deciding side's partner still marks its ranges (DECISIONS.md §5).
        on("or_true_left_still_marks_right", {"(m: Message)", "m.role == \"user\" or \"Bob\" in m.content"},
           errs({hit({"messages.0", "messages.0.content:6-9"}), hit({"messages.2"})}), kText),
        on("is_true_on_trace_value", {"(c: ToolCall)", "c.function.arguments.flag is True"}, errs({hit({kProvCall})}),
           kProvenance),
        pol("type_alias_selects_nothing",
            "from invariant import Message as M\n\nraise \"hit\" if:\n    (m: M)\n    m.role == \"user\"\n", no_errors())),
    case_name);

INSTANTIATE_TEST_SUITE_P(
    EvalFlow, EvalSearch,
    ::testing::Values(
        on("calls_before_calls", {"(a: ToolCall)", "(b: ToolCall)", "a -> b", "a is tool:read", "b is tool:send"},
           errs({hit({kCallA, kCallB}), hit({kCallA, kCallD}), hit({kCallA, kCallE}), hit({kCallC, kCallD}),
                 hit({kCallC, kCallE})})),
        on("message_before_its_calls", {"(m: Message)", "(c: ToolCall)", "m -> c", "m.content == \"b\""},
           errs({hit({kM3, kCallC}), hit({kM3, kCallD}), hit({kM3, kCallE})})),
        on("call_before_output", {"(c: ToolCall)", "(o: ToolOutput)", "c -> o", "c.id == \"d\""}, errs({hit({kCallD, kO4})})),
        on("output_before_message", {"(o: ToolOutput)", "(m: Message)", "o -> m"}, errs({hit({kO2, kM3})})),
        on("strictly_before", {"(m: Message)", "m -> m"}, no_errors()),
        on("typed_operands_declare", {"(a: Message) -> (b: ToolOutput)"},
           errs({hit({kM0, kO2}), hit({kM0, kO4}), hit({kM1, kO2}), hit({kM1, kO4}), hit({kM3, kO4})})),
        on("non_event_operand", {"(m: Message)", "x := m.content", "x -> m"},
           raises("KeyError", "'Object with given id not in dataflow graph!'")),
        on("non_identifier_operand", {"(m: Message)", "(n: Message)", "m.content -> n"},
           raises("ValueError", "The '->' operator can only be used with Identifier or TypedIdentifier.")),
        // `~>`: the direct parent (call -> its output, message -> its call).
        on("direct_call_to_output", {"(c: ToolCall)", "(o: ToolOutput)", "c ~> o"},
           errs({hit({kCallB, kO2}), hit({kCallC, kO4})})),
        // ~> is "direct parent": a tool output's parent is its call, any other event's parent is the event
        // right before it in the flow (so a message is the parent of its first call only, and adjacent
        // messages are parent and child: the corpus' TestFlowImmediatePredecessor cases).
        on("direct_message_to_call", {"(m: Message)", "(c: ToolCall)", "m ~> c"},
           errs({hit({kM1, kCallA}), hit({kM3, kCallC})})),
        on("direct_adjacent_messages", {"(a: Message)", "(b: Message)", "a ~> b"}, errs({hit({kM0, kM1})}))),
    case_name);

constexpr const char* kQuant = "from invariant import forall, count\n\n";

INSTANTIATE_TEST_SUITE_P(
    EvalQuantifiers, EvalSearch,
    ::testing::Values(
        pol("forall_true",
            std::string(kQuant) + "raise \"hit\" if:\n    (m: Message)\n    m.content == \"a\"\n    forall:\n"
                                  "        (t: ToolCall) in m.tool_calls\n        t.id in [\"a\", \"b\"]\n",
            errs({hit({kM1})})),
        pol("forall_false",
            std::string(kQuant) + "raise \"hit\" if:\n    (m: Message)\n    m.content == \"a\"\n    forall:\n"
                                  "        (t: ToolCall) in m.tool_calls\n        t.id == \"a\"\n",
            no_errors()),
        pol("not_forall",
            std::string(kQuant) + "raise \"hit\" if:\n    (m: Message)\n    m.content == \"a\"\n    not forall:\n"
                                  "        (t: ToolCall) in m.tool_calls\n        t.id == \"a\"\n",
            errs({hit({kM1})})),
        pol("forall_empty_domain",
            std::string(kQuant) + "raise \"hit\" if:\n    (m: Message)\n    m.content == \"Hi\"\n    forall:\n"
                                  "        (t: ToolCall) in m.tool_calls\n        t.id == \"zzz\"\n",
            errs({hit({kM0})})),
        pol("forall_ignores_non_boolean",
            std::string(kQuant) + "raise \"hit\" if:\n    (m: Message)\n    m.content == \"a\"\n    forall:\n"
                                  "        (t: ToolCall) in m.tool_calls\n        t.function.name\n",
            errs({hit({kM1})})),
        pol("forall_over_whole_trace",
            std::string(kQuant) + "raise \"hit\" if:\n    forall:\n        (o: ToolOutput)\n        o.content != \"\"\n",
            fires()),
        // count adds the ranges of the counted sub-models; it stops at min when there is no max.
        pol("count_min_reached",
            std::string(kQuant) + "raise \"hit\" if:\n    count(min=2):\n        (c: ToolCall)\n        c is tool:send\n",
            errs({hit({kCallB, kCallD})})),
        pol("count_min_max",
            std::string(kQuant) + "raise \"hit\" if:\n    count(min=1, max=3):\n        (c: ToolCall)\n        c is tool:send\n",
            errs({hit({kCallB, kCallD, kCallE})})),
        pol("count_exceeds_max",
            std::string(kQuant) + "raise \"hit\" if:\n    count(max=2):\n        (c: ToolCall)\n        c is tool:send\n",
            no_errors()),
        pol("count_below_min",
            std::string(kQuant) + "raise \"hit\" if:\n    count(min=4):\n        (c: ToolCall)\n        c is tool:send\n",
            no_errors()),
        pol("not_count_keeps_counted_ranges",
            std::string(kQuant) + "raise \"hit\" if:\n    not count(min=4):\n        (c: ToolCall)\n        c is tool:send\n",
            errs({hit({kCallB, kCallD, kCallE})})),
        pol("count_per_outer_binding",
            std::string(kQuant) + "raise \"hit\" if:\n    (m: Message)\n    count(min=2):\n"
                                  "        (t: ToolCall) in m.tool_calls\n        t.id != \"zz\"\n",
            errs({hit({kM1, kCallA, kCallB}), hit({kM3, kCallC, kCallD})})),
        // A quantifier reading an unbound rule variable is Unknown (not evaluated with Unknown inside).
        pol("quantifier_over_unbound_variable",
            std::string(kQuant) + "raise \"hit\" if:\n    (m: Message)\n    not forall:\n        m.role != \"user\"\n",
            errs({hit({kM0})}))),
    case_name);

INSTANTIATE_TEST_SUITE_P(
    EvalPredicates, EvalSearch,
    ::testing::Values(
        pol("single_line_predicate",
            "is_user(m: Message) := m.role == \"user\"\n\nraise \"hit\" if:\n    (m: Message)\n    is_user(m)\n",
            errs({hit({kM0})})),
        pol("block_predicate",
            "p(m: Message) :=\n    m.role == \"assistant\"\n    m.content == \"b\"\n\n"
            "raise \"hit\" if:\n    (m: Message)\n    p(m)\n",
            errs({hit({kM3})})),
        pol("predicate_calls_predicate",
            "a(m: Message) := m.role == \"assistant\"\nb(m: Message) := a(m) and m.content == \"a\"\n\n"
            "raise \"hit\" if:\n    (m: Message)\n    b(m)\n",
            errs({hit({kM1})})),
        // DECISIONS.md §11: typed variables inside a predicate are searched.
        pol("predicate_with_typed_variable",
            "sends(m: Message) :=\n    (t: ToolCall) in m.tool_calls\n    t is tool:send\n\n"
            "raise \"hit\" if:\n    (m: Message)\n    sends(m)\n",
            errs({hit({kM1}), hit({kM3})})),
        pol("predicate_with_typed_variable_none",
            "sends(m: Message) :=\n    (t: ToolCall) in m.tool_calls\n    t is tool:delete\n\n"
            "raise \"hit\" if:\n    (m: Message)\n    sends(m)\n",
            no_errors()),
        pol("predicate_over_whole_trace",
            "has_output() :=\n    (o: ToolOutput)\n    o.content == \"out-c\"\n\nraise \"hit\" if:\n    has_output()\n",
            fires()),
        pol("predicate_over_whole_trace_false",
            "has_output() :=\n    (o: ToolOutput)\n    o.content == \"zzz\"\n\nraise \"hit\" if:\n    has_output()\n",
            no_errors()),
        pol("predicate_truthiness",
            "nonempty(m: Message) := m.content\n\nraise \"hit\" if:\n    (m: Message)\n    nonempty(m)\n",
            errs({hit({"messages.1"})}), R"([{"role": "user", "content": ""}, {"role": "user", "content": "x"}])"),
        pol("predicate_marks_not_kept",
            "has_i(m: Message) := \"i\" in m.content\n\nraise \"hit\" if:\n    (m: Message)\n    has_i(m)\n",
            errs({hit({kM0})})),
        pol("predicate_missing_argument",
            "p(a: Message, b: Message) := a == b\n\nraise \"hit\" if:\n    (m: Message)\n    p(m)\n",
            raises("IndexError", "pop from empty list"))),
    case_name);

INSTANTIATE_TEST_SUITE_P(
    EvalConstants, EvalSearch,
    ::testing::Values(
        pol("string_constant", "BAD := \"i\"\n\nraise \"hit\" if:\n    (m: Message)\n    BAD in m.content\n",
            errs({hit({kM0, "messages.0.content:1-2"})})),
        pol("composed_constants",
            "A := \"o\"\nB := \"ut-\"\nAB := A + B\n\nraise \"hit\" if:\n    (o: ToolOutput)\n    AB in o.content\n",
            errs({hit({kO2, "messages.2.content:0-4"}), hit({kO4, "messages.4.content:0-4"})})),
        pol("constant_declared_after_use", "raise \"hit\" if:\n    (m: Message)\n    len(m.content) >= N\n\nN := 2\n",
            errs({hit({kM0})})),
        pol("block_constant_uses_first_line", "C :=\n    \"first\"\n    \"second\"\n\nraise PolicyViolation(x) if:\n    x := [C]\n",
            errs({PV("['first']")})),
        pol("assignment_of_typed_variable_duplicates_range",
            "raise \"hit\" if:\n    (m: Message)\n    m.role == \"user\"\n    x := m\n", errs({hit({kM0, kM0})})),
        pol("constant_in_head", "MSG := \"found\"\n\nraise MSG if:\n    (m: Message)\n    m.role == \"user\"\n",
            errs({V("found", {kM0})}))),
    case_name);

}  // namespace
}  // namespace inv::evaltest
