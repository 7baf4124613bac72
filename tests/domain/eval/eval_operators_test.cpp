// Expression semantics of the operators (LANGUAGE.md §8.2–§8.7, §8.9's error table, DECISIONS.md §4–§6):
// Python values and Python exception texts, three-valued logic, truthiness of body lines.
//
// Most cases use a value probe: `raise PolicyViolation(x) if: x := [EXPR]` fires once, unbound (the
// body is only a `:=` line), and prints `PolicyViolation([<repr of EXPR>])`. `val` cases are valid Python
// expressions whose expected repr is what CPython prints for `repr([EXPR])`; `val_lang` cases are
// policy-language semantics that differ from plain Python (string literals, `in`, contains_only, and/or).
// `err` cases expect the Python exception type and `str(exception)` of evaluating EXPR.
#include <gtest/gtest.h>

#include "tests/domain/eval/eval_test_util.hpp"

namespace inv::evaltest {
namespace {

Case val(std::string name, std::string expr, std::string repr) {
  return Case{std::move(name), value_probe(expr), "[]", errs({PV(repr)}), ""};
}
Case val_lang(std::string name, std::string expr, std::string repr) { return val(std::move(name), std::move(expr), std::move(repr)); }
Case err(std::string name, std::string expr, std::string type, std::string message) {
  return Case{std::move(name), value_probe(expr), "[]", raises(std::move(type), std::move(message)), ""};
}

class EvalOperators : public ::testing::TestWithParam<Case> {};

TEST_P(EvalOperators, Case) {
  const Case& c = GetParam();
  EXPECT_TRUE(matches(run_analyze(c.policy, c.trace, c.params), c.expect)) << c.policy;
}

INSTANTIATE_TEST_SUITE_P(
    EvalArithmetic, EvalOperators,
    ::testing::Values(
        val("add_int", R"(1 + 2)", R"([3])"),
        val("add_int_float", R"(1 + 2.5)", R"([3.5])"),
        val("add_bools", R"(True + True)", R"([2])"),
        val("add_str", R"("ab" + "cd")", R"(['abcd'])"),
        val("add_lists", R"([1] + [2, "x"])", R"([[1, 2, 'x']])"),
        val("sub_negative", R"(7 - 10)", R"([-3])"),
        val("sub_float", R"(0.5 - 1)", R"([-0.5])"),
        val("float_repr_shortest", R"(0.1 + 0.2)", R"([0.30000000000000004])"),
        val("div_is_true_division", R"(7 / 2)", R"([3.5])"),
        val("div_exact_gives_float", R"(6 / 3)", R"([2.0])"),
        val("div_chain_left_assoc", R"(100 / 10 / 5)", R"([2.0])"),
        val("mod_positive", R"(7 % 3)", R"([1])"),
        val("mod_negative_left_floors", R"(-7 % 3)", R"([2])"),
        val("mod_negative_right_floors", R"(7 % -3)", R"([-2])"),
        val("mod_float", R"(7.5 % 2)", R"([1.5])"),
        val("str_mod_formatting", R"("%s!" % "x")", R"(['x!'])"),
        val("pow_int", R"(2 ** 10)", R"([1024])"),
        val("pow_negative_exponent_float", R"(2 ** -1)", R"([0.5])"),
        val("pow_float_exponent", R"(4 ** 0.5)", R"([2.0])"),
        val("pow_right_assoc", R"(2 ** 3 ** 2)", R"([512])"),
        val("pow_binds_tighter_than_unary_minus", R"(-2 ** 2)", R"([-4])"),
        val("pow_large_int", R"(2 ** 62)", R"([4611686018427387904])"),
        // Integers are 64-bit here (README: "Differences"): a result beyond that is a clear OverflowError
        // instead of Python's arbitrary precision.
        err("int_beyond_64_bits_overflows", R"(2 ** 64)", "OverflowError",
            "integer result too large (this server uses 64-bit integers)"),
        val("mul_before_add", R"(2 + 3 * 4)", R"([14])"),
        val("parens", R"((2 + 3) * 4)", R"([20])"),
        val("sub_left_assoc", R"(10 - 2 - 3)", R"([5])"),
        val("mul_mod_same_level", R"(2 * 3 % 4)", R"([2])"),
        val("arith_before_compare", R"(1 + 2 == 3)", R"([True])"),
        val("float_literal_exponent", R"(1e3)", R"([1000.0])"),
        val("float_literal_leading_dot", R"(.5 + 1)", R"([1.5])"),
        val("big_float_repr", R"(1e20 * 1)", R"([1e+20])"),
        val("str_repeat", R"("ab" * 3)", R"(['ababab'])"),
        val("str_repeat_int_left", R"(3 * "ab")", R"(['ababab'])"),
        val("str_repeat_zero", R"("ab" * 0)", R"([''])"),
        val("str_repeat_negative", R"("ab" * -2)", R"([''])"),
        val("str_repeat_bool", R"(True * "ab")", R"(['ab'])"),
        val("list_repeat", R"([1, 2] * 2)", R"([[1, 2, 1, 2]])"),
        val("list_repeat_int_left", R"(2 * [0])", R"([[0, 0]])"),
        val("neg_zero_float", R"(-0.0)", R"([-0.0])"),
        val("float_overflow_inf", R"(1e300 * 1e300)", R"([inf])"),
        val("mod_float_negative", R"(-7.5 % 2)", R"([0.5])"),
        val("bool_plus_float", R"(True + 1.5)", R"([2.5])"),
        val("dict_literal_last_key_wins", R"({"a": 1, "a": 2})", R"([{'a': 2}])"),
        val("ternary", R"(1 if 2 > 1 else 2)", R"([1])"),
        val("ternary_false", R"("a" if [] else "b")", R"(['b'])"),
        val("list_comprehension", R"([x * 2 for x in [1, 2, 3] if x > 1])", R"([[4, 6]])"),
        val_lang("list_comprehension_over_none", R"([x for x in None])", R"([[]])")),
    case_name);

INSTANTIATE_TEST_SUITE_P(
    EvalComparison, EvalOperators,
    ::testing::Values(
        val("eq_int_float", R"(1 == 1.0)", R"([True])"),
        val("eq_bool_int", R"(True == 1)", R"([True])"),
        val("eq_bool_float", R"(False == 0.0)", R"([True])"),
        val("eq_int_str", R"(1 == "1")", R"([False])"),
        val("eq_none_none", R"(None == None)", R"([True])"),
        val("eq_none_zero", R"(None == 0)", R"([False])"),
        val("eq_lists_numeric", R"([1, 2] == [1, 2.0])", R"([True])"),
        val("eq_dicts_numeric", R"({"a": 1} == {"a": True})", R"([True])"),
        val("eq_tuple_list", R"(tuple([1, 2]) == [1, 2])", R"([False])"),
        val("eq_nested_numeric", R"({"a": [1]} == {"a": [1.0]})", R"([True])"),
        val("lt_str_code_points", R"("é" > "z")", R"([True])"),
        val("none_in_list", R"(None in [None])", R"([True])"),
        val("eq_dict_order_irrelevant", R"({"a": 1, "b": 2} == {"b": 2, "a": 1})", R"([True])"),
        val("ne_str", R"("a" != "a")", R"([False])"),
        val("ne_int_float", R"(1 != 1.0)", R"([False])"),
        val("lt_int_float", R"(1 < 2.5)", R"([True])"),
        val("lt_str", R"("abc" < "abd")", R"([True])"),
        val("lt_str_uppercase_first", R"("Z" < "a")", R"([True])"),
        val("lt_lists", R"([1, 2] < [1, 3])", R"([True])"),
        val("lt_list_prefix", R"([1, 2] < [1, 2, 0])", R"([True])"),
        val("lt_bool_int", R"(True < 2)", R"([True])"),
        val("ge_int_float", R"(2 >= 2.0)", R"([True])"),
        val("le_false", R"(3 <= 2)", R"([False])"),
        val("chain_true", R"(1 < 2 < 3)", R"([True])"),
        val("chain_false", R"(1 < 3 < 2)", R"([False])"),
        val("chain_descending", R"(3 > 2 > 1)", R"([True])"),
        val("parenthesised_is_not_chain", R"((3 > 2) > 1)", R"([False])"),
        val("chain_eq", R"(1 == 1 == 1.0)", R"([True])"),
        val("chain_mixed", R"(1 < 2 == 2)", R"([True])"),
        val("chain_up_down", R"(1 < 2 > 1)", R"([True])"),
        val("chain_with_in", R"(0 < 1 in [1, 2])", R"([True])"),
        val("chain_no_transitivity", R"(1 < 3 > 2 < 3)", R"([True])")),
    case_name);

INSTANTIATE_TEST_SUITE_P(
    EvalUnaryAndIs, EvalOperators,
    ::testing::Values(
        val("neg", R"(-(3))", R"([-3])"),
        val("neg_neg", R"(-(-3))", R"([3])"),
        val("pos_bool", R"(+True)", R"([1])"),
        val("neg_bool", R"(-True)", R"([-1])"),
        val("neg_float", R"(-1.5)", R"([-1.5])"),
        val("not_zero", R"(not 0)", R"([True])"),
        val("not_empty_str", R"(not "")", R"([True])"),
        val("not_empty_list", R"(not [])", R"([True])"),
        val("not_empty_dict", R"(not {})", R"([True])"),
        val("not_str", R"(not "a")", R"([False])"),
        val("not_none", R"(not None)", R"([True])"),
        val("not_zero_float", R"(not 0.0)", R"([True])"),
        val("not_not", R"(not not 1)", R"([True])"),
        val("not_binds_looser_than_eq", R"(not 1 == 2)", R"([True])"),
        val("not_binds_tighter_than_and", R"(not False and False)", R"([False])"),
        val("is_none", R"(None is None)", R"([True])"),
        val("int_is_none", R"(1 is None)", R"([False])"),
        val("none_is_not_none", R"(None is not None)", R"([False])"),
        val("zero_is_not_none", R"(0 is not None)", R"([True])"),
        val("true_is_true", R"(True is True)", R"([True])"),
        val("one_is_not_true", R"(1 is True)", R"([False])"),
        val("false_is_not_true", R"(False is not True)", R"([True])"),
        val("fresh_lists_not_identical", R"([] is [])", R"([False])")),
    case_name);

INSTANTIATE_TEST_SUITE_P(
    EvalMembership, EvalOperators,
    ::testing::Values(
        val("in_list", R"(1 in [1, 2])", R"([True])"),
        val("in_list_numeric_eq", R"(1.0 in [1])", R"([True])"),
        val("in_list_bool_eq", R"(True in [1])", R"([True])"),
        val("in_dict_keys", R"("a" in {"a": 1})", R"([True])"),
        val("in_dict_values_not_searched", R"(1 in {"a": 1})", R"([False])"),
        val("not_in_dict", R"("b" not in {"a": 1})", R"([True])"),
        val("in_str", R"("bc" in "abcd")", R"([True])"),
        val("empty_in_str", R"("" in "abc")", R"([True])"),
        val("not_in_str", R"("x" not in "abc")", R"([True])"),
        val("not_in_str_false", R"("a" not in "abc")", R"([False])"),
        val("not_in_list", R"(3 not in [1, 2])", R"([True])"),
        val_lang("in_none_is_false", R"("x" in None)", R"([False])"),
        val_lang("not_in_none_is_true", R"("x" not in None)", R"([True])"),
        val_lang("regex_chars_are_literal", R"~("(" in "f(x)")~", R"([True])"),
        val_lang("dot_is_literal", R"("a.c" in "abc")", R"([False])"),
        val_lang("list_in_is_elementwise", R"([1, 3] in [1, 2])", R"([[True, False]])"),
        val_lang("list_in_str_elementwise", R"(["a", "z"] in "abc")", R"([[True, False]])"),
        val_lang("contains_only_true", R"([1, 2, 3] contains_only [1, 2])", R"([True])"),
        val_lang("contains_only_false", R"([1] contains_only [1, 2])", R"([False])"),
        val_lang("contains_only_empty_right", R"([1, 2] contains_only [])", R"([True])"),
        val_lang("contains_only_str", R"("abc" contains_only "ca")", R"([True])"),
        val_lang("contains_only_str_false", R"("abc" contains_only "cz")", R"([False])")),
    case_name);

INSTANTIATE_TEST_SUITE_P(
    EvalLogic, EvalOperators,
    ::testing::Values(
        val("and_returns_operand", R"(1 and 2)", R"([2])"),
        val("and_returns_falsy_operand", R"(0 and 2)", R"([0])"),
        val("or_returns_operand", R"(0 or "x")", R"(['x'])"),
        val("or_both_falsy", R"("" or [])", R"([[]])"),
        val("or_none", R"(None or 0)", R"([0])"),
        val("and_str", R"(True and "s")", R"(['s'])"),
        val("or_false_none", R"(False or None)", R"([None])"),
        val("or_lower_than_and", R"(True or False and False)", R"([True])"),
        val("and_false_drops_right_error", R"(False and 1 / 0)", R"([False])"),
        val("or_true_drops_right_error", R"(True or 1 / 0)", R"([True])"),
        val_lang("and_false_drops_left_error", R"(1 / 0 and False)", R"([False])"),
        val_lang("or_true_drops_left_error", R"(1 / 0 or True)", R"([True])"),
        val_lang("or_true_drops_key_error", R"({"a": 1}["k"] or True)", R"([True])"),
        err("or_false_keeps_error", R"(1 / 0 or False)", "ZeroDivisionError", "division by zero"),
        err("and_true_keeps_error", R"(True and 1 / 0)", "ZeroDivisionError", "division by zero"),
        err("and_error_left_true_right", R"(1 / 0 and True)", "ZeroDivisionError", "division by zero")),
    case_name);

INSTANTIATE_TEST_SUITE_P(
    EvalStrings, EvalOperators,
    ::testing::Values(
        // String literals are almost raw (LANGUAGE.md §3.2): no escape processing except the quote.
        val_lang("backslash_n_is_two_chars", R"(len("a\nb"))", R"([4])"),
        val_lang("escaped_quote", R"("say \"hi\"")", R"(['say "hi"'])"),
        val_lang("single_quoted_escaped_quote", R"('it\'s')", R"(["it's"])"),
        val_lang("regex_backslash_kept", R"("\d+")", R"(['\\d+'])"),
        val_lang("fstring_not_interpolated", R"(f"{x}")", R"(['{x}'])"),
        val_lang("raw_prefix_no_effect", R"(r"a\b" == "a\b")", R"([True])")),
    case_name);

// §8.9's table and the other CPython messages of the operators.
INSTANTIATE_TEST_SUITE_P(
    EvalErrors, EvalOperators,
    ::testing::Values(
        err("add_int_str", R"(1 + "a")", "TypeError", R"(unsupported operand type(s) for +: 'int' and 'str')"),
        err("add_str_int", R"("a" + 1)", "TypeError", R"(can only concatenate str (not "int") to str)"),
        err("add_list_str", R"([1] + "a")", "TypeError", R"(can only concatenate list (not "str") to list)"),
        err("add_none_int", R"(None + 1)", "TypeError", R"(unsupported operand type(s) for +: 'NoneType' and 'int')"),
        err("sub_int_str", R"(1 - "a")", "TypeError", R"(unsupported operand type(s) for -: 'int' and 'str')"),
        err("sub_strs", R"("a" - "b")", "TypeError", R"(unsupported operand type(s) for -: 'str' and 'str')"),
        err("div_str", R"("a" / 2)", "TypeError", R"(unsupported operand type(s) for /: 'str' and 'int')"),
        err("mul_str_str", R"("a" * "b")", "TypeError", R"(can't multiply sequence by non-int of type 'str')"),
        err("mul_str_float", R"("a" * 1.5)", "TypeError", R"(can't multiply sequence by non-int of type 'float')"),
        err("mul_none_int", R"(None * 2)", "TypeError", R"(unsupported operand type(s) for *: 'NoneType' and 'int')"),
        err("pow_int_str", R"(2 ** "a")", "TypeError", R"(unsupported operand type(s) for ** or pow(): 'int' and 'str')"),
        err("pow_int_none", R"(3 ** None)", "TypeError", R"(unsupported operand type(s) for ** or pow(): 'int' and 'NoneType')"),
        err("neg_str", R"(-"a")", "TypeError", R"(bad operand type for unary -: 'str')"),
        err("pos_str", R"(+"a")", "TypeError", R"(bad operand type for unary +: 'str')"),
        err("gt_str_int", R"("a" > 1)", "TypeError", R"('>' not supported between instances of 'str' and 'int')"),
        err("lt_none_int", R"(None < 1)", "TypeError", R"('<' not supported between instances of 'NoneType' and 'int')"),
        err("lt_list_str", R"([1] < "a")", "TypeError", R"('<' not supported between instances of 'list' and 'str')"),
        err("lt_dicts", R"({} < {})", "TypeError", R"('<' not supported between instances of 'dict' and 'dict')"),
        err("chain_error_in_second_link", R"(1 < 2 < "a")", "TypeError", R"('<' not supported between instances of 'int' and 'str')"),
        err("div_zero", R"(1 / 0)", "ZeroDivisionError", R"(division by zero)"),
        err("div_float_zero", R"(1.0 / 0)", "ZeroDivisionError", R"(float division by zero)"),
        err("div_by_float_zero", R"(1 / 0.0)", "ZeroDivisionError", R"(float division by zero)"),
        err("mod_zero", R"(1 % 0)", "ZeroDivisionError", R"(integer modulo by zero)"),
        err("pow_zero_negative", R"(0 ** -1)", "ZeroDivisionError", R"(0.0 cannot be raised to a negative power)"),
        err("bool_in_str", R"(True in "abc")", "TypeError", R"('in <string>' requires string as left operand, not bool)"),
        err("int_in_str", R"(1 in "abc")", "TypeError", R"('in <string>' requires string as left operand, not int)"),
        err("in_int", R"(1 in 5)", "TypeError", R"(argument of type 'int' is not iterable)"),
        err("dict_in_dict_unhashable", R"({"a": 1} in {"a": 1})", "TypeError", R"(unhashable type: 'dict')"),
        err("len_none", R"(len(None))", "TypeError", R"(object of type 'NoneType' has no len())"),
        err("len_int", R"(len(5))", "TypeError", R"(object of type 'int' has no len())"),
        err("list_index", R"([1, 2][5])", "IndexError", R"(list index out of range)"),
        err("str_index", R"("ab"[5])", "IndexError", R"(string index out of range)"),
        err("dict_missing_key", R"({"a": 1}["b"])", "KeyError", R"('b')"),
        err("dict_missing_key_with_quote", R"({"a": 1}["it's"])", "KeyError", R"("it's")")),
    case_name);

// Truthiness of body lines (LANGUAGE.md §9.1): only booleans decide; any other value makes the body
// non-boolean and the rule does not fire; a constant false line stops the rule.
INSTANTIATE_TEST_SUITE_P(
    EvalLineValues, EvalOperators,
    ::testing::Values(
        Case{"true_line_fires_once", rule({"1 == 1"}), "[]", fires(), ""},
        Case{"false_line", rule({"1 == 2"}), "[]", no_errors(), ""},
        Case{"int_line_is_not_boolean", rule({"1"}), "[]", no_errors(), ""},
        Case{"str_line_is_not_boolean", rule({"\"yes\""}), "[]", no_errors(), ""},
        Case{"none_line_is_not_boolean", rule({"None"}), "[]", no_errors(), ""},
        Case{"list_line_is_not_boolean", rule({"[True]"}), "[]", no_errors(), ""},
        Case{"and_operand_value_is_not_boolean", rule({"True and 1"}), "[]", no_errors(), ""},
        Case{"or_operand_value_boolean", rule({"0 or True"}), "[]", fires(), ""},
        Case{"not_makes_boolean", rule({"not 0"}), "[]", fires(), ""},
        Case{"non_boolean_then_false", rule({"1", "1 == 2"}), "[]", no_errors(), ""},
        Case{"false_line_stops_before_error", rule({"1 == 2", "1 / 0"}), "[]", no_errors(), ""},
        Case{"error_line_before_false", rule({"1 / 0 == 1", "1 == 2"}), "[]",
             raises("ZeroDivisionError", "division by zero"), ""},
        Case{"non_boolean_does_not_stop", rule({"1", "1 / 0"}), "[]", raises("ZeroDivisionError", "division by zero"), ""},
        Case{"print_is_neutral", rule({"print(\"debug\", 1)", "1 == 1"}), "[]", fires(), ""},
        Case{"print_alone_fires", rule({"print()"}), "[]", fires(), ""}),
    case_name);

}  // namespace
}  // namespace inv::evaltest
