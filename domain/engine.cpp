#include "domain/engine.hpp"

#include <algorithm>
#include <unordered_map>

#include "domain/eval/builtins.hpp"
#include "domain/eval/interpreter.hpp"
#include "domain/result/py_repr.hpp"

namespace inv {

namespace {
struct Located {
  std::int32_t node;
  std::string text;
};

// Addresses of trace nodes, computed once per analysis: many violations bind the same nodes.
class PathCache {
 public:
  explicit PathCache(const Trace& t) : trace_(t) {}
  const std::string* get(const Obj* obj) {
    if (!obj || obj->node_id < 0 || !trace_.contains(obj)) return nullptr;
    auto it = paths_.find(obj->node_id);
    if (it == paths_.end()) {
      auto p = trace_.path(obj);
      if (!p) return nullptr;
      it = paths_.emplace(obj->node_id, "messages." + *p).first;
    }
    return &it->second;
  }

 private:
  const Trace& trace_;
  std::unordered_map<std::int32_t, std::string> paths_;
};

Violation build(const CompiledPolicy& policy, PathCache& paths, Model&& m, bool with_bindings) {
  Violation v;
  v.rule = m.rule;
  std::vector<Located> ranges;
  auto locate = [&](const Value& target, std::int64_t s, std::int64_t e) {
    const std::string* p = paths.get(target.get());
    if (!p) return;
    std::string text = *p;
    if (s >= 0) text += ":" + std::to_string(s) + "-" + std::to_string(e);
    ranges.push_back(Located{target->node_id, std::move(text)});
  };
  for (const auto& mk : m.marks) locate(mk.target, mk.start, mk.end);
  for (const auto& [_, val] : m.store) locate(val, -1, -1);
  std::stable_sort(ranges.begin(), ranges.end(), [](const Located& a, const Located& b) { return a.node < b.node; });
  for (auto& r : ranges) v.ranges.push_back(std::move(r.text));

  const auto& head = *policy.module->rules[static_cast<std::size_t>(m.rule)].head;
  if (head.kind == policy::ExprKind::String) {
    v.message = head.text;
  } else if (m.head && is_violation(m.head)) {
    v.error = violation_string(m.head);
    const auto& rec = as_record(m.head);
    const auto& args = as_list(rec.fields[0]).items;
    for (std::size_t i = 0; i < args.size(); ++i) {
      if (i) v.message += ' ';
      v.message += py_str(args[i]);
    }
    for (const auto& [k, x] : as_dict(rec.fields[1]).entries) v.kwargs.emplace_back(k, py_str(x));
  } else if (m.head) {
    v.message = py_str(m.head);
  }
  if (v.error.empty())
    v.error = "PolicyViolation(" + v.message + ", ranges=[<" + std::to_string(v.ranges.size()) + " ranges>])";
  if (with_bindings) {
    for (const auto& [name, val] : m.store) {
      if (val->type == Type::Nop) continue;
      Binding b{std::string(name), py_repr(val), std::nullopt};
      if (const std::string* p = paths.get(val.get())) b.path = *p;
      v.bindings.push_back(std::move(b));
    }
  }
  return v;
}

AnalysisResult run(const CompiledPolicy& policy, const Trace& trace, const Value& parameters,
                   const EvalLimits& limits, std::ptrdiff_t past_count, bool with_bindings) {
  AnalysisResult result;
  PathCache paths(trace);
  Interpreter interp(policy, trace, parameters, limits);
  interp.run([&](Model&& m) {
    if (past_count >= 0) {
      bool pending = false;
      for (const auto& [_, val] : m.store)
        if (val->type == Type::Record && as_record(val).trace_idx >= past_count && trace.contains(val.get()))
          pending = true;
      if (!pending) return;
    }
    if (result.errors.size() >= limits.max_violations)
      throw LimitExceeded("violations", "the result would hold more than " + std::to_string(limits.max_violations) +
                                            " violations");
    result.errors.push_back(build(policy, paths, std::move(m), with_bindings));
  });
  return result;
}
}  // namespace

AnalysisResult analyze(const CompiledPolicy& policy, const Trace& trace, const Value& parameters,
                       const EvalLimits& limits, bool with_bindings) {
  return run(policy, trace, parameters, limits, -1, with_bindings);
}

AnalysisResult check(const CompiledPolicy& policy, const Trace& trace, std::size_t past_count,
                     const Value& parameters, const EvalLimits& limits, bool with_bindings) {
  return run(policy, trace, parameters, limits, static_cast<std::ptrdiff_t>(past_count), with_bindings);
}

}  // namespace inv
