// The `secrets` detector plugin: credentials in text (STDLIB.md §3.1). A str argument gives
// DetectorResult(entity, start, end) records, messages give the entity names; no ranges are marked.
// Setting INVARIANT_PLUGIN_SECRETS_PATTERNS: "extended" (default: the reference's six patterns followed by
// the extended set of secrets_core.hpp) or "reference" (exactly the reference's patterns).
#include "invariant/detector_sdk.hpp"
#include "plugins/secrets/secrets_core.hpp"

namespace {

namespace sdk = invariant::sdk;

bool extended(const sdk::Json& settings) {
  const sdk::Json* p = settings.find("patterns");
  std::string v = p && p->is_string() ? p->as_string() : "extended";
  if (v != "extended" && v != "reference")
    throw sdk::Error("ValueError", "INVARIANT_PLUGIN_SECRETS_PATTERNS must be 'extended' or 'reference', not '" + v + "'");
  return v == "extended";
}

sdk::PluginDef define() {
  sdk::PluginDef p{"secrets", "1.1.0",
                   "Credentials in text: GitHub, AWS, Azure and Slack tokens as the reference finds them, plus "
                   "private keys, JWTs, cloud and SaaS API keys and URL credentials."};
  p.check_settings = [](const sdk::Json& settings) { (void)extended(settings); };
  p.type("DetectorResult", {"entity", "start", "end"});
  p.function("secrets")
      .exported_from({"invariant.detectors", "invariant.detectors.secrets"})
      .data()
      .returning("list[DetectorResult] for a str, list[str] (entity names) otherwise")
      .describe("Every credential found; one entry per match, grouped by pattern.")
      .run([](sdk::Call& call) {
        inv::detectors::SecretScanOptions options;
        options.extended = call.setting("patterns", "extended") == "extended";
        sdk::Json out = sdk::Json::array();
        for (const auto& text : call.texts()) {
          call.check_deadline();
          for (const auto& f : inv::detectors::scan_secrets(text, options)) {
            if (call.data_is_str())
              out.push_back(sdk::record("DetectorResult", {{"entity", f.entity}, {"start", f.start}, {"end", f.end}}));
            else
              out.push_back(f.entity);
          }
        }
        return out;
      });
  return p;
}

}  // namespace

INVARIANT_DETECTOR_PLUGIN(define)
