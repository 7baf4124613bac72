// PII recognizer for dates and times (see pii_core.hpp): numeric dates and times, month and weekday names,
// relative expressions and holidays. Adjacent parts ("Monday, January 5, 2024 10:30") form one span.
#include "plugins/pii/pii_internal.hpp"

#include <algorithm>
#include <utility>
#include <vector>

namespace inv::detectors::pii {
namespace {

constexpr double kDateScore = 0.85;
using Span = std::pair<std::size_t, std::size_t>;

const WordSet& date_prepositions() {
  static const WordSet set = make_set(
      "in on of since until till by during from early late mid this next last before after through throughout "
      "every around circa between year fy spring summer autumn fall winter");
  return set;
}
const WordSet& count_nouns() {
  static const WordSet set = make_set(
      "user users record records row rows item items entry entries file files line lines byte bytes token tokens "
      "request requests people person employees customers words characters chars points units samples images "
      "documents messages emails pages results errors tests times steps ms kb mb gb dollars euros usd eur "
      "calories meters miles km feet pixels px students members votes copies orders transactions products "
      "accounts sessions queries calls");
  return set;
}
const WordSet& relative_units() {
  static const WordSet set = make_set(
      "week month year weekend quarter morning afternoon evening night decade century spring summer autumn fall "
      "winter");
  return set;
}
const WordSet& relative_openers() {
  static const WordSet set = make_set("this next last coming past previous following");
  return set;
}
const WordSet& duration_units() {
  static const WordSet set =
      make_set("second seconds minute minutes hour hours day days week weeks month months year years decade decades");
  return set;
}
const WordSet& quantity_words() {
  static const WordSet set =
      make_set("a an one two three four five six seven eight nine ten eleven twelve fifteen twenty thirty few several");
  return set;
}
const WordSet& holidays() {
  static const WordSet set =
      make_set("christmas easter thanksgiving halloween hanukkah ramadan diwali passover");
  return set;
}
const WordSet& day_holidays() {
  static const WordSet set = make_set(
      "independence labor labour memorial mother father boxing valentine veterans presidents columbus");
  return set;
}
const WordSet& time_zones() {
  static const WordSet set =
      make_set("utc gmt est edt cst cdt mst mdt pst pdt cet cest bst ist jst aest");
  return set;
}

bool left_ok(const Doc& doc, std::size_t i) {
  const char32_t prev = doc.before(i), prev2 = i >= 2 ? doc.at(i - 2) : U'\0';
  if (is_alnum(prev) || prev == U'_') return false;
  if ((prev == U'.' || prev == U':' || prev == U'/' || prev == U'-' || prev == U',') && is_digit(prev2)) return false;
  if ((prev == U'.' || prev == U'-') && is_alnum(prev2)) return false;  // "v2.1", "model-2024-05-13"
  return true;
}
bool right_ok(const Doc& doc, std::size_t e) {
  const char32_t next = doc.at(e), next2 = doc.at(e + 1);
  if (is_alnum(next) || next == U'_') return false;
  if ((next == U'.' || next == U':' || next == U'/' || next == U'-') && is_digit(next2)) return false;
  return true;
}

// Reads 1..max digits at `p`; returns the count (0 if none or more than max) and the value.
std::size_t read_number(const Doc& doc, std::size_t p, std::size_t max, int* value) {
  std::size_t k = 0;
  int v = 0;
  while (is_digit(doc.at(p + k))) {
    if (k == max) return 0;
    v = v * 10 + static_cast<int>(doc.at(p + k) - U'0');
    ++k;
  }
  *value = v;
  return k;
}

bool valid_day(int year, int month, int day) {
  static constexpr int kDays[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (month < 1 || month > 12 || day < 1) return false;
  if (month == 2 && day == 29 && year > 0) return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
  return day <= kDays[month - 1];
}

bool ascii_word_ci(const Doc& doc, std::size_t p, std::string_view lower) {
  for (std::size_t k = 0; k < lower.size(); ++k)
    if (ascii_lower(doc.at(p + k)) != static_cast<char32_t>(lower[k])) return false;
  return !is_letter(doc.at(p + lower.size()));
}

// "am", "pm", "a.m.", "p.m." after optional spaces at `p`; returns the end or 0.
std::size_t meridiem(const Doc& doc, std::size_t p) {
  while (doc.at(p) == U' ') ++p;
  const char32_t c = ascii_lower(doc.at(p));
  if (c != U'a' && c != U'p') return 0;
  if (ascii_lower(doc.at(p + 1)) == U'm' && !is_letter(doc.at(p + 2))) return p + 2;
  if (doc.at(p + 1) == U'.' && ascii_lower(doc.at(p + 2)) == U'm' && doc.at(p + 3) == U'.') return p + 4;
  return 0;
}

// Time "H:MM[:SS[.fff]]" at `p`; returns the end (with meridiem / time zone) or 0.
std::size_t parse_time(const Doc& doc, std::size_t p) {
  int h = 0, m = 0, s = 0;
  const std::size_t hl = read_number(doc, p, 2, &h);
  if (hl == 0 || h > 23 || doc.at(p + hl) != U':') return 0;
  std::size_t q = p + hl + 1;
  if (read_number(doc, q, 2, &m) != 2 || m > 59) return 0;
  q += 2;
  if (doc.at(q) == U':' && is_digit(doc.at(q + 1))) {
    if (read_number(doc, q + 1, 2, &s) != 2 || s > 60) return 0;
    q += 3;
    if ((doc.at(q) == U'.' || doc.at(q) == U',') && is_digit(doc.at(q + 1))) {
      ++q;
      while (is_digit(doc.at(q))) ++q;
    }
  }
  if (doc.at(q) == U':' && is_digit(doc.at(q + 1))) return 0;
  if (const std::size_t mer = meridiem(doc, q); mer && h <= 12) q = mer;
  if (doc.at(q) == U'Z' && !is_alnum(doc.at(q + 1))) {
    ++q;
  } else if ((doc.at(q) == U'+' || doc.at(q) == U'-') && is_digit(doc.at(q + 1)) && is_digit(doc.at(q + 2))) {
    std::size_t z = q + 3;
    if (doc.at(z) == U':') ++z;
    if (is_digit(doc.at(z)) && is_digit(doc.at(z + 1)) && !is_digit(doc.at(z + 2))) q = z + 2;
  } else if (doc.at(q) == U' ') {
    std::size_t z = q + 1, e = z;
    while (is_ascii_alpha(doc.at(e)) && e - z < 5) ++e;
    if (e > z && !is_alnum(doc.at(e))) {
      std::string word;
      for (std::size_t k = z; k < e; ++k) word.push_back(static_cast<char>(ascii_lower(doc.at(k))));
      if (is_ascii_upper(doc.at(z)) && time_zones().count(word)) q = e;
    }
  }
  return right_ok(doc, q) ? q : 0;
}

// Month name or abbreviation word at `p` (code point offset); fills its end. Case rules as in the header.
int month_word_at(const Doc& doc, std::size_t p, std::size_t* end) {
  const std::size_t k = doc.word_from(p);
  if (k >= doc.words().size() || doc.words()[k].start != p) return 0;
  const Word& w = doc.words()[k];
  const int month = month_number(w.key);
  if (month == 0) return 0;
  const bool abbreviation = is_month_abbreviation(w.key);
  if (!w.title && (abbreviation || w.key == "may" || w.key == "march" || w.key == "august" || !w.lower)) return 0;
  *end = w.end + (abbreviation && doc.at(w.end) == U'.' ? 1 : 0);
  return month;
}

// ", 2024" / " 2024" after a day or month; returns the end or `p`.
std::size_t optional_year(const Doc& doc, std::size_t p) {
  std::size_t q = p;
  if (doc.at(q) == U',') ++q;
  if (doc.at(q) != U' ') return p;
  ++q;
  int y = 0;
  if (read_number(doc, q, 4, &y) == 4 && !is_digit(doc.at(q + 4)) && y >= 1000 && right_ok(doc, q + 4)) return q + 4;
  return p;
}

// Day of month with an optional ordinal suffix at `p`; returns its end or 0.
std::size_t day_at(const Doc& doc, std::size_t p, int* day) {
  const std::size_t len = read_number(doc, p, 2, day);
  if (len == 0 || *day < 1 || *day > 31) return 0;
  std::size_t q = p + len;
  const char32_t a = ascii_lower(doc.at(q)), b = ascii_lower(doc.at(q + 1));
  if (((a == U's' && b == U't') || (a == U'n' && b == U'd') || (a == U'r' && b == U'd') || (a == U't' && b == U'h')) &&
      !is_letter(doc.at(q + 2)))
    q += 2;
  return is_alnum(doc.at(q)) ? 0 : q;
}

void numeric_dates(const Doc& doc, std::vector<Span>& spans) {
  const std::size_t n = doc.size();
  for (std::size_t i = 0; i < n; ++i) {
    if (!is_digit(doc.at(i))) continue;
    std::size_t run = i;
    while (run < n && is_digit(doc.at(run))) ++run;
    if (!left_ok(doc, i)) {
      i = run - 1;
      continue;
    }
    int a = 0;
    const std::size_t al = run - i;
    if (al <= 4) read_number(doc, i, 4, &a);
    std::size_t end = 0;
    const char32_t sep = doc.at(run);
    // yyyy-mm-dd, yyyy/mm/dd, yyyy.mm.dd (+ time)
    if (al == 4 && (sep == U'-' || sep == U'/' || sep == U'.')) {
      int m = 0, d = 0;
      const std::size_t ml = read_number(doc, run + 1, 2, &m);
      const std::size_t p = run + 1 + ml;
      if (ml > 0 && doc.at(p) == sep) {
        const std::size_t dl = read_number(doc, p + 1, 2, &d);
        if (dl > 0 && valid_day(a, m, d) && (sep != U'.' || (ml == 2 && dl == 2))) {
          end = p + 1 + dl;
          if ((doc.at(end) == U'T' || doc.at(end) == U' ') && is_digit(doc.at(end + 1))) {
            if (const std::size_t t = parse_time(doc, end + 1)) end = t;
          }
          if (!right_ok(doc, end)) end = 0;
        }
      }
    }
    // d/m/y, m/d/y with "/", "-" or "." (4-digit year for ".")
    if (end == 0 && al <= 2 && (sep == U'/' || sep == U'-' || sep == U'.')) {
      int b = 0, c = 0;
      const std::size_t bl = read_number(doc, run + 1, 2, &b);
      const std::size_t p = run + 1 + bl;
      if (bl > 0 && doc.at(p) == sep) {
        const std::size_t cl = read_number(doc, p + 1, 4, &c);
        const bool year_ok = (cl == 4 && c >= 1900 && c <= 2100) || (cl == 2 && sep != U'.');
        const int year = cl == 4 ? c : 2000 + c;
        if (year_ok && (valid_day(year, b, a) || valid_day(year, a, b)) && right_ok(doc, p + 1 + cl)) {
          end = p + 1 + cl;
          if (doc.at(end) == U' ' && is_digit(doc.at(end + 1))) {
            if (const std::size_t t = parse_time(doc, end + 1)) end = t;
          }
        }
      }
    }
    // times
    if (end == 0 && al <= 2 && sep == U':') end = parse_time(doc, i);
    // 10am, 3 pm
    if (end == 0 && al <= 2 && a >= 1 && a <= 12) {
      if (const std::size_t mer = meridiem(doc, run); mer && !is_alnum(doc.at(mer))) end = mer;
    }
    // 5 Jan 2024, 5th of January
    if (end == 0 && al <= 2) {
      int day = 0;
      if (std::size_t q = day_at(doc, i, &day)) {
        if (doc.at(q) == U' ') {
          ++q;
          if (ascii_word_ci(doc, q, "of") && doc.at(q + 2) == U' ') q += 3;
          std::size_t mend = 0;
          if (month_word_at(doc, q, &mend)) end = optional_year(doc, mend);
        }
      }
    }
    // 1990s, years after a preposition
    if (end == 0 && al == 4 && a >= 1900 && a <= 2099) {
      if (doc.at(run) == U's' && a % 10 == 0 && !is_alnum(doc.at(run + 1))) {
        end = run + 1;
      } else if (right_ok(doc, run) && doc.at(run) != U'%' && date_prepositions().count(doc.previous_key(i)) &&
                 doc.spaces_between(doc.words()[doc.word_from(i) - 1].end, i)) {
        const std::size_t k = doc.word_from(run);
        const bool counted = k < doc.words().size() && doc.spaces_between(run, doc.words()[k].start) &&
                             count_nouns().count(doc.words()[k].key);
        if (!counted) end = run;
      }
    }
    if (end > i) {
      spans.emplace_back(i, end);
      i = end - 1;
    } else {
      i = run - 1;
    }
  }
}

void word_dates(const Doc& doc, std::vector<Span>& spans) {
  const auto& words = doc.words();
  const std::size_t count = words.size();
  auto next_word = [&](std::size_t k) -> const Word* {
    if (k + 1 < count && doc.spaces_between(words[k].end, words[k + 1].start)) return &words[k + 1];
    return nullptr;
  };
  for (std::size_t k = 0; k < count; ++k) {
    const Word& w = words[k];
    const std::string& key = w.key;
    // Month names.
    std::size_t mend = 0;
    if (month_word_at(doc, w.start, &mend)) {
      std::size_t end = 0;
      int day = 0;
      if (doc.at(mend) == U' ') {
        if (const std::size_t d = day_at(doc, mend + 1, &day)) {
          end = optional_year(doc, d);
        } else if (const std::size_t y = optional_year(doc, mend); y > mend) {
          end = y;
        }
      }
      if (end == 0 && !is_month_abbreviation(key)) {
        // A bare month name before another capitalised word is part of a name ("March Madness").
        const Word* next = next_word(k);
        const bool named = next && next->title && !weekday_number(next->key) && !month_number(next->key);
        const bool needs_context = key == "may" || key == "march" || key == "august";
        if (!named && (!needs_context || date_prepositions().count(doc.previous_key(w.start)))) end = w.end;
      }
      if (end > 0) spans.emplace_back(w.start, end);
      continue;
    }
    // Weekdays, full or (before a date) abbreviated.
    if (weekday_number(key) && (w.title || w.lower)) {
      std::size_t end = w.end;
      const Word* part = next_word(k);
      if (part && relative_units().count(part->key) && part->key != "week") end = part->end;
      spans.emplace_back(w.start, end);
      continue;
    }
    static const WordSet short_days = make_set("mon tue tues wed thu thur thurs fri sat sun");
    if (w.title && short_days.count(key)) {
      std::size_t q = w.end + (doc.at(w.end) == U',' ? 1 : 0);
      std::size_t mend2 = 0;
      if (doc.at(q) == U' ' && (is_digit(doc.at(q + 1)) || month_word_at(doc, q + 1, &mend2)))
        spans.emplace_back(w.start, w.end);
      continue;
    }
    // today, tomorrow morning, ...
    if (key == "today" || key == "tonight" || key == "yesterday" || key == "tomorrow" || key == "noon" ||
        key == "midnight") {
      std::size_t end = w.end;
      if (const Word* part = next_word(k); part && relative_units().count(part->key) && key != "noon" &&
                                           key != "midnight" && part->key != "week" && part->key != "month" &&
                                           part->key != "year")
        end = part->end;
      spans.emplace_back(w.start, end);
      continue;
    }
    // next week, last Monday, this morning, past year, ...
    if (relative_openers().count(key)) {
      if (const Word* unit = next_word(k)) {
        std::size_t unused = 0;
        const Word* after = next_word(static_cast<std::size_t>(unit - words.data()));
        const bool named = after && after->title && month_word_at(doc, unit->start, &unused);
        if (!named && (relative_units().count(unit->key) || weekday_number(unit->key) ||
                       month_word_at(doc, unit->start, &unused)))
          spans.emplace_back(w.start, unit->end);
      }
      continue;
    }
    // 3 days ago, a few weeks later, in 2 hours, for two weeks
    if (duration_units().count(key)) {
      std::size_t qstart = w.start;
      std::size_t p = w.start;
      while (p > 0 && doc.at(p - 1) == U' ') --p;
      if (p < w.start && p > 0 && is_digit(doc.at(p - 1))) {
        std::size_t s = p;
        while (s > 0 && is_digit(doc.at(s - 1))) --s;
        if (left_ok(doc, s) && p - s <= 4) qstart = s;
      } else if (k > 0 && doc.spaces_between(words[k - 1].end, w.start) && quantity_words().count(words[k - 1].key)) {
        qstart = words[k - 1].start;
        if (k > 1 && words[k - 1].key == "few" && words[k - 2].key == "a") qstart = words[k - 2].start;
      } else if (k > 1 && words[k - 1].key == "of" && words[k - 2].key == "couple") {
        qstart = words[k - 2].start;
        if (k > 2 && words[k - 3].key == "a") qstart = words[k - 3].start;
      }
      if (qstart == w.start) continue;
      const Word* after = next_word(k);
      std::size_t end = 0;
      if (after && (after->key == "ago" || after->key == "later" || after->key == "earlier")) {
        end = after->end;
      } else if (after && after->key == "from" && k + 2 < count && words[k + 2].key == "now") {
        end = words[k + 2].end;
      } else {
        static const WordSet openers = make_set("in within for last next past over");
        if (openers.count(doc.previous_key(qstart))) end = w.end;
      }
      if (end) spans.emplace_back(qstart, end);
      continue;
    }
    if (!w.title) continue;
    // Holidays.
    if (holidays().count(key)) {
      std::size_t end = w.end;
      const Word* next = next_word(k);
      if (next && next->title && (next->key == "eve" || next->key == "day")) end = next->end;
      spans.emplace_back(w.start, end);
      continue;
    }
    if (day_holidays().count(key)) {
      const Word* next = next_word(k);
      if (next && next->title && next->key == "day") spans.emplace_back(w.start, next->end);
      continue;
    }
    if (key == "new" && k + 1 < count && words[k + 1].key == "year" && words[k + 1].title &&
        doc.spaces_between(w.end, words[k + 1].start) && words[k + 1].possessive) {
      if (k + 2 < count && (words[k + 2].key == "eve" || words[k + 2].key == "day") && words[k + 2].title &&
          words[k + 2].start <= words[k + 1].end + 3)
        spans.emplace_back(w.start, words[k + 2].end);
      continue;
    }
    // Q3 2024
    if (key == "q" && doc.at(w.end) >= U'1' && doc.at(w.end) <= U'4' && doc.at(w.end + 1) == U' ') {
      int y = 0;
      if (read_number(doc, w.end + 2, 4, &y) == 4 && y >= 1900 && right_ok(doc, w.end + 6))
        spans.emplace_back(w.start, w.end + 6);
    }
  }
}

}  // namespace

void find_dates(const Doc& doc, std::vector<Hit>& out) {
  std::vector<Span> spans;
  numeric_dates(doc, spans);
  word_dates(doc, spans);
  std::sort(spans.begin(), spans.end());
  // Parts separated by a space join ("5 Jan 2024 10:30"); after a comma only a weekday continues
  // ("Monday, January 5").
  static const WordSet short_days = make_set("mon tue tues wed thu thur thurs fri sat sun");
  std::vector<Span> merged;
  for (const Span& s : spans) {
    if (!merged.empty()) {
      Span& last = merged.back();
      bool joinable = s.first <= last.second || (s.first == last.second + 1 && doc.at(last.second) == U' ');
      if (!joinable && s.first - last.second <= 2 && doc.at(last.second) == U',' &&
          (s.first == last.second + 1 || doc.at(last.second + 1) == U' ')) {
        const std::size_t k = doc.word_from(last.second);
        const Word* day = k > 0 ? &doc.words()[k - 1] : nullptr;
        joinable = day && day->end == last.second && (weekday_number(day->key) || short_days.count(day->key));
      }
      if (joinable) {
        last.second = std::max(last.second, s.second);
        continue;
      }
    }
    merged.push_back(s);
  }
  for (const Span& s : merged) out.push_back(Hit{Kind::kDateTime, s.first, s.second, kDateScore});
}

}  // namespace inv::detectors::pii
