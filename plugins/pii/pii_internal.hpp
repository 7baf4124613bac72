// Internals of the PII recognizer core (see pii_core.hpp): the decoded document with its word index,
// character classes, context look-up, the word lists and the recognizer entry points.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

namespace inv::detectors::pii {

enum class Kind : std::uint8_t {
  kPerson,
  kLocation,
  kNrp,
  kDateTime,
  kEmail,
  kPhone,
  kCreditCard,
  kCrypto,
  kIban,
  kIp,
  kUrl,
  kMedicalLicense,
  kUsSsn,
  kUsItin,
  kUsPassport,
  kUsDriverLicense,
  kUsBankNumber,
  kUkNhs,
};
inline constexpr std::size_t kKindCount = 18;

std::string_view kind_name(Kind kind);

// A candidate finding in code point offsets. `flag` marks a URL with an explicit scheme or "www.".
struct Hit {
  Kind kind;
  std::size_t start = 0;
  std::size_t end = 0;
  double score = 0;
  bool flag = false;
};

// ---------------------------------------------------------------------------------------------------------
// Character classes (ASCII fast paths, ICU for the rest).

inline bool is_digit(char32_t c) { return c >= U'0' && c <= U'9'; }
inline bool is_ascii_alpha(char32_t c) { return (c >= U'a' && c <= U'z') || (c >= U'A' && c <= U'Z'); }
inline bool is_ascii_upper(char32_t c) { return c >= U'A' && c <= U'Z'; }
inline bool is_ascii_lower(char32_t c) { return c >= U'a' && c <= U'z'; }
inline bool is_ascii_alnum(char32_t c) { return is_digit(c) || is_ascii_alpha(c); }
inline bool is_hex(char32_t c) {
  return is_digit(c) || (c >= U'a' && c <= U'f') || (c >= U'A' && c <= U'F');
}
bool is_letter(char32_t c);  // Unicode letters and non-spacing marks
bool is_upper(char32_t c);
bool is_lower(char32_t c);
inline bool is_alnum(char32_t c) { return is_digit(c) || is_letter(c); }
bool is_space(char32_t c);
char32_t to_lower(char32_t c);
inline char32_t ascii_lower(char32_t c) { return is_ascii_upper(c) ? c + 32 : c; }

// ---------------------------------------------------------------------------------------------------------
// Word sets: string_views into static storage.

using WordSet = std::unordered_set<std::string_view>;
// Splits `list` at spaces, commas and newlines; with `phrases`, only at commas and newlines.
WordSet make_set(std::string_view list, bool phrases = false);

// ---------------------------------------------------------------------------------------------------------
// The decoded text and its words.

struct Word {
  std::size_t start = 0, end = 0;  // code points; a possessive "'s" is excluded
  std::string key;                 // lower case UTF-8 ("’" normalised to "'")
  bool title = false;              // first letter upper case, some later letter lower case (or length 1)
  bool upper = false;              // every letter upper case (and at least two letters)
  bool lower = false;              // every letter lower case
  bool possessive = false;         // followed by "'s"
};

class Doc {
 public:
  explicit Doc(std::u32string text);

  const std::u32string& text() const { return text_; }
  std::size_t size() const { return text_.size(); }
  char32_t at(std::size_t i) const { return i < text_.size() ? text_[i] : U'\0'; }
  char32_t before(std::size_t i) const { return i > 0 && i <= text_.size() ? text_[i - 1] : U'\0'; }
  const std::vector<Word>& words() const { return words_; }

  // Index of the first word starting at or after `pos` (words().size() if none).
  std::size_t word_from(std::size_t pos) const;
  // True when a word in `set` (or its plural with "s") is among the `before` words ending at or before
  // `start` or the `after` words starting at or after `end`, within the same sentence.
  bool context(std::size_t start, std::size_t end, const WordSet& set, int before = 5, int after = 3) const;
  // Key of the word right before `start` ("" if none).
  std::string_view previous_key(std::size_t start) const;
  // True when the word is the first of a sentence or line.
  bool sentence_initial(std::size_t word_index) const;
  // True when only spaces (no line break) separate position `a` (exclusive end) and `b`.
  bool spaces_between(std::size_t a, std::size_t b) const;

 private:
  bool gap_breaks(std::size_t a, std::size_t b) const;
  std::u32string text_;
  std::vector<Word> words_;
};

// ---------------------------------------------------------------------------------------------------------
// Word lists (pii_gazetteer.cpp, pii_places.cpp). Keys are lower case.

bool is_first_name(std::string_view key);            // unambiguous given names
bool is_ambiguous_first_name(std::string_view key);  // given names that are also common words / products
bool is_surname(std::string_view key);
bool is_strong_surname(std::string_view key);        // surname that is not also a common word / first name
bool is_name_first_place(std::string_view key);      // Chad, Austin, Madison, ... (PERSON unless place context)
bool is_title(std::string_view key);                 // Mr, Dr, Prof, ...
bool is_particle(std::string_view key);              // van, von, de, ...
bool is_common_word(std::string_view key);           // capitalised words that are not names
bool is_location(std::string_view phrase);           // single words or space-joined phrases
bool is_location_prefix(std::string_view phrase);    // a proper prefix of a multi-word location
bool is_location_acronym(std::string_view key);      // usa, uk, uae, nyc, ...
bool is_org_word(std::string_view key);              // Airlines, Instruments, University, ...
bool is_org_prefix(std::string_view key);            // Bank (of), University (of), ...
bool is_place_preposition(std::string_view key);     // in, at, to, from, near, ...
bool is_nrp(std::string_view phrase);                // single words or two-word phrases
bool is_language(std::string_view key);
int month_number(std::string_view key);               // 1..12 for names and abbreviations, else 0
bool is_month_abbreviation(std::string_view key);
int weekday_number(std::string_view key);             // 1..7 for full names, else 0

// ---------------------------------------------------------------------------------------------------------
// Recognizers: each appends its candidates (any score) to `out`.

void find_emails(const Doc& doc, std::vector<Hit>& out);
void find_urls(const Doc& doc, std::vector<Hit>& out);
void find_ip_addresses(const Doc& doc, std::vector<Hit>& out);
void find_crypto(const Doc& doc, std::vector<Hit>& out);
void find_ibans(const Doc& doc, std::vector<Hit>& out);
void find_phones(const Doc& doc, std::vector<Hit>& out);
void find_digit_groups(const Doc& doc, std::vector<Hit>& out);  // cards, SSN, ITIN, NHS, bank, passport, DL
void find_alnum_ids(const Doc& doc, std::vector<Hit>& out);     // DEA, passport/DL with letters
void find_dates(const Doc& doc, std::vector<Hit>& out);
void find_names(const Doc& doc, std::vector<Hit>& out);  // PERSON, LOCATION, NRP

// Helpers shared by recognizers.
std::string utf8_lower(const Doc& doc, std::size_t start, std::size_t end);
bool luhn_valid(std::string_view digits);
// SHA-256 of `data` (32 bytes).
std::array<std::uint8_t, 32> sha256(const std::uint8_t* data, std::size_t size);

}  // namespace inv::detectors::pii
