// Tests of the copyright / software-license detector core: the examples of STDLIB.md §3.2 and of the
// corpus, plus edge cases of the header rule (Python str.strip()/startswith), the token heuristic
// (split(" ")) and the copyright notices. Expected values computed with a Python model of the reference.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "plugins/copyright/copyright_core.hpp"

namespace inv::detectors {
namespace {

struct CopyrightCase {
  std::string text;
  std::vector<std::string> expected;
};

const std::vector<CopyrightCase>& cases() {
  // clang-format off
  static const std::vector<CopyrightCase> all = {
      {"/**\n* GNU GENERAL PUBLIC LICENSE, Version 3, 29 June 2007\n*/\nexport const someConst = false;",
       {"GNU_AGPL_V3", "GNU_GPL_V2", "GNU_LGPL_V3"}},
      {"/**\n* GNU GENERAL PUBLIC LICENSE, Version 3, 29 June 2007\n*/\nconst someConst = false;",
       {"GNU_AGPL_V3", "GNU_GPL_V2", "GNU_LGPL_V3"}},
      {"here is your code: \n        /**\n        * GNU GENERAL PUBLIC LICENSE, Version 3, 29 June 2007\n        */\n        export const someConst = false;\n        ",
       {"GNU_AGPL_V3", "GNU_GPL_V2", "GNU_LGPL_V3"}},
      {"here is your code: \n        /**\n        * Copyright (C) Unicorn Inc.\n        */\n        export const someConst = false;\n        ",
       {"COPYRIGHT"}},
      {"MIT License\nCopyright (C) 2020 Copyright (C)",
       {"MIT_LICENSE", "COPYRIGHT"}},
      {"   \n\tMIT License\n\nPermission is hereby granted",
       {"MIT_LICENSE"}},
      {"\343\200\200\302\240MIT License",
       {"MIT_LICENSE"}},
      {"\342\200\213MIT License",
       {"MIT_LICENSE"}},
      {"MIT Licence",
       {"MIT_LICENSE"}},
      {"The MIT License (MIT)",
       {"MIT_LICENSE"}},
      {"MIT License",
       {"MIT_LICENSE"}},
      {"License MIT",
       {"MIT_LICENSE"}},
      {"GNU AFFERO GENERAL PUBLIC LICENSE\n                       Version 3, 19 November 2007\n\nCopyright \302\251 2007 Free Software Foundation",
       {"GNU_AGPL_V3", "COPYRIGHT"}},
      {"  GNU GENERAL PUBLIC LICENSE\n                       Version 3, 29 June 2007",
       {"GNU_GPL_V2"}},
      {"GNU GENERAL PUBLIC LICENSE\n Version 3, 29 June 2007",
       {"GNU_AGPL_V3", "GNU_GPL_V2", "GNU_LGPL_V3"}},
      {"GNU LESSER GENERAL PUBLIC LICENSE\n                       Version 3, 29 June 2007",
       {"GNU_LGPL_V3"}},
      {"Mozilla Public License Version 2.0\n==================================",
       {"MOZILLA_PUBLIC_LICENSE_2.0"}},
      {"Mozilla Public License, Version 2.0",
       {"MOZILLA_PUBLIC_LICENSE_2.0"}},
      {"Apache License\n                           Version 2.0, January 2004\n http://www.apache.org/licenses/",
       {"APACHE_LICENSE_2.0"}},
      {"Licensed under the Apache License, Version 2.0, January 2004",
       {"APACHE_LICENSE_2.0"}},
      {"Boost Software License - Version 1.0 - August 17th, 2003",
       {"BOOST_SOFTWARE_LICENSE"}},
      {"Distributed under the Boost Software License, Version 1.0.",
       {}},
      {"Boost - Version - August 2003",
       {"BOOST_SOFTWARE_LICENSE"}},
      {"copyright (c) 2020 someone",
       {}},
      {"Copyright (c) 2020 someone",
       {}},
      {"Copyright \302\251 2020 Copyright (C) 2021",
       {"COPYRIGHT", "COPYRIGHT"}},
      {"Copyright \302\2512020",
       {"COPYRIGHT"}},
      {"Copyright  (C)",
       {}},
      {"",
       {}},
      {"   ",
       {}},
      {"GNU GENERAL PUBLIC LICENSE\nVersion 3, 29 June 2007",
       {"GNU_AGPL_V3", "GNU_GPL_V2", "GNU_LGPL_V3"}},
      {"GNU GENERAL PUBLIC LICENSE\n Version 3, 29 June 2007 GNU LESSER",
       {"GNU_AGPL_V3", "GNU_GPL_V2", "GNU_LGPL_V3"}},
      {"LICENSE\n Version 3, 2007 GNU GENERAL PUBLIC",
       {"GNU_AGPL_V3", "GNU_GPL_V2", "GNU_LGPL_V3"}},
      {"MIT",
       {"MIT_LICENSE"}},
      {"MIT Licensed software License",
       {"MIT_LICENSE"}},
  };
  // clang-format on
  return all;
}

class CopyrightTable : public ::testing::TestWithParam<std::size_t> {};

TEST_P(CopyrightTable, MatchesPythonReference) {
  const CopyrightCase& c = cases()[GetParam()];
  SCOPED_TRACE(c.text);
  EXPECT_EQ(detect_copyright(c.text), c.expected);
}

INSTANTIATE_TEST_SUITE_P(Table, CopyrightTable, ::testing::Range<std::size_t>(0, cases().size()));

TEST(Copyright, SpecExamples) {
  EXPECT_EQ(detect_copyright("/**\n* GNU GENERAL PUBLIC LICENSE, Version 3, 29 June 2007\n*/\n..."),
            (std::vector<std::string>{"GNU_AGPL_V3", "GNU_GPL_V2", "GNU_LGPL_V3"}));
  EXPECT_EQ(detect_copyright("MIT License\nCopyright (C) 2020 Copyright (C)"),
            (std::vector<std::string>{"MIT_LICENSE", "COPYRIGHT"}));
}

TEST(Copyright, LicenseTable) {
  const auto& licenses = software_licenses();
  ASSERT_EQ(licenses.size(), 7u);
  EXPECT_EQ(licenses[1].name, "GNU_GPL_V2");
  // "LICENSE\n" followed by 23 spaces, "License\n" (Apache) by 27.
  EXPECT_NE(licenses[0].header.find("LICENSE\n" + std::string(23, ' ') + "Version"), std::string_view::npos);
  EXPECT_NE(licenses[1].header.find("LICENSE\n" + std::string(23, ' ') + "Version"), std::string_view::npos);
  EXPECT_NE(licenses[2].header.find("LICENSE\n" + std::string(23, ' ') + "Version"), std::string_view::npos);
  EXPECT_NE(licenses[4].header.find("License\n" + std::string(27, ' ') + "Version"), std::string_view::npos);
  for (const auto& l : licenses) {
    EXPECT_EQ(python_strip(l.header), l.header) << l.name;
    // Every header is detected by the header rule, alone.
    EXPECT_EQ(detect_copyright(l.header), (std::vector<std::string>{std::string(l.name)})) << l.name;
  }
}

TEST(Copyright, PythonStrip) {
  EXPECT_EQ(python_strip(""), "");
  EXPECT_EQ(python_strip(" \t\n\r\v\f\x1c\x1d\x1e\x1f"), "");
  EXPECT_EQ(python_strip("\xc2\x85\xc2\xa0"
                         "a b\xe2\x80\x80\xe2\x80\xa8\xe2\x80\xa9\xe3\x80\x80"),
            "a b");
  EXPECT_EQ(python_strip("\xe2\x80\x8bx\xe2\x80\x8b"),
            "\xe2\x80\x8bx\xe2\x80\x8b");  // U+200B is not whitespace
  EXPECT_EQ(python_strip("\xe1\x9a\x80\xe2\x80\xaf\xe2\x81\x9fz"), "z");
  EXPECT_EQ(python_strip("\xff \xfe"), "\xff \xfe");
}

TEST(Copyright, InvalidUtf8) {
  EXPECT_EQ(detect_copyright("\xffMIT License"),
            (std::vector<std::string>{"MIT_LICENSE"}));  // heuristic: 1 of 2
  EXPECT_EQ(detect_copyright("MIT License\xff"), (std::vector<std::string>{"MIT_LICENSE"}));  // header rule
  EXPECT_EQ(detect_copyright("\xe2\x80 Copyright (C)\x80"), (std::vector<std::string>{"COPYRIGHT"}));
  EXPECT_TRUE(detect_copyright("\xc0\xa9\xed\xa0\x80").empty());
}

TEST(Copyright, HugeInput) {
  std::string text = "MIT ";
  while (text.size() < 10 * 1024 * 1024) text += "word another License\n ";
  text += "Copyright \xc2\xa9 2024";
  EXPECT_EQ(detect_copyright(text), (std::vector<std::string>{"MIT_LICENSE", "COPYRIGHT"}));
}

}  // namespace
}  // namespace inv::detectors
