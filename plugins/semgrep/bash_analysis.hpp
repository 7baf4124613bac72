// Internal: the bash rule engine (bash_rules.cpp: pipelines, commands, nested code, downloads;
// bash_checks.cpp: the per-command file, network and system checks).
#pragma once

#include <cstddef>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "plugins/semgrep/bash_parse.hpp"
#include "plugins/semgrep/bash_view.hpp"
#include "plugins/semgrep/semgrep_internal.hpp"

namespace inv::detectors::semgrep_internal {

class ShAnalysis {
 public:
  using Pred = bool (*)(const ShView&);
  static constexpr int kMaxStringDepth = 8;
  static constexpr int kMaxSearchDepth = 8;
  static constexpr std::size_t kMaxDownloads = 64;

  explicit ShAnalysis(Budget& budget) : budget_(budget) {}

  // Parses and checks a script; hits go to `sink` in the script's own line numbers.
  void script(std::string_view src, const HitSink& sink);

 private:
  bool command_has(const ShUnit& u, const ShCommand& c, Pred pred, int depth) const;
  bool list_has(const ShUnit& u, int idx, Pred pred, int depth) const;
  bool words_have(const ShUnit& u, const std::vector<ShWord>& words, Pred pred, int depth) const;
  bool word_has(const ShUnit& u, const ShWord& w, Pred pred) const;
  void pipeline(const ShUnit& u, const ShPipeline& p, const HitSink& sink);
  void command(const ShUnit& u, const ShCommand& c, const ShView& v, std::size_t index, const HitSink& sink);
  void nested(const ShUnit& u, int idx, const HitSink& sink);
  void run_string(std::string_view code, const HitSink& sink, bool python);
  void downloads(const ShView& v);
  bool executes_download(const ShView& v) const;
  // bash_checks.cpp
  void files_and_permissions(const ShView& v, const HitSink& sink, int lo, int hi);
  void network(const ShView& v, const HitSink& sink, int lo, int hi);
  void system_state(const ShView& v, std::size_t index, const HitSink& sink, int lo, int hi);

  Budget& budget_;
  int string_depth_ = 0;
  std::vector<std::string> downloads_;  // files written by downloaders so far
  std::set<int> socket_fds_;            // descriptors opened on /dev/tcp or /dev/udp by `exec`
};

}  // namespace inv::detectors::semgrep_internal
