// The benchmark workloads shared by engine_bench (timings) and engine_memory (peak memory): which policy
// runs on which trace. Policies and the README trace come from the shared bench folder; the synthetic
// traces are generated at build time by gen_traces.py (see bench/CMakeLists.txt).
#pragma once

#include <cstddef>
#include <string>
#include <vector>

namespace inv::bench {

struct Workload {
  std::string name;         // "flow/10000"
  std::string policy_file;  // absolute path of the .inv file
  std::string trace_file;   // absolute path of the JSON trace (a list of events)
  std::size_t events = 0;   // events in the trace (for the events/s counter)
};

// Folder of the shared bench material (policies/, readme_trace.json, gen_traces.py).
// INVARIANT_BENCH_SHARED overrides the compiled-in default.
std::string shared_dir();
// Folder of the generated traces (trace-s<seed>-<n>.json). INVARIANT_BENCH_DATA overrides the default.
std::string data_dir();

std::string policy_path(const std::string& name);  // "flow" -> <shared>/policies/flow.inv

// readme, flow/100, flow/1000, flow/10000, ten_rules/1000.
std::vector<Workload> standard_workloads();

// Whole file as bytes; throws std::runtime_error when it cannot be read.
std::string read_file(const std::string& path);

}  // namespace inv::bench
