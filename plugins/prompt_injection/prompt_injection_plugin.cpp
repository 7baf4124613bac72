// The `prompt_injection` detector plugin (STDLIB.md §3.5): True when some text reads as a prompt injection,
// by the offline classifier of injection_core.hpp (score > threshold, default 0.9). `model` is accepted for
// compatibility; every model name uses this classifier. Unlike the reference (whose str path raised
// NotImplementedError), a str argument is analysed like a message's content.
#include "invariant/detector_sdk.hpp"
#include "plugins/prompt_injection/injection_core.hpp"

namespace {

namespace sdk = invariant::sdk;

sdk::Json prompt_injection(sdk::Call& call) {
  const double threshold = call.number_arg("threshold", 0.9);
  (void)call.str_arg("model");  // type check only
  for (const auto& text : call.texts()) {
    call.check_deadline();
    const auto verdict = inv::detectors::classify_injection(text);
    if (verdict.injection && verdict.score > threshold) return true;
  }
  return false;
}

sdk::PluginDef define() {
  sdk::PluginDef p{"prompt_injection", "1.0.0",
                   "Prompt injections (instruction overrides, fake role markers, hidden instructions to agents), "
                   "by an offline heuristic classifier."};
  p.function("prompt_injection")
      .exported_from({"invariant.detectors", "invariant.detectors.prompt_injection"})
      .data()
      .optional("model", "str", "protectai/deberta-v3-base-prompt-injection-v2")
      .optional("threshold", "float", 0.9)
      .returning("bool")
      .describe("True at the first text whose injection score exceeds the threshold.")
      .run(prompt_injection);
  return p;
}

}  // namespace

INVARIANT_DETECTOR_PLUGIN(define)
