// Timings of the policy engine and of the analyze use case (bench/README.md explains every benchmark).
//
//   Compile/<policy>        compile_policy: parse, check, link, precompile regexes (no cache)
//   Normalize/<workload>    normalize_trace on the parsed JSON array (engine only)
//   Analyze/<workload>      analyze on an already normalised trace, every error string built
//   Engine/<workload>       normalize_trace + analyze: the engine's whole share of one request
//   Service/<workload>      AnalyzeService::analyze on a parsed request body -> response JSON value
//                           (policy cache lookup, request validation, normalisation, evaluation, DTOs)
//   ServiceText/<workload>  request text -> boost::json::parse -> Service -> boost::json::serialize
//   Detector/<name>         analyze of a one-rule policy calling that detector plugin on every tool output
//                           (or shell command) of flow/1000: the plugin ABI round trip (arguments to JSON,
//                           the detector, the answer back to values) plus the detector's own work;
//                           counter calls/s
//
// Counters: events/s (trace events per second of wall time), violations (errors in the result),
// maxrss_MiB (the process's peak resident set so far: a high-water mark over every benchmark that ran
// before; engine_memory measures one workload per process).
#include <sys/resource.h>

#include <cstdio>
#include <cstdlib>
#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

#include <benchmark/benchmark.h>
#include <boost/json.hpp>

#include "adapters/plugins/plugin_registry.hpp"
#include "app/analyze_service.hpp"
#include "app/config.hpp"
#include "bench_workloads.hpp"
#include "domain/engine.hpp"

namespace {

namespace json = boost::json;
using inv::bench::Workload;

double maxrss_mib() {
  rusage ru{};
  getrusage(RUSAGE_SELF, &ru);
  return static_cast<double>(ru.ru_maxrss) / 1024.0;  // Linux: kilobytes
}

const inv::adapters::plugins::PluginRegistry& registry() {
  static const inv::adapters::plugins::PluginRegistry r(inv::adapters::plugins::builtin_plugins_only());
  return r;
}

// The service's configuration from the environment (INVARIANT_EVAL_TIMEOUT_MS, INVARIANT_MAX_STEPS, ...),
// so that the engine benchmarks run under exactly the limits the service applies. Raise the deadline when
// running under a profiler such as callgrind.
const inv::app::ServiceOptions& options() {
  static const inv::app::ServiceOptions o = inv::app::service_options_from_env();
  return o;
}

// Everything a workload needs, loaded once before timing.
struct Loaded {
  Workload w;
  std::string policy_text;
  std::string trace_text;
  json::array trace_json;
  std::string request_text;     // {"policy": ..., "trace": [...]}
  json::value request_json;
  std::shared_ptr<const inv::CompiledPolicy> policy;
  std::shared_ptr<const inv::Trace> trace;
};

Loaded load(const Workload& w) {
  Loaded l;
  l.w = w;
  l.policy_text = inv::bench::read_file(w.policy_file);
  l.trace_text = inv::bench::read_file(w.trace_file);
  json::value tv = json::parse(l.trace_text);
  if (!tv.is_array()) throw std::runtime_error(w.trace_file + ": not a JSON array");
  l.trace_json = tv.as_array();
  if (l.trace_json.size() != w.events)
    throw std::runtime_error(w.trace_file + ": expected " + std::to_string(w.events) + " events, found " +
                             std::to_string(l.trace_json.size()));
  json::object req;
  req["policy"] = l.policy_text;
  req["trace"] = l.trace_json;
  l.request_json = req;
  l.request_text = json::serialize(l.request_json);

  auto c = inv::compile_policy(l.policy_text, registry(), options().parse);
  if (!c.policy) throw std::runtime_error(w.policy_file + ": " + c.error->message);
  l.policy = c.policy;
  auto n = inv::normalize_trace(l.trace_json, options().trace);
  if (!n.trace) throw std::runtime_error(w.trace_file + ": " + n.error->message);
  l.trace = n.trace;
  return l;
}

void set_counters(benchmark::State& state, const Loaded& l, std::size_t violations) {
  state.counters["events/s"] =
      benchmark::Counter(static_cast<double>(l.w.events), benchmark::Counter::kIsIterationInvariantRate);
  state.counters["violations"] = static_cast<double>(violations);
  state.counters["maxrss_MiB"] = maxrss_mib();
}

std::size_t count_errors(const inv::app::ServiceResponse& r, const std::string& name) {
  if (r.status != 200 || !r.body.is_object())
    throw std::runtime_error(name + ": service answered " + std::to_string(r.status) + " " +
                             json::serialize(r.body));
  return r.body.as_object().at("errors").as_array().size();
}

void bm_compile(benchmark::State& state, std::string name, std::string text) {
  for (auto _ : state) {
    auto c = inv::compile_policy(text, registry(), options().parse);
    if (!c.policy) {
      state.SkipWithError((name + ": " + c.error->message).c_str());
      return;
    }
    benchmark::DoNotOptimize(c.policy.get());
  }
  state.counters["bytes"] = static_cast<double>(text.size());
  state.counters["maxrss_MiB"] = maxrss_mib();
}

void bm_normalize(benchmark::State& state, const Loaded* l) {
  try {
    for (auto _ : state) {
      auto n = inv::normalize_trace(l->trace_json, options().trace);
      benchmark::DoNotOptimize(n.trace.get());
    }
    set_counters(state, *l, 0);
    state.counters["nodes"] = static_cast<double>(l->trace->nodes.size());
  } catch (const std::exception& e) {
    state.SkipWithError(e.what());
  }
}

void bm_analyze(benchmark::State& state, const Loaded* l) {
  try {
    std::size_t violations = 0;
    for (auto _ : state) {
      auto r = inv::analyze(*l->policy, *l->trace, inv::Value{}, options().eval);
      violations = r.errors.size();
      benchmark::DoNotOptimize(r.errors.data());
    }
    set_counters(state, *l, violations);
  } catch (const std::exception& e) {
    state.SkipWithError(e.what());
  }
}

void bm_engine(benchmark::State& state, const Loaded* l) {
  try {
    std::size_t violations = 0;
    for (auto _ : state) {
      auto n = inv::normalize_trace(l->trace_json, options().trace);
      auto r = inv::analyze(*l->policy, *n.trace, inv::Value{}, options().eval);
      violations = r.errors.size();
      benchmark::DoNotOptimize(r.errors.data());
    }
    set_counters(state, *l, violations);
  } catch (const std::exception& e) {
    state.SkipWithError(e.what());
  }
}

void bm_service(benchmark::State& state, const Loaded* l) {
  try {
    inv::app::AnalyzeService service(registry(), options());
    std::size_t violations = count_errors(service.analyze(l->request_json), l->w.name);  // warms the cache
    for (auto _ : state) {
      auto r = service.analyze(l->request_json);
      if (r.status != 200) {
        state.SkipWithError(("service answered " + std::to_string(r.status)).c_str());
        break;
      }
      benchmark::DoNotOptimize(r.body);
    }
    set_counters(state, *l, violations);
  } catch (const std::exception& e) {
    state.SkipWithError(e.what());
  }
}

void bm_service_text(benchmark::State& state, const Loaded* l) {
  try {
    inv::app::AnalyzeService service(registry(), options());
    std::size_t violations = count_errors(service.analyze(json::parse(l->request_text)), l->w.name);
    std::size_t out_bytes = 0;
    for (auto _ : state) {
      json::value req = json::parse(l->request_text);
      auto r = service.analyze(req);
      if (r.status != 200) {
        state.SkipWithError(("service answered " + std::to_string(r.status)).c_str());
        break;
      }
      std::string out = json::serialize(r.body);
      out_bytes = out.size();
      benchmark::DoNotOptimize(out.data());
    }
    set_counters(state, *l, violations);
    state.counters["request_bytes"] = static_cast<double>(l->request_text.size());
    state.counters["response_bytes"] = static_cast<double>(out_bytes);
  } catch (const std::exception& e) {
    state.SkipWithError(e.what());
  }
}

// One-rule policies that call a detector on each tool output (or each shell command) of a trace.
struct DetectorCase {
  const char* name;
  const char* policy;
  const char* per;  // "tool" outputs or "run_shell" calls: what one call is made for
};
const DetectorCase kDetectorCases[] = {
    {"secrets", "from invariant.detectors import secrets\nraise \"x\" if:\n    (o: ToolOutput)\n    any(secrets(o))\n", "tool"},
    {"pii", "from invariant.detectors import pii\nraise \"x\" if:\n    (o: ToolOutput)\n    len(pii(o)) > 0\n", "tool"},
    {"prompt_injection", "from invariant.detectors import prompt_injection\nraise \"x\" if:\n    (o: ToolOutput)\n    prompt_injection(o)\n", "tool"},
    {"moderated", "from invariant.detectors import moderated\nraise \"x\" if:\n    (o: ToolOutput)\n    moderated(o)\n", "tool"},
    {"python_code", "from invariant.detectors import python_code\nraise \"x\" if:\n    (o: ToolOutput)\n    python_code(o).syntax_error\n", "tool"},
    {"unicode", "from invariant.detectors import unicode\nraise \"x\" if:\n    (o: ToolOutput)\n    \"Cf\" in unicode(o)\n", "tool"},
    {"semgrep_bash", "from invariant.detectors import semgrep\nraise \"x\" if:\n    (c: ToolCall)\n    c is tool:run_shell\n    any(semgrep(c.function.arguments.command, lang=\"bash\"))\n", "run_shell"},
};

void bm_detector(benchmark::State& state, const Loaded* l, const DetectorCase* d) {
  try {
    auto c = inv::compile_policy(d->policy, registry(), options().parse);
    if (!c.policy) throw std::runtime_error(std::string(d->name) + ": " + c.error->message);
    std::size_t calls = 0;
    for (const auto& e : l->trace_json) {
      const auto& o = e.as_object();
      if (std::string_view(d->per) == "tool") {
        if (const auto* r = o.if_contains("role"); r && r->is_string() && r->as_string() == "tool") ++calls;
      } else if (const auto* tc = o.if_contains("tool_calls"); tc && tc->is_array()) {
        for (const auto& call : tc->as_array())
          if (call.at("function").at("name").as_string() == d->per) ++calls;
      }
    }
    std::size_t violations = 0;
    for (auto _ : state) {
      auto r = inv::analyze(*c.policy, *l->trace, inv::Value{}, options().eval);
      violations = r.errors.size();
      benchmark::DoNotOptimize(r.errors.data());
    }
    set_counters(state, *l, violations);
    state.counters["calls"] = static_cast<double>(calls);
    state.counters["calls/s"] = benchmark::Counter(static_cast<double>(calls), benchmark::Counter::kIsIterationInvariantRate);
  } catch (const std::exception& e) {
    state.SkipWithError(e.what());
  }
}

}  // namespace

int main(int argc, char** argv) {
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;

  // Loaded workloads live until the end of main (the benchmarks hold pointers to them).
  std::vector<std::unique_ptr<Loaded>> loaded;
  try {
    for (const char* p : {"readme", "flow", "ten_rules"}) {
      std::string text = inv::bench::read_file(inv::bench::policy_path(p));
      benchmark::RegisterBenchmark((std::string("Compile/") + p).c_str(), bm_compile, std::string(p), text)
          ->Unit(benchmark::kMicrosecond);
    }
    for (const auto& w : inv::bench::standard_workloads()) loaded.push_back(std::make_unique<Loaded>(load(w)));
  } catch (const std::exception& e) {
    std::fprintf(stderr, "engine_bench: %s\n", e.what());
    return 1;
  }
  struct Kind {
    const char* prefix;
    void (*fn)(benchmark::State&, const Loaded*);
  };
  for (const Kind& k : {Kind{"Normalize/", bm_normalize}, Kind{"Analyze/", bm_analyze}, Kind{"Engine/", bm_engine},
                        Kind{"Service/", bm_service}, Kind{"ServiceText/", bm_service_text}}) {
    for (const auto& l : loaded)
      benchmark::RegisterBenchmark((k.prefix + l->w.name).c_str(), k.fn, l.get())
          ->Unit(benchmark::kMicrosecond)
          ->UseRealTime();
  }
  for (const auto& l : loaded)
    if (l->w.name == "flow/1000")
      for (const auto& d : kDetectorCases)
        benchmark::RegisterBenchmark((std::string("Detector/") + d.name).c_str(), bm_detector, l.get(), &d)
            ->Unit(benchmark::kMicrosecond)
            ->UseRealTime();
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
