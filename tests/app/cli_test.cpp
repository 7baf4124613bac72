// The `invariant` command line: analyze / check / eval --jsonl, exit codes and error bodies, both through
// run_cli (no process) and through the built binary.
#include <gtest/gtest.h>

#include <array>
#include <cstdio>
#include <fstream>
#include <sstream>
#include <string>

#include <boost/json.hpp>

#include "adapters/plugins/plugin_registry.hpp"
#include "app/analyze_service.hpp"
#include "app/cli.hpp"

namespace json = boost::json;
using inv::app::run_cli;

namespace {
struct CliRun {
  int code;
  std::string out;
  std::string err;
};

CliRun cli(std::vector<std::string> args, const std::string& input) {
  static inv::adapters::plugins::PluginRegistry detectors(inv::adapters::plugins::builtin_plugins_only());
  static inv::app::AnalyzeService service(detectors, {});
  std::istringstream in(input);
  std::ostringstream out, err;
  int code = run_cli(args, service, in, out, err);
  return {code, out.str(), err.str()};
}

const char* kReadmePolicy =
    "raise \"must not send emails to anyone but 'Peter' after seeing the inbox\" if:\n"
    "    (call: ToolCall) -> (call2: ToolCall)\n"
    "    call is tool:get_inbox\n"
    "    call2 is tool:send_email({\n"
    "      to: \"^(?!Peter$).*$\"\n"
    "    })\n";

std::string readme_trace() {
  std::ifstream f(std::string(INVARIANT_SHARED_DIR) + "/bench/readme_trace.json");
  std::stringstream ss;
  ss << f.rdbuf();
  return ss.str();
}

std::string request(const std::string& policy, const std::string& trace_json) {
  json::object o;
  o["policy"] = policy;
  o["trace"] = json::parse(trace_json);
  return json::serialize(o);
}
}  // namespace

TEST(Cli, AnalyzeReadmeExampleGivesTheOriginalsAnswer) {
  auto r = cli({"analyze", "-"}, request(kReadmePolicy, readme_trace()));
  EXPECT_EQ(r.code, 0);
  EXPECT_EQ(r.out,
            "{\"errors\":[{\"error\":\"PolicyViolation(must not send emails to anyone but 'Peter' after seeing the "
            "inbox, ranges=[<2 ranges>])\",\"ranges\":[\"messages.1.tool_calls.0\",\"messages.3\"]}],"
            "\"handled_errors\":[]}\n");
}

TEST(Cli, CheckReturnsOnlyPendingViolations) {
  json::object body;
  body["policy"] =
      "from invariant import Message, PolicyViolation\n\n"
      "raise PolicyViolation(\"Cannot send assistant message:\", msg) if:\n"
      "    (msg: Message)\n"
      "    msg.role == \"assistant\"\n";
  body["past_events"] = json::parse(R"([{"role":"user","content":"Hello"}])");
  body["pending_events"] = json::parse(R"([{"role":"assistant","content":"Hello, user 1"}])");
  auto r = cli({"check"}, json::serialize(body));
  EXPECT_EQ(r.code, 0);
  EXPECT_EQ(r.out,
            "[\"PolicyViolation(Cannot send assistant message: metadata={'trace_idx': 1} role='assistant' "
            "content='Hello, user 1' tool_calls=None)\"]\n");
}

TEST(Cli, PolicyErrorIsA400StyleBodyWithPosition) {
  auto r = cli({"analyze"}, request("raise \"x\" if:\n    (m: Message)\n    foo(m)\n", "[]"));
  EXPECT_EQ(r.code, inv::app::kExitRejected);
  auto body = json::parse(r.out).as_object();
  EXPECT_EQ(body.at("error").at("type").as_string(), "PolicyLoadingError");
  EXPECT_EQ(body.at("error").at("line").as_int64(), 3);
  EXPECT_EQ(body.at("error").at("column").as_int64(), 5);
  EXPECT_EQ(body.at("detail").as_string(),
            "Failed to create policy from policy source. The following errors were found:\n\n  1  | raise \"x\" if:\n"
            "  2  |     (m: Message)\n  3* |     foo(m)\n     |     ^\n     | Failed to resolve identifier foo\n"
            "  4  | \n\n\n");
}

TEST(Cli, RuntimeErrorKeepsThePythonMessage) {
  auto r = cli({"analyze"}, request("raise \"x\" if:\n    (m: Message)\n    m.content > 1\n",
                                    R"([{"role":"user","content":"hi"}])"));
  EXPECT_EQ(r.code, inv::app::kExitRejected);
  auto body = json::parse(r.out).as_object();
  EXPECT_EQ(body.at("error").at("type").as_string(), "PolicyRuntimeError");
  EXPECT_EQ(body.at("detail").as_string(), "'>' not supported between instances of 'str' and 'int'");
}

TEST(Cli, MalformedJsonAndWrongTypesAreRejectedWithAPath) {
  auto bad = cli({"analyze"}, "{\"policy\": ");
  EXPECT_EQ(bad.code, inv::app::kExitRejected);
  EXPECT_EQ(json::parse(bad.out).at("error").at("type").as_string(), "InvalidJSON");

  auto wrong = cli({"analyze"}, R"({"policy": 5, "trace": []})");
  EXPECT_EQ(json::parse(wrong.out).at("error").at("path").as_string(), "policy");

  auto event = cli({"analyze"}, R"({"policy": "raise \"x\" if:\n    (m: Message)\n", "trace": [1]})");
  EXPECT_EQ(json::parse(event.out).at("error").at("path").as_string(), "trace[0]");

  auto trace = cli({"analyze"}, R"({"policy": "raise \"x\" if:\n    (m: Message)\n", "trace": [{"role": 3}]})");
  auto err = json::parse(trace.out).at("error");
  EXPECT_EQ(err.at("type").as_string(), "InvalidTrace");
  EXPECT_EQ(err.at("path").as_string(), "trace[0].role");
}

TEST(Cli, DeepNestingIsRejectedNotACrash) {
  std::string deep(100000, '[');
  auto r = cli({"analyze"}, "{\"policy\": \"x\", \"trace\": " + deep);
  EXPECT_EQ(r.code, inv::app::kExitRejected);
  std::string policy = "raise \"x\" if:\n    " + std::string(50000, '(') + "1" + std::string(50000, ')') + "\n";
  auto p = cli({"analyze"}, request(policy, "[]"));
  EXPECT_NE(p.code, 0);
  EXPECT_TRUE(json::parse(p.out).is_object());
}

TEST(Cli, EvalJsonlAnswersEachLine) {
  std::string lines =
      "{\"kind\":\"analyze\",\"policy\":\"raise \\\"hi\\\" if:\\n    (m: Message)\\n    \\\"hi\\\" in m.content\","
      "\"trace\":[{\"role\":\"user\",\"content\":\"hi hi\"}]}\n"
      "not json\n"
      "{\"kind\":\"nope\"}\n"
      "{\"kind\":\"analyze\",\"policy\":\"raise \\\"p\\\" if:\\n    input.x == 1\",\"trace\":[],"
      "\"parameters\":{\"x\":1}}\n";
  auto r = cli({"eval", "--jsonl", "-"}, lines);
  EXPECT_EQ(r.code, 0);
  std::istringstream out(r.out);
  std::string l1, l2, l3, l4;
  std::getline(out, l1);
  std::getline(out, l2);
  std::getline(out, l3);
  std::getline(out, l4);
  EXPECT_EQ(l1,
            "{\"errors\":[{\"error\":\"PolicyViolation(hi, ranges=[<3 ranges>])\",\"ranges\":[\"messages.0\","
            "\"messages.0.content:0-2\",\"messages.0.content:3-5\"]}],\"handled_errors\":[]}");
  EXPECT_EQ(json::parse(l2).at("error").at("type").as_string(), "InvalidJSON");
  EXPECT_EQ(json::parse(l3).at("error").at("type").as_string(), "InvalidRequest");
  EXPECT_EQ(l4, "{\"errors\":[{\"error\":\"PolicyViolation(p, ranges=[<0 ranges>])\",\"ranges\":[]}],"
                "\"handled_errors\":[]}");
}

TEST(Cli, UsageErrors) {
  EXPECT_EQ(cli({}, "").code, inv::app::kExitUsage);
  EXPECT_EQ(cli({"frobnicate"}, "").code, inv::app::kExitUsage);
  EXPECT_EQ(cli({"eval"}, "").code, inv::app::kExitUsage);
  EXPECT_EQ(cli({"analyze", "/nonexistent/file.json"}, "").code, inv::app::kExitUsage);
  EXPECT_EQ(cli({"--help"}, "").code, 0);
}

TEST(Cli, StepBudgetIsALimitError) {
  inv::adapters::plugins::PluginRegistry detectors(inv::adapters::plugins::builtin_plugins_only());
  inv::app::ServiceOptions options;
  options.eval.max_steps = 1000;
  inv::app::AnalyzeService service(detectors, options);
  std::string trace = "[";
  for (int i = 0; i < 200; ++i) trace += std::string(i ? "," : "") + R"({"role":"user","content":"a"})";
  trace += "]";
  std::istringstream in(request("raise \"x\" if:\n    (a: Message)\n    (b: Message)\n    a.content == b.content\n", trace));
  std::ostringstream out, err;
  EXPECT_EQ(run_cli({"analyze"}, service, in, out, err), inv::app::kExitLimit);
  EXPECT_EQ(json::parse(out.str()).at("error").at("type").as_string(), "LimitExceeded");
}

// The built executable, as a user runs it.
TEST(CliBinary, AnalyzesAFileAndReportsExitCodes) {
  std::string path = testing::TempDir() + "/cli_binary_request.json";
  {
    std::ofstream f(path);
    f << request(kReadmePolicy, readme_trace());
  }
  std::string cmd = std::string(INVARIANT_BINARY) + " analyze " + path;
  FILE* p = popen(cmd.c_str(), "r");
  ASSERT_NE(p, nullptr);
  std::string out;
  std::array<char, 4096> buf;
  while (std::size_t n = fread(buf.data(), 1, buf.size(), p)) out.append(buf.data(), n);
  int status = pclose(p);
  EXPECT_EQ(WEXITSTATUS(status), 0);
  EXPECT_NE(out.find("messages.1.tool_calls.0"), std::string::npos);
  int bad = std::system((std::string(INVARIANT_BINARY) + " analyze /nonexistent >/dev/null 2>&1").c_str());
  EXPECT_EQ(WEXITSTATUS(bad), inv::app::kExitUsage);
}
