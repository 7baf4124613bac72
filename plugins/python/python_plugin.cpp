// The `python_code` / `ipython_code` detector plugin (STDLIB.md §3.7, DECISIONS §13): imports, builtins,
// call targets and syntax errors of Python source, from the project's Python 3.12 parser.
#include <algorithm>

#include "invariant/detector_sdk.hpp"
#include "plugins/python/python_core.hpp"

namespace {

namespace sdk = invariant::sdk;

sdk::Json analyse(sdk::Call& call) {
  sdk::Json imports = sdk::Json::array(), builtins = sdk::Json::array();
  std::vector<std::string> calls;
  bool syntax_error = false;
  std::string message;
  for (const auto& text : call.texts()) {
    call.check_deadline();
    auto r = inv::detectors::analyze_python(text);
    for (auto& i : r.imports) imports.push_back(i ? sdk::Json(*i) : sdk::Json());
    for (auto& b : r.builtins) builtins.push_back(std::move(b));
    for (auto& c : r.function_calls)
      if (std::find(calls.begin(), calls.end(), c) == calls.end()) calls.push_back(std::move(c));
    if (r.syntax_error) {
      syntax_error = true;
      message = r.syntax_error_exception;
    }
  }
  std::sort(calls.begin(), calls.end());
  return sdk::record("PythonDetectorResult", {{"imports", std::move(imports)},
                                              {"builtins", std::move(builtins)},
                                              {"syntax_error", syntax_error},
                                              {"syntax_error_exception", message.empty() ? sdk::Json() : sdk::Json(message)},
                                              {"function_calls", sdk::Json(calls)}});
}

sdk::PluginDef define() {
  sdk::PluginDef p{"python_code", "1.0.0", "Python source analysis: imports, builtins, function calls, syntax errors (Python 3.12 grammar)."};
  p.type("PythonDetectorResult", {"imports", "builtins", "syntax_error", "syntax_error_exception", "function_calls"},
         {"invariant.detectors", "invariant.detectors.code"});
  p.function("python_code")
      .exported_from({"invariant.detectors", "invariant.detectors.code"})
      .data()
      .optional("ipython_mode", "bool", false)
      .returning("PythonDetectorResult")
      .describe("Merged analysis of the texts (lists extended, calls unioned and sorted, syntax_error OR-ed).")
      .run(analyse);
  p.function("ipython_code")
      .exported_from({"invariant.detectors", "invariant.detectors.code"})
      .data()
      .returning("PythonDetectorResult")
      .describe("The same as python_code, as in every reference version: IPython magics are syntax errors.")
      .run(analyse);
  return p;
}

}  // namespace

INVARIANT_DETECTOR_PLUGIN(define)
