// The `copyright` detector plugin: software licence headers and copyright notices (STDLIB.md §3.2).
// Keyword configuration is accepted and ignored, as in the reference (fixed threshold 0.5).
#include "invariant/detector_sdk.hpp"
#include "plugins/copyright/copyright_core.hpp"

namespace {

namespace sdk = invariant::sdk;

sdk::PluginDef define() {
  sdk::PluginDef p{"copyright", "1.0.0", "Software licences (GPL, AGPL, LGPL, MPL, Apache, MIT, Boost) and copyright notices."};
  p.function("copyright")
      .exported_from({"invariant.detectors", "invariant.detectors.copyright"})
      .data()
      .any_keywords()
      .returning("list[str]")
      .describe("Licence names, then COPYRIGHT once per notice pattern found, per text.")
      .run([](sdk::Call& call) {
        sdk::Json out = sdk::Json::array();
        for (const auto& text : call.texts()) {
          call.check_deadline();
          for (auto& name : inv::detectors::detect_copyright(text)) out.push_back(std::move(name));
        }
        return out;
      });
  return p;
}

}  // namespace

INVARIANT_DETECTOR_PLUGIN(define)
