// The process's CPU time, memory, threads and open files, read from /proc/self (Linux). Used at scrape
// time by the metrics adapter. Fields that cannot be read are left at 0.
#pragma once

#include <cstdint>

namespace inv::adapters {

struct ProcessStats {
  double cpu_seconds = 0;           // user + system
  double start_time_seconds = 0;    // Unix time the process started
  std::uint64_t resident_bytes = 0;
  std::uint64_t virtual_bytes = 0;
  std::uint64_t threads = 0;
  std::uint64_t open_fds = 0;
  std::uint64_t system_memory_bytes = 0;  // MemTotal
};

ProcessStats read_process_stats();

}  // namespace inv::adapters
