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
  if (compat && status != 413 && status != 503 && status < 500) {
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

AnalyzeService::AnalyzeService(const DetectorRegistry& detectors, ServiceOptions options)
    : detectors_(detectors), options_(std::move(options)) {}

std::shared_ptr<const CompiledPolicy> AnalyzeService::compiled(const std::string& text,
                                                               std::optional<PolicyError>& error) const {
  std::string key = policy_hash(text);
  {
    std::lock_guard lock(cache_mu_);
    auto it = cache_.find(key);
    if (it != cache_.end()) {
      cache_order_.splice(cache_order_.begin(), cache_order_, it->second.second);
      return it->second.first;
    }
  }
  auto outcome = compile_policy(text, detectors_, options_.parse);
  if (!outcome.policy) {
    error = outcome.error;
    return nullptr;
  }
  std::lock_guard lock(cache_mu_);
  if (options_.policy_cache_entries == 0) return outcome.policy;
  if (!cache_.count(key)) {
    cache_order_.push_front(key);
    cache_.emplace(key, std::make_pair(outcome.policy, cache_order_.begin()));
    while (cache_.size() > options_.policy_cache_entries) {
      cache_.erase(cache_order_.back());
      cache_order_.pop_back();
    }
  }
  return outcome.policy;
}

namespace {
ServiceResponse bad_request(const std::string& msg, const std::string& path, bool compat) {
  return error_response(400, "InvalidRequest", msg, std::nullopt, std::nullopt, path, compat);
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

ServiceResponse AnalyzeService::run(const json::value& request, bool monitor, bool detail) const {
  const bool compat = options_.compat_errors;
  auto t0 = std::chrono::steady_clock::now();
  if (!request.is_object()) return bad_request("the request body must be a JSON object", "", compat);
  const auto& o = request.as_object();
  auto pit = o.find("policy");
  if (pit == o.end()) return bad_request("field 'policy' is required", "policy", compat);
  if (!pit->value().is_string()) return bad_request("field 'policy' must be a string", "policy", compat);
  std::string text(pit->value().as_string());

  ServiceResponse err;
  json::array events;
  std::size_t past_count = 0;
  std::string prefix = "trace";
  if (monitor) {
    const auto* past = array_field(o, "past_events", err, compat);
    if (!past) return err;
    const auto* pending = array_field(o, "pending_events", err, compat);
    if (!pending) return err;
    events = *past;
    past_count = past->size();
    for (const auto& e : *pending) events.push_back(e);
    prefix = "events";
  } else {
    const auto* trace = array_field(o, "trace", err, compat);
    if (!trace) return err;
    events = *trace;
  }
  Value params;
  if (auto it = o.find("parameters"); it != o.end() && !it->value().is_null()) {
    if (!it->value().is_object()) return bad_request("field 'parameters' must be an object", "parameters", compat);
    params = json_to_value(it->value());
  }

  std::optional<PolicyError> perr;
  auto policy = compiled(text, perr);
  if (!policy) return policy_error(*perr, compat);
  auto t1 = std::chrono::steady_clock::now();

  auto normalized = normalize_trace(events, options_.trace, prefix);
  if (!normalized.trace) {
    const auto& e = *normalized.error;
    return error_response(400, "InvalidTrace", e.message, std::nullopt, std::nullopt, e.path, compat);
  }
  auto t2 = std::chrono::steady_clock::now();
  AnalysisResult result;
  try {
    result = monitor ? inv::check(*policy, *normalized.trace, past_count, params, options_.eval)
                     : inv::analyze(*policy, *normalized.trace, params, options_.eval);
  } catch (const PolicyRuntimeError& e) {
    return error_response(400, "PolicyRuntimeError", e.what(), std::nullopt, std::nullopt, "", compat);
  } catch (const LimitExceeded& e) {
    return error_response(422, "LimitExceeded", e.what(), std::nullopt, std::nullopt, e.limit(), compat);
  }
  auto t3 = std::chrono::steady_clock::now();

  ServiceResponse r;
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
    auto us = [](auto a, auto b) { return std::chrono::duration_cast<std::chrono::microseconds>(b - a).count(); };
    json::object timings;
    timings["compile_us"] = us(t0, t1);
    timings["normalize_us"] = us(t1, t2);
    timings["evaluate_us"] = us(t2, t3);
    r.body.as_object()["timings"] = std::move(timings);
    r.body.as_object()["policy_hash"] = policy->hash;
  }
  return r;
}

ServiceResponse AnalyzeService::analyze(const json::value& request, bool detail) const {
  return run(request, false, detail || options_.detail);
}
ServiceResponse AnalyzeService::check(const json::value& request, bool detail) const {
  return run(request, true, detail || options_.detail);
}

ServiceResponse AnalyzeService::load(const json::value& request) const {
  const bool compat = false;
  if (!request.is_object()) return bad_request("the request body must be a JSON object", "", compat);
  const auto& o = request.as_object();
  auto pit = o.find("policy");
  if (pit == o.end() || !pit->value().is_string())
    return bad_request("field 'policy' is required and must be a string", "policy", compat);
  std::optional<PolicyError> perr;
  auto policy = compiled(std::string(pit->value().as_string()), perr);
  if (!policy) return policy_error(*perr, compat);
  ServiceResponse r;
  json::object body;
  body["policy_hash"] = policy->hash;
  body["rules"] = policy->module->rules.size();
  r.body = std::move(body);
  return r;
}

}  // namespace inv::app
