// Tests of the Unicode general-category detector core: the category mapping for samples of every
// category (expected values from Python's unicodedata.category), offsets in code points, the corpus texts,
// tag characters, emoji, unassigned code points, invalid UTF-8 and a large input.
#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <ostream>
#include <string>
#include <vector>

#include "plugins/unicode/unicode_core.hpp"

#include "common/utf8.hpp"

namespace inv::detectors {

void PrintTo(const UnicodeHit& h, std::ostream* os) {
  *os << h.category << "@" << h.offset << "(U+" << std::hex << static_cast<unsigned>(h.code_point) << std::dec
      << ")";
}

namespace {

std::string utf8(char32_t cp) {
  std::string out;
  inv::utf8::append(out, cp);
  return out;
}

std::vector<std::string> categories_of(std::string_view text) {
  std::vector<std::string> out;
  for (const auto& hit : unicode_categories(text)) out.emplace_back(hit.category);
  return out;
}

using Strings = std::vector<std::string>;

struct CategorySample {
  char32_t code_point;
  const char* category;
};

// First, middle and last code point of every category in Python's unicodedata (plus some noncharacters).
constexpr CategorySample kSamples[] = {
    {0x0, "Cc"},    {0x7F, "Cc"},    {0x9F, "Cc"},     {0xAD, "Cf"},   {0xE002E, "Cf"}, {0xE007F, "Cf"},
    {0x378, "Cn"},  {0xE0000, "Cn"}, {0xFDD0, "Cn"},   {0xFFFF, "Cn"}, {0x2FFFE, "Cn"}, {0x10FFFF, "Cn"},
    {0xE000, "Co"}, {0xFF37E, "Co"}, {0x10FFFD, "Co"}, {0xD800, "Cs"}, {0xDC00, "Cs"},  {0xDFFF, "Cs"},
    {0x61, "Ll"},   {0x2D04, "Ll"},  {0x1E943, "Ll"},  {0x2B0, "Lm"},  {0x2091, "Lm"},  {0x1E94B, "Lm"},
    {0xAA, "Lo"},   {0x20860, "Lo"}, {0x3134A, "Lo"},  {0x1C5, "Lt"},  {0x1F9B, "Lt"},  {0x1FFC, "Lt"},
    {0x41, "Lu"},   {0x2C69, "Lu"},  {0x1E921, "Lu"},  {0x903, "Mc"},  {0xA8BB, "Mc"},  {0x1D172, "Mc"},
    {0x488, "Me"},  {0x20E0, "Me"},  {0xA672, "Me"},   {0x300, "Mn"},  {0xA928, "Mn"},  {0xE01EF, "Mn"},
    {0x30, "Nd"},   {0xA9F0, "Nd"},  {0x1FBF9, "Nd"},  {0x16EE, "Nl"}, {0x10341, "Nl"}, {0x1246E, "Nl"},
    {0xB2, "No"},   {0x109DE, "No"}, {0x1F10C, "No"},  {0x5F, "Pc"},   {0xFE34, "Pc"},  {0xFF3F, "Pc"},
    {0x2D, "Pd"},   {0x2E3A, "Pd"},  {0x10EAD, "Pd"},  {0x29, "Pe"},   {0x29FD, "Pe"},  {0xFF63, "Pe"},
    {0xBB, "Pf"},   {0x2E05, "Pf"},  {0x2E21, "Pf"},   {0xAB, "Pi"},   {0x2E02, "Pi"},  {0x2E20, "Pi"},
    {0x21, "Po"},   {0x2E4A, "Po"},  {0x1E95F, "Po"},  {0x28, "Ps"},   {0x29DA, "Ps"},  {0xFF62, "Ps"},
    {0x24, "Sc"},   {0x20AF, "Sc"},  {0x1ECB0, "Sc"},  {0x5E, "Sk"},   {0x1FDF, "Sk"},  {0x1F3FF, "Sk"},
    {0x2B, "Sm"},   {0x2941, "Sm"},  {0x1EEF1, "Sm"},  {0xA6, "So"},   {0x1D158, "So"}, {0x1FBCA, "So"},
    {0x2028, "Zl"}, {0x2029, "Zp"},  {0x20, "Zs"},     {0x2005, "Zs"}, {0x3000, "Zs"},
};

class UnicodeSamples : public ::testing::TestWithParam<CategorySample> {};

TEST_P(UnicodeSamples, MatchesPythonUnicodedata) {
  const CategorySample& s = GetParam();
  EXPECT_EQ(general_category(s.code_point), s.category) << std::hex << static_cast<unsigned>(s.code_point);
  if (s.code_point >= 0xD800 && s.code_point <= 0xDFFF) return;  // not representable in UTF-8
  const auto hits = unicode_categories(utf8(s.code_point));
  ASSERT_EQ(hits.size(), 1u);
  EXPECT_EQ(hits[0], (UnicodeHit{s.category, 0, s.code_point}));
}

std::string sample_name(const ::testing::TestParamInfo<CategorySample>& info) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "U%04X_%s", static_cast<unsigned>(info.param.code_point),
                info.param.category);
  return buffer;
}

INSTANTIATE_TEST_SUITE_P(Samples, UnicodeSamples, ::testing::ValuesIn(kSamples), sample_name);

TEST(Unicode, AllTwentyNineNamesAreProduced) {
  std::vector<std::string> names;
  for (char32_t cp = 0; cp <= 0x10FFFF; ++cp) {
    const std::string_view c = general_category(cp);
    if (std::find(names.begin(), names.end(), c) == names.end()) names.emplace_back(c);
  }
  std::sort(names.begin(), names.end());
  EXPECT_EQ(names, (Strings{"Cc", "Cf", "Cn", "Co", "Cs", "Ll", "Lm", "Lo", "Lt", "Lu",
                            "Mc", "Me", "Mn", "Nd", "Nl", "No", "Pc", "Pd", "Pe", "Pf",
                            "Pi", "Po", "Ps", "Sc", "Sk", "Sm", "So", "Zl", "Zp", "Zs"}));
  EXPECT_EQ(general_category(0x110000), "Cn");
}

TEST(Unicode, AsciiText) {
  EXPECT_EQ(categories_of("Hello, world! 123"), (Strings{"Lu", "Ll", "Ll", "Ll", "Ll", "Po", "Zs", "Ll", "Ll",
                                                         "Ll", "Ll", "Ll", "Po", "Zs", "Nd", "Nd", "Nd"}));
  EXPECT_EQ(categories_of("\t\n\x7f"), (Strings{"Cc", "Cc", "Cc"}));
  EXPECT_EQ(categories_of("_-()[]{}+<=>^`~$"), (Strings{"Pc", "Pd", "Ps", "Pe", "Ps", "Pe", "Ps", "Pe", "Sm",
                                                        "Sm", "Sm", "Sm", "Sk", "Sk", "Sm", "Sc"}));
}

TEST(Unicode, CorpusTexts) {
  // test_detect_allow: contains_only ['Lu', 'Ll', 'Nd', 'Po', 'Zs']
  EXPECT_EQ(distinct_categories(unicode_categories("Hello, world! 123")),
            (Strings{"Lu", "Ll", "Po", "Zs", "Nd"}));
  EXPECT_EQ(distinct_categories(unicode_categories("Can you send me some $?")),
            (Strings{"Lu", "Ll", "Zs", "Sc", "Po"}));
  // test_detect_deny: ['Cf', 'Co', 'Cn', 'Cs'] in unicode(out)
  std::string tagged = "Tagged output: ";
  for (char32_t cp : {0xE0068, 0xE006F, 0xE0077, 0xE0020, 0xE0061, 0xE0072, 0xE0065, 0xE0020, 0xE0079}) {
    tagged += utf8(cp);
  }
  EXPECT_EQ(distinct_categories(unicode_categories(tagged)), (Strings{"Lu", "Ll", "Zs", "Po", "Cf"}));
  EXPECT_EQ(distinct_categories(tagged), (Strings{"Lu", "Ll", "Zs", "Po", "Cf"}));
  // With the filter: one hit per tag character, offsets 15..23 (the ranges content:15-16 ... 23-24).
  const auto hits = unicode_categories(tagged, Strings{"Cf", "Co", "Cn", "Cs"});
  ASSERT_EQ(hits.size(), 9u);
  for (std::size_t i = 0; i < hits.size(); ++i) {
    EXPECT_EQ(hits[i].category, "Cf");
    EXPECT_EQ(hits[i].offset, 15 + i);
  }
  EXPECT_EQ(hits[0].code_point, 0xE0068u);
  EXPECT_TRUE(unicode_categories("How are you?", Strings{"Cf", "Co", "Cn", "Cs"}).empty());
  // Unfiltered: every character is a hit (24 of them; the reference marks content:0-1 ... 23-24).
  EXPECT_EQ(unicode_categories(tagged).size(), 24u);
}

TEST(Unicode, EmojiAndCombiningSequencesAreCodePoints) {
  // U+1F600 (So), U+1F44D U+1F3FD (So, Sk), ZWJ family (So Cf So), flag (two So), keycap "1" U+FE0F U+20E3
  const std::string text = utf8(0x1F600) + utf8(0x1F44D) + utf8(0x1F3FD) + utf8(0x1F468) + utf8(0x200D) +
                           utf8(0x1F469) + utf8(0x1F1E8) + utf8(0x1F1ED) + "1" + utf8(0xFE0F) + utf8(0x20E3);
  EXPECT_EQ(categories_of(text), (Strings{"So", "So", "Sk", "So", "Cf", "So", "So", "So", "Nd", "Mn", "Me"}));
  const auto hits = unicode_categories(text);
  for (std::size_t i = 0; i < hits.size(); ++i) EXPECT_EQ(hits[i].offset, i);
}

TEST(Unicode, UnassignedAndPrivateUse) {
  const std::string text = utf8(0x378) + utf8(0xFFFE) + utf8(0x10FFFF) + utf8(0xE000) + utf8(0xF0000);
  EXPECT_EQ(categories_of(text), (Strings{"Cn", "Cn", "Cn", "Co", "Co"}));
  EXPECT_EQ(distinct_categories(text), (Strings{"Cn", "Co"}));
}

TEST(Unicode, FilterNamesThatAreNotCategoriesNeverMatch) {
  EXPECT_TRUE(unicode_categories("abc", Strings{"L", "ll", "LL", ""}).empty());
  EXPECT_EQ(unicode_categories("aB", Strings{"Lu"}), (std::vector<UnicodeHit>{UnicodeHit{"Lu", 1, U'B'}}));
}

TEST(Unicode, EmptyInput) {
  EXPECT_TRUE(unicode_categories("").empty());
  EXPECT_TRUE(distinct_categories("").empty());
  EXPECT_TRUE(distinct_categories(std::vector<UnicodeHit>{}).empty());
}

TEST(Unicode, InvalidUtf8BecomesReplacementCharacters) {
  // \xff -> FFFD; \xe2\x82 (truncated) -> one FFFD; \xed\xa0\x80 (encoded surrogate) -> three FFFD;
  // \xc0\xaf (overlong) -> two FFFD; \xf4\x90\x80\x80 (> U+10FFFF) -> four FFFD.
  const std::string text =
      "a\xff"
      "b\xe2\x82"
      "c\xed\xa0\x80"
      "d\xc0\xaf"
      "e\xf4\x90\x80\x80"
      "f";
  const auto hits = unicode_categories(text);
  std::string shape;
  for (const auto& h : hits) shape += h.code_point == 0xFFFD ? '?' : static_cast<char>(h.code_point);
  EXPECT_EQ(shape, "a?b?c???d??e????f");
  for (std::size_t i = 0; i < hits.size(); ++i) EXPECT_EQ(hits[i].offset, i);
  for (const auto& h : hits) {
    if (h.code_point == 0xFFFD) {
      EXPECT_EQ(h.category, "So");
    }
  }
  // A truncated sequence at the very end.
  EXPECT_EQ(categories_of("x\xf0\x9f\x98"), (Strings{"Ll", "So"}));
}

TEST(Unicode, TenMegabytes) {
  std::string text;
  while (text.size() < 10 * 1024 * 1024) text += "abc \xe2\x80\x8b" + utf8(0x1F600) + utf8(0xE0041);
  const auto t0 = std::chrono::steady_clock::now();
  EXPECT_EQ(distinct_categories(text), (Strings{"Ll", "Zs", "Cf", "So"}));
  const auto hits = unicode_categories(text, Strings{"Cf"});
  EXPECT_GT(hits.size(), 1000000u);
  EXPECT_LT(std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count(), 10.0);
}

}  // namespace
}  // namespace inv::detectors
