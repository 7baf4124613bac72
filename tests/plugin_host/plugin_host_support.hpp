// Test support for the plugin host tests: a registry over chosen test-plugin directories (its log lines
// kept), the app's AnalyzeService on top of it, and helpers to run policies and call detector functions
// directly.
#pragma once

#include <gtest/gtest.h>

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include <boost/json.hpp>

#include "adapters/plugins/plugin_registry.hpp"
#include "app/analyze_service.hpp"
#include "domain/engine.hpp"
#include "domain/eval/eval_context.hpp"
#include "domain/result/py_repr.hpp"

namespace plugin_host {

namespace json = boost::json;
using inv::adapters::plugins::PluginRegistry;
using inv::adapters::plugins::PluginRegistryOptions;

// <build>/tests/plugin_host/plugins/<kind>: one directory per kind of test plugin.
inline std::string plugin_dir(const std::string& kind) { return std::string(INVARIANT_TEST_PLUGIN_DIR) + "/" + kind; }
inline std::string plugin_file(const std::string& kind, const std::string& name) {
  return plugin_dir(kind) + "/" + name + ".so";
}

// A trace of user messages with these contents.
inline json::array messages(const std::vector<std::string>& contents) {
  json::array out;
  for (const auto& c : contents) out.push_back(json::object{{"role", "user"}, {"content", c}});
  return out;
}

// What a policy analysis gave: the service's answer, and for a runtime error the Python exception type
// and message as the domain raised them (the service's answer carries the message only).
struct Outcome {
  int status = 0;
  json::value body;
  std::string error_type;  // the service's: "", "PolicyRuntimeError", "PolicyLoadingError", ...
  std::string py_type;     // for PolicyRuntimeError: "ValueError", "TimeoutError", ...
  std::string message;     // error.message of the service's answer
  std::vector<std::string> violations;  // errors[i].error
  std::vector<std::vector<std::string>> ranges;  // errors[i].ranges
};

// A registry over the built-in detectors (unless `builtins` is false) and the given test-plugin kinds, and
// an AnalyzeService using it. Plugin settings are "{}" unless `tweak` says otherwise.
class Host {
 public:
  explicit Host(const std::vector<std::string>& kinds, const std::function<void(PluginRegistryOptions&)>& tweak = {},
                bool builtins = true) {
    PluginRegistryOptions o;
    if (builtins) o.builtin_dirs.push_back(INVARIANT_BUILTIN_PLUGIN_DIR);
    for (const auto& k : kinds) o.plugin_dirs.push_back(plugin_dir(k));
    o.settings = [](const std::string&) { return std::string("{}"); };
    o.log = [this](const std::string& line) { log.push_back(line); };
    if (tweak) tweak(o);
    registry = std::make_unique<PluginRegistry>(std::move(o));
    service = std::make_unique<inv::app::AnalyzeService>(*registry, inv::app::ServiceOptions{});
  }
  Host(const Host&) = delete;
  Host& operator=(const Host&) = delete;

  // The refusal reason recorded for `path`, or nullopt when it was not refused.
  std::optional<std::string> refusal(const std::string& path) const {
    for (const auto& r : registry->refused())
      if (r.path == path) return r.reason;
    return std::nullopt;
  }
  std::size_t log_lines_containing(const std::string& needle) const {
    std::size_t n = 0;
    for (const auto& l : log)
      if (l.find(needle) != std::string::npos) ++n;
    return n;
  }

  Outcome analyze(const std::string& policy, const json::array& trace) const {
    Outcome out;
    inv::app::ServiceResponse r = service->analyze(json::object{{"policy", policy}, {"trace", trace}});
    out.status = r.status;
    out.body = r.body;
    out.error_type = r.error_type;
    if (!r.error_type.empty()) {
      if (const auto* o = r.body.if_object())
        if (const auto* e = o->if_contains("error"); e && e->is_object())
          out.message = std::string(e->as_object().at("message").as_string());
    } else {
      for (const auto& v : r.body.as_object().at("errors").as_array()) {
        out.violations.emplace_back(v.as_object().at("error").as_string());
        std::vector<std::string> rs;
        for (const auto& x : v.as_object().at("ranges").as_array()) rs.emplace_back(x.as_string());
        out.ranges.push_back(std::move(rs));
      }
    }
    if (r.error_type == "PolicyRuntimeError") {
      // The same analysis at the domain level, for the exception type (its detector calls run again).
      std::optional<inv::PolicyError> err;
      auto compiled = service->compiled(policy, err);
      auto t = inv::normalize_trace(trace);
      try {
        (void)inv::analyze(*compiled, *t.trace, inv::Value{});
      } catch (const inv::PolicyRuntimeError& e) {
        out.py_type = e.py_type();
      }
    }
    return out;
  }

  std::vector<std::string> log;
  std::unique_ptr<PluginRegistry> registry;
  std::unique_ptr<inv::app::AnalyzeService> service;
};

// An evaluation context for calling detector functions directly: records marks and charged steps, no
// memoisation.
class DirectContext final : public inv::EvalContext {
 public:
  struct Mark {
    inv::Value target;
    std::int64_t start, end;
  };
  void mark(const inv::Value& target, std::int64_t start, std::int64_t end) override {
    marks.push_back({target, start, end});
  }
  void charge(std::uint64_t cost) override { charged += cost; }
  inv::Value memoize(const std::string&, const std::function<inv::Value()>& compute) override { return compute(); }

  std::vector<Mark> marks;
  std::uint64_t charged = 0;
};

// Calls `module.name(args..., kwargs...)` as exported by the registry.
inline inv::Value call(const PluginRegistry& registry, const std::string& module, const std::string& name,
                       const std::vector<inv::Value>& args,
                       const std::vector<std::pair<std::string, inv::Value>>& kwargs = {},
                       DirectContext* context = nullptr) {
  inv::Value fn = registry.lookup(module, name);
  if (!fn) throw std::runtime_error(module + "." + name + " is not exported");
  DirectContext local;
  return static_cast<const inv::CallableObj&>(*fn).call(context ? *context : local, args, kwargs);
}

}  // namespace plugin_host
