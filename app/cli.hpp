// The `invariant` command line: analyze / check / eval --jsonl over request JSON (the same bodies as the
// HTTP endpoints). Exit codes are documented in the README and in `invariant --help`.
#pragma once

#include <iosfwd>
#include <string>
#include <vector>

#include "app/analyze_service.hpp"

namespace inv::app {

enum ExitCode : int {
  kExitOk = 0,           // the request was evaluated (violations or not)
  kExitRejected = 1,     // the request was rejected: invalid JSON, policy or trace error, runtime error
  kExitUsage = 2,        // bad command line
  kExitLimit = 3,        // an evaluation or size limit was exceeded
  kExitInternal = 4,     // an internal error (a bug)
  kExitUnavailable = 5,  // serve: the server could not start (address in use, data directory)
};

// Runs a CLI subcommand (args exclude the program name). Returns the exit code.
int run_cli(const std::vector<std::string>& args, const AnalyzeService& service, std::istream& in,
            std::ostream& out, std::ostream& err);

std::string usage_text();

}  // namespace inv::app
