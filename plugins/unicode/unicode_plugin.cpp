// The `unicode` detector plugin (STDLIB.md §3.6, DECISIONS §12): the Unicode general category of every
// character (ICU), optionally filtered; each reported character is marked as a one-character range.
#include "invariant/detector_sdk.hpp"
#include "plugins/unicode/unicode_core.hpp"

namespace {

namespace sdk = invariant::sdk;

sdk::PluginDef define() {
  sdk::PluginDef p{"unicode", "1.0.0", "Unicode general categories of the characters of a text (ICU)."};
  p.function("unicode")
      .exported_from({"invariant.detectors", "invariant.detectors.unicode"})
      .data()
      .optional("categories", "list|None", nullptr)
      .marks()
      .returning("list[str]")
      .describe("The distinct categories found per text (all characters, or only those in `categories`).")
      .run([](sdk::Call& call) {
        if (call.data_kind() == "none") throw sdk::Error("AssertionError", "cannot call unicode(...) on None");
        std::vector<std::string> filter;
        const sdk::Json* cats = call.arg("categories");
        const bool filtered = cats && !cats->is_null();
        if (filtered)
          for (const auto& c : cats->as_array())
            if (c.is_string()) filter.push_back(c.as_string());
        sdk::Json out = sdk::Json::array();
        for (std::size_t i = 0; i < call.texts().size(); ++i) {
          call.check_deadline();
          const auto& text = call.texts()[i];
          auto hits = filtered ? inv::detectors::unicode_categories(text, filter)
                               : inv::detectors::unicode_categories(text);
          for (const auto& h : hits) call.mark(i, h.offset, h.offset + 1);
          for (auto& c : inv::detectors::distinct_categories(hits)) out.push_back(std::move(c));
        }
        return out;
      });
  return p;
}

}  // namespace

INVARIANT_DETECTOR_PLUGIN(define)
