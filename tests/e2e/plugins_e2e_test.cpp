// End-to-end tests of detector plugins in the real `invariant serve`:
//   - the example third-party plugin (examples/detector_plugin) built out of tree against the installed SDK
//     alone, loaded through INVARIANT_PLUGIN_DIRS, listed by GET /api/detectors and called by a policy;
//   - bad plugins are refused with a log line each and listed under "refused" while the server starts;
//   - a detector that overruns INVARIANT_DETECTOR_TIMEOUT_MS gives a timeout error and the server goes on;
//   - a crashing detector kills the server (documented: there is no sandbox yet).
// The test plugins come from tests/plugin_host (one directory per kind).
#include <gtest/gtest.h>

#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <future>
#include <set>
#include <string>
#include <vector>

#include <boost/json.hpp>

#include "tests/e2e/server_process.hpp"

extern char** environ;

namespace json = boost::json;
namespace fs = std::filesystem;
using inv::e2e::Env;
using inv::e2e::http_request;
using inv::e2e::HttpResponse;
using inv::e2e::ServerProcess;
using Clock = std::chrono::steady_clock;

namespace {

std::string test_plugin_dir(const std::string& kind) { return std::string(INVARIANT_TEST_PLUGIN_DIR) + "/" + kind; }

struct CommandResult {
  int exit_code = -1;  // 128+N when killed by signal N
  std::string output;  // stdout and stderr
};

// Runs a program (no shell) and collects its output.
CommandResult run_command(const std::vector<std::string>& argv) {
  CommandResult r;
  int fds[2];
  if (pipe2(fds, O_CLOEXEC) != 0) return r;
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_adddup2(&actions, fds[1], 1);
  posix_spawn_file_actions_adddup2(&actions, fds[1], 2);
  posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0);
  std::vector<char*> args;
  for (const auto& a : argv) args.push_back(const_cast<char*>(a.c_str()));
  args.push_back(nullptr);
  pid_t pid = -1;
  const int rc = posix_spawnp(&pid, args[0], &actions, nullptr, args.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  close(fds[1]);
  if (rc != 0) {
    close(fds[0]);
    r.output = "cannot run " + argv[0];
    return r;
  }
  char buf[4096];
  for (ssize_t n; (n = read(fds[0], buf, sizeof buf)) != 0;) {
    if (n < 0) {
      if (errno == EINTR) continue;
      break;
    }
    r.output.append(buf, static_cast<std::size_t>(n));
  }
  close(fds[0]);
  int st = 0;
  while (waitpid(pid, &st, 0) < 0 && errno == EINTR) {
  }
  r.exit_code = WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st);
  return r;
}

std::string command_line(const std::vector<std::string>& argv) {
  std::string s;
  for (const auto& a : argv) s += (s.empty() ? "" : " ") + a;
  return s;
}

std::string analyze_body(const std::string& policy, const json::array& trace) {
  return json::serialize(json::object{{"policy", policy}, {"trace", trace}});
}

json::array user_messages(const std::vector<std::string>& contents) {
  json::array out;
  for (const auto& c : contents) out.push_back(json::object{{"role", "user"}, {"content", c}});
  return out;
}

HttpResponse analyze(const ServerProcess& server, const std::string& policy, const json::array& trace) {
  return http_request(server.port(), "POST", "/api/policy/analyze", analyze_body(policy, trace),
                      {{"Cache-Control", "no-cache"}});
}

json::value detectors(const ServerProcess& server) {
  HttpResponse r = http_request(server.port(), "GET", "/api/detectors");
  EXPECT_EQ(r.status, 200) << r.body;
  return r.status == 200 ? json::parse(r.body) : json::value(json::object{});
}

const json::object* detector_named(const json::value& d, const std::string& name) {
  if (!d.is_object() || !d.as_object().contains("detectors")) return nullptr;
  for (const auto& x : d.at("detectors").as_array())
    if (x.at("name").as_string() == name) return &x.as_object();
  return nullptr;
}

std::size_t count_lines_with(const std::string& text, const std::string& needle) {
  std::size_t n = 0;
  for (std::size_t at = text.find(needle); at != std::string::npos; at = text.find(needle, at + needle.size())) ++n;
  return n;
}

const std::string kShoutingPolicy =
    "from acme.detectors import shouting\n"
    "\n"
    "raise PolicyViolation(\"shouting\", words=words) if:\n"
    "    (m: Message)\n"
    "    words := shouting(m, min_length=5)\n"
    "    len(words) > 0\n";

// ---- the example plugin, built out of tree ---------------------------------------------------------------

// Installs the SDK component of this build into a temporary prefix, builds a copy of examples/detector_plugin
// against it (once for the whole suite: the slow part), and starts a server that loads the result.
class ExamplePlugin : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    char tmpl[] = "/tmp/invariant-plugin-e2e-XXXXXX";
    if (!mkdtemp(tmpl)) {
      setup_error_ = "cannot create a temporary directory";
      return;
    }
    root_ = tmpl;
    sdk_ = root_ + "/sdk";
    source_ = root_ + "/src";
    build_ = root_ + "/build";
    // A copy of the example's sources, away from the source tree: a path into the tree could not be used.
    std::error_code ec;
    fs::copy(std::string(INVARIANT_SOURCE_DIR) + "/examples/detector_plugin", source_, fs::copy_options::recursive, ec);
    if (ec) {
      setup_error_ = "cannot copy the example: " + ec.message();
      return;
    }
    const std::vector<std::vector<std::string>> steps = {
        {INVARIANT_CMAKE_COMMAND, "--install", INVARIANT_BUILD_DIR, "--prefix", sdk_, "--component", "sdk"},
        {INVARIANT_CMAKE_COMMAND, "-S", source_, "-B", build_, "-DCMAKE_PREFIX_PATH=" + sdk_,
         std::string("-DCMAKE_CXX_COMPILER=") + INVARIANT_CXX_COMPILER, "-DCMAKE_FIND_USE_PACKAGE_REGISTRY=OFF",
         "-DCMAKE_BUILD_TYPE=Release"},
        {INVARIANT_CMAKE_COMMAND, "--build", build_, "-j2"},
    };
    for (const auto& step : steps) {
      CommandResult r = run_command(step);
      log_ += "$ " + command_line(step) + "\n" + r.output + "\n";
      if (r.exit_code != 0) {
        setup_error_ = "command failed with exit code " + std::to_string(r.exit_code) + ":\n" + log_;
        return;
      }
    }
    server_ = new ServerProcess(Env{{"INVARIANT_PLUGIN_DIRS", build_}});
    if (!server_->wait_ready()) setup_error_ = "the server did not start:\n" + server_->output();
  }
  static void TearDownTestSuite() {
    delete server_;
    server_ = nullptr;
    if (!root_.empty()) {
      std::error_code ec;
      fs::remove_all(root_, ec);
    }
  }
  void SetUp() override { ASSERT_TRUE(setup_error_.empty()) << setup_error_; }

  static std::string root_, sdk_, source_, build_, log_, setup_error_;
  static ServerProcess* server_;
};
std::string ExamplePlugin::root_, ExamplePlugin::sdk_, ExamplePlugin::source_, ExamplePlugin::build_,
    ExamplePlugin::log_, ExamplePlugin::setup_error_;
ServerProcess* ExamplePlugin::server_ = nullptr;

}  // namespace

TEST_F(ExamplePlugin, BuildsAgainstTheInstalledSdkAlone) {
  // The SDK component holds the headers and the CMake package, nothing of the server.
  EXPECT_TRUE(fs::exists(sdk_ + "/include/invariant/detector_plugin.h"));
  EXPECT_TRUE(fs::exists(sdk_ + "/include/invariant/detector_sdk.hpp"));
  bool config = false;
  for (const auto& e : fs::recursive_directory_iterator(sdk_))
    if (e.path().filename() == "InvariantPluginSDKConfig.cmake") config = true;
  EXPECT_TRUE(config);
  EXPECT_FALSE(fs::exists(sdk_ + "/bin"));
  EXPECT_TRUE(fs::is_regular_file(build_ + "/shouting.so")) << log_;
  // Nothing in the example's build refers to the source tree or to this build of the server.
  for (const auto& e : fs::recursive_directory_iterator(build_ + "/CMakeFiles")) {
    if (!e.is_regular_file() || e.path().filename() != "flags.make") continue;
    const std::string flags = inv::e2e::read_file(e.path().string());
    EXPECT_EQ(flags.find(INVARIANT_SOURCE_DIR), std::string::npos) << flags;
    EXPECT_EQ(flags.find(INVARIANT_BUILD_DIR), std::string::npos) << flags;
    EXPECT_NE(flags.find(sdk_ + "/include"), std::string::npos) << flags;
  }
}

TEST_F(ExamplePlugin, DetectorsListTheExampleNextToTheBuiltins) {
  json::value d = detectors(*server_);
  const json::object* shouting = detector_named(d, "shouting");
  ASSERT_NE(shouting, nullptr) << json::serialize(d) << "\n" << server_->output();
  EXPECT_EQ(shouting->at("version").as_string(), "1.0.0");
  EXPECT_FALSE(shouting->at("builtin").as_bool());
  EXPECT_EQ(shouting->at("path").as_string(), build_ + "/shouting.so");
  std::set<std::string> signatures;
  for (const auto& f : shouting->at("functions").as_array()) signatures.insert(std::string(f.at("signature").as_string()));
  EXPECT_EQ(signatures, (std::set<std::string>{"shouting(data, min_length: int = 4)", "shouts(data, min_length: int = 4)"}));
  EXPECT_EQ(shouting->at("types").as_array().at(0).at("name").as_string(), "Shout");

  for (const char* builtin : {"secrets", "unicode", "copyright", "html"}) {
    const json::object* b = detector_named(d, builtin);
    ASSERT_NE(b, nullptr) << builtin;
    EXPECT_TRUE(b->at("builtin").as_bool()) << builtin;
  }
  EXPECT_EQ(detector_named(d, "secrets")->at("functions").as_array().at(0).at("signature").as_string(), "secrets(data)");
  EXPECT_TRUE(d.at("refused").as_array().empty()) << json::serialize(d.at("refused"));
  EXPECT_NE(server_->output().find("detector plugin shouting 1.0.0 loaded from " + build_ + "/shouting.so"), std::string::npos)
      << server_->output();
}

TEST_F(ExamplePlugin, APolicyCallsTheExampleAndGetsItsRanges) {
  HttpResponse r = analyze(*server_, kShoutingPolicy, user_messages({"Café ALERT now, PLEASE stop. OK? NASA", "all calm"}));
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.body,
            R"j({"errors":[{"error":"PolicyViolation(shouting, words=['ALERT', 'PLEASE'])",)j"
            R"j("ranges":["messages.0","messages.0.content:5-10","messages.0.content:16-22"]}],"handled_errors":[]})j");

  // A wrong call is refused when the policy is compiled.
  HttpResponse bad = analyze(*server_, "from acme.detectors import shouting\nraise \"x\" if:\n    (m: Message)\n    shouting(m, min_length=\"5\")\n",
                             user_messages({"HEY"}));
  ASSERT_EQ(bad.status, 400) << bad.body;
  auto e = json::parse(bad.body).at("error").as_object();
  EXPECT_EQ(e.at("type").as_string(), "PolicyLoadingError");
  EXPECT_EQ(e.at("line").as_int64(), 4);
  EXPECT_NE(std::string(e.at("message").as_string()).find("TypeError: shouting() argument 'min_length' must be int, not str"),
            std::string::npos)
      << bad.body;

  // The plugin's own errors are policy runtime errors.
  HttpResponse zero = analyze(*server_, "from acme.detectors import shouting\nraise \"x\" if:\n    (m: Message)\n    shouting(m, min_length=0)\n",
                              user_messages({"HEY"}));
  ASSERT_EQ(zero.status, 400) << zero.body;
  EXPECT_EQ(json::parse(zero.body).at("error").at("type").as_string(), "PolicyRuntimeError");
  EXPECT_EQ(json::parse(zero.body).at("error").at("message").as_string(), "shouting(): min_length must be at least 1, not 0");
}

TEST_F(ExamplePlugin, OperatorSettingsReachThePlugin) {
  ServerProcess server(Env{{"INVARIANT_PLUGIN_DIRS", build_}, {"INVARIANT_PLUGIN_SHOUTING_ALLOW", "ALERT,NASA"}});
  ASSERT_TRUE(server.wait_ready()) << server.output();
  HttpResponse r = analyze(server, kShoutingPolicy, user_messages({"Café ALERT now, PLEASE stop. OK? NASA"}));
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.body,
            R"j({"errors":[{"error":"PolicyViolation(shouting, words=['PLEASE'])",)j"
            R"j("ranges":["messages.0","messages.0.content:16-22"]}],"handled_errors":[]})j");
}

// ---- bad plugins -----------------------------------------------------------------------------------------

TEST(PluginRefusals, BadPluginsAreRefusedWhileTheServerStarts) {
  const std::vector<std::string> kinds = {"bad_abi",    "no_entry", "not_plugin", "bad_metadata", "bad_table",
                                          "unresolved", "duplicates", "settings", "unsandboxed"};
  std::vector<std::string> files;
  std::string dirs;
  for (const auto& k : kinds) {
    dirs += (dirs.empty() ? "" : ":") + test_plugin_dir(k);
    for (const auto& e : fs::directory_iterator(test_plugin_dir(k)))
      if (e.path().extension() == ".so") files.push_back(e.path().string());
  }
  ASSERT_EQ(files.size(), 13u);
  ServerProcess server(Env{{"INVARIANT_PLUGIN_DIRS", dirs}});
  ASSERT_TRUE(server.wait_ready()) << server.output();
  const std::string out = server.output();

  // One log line per refused plugin, naming its file.
  EXPECT_EQ(count_lines_with(out, "invariant: detector plugin refused: "), files.size()) << out;
  for (const auto& f : files) EXPECT_NE(out.find(f), std::string::npos) << f << "\n" << out;
  EXPECT_NE(out.find(std::to_string(files.size()) + " refused"), std::string::npos) << out;

  json::value d = detectors(server);
  std::set<std::string> refused;
  for (const auto& r : d.at("refused").as_array()) refused.insert(std::string(r.at("path").as_string()));
  EXPECT_EQ(refused, std::set<std::string>(files.begin(), files.end()));
  // The built-in detectors are there, unharmed by the impostors.
  ASSERT_NE(detector_named(d, "secrets"), nullptr);
  EXPECT_TRUE(detector_named(d, "secrets")->at("builtin").as_bool());
  EXPECT_NE(detector_named(d, "secrets")->at("version").as_string(), "6.6.6");  // not the impostor's
  EXPECT_EQ(detector_named(d, "impostor"), nullptr);
  HttpResponse r = analyze(server,
                           "from invariant.detectors import secrets\nraise PolicyViolation(\"leak\", found=found) if:\n"
                           "    (m: Message)\n    found := secrets(m.content)\n    len(found) > 0\n",
                           user_messages({"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"}));
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_NE(r.body.find("GITHUB_TOKEN"), std::string::npos) << r.body;
}

TEST(PluginRefusals, TheOperatorCanConfigureAndAllowPlugins) {
  // The same two plugins that are refused above load with their setting and the unsandboxed permission.
  ServerProcess server(Env{{"INVARIANT_PLUGIN_DIRS", test_plugin_dir("settings") + ":" + test_plugin_dir("unsandboxed")},
                           {"INVARIANT_PLUGIN_CONFIGURED_MODE", "careful"},
                           {"INVARIANT_PLUGINS_ALLOW_UNSANDBOXED", "1"}});
  ASSERT_TRUE(server.wait_ready()) << server.output();
  json::value d = detectors(server);
  EXPECT_TRUE(d.at("refused").as_array().empty()) << json::serialize(d);
  EXPECT_NE(detector_named(d, "configured"), nullptr);
  EXPECT_NE(detector_named(d, "unsandboxed"), nullptr);
  HttpResponse r = analyze(server,
                           "from tests.configured import configured_mode\nraise \"x\" if:\n    (m: Message)\n"
                           "    configured_mode(m) == \"careful/-\"\n",
                           user_messages({"x"}));
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_NE(r.body.find("\"errors\":[{"), std::string::npos) << r.body;
}

// ---- timeouts --------------------------------------------------------------------------------------------

TEST(PluginTimeouts, ASlowDetectorTimesOutAndTheServerGoesOn) {
  ServerProcess server(Env{{"INVARIANT_PLUGIN_DIRS", test_plugin_dir("slow")},
                           {"INVARIANT_DETECTOR_TIMEOUT_MS", "300"},
                           {"INVARIANT_DETECTOR_THREADS", "4"}});
  ASSERT_TRUE(server.wait_ready()) << server.output();
  EXPECT_EQ(detectors(server).at("call_timeout_ms").as_int64(), 300);

  const std::string slow_policy =
      "from tests.slow import sleepy\nraise \"late\" if:\n    (m: Message)\n    sleepy(m.content, ms=5000) == \"woke up\"\n";
  // A slow analysis, and meanwhile the server answers others.
  const auto t0 = Clock::now();
  auto slow = std::async(std::launch::async, [&] { return analyze(server, slow_policy, user_messages({"a"})); });
  EXPECT_EQ(http_request(server.port(), "GET", "/healthz").status, 200);
  HttpResponse plain = analyze(server, "raise \"hi\" if:\n    (m: Message)\n    \"hi\" in m.content\n", user_messages({"hi"}));
  EXPECT_EQ(plain.status, 200) << plain.body;
  HttpResponse r = slow.get();
  const auto elapsed = std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - t0).count();
  ASSERT_EQ(r.status, 400) << r.body;
  auto e = json::parse(r.body).at("error").as_object();
  EXPECT_EQ(e.at("type").as_string(), "PolicyRuntimeError");
  EXPECT_EQ(e.at("message").as_string(), "detector 'sleepy' (plugin 'slow') did not answer within 300 ms");
  // (The evaluator currently retries a failed call once per analysis, so this takes two timeouts.)
  EXPECT_LT(elapsed, 3000) << "the answer waited for the abandoned call";

  // The plugin still answers while its abandoned calls are running on the watchdog threads.
  HttpResponse quick = analyze(server, "from tests.slow import quick\nraise \"q\" if:\n    (m: Message)\n    quick(m.content) >= 0\n",
                               user_messages({"c"}));
  EXPECT_EQ(quick.status, 200) << quick.body;

  // The server still stops cleanly while abandoned calls are running.
  server.signal(SIGTERM);
  EXPECT_EQ(server.wait_exit(std::chrono::seconds(15)), 0) << server.output();
}

// ---- crashes ---------------------------------------------------------------------------------------------

TEST(PluginCrashes, ACrashingDetectorKillsTheServer) {
  // Documented behaviour until detectors run in a sandbox: plugin code runs in the server's process, so a
  // crash in it takes the server down (a process supervisor has to restart it). The request gets no answer.
  struct NoCoreFiles {  // inherited by the servers started here
    rlimit saved{};
    NoCoreFiles() {
      getrlimit(RLIMIT_CORE, &saved);
      const rlimit none{0, saved.rlim_max};
      setrlimit(RLIMIT_CORE, &none);
    }
    ~NoCoreFiles() { setrlimit(RLIMIT_CORE, &saved); }
  } no_core;
  for (const auto& [how, sig] : std::vector<std::pair<std::string, int>>{{"segv", SIGSEGV}, {"abort", SIGABRT}}) {
    ServerProcess server(Env{{"INVARIANT_PLUGIN_DIRS", test_plugin_dir("crash")}});
    ASSERT_TRUE(server.wait_ready()) << server.output();
    HttpResponse fine = analyze(server, "from tests.crash import harmless\nraise \"x\" if:\n    (m: Message)\n    harmless(m) == \"fine\"\n",
                                user_messages({"x"}));
    EXPECT_EQ(fine.status, 200) << fine.body;
    HttpResponse r = analyze(server,
                             "from tests.crash import crash\nraise \"x\" if:\n    (m: Message)\n    crash(m, how=\"" + how + "\")\n",
                             user_messages({"x"}));
    EXPECT_EQ(r.status, 0) << how << ": " << r.body;
    EXPECT_EQ(server.wait_exit(std::chrono::seconds(15)), 128 + sig) << how << "\n" << server.output();
  }
}
