// Helpers shared by the trace tests.
#pragma once

#include <string_view>
#include <vector>

#include <boost/json.hpp>

#include "domain/eval/value.hpp"
#include "domain/trace/trace.hpp"

namespace inv::test {

inline NormalizeOutcome normalize_text(std::string_view json_text, const NormalizeLimits& limits = {},
                                       std::string_view prefix = "trace", std::size_t parse_depth = 64) {
  boost::json::parse_options opts;
  opts.max_depth = parse_depth;
  boost::json::value v = boost::json::parse(json_text, {}, opts);
  return normalize_trace(v.as_array(), limits, prefix);
}

// Every object reachable from `v`, depth-first preorder in model field order (the order node ids follow).
inline void collect_preorder(const Value& v, std::vector<const Obj*>& out) {
  out.push_back(v.get());
  switch (v->type) {
    case Type::List:
    case Type::Tuple:
      for (const auto& item : as_list(v).items) collect_preorder(item, out);
      break;
    case Type::Dict:
      for (const auto& [k, item] : as_dict(v).entries) collect_preorder(item, out);
      break;
    case Type::Record:
      for (const auto& f : as_record(v).fields) collect_preorder(f, out);
      break;
    default: break;
  }
}

}  // namespace inv::test
