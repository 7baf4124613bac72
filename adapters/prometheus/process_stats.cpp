#include "adapters/prometheus/process_stats.hpp"

#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

namespace inv::adapters {

namespace {
std::string slurp(const char* path) {
  std::ifstream f(path);
  std::stringstream ss;
  ss << f.rdbuf();
  return ss.str();
}

std::uint64_t boot_time() {
  std::istringstream in(slurp("/proc/stat"));
  std::string key;
  while (in >> key) {
    if (key == "btime") {
      std::uint64_t v = 0;
      in >> v;
      return v;
    }
    in.ignore(1 << 20, '\n');
  }
  return 0;
}
}  // namespace

ProcessStats read_process_stats() {
  ProcessStats s;
  const double ticks = static_cast<double>(sysconf(_SC_CLK_TCK));
  const auto page = static_cast<std::uint64_t>(sysconf(_SC_PAGESIZE));
  std::string stat = slurp("/proc/self/stat");
  if (auto close = stat.rfind(')'); close != std::string::npos && ticks > 0) {
    // Fields after the command name, starting with field 3 (state).
    std::istringstream in(stat.substr(close + 2));
    std::vector<std::string> f;
    for (std::string x; in >> x;) f.push_back(x);
    auto field = [&](int n) -> std::uint64_t {  // n: 1-based field number of proc(5)
      std::size_t i = static_cast<std::size_t>(n - 3);
      return i < f.size() ? std::stoull(f[i]) : 0;
    };
    try {
      s.cpu_seconds = static_cast<double>(field(14) + field(15)) / ticks;
      s.threads = field(20);
      s.start_time_seconds = static_cast<double>(boot_time()) + static_cast<double>(field(22)) / ticks;
      s.virtual_bytes = field(23);
      s.resident_bytes = field(24) * page;
    } catch (const std::exception&) {
    }
  }
  std::error_code ec;
  for (auto it = std::filesystem::directory_iterator("/proc/self/fd", ec);
       !ec && it != std::filesystem::directory_iterator(); it.increment(ec))
    ++s.open_fds;
  std::istringstream mem(slurp("/proc/meminfo"));
  for (std::string key; mem >> key;) {
    if (key == "MemTotal:") {
      std::uint64_t kb = 0;
      mem >> kb;
      s.system_memory_bytes = kb * 1024;
      break;
    }
    mem.ignore(1 << 20, '\n');
  }
  return s;
}

}  // namespace inv::adapters
