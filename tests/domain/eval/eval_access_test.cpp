// Member access (LANGUAGE.md §8.8), key access (§8.9), policy parameters (§8.10), the global builtins
// (STDLIB.md §1) and the str / dict / list methods a policy can call.
#include <gtest/gtest.h>

#include "tests/domain/eval/eval_test_util.hpp"

namespace inv::evaltest {
namespace {

// messages.0: user message; messages.1: assistant message with one call (messages.1.tool_calls.0);
// messages.2: the call's output, JSON text; messages.3: assistant message with line breaks.
constexpr const char* kTrace = R"([
  {"role": "user", "content": "Hello Bob, hello"},
  {"role": "assistant", "content": null, "tool_calls": [
    {"id": "c1", "type": "function", "function": {"name": "send_email",
      "arguments": {"to": "bob@x.com", "cc": ["a@x.com", "b@y.org"], "n": 3, "get": 5, "items": "i"}}}]},
  {"role": "tool", "tool_call_id": "c1", "content": "{\"sender\": \"alice\", \"items\": [1, 2]}"},
  {"role": "assistant", "content": "Done:\nsent\r\nok\n"}
])";

constexpr const char* kM0 = "messages.0";
constexpr const char* kM1 = "messages.1";
constexpr const char* kCall = "messages.1.tool_calls.0";
constexpr const char* kArgs = "messages.1.tool_calls.0.function.arguments";
constexpr const char* kOut = "messages.2";
constexpr const char* kM3 = "messages.3";

Case on_trace(std::string name, std::initializer_list<std::string_view> lines, Expect e) {
  return Case{std::move(name), rule(lines), kTrace, std::move(e), ""};
}

// A value probe on a builtin (no trace): `x := [EXPR]`, printed as PolicyViolation([repr]).
Case val(std::string name, std::string expr, std::string repr) {
  return Case{std::move(name), value_probe(expr), "[]", errs({PV(repr)}), ""};
}
Case err(std::string name, std::string expr, Expect e) {
  return Case{std::move(name), value_probe(expr), "[]", std::move(e), ""};
}

// A method probe: `VAR := LITERAL` then `x := [EXPR]` (methods cannot be called on literals: the
// checker rejects `"abc".upper()`, LANGUAGE.md §7.2).
std::string method_policy(const std::string& var, const std::string& literal, const std::string& expr) {
  return "raise PolicyViolation(x) if:\n    " + var + " := " + literal + "\n    x := [" + expr + "]\n";
}
Case mval(std::string name, std::string var, std::string literal, std::string expr, std::string repr) {
  return Case{std::move(name), method_policy(var, literal, expr), "[]", errs({PV(repr)}), ""};
}
Case merr(std::string name, std::string var, std::string literal, std::string expr, Expect e) {
  return Case{std::move(name), method_policy(var, literal, expr), "[]", std::move(e), ""};
}

class EvalAccess : public ::testing::TestWithParam<Case> {};

TEST_P(EvalAccess, Case) {
  const Case& c = GetParam();
  EXPECT_TRUE(matches(run_analyze(c.policy, c.trace, c.params), c.expect)) << c.policy;
}

INSTANTIATE_TEST_SUITE_P(
    EvalMember, EvalAccess,
    ::testing::Values(
        on_trace("message_role", {"(m: Message)", "m.role == \"user\""}, errs({V("hit", {kM0})})),
        on_trace("message_content_none", {"(m: Message)", "m.content is None"}, errs({V("hit", {kM1})})),
        on_trace("call_fields", {"(c: ToolCall)", "c.id == \"c1\" and c.type == \"function\"",
                                 "c.function.name == \"send_email\""},
                 errs({V("hit", {kCall})})),
        on_trace("arguments_key_by_dot", {"(c: ToolCall)", "c.function.arguments.to == \"bob@x.com\""},
                 errs({V("hit", {kCall})})),
        on_trace("metadata_trace_idx", {"(m: Message)", "m.metadata.trace_idx == 3"}, errs({V("hit", {kM3})})),
        on_trace("len_of_event", {"(m: Message)", "len(m) > 0"}, raises("TypeError", "object of type 'Message' has no len()")),
        on_trace("any_of_none_tool_calls", {"(m: Message)", "any(m.tool_calls)"},
                 raises("TypeError", "'NoneType' object is not iterable")),
        Case{"int_member", "raise \"hit\" if:\n    x := 5\n    x.foo == 1\n", "[]",
             raises("KeyError", "'Object 5 has no key foo'"), ""},
        Case{"list_member", "raise \"hit\" if:\n    l := [1]\n    l.foo == 1\n", "[]",
             raises("KeyError", "'Object [1] has no key foo'"), ""},
        Case{"list_method_is_not_a_value", "raise \"hit\" if:\n    l := [1]\n    l.count == 1\n", "[]", no_errors(), ""},
        on_trace("output_fields", {"(o: ToolOutput)", "o.role == \"tool\" and o.tool_call_id == \"c1\""},
                 errs({V("hit", {kOut})})),
        on_trace("json_text_member", {"(o: ToolOutput)", "o.content.sender == \"alice\""}, errs({V("hit", {kOut})})),
        on_trace("json_text_member_then_index", {"(o: ToolOutput)", "o.content.items[1] == 2"},
                 errs({V("hit", {kOut})})),
        on_trace("json_text_missing_key", {"(o: ToolOutput)", "o.content.nope == 1"},
                 raises("KeyError", R"("Object {'sender': 'alice', 'items': [1, 2]} has no key nope")")),
        on_trace("plain_text_member", {"(m: Message)", "m.role == \"user\"", "m.content.foo == 1"},
                 raises("KeyError", "'Object Hello Bob, hello has no key foo'")),
        on_trace("event_missing_attribute",
                 {"(m: Message)", "m.role == \"user\"", "m.foo == 1"},
                 raises("KeyError",
                        R"("Object metadata={'trace_idx': 0} role='user' content='Hello Bob, hello' tool_calls=None has no key foo")")),
        Case{"missing_attribute_repr_with_both_quotes", rule({"(m: Message)", "m.foo == 1"}),
             R"([{"role": "user", "content": "say \"hi\""}])",
             raises("KeyError",
                    R"('Object metadata={\'trace_idx\': 0} role=\'user\' content=\'say "hi"\' tool_calls=None has no key foo')"),
             ""},
        // dict keys by `.` unless the name is a dict method (then the bound method).
        Case{"dict_keys_vs_methods",
             "raise PolicyViolation(x) if:\n    (c: ToolCall)\n    c.id == \"c1\"\n    a := c.function.arguments\n"
             "    x := [a.get(\"to\"), a[\"get\"], a.get == 5, a.items == \"i\", a[\"items\"], a.n]\n",
             kTrace, errs({PV("['bob@x.com', 5, False, False, 'i', 3]", {kCall, kArgs})}), ""},
        Case{"dict_missing_key_by_dot",
             "raise \"hit\" if:\n    d := {\"a\": 1, \"b\": 2}\n    d.zz == 1\n", "[]",
             raises("KeyError", R"("Object {'a': 1, 'b': 2} has no key zz")"), ""},
        Case{"dict_key_by_dot", "raise \"hit\" if:\n    d := {\"a\": 1, \"b\": 2}\n    d.a == 1\n", "[]", fires(), ""}),
    case_name);

INSTANTIATE_TEST_SUITE_P(
    EvalParameters, EvalAccess,
    ::testing::Values(
        Case{"parameter_present", rule({"input.x == 5"}), "[]", fires(), R"({"x": 5})"},
        Case{"parameter_list", rule({"(m: Message)", "m.content in input.allowed"}), kTrace,
             errs({V("hit", {kM0})}), R"({"allowed": ["Hello Bob, hello"]})"},
        Case{"parameter_missing", rule({"input.y == 5"}), "[]",
             raises("KeyError",
                    R"("Missing policy parameter 'y' (policy relies on `input.y`), which is required for evaluation of a rule.")"),
             R"({"x": 5})"},
        Case{"no_parameters", rule({"input.x == 1"}), "[]",
             raises("KeyError",
                    R"("Missing policy parameter 'x' (policy relies on `input.x`), which is required for evaluation of a rule.")"),
             ""}),
    case_name);

INSTANTIATE_TEST_SUITE_P(
    EvalKey, EvalAccess,
    ::testing::Values(
        on_trace("negative_list_index", {"(c: ToolCall)", "c.function.arguments.cc[-1] == \"b@y.org\""},
                 errs({V("hit", {kCall})})),
        on_trace("list_index_error", {"(c: ToolCall)", "c.function.arguments.cc[5] == 1"},
                 raises("IndexError", "list index out of range")),
        on_trace("dict_missing_key", {"(c: ToolCall)", "c.function.arguments[\"nope\"] == 1"},
                 raises("KeyError", "'nope'")),
        on_trace("dict_int_key", {"(c: ToolCall)", "c.function.arguments[0] == 1"}, raises("KeyError", "0")),
        on_trace("list_str_key", {"(c: ToolCall)", "c.function.arguments.cc[\"a\"] == 1"},
                 raises("KeyError", R"("Object ['a@x.com', 'b@y.org'] has no key a")")),
        on_trace("json_text_key", {"(o: ToolOutput)", "o.content[\"sender\"] == \"alice\""}, errs({V("hit", {kOut})})),
        // json.loads succeeded but the key is missing: the KeyError names the parsed object (§8.9).
        on_trace("json_text_missing_key_by_index", {"(o: ToolOutput)", "o.content[\"nope\"] == 1"},
                 raises("KeyError", R"("Object {'sender': 'alice', 'items': [1, 2]} has no key nope")")),
        on_trace("str_index", {"(m: Message)", "m.role == \"user\"", "m.content[0] == \"H\" and m.content[-1] == \"o\""},
                 errs({V("hit", {kM0})})),
        on_trace("str_index_error", {"(m: Message)", "m.role == \"user\"", "m.content[100] == \"x\""},
                 raises("IndexError", "string index out of range")),
        on_trace("plain_text_str_key", {"(m: Message)", "m.role == \"user\"", "m.content[\"x\"] == 1"},
                 raises("KeyError", "'Object Hello Bob, hello has no key x'")),
        on_trace("none_subscript", {"(m: Message)", "m.role == \"assistant\"", "m.content[0] == \"D\""},
                 raises("KeyError", "'Object None has no key 0'"))),
    case_name);

INSTANTIATE_TEST_SUITE_P(
    EvalBuiltins, EvalAccess,
    ::testing::Values(
        val("any_all_falsy", R"(any([0, "", None]))", "[False]"),
        val("any_str", R"(any("abc"))", "[True]"),
        val("any_empty", R"(any([]))", "[False]"),
        err("any_none", R"(any(None))", raises("TypeError", "'NoneType' object is not iterable")),
        val("empty_list", R"(empty([]))", "[True]"),
        val("empty_str", R"(empty(""))", "[True]"),
        val("empty_dict", R"(empty({"a": 1}))", "[False]"),
        err("empty_none", R"(empty(None))", raises("TypeError", "object of type 'NoneType' has no len()")),
        val("match_start_anchored_only", R"(match("a.c", "abcd"))", "[True]"),
        val("match_not_search", R"(match("b", "abc"))", "[False]"),
        val("match_raw_regex_escape", R"(match("\d+", "12x"))", "[True]"),
        val("match_inline_flags", R"(match("(?i)ABC", "abc"))", "[True]"),
        err("match_none", R"(match("a", None))",
            raises("TypeError", "expected string or bytes-like object, got 'NoneType'")),
        err("match_invalid_regex", R"(match("(", "x"))", raises("error", "missing ), unterminated subpattern at position 0")),
        on_trace("match_dot_no_newline", {"(m: Message)", "m.content is not None", "m.role == \"assistant\"", "match(\"Done:.sent\", m.content)"},
                 no_errors()),
        on_trace("match_dollar_before_final_newline", {"(m: Message)", "m.content is not None", "match(\"(?s).*ok$\", m.content)"},
                 errs({V("hit", {kM3})})),
        val("find_returns_matches", R"(find("\d+", "a1b22"))", "[['1', '22']]"),
        val("find_group_zero", R"~(find("a(b)", "abab"))~", "[['ab', 'ab']]"),
        val("find_empty_matches", R"(find("x*", "ab"))", "[['', '', '']]"),
        on_trace("find_marks_ranges", {"(m: Message)", "m.content is not None", "any(find(\"[Hh]ello\", m.content))"},
                 errs({V("hit", {kM0, "messages.0.content:0-5", "messages.0.content:11-16"})})),
        on_trace("find_line_is_not_boolean", {"(m: Message)", "m.content is not None", "find(\"ello\", m.content)"}, no_errors()),
        on_trace("find_none", {"(m: Message)", "m.role == \"assistant\"", "len(find(\"x\", m.content)) > 0"},
                 raises("TypeError", "expected string or bytes-like object, got 'NoneType'")),
        val("len_code_points", R"(len("héllo"))", "[5]"),
        val("len_list", R"(len([1, [2, 3]]))", "[2]"),
        val("len_dict", R"(len({"a": 1}))", "[1]"),
        val("min_args", R"(min(3, 1, 2))", "[1]"),
        val("min_list", R"(min([3, 1.5]))", "[1.5]"),
        val("min_str", R"(min("bca"))", "['a']"),
        val("max_keeps_first_of_equal", R"(max(1, True))", "[1]"),
        val("max_default", R"(max([], default=0))", "[0]"),
        val("sum_list", R"(sum([1, 2.5]))", "[3.5]"),
        val("sum_empty", R"(sum([]))", "[0]"),
        val("sum_start", R"(sum([1, 2], 10))", "[13]"),
        err("min_empty", R"(min([]))", raises("ValueError", "min() arg is an empty sequence")),
        err("max_empty", R"(max([]))", raises("ValueError", "max() arg is an empty sequence")),
        err("min_mixed", R"(min([1, "a"]))", raises("TypeError", "'<' not supported between instances of 'str' and 'int'")),
        err("min_not_iterable", R"(min(1))", raises("TypeError", "'int' object is not iterable")),
        err("max_no_args", R"(max())", raises("TypeError", "max expected at least 1 argument, got 0")),
        err("sum_mixed", R"(sum([1, "a"]))", raises("TypeError", "unsupported operand type(s) for +: 'int' and 'str'")),
        on_trace("print_is_neutral", {"(m: Message)", "print(\"seen\", m)", "m.role == \"user\""}, errs({V("hit", {kM0})})),
        val("json_loads", R"(json_loads("{\"a\": [1, 2.5, null, true]}"))", "[{'a': [1, 2.5, None, True]}]"),
        err("json_loads_invalid", R"(json_loads("x"))", raises_like("JSONDecodeError", "Invalid JSON string")),
        val("tuple_of_list", R"(tuple([1, 2]))", "[(1, 2)]"),
        val("tuple_single", R"(tuple([1]))", "[(1,)]"),
        val("tuple_of_str", R"(tuple("ab"))", "[('a', 'b')]"),
        val("tuple_equality", R"(tuple([1, 2]) == tuple([1, 2.0]))", "[True]"),
        val("text_flattens", R"(text("a", ["b", "c"]))", "[['a', 'b', 'c']]"),
        Case{"text_of_message",
             "raise PolicyViolation(x) if:\n    (m: Message)\n    m.role == \"user\"\n    x := [text(m)]\n", kTrace,
             errs({PV("[['Hello Bob, hello']]", {kM0})}), ""},
        on_trace("tool_call_of_output", {"(o: ToolOutput)", "tool_call(o).function.name == \"send_email\""},
                 errs({V("hit", {kOut})})),
        err("tool_call_of_non_output", R"(tool_call("x"))", raises_like("ValueError", ""))),
    case_name);

INSTANTIATE_TEST_SUITE_P(
    EvalMethods, EvalAccess,
    ::testing::Values(
        mval("str_lower", "s", R"("HeLLo É")", "s.lower()", "['hello é']"),
        mval("str_upper", "s", R"("HeLLo é")", "s.upper()", "['HELLO É']"),
        mval("str_strip", "s", R"("  hi  ")", "s.strip()", "['hi']"),
        mval("str_lstrip", "s", R"("  hi  ")", "s.lstrip()", "['hi  ']"),
        mval("str_rstrip", "s", R"("  hi  ")", "s.rstrip()", "['  hi']"),
        mval("str_strip_chars", "s", R"("xxhixy")", R"(s.strip("xy"))", "['hi']"),
        mval("str_split_whitespace", "s", R"(" a  b c ")", "s.split()", "[['a', 'b', 'c']]"),
        mval("str_split_sep", "s", R"("a,,b")", R"(s.split(","))", "[['a', '', 'b']]"),
        mval("str_split_maxsplit", "s", R"("a,b,c")", R"(s.split(",", 1))", "[['a', 'b,c']]"),
        mval("str_split_maxsplit_kw", "s", R"("a,b,c")", R"(s.split(",", maxsplit=1))", "[['a', 'b,c']]"),
        merr("str_split_empty_sep", "s", R"("a")", R"(s.split(""))", raises("ValueError", "empty separator")),
        mval("str_startswith", "s", R"("report.pdf")", R"(s.startswith("rep"))", "[True]"),
        mval("str_endswith", "s", R"("report.pdf")", R"(s.endswith(".pdf"))", "[True]"),
        mval("str_endswith_tuple", "s", R"("report.pdf")", R"(s.endswith(tuple([".doc", ".pdf"])))", "[True]"),
        merr("str_startswith_int", "s", R"("a")", "s.startswith(1)",
             raises("TypeError", "startswith first arg must be str or a tuple of str, not int")),
        mval("str_replace", "s", R"("aaa")", R"(s.replace("a", "b"))", "['bbb']"),
        mval("str_replace_count", "s", R"("aaa")", R"(s.replace("a", "b", 2))", "['bba']"),
        mval("str_count", "s", R"("banana")", R"(s.count("an"))", "[2]"),
        mval("str_count_empty", "s", R"("banana")", R"(s.count(""))", "[7]"),
        mval("str_find", "s", R"("banana")", R"(s.find("na"))", "[2]"),
        mval("str_find_missing", "s", R"("banana")", R"(s.find("x"))", "[-1]"),
        mval("str_find_code_points", "s", R"("héllo")", R"(s.find("l"))", "[2]"),
        merr("str_index_missing", "s", R"("banana")", R"(s.index("x"))", raises("ValueError", "substring not found")),
        mval("str_join", "s", R"(",")", R"(s.join(["a", "b"]))", "['a,b']"),
        mval("str_join_str", "s", R"(",")", R"(s.join("ab"))", "['a,b']"),
        merr("str_join_int", "s", R"(",")", "s.join([1])",
             raises("TypeError", "sequence item 0: expected str instance, int found")),
        mval("str_format_auto", "s", R"("{} and {}")", R"(s.format(1, "b"))", "['1 and b']"),
        mval("str_format_named", "s", R"("{name}!")", R"(s.format(name="x"))", "['x!']"),
        mval("str_format_index", "s", R"("{0}{0}")", R"(s.format("a"))", "['aa']"),
        merr("str_format_missing", "s", R"("{}")", "s.format()",
             raises("IndexError", "Replacement index 0 out of range for positional args tuple")),
        mval("str_isdigit", "s", R"("123")", "s.isdigit()", "[True]"),
        mval("str_isdigit_empty", "s", R"("")", "s.isdigit()", "[False]"),
        Case{"str_splitlines",
             "raise PolicyViolation(x) if:\n    (m: Message)\n    m.role == \"assistant\"\n    m.content is not None\n"
             "    x := [m.content.splitlines()]\n",
             kTrace, errs({PV("[['Done:', 'sent', 'ok']]", {kM3})}), ""},
        mval("dict_get", "d", R"({"a": 1, "b": 2})", R"(d.get("a"))", "[1]"),
        mval("dict_get_missing", "d", R"({"a": 1, "b": 2})", R"(d.get("z"))", "[None]"),
        mval("dict_get_default", "d", R"({"a": 1, "b": 2})", R"(d.get("z", 0))", "[0]"),
        mval("dict_keys", "d", R"({"a": 1, "b": 2})", R"("a" in d.keys() and len(d.keys()) == 2)", "[True]"),
        mval("dict_values", "d", R"({"a": 1, "b": 2})", "sum(d.values())", "[3]"),
        mval("dict_items", "d", R"({"a": 1, "b": 2})", "len(d.items())", "[2]"),
        mval("dict_pop", "d", R"({"a": 1, "b": 2})", R"(d.pop("a"))", "[1]"),
        mval("dict_pop_default", "d", R"({"a": 1, "b": 2})", R"(d.pop("z", 5))", "[5]"),
        merr("dict_pop_missing", "d", R"({"a": 1, "b": 2})", R"(d.pop("z"))", raises("KeyError", "'z'")),
        mval("dict_method_name_shadows_key", "d", R"({"items": 1})", R"(d.items == 1)", "[False]"),
        mval("dict_method_name_by_key", "d", R"({"items": 1})", R"(d["items"])", "[1]"),
        mval("list_count", "l", "[1, 2, 2]", "l.count(2)", "[2]"),
        mval("list_index", "l", "[1, 2, 2]", "l.index(2)", "[1]"),
        merr("list_index_missing", "l", "[1, 2, 2]", "l.index(9)", raises("ValueError", "9 is not in list"))),
    case_name);

}  // namespace
}  // namespace inv::evaltest
