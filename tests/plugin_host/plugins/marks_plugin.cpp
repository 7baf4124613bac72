// Test plugin "marks": marks highlight ranges, correctly (every occurrence of a word, by byte offsets
// converted to code points) or wrongly (ranges the host must reject).
#include <string>

#include "invariant/detector_sdk.hpp"

namespace {

namespace sdk = invariant::sdk;

sdk::PluginDef define() {
  sdk::PluginDef p{"marks", "0.1.0", "Marks ranges."};
  p.function("find_word")
      .exported_from({"tests.marks"})
      .data()
      .param("word", "str")
      .marks()
      .returning("int")
      .run([](sdk::Call& call) {
        const std::string word = call.str_arg("word");
        long long n = 0;
        for (std::size_t t = 0; t < call.texts().size(); ++t) {
          const std::string& text = call.texts()[t];
          for (std::size_t at = text.find(word); !word.empty() && at != std::string::npos;
               at = text.find(word, at + word.size())) {
            call.mark_bytes(t, at, at + word.size());
            ++n;
          }
        }
        return sdk::Json(n);
      });
  // how: "past_end" (end beyond the text), "text_index" (no such text), "reversed" (end < start),
  // "negative" (start < 0); anything else marks nothing.
  p.function("bad_mark")
      .exported_from({"tests.marks"})
      .data()
      .param("how", "str")
      .marks()
      .run([](sdk::Call& call) {
        const std::string how = call.str_arg("how");
        std::size_t n = 0;
        if (!call.texts().empty()) n = inv::utf8::CodePointCursor(call.texts()[0]).at(call.texts()[0].size());
        if (how == "past_end") call.mark(0, 0, n + 5);
        else if (how == "text_index") call.mark(call.texts().size(), 0, 1);
        else if (how == "reversed") call.mark(0, 3, 1);
        else if (how == "negative") call.mark(0, static_cast<std::size_t>(-1), 1);  // dumped as -1
        return sdk::Json(true);
      });
  return p;
}

}  // namespace

INVARIANT_DETECTOR_PLUGIN(define)
