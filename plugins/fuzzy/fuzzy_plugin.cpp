// The `fuzzy_contains` detector plugin ([latest] invariant.detectors.fuzzy_matching): whether a text
// contains a query within k = int(len(query) * (1 - threshold)) edits (Levenshtein, at most 10). The
// leftmost occurrence is marked (the leftmost start, then the end with the fewest edits, shortest first).
// The reference's semantic/LLM fallback (use_semantic) needs a model service and is never used here.
// Non-str arguments give False, as in the reference.
#include <algorithm>
#include <string_view>
#include <vector>

#include "invariant/detector_sdk.hpp"
#include "invariant/utf8.hpp"

namespace {

namespace sdk = invariant::sdk;

std::vector<std::string_view> code_points(std::string_view s) {
  std::vector<std::string_view> out;
  for (std::size_t i = 0; i < s.size();) {
    std::size_t next = inv::utf8::next_code_point(s, i);
    out.push_back(s.substr(i, next - i));
    i = next;
  }
  return out;
}

sdk::Json fuzzy_contains(sdk::Call& call) {
  const sdk::Json* query_arg = call.arg("query");
  if (!call.data_is_str() || call.texts().size() != 1 || !query_arg || !query_arg->is_string()) return false;
  double threshold = call.number_arg("query_similarity_threshold", 0.8);
  const auto text = code_points(call.texts()[0]);
  const auto query = code_points(query_arg->as_string());
  const std::size_t m = query.size();
  const std::size_t kmax =
      std::min<std::size_t>(10, static_cast<std::size_t>(std::max(0.0, static_cast<double>(m) * (1.0 - threshold))));
  std::vector<std::size_t> prev(m + 1), cur(m + 1);
  for (std::size_t s = 0; s < text.size(); ++s) {
    if ((s & 63) == 0) call.check_deadline();
    for (std::size_t j = 0; j <= m; ++j) prev[j] = j;  // text[s:s] against query[:j]
    std::size_t best = prev[m], best_end = s;
    for (std::size_t e = s; e < text.size() && e < s + m + kmax; ++e) {
      cur[0] = e - s + 1;
      for (std::size_t j = 1; j <= m; ++j) {
        std::size_t sub = prev[j - 1] + (text[e] == query[j - 1] ? 0 : 1);
        cur[j] = std::min({sub, prev[j] + 1, cur[j - 1] + 1});
      }
      std::swap(prev, cur);
      if (prev[m] < best) {
        best = prev[m];
        best_end = e + 1;
      }
    }
    if (best <= kmax && best_end > s) {
      call.mark(0, s, best_end);
      return true;
    }
  }
  return false;
}

sdk::PluginDef define() {
  sdk::PluginDef p{"fuzzy_matching", "1.0.0", "Approximate substring search (edit distance)."};
  p.function("fuzzy_contains")
      .exported_from({"invariant.detectors", "invariant.detectors.fuzzy_matching"})
      .data("text")
      .param("query", "str")
      .optional("query_similarity_threshold", "float", 0.8)
      .optional("use_semantic", "bool", true)
      .marks()
      .returning("bool")
      .describe("True when the text contains the query within the allowed number of edits; marks that occurrence.")
      .run(fuzzy_contains);
  return p;
}

}  // namespace

INVARIANT_DETECTOR_PLUGIN(define)
