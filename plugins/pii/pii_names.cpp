// PII recognizers for names: PERSON, LOCATION and NRP from the embedded word lists, with the rules for
// titles, surnames, multi-word places and words that are in several lists (see pii_core.hpp).
#include "plugins/pii/pii_internal.hpp"

#include <algorithm>
#include <string>
#include <vector>

namespace inv::detectors::pii {
namespace {

constexpr double kNameScore = 0.85;

class NameScanner {
 public:
  NameScanner(const Doc& doc, std::vector<Hit>& out) : doc_(doc), words_(doc.words()), out_(out) {}

  void run() {
    const std::size_t n = words_.size();
    for (std::size_t i = 0; i < n; ++i) {
      if (words_[i].start < covered_) continue;
      const std::size_t next = scan_at(i);
      if (next > i + 1) i = next - 1;
    }
  }

 private:
  // Word `w` is not part of an identifier, file name, path, address or template.
  bool eligible(const Word& w) const {
    const char32_t prev = doc_.before(w.start), prev2 = w.start >= 2 ? doc_.at(w.start - 2) : U'\0';
    if (is_digit(prev) || prev == U'_' || prev == U'@' || prev == U'/' || prev == U'\\' || prev == U'#' ||
        prev == U'$' || prev == U'{' || prev == U'<' || prev == U'%' || prev == U'&' || prev == U'~')
      return false;
    if ((prev == U'.' || prev == U'-') && is_alnum(prev2)) return false;
    const char32_t next = doc_.at(w.end), next2 = doc_.at(w.end + 1);
    if (w.possessive) return true;
    if (is_digit(next) || next == U'_' || next == U'@' || next == U'(' || next == U'\\' || next == U'}' ||
        next == U'>')
      return false;
    if ((next == U'.' || next == U'/' || next == U'-') && is_alnum(next2)) return false;
    return true;
  }

  // "Jean-Pierre", "Mary-Jane": every part a given name.
  static bool hyphenated_first_name(std::string_view key) {
    std::size_t begin = 0, parts = 0;
    for (;;) {
      const std::size_t dash = key.find('-', begin);
      const std::string_view part = key.substr(begin, dash == std::string_view::npos ? dash : dash - begin);
      if (!is_first_name(part) && !is_ambiguous_first_name(part)) return false;
      ++parts;
      if (dash == std::string_view::npos) return parts > 1;
      begin = dash + 1;
    }
  }

  static bool saint_word(std::string_view key) {
    return key == "st" || key == "saint" || key == "san" || key == "santa" || key == "sao" || key == "são" ||
           key == "ste" || key == "sainte" || key == "santo";
  }

  bool capitalised(const Word& w) const { return w.title && eligible(w); }

  // Words a and b follow each other on one line (a middle initial "F." or "St." may end a).
  bool adjacent(std::size_t a, std::size_t b) const {
    if (b >= words_.size() || words_[a].possessive) return false;
    const Word& wa = words_[a];
    const Word& wb = words_[b];
    if (doc_.spaces_between(wa.end, wb.start)) return true;
    const bool abbreviation = wa.end - wa.start == 1 || wa.key == "st" || wa.key == "ft" || wa.key == "mt";
    return abbreviation && doc_.at(wa.end) == U'.' && doc_.spaces_between(wa.end + 1, wb.start);
  }

  bool stop_word(const Word& w) const {
    return is_common_word(w.key) || is_title(w.key) || month_number(w.key) != 0 || weekday_number(w.key) != 0;
  }

  // Number of words of the longest location starting at word i (0 if none).
  std::size_t location_words(std::size_t i) const {
    const Word& w = words_[i];
    if (!capitalised(w)) return 0;
    std::string phrase = w.key;  // "St. Louis" is looked up as "st louis"
    std::size_t best = is_location(phrase) ? 1 : 0;
    for (std::size_t j = i; j + 1 < words_.size() && is_location_prefix(phrase) && adjacent(j, j + 1); ++j) {
      const Word& next = words_[j + 1];
      if (!(next.title || next.lower) || !eligible(next)) break;
      phrase += ' ';
      phrase += next.key;
      if (next.title && is_location(phrase)) best = j + 2 - i;
    }
    return best;
  }

  bool org_after(std::size_t end_word) const {
    if (end_word >= words_.size() || !adjacent(end_word - 1, end_word)) return false;
    static const WordSet software = make_set(
        "framework library package module plugin sdk api app server project engine client cluster repo "
        "repository");
    const Word& w = words_[end_word];
    return (w.title && is_org_word(w.key)) || software.count(w.key) > 0;
  }
  bool org_before(std::size_t i) const {
    if (i < 2 || words_[i - 1].key != "of" || !adjacent(i - 1, i) || !adjacent(i - 2, i - 1)) return false;
    return words_[i - 2].title && is_org_prefix(words_[i - 2].key);
  }

  bool place_context(std::size_t i, std::size_t count) const {
    if (i > 0 && adjacent(i - 1, i) && is_place_preposition(words_[i - 1].key)) return true;
    // "Austin, Texas" / "Austin, TX"
    const std::size_t last = i + count - 1;
    const std::size_t e = words_[last].end;
    if (doc_.at(e) == U',' && doc_.at(e + 1) == U' ' && last + 1 < words_.size() && words_[last + 1].start == e + 2) {
      const Word& w = words_[last + 1];
      return (w.title && location_words(last + 1) > 0) || (w.upper && w.end - w.start == 2);
    }
    return false;
  }

  // Index after the last word of a person name starting at word i (the given name or the first word
  // after a title): surname words, particles and initials.
  std::size_t person_end(std::size_t i) const {
    std::size_t last = i, k = i + 1;
    for (int extra = 0; k < words_.size() && extra < 3; ++extra) {
      if (!adjacent(k - 1, k)) break;
      const Word& w = words_[k];
      if (w.lower && is_particle(w.key) && k + 1 < words_.size() && adjacent(k, k + 1) &&
          capitalised(words_[k + 1]) && !stop_word(words_[k + 1])) {
        last = k + 1;
        k += 2;
        continue;
      }
      if (!capitalised(w) || stop_word(w) || is_org_word(w.key)) break;
      if (w.end - w.start == 1) {  // middle initial
        if (doc_.at(w.end) != U'.' || k + 1 >= words_.size() || !adjacent(k, k + 1) || !capitalised(words_[k + 1]))
          break;
        ++k;
        continue;
      }
      if (is_nrp(w.key) && !is_surname(w.key)) break;
      if (location_words(k) > 0 && !is_surname(w.key) && !is_first_name(w.key)) break;
      last = k;
      ++k;
    }
    return last + 1;
  }

  void emit(Kind kind, std::size_t first, std::size_t end_word) {
    out_.push_back(Hit{kind, words_[first].start, words_[end_word - 1].end, kNameScore});
    covered_ = words_[end_word - 1].end;
  }

  void emit_location(std::size_t i, std::size_t count) {
    if (!org_after(i + count) && !org_before(i)) emit(Kind::kLocation, i, i + count);
  }

  // NRP at word i (one or two words); returns the number of words consumed.
  std::size_t nrp_at(std::size_t i) {
    const Word& w = words_[i];
    std::size_t count = 0;
    if (i + 1 < words_.size() && adjacent(i, i + 1) && capitalised(words_[i + 1]) &&
        is_nrp(w.key + " " + words_[i + 1].key)) {
      count = 2;
    } else if (is_nrp(w.key)) {
      count = 1;
    }
    if (count == 0) return 0;
    const std::size_t after = i + count;
    // Languages: "in French", "speaks German and Dutch", "British English", "Spanish language pack".
    static const WordSet language_cues = make_set(
        "in into to speak speaks spoke speaking learn learning learned translate translated translating "
        "translation fluent written write writes native language");
    static const WordSet language_nouns = make_set(
        "spelling language languages translation text version subtitles keyboard locale speakers speaker "
        "words grammar dictionary audio ui copy edition lessons course class teacher alphabet accent");
    if (count == 1 && after < words_.size() && adjacent(i, after) && words_[after].title &&
        is_language(words_[after].key))
      return count + 1;
    if (count == 1 && is_language(w.key)) {
      if (after < words_.size() && adjacent(i, after) && language_nouns.count(words_[after].key)) return count;
      std::size_t j = i;
      while (j > 0 && i - j < 6 &&
             (words_[j - 1].key == "and" || words_[j - 1].key == "or" || is_language(words_[j - 1].key)))
        --j;
      if (j > 0 && language_cues.count(words_[j - 1].key)) return count;
    }
    if (after < words_.size() && adjacent(after - 1, after) && words_[after].title && !is_nrp(words_[after].key))
      return count;  // "American Express", "French Open": part of another name
    if (w.key == "polish" && doc_.sentence_initial(i)) return count;
    emit(Kind::kNrp, i, after);
    return count;
  }

  // "U.S.", "U.S.A.", "U.K." at word i; returns the end offset or 0.
  std::size_t dotted_place(std::size_t i) const {
    const std::size_t p = words_[i].start;
    auto text_is = [&](std::u32string_view s) {
      for (std::size_t k = 0; k < s.size(); ++k)
        if (doc_.at(p + k) != s[k]) return false;
      return true;
    };
    for (std::u32string_view form : {std::u32string_view(U"U.S.A."), std::u32string_view(U"U.S.A"),
                                      std::u32string_view(U"U.S."), std::u32string_view(U"U.K.")}) {
      if (text_is(form) && !is_alnum(doc_.at(p + form.size()))) return p + form.size();
    }
    return 0;
  }

  // Handles word i; returns the index of the next word to look at.
  std::size_t scan_at(std::size_t i) {
    const Word& w = words_[i];
    if (w.key == "u" && w.title && !is_alnum(doc_.before(w.start)) && doc_.before(w.start) != U'.') {
      if (const std::size_t end = dotted_place(i)) {
        out_.push_back(Hit{Kind::kLocation, w.start, end, kNameScore});
        covered_ = end;
        return i + 1;
      }
    }
    if (!eligible(w)) return i + 1;
    if (w.upper) {
      static const WordSet us_cues = make_set("the in to from across within throughout");
      if (is_location_acronym(w.key) || (w.key == "us" && us_cues.count(doc_.previous_key(w.start)))) {
        if (!org_after(i + 1)) emit(Kind::kLocation, i, i + 1);
      } else if (w.key == "gop") {
        emit(Kind::kNrp, i, i + 1);
      }
      return i + 1;
    }
    if (!w.title) return i + 1;
    const std::string& key = w.key;
    // Titles: the capitalised words after "Mr", "Dr.", "Prof", ...
    // ("Elm Dr Springfield" is a street, not Dr Springfield.)
    const bool street = key == "dr" && i > 0 && adjacent(i - 1, i) && words_[i - 1].title;
    if (is_title(key) && !street && i + 1 < words_.size()) {
      const std::size_t j = i + 1;
      const std::size_t gap = w.end + (doc_.at(w.end) == U'.' ? 1 : 0);
      const Word& name = words_[j];
      if (doc_.spaces_between(gap, name.start) && capitalised(name) && !stop_word(name) &&
          !(location_words(j) > 0 && !is_surname(name.key) && !is_first_name(name.key))) {
        const std::size_t end = person_end(j);
        emit(Kind::kPerson, j, end);
        return end;
      }
    }
    const std::size_t place = location_words(i);
    if (place >= 2) {
      emit_location(i, place);
      return i + place;
    }
    const bool first = is_first_name(key) || hyphenated_first_name(key);
    const bool ambiguous = is_ambiguous_first_name(key);
    const bool nrp = is_nrp(key) || (i + 1 < words_.size() && is_nrp(key + " " + words_[i + 1].key));
    if ((first || ambiguous) && i > 0 && adjacent(i - 1, i) && saint_word(words_[i - 1].key)) {
      // "St. Mary's Hospital", "San Diego", "Santa Clara": a saint's name, not a person.
      return i + 1;
    }
    if (first || ambiguous) {
      const std::size_t end = person_end(i);
      bool surname = end > i + 1;
      // A given name that is also a common word needs a known surname or given name after it.
      if (surname && ambiguous && !is_surname(words_[i + 1].key) && !is_first_name(words_[i + 1].key))
        surname = false;
      if (surname) {
        emit(Kind::kPerson, i, end);
        return end;
      }
      if (place == 1) {
        if (is_name_first_place(key) && !place_context(i, 1)) emit(Kind::kPerson, i, i + 1);
        else emit_location(i, 1);
        return i + 1;
      }
      if (nrp) return i + std::max<std::size_t>(1, nrp_at(i));
      if (first && !ambiguous && !stop_word(w)) emit(Kind::kPerson, i, i + 1);
      return i + 1;
    }
    // Surname first: "Zhang Wei".
    if (place == 0 && !nrp && !stop_word(w) && is_surname(key) && i + 1 < words_.size() && adjacent(i, i + 1) &&
        capitalised(words_[i + 1]) && is_first_name(words_[i + 1].key) && !words_[i].possessive) {
      emit(Kind::kPerson, i, i + 2);
      return i + 2;
    }
    // Unknown given name before a known surname: "Xiomara Garcia" (not at a sentence start).
    if (place == 0 && !nrp && !stop_word(w) && !doc_.sentence_initial(i) && i + 1 < words_.size() &&
        adjacent(i, i + 1) && capitalised(words_[i + 1]) && is_strong_surname(words_[i + 1].key) &&
        w.end - w.start > 1) {
      const std::size_t end = person_end(i);
      emit(Kind::kPerson, i, end);
      return end;
    }
    if (place == 1) {
      emit_location(i, 1);
      return i + 1;
    }
    if (nrp) return i + std::max<std::size_t>(1, nrp_at(i));
    return i + 1;
  }

  const Doc& doc_;
  const std::vector<Word>& words_;
  std::vector<Hit>& out_;
  std::size_t covered_ = 0;
};

}  // namespace

void find_names(const Doc& doc, std::vector<Hit>& out) { NameScanner(doc, out).run(); }

}  // namespace inv::detectors::pii
