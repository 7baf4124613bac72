// PII recognizers for network identifiers: e-mail addresses, URLs and IP addresses (see pii_core.hpp).
#include "plugins/pii/pii_internal.hpp"

#include <string>

namespace inv::detectors::pii {
namespace {

constexpr double kEmailScore = 1.0;
constexpr double kUrlScore = 0.85;
constexpr double kBareUrlScore = 0.6;
constexpr double kIpScore = 0.6;

bool is_local_char(char32_t c) {
  return is_ascii_alnum(c) || c == U'.' || c == U'_' || c == U'%' || c == U'+' || c == U'-' || c == U'\'' ||
         (c >= 0x80 && is_letter(c));
}
bool is_label_char(char32_t c) { return is_alnum(c) || c == U'-'; }

// Host name labels starting at `pos`: fills the end of the host and of each label start; a label is
// letters/digits/hyphens (no hyphen at either end, <= 63 characters), labels are joined by single dots
// followed by a label character. Returns false for a malformed label.
struct Host {
  std::size_t end = 0;
  std::size_t labels = 0;
  std::size_t last_label = 0;  // start of the last label
  std::size_t first_label_end = 0;
  bool second_has_letter = false;  // the label before the last contains a letter
};

bool parse_host(const Doc& doc, std::size_t pos, bool ascii_only, Host& host) {
  const std::size_t n = doc.size();
  std::size_t previous_label = pos;
  for (;;) {
    const std::size_t ls = pos;
    while (pos < n && (ascii_only ? (is_ascii_alnum(doc.at(pos)) || doc.at(pos) == U'-') : is_label_char(doc.at(pos))))
      ++pos;
    if (pos == ls || pos - ls > 63 || doc.at(ls) == U'-' || doc.at(pos - 1) == U'-') return false;
    if (host.labels == 0) host.first_label_end = pos;
    ++host.labels;
    previous_label = host.last_label;
    host.last_label = ls;
    if (doc.at(pos) == U'.' && pos + 1 < n &&
        (ascii_only ? is_ascii_alnum(doc.at(pos + 1)) : is_alnum(doc.at(pos + 1)))) {
      ++pos;
      continue;
    }
    break;
  }
  host.end = pos;
  if (host.labels >= 2) {
    for (std::size_t k = previous_label; k < host.last_label - 1; ++k)
      if (is_letter(doc.at(k))) host.second_has_letter = true;
  }
  return true;
}

bool alpha_tld(const Doc& doc, const Host& host) {
  if (host.end - host.last_label < 2) return false;
  for (std::size_t k = host.last_label; k < host.end; ++k)
    if (!is_letter(doc.at(k))) return false;
  return true;
}

// Top-level domains accepted without a scheme or "www." (see pii_core.hpp for the omissions).
const WordSet& bare_tlds() {
  static const WordSet set = make_set(
      "com org net edu gov mil int biz xyz online site store shop tech cloud blog news io ai co me tv ly gg fm "
      "us uk de fr es it nl be ch at se dk fi ie gr cz hu ro ua ru cn jp kr au nz ca mx br ar za eu tw hk "
      "sg vn ph ae il tr sk si hr rs bg lv lt ee lu pk ng ke");
  return set;
}

bool is_url_stop(char32_t c) {
  return is_space(c) || c < 0x20 || c == U'<' || c == U'>' || c == U'"' || c == U'`' || c == U'{' ||
         c == U'}' || c == U'|' || c == U'\\' || c == U'^' || c == 0x7F;
}

// End of a URL whose host ends at `pos`: optional ":port", then path / query / fragment, without trailing
// punctuation or unbalanced closing brackets.
std::size_t url_tail(const Doc& doc, std::size_t start, std::size_t pos, bool allow_query) {
  const std::size_t n = doc.size();
  if (doc.at(pos) == U':' && is_digit(doc.at(pos + 1))) {
    std::size_t q = pos + 1;
    while (q < n && is_digit(doc.at(q)) && q - pos <= 5) ++q;
    if (!is_alnum(doc.at(q))) pos = q;
  }
  const char32_t c = doc.at(pos);
  if (c == U'/' || (allow_query && (c == U'?' || c == U'#'))) {
    while (pos < n && !is_url_stop(doc.at(pos))) ++pos;
  }
  long round = 0, square = 0;
  for (std::size_t k = start; k < pos; ++k) {
    const char32_t d = doc.at(k);
    round += d == U'(' ? 1 : d == U')' ? -1 : 0;
    square += d == U'[' ? 1 : d == U']' ? -1 : 0;
  }
  while (pos > start) {
    const char32_t d = doc.at(pos - 1);
    if (d == U'.' || d == U',' || d == U';' || d == U':' || d == U'!' || d == U'?' || d == U'\'' || d == U'*' ||
        d == U'\u2019' || d == U'\u201D') {
      --pos;
    } else if (d == U')' && round < 0) {
      --pos, ++round;
    } else if (d == U']' && square < 0) {
      --pos, ++square;
    } else {
      break;
    }
  }
  return pos;
}

bool ascii_equal_ci(const Doc& doc, std::size_t pos, std::string_view lower) {
  for (std::size_t k = 0; k < lower.size(); ++k)
    if (ascii_lower(doc.at(pos + k)) != static_cast<char32_t>(lower[k])) return false;
  return true;
}

bool parse_ipv4(const Doc& doc, std::size_t pos, std::size_t* end) {
  for (int octet = 0; octet < 4; ++octet) {
    if (octet > 0) {
      if (doc.at(pos) != U'.') return false;
      ++pos;
    }
    const std::size_t s = pos;
    int value = 0;
    while (is_digit(doc.at(pos)) && pos - s < 4) value = value * 10 + static_cast<int>(doc.at(pos++) - U'0');
    const std::size_t len = pos - s;
    if (len == 0 || len > 3 || value > 255 || (len > 1 && doc.at(s) == U'0')) return false;
  }
  *end = pos;
  return true;
}

// Scheme URL whose scheme starts at `s`; returns its end or 0.
std::size_t scheme_url(const Doc& doc, std::size_t s) {
  std::size_t p = s;
  while (p < doc.size() && is_ascii_alpha(doc.at(p)) && p - s < 6) ++p;
  if (doc.at(p) != U':' || doc.at(p + 1) != U'/' || doc.at(p + 2) != U'/') return 0;
  std::string scheme;
  for (std::size_t k = s; k < p; ++k) scheme += static_cast<char>(ascii_lower(doc.at(k)));
  if (scheme != "http" && scheme != "https" && scheme != "ftp" && scheme != "ftps" && scheme != "sftp" &&
      scheme != "ws" && scheme != "wss") {
    return 0;
  }
  std::size_t h = p + 3;
  // userinfo: up to the last "@" before the end of the authority
  std::size_t auth_end = h;
  while (auth_end < doc.size() && auth_end - h < 512 && !is_url_stop(doc.at(auth_end)) &&
         doc.at(auth_end) != U'/' && doc.at(auth_end) != U'?' && doc.at(auth_end) != U'#')
    ++auth_end;
  for (std::size_t k = auth_end; k > h; --k) {
    if (doc.at(k - 1) == U'@') {
      h = k;
      break;
    }
  }
  std::size_t host_end = 0;
  if (doc.at(h) == U'[') {
    std::size_t k = h + 1;
    while (k < auth_end && (is_hex(doc.at(k)) || doc.at(k) == U':' || doc.at(k) == U'.')) ++k;
    if (doc.at(k) != U']' || k == h + 1) return 0;
    host_end = k + 1;
  } else if (std::size_t v4 = 0; parse_ipv4(doc, h, &v4) && !is_alnum(doc.at(v4)) && doc.at(v4) != U'.') {
    host_end = v4;
  } else {
    Host host;
    if (!parse_host(doc, h, false, host)) return 0;
    if (host.labels >= 2 && !alpha_tld(doc, host)) return 0;
    host_end = host.end;
  }
  return url_tail(doc, s, host_end, true);
}

}  // namespace

void find_emails(const Doc& doc, std::vector<Hit>& out) {
  const std::size_t n = doc.size();
  for (std::size_t a = 1; a + 1 < n; ++a) {
    if (doc.at(a) != U'@') continue;
    std::size_t j = a;
    while (j > 0 && a - j <= 64 && is_local_char(doc.at(j - 1))) --j;
    if (j > 0 && is_local_char(doc.at(j - 1))) continue;  // local part longer than 64
    while (j < a && (doc.at(j) == U'.' || doc.at(j) == U'-' || doc.at(j) == U'\'')) ++j;
    if (j == a || doc.at(a - 1) == U'.' || doc.at(a - 1) == U'\'') continue;
    bool doubled = false;
    for (std::size_t k = j + 1; k < a; ++k) doubled |= doc.at(k) == U'.' && doc.at(k - 1) == U'.';
    if (doubled) continue;
    Host host;
    if (!parse_host(doc, a + 1, false, host) || host.labels < 2 || !alpha_tld(doc, host)) continue;
    // "scheme://user:password@host" is a URL's userinfo, not an address.
    bool userinfo = false;
    for (std::size_t k = j; k > 0 && j - k < 256 && !is_space(doc.at(k - 1)); --k) {
      const char32_t c = doc.at(k - 1);
      if (c == U'/' || c == U'?' || c == U'#') {
        userinfo = k >= 3 && doc.at(k - 1) == U'/' && doc.at(k - 2) == U'/' && doc.at(k - 3) == U':';
        break;
      }
    }
    if (userinfo) continue;
    out.push_back(Hit{Kind::kEmail, j, host.end, kEmailScore});
    a = host.end - 1;
  }
}

void find_urls(const Doc& doc, std::vector<Hit>& out) {
  const std::size_t n = doc.size();
  const WordSet& tlds = bare_tlds();
  for (std::size_t i = 0; i < n; ++i) {
    const char32_t c = doc.at(i);
    if (!is_ascii_alnum(c)) continue;
    const char32_t prev = doc.before(i);
    if (is_alnum(prev) || prev == U'_') continue;
    // scheme://...
    if (is_ascii_alpha(c)) {
      if (const std::size_t end = scheme_url(doc, i); end > i) {
        out.push_back(Hit{Kind::kUrl, i, end, kUrlScore, true});
        i = end - 1;
        continue;
      }
    }
    const bool bad_prev = prev == U'@' || prev == U'.' || prev == U'-' || prev == U'/' || prev == U'\\' ||
                          prev == U':' || prev == U'$' || prev == U'%' || prev == U'#' || prev == U'=' ||
                          prev == U'&' || prev == U'~' || prev == U'+';
    if (bad_prev) continue;
    Host host;
    if (!parse_host(doc, i, true, host) || host.labels < 2) continue;
    const char32_t next = doc.at(host.end);
    if (next == U'@' || next == U'(' || next == U'_') {
      i = host.end - 1;
      continue;
    }
    if (host.labels >= 3 && host.first_label_end == i + 3 && ascii_equal_ci(doc, i, "www") &&
        alpha_tld(doc, host)) {
      const std::size_t end = url_tail(doc, i, host.end, true);
      out.push_back(Hit{Kind::kUrl, i, end, kUrlScore, true});
      i = end - 1;
      continue;
    }
    std::string tld;
    bool lower = true;
    for (std::size_t k = host.last_label; k < host.end; ++k) {
      lower &= is_ascii_lower(doc.at(k));
      tld += static_cast<char>(doc.at(k));
    }
    if (lower && tlds.count(tld) && host.second_has_letter) {
      const std::size_t end = url_tail(doc, i, host.end, false);
      out.push_back(Hit{Kind::kUrl, i, end, kBareUrlScore, false});
      i = end - 1;
      continue;
    }
    i = host.end - 1;
  }
}

void find_ip_addresses(const Doc& doc, std::vector<Hit>& out) {
  static const WordSet not_after = make_set(
      "version versions ver release build revision rev firmware v section chapter clause step figure table rule "
      "item paragraph");
  const std::size_t n = doc.size();
  // IPv4
  for (std::size_t i = 0; i < n; ++i) {
    if (!is_digit(doc.at(i))) continue;
    const char32_t prev = doc.before(i);
    std::size_t end = 0;
    const bool ok = !is_alnum(prev) && prev != U'.' && prev != U'_' && parse_ipv4(doc, i, &end) &&
                    !is_alnum(doc.at(end)) && doc.at(end) != U'_' &&
                    !((doc.at(end) == U'.' || doc.at(end) == U'-') && is_digit(doc.at(end + 1)));
    if (ok && !not_after.count(doc.previous_key(i))) out.push_back(Hit{Kind::kIp, i, end, kIpScore});
    while (i < n && (is_digit(doc.at(i)) || doc.at(i) == U'.')) ++i;
  }
  // IPv6
  for (std::size_t i = 0; i < n; ++i) {
    const char32_t c = doc.at(i);
    if (!is_hex(c) && c != U':') continue;
    const char32_t prev = doc.before(i);
    std::size_t e = i;
    while (e < n && (is_hex(doc.at(e)) || doc.at(e) == U':' || doc.at(e) == U'.')) ++e;
    const std::size_t run_end = e;
    if (is_alnum(prev) || prev == U':' || prev == U'.' || prev == U'_' || is_alnum(doc.at(e)) ||
        doc.at(e) == U'_' || e - i > 60) {
      i = run_end - 1;
      while (i + 1 < n && is_alnum(doc.at(i + 1))) ++i;
      continue;
    }
    while (e > i && doc.at(e - 1) == U'.') --e;
    if (e > i + 1 && doc.at(e - 1) == U':' && doc.at(e - 2) != U':') --e;
    // Parse groups.
    std::size_t groups = 0, compressions = 0;
    bool ok = true, digit = false;
    std::size_t k = i;
    if (doc.at(k) == U':') {
      if (doc.at(k + 1) != U':') ok = false;
    }
    while (ok && k < e) {
      if (doc.at(k) == U':') {
        if (doc.at(k + 1) == U':' && k + 1 < e) {
          ++compressions;
          k += 2;
          if (doc.at(k) == U':' && k < e) ok = false;
          continue;
        }
        ++k;
        if (k >= e) ok = false;
        continue;
      }
      const std::size_t gs = k;
      bool has_dot = false;
      while (k < e && doc.at(k) != U':') {
        has_dot |= doc.at(k) == U'.';
        digit |= is_digit(doc.at(k));
        ++k;
      }
      if (has_dot) {
        std::size_t v4end = 0;
        ok = k == e && parse_ipv4(doc, gs, &v4end) && v4end == e;
        groups += 2;
      } else {
        ok = k - gs >= 1 && k - gs <= 4;
        ++groups;
      }
    }
    if (ok) {
      if (compressions == 1) ok = groups <= 7 && digit && (groups >= 2 || (groups == 1 && e - i == 3));
      else ok = compressions == 0 && groups == 8;
    }
    if (ok) out.push_back(Hit{Kind::kIp, i, e, kIpScore});
    i = run_end - 1;
  }
}

}  // namespace inv::detectors::pii
