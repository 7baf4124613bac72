// An example third-party detector plugin for invariant-server, built only against the installed plugin SDK
// (find_package(InvariantPluginSDK)). It finds "shouted" words: words written entirely in capital letters.
//
// Policy usage:
//
//   from acme.detectors import shouting, shouts, Shout
//
//   raise "do not shout at the user" if:
//       (msg: Message)
//       msg.role == "assistant"
//       len(shouting(msg, min_length=5)) > 0
//
// Functions (module acme.detectors):
//   shouting(data, min_length: int = 4) -> list[str]
//       The shouted words of the texts, in order; each one is marked as a highlight range.
//   shouts(data, min_length: int = 4) -> list[Shout]
//       The same as records Shout(word, text, start, end): the index of the text and the code point
//       range of the word in it.
// Record type Shout(word, text, start, end), also exported as a constructor from acme.detectors.
//
// A word is a maximal run of ASCII letters and digits (apostrophes inside a word belong to it); it is
// shouted when it has at least `min_length` letters and all of them are capitals. Non-ASCII characters
// separate words.
//
// Setting (environment of the server): INVARIANT_PLUGIN_SHOUTING_ALLOW, a comma-separated list of words
// that are never reported (acronyms such as "NASA,HTTP"). Words are compared as written.
#include <algorithm>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "invariant/detector_sdk.hpp"

namespace {

namespace sdk = invariant::sdk;

struct Word {
  std::size_t begin;  // byte offsets into the text
  std::size_t end;
};

bool is_upper(char c) { return c >= 'A' && c <= 'Z'; }
bool is_lower(char c) { return c >= 'a' && c <= 'z'; }
bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool is_word_char(char c) { return is_upper(c) || is_lower(c) || is_digit(c); }

std::set<std::string> allowed_words(const std::string& setting) {
  std::set<std::string> out;
  std::size_t start = 0;
  while (start <= setting.size()) {
    std::size_t comma = setting.find(',', start);
    if (comma == std::string::npos) comma = setting.size();
    std::string w = setting.substr(start, comma - start);
    w.erase(0, w.find_first_not_of(' '));
    w.erase(w.find_last_not_of(' ') + 1);
    if (!w.empty()) out.insert(w);
    start = comma + 1;
  }
  return out;
}

// The shouted words of one text, by byte offsets.
std::vector<Word> shouted_words(std::string_view text, std::int64_t min_length, const std::set<std::string>& allow) {
  std::vector<Word> out;
  std::size_t i = 0;
  while (i < text.size()) {
    if (!is_word_char(text[i])) {
      ++i;
      continue;
    }
    const std::size_t begin = i;
    std::int64_t letters = 0;
    bool lower = false;
    while (i < text.size() &&
           (is_word_char(text[i]) || (text[i] == '\'' && i + 1 < text.size() && is_word_char(text[i + 1])))) {
      if (is_upper(text[i])) ++letters;
      if (is_lower(text[i])) lower = true;
      ++i;
    }
    if (!lower && letters >= min_length && !allow.count(std::string(text.substr(begin, i - begin))))
      out.push_back({begin, i});
  }
  return out;
}

std::int64_t min_length_of(const sdk::Call& call) {
  const sdk::Json* a = call.arg("min_length");
  if (!a || a->is_null()) return 4;
  if (!a->is_int()) throw sdk::Error("TypeError", "shouting(): min_length must be an int");
  if (a->as_int() < 1)
    throw sdk::Error("ValueError", "shouting(): min_length must be at least 1, not " + std::to_string(a->as_int()));
  return a->as_int();
}

sdk::PluginDef define() {
  sdk::PluginDef p{"shouting", "1.0.0", "Finds words written in capital letters (an example plugin)."};
  // Reads only its input: safe in-process, from many threads, in time linear in the input.
  p.in_process_safe = true;
  p.thread_safe = true;
  p.bounded_time = true;
  p.check_settings = [](const sdk::Json& settings) {
    if (const sdk::Json* a = settings.find("allow"); a && !a->is_string())
      throw sdk::Error("ValueError", "INVARIANT_PLUGIN_SHOUTING_ALLOW must be a comma-separated list of words");
  };
  p.type("Shout", {"word", "text", "start", "end"}, {"acme.detectors"});

  p.function("shouting")
      .exported_from({"acme.detectors"})
      .data()
      .optional("min_length", "int", 4)
      .marks()
      .returning("list[str]")
      .describe("The words written in capitals with at least min_length letters; each is marked as a range.")
      .run([](sdk::Call& call) {
        const std::int64_t min_length = min_length_of(call);
        const auto allow = allowed_words(call.setting("allow"));
        sdk::Json out = sdk::Json::array();
        for (std::size_t t = 0; t < call.texts().size(); ++t) {
          call.check_deadline();
          const std::string& text = call.texts()[t];
          for (const Word& w : shouted_words(text, min_length, allow)) {
            call.mark_bytes(t, w.begin, w.end);
            out.push_back(text.substr(w.begin, w.end - w.begin));
          }
        }
        return out;
      });

  p.function("shouts")
      .exported_from({"acme.detectors"})
      .data()
      .optional("min_length", "int", 4)
      .returning("list[Shout]")
      .describe("The shouted words as Shout(word, text, start, end) records (code point offsets).")
      .run([](sdk::Call& call) {
        const std::int64_t min_length = min_length_of(call);
        const auto allow = allowed_words(call.setting("allow"));
        sdk::Json out = sdk::Json::array();
        for (std::size_t t = 0; t < call.texts().size(); ++t) {
          call.check_deadline();
          const std::string& text = call.texts()[t];
          inv::utf8::CodePointCursor cursor(text);
          for (const Word& w : shouted_words(text, min_length, allow)) {
            const std::size_t start = cursor.at(w.begin);
            out.push_back(sdk::record("Shout", {{"word", text.substr(w.begin, w.end - w.begin)},
                                                {"text", t},
                                                {"start", start},
                                                {"end", cursor.at(w.end)}}));
          }
        }
        return out;
      });
  return p;
}

}  // namespace

INVARIANT_DETECTOR_PLUGIN(define)
