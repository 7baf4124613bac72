// The plugin SDK's JSON value (invariant/sdk_json.hpp), which every plugin uses to read the host's requests
// and write its answers: round trips, escapes (surrogate pairs included), malformed input reported with its
// byte offset, and the nesting limit that protects plugins from hostile input.
#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <stdexcept>
#include <string>

#include "invariant/sdk_json.hpp"

using invariant::sdk::Json;

namespace {

// The message of the std::invalid_argument that parsing `text` throws ("" when it parses).
std::string parse_error(std::string_view text, int max_depth = 256) {
  try {
    (void)Json::parse(text, max_depth);
  } catch (const std::invalid_argument& e) {
    return e.what();
  }
  return "";
}

}  // namespace

TEST(SdkJson, RoundTripKeepsKindsAndMemberOrder) {
  const std::string doc =
      R"({"z":1,"a":[true,false,null],"n":-42,"f":2.5,"e":1e+100,"s":"text","o":{"k":[]},"empty":{}})";
  Json v = Json::parse(doc);
  EXPECT_EQ(v.dump(), doc);
  EXPECT_EQ(Json::parse(v.dump()), v);
  ASSERT_TRUE(v.is_object());
  EXPECT_EQ(v.as_object().front().first, "z");  // insertion order, not sorted
  EXPECT_TRUE(v.find("z")->is_int());
  EXPECT_EQ(v.find("n")->as_int(), -42);
  EXPECT_FALSE(v.find("f")->is_int());
  EXPECT_DOUBLE_EQ(v.find("f")->as_number(), 2.5);
  EXPECT_DOUBLE_EQ(v.find("z")->as_number(), 1.0);
  EXPECT_TRUE(v.find("a")->as_array()[2].is_null());
  EXPECT_EQ(v.find("missing"), nullptr);
  EXPECT_EQ(Json(3).find("x"), nullptr);  // not an object
}

TEST(SdkJson, NumbersKeepIntegersAndWriteFloatsAsFloats) {
  EXPECT_EQ(Json::parse("9223372036854775807").as_int(), std::numeric_limits<std::int64_t>::max());
  EXPECT_EQ(Json::parse("-9223372036854775808").as_int(), std::numeric_limits<std::int64_t>::min());
  Json big = Json::parse("9223372036854775808");  // beyond int64: a float
  EXPECT_FALSE(big.is_int());
  EXPECT_DOUBLE_EQ(big.as_number(), 9223372036854775808.0);
  EXPECT_EQ(Json(2.0).dump(), "2.0");
  EXPECT_EQ(Json(-0.5).dump(), "-0.5");
  EXPECT_EQ(Json(1e300).dump(), "1e+300");
  EXPECT_EQ(Json(std::nan("")).dump(), "null");
  EXPECT_EQ(Json(std::numeric_limits<double>::infinity()).dump(), "null");
  EXPECT_EQ(Json(7u).dump(), "7");
  EXPECT_FALSE(Json::parse("2.0").is_int());
  EXPECT_FALSE(Json::parse("1E3").is_int());
}

TEST(SdkJson, BuildingValues) {
  Json o;  // null turns into an object on first member access
  o["b"] = 1;
  o["a"] = "x";
  o["b"] = Json::array();
  o["b"].push_back(true);
  o["b"].push_back(nullptr);
  EXPECT_EQ(o.dump(), R"({"b":[true,null],"a":"x"})");
  std::vector<std::string> words{"x", "y"};
  EXPECT_EQ(Json(words).dump(), R"(["x","y"])");
  EXPECT_EQ(Json(Json::Array{Json(1), Json("two"), Json::object()}).dump(), R"([1,"two",{}])");
  EXPECT_THROW((void)Json(1).as_string(), std::invalid_argument);
  EXPECT_THROW((void)Json("s").as_int(), std::invalid_argument);
  EXPECT_THROW((void)Json::object().as_array(), std::invalid_argument);
}

TEST(SdkJson, EscapesAreWrittenAndRead) {
  const std::string raw = std::string("q\"b\\n\nr\rt\tc") + '\x01' + '\x1f' + "/é";
  const std::string dumped = Json(raw).dump();
  EXPECT_EQ(dumped, "\"q\\\"b\\\\n\\nr\\rt\\tc\\u0001\\u001f/é\"");
  EXPECT_EQ(Json::parse(dumped).as_string(), raw);
  EXPECT_EQ(Json::parse(R"("\/\b\f\n\r\t\"\\")").as_string(), "/\b\f\n\r\t\"\\");
  EXPECT_EQ(Json::parse(R"("\u0041\u00e9\u20AC")").as_string(), "Aé€");
  EXPECT_EQ(Json::parse(R"("\u0000")").as_string(), std::string(1, '\0'));
  // UTF-8 passes through unchanged in both directions.
  EXPECT_EQ(Json::parse("\"日本語 😀\"").as_string(), "日本語 😀");
  EXPECT_EQ(Json("日本語 😀").dump(), "\"日本語 😀\"");
}

TEST(SdkJson, SurrogatePairsAndLoneSurrogates) {
  EXPECT_EQ(Json::parse(R"("\ud83d\ude00")").as_string(), "\xF0\x9F\x98\x80");  // U+1F600
  EXPECT_EQ(Json::parse(R"("\uD834\uDD1E")").as_string(), "\xF0\x9D\x84\x9E");  // U+1D11E
  EXPECT_EQ(Json::parse(R"("\udbff\udfff")").as_string(), "\xF4\x8F\xBF\xBF");  // U+10FFFF
  // A lone surrogate becomes U+FFFD; a high surrogate followed by something else keeps the something else.
  EXPECT_EQ(Json::parse(R"("\ud83d")").as_string(), "\xEF\xBF\xBD");
  EXPECT_EQ(Json::parse(R"("\ude00x")").as_string(), "\xEF\xBF\xBDx");
  EXPECT_EQ(Json::parse(R"("\ud83d\u0041")").as_string(), "\xEF\xBF\xBD" "A");
  EXPECT_EQ(Json::parse(R"("\ud83d\ud83d\ude00")").as_string(), "\xEF\xBF\xBD\xF0\x9F\x98\x80");
}

TEST(SdkJson, MalformedInputNamesTheByteOffset) {
  EXPECT_EQ(parse_error(""), "invalid JSON at byte 0: unexpected end");
  EXPECT_EQ(parse_error("   "), "invalid JSON at byte 3: unexpected end");
  EXPECT_EQ(parse_error("[1,]"), "invalid JSON at byte 3: unexpected character");
  EXPECT_EQ(parse_error("[1 2]"), "invalid JSON at byte 3: expected ',' or ']'");
  EXPECT_EQ(parse_error(R"({"a" 1})"), "invalid JSON at byte 5: expected ':'");
  EXPECT_EQ(parse_error(R"({"a":1,})"), "invalid JSON at byte 7: expected a member name");
  EXPECT_EQ(parse_error(R"({"a":1 "b":2})"), "invalid JSON at byte 7: expected ',' or '}'");
  EXPECT_EQ(parse_error(R"({1:2})"), "invalid JSON at byte 1: expected a member name");
  EXPECT_EQ(parse_error("\"abc"), "invalid JSON at byte 4: unterminated string");
  EXPECT_EQ(parse_error("\"abc\\"), "invalid JSON at byte 5: unterminated escape");
  EXPECT_EQ(parse_error("[1] x"), "invalid JSON at byte 4: trailing characters");
  EXPECT_EQ(parse_error("{} {}"), "invalid JSON at byte 3: trailing characters");
  EXPECT_EQ(parse_error("tru"), "invalid JSON at byte 0: unexpected character");
  EXPECT_EQ(parse_error("-"), "invalid JSON at byte 1: unexpected character");
  EXPECT_EQ(parse_error("1.2.3"), "invalid JSON at byte 5: bad number");
  EXPECT_EQ(parse_error("[+1]"), "invalid JSON at byte 3: bad number");
  EXPECT_EQ(parse_error(R"("\u12")"), "invalid JSON at byte 3: truncated \\u escape");
  // Errors found while reading a character name the offset just past it.
  EXPECT_EQ(parse_error(R"("\x")"), "invalid JSON at byte 3: unknown escape");
  EXPECT_EQ(parse_error(R"("\u12g4")"), "invalid JSON at byte 6: bad \\u escape");
  EXPECT_EQ(parse_error("\"a\nb\""), "invalid JSON at byte 3: control character in string");
  // The SDK's own call entry maps std::invalid_argument to a bad-request answer: every malformed document
  // must throw that type, never something else.
  for (const char* bad : {"{", "[", "\"", "{\"a\"", "{\"a\":", "[1,", "nul", "fals", "\"\\u", "-x", "1e", "--1"})
    EXPECT_NE(parse_error(bad), "") << bad;
}

TEST(SdkJson, NestingDepthIsLimited) {
  auto nested = [](int n) { return std::string(static_cast<std::size_t>(n), '[') + std::string(static_cast<std::size_t>(n), ']'); };
  EXPECT_EQ(parse_error(nested(257)), "");  // the innermost array is at depth 256
  EXPECT_EQ(parse_error(nested(258)), "invalid JSON at byte 257: nesting too deep");
  EXPECT_EQ(parse_error("[[[1]]]", 3), "");
  EXPECT_EQ(parse_error("[[[[1]]]]", 3), "invalid JSON at byte 4: nesting too deep");
  EXPECT_EQ(parse_error(R"({"a":{"b":{"c":{}}}})", 2), "invalid JSON at byte 15: nesting too deep");
  // Hostile input fails fast at the limit instead of exhausting the stack.
  EXPECT_EQ(parse_error(std::string(1000000, '[')), "invalid JSON at byte 257: nesting too deep");
}
