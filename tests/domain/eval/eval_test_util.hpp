// Helpers shared by the evaluator tests: compile a policy, normalise a trace, analyze (or check) and
// render the outcome as the analyze endpoint's JSON body, so table-driven cases read like the
// conformance corpus:
//
//   {"errors": [{"error": "PolicyViolation(x, ranges=[<1 ranges>])", "ranges": ["messages.0"]}],
//    "handled_errors": []}
//
// A failure renders as {"exception": "<Type>: <message>"} (the corpus' shape for exceptions); the
// type is the Python exception type of a PolicyRuntimeError, the PolicyError type of a policy that
// does not compile, "InvalidTrace" for a trace that does not normalise and "LimitExceeded(<limit>)"
// for an evaluation limit.
#pragma once

#include <chrono>
#include <cstddef>
#include <memory>
#include <ostream>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <boost/json.hpp>
#include <gtest/gtest.h>

#include "domain/engine.hpp"
#include "domain/eval/detector_registry.hpp"
#include "domain/eval/errors.hpp"
#include "domain/trace/trace.hpp"

namespace inv::evaltest {

// One expected error of an analyze result.
struct Err {
  std::string error;
  std::vector<std::string> ranges;
};

// The string of a violation whose raise head is a string literal ([v2024-08] format,
// TRACE_AND_RESULTS.md §5.3): the message and the number of located ranges.
inline Err V(std::string message, std::vector<std::string> ranges = {}) {
  std::string text = "PolicyViolation(" + message + ", ranges=[<" + std::to_string(ranges.size()) + " ranges>])";
  return Err{std::move(text), std::move(ranges)};
}

// A violation built by an explicit `PolicyViolation(...)` head: printed without the ranges suffix.
inline Err PV(std::string printed, std::vector<std::string> ranges = {}) {
  return Err{"PolicyViolation(" + printed + ")", std::move(ranges)};
}

// What a case expects.
struct Expect {
  enum Kind { Errors, Raises, RaisesLike } kind = Errors;
  std::vector<Err> errors;
  std::string type;     // Raises / RaisesLike
  std::string message;  // exact message (Raises) or a fragment (RaisesLike)
};

inline Expect errs(std::vector<Err> e) { return Expect{Expect::Errors, std::move(e), {}, {}}; }
inline Expect no_errors() { return Expect{Expect::Errors, {}, {}, {}}; }
inline Expect fires(std::string message = "hit") { return errs({V(std::move(message))}); }  // once, unbound
inline Expect raises(std::string type, std::string message) {
  return Expect{Expect::Raises, {}, std::move(type), std::move(message)};
}
inline Expect raises_like(std::string type, std::string fragment) {
  return Expect{Expect::RaisesLike, {}, std::move(type), std::move(fragment)};
}

// The outcome of one evaluation.
struct Outcome {
  bool ok = false;
  AnalysisResult result;
  std::string type;     // failure type (see the file comment)
  std::string message;  // failure message
};

inline std::string body_of(const AnalysisResult& r) {
  boost::json::array errors;
  for (const auto& v : r.errors) {
    boost::json::array ranges;
    for (const auto& x : v.ranges) ranges.emplace_back(x);
    errors.emplace_back(boost::json::object{{"error", v.error}, {"ranges", std::move(ranges)}});
  }
  return boost::json::serialize(boost::json::object{{"errors", std::move(errors)}, {"handled_errors", boost::json::array{}}});
}

inline std::string check_body_of(const AnalysisResult& r) {
  boost::json::array out;
  for (const auto& v : r.errors) out.emplace_back(v.error);
  return boost::json::serialize(out);
}

inline std::string exception_body(const std::string& type, const std::string& message) {
  return boost::json::serialize(boost::json::object{{"exception", type + ": " + message}});
}

// The rendered outcome: the analyze body, or the exception object.
inline std::string render(const Outcome& o) { return o.ok ? body_of(o.result) : exception_body(o.type, o.message); }

inline std::string render(const Expect& e) {
  if (e.kind != Expect::Errors) return exception_body(e.type, e.message);
  AnalysisResult r;
  for (const auto& x : e.errors) {
    Violation v;
    v.error = x.error;
    v.ranges = x.ranges;
    r.errors.push_back(std::move(v));
  }
  return body_of(r);
}

inline const DetectorRegistry& empty_registry() {
  static const EmptyDetectorRegistry r;
  return r;
}

inline Value params_value(std::string_view params_json) {
  if (params_json.empty()) return none();
  return json_to_value(boost::json::parse(params_json));
}

struct Prepared {
  std::shared_ptr<const CompiledPolicy> policy;
  std::shared_ptr<const Trace> trace;
  Outcome failure;  // set when policy or trace is null
};

inline std::shared_ptr<const Trace> normalize_json(std::string_view trace_json, std::string* error) {
  boost::json::value v = boost::json::parse(trace_json);
  auto out = normalize_trace(v.as_array());
  if (out.error && error) *error = out.error->path + ": " + out.error->message;
  return out.trace;
}

inline Prepared prepare(std::string_view policy_text, std::string_view trace_json, const DetectorRegistry& registry) {
  Prepared p;
  auto c = compile_policy(policy_text, registry);
  if (!c.policy) {
    p.failure.type = c.error ? c.error->type : "PolicyError";
    p.failure.message = c.error ? c.error->message : "";
    return p;
  }
  std::string terr;
  auto t = normalize_json(trace_json, &terr);
  if (!t) {
    p.failure.type = "InvalidTrace";
    p.failure.message = terr;
    return p;
  }
  p.policy = c.policy;
  p.trace = t;
  return p;
}

template <class F>
Outcome guarded(F&& f) {
  Outcome o;
  try {
    o.result = f();
    o.ok = true;
  } catch (const PolicyRuntimeError& e) {
    o.type = e.py_type();
    o.message = e.what();
  } catch (const LimitExceeded& e) {
    o.type = "LimitExceeded(" + e.limit() + ")";
    o.message = e.what();
  }
  return o;
}

// Compiles `policy_text`, normalises `trace_json` (a JSON array) and analyzes.
inline Outcome run_analyze(std::string_view policy_text, std::string_view trace_json = "[]",
                           std::string_view params_json = "", const EvalLimits& limits = {},
                           const DetectorRegistry& registry = empty_registry()) {
  Prepared p = prepare(policy_text, trace_json, registry);
  if (!p.policy) return p.failure;
  Value params = params_value(params_json);
  return guarded([&] { return analyze(*p.policy, *p.trace, params, limits); });
}

// Monitor check: past + pending events analysed as one trace, only violations binding a pending event.
inline Outcome run_check(std::string_view policy_text, std::string_view past_json, std::string_view pending_json,
                         const EvalLimits& limits = {}, const DetectorRegistry& registry = empty_registry()) {
  boost::json::array all = boost::json::parse(past_json).as_array();
  const std::size_t past = all.size();
  const boost::json::value pending = boost::json::parse(pending_json);
  for (const auto& e : pending.as_array()) all.push_back(e);
  Prepared p = prepare(policy_text, boost::json::serialize(all), registry);
  if (!p.policy) return p.failure;
  return guarded([&] { return check(*p.policy, *p.trace, past, none(), limits); });
}

// Compares an outcome with an expectation: the rendered bodies must be equal (Errors, Raises), or the
// failure type must be equal and its message contain the fragment (RaisesLike).
inline ::testing::AssertionResult matches(const Outcome& got, const Expect& want) {
  if (want.kind == Expect::RaisesLike) {
    if (!got.ok && got.type == want.type && got.message.find(want.message) != std::string::npos)
      return ::testing::AssertionSuccess();
    return ::testing::AssertionFailure() << "\n  expected: " << want.type << " containing \"" << want.message
                                         << "\"\n       got: " << render(got);
  }
  std::string g = render(got), w = render(want);
  if (g == w) return ::testing::AssertionSuccess();
  return ::testing::AssertionFailure() << "\n  expected: " << w << "\n       got: " << g;
}

// A table case: policy text, trace (JSON array), expectation, optional policy parameters (JSON object).
struct Case {
  std::string name;
  std::string policy;
  std::string trace;
  Expect expect;
  std::string params;  // "" = no parameters
};

inline void PrintTo(const Case& c, std::ostream* os) { *os << c.name; }

inline std::string case_name(const ::testing::TestParamInfo<Case>& info) { return info.param.name; }

// A one-rule policy whose body is `lines` (each indented by four spaces); the head is the string "hit".
inline std::string rule(std::initializer_list<std::string_view> lines, std::string_view head = "\"hit\"") {
  std::string out = "raise " + std::string(head) + " if:\n";
  for (auto l : lines) {
    out += "    ";
    out += l;
    out += '\n';
  }
  return out;
}

// A policy printing one value: `x := [EXPR]` bound and raised as `PolicyViolation(x)`, so the error reads
// `PolicyViolation([<repr of the value>])` — a convenient probe of expression semantics.
inline std::string value_probe(std::string_view expr) {
  return "raise PolicyViolation(x) if:\n    x := [" + std::string(expr) + "]\n";
}

}  // namespace inv::evaltest
