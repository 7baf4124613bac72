// Tests of the content-moderation core: the reference's chunking (separator rule, 2000-code-point cuts with
// non-ASCII text, invalid UTF-8), thresholds / cat_thresholds / the "last exceeded category" rule, the
// offline classifier on clear cases, hard negatives and the documented context decisions, determinism, a
// large input, the OpenAI-compatible HTTP backend against a small HTTP server on 127.0.0.1 (canned
// answers, non-200, garbage, wrong shape, a server that never answers, a closed port), and precision /
// recall on the labelled data set (data/moderation_cases.tsv) at the default threshold 0.5.
#include <gtest/gtest.h>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <functional>
#include <map>
#include <mutex>
#include <ostream>
#include <string>
#include <thread>
#include <vector>

#include "plugins/moderation/moderation_core.hpp"
#include "tests/plugins/labelled_data.hpp"
#include "plugins/moderation/moderation_http.hpp"

namespace inv::detectors {

void PrintTo(const ModeratedChunk& c, std::ostream* os) { *os << c.category << "[" << c.start << "," << c.end << ")"; }
void PrintTo(const ModerationChunk& c, std::ostream* os) {
  *os << "[" << c.start << "," << c.end << ") " << ::testing::PrintToString(c.text);
}

namespace {

constexpr double kBudgetSeconds = 10.0;  // generous for sanitizer builds; a release build needs far less

double seconds_since(std::chrono::steady_clock::time_point t0) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
}

std::size_t index_of(const char* category) { return *moderation_category_index(category); }

ModerationScores scores_with(std::initializer_list<std::pair<const char*, double>> values) {
  ModerationScores s{};
  for (const auto& [name, v] : values) s[index_of(name)] = v;
  return s;
}

// ---------------------------------------------------------------------------------------------------------
// Chunking.

TEST(ModerationSplit, SeparatorStaysInFrontOfTheFollowingChunk) {
  EXPECT_EQ(split_moderation_chunks("a\nbc\nd", "\n"),
            (std::vector<ModerationChunk>{{0, 1, "a"}, {1, 4, "\nbc"}, {4, 6, "\nd"}}));
  EXPECT_EQ(split_moderation_chunks("\na\n\n", "\n"),
            (std::vector<ModerationChunk>{{0, 0, ""}, {0, 2, "\na"}, {2, 3, "\n"}, {3, 4, "\n"}}));
  EXPECT_EQ(split_moderation_chunks("", "\n"), (std::vector<ModerationChunk>{{0, 0, ""}}));
  EXPECT_EQ(split_moderation_chunks("no separator", "\n"), (std::vector<ModerationChunk>{{0, 12, "no separator"}}));
  // Multi-character separators, non-overlapping from the left.
  EXPECT_EQ(split_moderation_chunks("a--b---c", "--"),
            (std::vector<ModerationChunk>{{0, 1, "a"}, {1, 4, "--b"}, {4, 8, "---c"}}));  // Python: ["a", "b", "-c"]
  // Empty separator: no splitting.
  EXPECT_EQ(split_moderation_chunks("a\nb", ""), (std::vector<ModerationChunk>{{0, 3, "a\nb"}}));
}

TEST(ModerationSplit, OffsetsAreCodePoints) {
  // "é" is 2 bytes, "€" 3 bytes, "😀" 4 bytes.
  const std::string text = "\xC3\xA9\xE2\x82\xAC\n\xF0\x9F\x98\x80x\n";
  EXPECT_EQ(split_moderation_chunks(text, "\n"),
            (std::vector<ModerationChunk>{{0, 2, "\xC3\xA9\xE2\x82\xAC"}, {2, 5, "\n\xF0\x9F\x98\x80x"}, {5, 6, "\n"}}));
}

TEST(ModerationSplit, LongChunksAreCutEvery2000CodePoints) {
  std::string emoji_run;
  for (int i = 0; i < 4500; ++i) emoji_run += (i % 2 == 0) ? "\xF0\x9F\x98\x80" : "\xC3\xA9";
  const auto chunks = split_moderation_chunks("ab\n" + emoji_run, "\n");
  ASSERT_EQ(chunks.size(), 4u);
  EXPECT_EQ(chunks[0], (ModerationChunk{0, 2, "ab"}));
  // The second chunk is "\n" + 4500 code points = 4501 code points: 2000 + 2000 + 501.
  EXPECT_EQ(chunks[1].start, 2u);
  EXPECT_EQ(chunks[1].end, 2002u);
  EXPECT_EQ(chunks[1].text.substr(0, 1), "\n");
  EXPECT_EQ(chunks[2].start, 2002u);
  EXPECT_EQ(chunks[2].end, 4002u);
  EXPECT_EQ(chunks[3].start, 4002u);
  EXPECT_EQ(chunks[3].end, 4503u);
  std::string joined;
  for (const auto& c : chunks) joined += c.text;
  EXPECT_EQ(joined, "ab\n" + emoji_run);
  // Exactly 2000 code points: no cut.
  const std::string exact(2000, 'x');
  EXPECT_EQ(split_moderation_chunks(exact, "\n").size(), 1u);
  EXPECT_EQ(split_moderation_chunks(exact + "y", "\n").size(), 2u);
  EXPECT_EQ(split_moderation_chunks(exact + "y", "\n")[1], (ModerationChunk{2000, 2001, "y"}));
}

TEST(ModerationSplit, InvalidUtf8IsRepairedBeforeCounting) {
  // "\xFF" and the truncated "\xE2\x82" are one U+FFFD each.
  const auto chunks = split_moderation_chunks("a\xFF\nb\xE2\x82", "\n");
  EXPECT_EQ(chunks, (std::vector<ModerationChunk>{{0, 2, "a\xEF\xBF\xBD"}, {2, 5, "\nb\xEF\xBF\xBD"}}));
}

// ---------------------------------------------------------------------------------------------------------
// Thresholds and the recorded category.

TEST(ModerationThresholds, DefaultThresholdIsStrict) {
  ModerationConfig config;
  EXPECT_FALSE(flagged_category(scores_with({{"violence", 0.5}}), config).has_value());
  EXPECT_EQ(flagged_category(scores_with({{"violence", 0.5000001}}), config), "violence");
  config.default_threshold = 0.8;
  EXPECT_FALSE(flagged_category(scores_with({{"violence", 0.7}}), config).has_value());
}

TEST(ModerationThresholds, LastExceededCategoryIsRecorded) {
  const ModerationConfig config;
  EXPECT_EQ(flagged_category(scores_with({{"harassment", 0.9}, {"violence", 0.6}, {"hate", 0.99}}), config),
            "violence");
  EXPECT_EQ(flagged_category(scores_with({{"violence/graphic", 0.51}, {"harassment", 0.99}}), config),
            "violence/graphic");
  EXPECT_EQ(flagged_category(scores_with({{"sexual", 0.9}, {"self-harm", 0.9}}), config), "sexual");
}

TEST(ModerationThresholds, CategoryThresholdsOnlyAddSensitivity) {
  ModerationConfig config;
  config.cat_thresholds = {{"self-harm", 0.2}};
  EXPECT_EQ(flagged_category(scores_with({{"self-harm", 0.3}}), config), "self-harm");
  EXPECT_FALSE(flagged_category(scores_with({{"self-harm", 0.2}}), config).has_value());
  // As in the reference: score > default OR score > category threshold, so a higher per-category
  // threshold does not suppress a score above the default.
  config.cat_thresholds = {{"violence", 0.95}};
  EXPECT_EQ(flagged_category(scores_with({{"violence", 0.7}}), config), "violence");
  // The recorded category is still the last one that exceeded either bar.
  config.default_threshold = 0.9;
  config.cat_thresholds = {{"harassment", 0.1}, {"no-such-category", 0.0}};
  EXPECT_EQ(flagged_category(scores_with({{"harassment", 0.2}, {"hate", 0.3}}), config), "harassment");
  EXPECT_EQ(flagged_category(scores_with({{"harassment", 0.2}, {"hate", 0.95}}), config), "hate");
  // Later entries for the same category win.
  config.cat_thresholds = {{"hate", 0.1}, {"hate", 0.99}};
  EXPECT_FALSE(flagged_category(scores_with({{"hate", 0.5}}), config).has_value());
}

TEST(ModerationThresholds, ModerateTextMarksFlaggedChunksWithCodePointRanges) {
  // A fake scorer: a chunk containing "BAD" scores 0.9 for hate, "SAD" 0.3 for self-harm.
  const auto scorer = [](std::string_view chunk) {
    ModerationScores s{};
    if (chunk.find("BAD") != std::string_view::npos) s[index_of("hate")] = 0.9;
    if (chunk.find("SAD") != std::string_view::npos) s[index_of("self-harm")] = 0.3;
    return s;
  };
  const std::string text = "\xC3\xA9t\xC3\xA9 ok\nBAD line\nSAD line\n\xE2\x82\xAC BAD";
  ModerationConfig config;
  EXPECT_EQ(moderate_text(text, config, scorer),
            (std::vector<ModeratedChunk>{{6, 15, "hate"}, {24, 30, "hate"}}));
  config.cat_thresholds = {{"self-harm", 0.25}};
  EXPECT_EQ(moderate_text(text, config, scorer),
            (std::vector<ModeratedChunk>{{6, 15, "hate"}, {15, 24, "self-harm"}, {24, 30, "hate"}}));
  config.split = "BAD";
  EXPECT_EQ(moderate_text(text, config, scorer),
            (std::vector<ModeratedChunk>{{7, 27, "self-harm"}, {27, 30, "hate"}}));
  EXPECT_TRUE(moderate_text("", ModerationConfig{}, scorer).empty());
  EXPECT_THROW(moderate_text_batch("a\nb", ModerationConfig{},
                                   [](const std::vector<std::string>&) { return std::vector<ModerationScores>(1); }),
               std::runtime_error);
}

// ---------------------------------------------------------------------------------------------------------
// The offline classifier.

TEST(ModerationClassifier, ClearCasesScoreTheirCategory) {
  const std::pair<const char*, const char*> cases[] = {
      {"You are a pathetic idiot and nobody likes you.", "harassment"},
      {"Immigrants are vermin.", "hate"},
      {"Kill all the refugees.", "hate/threatening"},
      {"I want to kill myself tonight.", "self-harm"},
      {"Send me nudes, I'm so horny.", "sexual"},
      {"I will stab you and your family.", "violence"},
      {"naked pics of 14 year old girls", "sexual/minors"},
      {"The corpse was decapitated and his intestines spilled out in a pool of blood.", "violence/graphic"},
  };
  for (const auto& [text, category] : cases) {
    const auto s = moderation_scores(text);
    EXPECT_GT(s[index_of(category)], 0.5) << text;
    EXPECT_EQ(flagged_category(s, ModerationConfig{}), category) << text;
  }
}

TEST(ModerationClassifier, HardNegativesStayBelowThreshold) {
  for (const char* text : {
           "", "kill the process with kill -9 1234", "The new release has a killer feature.",
           "Let's shoot the product photos tomorrow.", "Shoot me an email when you're done.",
           "Terminate all child processes before exiting.", "Beat the eggs and fold in the flour.",
           "I'm dying to see that movie!", "You're killing it!", "I could murder a burger right now.",
           "Git tip: kill the stuck job with Ctrl-C.", "Magna cum laude.", "Visible to the naked eye.",
           "Die Kinder spielen im Garten.", "I hate Mondays.", "The surgeon cut the tissue open.",
       }) {
    const auto s = moderation_scores(text);
    for (std::size_t i = 0; i < s.size(); ++i) {
      EXPECT_LE(s[i], 0.5) << text << " / " << kModerationCategories[i];
    }
  }
}

TEST(ModerationClassifier, NegationAndTargetsMatter) {
  EXPECT_GT(moderation_scores("I will hurt you.")[index_of("violence")], 0.5);
  EXPECT_LT(moderation_scores("I would never hurt you.")[index_of("violence")], 0.5);
  EXPECT_LT(moderation_scores("I will not hurt you.")[index_of("violence")], 0.5);
  EXPECT_GT(moderation_scores("you're a moron")[index_of("harassment")], 0.5);
  EXPECT_LT(moderation_scores("I don't think you're a moron")[index_of("harassment")], 0.5);
  EXPECT_LT(moderation_scores("He called me a moron.")[index_of("harassment")], 0.5);
  EXPECT_GT(moderation_scores("I want to die.")[index_of("self-harm")], 0.5);
  EXPECT_LT(moderation_scores("I don't want to die.")[index_of("self-harm")], 0.5);
  EXPECT_LT(moderation_scores("I'm going to die of embarrassment.")[index_of("self-harm")], 0.5);
}

TEST(ModerationClassifier, DocumentedContextDecisions) {
  // Clinical notes and supportive text: not flagged; first-person intent: flagged even with clinical words.
  EXPECT_LT(moderation_scores("Patient has a history of self-harm; denies suicidal ideation.")[index_of("self-harm")],
            0.5);
  EXPECT_LT(moderation_scores("If you have suicidal thoughts, call the 988 helpline.")[index_of("self-harm")], 0.5);
  EXPECT_GT(moderation_scores("My therapist doesn't help, I want to kill myself.")[index_of("self-harm")], 0.5);
  // News: not flagged; a first-person threat: flagged.
  EXPECT_LT(moderation_scores("Police said the suspect stabbed two people and was arrested.")[index_of("violence")],
            0.5);
  EXPECT_GT(moderation_scores("Police can't stop me, I'm going to stab him.")[index_of("violence")], 0.5);
  // Sexual/minors is conservative: any sexual word with a minor term.
  EXPECT_GT(moderation_scores("sexy teen pics")[index_of("sexual/minors")], 0.5);
  EXPECT_LT(moderation_scores("Sex education for teenagers covers consent.")[index_of("sexual/minors")], 0.5);
  EXPECT_LT(moderation_scores("The anatomy lecture covered the penis and the vagina.")[index_of("sexual")], 0.5);
}

TEST(ModerationClassifier, ObfuscationIsFolded) {
  EXPECT_GT(moderation_scores("I will k1ll y0u")[index_of("violence")], 0.5);
  EXPECT_GT(moderation_scores("f*ck you")[index_of("harassment")], 0.5);
  EXPECT_GT(moderation_scores("\xEF\xBC\xA9 \xEF\xBD\x97\xEF\xBD\x89\xEF\xBD\x8C\xEF\xBD\x8C kill you")[index_of("violence")],
            0.5);  // full-width "I will"
}

TEST(ModerationClassifier, ScoresAreBoundedDeterministicAndThreadSafe) {
  const std::vector<std::string> texts = {"I will kill you", "hello", "you idiot", "Immigrants are vermin",
                                          std::string("\xFF\xFE bad \xC3", 8)};
  std::vector<ModerationScores> expected;
  for (const auto& t : texts) {
    expected.push_back(moderation_scores(t));
    for (const double v : expected.back()) {
      EXPECT_GE(v, 0.0);
      EXPECT_LE(v, 1.0);
    }
  }
  std::vector<std::thread> threads;
  std::atomic<int> failures{0};
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&] {
      for (int round = 0; round < 50; ++round) {
        for (std::size_t i = 0; i < texts.size(); ++i) {
          if (moderation_scores(texts[i]) != expected[i]) ++failures;
        }
      }
    });
  }
  for (auto& th : threads) th.join();
  EXPECT_EQ(failures.load(), 0);
  const auto e = explain_moderation("I will kill you");
  EXPECT_EQ(e.scores, expected[0]);
  EXPECT_FALSE(e.reasons.empty());
}

TEST(ModerationClassifier, LargeInputsAreLinear) {
  std::string lines;
  const std::string line = "Kill the old worker process, then shoot me an email with the build log. ";
  while (lines.size() < 1'000'000) lines += line + "\n";
  auto t0 = std::chrono::steady_clock::now();
  EXPECT_TRUE(moderate_text(lines).empty());
  const double multi_line = seconds_since(t0);
  EXPECT_LT(multi_line, kBudgetSeconds);

  std::string one_line;
  while (one_line.size() < 1'000'000) one_line += line;
  t0 = std::chrono::steady_clock::now();
  EXPECT_TRUE(moderate_text(one_line).empty());
  const double single_line = seconds_since(t0);
  EXPECT_LT(single_line, kBudgetSeconds);

  const std::string threat = "\nI am going to kill you tomorrow.";
  const auto flagged = moderate_text(lines + threat);
  ASSERT_EQ(flagged.size(), 1u);
  EXPECT_EQ(flagged[0].category, "violence");
  EXPECT_EQ(flagged[0].end - flagged[0].start, threat.size());
  std::printf("moderation: 1 MB in %zu lines %.3f s, 1 MB on one line %.3f s\n", lines.size() / (line.size() + 1),
              multi_line, single_line);

  std::string garbage;
  for (int i = 0; i < 200'000; ++i) garbage += static_cast<char>(0x80 + (i * 37) % 128);
  t0 = std::chrono::steady_clock::now();
  (void)moderate_text(garbage);
  EXPECT_LT(seconds_since(t0), kBudgetSeconds);
}

// ---------------------------------------------------------------------------------------------------------
// HTTP backend against a local server.

// A one-connection-at-a-time HTTP/1.1 server on 127.0.0.1 that answers each request with respond(body),
// or never answers (hang) until it is destroyed.
class TestServer {
 public:
  using Responder = std::function<std::string(const std::string& request_head, const std::string& body)>;

  explicit TestServer(Responder respond, bool hang = false) : respond_(std::move(respond)), hang_(hang) {
    fd_ = ::socket(AF_INET, SOCK_STREAM, 0);
    int one = 1;
    ::setsockopt(fd_, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    addr.sin_port = 0;
    if (::bind(fd_, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0 || ::listen(fd_, 8) != 0) {
      ADD_FAILURE() << "cannot listen on 127.0.0.1";
    }
    socklen_t len = sizeof addr;
    ::getsockname(fd_, reinterpret_cast<sockaddr*>(&addr), &len);
    port_ = ntohs(addr.sin_port);
    thread_ = std::thread([this] { serve(); });
  }
  ~TestServer() {
    stop_ = true;
    thread_.join();
    ::close(fd_);
  }
  TestServer(const TestServer&) = delete;
  TestServer& operator=(const TestServer&) = delete;

  std::string base_url() const { return "http://127.0.0.1:" + std::to_string(port_) + "/v1/"; }
  std::vector<std::pair<std::string, std::string>> requests() const {
    std::lock_guard<std::mutex> lock(mutex_);
    return requests_;
  }

  static std::string response(int status, const std::string& body) {
    return "HTTP/1.1 " + std::to_string(status) + " X\r\nContent-Type: application/json\r\nContent-Length: " +
           std::to_string(body.size()) + "\r\nConnection: close\r\n\r\n" + body;
  }

 private:
  bool wait_readable(int fd) {
    while (!stop_) {
      pollfd p{fd, POLLIN, 0};
      if (::poll(&p, 1, 20) > 0) return true;
    }
    return false;
  }

  void serve() {
    while (wait_readable(fd_)) {
      const int client = ::accept(fd_, nullptr, nullptr);
      if (client < 0) continue;
      std::string data;
      std::size_t head_end = std::string::npos, content_length = 0;
      char buf[4096];
      while (!stop_) {
        if (head_end != std::string::npos && data.size() >= head_end + 4 + content_length) break;
        if (!wait_readable(client)) break;
        const ssize_t n = ::recv(client, buf, sizeof buf, 0);
        if (n <= 0) break;
        data.append(buf, static_cast<std::size_t>(n));
        if (head_end == std::string::npos && (head_end = data.find("\r\n\r\n")) != std::string::npos) {
          const auto pos = data.find("Content-Length:");
          if (pos != std::string::npos && pos < head_end) content_length = std::stoul(data.substr(pos + 15));
        }
      }
      if (head_end != std::string::npos) {
        const std::string head = data.substr(0, head_end);
        const std::string body = data.substr(head_end + 4);
        {
          std::lock_guard<std::mutex> lock(mutex_);
          requests_.emplace_back(head, body);
        }
        if (hang_) {
          while (!stop_) std::this_thread::sleep_for(std::chrono::milliseconds(10));
        } else {
          const std::string out = respond_(head, body);
          std::size_t sent = 0;
          while (sent < out.size()) {
            const ssize_t n = ::send(client, out.data() + sent, out.size() - sent, MSG_NOSIGNAL);
            if (n <= 0) break;
            sent += static_cast<std::size_t>(n);
          }
        }
      }
      ::close(client);
    }
  }

  Responder respond_;
  bool hang_ = false;
  int fd_ = -1;
  int port_ = 0;
  std::atomic<bool> stop_{false};
  mutable std::mutex mutex_;
  std::vector<std::pair<std::string, std::string>> requests_;
  std::thread thread_;
};

std::string result_json(const std::string& scores) { return "{\"category_scores\":{" + scores + "}}"; }

TEST(ModerationHttp, SendsChunksAndMapsCategoryScores) {
  TestServer server([](const std::string&, const std::string&) {
    return TestServer::response(
        200, "{\"id\":\"modr-1\",\"results\":[" +
                 result_json("\"harassment\":0.9,\"self_harm\":0.25,\"sexual/minors\":0.125,"
                             "\"harassment/threatening\":0.99,\"violence_graphic\":1") +
                 "," + result_json("\"self-harm\":0.75,\"hate_threatening\":0.5,\"illicit\":0.3") + "]}");
  });
  ModerationHttpOptions options;
  options.base_url = server.base_url();
  options.api_key = "test-key";
  options.model = "omni-moderation-latest";
  const auto scores = moderation_scores_http({"first \"chunk\"", "\nsecond \xC3\xA9"}, options);
  ASSERT_EQ(scores.size(), 2u);
  EXPECT_EQ(scores[0], scores_with({{"harassment", 0.9}, {"self-harm", 0.25}, {"sexual/minors", 0.125},
                                    {"violence/graphic", 1.0}}));
  EXPECT_EQ(scores[1], scores_with({{"self-harm", 0.75}, {"hate/threatening", 0.5}}));
  const auto requests = server.requests();
  ASSERT_EQ(requests.size(), 1u);
  const auto& [head, body] = requests[0];
  EXPECT_EQ(head.rfind("POST /v1/moderations HTTP/1.1", 0), 0u) << head;
  EXPECT_NE(head.find("Authorization: Bearer test-key"), std::string::npos) << head;
  EXPECT_NE(head.find("Content-Type: application/json"), std::string::npos) << head;
  EXPECT_EQ(body,
            "{\"input\":[\"first \\\"chunk\\\"\",\"\\nsecond \xC3\xA9\"],\"model\":\"omni-moderation-latest\"}");
  EXPECT_TRUE(moderation_scores_http({}, options).empty());
  EXPECT_EQ(server.requests().size(), 1u);  // no request for no chunks
}

TEST(ModerationHttp, BatchesRequestsAndDrivesModerateText) {
  TestServer server([](const std::string&, const std::string& body) {
    // One result per input; a chunk containing "bad" scores 0.8 for violence.
    std::string results;
    std::size_t pos = body.find('[');
    const std::size_t end = body.find(']');
    while (pos < end) {
      const std::size_t next = std::min(body.find("\",\"", pos + 1), end);
      const bool bad = body.substr(pos, next - pos).find("bad") != std::string::npos;
      if (!results.empty()) results += ",";
      results += result_json(bad ? "\"violence\":0.8" : "\"violence\":0.1");
      pos = next == end ? end : next + 2;
    }
    return TestServer::response(200, "{\"results\":[" + results + "]}");
  });
  ModerationHttpOptions options;
  options.base_url = server.base_url();
  options.max_batch = 2;
  const auto flagged =
      moderate_text_batch("ok\nbad one\nfine\nok\nbad two", ModerationConfig{},
                          [&](const std::vector<std::string>& chunks) { return moderation_scores_http(chunks, options); });
  EXPECT_EQ(flagged, (std::vector<ModeratedChunk>{{2, 10, "violence"}, {18, 26, "violence"}}));
  const auto requests = server.requests();
  ASSERT_EQ(requests.size(), 3u);  // 5 chunks in batches of 2
  EXPECT_EQ(requests[2].second, "{\"input\":[\"\\nbad two\"]}");  // no model configured: not sent
  EXPECT_EQ(requests[0].first.find("Authorization"), std::string::npos);
}

std::string error_of(const std::function<void()>& f) {
  try {
    f();
  } catch (const std::runtime_error& e) {
    return e.what();
  }
  return "";
}

TEST(ModerationHttp, ReportsServerErrorsAndMalformedResponses) {
  const std::map<std::string, std::pair<std::string, std::string>> cases = {
      {"status", {TestServer::response(503, "{\"error\":\"overloaded\"}"), "returned HTTP 503: {\"error\":\"overloaded\"}"}},
      {"garbage", {TestServer::response(200, "<html>not json"), "malformed JSON"}},
      {"shape", {TestServer::response(200, "{\"data\":[]}"), "no \"results\" array"}},
      {"count", {TestServer::response(200, "{\"results\":[]}"), "0 results for 1 inputs"}},
      {"scores", {TestServer::response(200, "{\"results\":[{\"flagged\":true}]}"), "no \"category_scores\""}},
      {"type", {TestServer::response(200, "{\"results\":[" + result_json("\"hate\":\"high\"") + "]}"), "not a number"}},
  };
  for (const auto& [name, spec] : cases) {
    const std::string canned = spec.first;
    TestServer server([canned](const std::string&, const std::string&) { return canned; });
    ModerationHttpOptions options;
    options.base_url = server.base_url();
    const std::string message = error_of([&] { moderation_scores_http({"x"}, options); });
    EXPECT_EQ(message.rfind("moderation http:", 0), 0u) << name << ": " << message;
    EXPECT_NE(message.find(spec.second), std::string::npos) << name << ": " << message;
  }
}

TEST(ModerationHttp, TimesOutAndReportsConnectionErrors) {
  {
    TestServer server([](const std::string&, const std::string&) { return std::string(); }, /*hang=*/true);
    ModerationHttpOptions options;
    options.base_url = server.base_url();
    options.timeout = std::chrono::milliseconds(300);
    const auto t0 = std::chrono::steady_clock::now();
    const std::string message = error_of([&] { moderation_scores_http({"x"}, options); });
    EXPECT_NE(message.find("timed out"), std::string::npos) << message;
    EXPECT_LT(seconds_since(t0), 5.0);
  }
  // A port nobody listens on (bound, then closed).
  int port = 0;
  {
    const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    ASSERT_EQ(::bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr), 0);
    socklen_t len = sizeof addr;
    ::getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len);
    port = ntohs(addr.sin_port);
    ::close(fd);
  }
  ModerationHttpOptions options;
  options.base_url = "http://127.0.0.1:" + std::to_string(port);
  options.timeout = std::chrono::milliseconds(2000);
  const std::string message = error_of([&] { moderation_scores_http({"x"}, options); });
  EXPECT_EQ(message.rfind("moderation http: request to http://127.0.0.1:", 0), 0u) << message;
  EXPECT_NE(message.find("failed"), std::string::npos) << message;
  options.base_url.clear();
  EXPECT_NE(error_of([&] { moderation_scores_http({"x"}, options); }).find("no base URL"), std::string::npos);
}

TEST(ModerationHttp, ParsesResponsesDirectly) {
  const auto scores = parse_moderation_response(
      "{\"results\":[{\"category_scores\":{\"sexual\":2,\"violence\":-1,\"hate\":0}}]}", 1);
  EXPECT_EQ(scores[0], scores_with({{"sexual", 1.0}}));  // clamped to [0, 1]
  EXPECT_THROW(parse_moderation_response("[1,2]", 1), std::runtime_error);
  EXPECT_THROW(parse_moderation_response("", 0), std::runtime_error);
}

// ---------------------------------------------------------------------------------------------------------
// Labelled data set.

struct ModerationCase {
  bool positive = false;
  std::string category;
  std::string text;
};

std::vector<ModerationCase> load_cases() {
  std::vector<ModerationCase> cases;
  for (const auto& row : test_data::read_labelled_rows("moderation_cases.tsv", 3)) {
    ModerationCase c{row.columns[0] == "1", row.columns[1], row.columns[2]};
    EXPECT_TRUE(c.positive ? moderation_category_index(c.category).has_value() : c.category == "-")
        << "line " << row.line;
    cases.push_back(std::move(c));
  }
  return cases;
}

TEST(ModerationDataSet, WordPreFilterNeverChangesAResult) {
  std::vector<std::string> texts = {
      "f*ck you", "F***ING idiot", "u're a joke", "I w i l l k1ll y0u", "n1gger", "sub-human filth",
      "self-harm", "blowjob", "12yo", "under-age", "'you're pathetic'", "*kill* them all", "kys",
      "I\xE2\x80\x99m going to kill myself", "under13 nudes", "KILLYOURSELF", "brain-matter splattered",
  };
  for (const auto& c : load_cases()) {
    texts.push_back(c.text);
    for (const auto& chunk : split_moderation_chunks(c.text, "\n")) texts.push_back(chunk.text);
  }
  for (const auto& text : texts) {
    const auto filtered = explain_moderation(text);
    const auto unfiltered = explain_moderation_unfiltered(text);
    EXPECT_EQ(filtered.scores, unfiltered.scores) << text;
    EXPECT_EQ(filtered.reasons, unfiltered.reasons) << text;
  }
}

TEST(ModerationDataSet, PrecisionAndRecallAtDefaultThreshold) {
  const auto cases = load_cases();
  const ModerationConfig config;  // defaults: threshold 0.5, split "\n"
  std::size_t positives = 0, negatives = 0, tp = 0, fp = 0, fn = 0, tn = 0;
  std::map<std::string, std::pair<std::size_t, std::size_t>> per_category;  // detected, total
  std::size_t category_hits = 0;
  for (const auto& c : cases) {
    const auto flagged = moderate_text(c.text, config);
    const bool hit = !flagged.empty();
    (c.positive ? positives : negatives)++;
    if (c.positive) {
      auto& [detected, total] = per_category[c.category];
      ++total;
      // The expected category counts as found when some chunk's score for it exceeds the threshold.
      bool category_found = false;
      for (const auto& chunk : split_moderation_chunks(c.text, config.split)) {
        if (moderation_scores(chunk.text)[index_of(c.category.c_str())] > config.default_threshold) {
          category_found = true;
        }
      }
      if (hit) ++detected;
      if (category_found) ++category_hits;
      if (hit) {
        ++tp;
        if (!category_found) {
          std::printf("  other category (%s, expected %s): %s\n", flagged[0].category.c_str(), c.category.c_str(),
                      c.text.substr(0, 100).c_str());
        }
      } else {
        ++fn;
        std::printf("  missed (%s): %s\n", c.category.c_str(), c.text.substr(0, 100).c_str());
      }
    } else if (hit) {
      ++fp;
      std::printf("  false alarm (%s): %s\n", flagged[0].category.c_str(), c.text.substr(0, 100).c_str());
    } else {
      ++tn;
    }
  }
  EXPECT_GE(positives, 40u);
  EXPECT_GE(negatives, 40u);
  const double precision = tp + fp == 0 ? 0 : static_cast<double>(tp) / static_cast<double>(tp + fp);
  const double recall = positives == 0 ? 0 : static_cast<double>(tp) / static_cast<double>(positives);
  std::printf("moderation @ threshold %.2f\n", config.default_threshold);
  std::printf("  %-10s %5s %5s %5s %5s %9s %7s\n", "cases", "TP", "FP", "FN", "TN", "precision", "recall");
  std::printf("  %-10zu %5zu %5zu %5zu %5zu %9.3f %7.3f\n", cases.size(), tp, fp, fn, tn, precision, recall);
  std::printf("  %-18s %8s %6s\n", "category", "flagged", "cases");
  for (const auto& [category, counts] : per_category) {
    std::printf("  %-18s %8zu %6zu\n", category.c_str(), counts.first, counts.second);
  }
  std::printf("  expected category above threshold: %zu / %zu\n", category_hits, positives);
  EXPECT_GE(precision, 0.9);
  EXPECT_GE(recall, 0.85);
  EXPECT_GE(static_cast<double>(category_hits), 0.8 * static_cast<double>(positives));
}

}  // namespace
}  // namespace inv::detectors
