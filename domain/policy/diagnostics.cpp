#include "domain/policy/diagnostics.hpp"

#include <cstdio>

namespace inv::policy {
namespace {

std::vector<std::string_view> split_lines(std::string_view text) {
  std::vector<std::string_view> lines;
  std::size_t start = 0;
  while (true) {
    std::size_t nl = text.find('\n', start);
    if (nl == std::string_view::npos) {
      lines.push_back(text.substr(start));
      return lines;
    }
    lines.push_back(text.substr(start, nl - start));
    start = nl + 1;
  }
}

bool is_space_or_tab(char c) { return c == ' ' || c == '\t'; }

}  // namespace

std::string render_policy_errors(std::string_view source, const std::vector<Diagnostic>& errors) {
  // TRACE_AND_RESULTS.md §6.3
  std::string out = "Failed to create policy from policy source. The following errors were found:\n";
  const std::vector<std::string_view> lines = split_lines(source);
  const long n = static_cast<long>(lines.size());
  for (const Diagnostic& d : errors) {
    const long at = d.pos.line;
    const int column = d.pos.column < 1 ? 1 : d.pos.column;
    out += '\n';
    for (long i = at - 3; i <= at + 3; ++i) {
      const bool present = i >= 0 && i < n;
      if (i != at && !present) continue;
      char number[32];
      std::snprintf(number, sizeof number, "%3ld", i + 1);
      out += number;
      out += i == at ? "* | " : "  | ";
      if (present) out += lines[static_cast<std::size_t>(i)];
      out += '\n';
      if (i == at) {
        out += "     | ";
        out.append(static_cast<std::size_t>(column - 1), ' ');
        out += "^\n";
        out += "     | ";
        out += d.message;
        out += '\n';
      }
    }
    out += '\n';
    out += '\n';
  }
  return out;
}

std::string dedent(std::string_view text) {
  // Python textwrap.dedent: whitespace-only lines become empty; the longest common leading
  // whitespace (spaces and tabs, compared character by character) of the other lines is removed.
  std::vector<std::string_view> lines = split_lines(text);
  std::vector<bool> blank(lines.size(), false);
  bool have_margin = false;
  std::string_view margin;
  for (std::size_t i = 0; i < lines.size(); ++i) {
    std::string_view line = lines[i];
    std::size_t k = 0;
    while (k < line.size() && is_space_or_tab(line[k])) ++k;
    if (k == line.size()) {
      blank[i] = true;  // empty or only spaces/tabs
      continue;
    }
    std::string_view indent = line.substr(0, k);
    if (!have_margin) {
      margin = indent;
      have_margin = true;
    } else {
      std::size_t common = 0;
      while (common < margin.size() && common < indent.size() && margin[common] == indent[common]) ++common;
      margin = margin.substr(0, common);
    }
  }
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < lines.size(); ++i) {
    if (i > 0) out += '\n';
    if (blank[i]) continue;
    out += lines[i].substr(margin.size());
  }
  return out;
}

}  // namespace inv::policy
