// Offline PII recognizer core: finds personal data (names, places, contact data, identity, payment and
// network identifiers, dates) in UTF-8 text without any model or network access. It stands in for the
// reference's `pii(data, entities=None)` detector (an NER-plus-patterns analyzer keeping results with a
// score above 0.5) with hand-written scanners, checksum validation and embedded word lists.
// Self-contained (ICU character properties only), so it can be wrapped as a detector plugin.
//
// Semantics
//  * analyze_pii() runs every recognizer and scores each candidate: a base score per pattern, plus 0.35
//    when a context word of that entity occurs among the 5 words before or the 3 words after the candidate
//    in the same sentence (a dot right after the word before it is allowed: "Tel. ..."), or plus 0.2 for
//    the weak phone context words "number", "no", "nr", "num" next to a formatted phone number. It then
//    drops scores <= threshold, resolves overlaps (below) and keeps the requested entity types. The result
//    does not depend on the filter: analyze_pii(t, {E}) == the findings of analyze_pii(t) whose entity is E.
//  * Offsets are Unicode code point indices (Python string indices), end exclusive. Invalid UTF-8: every
//    maximal invalid subsequence counts as one U+FFFD (Python's decode(errors="replace")); nothing throws
//    for bad input.
//  * Overlaps: an e-mail address hides the URL of its domain; a URL hides everything inside it except IP
//    addresses and e-mail addresses in its path or query; an e-mail hides everything inside it. Among the
//    remaining overlapping candidates the one with the higher score wins, then the longer span, then a
//    fixed entity order (so one number is one thing: "account number 2025550143" is a US_BANK_NUMBER, not
//    also a PHONE_NUMBER; "April Jones" is a PERSON, not a DATE_TIME). Results are sorted by (start, end,
//    entity) and contain each (entity, start, end) once.
//  * Cost: a few linear passes over the text (hand-written scanners, no regular expressions, no
//    backtracking); 1 MB of mixed trace text takes about 0.1-0.3 s.
//
// Recognizers (score before context; "ctx" = needs a context word to exceed 0.5)
//  EMAIL_ADDRESS 1.0   local@domain.tld: local part of letters (also non-ASCII), digits and . _ % + - '
//                      (no leading, trailing or doubled dot; <= 64 characters), domain of >= 2 labels
//                      (letters, digits, inner hyphens), alphabetic TLD of >= 2 letters. The
//                      "user:password@host" of a scheme URL is not an address. Misses quoted local parts,
//                      IP-literal domains and obfuscated forms ("bob [at] mail [dot] com").
//  URL           0.85  http(s)/ftp(s)/sftp/ws(s) "://" URLs (host name, IPv4, [IPv6] or single-label host such
//                      as localhost, port, path, query, fragment; trailing punctuation and unbalanced ")" /
//                      "]" excluded) and "www." host names with any alphabetic TLD.
//                0.6   bare host names ("example.com/path", "bit.ly/x") only with a lower-case TLD from a
//                      fixed list of common generic and country TLDs; TLDs that are also file extensions or
//                      code attributes (py, md, sh, rs, pl, pt, in, is, id, info, app, dev, name, zip, ...)
//                      are left out, so "main.py", "logger.info", "self.app" are not URLs (nor are
//                      "mysite.dev" or "foo.info" without a scheme or "www."). A name followed by "(" is code.
//  IP_ADDRESS    0.6   IPv4 (four decimal octets 0-255 without leading zeros, not part of a longer dotted
//                      number, not right after "version", "ver", "release", "build", "section", "chapter",
//                      "step", ...); IPv6 in full, compressed ("2001:db8::1", "fe80::1", "::1") and
//                      IPv4-suffixed ("::ffff:192.0.2.1") forms with a digit and >= 2 groups (or "::1").
//                      Times, MAC addresses and C++ scopes are not IPv6. No CIDR suffix. A dotted version
//                      after other words ("Python 3.11.4.1") is reported.
//  CREDIT_CARD   1.0   13-19 digits, ungrouped or in groups of 4 (last 1-4) or 4-6-5 / 4-6-4, one kind of
//                      separator (space or "-"), Luhn-valid, with an issuer prefix and length of Visa,
//                      Mastercard (51-55, 2221-2720), Amex, Discover, Diners, JCB, UnionPay or Maestro.
//  IBAN_CODE     1.0   country code with its IBAN length (table of ~80 countries), mod-97 checksum == 1,
//                      upper case, compact or in space-separated groups of four.
//  CRYPTO        1.0   Bitcoin base58check addresses (P2PKH "1...", P2SH "3...", double-SHA-256 checksum
//                      verified) and bech32/bech32m segwit addresses ("bc1...", checksum, witness version
//                      and program length verified).
//                0.6   Ethereum addresses "0x" + 40 hex digits (the EIP-55 mixed-case checksum needs
//                      Keccak-256 and is not verified). Other coins are not recognised.
//  PHONE_NUMBER  0.4   ctx (phone, telephone, tel, mobile, cell, call, fax, contact, whatsapp, sms, text,
//                      dial, reach, landline, hotline, ...; weak: number/no/nr/num). International "+CC ..."
//                      or "00CC ..." (known country calling code, 6-13 national digits), NANP 10 digits
//                      ("(415) 555-0132", "415-555-0132", "415.555.0132", "+1 415 555 0132", plain
//                      "4155550132"; area and exchange codes 2-9), national numbers with a trunk 0 (9-11
//                      digits, e.g. "030 1234567", "06 12 34 56 78", "020 7946 0958"). Separators: space,
//                      "-", ".", "/", parentheses. Misses 7-digit local numbers and vanity numbers.
//  US_SSN        0.5 formatted ddd-dd-dddd / ddd dd dddd, 0.3 plain 9 digits; ctx (ssn, social, security).
//                      Area 000, 666 and 9xx, group 00, serial 0000 and single-digit repeats are rejected.
//  US_ITIN       0.5 formatted, 0.3 plain; ctx (itin, tin, taxpayer, tax, individual, identification).
//                      9dd-GG-dddd with GG in 50-65, 70-88, 90-92, 94-99.
//  US_PASSPORT   0.4   ctx (passport). 9 digits, or one upper-case letter + 8 digits.
//  US_DRIVER_LICENSE 0.4 (letters + digits) / 0.3 (digits); ctx (driver, driving, license, licence, dl, dln,
//                      lic, permit). 1-2 upper-case letters + 5-13 digits, or 7-13 digits. State-specific
//                      formats are not checked.
//  US_BANK_NUMBER 0.3  ctx (account, acct, bank, banking, checking, savings, deposit). 8-17 digits.
//  UK_NHS        0.5   ctx (nhs, health, patient, hospital, gp, medical). 10 digits (ddd ddd dddd, ddd-ddd-dddd
//                      or plain) with a valid mod-11 check digit. Without context a valid number stays at
//                      0.5: about one random 10-digit number in 11 passes the check (phones, timestamps).
//  MEDICAL_LICENSE 0.6 DEA registration numbers: registrant letter (A B C D E F G H J K L M P R S T U X) +
//                      letter or 9 + 7 digits with a valid DEA check digit, upper case; ctx (dea, medical,
//                      prescriber, physician, license, registration, ...) raises it. State medical licence
//                      numbers are not recognised.
//  DATE_TIME     0.85  ISO dates and date-times (2024-01-31, 2024-01-31T10:30:00Z, "2024-01-31 10:30:00,123",
//                      2024/01/31), d/m/y and m/d/y with "/", "." or "-" (31/01/2024, 01/31/2024,
//                      31.12.2025, 1/5/24), month names and abbreviations ("January 5, 2024", "5 Jan 2024",
//                      "5th of March", "Jan 5", "January 2024"), weekday names, times ("10:30", "10:30:45",
//                      "10:30 am", "3pm", "2 PM EST", "noon"), relative expressions (today, tonight,
//                      yesterday, tomorrow, "next week", "last Monday", "this morning", "3 days ago", "in 2
//                      weeks"), holidays (Christmas, Easter, "New Year's Eve", ...), quarters ("Q3 2024"),
//                      decades ("1990s") and years 1900-2099 after a preposition ("in 2024", "since 1999",
//                      not "of 2000 records"). Dates are range-checked (no 2024-13-01, no 2023-02-29).
//                      Parts separated by a space form one span; after a comma only a weekday continues
//                      ("Monday, January 5, 2024"). "May", "March", "August" count alone only after a
//                      preposition ("in May"); a bare month before a capitalised word is a name ("March
//                      Madness"); lower-case month names only for the unambiguous months. Dot-separated dates
//                      need a 4-digit year ("1.2.23" is a version); dates glued to identifiers
//                      ("model-2024-05-13") and bare numbers are not dates. Day-month without a year in
//                      numeric form ("3/15") is not recognised.
//  PERSON        0.85  Capitalised words from an embedded gazetteer of ~2100 given names from many cultures,
//                      optionally followed by up to three capitalised surname words (any capitalised word
//                      that is not a common word, place, nationality, organisation word, month or weekday;
//                      surname particles van/von/de/da/di/del/la/le/du/bin/al...; middle initials "John F.
//                      Kennedy"; hyphenated given names "Jean-Pierre"); a capitalised word not in the
//                      gazetteer followed by a known surname ("Xiomara Garcia"), not at a sentence start; a
//                      known surname followed by a known given name ("Zhang Wei"); the capitalised words
//                      after a title (Mr, Mrs, Ms, Miss, Mx, Dr, Prof, Sir, Dame, Rev, President, ...), the
//                      title itself excluded. Cannot find: names not in the gazetteer without a title or
//                      known surname ("Sundar Pichai"), unknown names at a sentence start, lower-case or
//                      ALL-CAPS names, surnames alone ("Smith said"). Given names that are also common words,
//                      brands or products (Will, Mark, Max, Grace, Hope, Ruby, Julia, Alexa, Claude, April,
//                      June, ...) count only before a known surname or given name or after a title ("Will
//                      Smith", "Dr. Grace"); saints' names after St./San/Santa are not people; words inside
//                      identifiers, file names, e-mail addresses and URLs are ignored.
//  LOCATION      0.85  Capitalised countries (and short forms: USA, UK, UAE, "U.S.", "the US"), US states,
//                      Canadian provinces and other major regions, several hundred major world cities,
//                      continents, oceans and seas; multi-word names are matched longest first ("New York",
//                      "United States of America", "Rio de Janeiro", "St. Louis"). Not reported before an
//                      organisation or software word ("Texas Instruments", "Manchester United", "Boston
//                      Dynamics", "the Phoenix framework") or after "Bank/University/... of". Cannot find:
//                      street addresses, small towns, lower-case place names.
//  NRP           0.85  Nationalities and demonyms (singular and plural, "South African"), religions and
//                      their adherents, political groups (Democrats, Republicans, Tories, Labour, ...). Not
//                      reported before another capitalised word ("American Express", "French Open"), for a
//                      language ("in French", "speaks German and Dutch", "to Spanish", "British English",
//                      "the Spanish language pack"), or for "Polish" at a sentence start.
//  Words in several lists: a given name followed by a surname is a PERSON ("Jordan Peterson", "Paris
//  Hilton", "Georgia Smith", "Christian Bale"). Alone, a place that is also a given name is a LOCATION
//  (Jordan, Georgia, Paris, India, Israel, Virginia, Dallas, Sydney, Orlando, ...), except for the mostly
//  personal names Chad, Austin, Madison, Savannah, Aurora, Florence, Victoria, Lincoln, Chelsea,
//  Charlotte, Adelaide, Alexandria, Helena, Sofia, Olympia, which are a LOCATION only right after a place
//  preposition ("in Austin", "moved to Madison") or before ", <place>" ("Austin, Texas"), otherwise a
//  PERSON. "Christian" alone is NRP. "Washington" after a given name is a surname ("George Washington").
//
// Thread-safety: pure function; the word lists are built once (thread-safe static initialisation) and only
// read afterwards, so any number of threads may call analyze_pii() at once.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace inv::detectors {

struct PiiFinding {
  std::string entity;     // e.g. "EMAIL_ADDRESS"
  std::size_t start = 0;  // code point offset (Python string index) of the first character
  std::size_t end = 0;    // code point offset one past the last character
  double score = 0;       // 0..1
  bool operator==(const PiiFinding&) const = default;
};

struct PiiOptions {
  // Entity types to report; nullptr = all of pii_supported_entities(). A name that is not supported
  // throws std::invalid_argument (listing the supported names).
  const std::vector<std::string>* entities = nullptr;
  // Findings with score > threshold are kept.
  double threshold = 0.5;
};

// Analyzes `utf8_text`; findings sorted by (start, end, entity), each (entity, start, end) once.
std::vector<PiiFinding> analyze_pii(std::string_view utf8_text, const PiiOptions& options = {});

// The entity types this recognizer knows, in a fixed order.
const std::vector<std::string>& pii_supported_entities();

}  // namespace inv::detectors
