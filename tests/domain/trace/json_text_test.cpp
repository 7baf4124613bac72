// Python json.loads error messages and positions (CPython's C scanner), as reported for tool-call
// arguments given as JSON text. Expected texts come from CPython.
#include <string>

#include <boost/json.hpp>
#include <gtest/gtest.h>

#include "domain/trace/json_text.hpp"

namespace inv::detail {
namespace {

struct ErrorCase {
  const char* text;
  const char* message;
};

const ErrorCase kErrors[] = {
    {"{'a': 1}", "Expecting property name enclosed in double quotes: line 1 column 2 (char 1)"},
    {"", "Expecting value: line 1 column 1 (char 0)"},
    {"{\"a\":1", "Expecting ',' delimiter: line 1 column 7 (char 6)"},
    {"{\"a\" 1}", "Expecting ':' delimiter: line 1 column 6 (char 5)"},
    {"{\"a\":1,}", "Expecting property name enclosed in double quotes: line 1 column 8 (char 7)"},
    {"[1,]", "Expecting value: line 1 column 4 (char 3)"},
    {"[1 2]", "Expecting ',' delimiter: line 1 column 4 (char 3)"},
    {"{\"a\":1}x", "Extra data: line 1 column 8 (char 7)"},
    {"\"abc", "Unterminated string starting at: line 1 column 1 (char 0)"},
    {"\"a\\qb\"", "Invalid \\escape: line 1 column 3 (char 2)"},
    {"\"\\u12\"", "Invalid \\uXXXX escape: line 1 column 3 (char 2)"},
    {"\"\\u12zz\"", "Invalid \\uXXXX escape: line 1 column 3 (char 2)"},
    {"{\"a\":\"b\nc\"}", "Invalid control character at: line 1 column 8 (char 7)"},
    {"  \n {\"x\": [1, 2,\n 3 oops]}", "Expecting ',' delimiter: line 3 column 4 (char 20)"},
    {"nul", "Expecting value: line 1 column 1 (char 0)"},
    {"-", "Expecting value: line 1 column 1 (char 0)"},
    {"01", "Extra data: line 1 column 2 (char 1)"},
    {"1.", "Extra data: line 1 column 2 (char 1)"},
    {"{\"\u00e9\": \"\u00fc\", \"k\" 1}", "Expecting ':' delimiter: line 1 column 16 (char 15)"},
    {"\ufeff{}", "Unexpected UTF-8 BOM (decode using utf-8-sig): line 1 column 1 (char 0)"},
    {"[1, 2", "Expecting ',' delimiter: line 1 column 6 (char 5)"},
    {"{\"a\":}", "Expecting value: line 1 column 6 (char 5)"},
    {"{", "Expecting property name enclosed in double quotes: line 1 column 2 (char 1)"},
    {"[", "Expecting value: line 1 column 2 (char 1)"},
    {"{\"a\":1 \"b\":2}", "Expecting ',' delimiter: line 1 column 8 (char 7)"},
};

TEST(PyJson, ErrorMessagesMatchCPython) {
  for (const auto& c : kErrors) {
    boost::json::value v;
    PyJsonError e;
    EXPECT_FALSE(parse_python_json(c.text, v, e)) << c.text;
    EXPECT_EQ(e.message, c.message) << c.text;
    EXPECT_FALSE(e.too_deep);
  }
}

TEST(PyJson, DepthLimit) {
  boost::json::value v;
  PyJsonError e;
  EXPECT_TRUE(parse_python_json("[[1]]", v, e, 2));
  EXPECT_FALSE(parse_python_json("[[[1]]]", v, e, 2));
  EXPECT_TRUE(e.too_deep);
  EXPECT_FALSE(parse_python_json("{\"a\": {\"b\": {}}}", v, e, 2));
  EXPECT_TRUE(e.too_deep);
}

TEST(PyJson, Values) {
  boost::json::value v;
  PyJsonError e;
  ASSERT_TRUE(parse_python_json(R"({"a": [1, -2, 3.5, true, false, null, "s"], "b": {"c": 18446744073709551616}})", v, e));
  EXPECT_EQ(v.at("a").at(1).as_int64(), -2);
  EXPECT_EQ(v.at("a").at(2).as_double(), 3.5);
  EXPECT_TRUE(v.at("a").at(5).is_null());
  EXPECT_EQ(v.at("b").at("c").as_double(), 18446744073709551616.0);
  ASSERT_TRUE(parse_python_json("\"\\\"\\\\\\/\\b\\f\\n\\r\\t\\u0041\"", v, e));
  EXPECT_EQ(v.as_string(), "\"\\/\b\f\n\r\tA");
}

}  // namespace
}  // namespace inv::detail
