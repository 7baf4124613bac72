// The `moderated` detector plugin (STDLIB.md §3.4): True when some chunk of a text is flagged in one of the
// moderation categories; every flagged chunk is marked as a range. Chunks, thresholds and the recorded
// category follow the reference (moderation_core.hpp). Scores come from the offline lexicon classifier,
// or from an OpenAI-compatible moderation endpoint when one is configured.
//
// Settings (environment INVARIANT_PLUGIN_MODERATION_<KEY>):
//   BACKEND     offline (default) or http: every call uses the endpoint
//   URL         base URL of the endpoint (POST <URL>/moderations), e.g. https://api.openai.com/v1
//   API_KEY     sent as "Authorization: Bearer <key>" (optional)
//   MODEL       the "model" field of the request (optional)
// A policy asking for model="OpenAI" needs the endpoint (URL); other model names use the configured backend.
#include <algorithm>

#include "invariant/detector_sdk.hpp"
#include "plugins/moderation/moderation_core.hpp"
#include "plugins/moderation/moderation_http.hpp"

namespace {

namespace sdk = invariant::sdk;

void check_settings(const sdk::Json& settings) {
  const sdk::Json* backend = settings.find("backend");
  const std::string b = backend && backend->is_string() ? backend->as_string() : "offline";
  if (b != "offline" && b != "http")
    throw sdk::Error("ValueError", "INVARIANT_PLUGIN_MODERATION_BACKEND must be offline or http, not '" + b + "'");
  const sdk::Json* url = settings.find("url");
  if (b == "http" && !(url && url->is_string() && !url->as_string().empty()))
    throw sdk::Error("ValueError", "INVARIANT_PLUGIN_MODERATION_BACKEND=http needs INVARIANT_PLUGIN_MODERATION_URL");
}

inv::detectors::ModerationConfig config_of(const sdk::Call& call) {
  inv::detectors::ModerationConfig config;
  config.default_threshold = call.number_arg("default_threshold", 0.5);
  config.split = call.str_arg("split", "\n");
  if (const sdk::Json* t = call.arg("cat_thresholds"); t && !t->is_null()) {
    if (!t->is_object()) throw sdk::Error("TypeError", "moderated() argument 'cat_thresholds' must be a dict");
    for (const auto& [category, value] : t->as_object()) {
      if (!value.is_number())
        throw sdk::Error("TypeError", "moderated() threshold of category '" + category + "' must be a number");
      config.cat_thresholds.emplace_back(category, value.as_number());
    }
  }
  return config;
}

sdk::Json moderated(sdk::Call& call) {
  const auto config = config_of(call);
  const std::string model = call.str_arg("model", "KoalaAI/Text-Moderation");
  const bool use_http = call.setting("backend", "offline") == "http" || model == "OpenAI";
  inv::detectors::ModerationHttpOptions http;
  if (use_http) {
    http.base_url = call.setting("url");
    if (http.base_url.empty())
      throw sdk::Error("RuntimeError",
                       "moderated(model=\"OpenAI\") needs a moderation endpoint: set INVARIANT_PLUGIN_MODERATION_URL "
                       "(and INVARIANT_PLUGIN_MODERATION_API_KEY)",
                       INV_STATUS_UNAVAILABLE);
    http.api_key = call.setting("api_key");
    http.model = call.setting("model");
  }
  bool flagged = false;
  for (std::size_t i = 0; i < call.texts().size(); ++i) {
    call.check_deadline();
    std::vector<inv::detectors::ModeratedChunk> chunks;
    if (use_http) {
      http.timeout = std::max(std::chrono::milliseconds(1), call.time_left());
      try {
        chunks = inv::detectors::moderate_text_batch(call.texts()[i], config, [&](const std::vector<std::string>& texts) {
          return inv::detectors::moderation_scores_http(texts, http);
        });
      } catch (const std::runtime_error& e) {
        throw sdk::Error("RuntimeError", std::string("moderation endpoint: ") + e.what(), INV_STATUS_UNAVAILABLE);
      }
    } else {
      chunks = inv::detectors::moderate_text(call.texts()[i], config);
    }
    for (const auto& c : chunks) {
      call.mark(i, c.start, c.end);
      flagged = true;
    }
  }
  return flagged;
}

sdk::PluginDef define() {
  sdk::PluginDef p{"moderation", "1.0.0",
                   "Content moderation (harassment, hate, self-harm, sexual, violence, ...): an offline lexicon "
                   "classifier, or an OpenAI-compatible moderation endpoint."};
  p.network = "optional";
  p.check_settings = check_settings;
  p.function("moderated")
      .exported_from({"invariant.detectors", "invariant.detectors.moderation"})
      .data()
      .optional("model", "str", "KoalaAI/Text-Moderation")
      .optional("default_threshold", "float", 0.5)
      .optional("cat_thresholds", "dict|None", nullptr)
      .optional("split", "str", "\n")
      .marks()
      .returning("bool")
      .describe("True when a chunk scores above its threshold in some category; each flagged chunk is marked.")
      .run(moderated);
  return p;
}

}  // namespace

INVARIANT_DETECTOR_PLUGIN(define)
