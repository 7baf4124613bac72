// Tests of the offline PII recognizer core: every recognizer on valid and invalid inputs (checksums,
// context words, boundaries), overlap rules, code point offsets after non-ASCII text, the entity filter,
// invalid UTF-8, a 1 MB input, hostile inputs, thread safety, and precision / recall on the labelled data
// set (data/pii_cases.tsv).
#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <optional>
#include <ostream>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include "plugins/pii/pii_core.hpp"
#include "tests/plugins/labelled_data.hpp"

#include "common/utf8.hpp"

namespace inv::detectors {

void PrintTo(const PiiFinding& f, std::ostream* os) {
  *os << f.entity << "[" << f.start << "," << f.end << ")@" << f.score;
}

namespace {

using Strings = std::vector<std::string>;

// The code points [start, end) of `text` as UTF-8.
std::string slice(const std::string& text, std::size_t start, std::size_t end) {
  std::string out;
  std::size_t cp = 0;
  for (std::size_t i = 0; i < text.size(); i = utf8::next_code_point(text, i), ++cp) {
    if (cp >= start && cp < end) out.append(text, i, utf8::next_code_point(text, i) - i);
  }
  return out;
}

// The matched texts of `entity` in `text`.
Strings found(const std::string& text, const std::string& entity) {
  Strings out;
  for (const auto& f : analyze_pii(text)) {
    if (f.entity == entity) out.push_back(slice(text, f.start, f.end));
  }
  return out;
}

bool has(const std::string& text, const std::string& entity) { return !found(text, entity).empty(); }

Strings entities(const std::string& text) {
  Strings out;
  for (const auto& f : analyze_pii(text)) out.push_back(f.entity);
  return out;
}

// ---------------------------------------------------------------------------------------------------------
// API.

TEST(PiiCore, SupportedEntitiesAndWarmUp) {
  const Strings expected = {"PERSON",         "LOCATION",          "NRP",         "DATE_TIME",   "EMAIL_ADDRESS",
                            "PHONE_NUMBER",   "CREDIT_CARD",       "CRYPTO",      "IBAN_CODE",   "IP_ADDRESS",
                            "URL",            "MEDICAL_LICENSE",   "US_SSN",      "US_ITIN",     "US_PASSPORT",
                            "US_DRIVER_LICENSE", "US_BANK_NUMBER", "UK_NHS"};
  EXPECT_EQ(pii_supported_entities(), expected);
  // The server warms the analyzer up with this text.
  const auto f = analyze_pii("Hi there Alice!");
  ASSERT_EQ(f.size(), 1u);
  EXPECT_EQ(f[0], (PiiFinding{"PERSON", 9, 14, 0.85}));
  EXPECT_TRUE(analyze_pii("").empty());
  EXPECT_TRUE(analyze_pii("nothing personal here, just code: x = y + 1").empty());
}

TEST(PiiCore, EntityFilterIsASubsetAndUnknownNamesThrow) {
  const std::string text = "Alice (alice@example.com) lives in Paris; call +33 6 12 34 56 78 on Monday.";
  const auto all = analyze_pii(text);
  EXPECT_EQ(entities(text), (Strings{"PERSON", "EMAIL_ADDRESS", "LOCATION", "PHONE_NUMBER", "DATE_TIME"}));
  for (const std::string& name : pii_supported_entities()) {
    const Strings wanted = {name};
    PiiOptions options;
    options.entities = &wanted;
    std::vector<PiiFinding> expected;
    for (const auto& f : all)
      if (f.entity == name) expected.push_back(f);
    EXPECT_EQ(analyze_pii(text, options), expected) << name;
  }
  const Strings two = {"EMAIL_ADDRESS", "LOCATION"};
  PiiOptions options;
  options.entities = &two;
  EXPECT_EQ(analyze_pii(text, options).size(), 2u);
  const Strings none;
  options.entities = &none;
  EXPECT_TRUE(analyze_pii(text, options).empty());
  const Strings bad = {"EMAIL_ADDRESS", "SOCIAL_MEDIA"};
  options.entities = &bad;
  try {
    analyze_pii(text, options);
    FAIL() << "expected std::invalid_argument";
  } catch (const std::invalid_argument& e) {
    const std::string message = e.what();
    EXPECT_NE(message.find("SOCIAL_MEDIA"), std::string::npos) << message;
    EXPECT_NE(message.find("EMAIL_ADDRESS, PHONE_NUMBER"), std::string::npos) << message;
  }
}

TEST(PiiCore, ThresholdKeepsScoresAboveIt) {
  const std::string text = "Reference 415-555-0132";  // a phone number without a context word: 0.4
  EXPECT_FALSE(has(text, "PHONE_NUMBER"));
  PiiOptions options;
  options.threshold = 0.3;
  const auto low = analyze_pii(text, options);
  ASSERT_EQ(low.size(), 1u);
  EXPECT_EQ(low[0], (PiiFinding{"PHONE_NUMBER", 10, 22, 0.4}));
  options.threshold = 0.4;
  EXPECT_TRUE(analyze_pii(text, options).empty());  // strictly greater
  options.threshold = 1.0;
  EXPECT_TRUE(analyze_pii("mail bob@mail.com", options).empty());
}

TEST(PiiCore, OffsetsAreCodePointsAfterNonAsciiText) {
  const std::string text = "Grüße 👋 — écrivez à zoë@exemple.fr, Zoë Müller, né à Zürich le 2024-03-15";
  const auto f = analyze_pii(text);
  ASSERT_EQ(f.size(), 4u) << testing::PrintToString(f);
  EXPECT_EQ(f[0], (PiiFinding{"EMAIL_ADDRESS", 20, 34, 1.0}));
  EXPECT_EQ(slice(text, f[0].start, f[0].end), "zoë@exemple.fr");
  EXPECT_EQ(f[1].entity, "PERSON");
  EXPECT_EQ(slice(text, f[1].start, f[1].end), "Zoë Müller");
  EXPECT_EQ(f[2].entity, "LOCATION");
  EXPECT_EQ(slice(text, f[2].start, f[2].end), "Zürich");
  EXPECT_EQ(f[3], (PiiFinding{"DATE_TIME", 63, 73, 0.85}));
}

TEST(PiiCore, InvalidUtf8CountsAsReplacementCharacters) {
  // "\xFF" and the truncated "\xE2\x82" are one U+FFFD each.
  const std::string text = "\xFF\xE2\x82 mail bob@mail.com \xC0";
  const auto f = analyze_pii(text);
  ASSERT_EQ(f.size(), 1u);
  EXPECT_EQ(f[0], (PiiFinding{"EMAIL_ADDRESS", 8, 20, 1.0}));
  for (const char* bad : {"\xC3", "\xED\xA0\x80", "\xF4\x90\x80\x80 Alice", "bob@\xFFmail.com", "+1 \xFF 415"}) {
    EXPECT_NO_THROW(analyze_pii(bad));
  }
}

TEST(PiiCore, ResultsAreSortedAndUnique) {
  const std::string text =
      "Alice Smith (alice@example.com, +1 415 555 0132 phone) visited Berlin, Germany on 2024-01-31 and "
      "https://example.com/?who=alice@example.com from 10.0.0.1; Alice Smith again.";
  const auto f = analyze_pii(text);
  ASSERT_FALSE(f.empty());
  for (std::size_t i = 1; i < f.size(); ++i) {
    const bool ordered = std::tie(f[i - 1].start, f[i - 1].end, f[i - 1].entity) <
                         std::tie(f[i].start, f[i].end, f[i].entity);
    EXPECT_TRUE(ordered) << testing::PrintToString(f);
  }
  EXPECT_EQ(analyze_pii(text), f);  // deterministic
}

// ---------------------------------------------------------------------------------------------------------
// Recognizers.

TEST(PiiCore, EmailAddresses) {
  EXPECT_EQ(found("write to bob@mail.com.", "EMAIL_ADDRESS"), (Strings{"bob@mail.com"}));
  EXPECT_EQ(found("<jane.doe+tag@sub.example.co.uk>", "EMAIL_ADDRESS"), (Strings{"jane.doe+tag@sub.example.co.uk"}));
  EXPECT_EQ(found("a@b.io, c_d@e-f.org", "EMAIL_ADDRESS"), (Strings{"a@b.io", "c_d@e-f.org"}));
  EXPECT_EQ(analyze_pii("bob@mail.com")[0].score, 1.0);
  for (const char* text : {"@mention", "user@localhost", "pkg@1.2.3", "a..b@example.com", ".@example.com",
                           "x@example.c", "x@-example.com", "https://user:pw@host.example.com/"}) {
    EXPECT_FALSE(has(text, "EMAIL_ADDRESS")) << text;
  }
  // The domain of an address is not a URL; an address in a URL query is still an address.
  EXPECT_EQ(entities("bob@mail.com"), (Strings{"EMAIL_ADDRESS"}));
  EXPECT_EQ(entities("https://x.example.com/?to=bob@mail.com"), (Strings{"URL", "EMAIL_ADDRESS"}));
}

TEST(PiiCore, Urls) {
  EXPECT_EQ(found("see https://docs.example.com/a/b?c=d#e.", "URL"), (Strings{"https://docs.example.com/a/b?c=d#e"}));
  EXPECT_EQ(found("(http://example.org/x_(y)) and www.example.com", "URL"),
            (Strings{"http://example.org/x_(y)", "www.example.com"}));
  EXPECT_EQ(found("http://192.168.0.1:8080/admin", "URL"), (Strings{"http://192.168.0.1:8080/admin"}));
  EXPECT_EQ(found("http://[2001:db8::1]/x", "URL"), (Strings{"http://[2001:db8::1]/x"}));
  EXPECT_EQ(found("repo github.com/org/repo, short bit.ly/abc", "URL"), (Strings{"github.com/org/repo", "bit.ly/abc"}));
  EXPECT_EQ(found("HTTPS://EXAMPLE.COM", "URL"), (Strings{"HTTPS://EXAMPLE.COM"}));
  for (const char* text : {"main.py", "README.md", "logger.info(x)", "self.app.run()", "os.path.join", "v1.2.3",
                           "e.g. this", "Node.js", "ASP.NET", "model.pt", "config.yaml", "javascript://x",
                           "x.com(1)", "mysite.dev"}) {
    EXPECT_FALSE(has(text, "URL")) << text;
  }
  // The IP address inside a URL is reported too.
  EXPECT_EQ(entities("http://10.0.0.1/"), (Strings{"URL", "IP_ADDRESS"}));
}

TEST(PiiCore, IpAddresses) {
  EXPECT_EQ(found("from 10.0.0.15, 255.255.255.255 and 0.0.0.0.", "IP_ADDRESS"),
            (Strings{"10.0.0.15", "255.255.255.255", "0.0.0.0"}));
  EXPECT_EQ(found("2001:db8::1 fe80::1ff:fe23:4567:890a ::1 ::ffff:192.0.2.128", "IP_ADDRESS"),
            (Strings{"2001:db8::1", "fe80::1ff:fe23:4567:890a", "::1", "::ffff:192.0.2.128"}));
  EXPECT_EQ(found("2001:0db8:0000:0000:0000:ff00:0042:8329", "IP_ADDRESS"),
            (Strings{"2001:0db8:0000:0000:0000:ff00:0042:8329"}));
  for (const char* text : {"256.1.1.1", "1.2.3", "1.2.3.4.5", "01.2.3.4", "version 1.2.3.4", "v1.2.3.4",
                           "10:30:45", "00:1A:2B:3C:4D:5E", "std::vector", "dead::beef", "1:2:3:4:5:6:7:8:9",
                           "1::2::3", "section 4.2.1.3"}) {
    EXPECT_FALSE(has(text, "IP_ADDRESS")) << text;
  }
}

TEST(PiiCore, CreditCards) {
  EXPECT_EQ(found("card 4111 1111 1111 1111 exp 12/26", "CREDIT_CARD"), (Strings{"4111 1111 1111 1111"}));
  EXPECT_EQ(found("5555-5555-5555-4444 / 378282246310005 / 3782 822463 10005", "CREDIT_CARD"),
            (Strings{"5555-5555-5555-4444", "378282246310005", "3782 822463 10005"}));
  EXPECT_EQ(found("cards: 4012888888881881 6011111111111117", "CREDIT_CARD"),
            (Strings{"4012888888881881", "6011111111111117"}));
  for (const char* text : {"4111 1111 1111 1112",          // Luhn
                           "1234567812345670",             // Luhn-valid, no issuer
                           "4111-1111 1111-1111",          // mixed separators
                           "41111 11111 11111 1",          // grouping
                           "0000 0000 0000 0000", "4111111111111111111111", "x4111111111111111",
                           "4111111111111111.5"}) {
    EXPECT_FALSE(has(text, "CREDIT_CARD")) << text;
  }
}

TEST(PiiCore, Ibans) {
  EXPECT_EQ(found("IBAN DE89 3704 0044 0532 0130 00 BIC COBADEFFXXX", "IBAN_CODE"),
            (Strings{"DE89 3704 0044 0532 0130 00"}));
  EXPECT_EQ(found("GB82WEST12345698765432, NO9386011117947", "IBAN_CODE"),
            (Strings{"GB82WEST12345698765432", "NO9386011117947"}));
  for (const char* text : {"DE89 3704 0044 0532 0130 01", "GB82WEST12345698765433", "DE8937040044053201300",
                           "DE89370400440532013000X", "de89370400440532013000", "QQ89370400440532013000",
                           "DE89 37040 04405 32013 000"}) {
    EXPECT_FALSE(has(text, "IBAN_CODE")) << text;
  }
}

TEST(PiiCore, CryptoAddresses) {
  EXPECT_EQ(found("to 1BvBMSEYstWetqTFn5Au4m4GFg7xJaNVN2 or 3J98t1WpEZ73CNmQviecrnyiWrnqRhWNLy", "CRYPTO"),
            (Strings{"1BvBMSEYstWetqTFn5Au4m4GFg7xJaNVN2", "3J98t1WpEZ73CNmQviecrnyiWrnqRhWNLy"}));
  EXPECT_EQ(found("bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq", "CRYPTO").size(), 1u);
  EXPECT_EQ(found("BC1QAR0SRRR7XFKVY5L643LYDNW9RE59GTZZWF5MDQ", "CRYPTO").size(), 1u);
  EXPECT_EQ(found("bc1p5d7rjq7g6rdk2yhzks9smlaqtedr4dekq08ge8ztwac72sfr9rusxg3297", "CRYPTO").size(), 1u);
  const auto eth = analyze_pii("0xde0B295669a9FD93d5F28D9Ec85E40f4cb697BAe");
  ASSERT_EQ(eth.size(), 1u);
  EXPECT_EQ(eth[0], (PiiFinding{"CRYPTO", 0, 42, 0.6}));
  for (const char* text : {"1BvBMSEYstWetqTFn5Au4m4GFg7xJaNVN3",  // checksum
                           "2BvBMSEYstWetqTFn5Au4m4GFg7xJaNVN2",  // version
                           "bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdx", "bc1qAR0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq",
                           "a94a8fe5ccb19ba61c4c0873d391e987982fbbd3", "0xde0B295669a9FD93d5F28D9Ec85E40f4cb697BA",
                           "0xde0B295669a9FD93d5F28D9Ec85E40f4cb697BAeZ"}) {
    EXPECT_FALSE(has(text, "CRYPTO")) << text;
  }
}

TEST(PiiCore, PhoneNumbersNeedContext) {
  EXPECT_EQ(found("Call me at (415) 555-0132.", "PHONE_NUMBER"), (Strings{"(415) 555-0132"}));
  EXPECT_EQ(found("phone: +44 20 7946 0958", "PHONE_NUMBER"), (Strings{"+44 20 7946 0958"}));
  EXPECT_EQ(found("Tel. 030 12345678", "PHONE_NUMBER"), (Strings{"030 12345678"}));
  EXPECT_EQ(found("mobile 06 12 34 56 78, fax +1-312-555-0198", "PHONE_NUMBER"),
            (Strings{"06 12 34 56 78", "+1-312-555-0198"}));
  EXPECT_EQ(found("Room 12 555-234-5678 (cell)", "PHONE_NUMBER"), (Strings{"555-234-5678"}));
  const auto scored = analyze_pii("call 415.555.0132");
  ASSERT_EQ(scored.size(), 1u);
  EXPECT_DOUBLE_EQ(scored[0].score, 0.75);
  const auto weak = analyze_pii("number 415.555.0132");
  ASSERT_EQ(weak.size(), 1u);
  EXPECT_DOUBLE_EQ(weak[0].score, 0.6);
  for (const char* text : {"415-555-0132",                    // no context word
                           "call 1234567890", "call 115-555-0132",  // NANP area code
                           "call 555-0132", "phone 2024-01-31", "call 192.168.1.1", "phone +99 1", "phone +1 555 01",
                           "Order number 4023948572",  // weak context, unformatted
                           "The call took 12345 ms", "phone v415-555-0132"}) {
    EXPECT_FALSE(has(text, "PHONE_NUMBER")) << text;
  }
  // The context word must be in the same sentence.
  EXPECT_FALSE(has("Please call us. Our reference is 415-555-0132.", "PHONE_NUMBER"));
}

TEST(PiiCore, UsSsnAndItin) {
  EXPECT_EQ(found("My SSN is 536-22-1450.", "US_SSN"), (Strings{"536-22-1450"}));
  EXPECT_EQ(found("social security 372 84 1190", "US_SSN"), (Strings{"372 84 1190"}));
  EXPECT_EQ(found("ssn 536221450", "US_SSN"), (Strings{"536221450"}));
  EXPECT_FALSE(has("536-22-1450", "US_SSN"));  // 0.5 without context
  for (const char* text : {"SSN 000-12-3456", "SSN 666-12-3456", "SSN 912-12-3456", "SSN 123-00-4567",
                           "SSN 123-45-0000", "SSN 111-11-1111", "SSN 123-45 6789", "SSN 123-45-6789-0"}) {
    EXPECT_FALSE(has(text, "US_SSN")) << text;
  }
  EXPECT_EQ(found("ITIN 912-70-1234", "US_ITIN"), (Strings{"912-70-1234"}));
  EXPECT_EQ(found("taxpayer id 900 94 2345", "US_ITIN"), (Strings{"900 94 2345"}));
  for (const char* text : {"ITIN 912-89-1234", "ITIN 912-93-1234", "ITIN 812-70-1234", "912-70-1234"}) {
    EXPECT_FALSE(has(text, "US_ITIN")) << text;
  }
}

TEST(PiiCore, PassportDriverLicenseAndBankNumbers) {
  EXPECT_EQ(found("Passport number: 488839667", "US_PASSPORT"), (Strings{"488839667"}));
  EXPECT_EQ(found("passport A12345678", "US_PASSPORT"), (Strings{"A12345678"}));
  EXPECT_FALSE(has("Order 488839667", "US_PASSPORT"));
  EXPECT_EQ(found("Driver's license: D1234567", "US_DRIVER_LICENSE"), (Strings{"D1234567"}));
  EXPECT_EQ(found("DL# 123456789", "US_DRIVER_LICENSE"), (Strings{"123456789"}));
  EXPECT_FALSE(has("Item D1234567", "US_DRIVER_LICENSE"));
  EXPECT_FALSE(has("license key abc-d1234567", "US_DRIVER_LICENSE"));
  EXPECT_EQ(found("Account number: 12345678901", "US_BANK_NUMBER"), (Strings{"12345678901"}));
  EXPECT_EQ(entities("Account number: 12345678901"), (Strings{"US_BANK_NUMBER"}));  // not also a phone
  EXPECT_FALSE(has("Order 12345678901", "US_BANK_NUMBER"));
  EXPECT_FALSE(has("account 1234567", "US_BANK_NUMBER"));  // too short
  EXPECT_FALSE(has("account $12345678", "US_BANK_NUMBER"));
}

TEST(PiiCore, UkNhsAndMedicalLicense) {
  EXPECT_EQ(found("NHS number 943 476 5919", "UK_NHS"), (Strings{"943 476 5919"}));
  EXPECT_EQ(found("nhs: 9434765870", "UK_NHS"), (Strings{"9434765870"}));
  EXPECT_FALSE(has("NHS number 943 476 5918", "UK_NHS"));  // check digit
  EXPECT_FALSE(has("ref 943 476 5919", "UK_NHS"));         // no context
  EXPECT_FALSE(has("NHS 000 000 0000", "UK_NHS"));
  EXPECT_EQ(entities("NHS number 943 476 5919"), (Strings{"UK_NHS"}));
  EXPECT_EQ(found("DEA number AB1234563", "MEDICAL_LICENSE"), (Strings{"AB1234563"}));
  EXPECT_EQ(found("registration F91234563", "MEDICAL_LICENSE"), (Strings{"F91234563"}));
  EXPECT_EQ(entities("medical license AB1234563"), (Strings{"MEDICAL_LICENSE"}));  // not also a licence
  for (const char* text : {"DEA AB1234567", "DEA ab1234563", "DEA QB1234563", "DEA AB12345634", "DEA A1234563"}) {
    EXPECT_FALSE(has(text, "MEDICAL_LICENSE")) << text;
  }
}

TEST(PiiCore, DatesAndTimes) {
  EXPECT_EQ(found("due 2024-03-15, sent 2024-01-31T10:30:00Z", "DATE_TIME"),
            (Strings{"2024-03-15", "2024-01-31T10:30:00Z"}));
  EXPECT_EQ(found("on 31/01/2024 or 01/31/2024 or 31.12.2025 or 1/5/24", "DATE_TIME"),
            (Strings{"31/01/2024", "01/31/2024", "31.12.2025", "1/5/24"}));
  EXPECT_EQ(found("Monday, January 5, 2024 at 10:30 am", "DATE_TIME"),
            (Strings{"Monday, January 5, 2024", "10:30 am"}));
  EXPECT_EQ(found("born 5 Jan 1990, the 5th of March, Jan 12 and September 2021", "DATE_TIME"),
            (Strings{"5 Jan 1990", "5th of March", "Jan 12", "September 2021"}));
  EXPECT_EQ(found("yesterday, tomorrow morning, next week, 3 days ago, in 2 weeks", "DATE_TIME"),
            (Strings{"yesterday", "tomorrow morning", "next week", "3 days ago", "2 weeks"}));
  EXPECT_EQ(found("at 3pm, at 11 a.m., at noon, 14:05:33.120", "DATE_TIME"),
            (Strings{"3pm", "11 a.m.", "noon", "14:05:33.120"}));
  EXPECT_EQ(found("in 2019, in the 1990s, Q3 2024, on Christmas Day", "DATE_TIME"),
            (Strings{"2019", "1990s", "Q3 2024", "Christmas Day"}));
  EXPECT_EQ(found("In May we met. May I help?", "DATE_TIME"), (Strings{"May"}));
  for (const char* text : {"version 2.10.1", "Python 3.12", "port 8080", "2024-13-01", "2023-02-29", "31/31/2024",
                           "1.2.23", "3/4", "24:00", "10:60", "total of 2000 records", "Error 2024",
                           "May I ask?", "the march continued", "12345678", "March Madness"}) {
    EXPECT_FALSE(has(text, "DATE_TIME")) << text;
  }
  EXPECT_TRUE(has("2024-02-29", "DATE_TIME"));  // leap year
}

TEST(PiiCore, PersonNames) {
  EXPECT_EQ(found("Maria Garcia and Zhang Wei met Dr. Okafor and Mr Smith.", "PERSON"),
            (Strings{"Maria Garcia", "Zhang Wei", "Okafor", "Smith"}));
  EXPECT_EQ(found("John F. Kennedy, Ludwig van Beethoven and Jean-Pierre", "PERSON"),
            (Strings{"John F. Kennedy", "Ludwig van Beethoven", "Jean-Pierre"}));
  EXPECT_EQ(found("Alice's laptop, and Bob.", "PERSON"), (Strings{"Alice", "Bob"}));
  EXPECT_EQ(found("the manager Xiomara Garcia said", "PERSON"), (Strings{"Xiomara Garcia"}));
  EXPECT_EQ(found("Will Smith and Grace Hopper", "PERSON"), (Strings{"Will Smith", "Grace Hopper"}));
  for (const char* text : {"alice and bob", "ALICE", "Will it work?", "Mark the task as done", "Set Max Tokens",
                           "Claude, summarize this", "Ruby on Rails", "alice_smith.py", "user.Alice = 1",
                           "Dear Customer", "Thanks for the help", "MeetingWithAlice"}) {
    EXPECT_FALSE(has(text, "PERSON")) << text;
  }
}

TEST(PiiCore, LocationsAndAmbiguousWords) {
  EXPECT_EQ(found("From San Francisco to New York, then Rio de Janeiro and St. Louis.", "LOCATION"),
            (Strings{"San Francisco", "New York", "Rio de Janeiro", "St. Louis"}));
  EXPECT_EQ(found("the US and the U.S. and the USA and the UK", "LOCATION"), (Strings{"US", "U.S.", "USA", "UK"}));
  EXPECT_EQ(found("Texas Instruments, Bank of America, Manchester United", "LOCATION"), Strings{});
  // Place first: LOCATION alone, PERSON before a surname.
  EXPECT_EQ(entities("Jordan is hot."), (Strings{"LOCATION"}));
  EXPECT_EQ(entities("Jordan Peterson spoke."), (Strings{"PERSON"}));
  EXPECT_EQ(entities("Paris Hilton in Paris"), (Strings{"PERSON", "LOCATION"}));
  // Name first: PERSON unless a place context.
  EXPECT_EQ(entities("Austin said hi."), (Strings{"PERSON"}));
  EXPECT_EQ(entities("We moved to Austin."), (Strings{"LOCATION"}));
  EXPECT_EQ(found("Austin, Texas", "LOCATION"), (Strings{"Austin", "Texas"}));
  EXPECT_EQ(entities("George Washington visited Washington"), (Strings{"PERSON", "LOCATION"}));
  EXPECT_FALSE(has("the Phoenix framework", "LOCATION"));
  EXPECT_FALSE(has("we live in paris", "LOCATION"));  // lower case
}

TEST(PiiCore, NationalitiesReligionsAndPoliticalGroups) {
  EXPECT_EQ(found("American and French Muslims, Christians and Democrats", "NRP"),
            (Strings{"American", "French", "Muslims", "Christians", "Democrats"}));
  EXPECT_EQ(found("The African American museum", "NRP"), (Strings{"African American"}));
  for (const char* text : {"Translate it into French.", "He speaks German.", "American Express", "French Open",
                           "Polish the code.", "Christian Bale"}) {
    EXPECT_FALSE(has(text, "NRP")) << text;
  }
  EXPECT_TRUE(has("Christian leaders", "NRP"));
}

// ---------------------------------------------------------------------------------------------------------
// Robustness.

std::string large_text(std::size_t bytes) {
  const std::string block =
      "user: Hi, I'm Maria Garcia from Berlin. Email maria.garcia@example.com, phone +49 151 23456789.\n"
      "tool: {\"order\": 4023948572019385, \"card\": \"4111 1111 1111 1111\", \"ip\": \"10.0.0.12\"}\n"
      "assistant: Thanks Maria! Your refund to DE89 3704 0044 0532 0130 00 is scheduled for 2024-03-15 at 10:30.\n"
      "log: 2024-01-31T10:30:00Z GET https://api.example.com/v1/users?id=42 200 35ms version 1.2.3.4\n"
      "Grüße aus München — the American team (Democrats, Catholics) met Dr. Okafor yesterday; SSN 536-22-1450.\n";
  std::string text;
  text.reserve(bytes + block.size());
  while (text.size() < bytes) text += block;
  return text;
}

TEST(PiiCore, OneMegabyteFinishesQuickly) {
  const std::string text = large_text(1 << 20);
  const auto t0 = std::chrono::steady_clock::now();
  const auto f = analyze_pii(text);
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  std::printf("pii: 1 MB of trace text, %zu findings in %.3f s\n", f.size(), seconds);
  EXPECT_GT(f.size(), 10000u);
  EXPECT_LT(seconds, 5.0);  // typically well under a second in an optimised build
}

TEST(PiiCore, HostileInputsFinishQuickly) {
  const std::size_t n = 1 << 20;
  std::vector<std::string> inputs = {std::string(n, '1'), std::string(n, '@'), std::string(n, '.'),
                                     std::string(n, ':'), std::string(n, 'A'), std::string(n, ' ')};
  std::string mixed;
  while (mixed.size() < n) mixed += "a.";
  inputs.push_back(mixed);
  mixed.clear();
  while (mixed.size() < n) mixed += "1 ";
  inputs.push_back(mixed);
  mixed.clear();
  while (mixed.size() < n) mixed += "x@y.";
  inputs.push_back(mixed);
  mixed.clear();
  while (mixed.size() < n) mixed += "Alice ";
  inputs.push_back(mixed);
  mixed.clear();
  while (mixed.size() < n) mixed += "ab:";
  inputs.push_back(mixed);
  mixed.clear();
  while (mixed.size() < n) mixed += "http://a";
  inputs.push_back(mixed);
  mixed = "phone " + std::string(n, '9');
  inputs.push_back(mixed);
  for (const std::string& text : inputs) {
    const auto t0 = std::chrono::steady_clock::now();
    EXPECT_NO_THROW(analyze_pii(text));
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    EXPECT_LT(seconds, 5.0) << text.substr(0, 16);
  }
}

TEST(PiiCore, ThreadSafe) {
  const std::string text = large_text(64 * 1024);
  const auto expected = analyze_pii(text);
  std::vector<std::vector<PiiFinding>> results(4);
  std::vector<std::thread> threads;
  for (std::size_t t = 0; t < results.size(); ++t) {
    threads.emplace_back([&, t] {
      for (int round = 0; round < 3; ++round) results[t] = analyze_pii(text);
    });
  }
  for (auto& thread : threads) thread.join();
  for (const auto& r : results) EXPECT_EQ(r, expected);
}

// ---------------------------------------------------------------------------------------------------------
// The labelled data set.

struct Case {
  bool positive = false;
  std::string entity;
  std::string text;
};

std::vector<Case> load_cases() {
  std::vector<Case> cases;
  for (const auto& row : test_data::read_labelled_rows("pii_cases.tsv", 3)) {
    EXPECT_TRUE(row.columns[0] == "pos" || row.columns[0] == "neg") << "line " << row.line;
    cases.push_back({row.columns[0] == "pos", row.columns[1], row.columns[2]});
  }
  return cases;
}

// Entity groups of the data set; each has at least 30 positive and 30 negative examples.
std::string group_of(const std::string& entity) {
  if (entity == "PERSON" || entity == "LOCATION" || entity == "NRP") return "names";
  if (entity == "DATE_TIME") return "dates";
  if (entity == "EMAIL_ADDRESS" || entity == "PHONE_NUMBER" || entity == "URL" || entity == "IP_ADDRESS")
    return "contact";
  if (entity == "CREDIT_CARD" || entity == "IBAN_CODE" || entity == "CRYPTO" || entity == "US_BANK_NUMBER")
    return "financial";
  return "identity";
}

struct Counts {
  int tp = 0, fp = 0, fn = 0, tn = 0;
  double precision() const { return tp + fp == 0 ? 1.0 : static_cast<double>(tp) / (tp + fp); }
  double recall() const { return tp + fn == 0 ? 1.0 : static_cast<double>(tp) / (tp + fn); }
  void add(const Counts& o) { tp += o.tp, fp += o.fp, fn += o.fn, tn += o.tn; }
};

TEST(PiiDataSet, PrecisionAndRecall) {
  const auto cases = load_cases();
  ASSERT_GE(cases.size(), 300u);
  std::map<std::string, Counts> by_entity, by_group;
  std::map<std::string, std::pair<int, int>> group_sizes;  // positives, negatives
  for (const Case& c : cases) {
    EXPECT_NE(std::find(pii_supported_entities().begin(), pii_supported_entities().end(), c.entity),
              pii_supported_entities().end())
        << c.entity;
    const bool detected = has(c.text, c.entity);
    Counts& e = by_entity[c.entity];
    if (c.positive && detected) ++e.tp;
    if (c.positive && !detected) {
      ++e.fn;
      std::printf("  missed   %-17s %s\n", c.entity.c_str(), c.text.c_str());
    }
    if (!c.positive && detected) {
      ++e.fp;
      std::printf("  spurious %-17s %s\n", c.entity.c_str(), c.text.c_str());
    }
    if (!c.positive && !detected) ++e.tn;
    auto& size = group_sizes[group_of(c.entity)];
    (c.positive ? size.first : size.second) += 1;
  }
  Counts total;
  std::printf("\n| entity | pos | neg | TP | FP | FN | precision | recall |\n|---|---|---|---|---|---|---|---|\n");
  for (const auto& [entity, k] : by_entity) {
    std::printf("| %s | %d | %d | %d | %d | %d | %.3f | %.3f |\n", entity.c_str(), k.tp + k.fn, k.fp + k.tn, k.tp,
                k.fp, k.fn, k.precision(), k.recall());
    by_group[group_of(entity)].add(k);
    total.add(k);
  }
  for (const auto& [group, k] : by_group) {
    std::printf("| *%s* | %d | %d | %d | %d | %d | %.3f | %.3f |\n", group.c_str(), k.tp + k.fn, k.fp + k.tn, k.tp,
                k.fp, k.fn, k.precision(), k.recall());
  }
  std::printf("| **all** | %d | %d | %d | %d | %d | %.3f | %.3f |\n\n", total.tp + total.fn, total.fp + total.tn,
              total.tp, total.fp, total.fn, total.precision(), total.recall());
  for (const auto& [group, size] : group_sizes) {
    EXPECT_GE(size.first, 30) << group;
    EXPECT_GE(size.second, 30) << group;
  }
  for (const std::string& entity : pii_supported_entities()) {
    const Counts& k = by_entity[entity];
    EXPECT_GE(k.tp + k.fn, 3) << entity;
    EXPECT_GE(k.fp + k.tn, 3) << entity;
  }
  EXPECT_GE(total.precision(), 0.9);
  EXPECT_GE(total.recall(), 0.85);
}

}  // namespace
}  // namespace inv::detectors
