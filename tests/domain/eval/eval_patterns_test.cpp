// Semantic patterns `x is tool:NAME(...)` (LANGUAGE.md §8.6, §8.11).
#include <gtest/gtest.h>

#include "tests/domain/eval/eval_test_util.hpp"

namespace inv::evaltest {
namespace {

// messages.0.tool_calls.0: send_email with varied argument types; messages.0.tool_calls.1: read;
// messages.1: the output of call 1; messages.2: a user message.
constexpr const char* kTrace = R"([
  {"role": "assistant", "content": null, "tool_calls": [
    {"id": "1", "type": "function", "function": {"name": "send_email", "arguments": {
      "to": "alice@mail.com", "body": "hi\n", "n": 1, "flag": true, "r": 1.0, "cc": ["a", "b"],
      "meta": {"k": "v", "z": null}}}},
    {"id": "2", "type": "function", "function": {"name": "read", "arguments": {"path": "/tmp/x"}}}]},
  {"role": "tool", "tool_call_id": "1", "content": "ok"},
  {"role": "user", "content": "hey"}
])";

constexpr const char* kSend = "messages.0.tool_calls.0";
constexpr const char* kRead = "messages.0.tool_calls.1";
constexpr const char* kOut = "messages.1";

// `(c: ToolCall)` + `c is PATTERN`.
Case pat(std::string name, const std::string& pattern, Expect e) {
  return Case{std::move(name), rule({"(c: ToolCall)", "c is " + pattern}), kTrace, std::move(e), ""};
}
Expect send() { return errs({V("hit", {kSend})}); }
Expect read() { return errs({V("hit", {kRead})}); }

class EvalPatterns : public ::testing::TestWithParam<Case> {};

TEST_P(EvalPatterns, Case) {
  const Case& c = GetParam();
  EXPECT_TRUE(matches(run_analyze(c.policy, c.trace, c.params), c.expect)) << c.policy;
}

INSTANTIATE_TEST_SUITE_P(
    EvalPatternNames, EvalPatterns,
    ::testing::Values(
        pat("name_only", "tool:send_email", send()),
        pat("other_name", "tool:read", read()),
        pat("name_is_not_a_prefix_match", "tool:send", no_errors()),
        pat("longer_name", "tool:send_email_x", no_errors()),
        Case{"is_not", rule({"(c: ToolCall)", "c is not tool:read"}), kTrace, send(), ""},
        Case{"or_of_patterns_in_model_order", rule({"(c: ToolCall)", "c is tool:read or c is tool:send_email"}), kTrace,
             errs({V("hit", {kSend}), V("hit", {kRead})}), ""},
        Case{"name_with_trailing_newline",
             rule({"(c: ToolCall)", "c is tool:f"}),
             R"([{"id": "1", "type": "function", "function": {"name": "f\n", "arguments": {}}}])",
             errs({V("hit", {"messages.0"})}), ""},
        Case{"output_is_replaced_by_its_call", rule({"(o: ToolOutput)", "o is tool:send_email"}), kTrace,
             errs({V("hit", {kOut})}), ""},
        Case{"output_linked_to_last_call", rule({"(o: ToolOutput)", "o is tool:g"}),
             R"([{"role": "assistant", "content": null, "tool_calls": [
                  {"id": "1", "type": "function", "function": {"name": "f", "arguments": {}}},
                  {"id": "2", "type": "function", "function": {"name": "g", "arguments": {}}}]},
                 {"role": "tool", "content": "x"}])",
             errs({V("hit", {"messages.1"})}), ""},
        Case{"output_of_other_call", rule({"(o: ToolOutput)", "o is tool:read"}), kTrace, no_errors(), ""},
        // Not a call: the result is None, not a boolean, so the rule never fires (§8.6).
        Case{"message_is_not_a_call", rule({"(m: Message)", "m is tool:send_email"}), kTrace, no_errors(), ""},
        Case{"not_a_call_gives_none",
             "raise PolicyViolation(x) if:\n    (m: Message)\n    m.role == \"user\"\n    x := [m is tool:send_email]\n",
             kTrace, errs({PV("[None]", {"messages.2"})}), ""},
        Case{"unlinked_output_gives_none",
             "raise PolicyViolation(x) if:\n    (o: ToolOutput)\n    x := [o is tool:send_email]\n    o.content == \"x\"\n",
             R"([{"role": "tool", "content": "x"}])", errs({PV("[None]", {"messages.0"})}), ""}),
    case_name);

INSTANTIATE_TEST_SUITE_P(
    EvalPatternArguments, EvalPatterns,
    ::testing::Values(
        pat("empty_object_matches_any_dict", "tool:send_email({})", send()),
        pat("wildcard_argument", "tool:send_email(*)", send()),
        pat("equal_string", R"(tool:send_email({to: "alice@mail.com"}))", send()),
        pat("string_key", R"(tool:send_email({"to": "alice@mail.com"}))", send()),
        pat("different_string", R"(tool:send_email({to: "bob"}))", no_errors()),
        pat("missing_key", "tool:send_email({cc2: *})", no_errors()),
        pat("wildcard_needs_key", "tool:send_email({to: *})", send()),
        pat("several_keys", R"(tool:send_email({to: "alice@mail.com", n: 1}))", send()),
        pat("several_keys_one_differs", R"(tool:send_email({to: "alice@mail.com", n: 2}))", no_errors()),
        pat("two_arguments_never_match", "tool:send_email({to: *}, {n: 1})", no_errors()),
        // String patterns are regexes matched with re.match(p + "$", v, re.DOTALL).
        pat("regex", R"(tool:send_email({to: ".*@mail\.com"}))", send()),
        pat("regex_must_reach_the_end", R"(tool:send_email({to: "alice"}))", no_errors()),
        pat("alternation_quirk_matches_prefix", R"(tool:send_email({to: "alice|bob"}))", send()),
        pat("alternation_quirk_anchors_last_branch", R"(tool:send_email({to: "bob|alice"}))", no_errors()),
        pat("dollar_before_trailing_newline", R"(tool:send_email({body: "hi"}))", send()),
        pat("dotall", R"(tool:send_email({body: "hi."}))", send()),
        pat("string_pattern_needs_str", R"(tool:send_email({n: "1"}))", no_errors()),
        // Numbers: the value's type must be a subclass of the literal's type, and equal.
        pat("int_matches_int", "tool:send_email({n: 1})", send()),
        pat("int_matches_bool", "tool:send_email({flag: 1})", send()),
        pat("int_matches_bool_only_if_equal", "tool:send_email({flag: 2})", no_errors()),
        pat("int_does_not_match_float", "tool:send_email({r: 1})", no_errors()),
        pat("float_matches_float", "tool:send_email({r: 1.0})", send()),
        pat("float_does_not_match_int", "tool:send_email({n: 1.0})", no_errors()),
        pat("float_does_not_match_bool", "tool:send_email({flag: 1.0})", no_errors()),
        // Lists: exact length, position-wise.
        pat("list_equal", R"(tool:send_email({cc: ["a", "b"]}))", send()),
        pat("list_shorter", R"(tool:send_email({cc: ["a"]}))", no_errors()),
        pat("list_longer", R"(tool:send_email({cc: ["a", "b", "c"]}))", no_errors()),
        pat("list_wildcard_element", R"(tool:send_email({cc: ["a", *]}))", send()),
        pat("list_order_matters", R"(tool:send_email({cc: ["b", "a"]}))", no_errors()),
        pat("list_value_against_string", R"(tool:send_email({cc: "a"}))", no_errors()),
        // Nested objects: extra keys allowed, a null value still counts as present.
        pat("nested_object", R"(tool:send_email({meta: {k: "v"}}))", send()),
        pat("nested_null_present", "tool:send_email({meta: {z: *}})", send()),
        pat("nested_differs", R"(tool:send_email({meta: {k: "w"}}))", no_errors()),
        pat("nested_list_against_dict", R"(tool:send_email({meta: ["v"]}))", no_errors()),
        // Boolean literals are not among the supported matchers (§8.11: other expression kinds raise).
        pat("bool_literal_unsupported", "tool:send_email({flag: True})",
            raises_like("ValueError", "Unsupported semantic pattern"))),
    case_name);

INSTANTIATE_TEST_SUITE_P(
    EvalPatternRegexErrors, EvalPatterns,
    ::testing::Values(
        // An invalid regex raises re.error, but only when it is evaluated against a string value.
        pat("invalid_regex_evaluated", R"(tool:send_email({to: "("}))",
            raises("error", "missing ), unterminated subpattern at position 0")),
        pat("invalid_regex_other_tool", R"(tool:delete({path: "("}))", no_errors()),
        Case{"invalid_regex_empty_trace", rule({"(c: ToolCall)", R"(c is tool:send_email({to: "("}))"}), "[]",
             no_errors(), ""},
        Case{"invalid_regex_equal_value_matches", rule({"(c: ToolCall)", R"(c is tool:f({x: "("}))"}),
             R"([{"id": "1", "type": "function", "function": {"name": "f", "arguments": {"x": "("}}}])",
             errs({V("hit", {"messages.0"})}), ""},
        Case{"invalid_regex_non_string_value", rule({"(c: ToolCall)", R"(c is tool:f({x: "("}))"}),
             R"([{"id": "1", "type": "function", "function": {"name": "f", "arguments": {"x": 1}}}])", no_errors(), ""}),
    case_name);

}  // namespace
}  // namespace inv::evaltest
