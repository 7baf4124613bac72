#include "domain/engine.hpp"

#include <algorithm>

#include "domain/eval/builtins.hpp"
#include "domain/eval/interpreter.hpp"
#include "domain/result/py_repr.hpp"

namespace inv {

namespace {
struct Located {
  std::int32_t node;
  std::string text;
};

Violation build(const CompiledPolicy& policy, const Trace& trace, Model&& m) {
  Violation v;
  v.rule = m.rule;
  std::vector<Located> ranges;
  auto locate = [&](const Value& target, std::int64_t s, std::int64_t e) {
    if (!target || target->node_id < 0 || !trace.contains(target.get())) return;
    auto p = trace.path(target.get());
    if (!p) return;
    std::string text = "messages." + *p;
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
  for (const auto& [name, val] : m.store) {
    if (val->type == Type::Nop) continue;
    Binding b{name, py_repr(val), std::nullopt};
    if (val->node_id >= 0 && trace.contains(val.get()))
      if (auto p = trace.path(val.get())) b.path = "messages." + *p;
    v.bindings.push_back(std::move(b));
  }
  return v;
}

AnalysisResult run(const CompiledPolicy& policy, const Trace& trace, const Value& parameters,
                   const EvalLimits& limits, std::ptrdiff_t past_count) {
  AnalysisResult result;
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
    result.errors.push_back(build(policy, trace, std::move(m)));
  });
  return result;
}
}  // namespace

AnalysisResult analyze(const CompiledPolicy& policy, const Trace& trace, const Value& parameters,
                       const EvalLimits& limits) {
  return run(policy, trace, parameters, limits, -1);
}

AnalysisResult check(const CompiledPolicy& policy, const Trace& trace, std::size_t past_count,
                     const Value& parameters, const EvalLimits& limits) {
  return run(policy, trace, parameters, limits, static_cast<std::ptrdiff_t>(past_count));
}

}  // namespace inv
