// Loading detector plugins (PluginRegistry over real libraries): every kind of bad plugin is refused with a
// reason that names the problem and a log line, while the good ones (and the built-in detectors) load;
// settings reach init; the catalog that GET /api/detectors shows.
#include <algorithm>
#include <cstdlib>
#include <set>
#include <tuple>

#include "tests/plugin_host/plugin_host_support.hpp"

using namespace plugin_host;

namespace {

// Every bad test plugin, with a piece of the reason it must be refused for.
const std::vector<std::tuple<std::string, std::string, std::string>>& bad_plugins() {
  static const std::vector<std::tuple<std::string, std::string, std::string>> v = {
      {"bad_abi", "bad_abi", "was built for plugin ABI version 2; this server supports version 1"},
      {"no_entry", "no_entry", "does not export invariant_plugin_entry"},
      {"not_plugin", "not_plugin", "is not an invariant detector plugin (no invariant_plugin_abi_version symbol)"},
      {"bad_metadata", "bad_name", "plugin metadata: name: 'Bad-Name' must match [a-z][a-z0-9_]*"},
      {"bad_metadata", "dup_function", "plugin metadata: plugin 'dup_function': function 'twice' is declared twice"},
      {"bad_metadata", "not_json", "plugin metadata: document: not valid JSON"},
      {"bad_table", "small_table", "the entry table is smaller than this ABI's"},
      {"bad_table", "null_member", "the entry table has a null member"},
      // The dynamic loader's own message: which symbol is missing.
      {"unresolved", "unresolved", "undefined symbol"},
      {"settings", "configured",
       "plugin 'configured' refused to start: INVARIANT_PLUGIN_CONFIGURED_MODE must be 'fast' or 'careful', not ''"},
      {"unsandboxed", "unsandboxed",
       "plugin 'unsandboxed' declares that it must run sandboxed (in_process_safe = false); set "
       "INVARIANT_PLUGINS_ALLOW_UNSANDBOXED=1"},
      {"duplicates", "impostor",
       "plugin 'impostor' exports invariant.detectors.secrets.secrets, which another plugin already provides"},
      {"duplicates", "secrets_again", "a plugin named 'secrets' is already loaded from"},
  };
  return v;
}

std::vector<std::string> bad_kinds() {
  std::vector<std::string> kinds;
  for (const auto& [kind, name, reason] : bad_plugins())
    if (std::find(kinds.begin(), kinds.end(), kind) == kinds.end()) kinds.push_back(kind);
  return kinds;
}

const json::object* detector_named(const json::value& describe, const std::string& name) {
  for (const auto& d : describe.at("detectors").as_array())
    if (d.at("name").as_string() == name) return &d.as_object();
  return nullptr;
}

const json::object* function_named(const json::object& detector, const std::string& name) {
  for (const auto& f : detector.at("functions").as_array())
    if (f.at("name").as_string() == name) return &f.as_object();
  return nullptr;
}

// Sets environment variables for one scope.
class ScopedEnv {
 public:
  ScopedEnv(std::initializer_list<std::pair<std::string, std::string>> vars) : vars_(vars) {
    for (const auto& [k, v] : vars_) setenv(k.c_str(), v.c_str(), 1);
  }
  ScopedEnv(const ScopedEnv&) = delete;
  ScopedEnv& operator=(const ScopedEnv&) = delete;
  ~ScopedEnv() {
    for (const auto& [k, _] : vars_) unsetenv(k.c_str());
  }

 private:
  std::vector<std::pair<std::string, std::string>> vars_;
};

}  // namespace

TEST(PluginLoading, BuiltinDetectorsLoad) {
  Host host({}, {}, true);
  EXPECT_TRUE(host.registry->refused().empty());
  EXPECT_GE(host.registry->plugin_count(), 2u);
  EXPECT_NE(host.registry->lookup("invariant.detectors", "secrets"), nullptr);
  EXPECT_NE(host.registry->lookup("invariant.detectors.secrets", "secrets"), nullptr);
  EXPECT_NE(host.registry->lookup("invariant.detectors", "unicode"), nullptr);
  EXPECT_EQ(host.registry->lookup("invariant.detectors", "no_such_detector"), nullptr);
  EXPECT_EQ(host.log_lines_containing("refused"), 0u);
  EXPECT_EQ(host.log_lines_containing("detector plugin secrets "), 1u);
  EXPECT_EQ(host.log_lines_containing(" loaded from " + std::string(INVARIANT_BUILTIN_PLUGIN_DIR) + "/secrets.so (1 function)"), 1u);
}

TEST(PluginLoading, EveryBadPluginIsRefusedWithItsReasonAndTheGoodOnesStillLoad) {
  std::vector<std::string> kinds = bad_kinds();
  kinds.push_back("errors");   // good plugins around the bad ones
  kinds.push_back("raw_good");
  Host host(kinds);

  for (const auto& [kind, name, reason] : bad_plugins()) {
    const std::string path = plugin_file(kind, name);
    auto r = host.refusal(path);
    ASSERT_TRUE(r.has_value()) << path << " was not refused";
    EXPECT_NE(r->find(reason), std::string::npos) << path << ": " << *r;
    EXPECT_NE(r->find(path), std::string::npos) << "the reason names the file: " << *r;
    std::size_t lines = 0;
    for (const auto& l : host.log)
      if (l.rfind("detector plugin refused: ", 0) == 0 && l.find(path) != std::string::npos) ++lines;
    EXPECT_EQ(lines, 1u) << path;
  }
  EXPECT_EQ(host.registry->refused().size(), bad_plugins().size());
  EXPECT_EQ(host.log_lines_containing("detector plugin refused: "), bad_plugins().size());

  // Nothing of a refused plugin is exported; the good ones and every built-in detector are.
  EXPECT_EQ(host.registry->lookup("tests.impostor", "secrets"), nullptr);
  EXPECT_EQ(host.registry->lookup("tests.secrets_again", "secrets_again"), nullptr);
  EXPECT_EQ(host.registry->lookup("tests.unsandboxed", "risky"), nullptr);
  EXPECT_EQ(host.registry->lookup("tests.configured", "configured_mode"), nullptr);
  EXPECT_NE(host.registry->lookup("tests.errors", "ok"), nullptr);
  EXPECT_NE(host.registry->lookup("tests.raw", "raw_ok"), nullptr);
  Host builtins_only({});
  EXPECT_EQ(host.registry->plugin_count(), builtins_only.registry->plugin_count() + 2);

  // The built-in secrets detector answers, not the impostor.
  const std::string policy =
      "from invariant.detectors import secrets\n"
      "raise PolicyViolation(\"found\", found=found) if:\n"
      "    (m: Message)\n"
      "    found := secrets(m.content)\n"
      "    len(found) > 0\n";
  auto out = host.analyze(policy, messages({"token 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"}));
  ASSERT_EQ(out.status, 200) << json::serialize(out.body);
  ASSERT_EQ(out.violations.size(), 1u);
  EXPECT_NE(out.violations[0].find("GITHUB_TOKEN"), std::string::npos) << out.violations[0];
  EXPECT_EQ(out.violations[0].find("IMPOSTOR"), std::string::npos) << out.violations[0];

  // The catalog lists the refusals.
  json::value d = host.registry->describe();
  std::set<std::string> refused_paths;
  for (const auto& r : d.at("refused").as_array()) {
    refused_paths.insert(std::string(r.at("path").as_string()));
    EXPECT_FALSE(r.at("reason").as_string().empty());
  }
  for (const auto& [kind, name, reason] : bad_plugins()) EXPECT_TRUE(refused_paths.count(plugin_file(kind, name))) << name;
  EXPECT_EQ(detector_named(d, "impostor"), nullptr);
  EXPECT_NE(detector_named(d, "errors"), nullptr);
}

TEST(PluginLoading, AMissingDirectoryIsReportedAndSkipped) {
  const std::string missing = plugin_dir("no_such_directory");
  Host host({"no_such_directory", "errors"});
  auto r = host.refusal(missing);
  ASSERT_TRUE(r.has_value());
  EXPECT_EQ(*r, "not a directory");
  EXPECT_EQ(host.log_lines_containing("detector plugin directory " + missing + " does not exist"), 1u);
  EXPECT_NE(host.registry->lookup("tests.errors", "ok"), nullptr);
}

TEST(PluginLoading, UnsandboxedPluginsLoadOnlyWhenAllowed) {
  Host refused({"unsandboxed"});
  EXPECT_TRUE(refused.refusal(plugin_file("unsandboxed", "unsandboxed")).has_value());
  Host allowed({"unsandboxed"}, [](PluginRegistryOptions& o) { o.allow_unsandboxed = true; });
  EXPECT_FALSE(allowed.refusal(plugin_file("unsandboxed", "unsandboxed")).has_value());
  inv::Value v = call(*allowed.registry, "tests.unsandboxed", "risky", {inv::make_str("x")});
  EXPECT_EQ(as_str(v).value, "ran in-process");
}

TEST(PluginLoading, SettingsReachInitByPluginName) {
  std::vector<std::string> asked;
  Host host({"settings"}, [&asked](PluginRegistryOptions& o) {
    o.settings = [&asked](const std::string& plugin) {
      asked.push_back(plugin);
      return plugin == "configured" ? std::string(R"({"mode": "careful", "extra": "x"})") : std::string("{}");
    };
  });
  EXPECT_FALSE(host.refusal(plugin_file("settings", "configured")).has_value());
  EXPECT_NE(std::find(asked.begin(), asked.end(), "configured"), asked.end());
  EXPECT_NE(std::find(asked.begin(), asked.end(), "secrets"), asked.end());  // every plugin is asked, by its name
  inv::Value v = call(*host.registry, "tests.configured", "configured_mode", {inv::make_str("x")});
  EXPECT_EQ(as_str(v).value, "careful/x");
}

TEST(PluginLoading, SettingsComeFromTheEnvironmentByDefault) {
  ScopedEnv env({{"INVARIANT_PLUGIN_CONFIGURED_MODE", "fast"},
                 {"INVARIANT_PLUGIN_CONFIGURED_EXTRA_KEY", "v=1"},
                 {"INVARIANT_PLUGIN_CONFIGUREDX_MODE", "not mine"}});
  json::value s = json::parse(inv::adapters::plugins::settings_from_environment("configured"));
  EXPECT_EQ(s, json::parse(R"({"mode": "fast", "extra_key": "v=1"})")) << json::serialize(s);
  EXPECT_EQ(inv::adapters::plugins::settings_from_environment("other"), "{}");

  PluginRegistryOptions o;
  o.plugin_dirs.push_back(plugin_dir("settings"));
  inv::adapters::plugins::PluginRegistry registry(std::move(o));  // default settings: the environment
  EXPECT_TRUE(registry.refused().empty());
  EXPECT_EQ(as_str(call(registry, "tests.configured", "configured_mode", {inv::make_str("x")})).value, "fast/-");
}

TEST(PluginLoading, RegistryOptionsFromTheEnvironment) {
  using inv::adapters::plugins::registry_options_from_environment;
  {
    ScopedEnv env({{"INVARIANT_BUILTIN_PLUGINS", "off"},
                   {"INVARIANT_PLUGIN_DIRS", "/opt/a::/opt/b:"},
                   {"INVARIANT_DETECTOR_TIMEOUT_MS", "250"},
                   {"INVARIANT_DETECTOR_THREADS", "2"},
                   {"INVARIANT_PLUGINS_ALLOW_UNSANDBOXED", "yes"}});
    auto o = registry_options_from_environment("/default/builtins");
    EXPECT_TRUE(o.builtin_dirs.empty());
    EXPECT_EQ(o.plugin_dirs, (std::vector<std::string>{"/opt/a", "/opt/b"}));
    EXPECT_EQ(o.call_timeout.count(), 250);
    EXPECT_EQ(o.watchdog_threads, 2u);
    EXPECT_TRUE(o.allow_unsandboxed);
  }
  {
    auto o = registry_options_from_environment("/default/builtins");
    EXPECT_EQ(o.builtin_dirs, std::vector<std::string>{"/default/builtins"});
    EXPECT_TRUE(o.plugin_dirs.empty());
    EXPECT_EQ(o.call_timeout.count(), 10000);
    EXPECT_FALSE(o.allow_unsandboxed);
  }
  {
    ScopedEnv env({{"INVARIANT_BUILTIN_PLUGIN_DIR", "/elsewhere"}});
    EXPECT_EQ(registry_options_from_environment("/default").builtin_dirs, std::vector<std::string>{"/elsewhere"});
  }
  auto error_for = [](const std::string& var, const std::string& value) {
    ScopedEnv env({{var, value}});
    try {
      (void)registry_options_from_environment("/d");
    } catch (const std::runtime_error& e) {
      return std::string(e.what());
    }
    return std::string();
  };
  EXPECT_NE(error_for("INVARIANT_DETECTOR_TIMEOUT_MS", "0").find("INVARIANT_DETECTOR_TIMEOUT_MS must be an integer from 1"),
            std::string::npos);
  EXPECT_NE(error_for("INVARIANT_DETECTOR_TIMEOUT_MS", "10s").find("(got '10s')"), std::string::npos);
  EXPECT_NE(error_for("INVARIANT_DETECTOR_THREADS", "1000").find("INVARIANT_DETECTOR_THREADS"), std::string::npos);
  EXPECT_NE(error_for("INVARIANT_PLUGINS_ALLOW_UNSANDBOXED", "maybe").find("INVARIANT_PLUGINS_ALLOW_UNSANDBOXED must be on/off"),
            std::string::npos);
  EXPECT_NE(error_for("INVARIANT_BUILTIN_PLUGINS", "sometimes").find("INVARIANT_BUILTIN_PLUGINS"), std::string::npos);
}

TEST(PluginLoading, DescribeShowsNamesVersionsSignaturesAndFlags) {
  Host host({"example", "echo", "slow", "threads", "raw_good"}, [](PluginRegistryOptions& o) {
    o.call_timeout = std::chrono::milliseconds(1234);
  });
  json::value d = host.registry->describe();
  EXPECT_EQ(d.at("call_timeout_ms").as_int64(), 1234);
  EXPECT_TRUE(d.at("refused").as_array().empty());

  const json::object* secrets = detector_named(d, "secrets");
  ASSERT_NE(secrets, nullptr);
  EXPECT_EQ(secrets->at("version").as_string(), "1.1.0");
  EXPECT_TRUE(secrets->at("builtin").as_bool());
  EXPECT_EQ(function_named(*secrets, "secrets")->at("signature").as_string(), "secrets(data)");
  EXPECT_EQ(function_named(*secrets, "secrets")->at("modules"),
            (json::array{"invariant.detectors", "invariant.detectors.secrets"}));
  const json::object* unicode = detector_named(d, "unicode");
  ASSERT_NE(unicode, nullptr);
  EXPECT_EQ(function_named(*unicode, "unicode")->at("signature").as_string(),
            "unicode(data, categories: list|None = None)");
  EXPECT_TRUE(function_named(*unicode, "unicode")->at("marks_ranges").as_bool());

  const json::object* shouting = detector_named(d, "shouting");
  ASSERT_NE(shouting, nullptr);
  EXPECT_FALSE(shouting->at("builtin").as_bool());
  EXPECT_EQ(shouting->at("version").as_string(), "1.0.0");
  EXPECT_EQ(shouting->at("path").as_string(), plugin_file("example", "shouting"));
  EXPECT_EQ(function_named(*shouting, "shouting")->at("signature").as_string(), "shouting(data, min_length: int = 4)");
  EXPECT_EQ(function_named(*shouting, "shouts")->at("returns").as_string(), "list[Shout]");
  EXPECT_EQ(shouting->at("types").as_array().at(0).at("name").as_string(), "Shout");
  EXPECT_EQ(shouting->at("types").as_array().at(0).at("fields"), (json::array{"word", "text", "start", "end"}));
  EXPECT_TRUE(shouting->at("bounded_time").as_bool());

  const json::object* echo = detector_named(d, "echo");
  ASSERT_NE(echo, nullptr);
  EXPECT_EQ(echo->at("version").as_string(), "2.3.4");
  EXPECT_EQ(function_named(*echo, "echo")->at("signature").as_string(), "echo(data, value = None, **config)");
  EXPECT_EQ(function_named(*echo, "typed")->at("signature").as_string(), "typed(s: str, n: int, f: float|None = None)");
  EXPECT_EQ(function_named(*echo, "pair")->at("signature").as_string(), "pair(left, right)");

  EXPECT_FALSE(detector_named(d, "slow")->at("bounded_time").as_bool());
  EXPECT_FALSE(detector_named(d, "serial")->at("thread_safe").as_bool());
  EXPECT_TRUE(detector_named(d, "parallel")->at("thread_safe").as_bool());
  EXPECT_EQ(detector_named(d, "raw")->at("description").as_string(), "Written on the C ABI alone.");

  // Every export the catalog shows can be looked up, and only those.
  std::size_t exported = 0;
  for (const auto& det : d.at("detectors").as_array())
    for (const auto& f : det.at("functions").as_array())
      for (const auto& m : f.at("modules").as_array()) {
        EXPECT_NE(host.registry->lookup(m.as_string(), f.at("name").as_string()), nullptr);
        ++exported;
      }
  for (const auto& det : d.at("detectors").as_array())
    for (const auto& t : det.at("types").as_array())
      for (const auto& m : t.at("modules").as_array()) {
        EXPECT_NE(host.registry->lookup(m.as_string(), t.at("name").as_string()), nullptr);
        ++exported;
      }
  EXPECT_EQ(host.registry->exports().size(), exported);
}

TEST(PluginLoading, APluginWrittenOnTheCAbiAloneWorks) {
  Host host({"raw_good"});
  EXPECT_EQ(as_str(call(*host.registry, "tests.raw", "raw_ok", {inv::make_str("x")})).value, "raw ok");
  auto out = host.analyze("from tests.raw import raw_ok\nraise \"r\" if:\n    (m: Message)\n    raw_ok(m) == \"raw ok\"\n",
                          messages({"a"}));
  EXPECT_EQ(out.violations.size(), 1u) << json::serialize(out.body);
}
