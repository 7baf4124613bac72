// Offline HTML hidden-data extractor core (STDLIB.md §4, `invariant.parsers.html`): the alt texts of
// <img> tags and the links of a document, as the reference computes them with Python's html.parser plus a
// link regex. Self-contained (PCRE2 only), so it can be wrapped as a plugin.
//
// Tokenizer: a port of the tokenizer of Python's html.parser.HTMLParser (convert_charrefs=True) as the
// reference drives it: the text is only feed()-ed, never close()-d, so an unterminated construct (a tag,
// comment, doctype, processing instruction or end tag without its closing ">", or a <script>/<style>
// without its end tag) ends the parse; everything before it counts. Broken HTML is otherwise tolerated
// exactly as Python does (unclosed tags, junk such as <lid> or </ddli>, comments, doctype, bogus comments,
// attributes without quotes or values, raw-text script/style). Tag and attribute names compare
// case-insensitively; attribute values are unescaped like html.unescape (HTML5 named references,
// numeric references with the HTML5 replacement rules).
//
// Results:
//  * alt_texts: the value of every `alt` attribute of every <img> (also <img/>), in document order,
//    duplicates kept. An attribute without a value (`<img alt>`, Python None) is omitted.
//  * links: the `href` values of <a> tags (valueless ones omitted) plus every match of the regex
//    https?://(?:[-\w.]|(?:%[\da-fA-F]{2}))+(?:/[^ \n"]+)* on the raw text (Python `re` semantics).
//    The reference de-duplicates through a Python set (arbitrary order); this implementation returns
//    each distinct link once, in order of first occurrence in the document (an href counts at the
//    position of its tag's "<", a regex link at its match start; an href comes first on a tie).
//  * parser_error: where Python's parser raises (an "<![" marked section whose keyword is not one of
//    temp/cdata/ignore/include/rcdata/if/else/endif, or whose keyword is missing), the reference's
//    html_code fails with AssertionError; the message (without the type) is stored here, parsing stops at
//    that point, and the fields hold what was found before it plus all regex links. A binding that wants
//    the reference's behaviour raises when it is non-empty.
// Invalid UTF-8 is repaired first: each maximal invalid subsequence becomes U+FFFD.
// Resource bounds: all regexes are linear (the link regex and the tokenizer regexes use possessive /
// atomic forms that match exactly what the backtracking originals match, since what follows them always
// succeeds); PCRE2 match limits are a safety net. A link-regex attempt that exceeds the limit is skipped
// (scanning resumes at the next code point); a tag whose tokenizer regex exceeds it is treated as text.
// HtmlStats::limit_hits counts such events.
//
// Thread-safety and lifetimes: all functions may be called concurrently from any number of threads; the
// regexes are compiled once (thread-safe static initialisation), match state is per call. Results own
// their strings.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace inv::detectors {

struct HtmlData {
  std::vector<std::string> alt_texts;
  std::vector<std::string> links;
  std::string parser_error;  // empty unless Python's html.parser would have raised (see above)
};

struct HtmlStats {
  std::size_t limit_hits = 0;  // regex attempts abandoned because they exceeded the PCRE2 match limit
};

// html_code(): alt texts and links of one text.
HtmlData parse_html(std::string_view text, HtmlStats* stats = nullptr);

// links(): the regex links of one text only (no HTML parsing), each distinct link once, in order of first
// occurrence.
std::vector<std::string> find_links(std::string_view text, HtmlStats* stats = nullptr);

// Python's html.unescape() on UTF-8 text (exposed for the binding and tests).
std::string html_unescape(std::string_view text);

}  // namespace inv::detectors
