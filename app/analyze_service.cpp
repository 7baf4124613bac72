#include "app/analyze_service.hpp"

#include <chrono>

#include <boost/json.hpp>

namespace inv::app {

namespace json = boost::json;

ServiceResponse error_response(int status, const std::string& type, const std::string& message,
                               std::optional<int> line, std::optional<int> column, const std::string& path,
                               bool compat) {
  ServiceResponse r;
  r.error_type = type;
  if (compat && status == 400 && type != "InvalidRequest" && type != "InvalidJSON") {
    r.status = 200;
    r.body = json::string(message);
    return r;
  }
  r.status = status;
  json::object err;
  err["type"] = type;
  err["message"] = message;
  err["line"] = line ? json::value(*line) : json::value(nullptr);
  err["column"] = column ? json::value(*column) : json::value(nullptr);
  err["path"] = path.empty() ? json::value(nullptr) : json::value(path);
  json::object body;
  body["detail"] = message;
  body["error"] = std::move(err);
  r.body = std::move(body);
  return r;
}

std::size_t estimated_compiled_policy_bytes(std::size_t source_bytes) {
  // Measured on the server (resident memory growth per cached policy): about 9 KB for a 212-byte policy
  // and 17 KB for a 1,230-byte one (fixed tables such as globals, plus AST, scopes and regex programs
  // growing about 8 bytes per source byte). Rounded up.
  return 8 * 1024 + 10 * source_bytes;
}

AnalyzeService::AnalyzeService(const DetectorRegistry& detectors, ServiceOptions options)
    : detectors_(detectors),
      options_(std::move(options)),
      cache_(options_.policy_cache_entries, options_.policy_cache_bytes) {}

std::shared_ptr<const CompiledPolicy> AnalyzeService::compiled(const std::string& text,
                                                               std::optional<PolicyError>& error) const {
  return compiled_impl(text, error, nullptr);
}

std::shared_ptr<const CompiledPolicy> AnalyzeService::compiled_impl(const std::string& text,
                                                                    std::optional<PolicyError>& error,
                                                                    bool* compiled_now) const {
  std::string key = policy_hash(text);
  if (auto hit = cache_.get(key)) {
    if (metrics_) metrics_->cache_lookup(ports::CacheKind::Policy, true);
    return hit;
  }
  if (metrics_) metrics_->cache_lookup(ports::CacheKind::Policy, false);
  auto outcome = compile_policy(text, detectors_, options_.parse);
  if (compiled_now) *compiled_now = true;
  if (!outcome.policy) {
    error = outcome.error;
    return nullptr;
  }
  cache_.put(key, outcome.policy, estimated_compiled_policy_bytes(text.size()));
  if (metrics_) {
    auto st = cache_.stats();
    metrics_->cache_size(ports::CacheKind::Policy, st.entries, st.bytes);
  }
  return outcome.policy;
}

namespace {
ServiceResponse bad_request(const std::string& msg, const std::string& path, bool /*compat*/) {
  // Malformed requests were never answered with a bare string by the original (FastAPI said 422), so
  // the compatibility switch does not apply to them.
  return error_response(400, "InvalidRequest", msg, std::nullopt, std::nullopt, path, false);
}

ServiceResponse policy_error(const PolicyError& e, bool compat) {
  if (e.type == "LimitExceeded")
    return error_response(413, "LimitExceeded", e.message, std::nullopt, std::nullopt, "policy", compat);
  std::optional<int> line, column;
  if (!e.diagnostics.empty()) {
    line = e.diagnostics[0].pos.line + 1;
    column = e.diagnostics[0].pos.column;
  }
  std::string type = e.type == "PolicyLoadingError" ? "PolicyLoadingError" : e.type;
  return error_response(400, type, e.message, line, column, "policy", compat);
}

const json::array* array_field(const json::object& o, const char* name, ServiceResponse& err, bool compat) {
  auto it = o.find(name);
  if (it == o.end()) {
    err = bad_request(std::string("field '") + name + "' is required", name, compat);
    return nullptr;
  }
  if (!it->value().is_array()) {
    err = bad_request(std::string("field '") + name + "' must be an array of events", name, compat);
    return nullptr;
  }
  const auto& arr = it->value().as_array();
  for (std::size_t i = 0; i < arr.size(); ++i)
    if (!arr[i].is_object()) {
      err = bad_request(std::string(name) + "[" + std::to_string(i) + "] must be a JSON object (an event)",
                        std::string(name) + "[" + std::to_string(i) + "]", compat);
      return nullptr;
    }
  return &arr;
}

json::value violation_json(const Violation& v, bool detail) {
  json::object o;
  o["error"] = v.error;
  json::array ranges;
  for (const auto& r : v.ranges) ranges.emplace_back(r);
  o["ranges"] = std::move(ranges);
  if (detail) {
    json::object d;
    d["rule"] = v.rule;
    d["message"] = v.message;
    json::object kw;
    for (const auto& [k, x] : v.kwargs) kw[k] = x;
    d["kwargs"] = std::move(kw);
    json::array bindings;
    for (const auto& b : v.bindings) {
      json::object bo;
      bo["name"] = b.name;
      bo["value"] = b.value;
      bo["address"] = b.path ? json::value(*b.path) : json::value(nullptr);
      bindings.push_back(std::move(bo));
    }
    d["bindings"] = std::move(bindings);
    o["detail"] = std::move(d);
  }
  return o;
}
}  // namespace

ServiceResponse AnalyzeService::run(const json::value& request, bool monitor, const CallOptions& call) const {
  const bool compat = options_.compat_errors;
  if (!request.is_object()) return bad_request("the request body must be a JSON object", "", compat);
  const auto& o = request.as_object();
  auto pit = o.find("policy");
  if (pit == o.end()) return bad_request("field 'policy' is required", "policy", compat);
  if (!pit->value().is_string()) return bad_request("field 'policy' must be a string", "policy", compat);
  std::string text(pit->value().as_string());

  ServiceResponse err;
  json::array joined;
  const json::array* events = nullptr;
  std::size_t past_count = 0;
  if (monitor) {
    const auto* past = array_field(o, "past_events", err, compat);
    if (!past) return err;
    const auto* pending = array_field(o, "pending_events", err, compat);
    if (!pending) return err;
    joined.reserve(past->size() + pending->size());
    for (const auto& e : *past) joined.push_back(e);
    for (const auto& e : *pending) joined.push_back(e);
    past_count = past->size();
    events = &joined;
  } else {
    events = array_field(o, "trace", err, compat);
    if (!events) return err;
  }
  const json::value* params = nullptr;
  if (auto it = o.find("parameters"); it != o.end() && !it->value().is_null()) {
    if (!it->value().is_object()) return bad_request("field 'parameters' must be an object", "parameters", compat);
    params = &it->value();
  }
  return evaluate(text, *events, past_count, params, monitor, call);
}

ServiceResponse AnalyzeService::evaluate(const std::string& text, const json::array& events, std::size_t past_count,
                                         const json::value* parameters, bool monitor,
                                         const CallOptions& call) const {
  const bool compat = options_.compat_errors;
  const bool detail = call.detail || options_.detail;
  using clock = std::chrono::steady_clock;
  auto us = [](auto a, auto b) { return std::chrono::duration_cast<std::chrono::microseconds>(b - a).count(); };
  ServiceTimings timings;
  auto t0 = clock::now();
  Value params;
  if (parameters) params = json_to_value(*parameters);

  std::optional<PolicyError> perr;
  auto policy = compiled_impl(text, perr, &timings.policy_compiled);
  auto t1 = clock::now();
  timings.compile_us = us(t0, t1);
  if (!policy) {
    auto r = policy_error(*perr, compat);
    r.timings = timings;
    r.facts.policy_hash = policy_hash(text);
    return r;
  }
  // Every answer from here on is about this policy.
  struct Stamp {
    ServiceResponse operator()(ServiceResponse r) const {
      r.facts.policy_hash = hash;
      return r;
    }
    const std::string& hash;
  } stamped{policy->hash};

  auto normalized = normalize_trace(events, options_.trace, monitor ? "events" : "trace");
  auto t2 = clock::now();
  timings.normalize_us = us(t1, t2);
  if (!normalized.trace) {
    const auto& e = *normalized.error;
    // Too many events / values / nesting is a size limit (413), not a malformed trace.
    bool limit = e.py_type == "LimitExceeded";
    auto r = error_response(limit ? 413 : 400, limit ? "LimitExceeded" : "InvalidTrace", e.message, std::nullopt,
                            std::nullopt, e.path, compat);
    r.timings = timings;
    return stamped(std::move(r));
  }
  EvalLimits limits = options_.eval;
  if (call.deadline) {
    auto remaining = std::chrono::duration_cast<std::chrono::milliseconds>(*call.deadline - t2);
    if (remaining < std::chrono::milliseconds(1)) remaining = std::chrono::milliseconds(1);
    if (remaining < limits.deadline) limits.deadline = remaining;
  }
  timings.evaluated = true;
  AnalysisResult result;
  try {
    result = monitor ? inv::check(*policy, *normalized.trace, past_count, params, limits, detail)
                     : inv::analyze(*policy, *normalized.trace, params, limits, detail);
  } catch (const PolicyRuntimeError& e) {
    timings.evaluate_us = us(t2, clock::now());
    auto r = error_response(400, "PolicyRuntimeError", e.what(), std::nullopt, std::nullopt, "", compat);
    r.timings = timings;
    return stamped(std::move(r));
  } catch (const LimitExceeded& e) {
    timings.evaluate_us = us(t2, clock::now());
    auto r = error_response(422, "LimitExceeded", e.what(), std::nullopt, std::nullopt, e.limit(), compat);
    r.timings = timings;
    return stamped(std::move(r));
  }
  auto t3 = clock::now();
  timings.evaluate_us = us(t2, t3);

  ServiceResponse r;
  r.timings = timings;
  for (const auto& v : result.errors) r.facts.add_rule(v.message);
  if (monitor) {
    json::array out;
    for (const auto& v : result.errors) out.emplace_back(v.error);
    if (detail) {
      json::object body;
      body["errors"] = std::move(out);
      json::array structured;
      for (const auto& v : result.errors) structured.push_back(violation_json(v, true));
      body["detail"] = std::move(structured);
      r.body = std::move(body);
    } else {
      r.body = std::move(out);
    }
  } else {
    json::object body;
    json::array errors;
    for (const auto& v : result.errors) errors.push_back(violation_json(v, detail));
    body["errors"] = std::move(errors);
    body["handled_errors"] = json::array();
    r.body = std::move(body);
  }
  if (detail && r.body.is_object()) {
    json::object t;
    t["compile_us"] = timings.compile_us;
    t["normalize_us"] = timings.normalize_us;
    t["evaluate_us"] = timings.evaluate_us;
    r.body.as_object()["timings"] = std::move(t);
    r.body.as_object()["policy_hash"] = policy->hash;
  }
  return stamped(std::move(r));
}

ServiceResponse AnalyzeService::analyze(const json::value& request, bool detail) const {
  CallOptions call;
  call.detail = detail;
  return run(request, false, call);
}
ServiceResponse AnalyzeService::check(const json::value& request, bool detail) const {
  CallOptions call;
  call.detail = detail;
  return run(request, true, call);
}
ServiceResponse AnalyzeService::analyze_call(const json::value& request, const CallOptions& call) const {
  return run(request, false, call);
}
ServiceResponse AnalyzeService::check_call(const json::value& request, const CallOptions& call) const {
  return run(request, true, call);
}
ServiceResponse AnalyzeService::analyze_trace(const std::string& policy, const json::array& trace,
                                              const json::value* parameters, const CallOptions& call) const {
  return evaluate(policy, trace, 0, parameters, false, call);
}

ServiceResponse AnalyzeService::load(const json::value& request) const {
  const bool compat = false;
  if (!request.is_object()) return bad_request("the request body must be a JSON object", "", compat);
  const auto& o = request.as_object();
  auto pit = o.find("policy");
  if (pit == o.end() || !pit->value().is_string())
    return bad_request("field 'policy' is required and must be a string", "policy", compat);
  std::optional<PolicyError> perr;
  ServiceTimings timings;
  auto t0 = std::chrono::steady_clock::now();
  auto policy = compiled_impl(std::string(pit->value().as_string()), perr, &timings.policy_compiled);
  timings.compile_us =
      std::chrono::duration_cast<std::chrono::microseconds>(std::chrono::steady_clock::now() - t0).count();
  if (!policy) {
    auto r = policy_error(*perr, compat);
    r.timings = timings;
    r.facts.policy_hash = policy_hash(std::string(pit->value().as_string()));
    return r;
  }
  ServiceResponse r;
  r.timings = timings;
  r.facts.policy_hash = policy->hash;
  json::object body;
  body["policy_hash"] = policy->hash;
  body["rules"] = policy->module->rules.size();
  r.body = std::move(body);
  return r;
}

}  // namespace inv::app
