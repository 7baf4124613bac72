// The reference parse vectors (spec parse_vectors.tsv) whose reference tree is also the
// Python-precedence tree: our parser must give exactly that tree. The selection is made by
// data/make_python_vectors.py (Python's own `ast` decides); its output is data/python_precedence_vectors.tsv.
#include <gtest/gtest.h>

#include <fstream>
#include <iostream>
#include <string>

#include "domain/policy/parser.hpp"

namespace inv::policy {
namespace {

TEST(PolicyParseVectors, PythonPrecedenceRowsGiveTheReferenceTree) {
  const std::string path = std::string(INVARIANT_TEST_DATA_DIR) + "/domain/policy/data/python_precedence_vectors.tsv";
  std::ifstream in(path);
  ASSERT_TRUE(in) << path;
  std::string line;
  int declared = -1, rows = 0, passed = 0;
  while (std::getline(in, line)) {
    if (line.rfind("# rows=", 0) == 0) {
      auto k = line.find("kept=");
      ASSERT_NE(k, std::string::npos);
      declared = std::stoi(line.substr(k + 5));
      continue;
    }
    if (line.empty() || line[0] == '#') continue;
    const auto tab = line.find('\t');
    ASSERT_NE(tab, std::string::npos) << line;
    const std::string expr = line.substr(0, tab);
    const std::string tree = line.substr(tab + 1);
    ++rows;
    ExprPtr e;
    ParseOutcome out = parse_expression(expr, e);
    if (!out.errors.empty()) {
      ADD_FAILURE() << expr << ": " << out.errors[0].message;
      continue;
    }
    const std::string got = to_sexpr(*e);
    EXPECT_EQ(got, tree) << expr;
    if (got == tree) ++passed;
  }
  std::cout << "[ vectors  ] python-precedence rows: " << rows << ", passed: " << passed << "\n";
  EXPECT_EQ(rows, declared);
  EXPECT_GT(rows, 500);
  EXPECT_EQ(passed, rows);
}

}  // namespace
}  // namespace inv::policy
