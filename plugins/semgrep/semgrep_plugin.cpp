// The `semgrep` detector plugin (STDLIB.md §3.7): security issues in Python or bash code as
// CodeIssue(description, severity) records. It runs an installed semgrep program as the reference did, or
// the built-in rule engine (semgrep_core.hpp) when there is none.
//
// Settings (environment INVARIANT_PLUGIN_SEMGREP_<KEY>):
//   MODE          auto (default: the external program when found on PATH, else the built-in engine),
//                 builtin, or external (an error when the program is missing)
//   EXECUTABLE    the program (default "semgrep", looked up on PATH)
//   PYTHON_RULES  --config for lang="python" (default r/python.lang.security; a path to a local rule pack
//   BASH_RULES    --config for lang="bash" (default r/bash)              avoids the registry download)
// The external program gets the remaining time of the call's deadline as its timeout.
#include <algorithm>
#include <chrono>

#include "invariant/detector_sdk.hpp"
#include "plugins/semgrep/semgrep_core.hpp"

namespace {

namespace sdk = invariant::sdk;

void check_settings(const sdk::Json& settings) {
  const sdk::Json* mode = settings.find("mode");
  if (mode && mode->is_string() && mode->as_string() != "auto" && mode->as_string() != "builtin" &&
      mode->as_string() != "external")
    throw sdk::Error("ValueError", "INVARIANT_PLUGIN_SEMGREP_MODE must be auto, builtin or external, not '" +
                                       mode->as_string() + "'");
}

sdk::Json scan(sdk::Call& call) {
  const std::string lang = call.str_arg("lang");
  if (lang != "python" && lang != "bash") throw sdk::Error("ValueError", "Unsupported language: " + lang);
  const std::string mode = call.setting("mode", "auto");
  inv::detectors::ExternalSemgrepOptions ext;
  ext.executable = call.setting("executable", ext.executable);
  ext.python_config = call.setting("python_rules", ext.python_config);
  ext.bash_config = call.setting("bash_rules", ext.bash_config);
  ext.timeout = std::min(ext.timeout, call.time_left());
  sdk::Json out = sdk::Json::array();
  for (const auto& code : call.texts()) {
    call.check_deadline();
    std::vector<inv::detectors::CodeIssueFinding> found;
    std::optional<std::vector<inv::detectors::CodeIssueFinding>> external;
    if (mode != "builtin") {
      try {
        external = inv::detectors::external_semgrep_scan(code, lang, ext);
      } catch (const std::runtime_error& e) {
        throw sdk::Error("RuntimeError", e.what());
      }
      if (!external && mode == "external")
        throw sdk::Error("RuntimeError", "the semgrep program '" + ext.executable + "' was not found on PATH",
                         INV_STATUS_UNAVAILABLE);
    }
    found = external ? std::move(*external) : inv::detectors::builtin_semgrep_scan(code, lang);
    for (const auto& f : found)
      out.push_back(sdk::record("CodeIssue", {{"description", f.description}, {"severity", f.severity}}));
  }
  return out;
}

sdk::PluginDef define() {
  sdk::PluginDef p{"semgrep", "1.0.0",
                   "Security issues in Python and bash code: an installed semgrep, else the built-in rule engine."};
  p.network = "optional";  // an installed semgrep fetches registry rule packs unless given local ones
  p.check_settings = check_settings;
  p.type("CodeIssue", {"description", "severity"}, {"invariant.detectors", "invariant.detectors.code"});
  p.type("CodeSeverity", {"value"}, {"invariant.detectors", "invariant.detectors.code"});
  p.function("semgrep")
      .exported_from({"invariant.detectors", "invariant.detectors.code"})
      .data()
      .param("lang", "str")
      .returning("list[CodeIssue]")
      .describe("One CodeIssue per finding: description \"<message> (source: <rule>, lines: <code>)\", "
                "severity error | warning | info.")
      .run(scan);
  return p;
}

}  // namespace

INVARIANT_DETECTOR_PLUGIN(define)
