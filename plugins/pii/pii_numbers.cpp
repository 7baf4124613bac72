// PII recognizers for numbers: phone numbers, credit cards, IBANs, US SSN / ITIN / passport / driver's
// licence / bank account numbers, UK NHS numbers and DEA numbers (see pii_core.hpp).
#include "plugins/pii/pii_internal.hpp"

#include <algorithm>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

namespace inv::detectors::pii {
namespace {

constexpr double kBoost = 0.35;
constexpr double kWeakBoost = 0.2;

const WordSet& phone_context() {
  static const WordSet set = make_set(
      "phone telephone tel mobile cell cellphone call called calling fax contact whatsapp sms text txt dial "
      "reach landline hotline ph mob voicemail ring");
  return set;
}
const WordSet& phone_weak_context() {
  static const WordSet set = make_set("number no nr num");
  return set;
}
const WordSet& ssn_context() {
  static const WordSet set = make_set("ssn social security ss");
  return set;
}
const WordSet& itin_context() {
  static const WordSet set = make_set("itin tin taxpayer tax individual identification");
  return set;
}
const WordSet& passport_context() {
  static const WordSet set = make_set("passport");
  return set;
}
const WordSet& license_context() {
  static const WordSet set = make_set("driver driver's drivers driving license licence dl dln lic permit");
  return set;
}
const WordSet& bank_context() {
  static const WordSet set = make_set("account acct bank banking checking savings deposit");
  return set;
}
const WordSet& nhs_context() {
  static const WordSet set = make_set("nhs health patient hospital gp medical");
  return set;
}
const WordSet& dea_context() {
  static const WordSet set = make_set(
      "dea medical prescriber prescribing physician doctor pharmacy pharmacist registration license licence "
      "practitioner");
  return set;
}

double boosted(const Doc& doc, std::size_t s, std::size_t e, double base, const WordSet& context) {
  return base + (doc.context(s, e, context) ? kBoost : 0.0);
}

bool same_digit(std::string_view d) { return d.find_first_not_of(d.front()) == std::string_view::npos; }

int prefix(std::string_view d, std::size_t k) { return std::stoi(std::string(d.substr(0, k))); }

// Issuer prefix and length of the card networks.
bool card_issuer_ok(std::string_view d) {
  const std::size_t len = d.size();
  const int p2 = prefix(d, 2), p3 = prefix(d, 3), p4 = prefix(d, 4);
  if (d[0] == '4') return len == 13 || len == 16 || len == 19;                  // Visa
  if ((p2 >= 51 && p2 <= 55) || (p4 >= 2221 && p4 <= 2720)) return len == 16;   // Mastercard
  if (p2 == 34 || p2 == 37) return len == 15;                                    // Amex
  if (p4 == 6011 || (p3 >= 644 && p3 <= 649) || p2 == 65) return len >= 16;     // Discover
  if ((p3 >= 300 && p3 <= 305) || p2 == 36 || p2 == 38 || p2 == 39) return len >= 14;  // Diners
  if (p4 >= 3528 && p4 <= 3589) return len >= 16;                                // JCB
  if (p2 == 62) return len >= 16;                                                // UnionPay
  if (p2 == 50 || (p2 >= 56 && p2 <= 69)) return len >= 13;                      // Maestro
  return false;
}

bool ssn_valid(std::string_view d) {
  if (d.size() != 9 || same_digit(d)) return false;
  const std::string_view area = d.substr(0, 3), group = d.substr(3, 2), serial = d.substr(5, 4);
  return area != "000" && area != "666" && area[0] != '9' && group != "00" && serial != "0000";
}

bool itin_valid(std::string_view d) {
  if (d.size() != 9 || d[0] != '9') return false;
  const int g = (d[3] - '0') * 10 + (d[4] - '0');
  return (g >= 50 && g <= 65) || (g >= 70 && g <= 88) || (g >= 90 && g <= 92) || (g >= 94 && g <= 99);
}

bool nhs_valid(std::string_view d) {
  if (d.size() != 10 || same_digit(d)) return false;
  int sum = 0;
  for (int i = 0; i < 9; ++i) sum += (d[static_cast<std::size_t>(i)] - '0') * (10 - i);
  int check = 11 - sum % 11;
  if (check == 11) check = 0;
  return check != 10 && check == d[9] - '0';
}

// Left boundary of a number starting at `i` (the digit, or the "+" / "(" before it).
bool number_left_ok(const Doc& doc, std::size_t i) {
  const char32_t prev = doc.before(i);
  if (prev == U'\0') return true;
  if (is_alnum(prev) || prev == U'_' || prev == U'$' || prev == U'\u20AC' || prev == U'\u00A3' ||
      prev == U'\u00A5' || prev == U'\\' || prev == U'+' || prev == U'/' || prev == U'@' || prev == U'&')
    return false;
  const char32_t prev2 = i >= 2 ? doc.at(i - 2) : U'\0';
  if ((prev == U'.' || prev == U',' || prev == U':' || prev == U'-') && is_digit(prev2)) return false;
  if ((prev == U'.' || prev == U'-') && is_alnum(prev2)) return false;
  return true;
}

// Right boundary of a number ending at `e`.
bool number_right_ok(const Doc& doc, std::size_t e) {
  const char32_t next = doc.at(e), next2 = doc.at(e + 1);
  if (is_alnum(next) || next == U'_' || next == U'%') return false;
  if ((next == U'.' || next == U',' || next == U':' || next == U'/') && is_digit(next2)) return false;
  if ((next == U'-' || next == U'.' || next == U'@') && is_alnum(next2)) return false;
  return true;
}

// ---------------------------------------------------------------------------------------------------------
// Phone numbers.

bool is_phone_sep(char32_t c) {
  return c == U' ' || c == U'-' || c == U'.' || c == U'(' || c == U')' || c == U'/' || c == U'\u00A0';
}

// Calling code at the start of `d` (digits after "+" or "00"): its length, or 0.
std::size_t calling_code_length(std::string_view d, std::size_t first_group) {
  static const WordSet two = make_set(
      "20 27 30 31 32 33 34 36 39 40 41 43 44 45 46 47 48 49 51 52 53 54 55 56 57 58 60 61 62 63 64 65 66 81 "
      "82 84 86 90 91 92 93 94 95 98");
  if (d.empty() || d[0] == '0') return 0;
  std::size_t len = 3;
  if (d[0] == '1' || d[0] == '7') len = 1;
  else if (d.size() >= 2 && two.count(d.substr(0, 2))) len = 2;
  if (first_group <= 3 && first_group != len) return 0;
  return len;
}

bool nanp_ok(std::string_view d) { return d.size() == 10 && d[0] >= '2' && d[3] >= '2'; }

struct PhoneWindow {
  std::string digits;
  std::vector<std::size_t> lens;
  std::vector<std::u32string> seps;  // between the groups of the window
  bool plus = false;
  bool lead_paren = false;
};

bool phone_valid(const PhoneWindow& w) {
  const std::string& d = w.digits;
  const std::size_t n = d.size();
  std::size_t open = w.lead_paren ? 1 : 0, close = 0;
  for (const auto& sep : w.seps) {
    for (char32_t c : sep) open += c == U'(', close += c == U')';
  }
  if (open != close || open > 1) return false;
  if (w.plus || (n >= 10 && d[0] == '0' && d[1] == '0' && w.lens[0] >= 2)) {
    const std::string_view rest = w.plus ? std::string_view(d) : std::string_view(d).substr(2);
    // Length of the group holding the calling code ("+44 20 ...", "0044 20 ...", "00 44 20 ...").
    std::size_t first = w.lens[0];
    if (!w.plus) first = w.lens[0] > 2 ? w.lens[0] - 2 : (w.lens.size() > 1 ? w.lens[1] : 99);
    const std::size_t cc = calling_code_length(rest, first);
    if (cc == 0 || rest.size() > 15) return false;
    const std::size_t national = rest.size() - cc;
    if (national < 6 || national > 13) return false;
    if (rest[0] == '1') return national == 10 && nanp_ok(rest.substr(1));
    return true;
  }
  if (n == 10 || (n == 11 && d[0] == '1')) {
    const std::string_view nanp = std::string_view(d).substr(n - 10);
    if (nanp_ok(nanp)) {
      if (w.lens.size() == 1) return !w.lead_paren;
      const bool shape334 = w.lens.size() == 3 && w.lens[0] == 3 && w.lens[1] == 3 && w.lens[2] == 4;
      const bool shape1334 = n == 11 && w.lens.size() == 4 && w.lens[0] == 1 && w.lens[1] == 3 && w.lens[2] == 3;
      if (shape1334) return true;
      if (!shape334) return false;
      if (w.lead_paren) return w.seps[0].front() == U')';
      return w.seps[0] == w.seps[1] || w.seps[0].front() == U')';
    }
  }
  if (n >= 9 && n <= 11 && d[0] == '0' && d[1] != '0') {
    if (w.lens.size() == 1) return n >= 10 && !w.lead_paren;
    if (w.lens[0] > 5) return false;
    for (std::size_t len : w.lens)
      if (len < 2) return false;
    return true;
  }
  return false;
}

// ---------------------------------------------------------------------------------------------------------
// IBAN lengths by country.

const std::unordered_map<std::string, std::size_t>& iban_lengths() {
  static const std::unordered_map<std::string, std::size_t> table = {
      {"AD", 24}, {"AE", 23}, {"AL", 28}, {"AT", 20}, {"AZ", 28}, {"BA", 20}, {"BE", 16}, {"BG", 22},
      {"BH", 22}, {"BR", 29}, {"BY", 28}, {"CH", 21}, {"CR", 22}, {"CY", 28}, {"CZ", 24}, {"DE", 22},
      {"DK", 18}, {"DO", 28}, {"EE", 20}, {"EG", 29}, {"ES", 24}, {"FI", 18}, {"FO", 18}, {"FR", 27},
      {"GB", 22}, {"GE", 22}, {"GI", 23}, {"GL", 18}, {"GR", 27}, {"GT", 28}, {"HR", 21}, {"HU", 28},
      {"IE", 22}, {"IL", 23}, {"IQ", 23}, {"IS", 26}, {"IT", 27}, {"JO", 30}, {"KW", 30}, {"KZ", 20},
      {"LB", 28}, {"LC", 32}, {"LI", 21}, {"LT", 20}, {"LU", 20}, {"LV", 21}, {"MC", 27}, {"MD", 24},
      {"ME", 22}, {"MK", 19}, {"MR", 27}, {"MT", 31}, {"MU", 30}, {"NL", 18}, {"NO", 15}, {"PK", 24},
      {"PL", 28}, {"PS", 29}, {"PT", 25}, {"QA", 29}, {"RO", 24}, {"RS", 22}, {"SA", 24}, {"SC", 31},
      {"SE", 24}, {"SI", 19}, {"SK", 24}, {"SM", 27}, {"ST", 25}, {"SV", 28}, {"TL", 23}, {"TN", 24},
      {"TR", 26}, {"UA", 29}, {"VA", 22}, {"VG", 24}, {"XK", 20}};
  return table;
}

bool iban_checksum_ok(const std::string& iban) {
  const std::string moved = iban.substr(4) + iban.substr(0, 4);
  int remainder = 0;
  for (char c : moved) {
    if (c >= '0' && c <= '9') {
      remainder = (remainder * 10 + (c - '0')) % 97;
    } else {
      const int v = c - 'A' + 10;
      remainder = (remainder * 100 + v) % 97;
    }
  }
  return remainder == 1;
}

bool dea_valid(std::string_view id) {
  static constexpr std::string_view kRegistrants = "ABCDEFGHJKLMPRSTUX";
  if (id.size() != 9 || kRegistrants.find(id[0]) == std::string_view::npos) return false;
  if (!((id[1] >= 'A' && id[1] <= 'Z') || id[1] == '9')) return false;
  int d[7];
  for (int k = 0; k < 7; ++k) {
    const char c = id[static_cast<std::size_t>(2 + k)];
    if (c < '0' || c > '9') return false;
    d[k] = c - '0';
  }
  const int sum = d[0] + d[2] + d[4] + 2 * (d[1] + d[3] + d[5]);
  return sum % 10 == d[6];
}

}  // namespace

void find_phones(const Doc& doc, std::vector<Hit>& out) {
  const std::size_t n = doc.size();
  for (std::size_t i = 0; i < n; ++i) {
    const char32_t c = doc.at(i);
    const bool plus = c == U'+' && is_digit(doc.at(i + 1));
    const bool paren = c == U'(' && is_digit(doc.at(i + 1));
    if (!is_digit(c) && !plus && !paren) continue;
    if (!number_left_ok(doc, i)) {
      while (i + 1 < n && is_alnum(doc.at(i + 1))) ++i;
      continue;
    }
    std::vector<std::pair<std::size_t, std::size_t>> groups;
    std::vector<std::u32string> seps;
    std::size_t p = i + (plus || paren ? 1 : 0);
    for (;;) {
      const std::size_t gs = p;
      while (p < n && is_digit(doc.at(p))) ++p;
      groups.emplace_back(gs, p);
      std::size_t q = p;
      while (q < n && q - p < 3 && is_phone_sep(doc.at(q))) ++q;
      if (q == p || !is_digit(doc.at(q))) break;
      std::u32string sep = doc.text().substr(p, q - p);
      int counts[5] = {0, 0, 0, 0, 0};
      for (char32_t s : sep) {
        counts[0] += s == U'(', counts[1] += s == U')', counts[2] += s == U'.', counts[3] += s == U'/';
        counts[4] += s == U'-';
      }
      if (counts[0] > 1 || counts[1] > 1 || counts[2] > 1 || counts[3] > 1 || counts[4] > 1) break;
      seps.push_back(std::move(sep));
      p = q;
    }
    const std::size_t g = groups.size();
    std::vector<std::size_t> digit_count(g + 1, 0);  // digits in groups [0, k)
    for (std::size_t k = 0; k < g; ++k) digit_count[k + 1] = digit_count[k] + groups[k].second - groups[k].first;
    std::size_t s = 0;
    while (s < g) {
      bool found = false;
      // Window boundaries inside the run must be plain spaces (an opening parenthesis may precede).
      bool start_ok = true;
      bool lead_paren = s == 0 && paren;
      if (s > 0) {
        const std::u32string& sep = seps[s - 1];
        for (std::size_t k = 0; k < sep.size(); ++k) {
          if (sep[k] == U'(' && k + 1 == sep.size() && k > 0) lead_paren = true;
          else if (sep[k] != U' ' && sep[k] != U'\u00A0') start_ok = false;
        }
        if (sep.front() != U' ' && sep.front() != U'\u00A0') start_ok = false;
      }
      for (std::size_t e = std::min(g, s + 6); start_ok && e > s; --e) {
        const std::size_t total = digit_count[e] - digit_count[s];
        if (total < 8 || total > 17) continue;
        if (e < g) {
          bool spaces = true;
          for (char32_t sc : seps[e - 1]) spaces &= sc == U' ' || sc == U'\u00A0';
          if (!spaces) continue;
        } else if (!number_right_ok(doc, groups[e - 1].second)) {
          continue;
        }
        PhoneWindow w;
        w.plus = s == 0 && plus;
        w.lead_paren = lead_paren;
        for (std::size_t k = s; k < e; ++k) {
          for (std::size_t x = groups[k].first; x < groups[k].second; ++x)
            w.digits.push_back(static_cast<char>(doc.at(x)));
          w.lens.push_back(groups[k].second - groups[k].first);
          if (k + 1 < e) w.seps.push_back(seps[k]);
        }
        if (!phone_valid(w)) continue;
        const std::size_t start = s == 0 ? i : (lead_paren ? groups[s].first - 1 : groups[s].first);
        const std::size_t end = groups[e - 1].second;
        double score = 0.4;
        const bool formatted = w.plus || w.lead_paren || w.lens.size() > 1;
        if (doc.context(start, end, phone_context())) score += kBoost;
        else if (formatted && doc.context(start, end, phone_weak_context())) score += kWeakBoost;
        out.push_back(Hit{Kind::kPhone, start, end, score});
        s = e;
        found = true;
        break;
      }
      if (!found) ++s;
    }
    i = groups.back().second - 1;
  }
}

void find_digit_groups(const Doc& doc, std::vector<Hit>& out) {
  const std::size_t n = doc.size();
  for (std::size_t i = 0; i < n; ++i) {
    if (!is_digit(doc.at(i))) continue;
    if (!number_left_ok(doc, i)) {
      while (i + 1 < n && is_alnum(doc.at(i + 1))) ++i;
      continue;
    }
    std::vector<std::pair<std::size_t, std::size_t>> groups;
    std::vector<char32_t> seps;
    std::size_t p = i;
    for (;;) {
      const std::size_t gs = p;
      while (p < n && is_digit(doc.at(p))) ++p;
      groups.emplace_back(gs, p);
      const char32_t c = doc.at(p);
      if ((c == U' ' || c == U'-') && is_digit(doc.at(p + 1))) {
        seps.push_back(c);
        ++p;
        continue;
      }
      break;
    }
    const std::size_t g = groups.size();
    for (std::size_t s = 0; s < g; ++s) {
      if (s > 0 && seps[s - 1] != U' ') continue;
      std::size_t total = 0;
      std::vector<std::size_t> lens;
      for (std::size_t e = s + 1; e <= g && e <= s + 5; ++e) {
        lens.push_back(groups[e - 1].second - groups[e - 1].first);
        total += lens.back();
        if (total > 19) break;
        if (e >= s + 2 && seps[e - 2] != seps[s]) break;  // one kind of separator
        if (total < 7) continue;
        if (e < g ? seps[e - 1] != U' ' : !number_right_ok(doc, groups[e - 1].second)) continue;
        std::string digits;
        for (std::size_t k = s; k < e; ++k)
          for (std::size_t x = groups[k].first; x < groups[k].second; ++x)
            digits.push_back(static_cast<char>(doc.at(x)));
        const std::size_t start = groups[s].first, end = groups[e - 1].second;
        const std::size_t count = lens.size(), len = digits.size();
        // Credit cards.
        if (len >= 13 && len <= 19) {
          bool shape = count == 1;
          if (!shape && count >= 2) {
            shape = lens.back() >= 1 && lens.back() <= 4;
            for (std::size_t k = 0; k + 1 < count; ++k) shape &= lens[k] == 4;
            shape |= count == 3 && lens[0] == 4 && lens[1] == 6 && (lens[2] == 5 || lens[2] == 4);
          }
          if (shape && !same_digit(digits) && card_issuer_ok(digits) && luhn_valid(digits))
            out.push_back(Hit{Kind::kCreditCard, start, end, 1.0});
        }
        const bool plain = count == 1;
        const bool ssn_shape = plain ? len == 9 : (count == 3 && lens[0] == 3 && lens[1] == 2 && lens[2] == 4);
        if (ssn_shape && ssn_valid(digits))
          out.push_back(Hit{Kind::kUsSsn, start, end, boosted(doc, start, end, plain ? 0.3 : 0.5, ssn_context())});
        if (ssn_shape && itin_valid(digits))
          out.push_back(Hit{Kind::kUsItin, start, end, boosted(doc, start, end, plain ? 0.3 : 0.5, itin_context())});
        const bool nhs_shape = plain ? len == 10 : (count == 3 && lens[0] == 3 && lens[1] == 3 && lens[2] == 4);
        if (nhs_shape && nhs_valid(digits))
          out.push_back(Hit{Kind::kUkNhs, start, end, boosted(doc, start, end, 0.5, nhs_context())});
        if (plain && len >= 8 && len <= 17 && !same_digit(digits))
          out.push_back(Hit{Kind::kUsBankNumber, start, end, boosted(doc, start, end, 0.3, bank_context())});
        if (plain && len == 9 && !same_digit(digits))
          out.push_back(Hit{Kind::kUsPassport, start, end, boosted(doc, start, end, 0.4, passport_context())});
        if (plain && len >= 7 && len <= 13 && !same_digit(digits))
          out.push_back(Hit{Kind::kUsDriverLicense, start, end, boosted(doc, start, end, 0.3, license_context())});
      }
    }
    i = groups.back().second - 1;
  }
}

void find_alnum_ids(const Doc& doc, std::vector<Hit>& out) {
  const std::size_t n = doc.size();
  for (std::size_t i = 0; i < n; ++i) {
    if (!is_ascii_alnum(doc.at(i))) continue;
    std::size_t e = i;
    while (e < n && is_ascii_alnum(doc.at(e))) ++e;
    const std::size_t len = e - i;
    if (len >= 6 && len <= 15 && number_left_ok(doc, i) && number_right_ok(doc, e) && is_ascii_upper(doc.at(i))) {
      std::string id;
      for (std::size_t k = i; k < e; ++k) id.push_back(static_cast<char>(doc.at(k)));
      std::size_t letters = 0;
      while (letters < len && id[letters] >= 'A' && id[letters] <= 'Z') ++letters;
      bool digits_after = true;
      for (std::size_t k = letters; k < len; ++k) digits_after &= id[k] >= '0' && id[k] <= '9';
      if (dea_valid(id)) out.push_back(Hit{Kind::kMedicalLicense, i, e, boosted(doc, i, e, 0.6, dea_context())});
      if (digits_after && letters <= 2 && len - letters >= 5 && len - letters <= 13 && !same_digit(id.substr(letters)))
        out.push_back(Hit{Kind::kUsDriverLicense, i, e, boosted(doc, i, e, 0.4, license_context())});
      if (digits_after && letters == 1 && len == 9)
        out.push_back(Hit{Kind::kUsPassport, i, e, boosted(doc, i, e, 0.4, passport_context())});
    }
    i = e - 1;
  }
}

void find_ibans(const Doc& doc, std::vector<Hit>& out) {
  const std::size_t n = doc.size();
  const auto& lengths = iban_lengths();
  for (std::size_t i = 0; i + 4 < n; ++i) {
    if (!is_ascii_upper(doc.at(i)) || !is_ascii_upper(doc.at(i + 1)) || !is_digit(doc.at(i + 2)) ||
        !is_digit(doc.at(i + 3)) || is_alnum(doc.before(i)) || doc.before(i) == U'_')
      continue;
    const std::string country{static_cast<char>(doc.at(i)), static_cast<char>(doc.at(i + 1))};
    const auto it = lengths.find(country);
    if (it == lengths.end()) continue;
    std::string iban;
    std::size_t p = i;
    while (iban.size() < it->second && p < n) {
      const char32_t c = doc.at(p);
      if (is_ascii_upper(c) || is_digit(c)) {
        iban.push_back(static_cast<char>(c));
        ++p;
      } else if (c == U' ' && iban.size() % 4 == 0 && !iban.empty() &&
                 (is_ascii_upper(doc.at(p + 1)) || is_digit(doc.at(p + 1)))) {
        ++p;
      } else {
        break;
      }
    }
    if (iban.size() != it->second || is_alnum(doc.at(p)) || doc.at(p) == U'_') continue;
    if (!iban_checksum_ok(iban)) continue;
    out.push_back(Hit{Kind::kIban, i, p, 1.0});
    i = p - 1;
  }
}

}  // namespace inv::detectors::pii
