// Calling detector plugins from policies (PluginRegistry + AnalyzeService over real libraries): plugin
// errors become policy runtime errors with the plugin's exception type and message; overrunning calls
// become TimeoutError; results are memoised per analysis; marks are validated; plugins that are not
// thread safe are serialised; calls are checked against the declared signatures when a policy is compiled.
#include <atomic>
#include <chrono>
#include <csignal>
#include <regex>
#include <sys/resource.h>
#include <set>
#include <thread>
#include <tuple>

#include "tests/plugin_host/plugin_host_support.hpp"

using namespace plugin_host;
using namespace std::chrono_literals;
using Clock = std::chrono::steady_clock;

namespace {

// "from <module> import <fn>" + a rule that holds when `condition` (on m: Message) does.
std::string rule(const std::string& module, const std::string& fn, const std::string& condition) {
  return "from " + module + " import " + fn + "\n\nraise \"hit\" if:\n    (m: Message)\n    " + condition + "\n";
}

// The Python exception type and message of a direct call that fails ({"", ""} when it succeeds).
std::pair<std::string, std::string> call_error(const PluginRegistry& registry, const std::string& module,
                                               const std::string& name, const std::vector<inv::Value>& args,
                                               const std::vector<std::pair<std::string, inv::Value>>& kwargs = {}) {
  try {
    (void)call(registry, module, name, args, kwargs);
  } catch (const inv::PolicyRuntimeError& e) {
    return {e.py_type(), e.what()};
  }
  return {"", ""};
}

long long ms_since(Clock::time_point t0) {
  return std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - t0).count();
}

std::int64_t dict_int(const inv::Value& d, const std::string& key) { return inv::as_int(*inv::as_dict(d).find(key)); }

std::vector<long long> numbers_after(const std::string& text, const std::string& prefix) {
  std::vector<long long> out;
  std::regex re(prefix + "(\\d+)");
  for (std::sregex_iterator it(text.begin(), text.end(), re), end; it != end; ++it) out.push_back(std::stoll((*it)[1]));
  return out;
}

}  // namespace

// ---- errors --------------------------------------------------------------------------------------------

TEST(PluginCalls, PluginErrorsBecomePolicyRuntimeErrorsWithTheirTypeAndMessage) {
  Host host({"errors"});
  struct Case {
    std::string function, py_type, message;
  };
  const std::vector<Case> cases = {
      {"value_error", "ValueError", "bad value: 'hello'"},
      {"runtime_failure", "RuntimeError", "detector plugin 'errors' failed: boom"},
      {"custom_error", "RuntimeError", "quota exhausted"},  // an exception class the host does not know
      {"unavailable", "ConnectionError", "backend not configured"},
      {"bad_request", "RuntimeError", "bad request to plugin 'errors': nonsense in the request"},
      {"throws_int", "RuntimeError", "detector plugin 'errors' failed with an unknown exception"},
  };
  for (const auto& c : cases) {
    auto out = host.analyze(rule("tests.errors", c.function, c.function + "(m.content)"), messages({"hello"}));
    EXPECT_EQ(out.status, 400) << c.function << ": " << json::serialize(out.body);
    EXPECT_EQ(out.error_type, "PolicyRuntimeError") << c.function;
    EXPECT_EQ(out.message, c.message) << c.function;
    EXPECT_EQ(out.py_type, c.py_type) << c.function;
    EXPECT_EQ(out.body.at("detail").as_string(), c.message) << c.function;
  }
  // The plugin keeps working after its failures.
  auto ok = host.analyze(rule("tests.errors", "ok", "ok(m.content) == \"ok:hello\""), messages({"hello"}));
  EXPECT_EQ(ok.status, 200);
  EXPECT_EQ(ok.violations.size(), 1u);
}

TEST(PluginCalls, MalformedAnswersAreRuntimeErrorsNamingTheDetector) {
  Host host({"raw_good"});
  auto garbage = host.analyze(rule("tests.raw", "raw_garbage", "raw_garbage(m.content)"), messages({"x"}));
  EXPECT_EQ(garbage.message, "detector 'raw_garbage' (plugin 'raw') returned a malformed response");
  EXPECT_EQ(garbage.py_type, "RuntimeError");
  auto none = host.analyze(rule("tests.raw", "raw_no_response", "raw_no_response(m.content)"), messages({"x"}));
  EXPECT_EQ(none.error_type, "PolicyRuntimeError");
  EXPECT_EQ(none.message, "the detector plugin 'raw' returned no response");
  auto marks = host.analyze(rule("tests.raw", "raw_bad_marks", "raw_bad_marks(m.content)"), messages({"x"}));
  EXPECT_EQ(marks.message, "detector 'raw_bad_marks' (plugin 'raw') returned a mark outside its texts");
}

// ---- timeouts ------------------------------------------------------------------------------------------

TEST(PluginCalls, ASlowUnboundedDetectorIsAbandonedAtTheTimeoutWithTimeoutError) {
  Host host({"slow"}, [](PluginRegistryOptions& o) {
    o.call_timeout = 200ms;
    o.watchdog_threads = 8;  // enough for every abandoned call below, so that `quick` finds a free one
  });
  const long long finished_before = inv::as_int(call(*host.registry, "tests.slow", "quick", {inv::make_str("")}));

  const auto t0 = Clock::now();
  auto [type, message] = call_error(*host.registry, "tests.slow", "sleepy", {inv::make_str("x")}, {{"ms", inv::make_int(1500)}});
  const long long elapsed = ms_since(t0);
  EXPECT_EQ(type, "TimeoutError");
  EXPECT_EQ(message, "detector 'sleepy' (plugin 'slow') did not answer within 200 ms");
  EXPECT_GE(elapsed, 190);
  EXPECT_LT(elapsed, 1200) << "the caller waited for the abandoned call";

  // Through a policy: a PolicyRuntimeError with the same message.
  auto out = host.analyze(rule("tests.slow", "sleepy", "sleepy(m.content, ms=1500) == \"woke up\""), messages({"x"}));
  EXPECT_EQ(out.status, 400);
  EXPECT_EQ(out.error_type, "PolicyRuntimeError");
  EXPECT_EQ(out.message, "detector 'sleepy' (plugin 'slow') did not answer within 200 ms");
  EXPECT_EQ(out.py_type, "TimeoutError");

  // The registry keeps answering meanwhile, and the abandoned calls run to completion in the background.
  auto ok = host.analyze(rule("invariant.detectors", "secrets", "len(secrets(m.content)) == 0"), messages({"plain"}));
  EXPECT_EQ(ok.status, 200);
  long long finished = finished_before;
  for (auto deadline = Clock::now() + 8s; finished < finished_before + 1 + 2 && Clock::now() < deadline;) {
    std::this_thread::sleep_for(50ms);
    finished = inv::as_int(call(*host.registry, "tests.slow", "quick", {inv::make_str("")}));
  }
  // The direct call, and one call per analysis run (Host::analyze runs the analysis twice; a failed call
  // is memoised like a result, AFailingCallRunsOncePerAnalysis).
  EXPECT_EQ(finished, finished_before + 1 + 2);
}

TEST(PluginCalls, WhileEveryWatchdogThreadIsStuckFurtherCallsTimeOutToo) {
  Host host({"slow"}, [](PluginRegistryOptions& o) {
    o.call_timeout = 150ms;
    o.watchdog_threads = 1;
  });
  EXPECT_EQ(call_error(*host.registry, "tests.slow", "sleepy", {inv::make_str("x")}, {{"ms", inv::make_int(800)}}).first,
            "TimeoutError");
  auto [type, message] = call_error(*host.registry, "tests.slow", "quick", {inv::make_str("x")});
  EXPECT_EQ(type, "TimeoutError");
  EXPECT_EQ(message, "detector 'quick' (plugin 'slow') did not answer within 150 ms");
  // Once the stuck call has finished, the plugin answers again.
  bool answered = false;
  for (auto deadline = Clock::now() + 5s; !answered && Clock::now() < deadline;) {
    std::this_thread::sleep_for(100ms);
    answered = call_error(*host.registry, "tests.slow", "quick", {inv::make_str("x")}).first.empty();
  }
  EXPECT_TRUE(answered);
}

TEST(PluginCalls, ABoundedDetectorStopsAtItsDeadline) {
  Host host({"deadline"}, [](PluginRegistryOptions& o) { o.call_timeout = 300ms; });
  const auto left = inv::as_int(call(*host.registry, "tests.deadline", "time_left_ms", {inv::make_str("")}));
  EXPECT_GT(left, 0);
  EXPECT_LE(left, 300);

  const auto t0 = Clock::now();
  auto [type, message] = call_error(*host.registry, "tests.deadline", "spin", {inv::make_str("x")});
  const long long elapsed = ms_since(t0);
  EXPECT_EQ(type, "TimeoutError");
  EXPECT_EQ(message, "the detector call exceeded its deadline");
  EXPECT_GE(elapsed, 290);
  EXPECT_LT(elapsed, 3000);

  auto out = host.analyze(rule("tests.deadline", "spin", "spin(m.content) > 0"), messages({"x"}));
  EXPECT_EQ(out.error_type, "PolicyRuntimeError");
  EXPECT_EQ(out.message, "the detector call exceeded its deadline");
  EXPECT_EQ(out.py_type, "TimeoutError");
}

// ---- memoisation ---------------------------------------------------------------------------------------

TEST(PluginCalls, TheSameCallInOneAnalysisRunsOnce) {
  Host host({"counting"});
  const std::string policy =
      "from tests.counting import counted\n"
      "\n"
      "raise PolicyViolation(\"first\", n=n) if:\n"
      "    (m: Message)\n"
      "    n := counted(m.content)\n"
      "    n > 0\n"
      "\n"
      "raise PolicyViolation(\"second\", n=n) if:\n"
      "    (m: Message)\n"
      "    n := counted(m.content)\n"
      "    counted(m.content) == n\n";
  auto first = host.analyze(policy, messages({"same"}));
  ASSERT_EQ(first.status, 200) << json::serialize(first.body);
  ASSERT_EQ(first.violations.size(), 2u);
  auto n1 = numbers_after(first.violations[0] + first.violations[1], "n=");
  ASSERT_EQ(n1.size(), 2u) << first.violations[0] << " " << first.violations[1];
  EXPECT_EQ(n1[0], n1[1]) << "three calls with the same argument in one analysis ran more than once";

  // A new analysis calls again (the memo is per analysis), once.
  auto second = host.analyze(policy, messages({"same"}));
  auto n2 = numbers_after(second.violations.at(0) + second.violations.at(1), "n=");
  EXPECT_EQ(n2, (std::vector<long long>{n1[0] + 1, n1[0] + 1}));

  // Different arguments are different calls: two messages, two calls.
  auto third = host.analyze(policy, messages({"one", "two"}));
  ASSERT_EQ(third.violations.size(), 4u);
  std::set<long long> seen;
  for (const auto& v : third.violations)
    for (long long n : numbers_after(v, "n=")) seen.insert(n);
  EXPECT_EQ(seen, (std::set<long long>{n1[0] + 2, n1[0] + 3}));

  // Keyword arguments are part of the call.
  const std::string salted =
      "from tests.counting import counted\n"
      "raise PolicyViolation(\"s\", a=a, b=b) if:\n"
      "    (m: Message)\n"
      "    a := counted(m.content, salt=1)\n"
      "    b := counted(m.content, salt=2)\n"
      "    a != b\n";
  auto s = host.analyze(salted, messages({"same"}));
  ASSERT_EQ(s.violations.size(), 1u);
  auto a = numbers_after(s.violations[0], "a=");
  auto b = numbers_after(s.violations[0], "b=");
  ASSERT_EQ(a.size(), 1u);
  ASSERT_EQ(b.size(), 1u);
  EXPECT_NE(a[0], b[0]);
}

// Known defect, kept as a regression test to enable with the fix: a failed call is not memoised, and the
// evaluator's planner probes a line before evaluating it in order, so a detector that fails (or times out)
// is called twice per analysis.
TEST(PluginCalls, AFailingCallRunsOncePerAnalysis) {
  Host host({"counting"});
  const std::string policy = rule("tests.counting", "counted_failure", "counted_failure(m.content)");
  auto run = [&] {
    inv::app::ServiceResponse r = host.service->analyze(json::object{{"policy", policy}, {"trace", messages({"x"})}});
    auto n = numbers_after(std::string(r.body.at("error").at("message").as_string()), "failure #");
    return n.empty() ? -1LL : n[0];
  };
  const long long first = run();
  const long long second = run();
  EXPECT_EQ(second, first + 1);
}

// ---- marks ---------------------------------------------------------------------------------------------

TEST(PluginCalls, MarksBecomeRangesInCodePoints) {
  Host host({"marks"});
  auto out = host.analyze(rule("tests.marks", "find_word", "find_word(m.content, \"cat\") == 2"),
                          messages({"a cat and a café cat"}));
  ASSERT_EQ(out.status, 200) << json::serialize(out.body);
  ASSERT_EQ(out.ranges.size(), 1u);
  EXPECT_EQ(out.ranges[0], (std::vector<std::string>{"messages.0", "messages.0.content:2-5", "messages.0.content:17-20"}));

  // Passing the message itself marks its content the same way.
  auto whole = host.analyze(rule("tests.marks", "find_word", "find_word(m, \"café\") == 1"), messages({"a cat and a café cat"}));
  ASSERT_EQ(whole.ranges.size(), 1u);
  EXPECT_EQ(whole.ranges[0], (std::vector<std::string>{"messages.0", "messages.0.content:12-16"}));

  // Directly: the marks land on the value that holds the text.
  DirectContext ctx;
  inv::Value text = inv::make_str("x cat");
  (void)call(*host.registry, "tests.marks", "find_word", {text, inv::make_str("cat")}, {}, &ctx);
  ASSERT_EQ(ctx.marks.size(), 1u);
  EXPECT_EQ(ctx.marks[0].target, text);
  EXPECT_EQ(ctx.marks[0].start, 2);
  EXPECT_EQ(ctx.marks[0].end, 5);
}

TEST(PluginCalls, AMarkOutsideTheTextsIsARuntimeError) {
  Host host({"marks"});
  for (const std::string how : {"past_end", "text_index", "reversed", "negative"}) {
    auto out = host.analyze(rule("tests.marks", "bad_mark", "bad_mark(m.content, \"" + how + "\")"), messages({"hello"}));
    EXPECT_EQ(out.status, 400) << how;
    EXPECT_EQ(out.error_type, "PolicyRuntimeError") << how;
    EXPECT_EQ(out.message, "detector 'bad_mark' (plugin 'marks') returned a mark outside its texts") << how;
    EXPECT_EQ(out.py_type, "RuntimeError") << how;
  }
  auto fine = host.analyze(rule("tests.marks", "bad_mark", "bad_mark(m.content, \"none\")"), messages({"hello"}));
  EXPECT_EQ(fine.status, 200);
  EXPECT_EQ(fine.violations.size(), 1u);
}

// ---- thread safety -------------------------------------------------------------------------------------

namespace {

// Runs `threads` x `per_thread` concurrent analyses calling <module>.enter on distinct texts; returns the
// plugin's stats (calls, overlaps, max_active) as seen afterwards.
std::tuple<std::int64_t, std::int64_t, std::int64_t> hammer(const Host& host, const std::string& module, int threads,
                                                             int per_thread) {
  const std::string policy = rule(module, "enter", "enter(m.content, ms=15) > 0");
  std::atomic<int> ready{0};
  std::atomic<int> failures{0};
  std::vector<std::thread> pool;
  for (int t = 0; t < threads; ++t)
    pool.emplace_back([&, t] {
      ++ready;
      while (ready.load() < threads) std::this_thread::yield();
      for (int i = 0; i < per_thread; ++i) {
        auto out = host.analyze(policy, messages({"t" + std::to_string(t) + "-" + std::to_string(i)}));
        if (out.status != 200 || out.violations.size() != 1) ++failures;
      }
    });
  for (auto& th : pool) th.join();
  EXPECT_EQ(failures.load(), 0);
  inv::Value s = call(*host.registry, module, "stats", {});
  return {dict_int(s, "calls"), dict_int(s, "overlaps"), dict_int(s, "max_active")};
}

}  // namespace

TEST(PluginCalls, CallsOfAPluginThatIsNotThreadSafeNeverOverlap) {
  Host host({"threads"});
  auto [calls0, overlaps0, max0] = hammer(host, "tests.serial", 1, 1);
  auto [calls, overlaps, max_active] = hammer(host, "tests.serial", 4, 5);
  EXPECT_EQ(calls, calls0 + 20);
  EXPECT_EQ(overlaps, overlaps0);
  EXPECT_EQ(max_active, 1);
  (void)max0;
}

TEST(PluginCalls, CallsOfAThreadSafePluginDoOverlap) {
  // The control for the test above: the same plugin code declared thread safe is called concurrently, and
  // its overlap detector sees it.
  Host host({"threads"});
  std::int64_t overlaps = 0, max_active = 0;
  for (int round = 0; round < 5 && (overlaps == 0 || max_active < 2); ++round) {
    auto [c, o, m] = hammer(host, "tests.parallel", 4, 5);
    overlaps = o;
    max_active = m;
    (void)c;
  }
  EXPECT_GT(overlaps, 0);
  EXPECT_GE(max_active, 2);
}

// ---- signatures checked at compile time ----------------------------------------------------------------

TEST(PluginCalls, WrongCallsAreRejectedWhenThePolicyIsCompiled) {
  Host host({"echo", "example"});
  struct Case {
    std::string import, call, message;
  };
  const std::vector<Case> cases = {
      {"from invariant.detectors import secrets", "secrets(m.content, foo=1)",
       "TypeError: secrets() got an unexpected keyword argument 'foo'"},
      {"from invariant.detectors import secrets", "secrets()", "TypeError: secrets() missing 1 required argument: 'data'"},
      {"from invariant.detectors import unicode", "unicode(m.content, categories=\"Lu\")",
       "TypeError: unicode() argument 'categories' must be list|None, not str"},
      {"from invariant.detectors import unicode", "unicode(m.content, 5)",
       "TypeError: unicode() argument 'categories' must be list|None, not int"},
      {"from tests.echo import typed", "typed(1, 2)", "TypeError: typed() argument 's' must be str, not int"},
      {"from tests.echo import typed", "typed(\"a\")", "TypeError: typed() missing 1 required argument: 'n'"},
      {"from tests.echo import typed", "typed(\"a\", 1, 2.0, 3)",
       "TypeError: typed() takes 3 positional arguments but 4 were given"},
      {"from tests.echo import typed", "typed(\"a\", 1, s=\"b\")", "TypeError: typed() got multiple values for argument 's'"},
      {"from tests.echo import typed", "typed(\"a\", 1.5)", "TypeError: typed() argument 'n' must be int, not float"},
      {"from tests.echo import typed", "typed(\"a\", 1, f=\"x\")", "TypeError: typed() argument 'f' must be float|None, not str"},
      {"from acme.detectors import shouting", "shouting(m, min_length=\"5\")",
       "TypeError: shouting() argument 'min_length' must be int, not str"},
  };
  for (const auto& c : cases) {
    const std::string policy = c.import + "\n\nraise \"x\" if:\n    (m: Message)\n    " + c.call + "\n";
    auto out = host.analyze(policy, messages({"hi"}));
    EXPECT_EQ(out.status, 400) << c.call;
    EXPECT_EQ(out.error_type, "PolicyLoadingError") << c.call << ": " << json::serialize(out.body);
    const auto& e = out.body.at("error").as_object();
    EXPECT_EQ(e.at("line"), json::value(5)) << c.call;
    EXPECT_EQ(e.at("column"), json::value(5)) << c.call;
    EXPECT_EQ(e.at("path"), json::value("policy")) << c.call;
    // The reference-style report: the excerpt with the line marked, a caret, then the message.
    EXPECT_NE(out.message.find("Failed to create policy from policy source."), std::string::npos) << out.message;
    EXPECT_NE(out.message.find("  5* |     " + c.call + "\n     |     ^\n     | " + c.message + "\n"), std::string::npos)
        << "call: " << c.call << "\nmessage:\n" << out.message;
  }

  // Calls that fit the signatures compile (and run).
  for (const std::string ok : {"unicode(m.content, [\"Lu\"])", "unicode(m.content, None)", "unicode(m.content, categories=None)"}) {
    auto out = host.analyze("from invariant.detectors import unicode\nraise \"x\" if:\n    (m: Message)\n    " + ok + "\n",
                            messages({"Hi"}));
    EXPECT_EQ(out.status, 200) << ok << ": " << json::serialize(out.body);
  }
  for (const std::string ok : {"typed(\"a\", True)", "typed(\"a\", 1, f=None)", "typed(s=\"a\", n=1, f=2)"}) {
    auto out = host.analyze("from tests.echo import typed\nraise \"x\" if:\n    (m: Message)\n    " + ok + "\n", messages({"Hi"}));
    EXPECT_EQ(out.status, 200) << ok << ": " << json::serialize(out.body);
  }
  // var_keywords: any keyword is accepted and reaches the plugin.
  auto kw = host.analyze("from tests.echo import echo\nraise \"x\" if:\n    (m: Message)\n    echo(m, anything=1)[\"kwargs\"][\"anything\"] == 1\n",
                         messages({"Hi"}));
  EXPECT_EQ(kw.violations.size(), 1u) << json::serialize(kw.body);

  // Every wrong call of a policy is reported, each at its own line.
  auto two = host.analyze(
      "from tests.echo import typed\nraise \"x\" if:\n    (m: Message)\n    typed(1, 2)\n    typed(\"a\")\n", messages({"Hi"}));
  EXPECT_NE(two.message.find("  4* |     typed(1, 2)"), std::string::npos) << two.message;
  EXPECT_NE(two.message.find("  5* |     typed(\"a\")"), std::string::npos) << two.message;

  // semgrep's required `lang` (when the semgrep detector is built).
  if (host.registry->lookup("invariant.detectors", "semgrep")) {
    auto out = host.analyze("from invariant.detectors import semgrep\nraise \"x\" if:\n    (m: Message)\n    semgrep(m.content)\n",
                            messages({"Hi"}));
    EXPECT_NE(out.message.find("TypeError: semgrep() missing 1 required argument: 'lang'"), std::string::npos) << out.message;
  }
}

// ---- values across the boundary ------------------------------------------------------------------------

// Known defect, kept as a regression test to enable with the fix: while the evaluator probes a line before
// its typed variables are bound, a list literal holding such a variable reaches the detector with an
// Unknown element (and a keyword argument that is Unknown is passed as is), and the calling convention
// raises AttributeError instead of the call being Unknown. The same policy with unicode(m) works.
TEST(PluginCalls, AListOfMessagesNotYetBoundIsNotAnError) {
  Host host({});
  for (const std::string condition : {"len(unicode([m])) > 0", "len(unicode(data=m)) > 0"}) {
    auto out = host.analyze(rule("invariant.detectors", "unicode", condition), messages({"hello"}));
    EXPECT_EQ(out.status, 200) << condition << ": " << json::serialize(out.body);
    EXPECT_EQ(out.violations.size(), 1u) << condition;
  }
}

TEST(PluginCalls, TheDataArgumentFollowsTheDetectorCallingConvention) {
  Host host({"echo"});
  auto echo = [&](const inv::Value& data, std::vector<std::pair<std::string, inv::Value>> kwargs = {}) {
    return inv::py_repr(call(*host.registry, "tests.echo", "echo", {data}, kwargs));
  };
  EXPECT_EQ(echo(inv::make_str("hi")), "{'kind': 'str', 'texts': ['hi'], 'value': None, 'kwargs': {}}");
  EXPECT_EQ(echo(inv::none()), "{'kind': 'none', 'texts': [], 'value': None, 'kwargs': {}}");
  EXPECT_EQ(echo(inv::make_list({inv::make_str("a"), inv::none(), inv::make_str("b")})),
            "{'kind': 'objects', 'texts': ['a', 'b'], 'value': None, 'kwargs': {}}");
  EXPECT_EQ(call_error(*host.registry, "tests.echo", "echo", {inv::make_int(3)}),
            std::make_pair(std::string("AttributeError"), std::string("'int' object has no attribute 'content'")));

  // Messages, tool outputs (content chunks included) and tool calls (this parameter accepts them) in a policy.
  json::array trace{
      json::object{{"role", "user"}, {"content", "hello"}},
      json::object{{"role", "assistant"},
                   {"content", nullptr},
                   {"tool_calls", json::array{json::object{{"id", "1"},
                                                           {"type", "function"},
                                                           {"function", json::object{{"name", "send"}, {"arguments", json::object{{"to", "bob"}}}}}}}}},
      json::object{{"role", "tool"},
                   {"tool_call_id", "1"},
                   {"content", json::array{json::object{{"type", "text"}, {"text", "part one"}},
                                           json::object{{"type", "text"}, {"text", "part two"}}}}}};
  const std::string policy =
      "from tests.echo import echo\n"
      "raise PolicyViolation(\"msg\", r=r) if:\n"
      "    (m: Message)\n"
      "    m.role == \"user\"\n"
      "    r := echo(m)\n"
      "    r[\"kind\"] == \"objects\"\n"
      "raise PolicyViolation(\"out\", r=r) if:\n"
      "    (o: ToolOutput)\n"
      "    r := echo(o)[\"texts\"]\n"
      "    len(r) > 0\n"
      "raise PolicyViolation(\"call\", r=r) if:\n"
      "    (c: ToolCall)\n"
      "    r := echo(c)[\"texts\"]\n"
      "    len(r) > 0\n";
  auto out = host.analyze(policy, trace);
  ASSERT_EQ(out.status, 200) << json::serialize(out.body);
  std::string all;
  for (const auto& v : out.violations) all += v + "\n";
  EXPECT_NE(all.find("r={'kind': 'objects', 'texts': ['hello'], 'value': None, 'kwargs': {}}"), std::string::npos) << all;
  EXPECT_NE(all.find("r=['part one', 'part two']"), std::string::npos) << all;
  EXPECT_NE(all.find("send"), std::string::npos) << all;

  // Larger texts cost more evaluation steps.
  DirectContext ctx;
  (void)call(*host.registry, "tests.echo", "echo", {inv::make_str(std::string(640, 'x'))}, {}, &ctx);
  EXPECT_EQ(ctx.charged, 11u);
}

TEST(PluginCalls, ValuesAndRecordsRoundTrip) {
  Host host({"echo", "example"});
  auto value = [&](const inv::Value& v) {
    inv::Value r = call(*host.registry, "tests.echo", "echo", {inv::none()}, {{"value", v}});
    return inv::py_repr(*inv::as_dict(r).find("value"));
  };
  EXPECT_EQ(value(inv::make_int(-7)), "-7");
  EXPECT_EQ(value(inv::make_float(2.5)), "2.5");
  EXPECT_EQ(value(inv::py_bool(true)), "True");
  EXPECT_EQ(value(inv::make_str("é \"q\" \n")), inv::py_repr(inv::make_str("é \"q\" \n")));
  EXPECT_EQ(value(inv::make_tuple({inv::make_int(1), inv::none()})), "[1, None]");  // tuples travel as lists
  EXPECT_EQ(value(inv::make_dict({{"b", inv::make_int(1)}, {"a", inv::make_list({})}})), "{'b': 1, 'a': []}");

  // A record of the plugin's type comes back as a record; passed back in, it keeps its type.
  inv::Value pair = call(*host.registry, "tests.echo", "pair", {inv::make_int(1), inv::make_str("x")});
  ASSERT_EQ(pair->type, inv::Type::Record);
  EXPECT_EQ(inv::as_record(pair).cls->name, "Pair");
  EXPECT_EQ(inv::py_repr(inv::as_record(pair).field("right")), "'x'");
  inv::Value again = call(*host.registry, "tests.echo", "echo", {inv::none()}, {{"value", pair}});
  const inv::Value& back = *inv::as_dict(again).find("value");
  ASSERT_EQ(back->type, inv::Type::Record);
  EXPECT_EQ(inv::as_record(back).cls, inv::as_record(pair).cls);

  // The example plugin's records and its exported constructor.
  inv::Value shouts = call(*host.registry, "acme.detectors", "shouts", {inv::make_str("ok STOP it NOW")}, {{"min_length", inv::make_int(3)}});
  ASSERT_EQ(inv::as_list(shouts).items.size(), 2u);
  const auto& first = inv::as_record(inv::as_list(shouts).items[0]);
  EXPECT_EQ(first.cls->name, "Shout");
  EXPECT_EQ(inv::py_repr(first.field("word")), "'STOP'");
  EXPECT_EQ(inv::as_int(first.field("start")), 3);
  EXPECT_EQ(inv::as_int(first.field("end")), 7);
  auto ctor = host.analyze(
      "from acme.detectors import Shout\nraise \"c\" if:\n    (m: Message)\n    s := Shout(\"HEY\", 0, start=1)\n    s.word == \"HEY\"\n    s.start == 1\n    s.end is None\n",
      messages({"x"}));
  EXPECT_EQ(ctor.violations.size(), 1u) << json::serialize(ctor.body);
}

TEST(PluginCalls, TheExamplePluginFindsAndMarksShoutedWords) {
  Host host({"example"});
  const std::string policy =
      "from acme.detectors import shouting\n"
      "\n"
      "raise PolicyViolation(\"shouting\", words=words) if:\n"
      "    (m: Message)\n"
      "    words := shouting(m, min_length=5)\n"
      "    len(words) > 0\n";
  auto out = host.analyze(policy, messages({"Café ALERT now, PLEASE stop. OK? NASA", "all calm"}));
  ASSERT_EQ(out.status, 200) << json::serialize(out.body);
  ASSERT_EQ(out.violations.size(), 1u);
  EXPECT_EQ(out.violations[0], "PolicyViolation(shouting, words=['ALERT', 'PLEASE'])");
  EXPECT_EQ(out.ranges[0], (std::vector<std::string>{"messages.0", "messages.0.content:5-10", "messages.0.content:16-22"}));

  auto bad = host.analyze("from acme.detectors import shouting\nraise \"x\" if:\n    (m: Message)\n    shouting(m, min_length=0)\n",
                          messages({"HEY"}));
  EXPECT_EQ(bad.message, "shouting(): min_length must be at least 1, not 0");
  EXPECT_EQ(bad.py_type, "ValueError");

  // The operator's allow list (INVARIANT_PLUGIN_SHOUTING_ALLOW).
  Host allowing({"example"}, [](PluginRegistryOptions& o) {
    o.settings = [](const std::string& name) {
      return name == "shouting" ? std::string(R"({"allow": "ALERT, NASA"})") : std::string("{}");
    };
  });
  auto allowed = allowing.analyze(policy, messages({"Café ALERT now, PLEASE stop. OK? NASA"}));
  ASSERT_EQ(allowed.violations.size(), 1u);
  EXPECT_EQ(allowed.violations[0], "PolicyViolation(shouting, words=['PLEASE'])");
  EXPECT_EQ(allowed.ranges[0], (std::vector<std::string>{"messages.0", "messages.0.content:16-22"}));
}

// ---- crashes -------------------------------------------------------------------------------------------

TEST(PluginCallsDeathTest, ACrashingDetectorTakesTheProcessDown) {
  // There is no sandbox: plugin code runs in the server's process, and a crash in it is the server's crash.
  GTEST_FLAG_SET(death_test_style, "threadsafe");
  const rlimit no_core{0, 0};
  EXPECT_EXIT(
      {
        setrlimit(RLIMIT_CORE, &no_core);
        Host host({"crash"}, {}, false);
        (void)call(*host.registry, "tests.crash", "crash", {inv::make_str("x")});
      },
      ::testing::KilledBySignal(SIGSEGV), "");
  EXPECT_EXIT(
      {
        setrlimit(RLIMIT_CORE, &no_core);
        Host host({"crash"}, {}, false);
        (void)call(*host.registry, "tests.crash", "crash", {inv::make_str("x")}, {{"how", inv::make_str("abort")}});
      },
      ::testing::KilledBySignal(SIGABRT), "");
  // Loading it is harmless.
  Host host({"crash"}, {}, false);
  EXPECT_EQ(as_str(call(*host.registry, "tests.crash", "harmless", {inv::make_str("x")})).value, "fine");
}

// ---- functions of the same name ------------------------------------------------------------------------

// Known defect, kept as a regression test to enable with the fix: the evaluator memoises detector calls by
// function name and arguments only, so a plugin function that has the name of another plugin's function
// (allowed: the modules differ) answers with the other one's memoised result within an analysis.
TEST(PluginCalls, FunctionsOfTheSameNameFromDifferentModulesStayDistinct) {
  Host host({"twin"});
  ASSERT_TRUE(host.registry->refused().empty());
  const std::string policy =
      "from invariant.detectors import secrets\n"
      "from tests.twin import secrets as twin_secrets\n"
      "raise PolicyViolation(\"both\", a=a, b=b) if:\n"
      "    (m: Message)\n"
      "    a := secrets(m.content)\n"
      "    b := twin_secrets(m.content)\n"
      "    a != b\n";
  auto out = host.analyze(policy, messages({"nothing secret"}));
  ASSERT_EQ(out.status, 200) << json::serialize(out.body);
  ASSERT_EQ(out.violations.size(), 1u) << "the second function answered with the first one's memoised result";
  EXPECT_EQ(out.violations[0], "PolicyViolation(both, a=[], b=['TWIN'])");
}

// The evaluation's deadline bounds a detector call too: a call still running when the analysis runs out of
// time ends the analysis with LimitExceeded (HTTP 422), whether the plugin is watched or bounded.
TEST(PluginCalls, TheEvaluationDeadlineCutsADetectorCallShort) {
  Host host({"slow", "deadline"}, [](PluginRegistryOptions& o) {
    o.call_timeout = 5s;
    o.watchdog_threads = 4;
  });
  inv::app::ServiceOptions options;
  options.eval.deadline = 300ms;
  inv::app::AnalyzeService service(*host.registry, options);
  for (const auto& [module, fn, condition] :
       std::vector<std::tuple<std::string, std::string, std::string>>{
           {"tests.slow", "sleepy", "sleepy(m.content, ms=3000) == \"woke up\""},
           {"tests.deadline", "spin", "spin(m.content) > 0"}}) {
    const auto t0 = Clock::now();
    auto r = service.analyze(json::object{{"policy", rule(module, fn, condition)}, {"trace", messages({"x"})}});
    const long long elapsed = ms_since(t0);
    EXPECT_EQ(r.status, 422) << fn << ": " << json::serialize(r.body);
    EXPECT_EQ(r.error_type, "LimitExceeded") << fn;
    EXPECT_NE(json::serialize(r.body).find("was still running at the evaluation's deadline"), std::string::npos)
        << fn << ": " << json::serialize(r.body);
    EXPECT_GE(elapsed, 250) << fn;
    EXPECT_LT(elapsed, 2500) << fn << ": the call ran to the per-call timeout instead";
  }
}
