#include "app/api_handler.hpp"

#include <algorithm>
#include <atomic>
#include <condition_variable>
#include <memory>
#include <mutex>
#include <vector>

#include <boost/json.hpp>

#include "domain/util/sha256.hpp"

namespace inv::app {

namespace json = boost::json;

const char* endpoint_name(Endpoint e) {
  switch (e) {
    case Endpoint::Analyze: return "analyze";
    case Endpoint::Check: return "check";
    case Endpoint::Load: return "load";
    case Endpoint::Batch: return "batch";
  }
  return "?";
}

std::string error_json(const std::string& type, const std::string& message, const std::string& path) {
  return json::serialize(error_response(400, type, message, std::nullopt, std::nullopt, path, false).body);
}

std::string detail_json(std::string_view text) {
  json::object o;
  o["detail"] = text;
  return json::serialize(o);
}

std::optional<json::value> parse_json_body(std::string_view body, ApiResponse& error, json::storage_ptr sp) {
  json::parse_options opts;
  opts.max_depth = 512;
  json::stream_parser p({}, opts);
  p.reset(std::move(sp));
  boost::system::error_code ec;
  std::size_t n = p.write(body.data(), body.size(), ec);
  if (!ec) p.finish(ec);
  if (!ec) return p.release();
  if (ec == json::error::incomplete || n > body.size()) n = body.size();
  int line = 1, column = 1;
  for (std::size_t i = 0; i < n; ++i) {
    if (body[i] == '\n') {
      ++line;
      column = 1;
    } else {
      ++column;
    }
  }
  std::string message = body.empty() ? "the request body is empty; it must be a JSON object"
                                     : "the request body is not valid JSON: " + ec.message() + " (at byte " +
                                           std::to_string(n) + ")";
  auto r = error_response(400, "InvalidJSON", message, line, column, "", false);
  error.status = r.status;
  error.error_type = r.error_type;
  error.body = json::serialize(r.body);
  return std::nullopt;
}

ApiHandler::ApiHandler(const AnalyzeService& service, ApiOptions options, ports::Metrics& metrics, WorkerPool* pool)
    : service_(service),
      options_(options),
      metrics_(metrics),
      pool_(pool),
      cache_(options.result_cache_entries, options.result_cache_bytes) {
  if (options_.batch_concurrency == 0) options_.batch_concurrency = 1;
}

void ApiHandler::report(std::string_view kind, const ServiceTimings& t) const {
  ports::EvaluationObservation e;
  e.kind = kind;
  e.policy_compiled = t.policy_compiled;
  e.compile_seconds = static_cast<double>(t.compile_us) / 1e6;
  e.normalize_seconds = static_cast<double>(t.normalize_us) / 1e6;
  e.evaluate_seconds = static_cast<double>(t.evaluate_us) / 1e6;
  metrics_.evaluation_finished(e);
}

namespace {
ApiResponse from_service(ServiceResponse&& r, const ApiRequest& call) {
  ApiResponse out;
  out.status = r.status;
  out.error_type = r.error_type;
  out.facts = std::move(r.facts);
  if (call.detail && r.body.is_object() && !call.decision_id.empty())
    r.body.as_object()["decision_id"] = call.decision_id;
  out.body = json::serialize(r.body);
  return out;
}

bool deterministic(int status) { return status == 200 || status == 400; }

ApiResponse limit_response(int status, const std::string& message, const std::string& path) {
  auto r = error_response(status, "LimitExceeded", message, std::nullopt, std::nullopt, path, false);
  ApiResponse out;
  out.status = r.status;
  out.error_type = r.error_type;
  out.body = json::serialize(r.body);
  return out;
}
}  // namespace

ApiResponse ApiHandler::handle(const ApiRequest& call) const {
  if (call.body.size() > options_.max_body_bytes)
    return limit_response(413,
                          "the request body has " + std::to_string(call.body.size()) + " bytes; the limit is " +
                              std::to_string(options_.max_body_bytes),
                          "");
  // The parsed request lives only during this call (answers are serialized before it returns), so it is
  // allocated from a per-call arena: one free instead of one per JSON node.
  unsigned char arena[16384];
  json::monotonic_resource mr(arena, sizeof arena);
  ApiResponse parse_error;
  auto parsed = parse_json_body(call.body, parse_error, json::storage_ptr(&mr));
  if (!parsed) return parse_error;
  const json::value& request = *parsed;

  const bool use_cache = cache_.enabled() && !call.no_cache && !call.detail && call.endpoint != Endpoint::Load;
  std::string key;
  if (use_cache) {
    Sha256 h;
    h.update(endpoint_name(call.endpoint));
    h.update(std::string_view("\0", 1));
    h.update(json::serialize(request));
    auto digest = h.digest();
    key.assign(reinterpret_cast<const char*>(digest.data()), digest.size());
    if (auto hit = cache_.get(key)) {
      metrics_.cache_lookup(ports::CacheKind::Result, true);
      ApiResponse out;
      out.status = hit->status;
      out.body = hit->body;
      out.error_type = hit->error_type;
      out.facts = hit->facts;
      out.cache_hit = true;
      return out;
    }
    metrics_.cache_lookup(ports::CacheKind::Result, false);
  }

  CallOptions opts;
  opts.detail = call.detail;
  opts.deadline = call.deadline;
  ApiResponse out;
  bool cacheable = false;
  switch (call.endpoint) {
    case Endpoint::Analyze:
    case Endpoint::Check: {
      auto r = call.endpoint == Endpoint::Analyze ? service_.analyze_call(request, opts)
                                                  : service_.check_call(request, opts);
      if (r.timings.evaluated || r.timings.compile_us) report(endpoint_name(call.endpoint), r.timings);
      out = from_service(std::move(r), call);
      cacheable = deterministic(out.status);
      break;
    }
    case Endpoint::Load: {
      auto r = service_.load(request);
      if (r.timings.compile_us) report("load", r.timings);
      if (call.detail && r.body.is_object()) {
        json::object t;
        t["compile_us"] = r.timings.compile_us;
        t["compiled"] = r.timings.policy_compiled;
        r.body.as_object()["timings"] = std::move(t);
      }
      out = from_service(std::move(r), call);
      break;
    }
    case Endpoint::Batch: {
      out = handle_batch(request, call, cacheable);
      cacheable = cacheable || out.status == 400;
      break;
    }
  }
  if (use_cache && cacheable) {
    auto value = std::make_shared<const Cached>(Cached{out.status, out.body, out.error_type, out.facts});
    cache_.put(key, value, out.body.size() + out.error_type.size() + sizeof(Cached) + 64);
    auto st = cache_.stats();
    metrics_.cache_size(ports::CacheKind::Result, st.entries, st.bytes);
  }
  return out;
}

namespace {
ApiResponse batch_bad_request(const std::string& message, const std::string& path) {
  auto r = error_response(400, "InvalidRequest", message, std::nullopt, std::nullopt, path, false);
  ApiResponse out;
  out.status = r.status;
  out.error_type = r.error_type;
  out.body = json::serialize(r.body);
  return out;
}

// Shared by the batch's owner and the idle workers that help it; helpers that start after the owner has
// finished find `closed` and leave without touching the owner's data.
struct BatchRun {
  std::atomic<std::size_t> next{0};
  std::mutex mu;
  std::condition_variable cv;
  std::size_t active = 0;
  bool closed = false;
};
}  // namespace

ApiResponse ApiHandler::handle_batch(const json::value& request, const ApiRequest& call, bool& cacheable) const {
  cacheable = false;
  if (!request.is_object()) return batch_bad_request("the request body must be a JSON object", "");
  const auto& o = request.as_object();
  std::vector<std::string> policies;
  auto pit = o.find("policy");
  auto psit = o.find("policies");
  if (pit != o.end() && psit != o.end())
    return batch_bad_request("give either 'policy' or 'policies', not both", "policies");
  if (pit != o.end()) {
    if (!pit->value().is_string()) return batch_bad_request("field 'policy' must be a string", "policy");
    policies.emplace_back(pit->value().as_string());
  } else if (psit != o.end()) {
    if (!psit->value().is_array() || psit->value().as_array().empty())
      return batch_bad_request("field 'policies' must be a non-empty array of strings", "policies");
    const auto& arr = psit->value().as_array();
    for (std::size_t i = 0; i < arr.size(); ++i) {
      if (!arr[i].is_string())
        return batch_bad_request("policies[" + std::to_string(i) + "] must be a string",
                                 "policies[" + std::to_string(i) + "]");
      policies.emplace_back(arr[i].as_string());
    }
  } else {
    return batch_bad_request("field 'policy' (a string) or 'policies' (an array of strings) is required", "policy");
  }
  auto tit = o.find("traces");
  if (tit == o.end()) return batch_bad_request("field 'traces' is required", "traces");
  if (!tit->value().is_array()) return batch_bad_request("field 'traces' must be an array of traces", "traces");
  const auto& traces = tit->value().as_array();
  for (std::size_t j = 0; j < traces.size(); ++j) {
    const std::string at = "traces[" + std::to_string(j) + "]";
    if (!traces[j].is_array()) return batch_bad_request(at + " must be an array of events", at);
    const auto& events = traces[j].as_array();
    for (std::size_t k = 0; k < events.size(); ++k)
      if (!events[k].is_object())
        return batch_bad_request(at + "[" + std::to_string(k) + "] must be a JSON object (an event)",
                                 at + "[" + std::to_string(k) + "]");
  }
  const json::value* params = nullptr;
  if (auto it = o.find("parameters"); it != o.end() && !it->value().is_null()) {
    if (!it->value().is_object()) return batch_bad_request("field 'parameters' must be an object", "parameters");
    params = &it->value();
  }
  const std::size_t n = policies.size() * traces.size();
  if (n > options_.batch_max_items)
    return limit_response(413,
                          "the batch has " + std::to_string(n) + " items (policies x traces); the limit is " +
                              std::to_string(options_.batch_max_items),
                          "traces");

  // A policy that does not compile fails the same way on every trace: evaluate it once.
  std::vector<char> policy_ok(policies.size(), 1);
  DecisionFacts facts;
  for (std::size_t i = 0; i < policies.size(); ++i) {
    std::optional<PolicyError> err;
    auto compiled = service_.compiled(policies[i], err);
    if (!compiled) policy_ok[i] = 0;
    if (i > 0) facts.policy_hash += ',';
    facts.policy_hash += compiled ? compiled->hash : sha256_hex(policies[i]);
  }

  std::vector<ServiceResponse> results(n);
  CallOptions opts;
  opts.detail = call.detail;
  opts.deadline = call.deadline;
  auto run_item = [&](std::size_t k) {
    const std::size_t i = k / traces.size(), j = k % traces.size();
    if (!policy_ok[i] && j > 0) return;  // copied from item (i, 0) below
    results[k] = service_.analyze_trace(policies[i], traces[j].as_array(), params, opts);
    report("batch", results[k].timings);
  };

  auto state = std::make_shared<BatchRun>();
  auto drain = [state, n, &run_item] {
    for (std::size_t k; (k = state->next.fetch_add(1)) < n;) run_item(k);
  };
  const std::size_t parallel = std::min(options_.batch_concurrency, n);
  const std::size_t helpers = parallel > 0 ? parallel - 1 : 0;
  if (pool_) {
    for (std::size_t h = 0; h < helpers; ++h) {
      bool queued = pool_->try_submit_if_idle([state, drain] {
        {
          std::lock_guard lock(state->mu);
          if (state->closed) return;
          ++state->active;
        }
        drain();
        std::lock_guard lock(state->mu);
        --state->active;
        state->cv.notify_all();
      });
      if (!queued) break;
    }
  }
  drain();
  {
    std::unique_lock lock(state->mu);
    state->closed = true;
    state->cv.wait(lock, [&] { return state->active == 0; });
  }

  json::array items;
  items.reserve(n);
  bool all_deterministic = true;
  for (std::size_t k = 0; k < n; ++k) {
    const std::size_t i = k / traces.size(), j = k % traces.size();
    const ServiceResponse& r = (!policy_ok[i] && j > 0) ? results[i * traces.size()] : results[k];
    all_deterministic = all_deterministic && deterministic(r.status);
    if (!(!policy_ok[i] && j > 0))
      for (const auto& [message, count] : r.facts.rules) facts.add_rule(message, count);
    json::object item;
    item["policy"] = i;
    item["trace"] = j;
    item["status"] = r.status;
    item["body"] = r.body;
    items.push_back(std::move(item));
  }
  json::object body;
  body["results"] = std::move(items);
  if (call.detail && !call.decision_id.empty()) body["decision_id"] = call.decision_id;
  ApiResponse out;
  out.status = 200;
  out.body = json::serialize(body);
  out.facts = std::move(facts);
  // A batch with a limit-exceeded or failed item is not stored in the result cache.
  cacheable = all_deterministic;
  return out;
}

}  // namespace inv::app
