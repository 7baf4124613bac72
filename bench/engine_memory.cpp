// Peak memory of one analysis, one workload per process (bench/README.md).
//
//   engine_memory [--service] [--repeat N] WORKLOAD
//   engine_memory [--service] [--repeat N] POLICY.inv TRACE.json
//
// WORKLOAD is one of the standard workloads (readme, flow/100, flow/1000, flow/10000, ten_rules/1000).
// Prints one JSON object: live heap bytes (operator new, counted by this program) after each phase and
// the transient peak inside each phase, the size of the output, the wall time of the last repetition,
// and the process's peak resident set (getrusage ru_maxrss). Engine mode (default) measures
// boost::json::parse of the trace, normalize_trace and analyze separately; --service measures the whole
// request path (parse request text, AnalyzeService::analyze, serialize the response).
//
// Heap figures count C++ allocations only (operator new: Boost.JSON, the trace, values, strings);
// PCRE2 and ICU allocate with malloc and are included only in ru_maxrss.
#include <malloc.h>
#include <sys/resource.h>

#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <new>
#include <string>

#include <boost/json.hpp>

#include "adapters/plugins/plugin_registry.hpp"
#include "app/analyze_service.hpp"
#include "app/config.hpp"
#include "bench_workloads.hpp"
#include "domain/engine.hpp"

// ---- counting allocator ---------------------------------------------------------------------------
namespace {
std::atomic<long long> g_live{0};
std::atomic<long long> g_peak{0};

void* counted(void* p) {
  if (!p) throw std::bad_alloc();
  long long now = g_live.fetch_add(static_cast<long long>(malloc_usable_size(p))) +
                  static_cast<long long>(malloc_usable_size(p));
  long long peak = g_peak.load();
  while (now > peak && !g_peak.compare_exchange_weak(peak, now)) {
  }
  return p;
}
void uncounted(void* p) {
  if (!p) return;
  g_live.fetch_sub(static_cast<long long>(malloc_usable_size(p)));
  std::free(p);
}
void* aligned(std::size_t n, std::align_val_t al) {
  std::size_t a = static_cast<std::size_t>(al);
  if (a < sizeof(void*)) a = sizeof(void*);
  std::size_t size = (n + a - 1) / a * a;
  return std::aligned_alloc(a, size ? size : a);
}
}  // namespace

void* operator new(std::size_t n) { return counted(std::malloc(n ? n : 1)); }
void* operator new[](std::size_t n) { return counted(std::malloc(n ? n : 1)); }
void* operator new(std::size_t n, const std::nothrow_t&) noexcept {
  void* p = std::malloc(n ? n : 1);
  return p ? counted(p) : nullptr;
}
void* operator new[](std::size_t n, const std::nothrow_t&) noexcept {
  void* p = std::malloc(n ? n : 1);
  return p ? counted(p) : nullptr;
}
void* operator new(std::size_t n, std::align_val_t al) { return counted(aligned(n, al)); }
void* operator new[](std::size_t n, std::align_val_t al) { return counted(aligned(n, al)); }
void operator delete(void* p) noexcept { uncounted(p); }
void operator delete[](void* p) noexcept { uncounted(p); }
void operator delete(void* p, std::size_t) noexcept { uncounted(p); }
void operator delete[](void* p, std::size_t) noexcept { uncounted(p); }
void operator delete(void* p, std::align_val_t) noexcept { uncounted(p); }
void operator delete[](void* p, std::align_val_t) noexcept { uncounted(p); }
void operator delete(void* p, std::size_t, std::align_val_t) noexcept { uncounted(p); }
void operator delete[](void* p, std::size_t, std::align_val_t) noexcept { uncounted(p); }
void operator delete(void* p, const std::nothrow_t&) noexcept { uncounted(p); }
void operator delete[](void* p, const std::nothrow_t&) noexcept { uncounted(p); }

// ---- measurement ----------------------------------------------------------------------------------
namespace {

namespace json = boost::json;

long long live() { return g_live.load(); }
// Starts a phase: the peak restarts from the current live size.
long long phase_start() {
  long long now = live();
  g_peak.store(now);
  return now;
}
long long phase_peak(long long start) { return g_peak.load() - start; }

long maxrss_kib() {
  rusage ru{};
  getrusage(RUSAGE_SELF, &ru);
  return ru.ru_maxrss;
}

double ms_since(std::chrono::steady_clock::time_point t0) {
  return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
}

int usage() {
  std::fprintf(stderr,
               "usage: engine_memory [--service] [--repeat N] WORKLOAD | POLICY.inv TRACE.json\n"
               "workloads: readme, flow/100, flow/1000, flow/10000, ten_rules/1000\n");
  return 2;
}

}  // namespace

int main(int argc, char** argv) {
  bool service_mode = false;
  int repeat = 1;
  std::vector<std::string> pos;
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    if (a == "--service") service_mode = true;
    else if (a == "--repeat" && i + 1 < argc) repeat = std::max(1, std::atoi(argv[++i]));
    else if (!a.empty() && a[0] == '-') return usage();
    else pos.push_back(a);
  }
  std::string name, policy_file, trace_file;
  if (pos.size() == 1) {
    for (const auto& w : inv::bench::standard_workloads())
      if (w.name == pos[0]) name = w.name, policy_file = w.policy_file, trace_file = w.trace_file;
    if (name.empty()) return usage();
  } else if (pos.size() == 2) {
    policy_file = pos[0], trace_file = pos[1], name = trace_file;
  } else {
    return usage();
  }

  try {
    inv::adapters::plugins::PluginRegistry registry(inv::adapters::plugins::builtin_plugins_only());
    const inv::app::ServiceOptions options = inv::app::service_options_from_env();
    const std::string policy_text = inv::bench::read_file(policy_file);
    const std::string trace_text = inv::bench::read_file(trace_file);
    auto compiled = inv::compile_policy(policy_text, registry, options.parse);
    if (!compiled.policy) throw std::runtime_error(policy_file + ": " + compiled.error->message);
    const long rss_start = maxrss_kib();

    json::object out;
    out["workload"] = name;
    out["mode"] = service_mode ? "service" : "engine";
    out["trace_text_bytes"] = trace_text.size();

    if (!service_mode) {
      for (int rep = 0; rep < repeat; ++rep) {
        long long base = phase_start();
        json::value tv = json::parse(trace_text);
        long long after_json = live();
        long long json_peak = phase_peak(base);
        const json::array& events = tv.as_array();

        auto t0 = std::chrono::steady_clock::now();
        long long s1 = phase_start();
        auto n = inv::normalize_trace(events, options.trace);
        if (!n.trace) throw std::runtime_error(trace_file + ": " + n.error->message);
        long long after_trace = live();
        long long norm_peak = phase_peak(s1);
        double normalize_ms = ms_since(t0);

        auto t1 = std::chrono::steady_clock::now();
        long long s2 = phase_start();
        auto r = inv::analyze(*compiled.policy, *n.trace, inv::Value{}, options.eval);
        long long after_result = live();
        long long analyze_peak = phase_peak(s2);
        double analyze_ms = ms_since(t1);

        std::size_t output_bytes = 0, ranges = 0;
        for (const auto& v : r.errors) {
          output_bytes += v.error.size();
          for (const auto& s : v.ranges) output_bytes += s.size();
          ranges += v.ranges.size();
        }
        if (rep + 1 == repeat) {
          out["events"] = events.size();
          out["trace_nodes"] = n.trace->nodes.size();
          out["violations"] = r.errors.size();
          out["ranges"] = ranges;
          out["output_string_bytes"] = output_bytes;
          out["json_dom_bytes"] = after_json - base;
          out["json_parse_peak_bytes"] = json_peak;
          out["trace_bytes"] = after_trace - after_json;
          out["normalize_peak_bytes"] = norm_peak;
          out["result_bytes"] = after_result - after_trace;
          out["analyze_peak_bytes"] = analyze_peak;
          out["normalize_ms"] = normalize_ms;
          out["analyze_ms"] = analyze_ms;
        }
      }
    } else {
      json::object req;
      req["policy"] = policy_text;
      req["trace"] = json::parse(trace_text);
      const std::string request_text = json::serialize(req);
      req = {};
      out["request_text_bytes"] = request_text.size();
      inv::app::AnalyzeService service(registry, options);
      for (int rep = 0; rep < repeat; ++rep) {
        auto t0 = std::chrono::steady_clock::now();
        long long base = phase_start();
        json::value request = json::parse(request_text);
        auto r = service.analyze(request);
        std::string body = json::serialize(r.body);
        long long peak = phase_peak(base);
        double ms = ms_since(t0);
        if (r.status != 200) throw std::runtime_error("service answered " + std::to_string(r.status) + ": " + body);
        if (rep + 1 == repeat) {
          out["violations"] = r.body.as_object().at("errors").as_array().size();
          out["response_bytes"] = body.size();
          out["request_peak_bytes"] = peak;
          out["request_ms"] = ms;
        }
      }
    }
    out["maxrss_start_kib"] = rss_start;
    out["maxrss_kib"] = maxrss_kib();
    std::printf("%s\n", json::serialize(out).c_str());
  } catch (const std::exception& e) {
    std::fprintf(stderr, "engine_memory: %s\n", e.what());
    return 1;
  }
  return 0;
}
