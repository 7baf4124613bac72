// Reading the labelled data sets of tests/plugins/data/*.tsv (examples for the detectors' precision and
// recall): one example per line, tab-separated columns, the last column with \n, \t, \r and \\ escapes.
// Blank lines and lines starting with '#' are skipped; a malformed line is a test failure.
#pragma once

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <string>
#include <string_view>
#include <vector>

namespace inv::detectors::test_data {

inline std::string unescape_tsv(std::string_view s) {
  std::string out;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] != '\\' || i + 1 >= s.size()) {
      out += s[i];
      continue;
    }
    const char c = s[++i];
    out += c == 'n' ? '\n' : c == 't' ? '\t' : c == 'r' ? '\r' : c;
  }
  return out;
}

struct LabelledRow {
  std::vector<std::string> columns;  // `columns` of them; the last one unescaped
  int line = 0;                      // 1-based line in the file
};

// The rows of data/<file_name> beside this header, each split into exactly `columns` columns.
inline std::vector<LabelledRow> read_labelled_rows(const std::string& file_name, std::size_t columns,
                                                   bool header = false) {
  const auto path = std::filesystem::path(__FILE__).parent_path() / "data" / file_name;
  std::ifstream in(path);
  EXPECT_TRUE(in.good()) << path;
  std::vector<LabelledRow> rows;
  std::string text;
  int line = 0;
  while (std::getline(in, text)) {
    ++line;
    if ((header && line == 1) || text.empty() || text[0] == '#') continue;
    LabelledRow row;
    row.line = line;
    std::size_t start = 0;
    for (std::size_t c = 0; c + 1 < columns; ++c) {
      const auto tab = text.find('\t', start);
      if (tab == std::string::npos) break;
      row.columns.push_back(text.substr(start, tab - start));
      start = tab + 1;
    }
    if (row.columns.size() + 1 != columns) {
      ADD_FAILURE() << file_name << ":" << line << ": expected " << columns << " tab-separated columns";
      continue;
    }
    row.columns.push_back(unescape_tsv(std::string_view(text).substr(start)));
    rows.push_back(std::move(row));
  }
  return rows;
}

}  // namespace inv::detectors::test_data
