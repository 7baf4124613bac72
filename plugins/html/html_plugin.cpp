// The `html_code` / `links` parser plugin (STDLIB.md §4): alt texts of images and links of a broken-HTML
// tolerant tokenizer, plus the links a URL pattern finds in plain text. A ToolCall element counts as its
// string form, as in the reference.
#include "invariant/detector_sdk.hpp"
#include "plugins/html/html_core.hpp"

namespace {

namespace sdk = invariant::sdk;

void add_unique(std::vector<std::string>& list, std::string s) {
  for (const auto& x : list)
    if (x == s) return;
  list.push_back(std::move(s));
}

sdk::PluginDef define() {
  sdk::PluginDef p{"html", "1.0.0", "HTML contents: image alt texts and links (tolerant of broken HTML)."};
  p.type("HiddenHTMLData", {"alt_texts", "links"});
  p.function("html_code")
      .exported_from({"invariant.parsers.html"})
      .data("data", /*accept_tool_calls=*/true)
      .returning("HiddenHTMLData")
      .describe("alt texts of every <img> (in order) and the de-duplicated links (<a href> and URLs in text).")
      .run([](sdk::Call& call) {
        std::vector<std::string> alts, links;
        for (const auto& text : call.texts()) {
          call.check_deadline();
          auto h = inv::detectors::parse_html(text);
          alts.insert(alts.end(), h.alt_texts.begin(), h.alt_texts.end());
          for (auto& l : h.links) add_unique(links, std::move(l));
        }
        return sdk::record("HiddenHTMLData", {{"alt_texts", sdk::Json(alts)}, {"links", sdk::Json(links)}});
      });
  p.function("links")
      .exported_from({"invariant.parsers.html"})
      .data("data", /*accept_tool_calls=*/true)
      .returning("list[str]")
      .describe("The de-duplicated http(s) URLs of the texts (no HTML parsing).")
      .run([](sdk::Call& call) {
        std::vector<std::string> links;
        for (const auto& text : call.texts()) {
          call.check_deadline();
          for (auto& l : inv::detectors::find_links(text)) add_unique(links, std::move(l));
        }
        return sdk::Json(links);
      });
  return p;
}

}  // namespace

INVARIANT_DETECTOR_PLUGIN(define)
