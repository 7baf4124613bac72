#include "bench_workloads.hpp"

#include <cstdlib>
#include <fstream>
#include <sstream>
#include <stdexcept>

namespace inv::bench {

namespace {
std::string env_or(const char* name, const char* fallback) {
  const char* v = std::getenv(name);
  return (v && *v) ? std::string(v) : std::string(fallback);
}
}  // namespace

std::string shared_dir() { return env_or("INVARIANT_BENCH_SHARED", INVARIANT_SHARED_DIR "/bench"); }
std::string data_dir() { return env_or("INVARIANT_BENCH_DATA", INVARIANT_BENCH_DATA_DIR); }

std::string policy_path(const std::string& name) { return shared_dir() + "/policies/" + name + ".inv"; }

std::vector<Workload> standard_workloads() {
  auto synthetic = [](const std::string& policy, std::size_t n) {
    return Workload{policy + "/" + std::to_string(n), policy_path(policy),
                    data_dir() + "/trace-s1-" + std::to_string(n) + ".json", n};
  };
  return {
      Workload{"readme", policy_path("readme"), shared_dir() + "/readme_trace.json", 4},
      synthetic("flow", 100),
      synthetic("flow", 1000),
      synthetic("flow", 10000),
      synthetic("ten_rules", 1000),
  };
}

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error("cannot read " + path);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

}  // namespace inv::bench
