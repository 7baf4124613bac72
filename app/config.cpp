#include "app/config.hpp"

#include <cstdlib>
#include <stdexcept>
#include <string>

namespace inv::app {

namespace {
template <class T>
void read_number(const char* name, T& target) {
  const char* v = std::getenv(name);
  if (!v || !*v) return;
  try {
    std::size_t used = 0;
    unsigned long long n = std::stoull(v, &used);
    if (used != std::string(v).size()) throw std::invalid_argument(v);
    target = static_cast<T>(n);
  } catch (const std::exception&) {
    throw std::runtime_error(std::string("environment variable ") + name + " must be a non-negative integer, got '" +
                             v + "'");
  }
}

bool read_bool(const char* name, bool def) {
  const char* v = std::getenv(name);
  if (!v || !*v) return def;
  std::string s(v);
  for (auto& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (s == "1" || s == "true" || s == "yes" || s == "on") return true;
  if (s == "0" || s == "false" || s == "no" || s == "off") return false;
  throw std::runtime_error(std::string("environment variable ") + name + " must be a boolean, got '" + v + "'");
}
}  // namespace

ServiceOptions service_options_from_env() {
  ServiceOptions o;
  read_number("INVARIANT_MAX_STEPS", o.eval.max_steps);
  std::uint64_t ms = static_cast<std::uint64_t>(o.eval.deadline.count());
  read_number("INVARIANT_EVAL_TIMEOUT_MS", ms);
  o.eval.deadline = std::chrono::milliseconds(ms);
  read_number("INVARIANT_MAX_VIOLATIONS", o.eval.max_violations);
  read_number("INVARIANT_MAX_EVENTS", o.trace.max_events);
  read_number("INVARIANT_MAX_POLICY_BYTES", o.parse.max_source_bytes);
  read_number("INVARIANT_POLICY_CACHE_ENTRIES", o.policy_cache_entries);
  o.compat_errors = read_bool("INVARIANT_COMPAT_ERRORS", false);
  return o;
}

}  // namespace inv::app
