// PII recognizer core (see pii_core.hpp): decoding, the word index, context look-up, overlap resolution
// and the public entry points. The recognizers live in pii_structured.cpp, pii_numbers.cpp,
// pii_dates.cpp and pii_names.cpp; the word lists in pii_gazetteer.cpp and pii_places.cpp.
#include "plugins/pii/pii_core.hpp"

#include "common/utf8.hpp"
#include "plugins/pii/pii_internal.hpp"

#include <unicode/uchar.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <iterator>
#include <map>
#include <stdexcept>
#include <tuple>
#include <utility>

namespace inv::detectors {
namespace pii {

namespace {

constexpr std::array<std::string_view, kKindCount> kNames = {
    "PERSON",      "LOCATION",    "NRP",        "DATE_TIME",       "EMAIL_ADDRESS", "PHONE_NUMBER",
    "CREDIT_CARD", "CRYPTO",      "IBAN_CODE",  "IP_ADDRESS",      "URL",           "MEDICAL_LICENSE",
    "US_SSN",      "US_ITIN",     "US_PASSPORT", "US_DRIVER_LICENSE", "US_BANK_NUMBER", "UK_NHS"};

// Tie-break between overlapping candidates of equal score and length: lower rank wins.
int rank(Kind kind) {
  switch (kind) {
    case Kind::kEmail: return 0;
    case Kind::kUrl: return 1;
    case Kind::kCreditCard: return 2;
    case Kind::kIban: return 3;
    case Kind::kCrypto: return 4;
    case Kind::kIp: return 5;
    case Kind::kMedicalLicense: return 6;
    case Kind::kUkNhs: return 7;
    case Kind::kUsSsn: return 8;
    case Kind::kUsItin: return 9;
    case Kind::kUsPassport: return 10;
    case Kind::kUsDriverLicense: return 11;
    case Kind::kUsBankNumber: return 12;
    case Kind::kPhone: return 13;
    case Kind::kDateTime: return 14;
    case Kind::kLocation: return 15;
    case Kind::kNrp: return 16;
    case Kind::kPerson: return 17;
  }
  return 18;
}

bool is_apostrophe(char32_t c) { return c == U'\'' || c == U'\u2019'; }

std::u32string decode(std::string_view valid) {
  std::u32string out;
  out.reserve(valid.size());
  for (std::size_t i = 0; i < valid.size();) {
    const auto b0 = static_cast<unsigned char>(valid[i]);
    char32_t cp = 0;
    std::size_t len = 1;
    if (b0 < 0x80) {
      cp = b0;
    } else if (b0 < 0xE0) {
      cp = b0 & 0x1F, len = 2;
    } else if (b0 < 0xF0) {
      cp = b0 & 0x0F, len = 3;
    } else {
      cp = b0 & 0x07, len = 4;
    }
    for (std::size_t k = 1; k < len && i + k < valid.size(); ++k) {
      cp = (cp << 6) | (static_cast<unsigned char>(valid[i + k]) & 0x3F);
    }
    out.push_back(cp);
    i += len;
  }
  return out;
}

bool overlaps(const Hit& a, const Hit& b) { return a.start < b.end && b.start < a.end; }

// Candidates of the containers (e-mail addresses, URLs) first, then everything else against them, then a
// greedy choice among the rest (score, length, rank), which leaves no two overlapping.
std::vector<Hit> resolve(std::vector<Hit> hits) {
  std::vector<Hit> containers, rest;
  for (const Hit& h : hits) (h.kind == Kind::kEmail || h.kind == Kind::kUrl ? containers : rest).push_back(h);
  auto by_start = [](const Hit& a, const Hit& b) {
    return std::tie(a.start, a.end, a.kind) < std::tie(b.start, b.end, b.kind);
  };
  std::sort(containers.begin(), containers.end(), by_start);
  // An e-mail hides bare host names and any URL inside it.
  std::vector<Hit> emails;
  for (const Hit& h : containers)
    if (h.kind == Kind::kEmail) emails.push_back(h);
  std::vector<Hit> kept_containers;
  for (const Hit& h : containers) {
    if (h.kind == Kind::kUrl) {
      bool hidden = false;
      for (auto it = std::lower_bound(emails.begin(), emails.end(), h.end, [](const Hit& e, std::size_t v) {
             return e.start < v;
           });
           it != emails.begin();) {
        --it;
        if (it->end <= h.start) break;
        if (!h.flag || (it->start <= h.start && h.end <= it->end)) hidden = true;
        break;
      }
      if (hidden) continue;
    }
    kept_containers.push_back(h);
  }
  // Everything else inside a container goes, except IP addresses inside URLs.
  std::vector<Hit> free;
  for (const Hit& h : rest) {
    bool hidden = false;
    auto it = std::lower_bound(kept_containers.begin(), kept_containers.end(), h.end,
                               [](const Hit& c, std::size_t v) { return c.start < v; });
    // Containers may overlap each other (an e-mail in a URL's query), so look back a few.
    for (int steps = 0; it != kept_containers.begin() && steps < 4; ++steps) {
      --it;
      if (!overlaps(*it, h)) continue;
      if (h.kind == Kind::kIp && it->kind == Kind::kUrl) continue;
      hidden = true;
      break;
    }
    if (!hidden) free.push_back(h);
  }
  std::sort(free.begin(), free.end(), [](const Hit& a, const Hit& b) {
    if (a.score != b.score) return a.score > b.score;
    const std::size_t la = a.end - a.start, lb = b.end - b.start;
    if (la != lb) return la > lb;
    if (rank(a.kind) != rank(b.kind)) return rank(a.kind) < rank(b.kind);
    return a.start < b.start;
  });
  std::map<std::size_t, std::size_t> taken;  // start -> end of accepted, pairwise disjoint
  std::vector<Hit> out = kept_containers;
  for (const Hit& h : free) {
    auto it = taken.lower_bound(h.end);  // first accepted starting at or after h.end
    if (it != taken.begin() && std::prev(it)->second > h.start) continue;
    taken.emplace(h.start, h.end);
    out.push_back(h);
  }
  return out;
}

}  // namespace

std::string_view kind_name(Kind kind) { return kNames[static_cast<std::size_t>(kind)]; }

// ---------------------------------------------------------------------------------------------------------
// Character classes.

bool is_letter(char32_t c) {
  if (c < 0x80) return is_ascii_alpha(c);
  if (u_isalpha(static_cast<UChar32>(c))) return true;
  return u_charType(static_cast<UChar32>(c)) == U_NON_SPACING_MARK;
}
bool is_upper(char32_t c) {
  if (c < 0x80) return is_ascii_upper(c);
  return u_isupper(static_cast<UChar32>(c)) || u_istitle(static_cast<UChar32>(c));
}
bool is_lower(char32_t c) {
  if (c < 0x80) return is_ascii_lower(c);
  return u_islower(static_cast<UChar32>(c));
}
bool is_space(char32_t c) {
  if (c < 0x80) return c == U' ' || (c >= U'\t' && c <= U'\r');
  return u_isUWhiteSpace(static_cast<UChar32>(c));
}
char32_t to_lower(char32_t c) {
  if (c < 0x80) return ascii_lower(c);
  return static_cast<char32_t>(u_tolower(static_cast<UChar32>(c)));
}

WordSet make_set(std::string_view list, bool phrases) {
  WordSet set;
  std::size_t i = 0;
  auto is_sep = [phrases](char c) {
    return c == ',' || c == '\n' || (!phrases && (c == ' ' || c == '\t'));
  };
  while (i < list.size()) {
    while (i < list.size() && (is_sep(list[i]) || list[i] == ' ')) ++i;
    std::size_t j = i;
    while (j < list.size() && !is_sep(list[j])) ++j;
    std::size_t e = j;
    while (e > i && list[e - 1] == ' ') --e;
    if (e > i) set.insert(list.substr(i, e - i));
    i = j;
  }
  return set;
}

std::string utf8_lower(const Doc& doc, std::size_t start, std::size_t end) {
  std::string out;
  out.reserve(end - start);
  for (std::size_t i = start; i < end; ++i) {
    char32_t c = doc.at(i);
    if (c == U'\u2019') c = U'\'';
    utf8::append(out, to_lower(c));
  }
  return out;
}

bool luhn_valid(std::string_view digits) {
  int sum = 0;
  bool twice = false;
  for (auto it = digits.rbegin(); it != digits.rend(); ++it) {
    int d = *it - '0';
    if (twice) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
    twice = !twice;
  }
  return !digits.empty() && sum % 10 == 0;
}

// ---------------------------------------------------------------------------------------------------------
// The document.

Doc::Doc(std::u32string text) : text_(std::move(text)) {
  const std::size_t n = text_.size();
  std::size_t i = 0;
  while (i < n) {
    if (!is_letter(text_[i])) {
      ++i;
      continue;
    }
    const std::size_t s = i;
    for (;;) {
      while (i < n && is_letter(text_[i])) ++i;
      if (i + 1 < n && (is_apostrophe(text_[i]) || text_[i] == U'-') && is_letter(text_[i + 1])) {
        if (is_apostrophe(text_[i]) && (text_[i + 1] == U's' || text_[i + 1] == U'S') &&
            (i + 2 >= n || !is_letter(text_[i + 2]))) {
          break;
        }
        ++i;
        continue;
      }
      break;
    }
    Word w;
    w.start = s;
    w.end = i;
    w.possessive = i + 1 < n && is_apostrophe(text_[i]) && (text_[i + 1] == U's' || text_[i + 1] == U'S') &&
                   (i + 2 >= n || !is_letter(text_[i + 2]));
    w.key = utf8_lower(*this, s, i);
    std::size_t letters = 0, uppers = 0, lowers_after_first = 0;
    for (std::size_t k = s; k < i; ++k) {
      if (!is_letter(text_[k])) continue;
      ++letters;
      if (is_upper(text_[k])) ++uppers;
      else if (k > s && is_lower(text_[k])) ++lowers_after_first;
    }
    const bool first_upper = is_upper(text_[s]);
    w.title = first_upper && (i - s == 1 || lowers_after_first > 0);
    w.upper = letters >= 2 && uppers == letters;
    w.lower = is_lower(text_[s]);
    words_.push_back(std::move(w));
    if (words_.back().possessive) i += 2;
  }
}

std::size_t Doc::word_from(std::size_t pos) const {
  return static_cast<std::size_t>(
      std::lower_bound(words_.begin(), words_.end(), pos, [](const Word& w, std::size_t v) { return w.start < v; }) -
      words_.begin());
}

namespace {
bool in_set(const WordSet& set, std::string_view key) {
  if (set.count(key)) return true;
  return key.size() > 2 && key.back() == 's' && set.count(key.substr(0, key.size() - 1));
}
}  // namespace

// A gap between two words that ends a sentence or paragraph, or is too long to relate the words.
bool Doc::gap_breaks(std::size_t a, std::size_t b) const {
  if (b > a + 100) return true;
  for (std::size_t k = a; k < b; ++k) {
    const char32_t c = text_[k];
    const char32_t next = k + 1 < text_.size() ? text_[k + 1] : U' ';
    if ((c == U'.' || c == U'!' || c == U'?' || c == U';') && is_space(next)) return true;
    if (c == U'\n' && next == U'\n') return true;
  }
  return false;
}

bool Doc::context(std::size_t start, std::size_t end, const WordSet& set, int before, int after) const {
  // Words of the same sentence only; the gap right next to the candidate may hold an abbreviation's dot
  // ("Tel. 555 0100").
  const std::size_t k = word_from(start);
  int seen = 0;
  std::size_t edge = start;
  for (std::size_t j = k; j > 0 && seen < before;) {
    --j;
    if (words_[j].end > start) continue;
    if (gap_breaks(words_[j].end + (edge == start ? 1 : 0), edge)) break;
    ++seen;
    if (in_set(set, words_[j].key)) return true;
    edge = words_[j].start;
  }
  seen = 0;
  edge = end;
  for (std::size_t j = word_from(end); j < words_.size() && seen < after; ++j, ++seen) {
    if (gap_breaks(edge, words_[j].start)) break;
    if (in_set(set, words_[j].key)) return true;
    edge = words_[j].end;
  }
  return false;
}

std::string_view Doc::previous_key(std::size_t start) const {
  std::size_t k = word_from(start);
  while (k > 0) {
    --k;
    if (words_[k].end <= start) return words_[k].key;
  }
  return {};
}

bool Doc::sentence_initial(std::size_t word_index) const {
  std::size_t p = words_[word_index].start;
  while (p > 0) {
    const char32_t c = text_[p - 1];
    if (c == U'\n' || c == U'\r') return true;
    if (is_space(c) || c == U'"' || c == U'\'' || c == U'(' || c == U'[' || c == U'*' || c == U'-' ||
        c == U'#' || c == U'>' || c == U'`' || c == U'\u201C' || c == U'\u2018' || c == U'\u2022' ||
        c == U'_') {
      --p;
      continue;
    }
    return c == U'.' || c == U'!' || c == U'?' || c == U':' || c == U';';
  }
  return true;
}

bool Doc::spaces_between(std::size_t a, std::size_t b) const {
  if (b <= a) return false;
  for (std::size_t i = a; i < b; ++i) {
    const char32_t c = text_[i];
    if (c != U' ' && c != U'\t' && c != U'\u00A0') return false;
  }
  return true;
}

}  // namespace pii

// ---------------------------------------------------------------------------------------------------------
// Public API.

const std::vector<std::string>& pii_supported_entities() {
  static const std::vector<std::string> names = [] {
    std::vector<std::string> out;
    for (std::string_view n : pii::kNames) out.emplace_back(n);
    return out;
  }();
  return names;
}

std::vector<PiiFinding> analyze_pii(std::string_view utf8_text, const PiiOptions& options) {
  using pii::Hit;
  using pii::Kind;
  std::array<bool, pii::kKindCount> wanted{};
  if (options.entities == nullptr) {
    wanted.fill(true);
  } else {
    for (const std::string& name : *options.entities) {
      const auto it = std::find(pii::kNames.begin(), pii::kNames.end(), name);
      if (it == pii::kNames.end()) {
        std::string message = "pii: entity \"" + name + "\" is not supported; supported entities are";
        for (std::size_t k = 0; k < pii::kNames.size(); ++k) {
          message += k == 0 ? " " : ", ";
          message += pii::kNames[k];
        }
        throw std::invalid_argument(message);
      }
      wanted[static_cast<std::size_t>(it - pii::kNames.begin())] = true;
    }
  }
  std::vector<PiiFinding> findings;
  if (std::none_of(wanted.begin(), wanted.end(), [](bool w) { return w; })) return findings;

  std::string storage;
  const pii::Doc doc(pii::decode(utf8::repaired(utf8_text, storage)));
  std::vector<Hit> hits;
  pii::find_emails(doc, hits);
  pii::find_urls(doc, hits);
  pii::find_ip_addresses(doc, hits);
  pii::find_crypto(doc, hits);
  pii::find_ibans(doc, hits);
  pii::find_phones(doc, hits);
  pii::find_digit_groups(doc, hits);
  pii::find_alnum_ids(doc, hits);
  pii::find_dates(doc, hits);
  pii::find_names(doc, hits);

  std::vector<Hit> passing;
  for (Hit h : hits) {
    h.score = std::round(std::min(1.0, h.score) * 1e6) / 1e6;
    if (h.score > options.threshold && h.end > h.start) passing.push_back(h);
  }
  for (const Hit& h : pii::resolve(std::move(passing))) {
    if (!wanted[static_cast<std::size_t>(h.kind)]) continue;
    findings.push_back(PiiFinding{std::string(pii::kind_name(h.kind)), h.start, h.end, h.score});
  }
  std::sort(findings.begin(), findings.end(), [](const PiiFinding& a, const PiiFinding& b) {
    return std::tie(a.start, a.end, a.entity) < std::tie(b.start, b.end, b.entity);
  });
  findings.erase(std::unique(findings.begin(), findings.end(),
                             [](const PiiFinding& a, const PiiFinding& b) {
                               return a.start == b.start && a.end == b.end && a.entity == b.entity;
                             }),
                 findings.end());
  return findings;
}

}  // namespace inv::detectors
