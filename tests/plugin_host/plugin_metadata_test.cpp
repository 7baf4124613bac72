// parse_plugin_metadata (adapters/plugins/plugin_metadata.hpp): what a plugin declares about itself is
// validated before anything of it is exposed; every invalid document is refused with a message naming the
// offending member. Also the signatures and JSON that GET /api/detectors shows.
#include <gtest/gtest.h>

#include <stdexcept>
#include <string>

#include <boost/json.hpp>

#include "adapters/plugins/plugin_metadata.hpp"

using inv::adapters::plugins::metadata_to_json;
using inv::adapters::plugins::parse_plugin_metadata;
using inv::adapters::plugins::PluginMetadata;
namespace json = boost::json;

namespace {

// A valid document with `patch` merged into its top level (a null value removes the member).
std::string doc(const json::object& patch = {}) {
  json::object o{{"name", "demo"},
                 {"version", "1.0.0"},
                 {"functions", json::array{json::object{{"name", "f"}, {"modules", json::array{"tests.demo"}}}}}};
  for (const auto& kv : patch) {
    if (kv.value().is_null()) o.erase(kv.key());
    else o[kv.key()] = kv.value();
  }
  return json::serialize(o);
}

// A valid document whose only function is `fn`.
std::string with_function(const json::object& fn) {
  return doc(json::object{{"functions", json::array{fn}}});
}

std::string error_of(const std::string& text) {
  try {
    (void)parse_plugin_metadata(text);
  } catch (const std::invalid_argument& e) {
    return e.what();
  }
  return "";
}

json::array params(std::initializer_list<json::value> ps) {
  json::array out;
  for (const auto& p : ps) out.push_back(p);
  return out;
}

}  // namespace

TEST(PluginMetadata, MinimalDocumentGetsTheDefaults) {
  PluginMetadata m = parse_plugin_metadata(doc());
  EXPECT_EQ(m.name, "demo");
  EXPECT_EQ(m.version, "1.0.0");
  EXPECT_EQ(m.description, "");
  EXPECT_EQ(m.network, "none");
  EXPECT_TRUE(m.in_process_safe);
  EXPECT_TRUE(m.thread_safe);
  // A plugin that does not promise bounded time runs on the watchdog threads (the safe assumption).
  EXPECT_FALSE(m.bounded_time);
  EXPECT_TRUE(m.types.empty());
  ASSERT_EQ(m.functions.size(), 1u);
  EXPECT_EQ(m.functions[0].name, "f");
  EXPECT_EQ(m.functions[0].modules, std::vector<std::string>{"tests.demo"});
  EXPECT_TRUE(m.functions[0].params.empty());
  EXPECT_EQ(m.functions[0].signature_text(), "f()");
}

TEST(PluginMetadata, FullDocument) {
  const std::string text = R"({
    "name": "semgrep_like", "version": "2.0", "description": "d", "network": "optional",
    "in_process_safe": true, "thread_safe": false, "bounded_time": true,
    "types": [{"name": "CodeIssue", "fields": ["description", "severity"], "modules": ["invariant.detectors"]}],
    "functions": [{
      "name": "semgrep", "modules": ["invariant.detectors", "invariant.detectors.code"],
      "params": [{"name": "data", "kind": "data", "tool_calls": true},
                 {"name": "lang", "type": "str", "required": true},
                 {"name": "limit", "type": "int|None", "default": 10},
                 {"name": "extra", "required": false}],
      "var_keywords": true, "marks_ranges": true, "returns": "list[CodeIssue]", "description": "scan"
    }]})";
  PluginMetadata m = parse_plugin_metadata(text);
  EXPECT_EQ(m.network, "optional");
  EXPECT_FALSE(m.thread_safe);
  EXPECT_TRUE(m.bounded_time);
  ASSERT_EQ(m.types.size(), 1u);
  EXPECT_EQ(m.types[0].name, "CodeIssue");
  EXPECT_EQ(m.types[0].fields, (std::vector<std::string>{"description", "severity"}));
  EXPECT_EQ(m.types[0].modules, std::vector<std::string>{"invariant.detectors"});
  const auto& f = m.functions.at(0);
  EXPECT_TRUE(f.var_keywords);
  EXPECT_TRUE(f.marks_ranges);
  EXPECT_EQ(f.returns, "list[CodeIssue]");
  ASSERT_EQ(f.params.size(), 4u);
  EXPECT_TRUE(f.params[0].data);
  EXPECT_TRUE(f.params[0].tool_calls);
  EXPECT_TRUE(f.params[1].required);
  EXPECT_EQ(f.params[1].type, "str");
  EXPECT_FALSE(f.params[2].required);  // a default makes a parameter optional
  EXPECT_EQ(json::serialize(*f.params[2].default_value), "10");
  EXPECT_FALSE(f.params[3].required);
  EXPECT_EQ(f.params[3].type, "any");
  EXPECT_EQ(f.signature_text(), "semgrep(data, lang: str, limit: int|None = 10, extra = ..., **config)");

  json::object j = metadata_to_json(m);
  EXPECT_EQ(j.at("name").as_string(), "semgrep_like");
  EXPECT_EQ(j.at("thread_safe").as_bool(), false);
  const auto& fj = j.at("functions").as_array().at(0).as_object();
  EXPECT_EQ(fj.at("signature").as_string(), f.signature_text());
  EXPECT_EQ(fj.at("modules").as_array().size(), 2u);
  const auto& p0 = fj.at("params").as_array().at(0).as_object();
  EXPECT_EQ(p0.at("kind").as_string(), "data");
  EXPECT_EQ(p0.at("type").as_string(), "str | Message | ToolOutput | list");
  const auto& p2 = fj.at("params").as_array().at(2).as_object();
  EXPECT_EQ(p2.at("default").as_int64(), 10);
  EXPECT_EQ(j.at("types").as_array().at(0).as_object().at("fields").as_array().size(), 2u);
}

TEST(PluginMetadata, SignatureTexts) {
  auto sig = [](const json::object& fn) { return parse_plugin_metadata(with_function(fn)).functions.at(0).signature_text(); };
  json::array mods{"m"};
  EXPECT_EQ(sig({{"name", "secrets"}, {"modules", mods}, {"params", params({json::object{{"name", "data"}, {"kind", "data"}}})}}),
            "secrets(data)");
  EXPECT_EQ(sig({{"name", "unicode"},
                 {"modules", mods},
                 {"params", params({json::object{{"name", "data"}, {"kind", "data"}},
                                    json::object{{"name", "categories"}, {"type", "list|None"}, {"default", nullptr}}})}}),
            "unicode(data, categories: list|None = None)");
  EXPECT_EQ(sig({{"name", "kw"}, {"modules", mods}, {"var_keywords", true}}), "kw(**config)");
  EXPECT_EQ(sig({{"name", "s"},
                 {"modules", mods},
                 {"params", params({json::object{{"name", "x"}, {"type", "str"}, {"default", "a\"b"}}})}}),
            "s(x: str = 'a\"b')");
  // Defaults read as Python literals.
  EXPECT_EQ(sig({{"name", "d"},
                 {"modules", mods},
                 {"params", params({json::object{{"name", "t"}, {"type", "float"}, {"default", 0.8}},
                                    json::object{{"name", "b"}, {"type", "bool"}, {"default", true}},
                                    json::object{{"name", "q"}, {"type", "str"}, {"default", "it's"}}})}}),
            "d(t: float = 0.8, b: bool = True, q: str = 'it\\'s')");
}

TEST(PluginMetadata, InvalidDocumentsNameTheProblem) {
  struct Case {
    std::string text;
    std::string message;
  };
  const json::array mods{"tests.m"};
  const std::vector<Case> cases = {
      {"{not json", "plugin metadata: document: not valid JSON"},
      {"[1]", "plugin metadata: document: must be a JSON object"},
      {doc({{"name", nullptr}}), "plugin metadata: document: 'name' is missing"},
      {doc({{"name", 7}}), "'name' must be a string"},
      {doc({{"name", "Secrets"}}), "plugin metadata: name: 'Secrets' must match [a-z][a-z0-9_]*"},
      {doc({{"name", "9lives"}}), "'9lives' must match"},
      {doc({{"name", "bad-name"}}), "'bad-name' must match"},
      {doc({{"name", "_x"}}), "'_x' must match"},
      {doc({{"name", std::string(65, 'a')}}), "must match [a-z][a-z0-9_]* (at most 64 characters)"},
      {doc({{"version", nullptr}}), "plugin 'demo': 'version' is missing"},
      {doc({{"version", ""}}), "'version' must be a non-empty short string"},
      {doc({{"network", "sometimes"}}), "'network' must be \"none\", \"optional\" or \"required\""},
      {doc({{"in_process_safe", "yes"}}), "'in_process_safe' must be true or false"},
      {doc({{"thread_safe", 1}}), "'thread_safe' must be true or false"},
      {doc({{"types", "T"}}), "'types' must be an array"},
      {doc({{"types", json::array{json::object{{"name", "T"}}, json::object{{"name", "T"}}}}}), "type 'T' is declared twice"},
      {doc({{"types", json::array{json::object{{"name", "T"}, {"fields", json::array{"a", "a"}}}}}}), "'fields' repeats 'a'"},
      {doc({{"types", json::array{json::object{{"name", "T"}, {"fields", json::array{"no way"}}}}}}), "'fields' holds an invalid field name"},
      {doc({{"types", json::array{json::object{{"name", "f"}}}}}), "'f' is both a function and a type"},
      {doc({{"functions", nullptr}}), "'functions' must be a non-empty array"},
      {doc({{"functions", json::array{}}}), "'functions' must be a non-empty array"},
      {doc({{"functions", json::array{json::object{{"name", "twice"}, {"modules", mods}},
                                      json::object{{"name", "twice"}, {"modules", json::array{"other"}}}}}}),
       "plugin 'demo': function 'twice' is declared twice"},
      {with_function({{"name", "bad name"}, {"modules", mods}}), "functions[0]: name 'bad name' is not an identifier"},
      {with_function({{"name", "f"}}), "function 'f': 'modules' must name at least one policy module"},
      {with_function({{"name", "f"}, {"modules", json::array{"a..b"}}}), "'modules' holds an invalid module name"},
      {with_function({{"name", "f"}, {"modules", json::array{"1abc.x"}}}), "'modules' holds an invalid module name"},
      {with_function({{"name", "f"}, {"modules", json::array{"a", "a"}}}), "'modules' repeats 'a'"},
      {with_function({{"name", "f"}, {"modules", mods}, {"params", "x"}}), "'params' must be an array"},
      {with_function({{"name", "f"}, {"modules", mods}, {"params", params({json::object{{"name", "x"}}, json::object{{"name", "x"}}})}}),
       "function 'f' params[1]: parameter 'x' is declared twice"},
      {with_function({{"name", "f"}, {"modules", mods}, {"params", params({json::object{{"name", "x"}}, json::object{{"name", "d"}, {"kind", "data"}}})}}),
       "params[1]: the data parameter must be the first one"},
      {with_function({{"name", "f"}, {"modules", mods}, {"params", params({json::object{{"name", "x"}, {"kind", "text"}}})}}),
       "kind must be \"data\" or \"value\""},
      {with_function({{"name", "f"}, {"modules", mods}, {"params", params({json::object{{"name", "x"}, {"type", "string"}}})}}),
       "type 'string' is not one of any, str, int, float, bool, list, dict (optionally |None)"},
      {with_function({{"name", "f"}, {"modules", mods}, {"params", params({json::object{{"name", "x"}, {"type", "None|str"}}})}}),
       "type 'None|str' is not one of"},
      {with_function({{"name", "f"}, {"modules", mods}, {"params", params({json::object{{"name", "x"}, {"type", "str|None|None"}}})}}),
       "type 'str|None|None' is not one of"},
      {with_function({{"name", "f"},
                      {"modules", mods},
                      {"params", params({json::object{{"name", "x"}, {"default", 1}}, json::object{{"name", "y"}}})}}),
       "params[1]: a required parameter follows an optional one"},
      {with_function({{"name", "f"}, {"modules", mods}, {"params", params({json::value("x")})}}), "params[0]: must be an object"},
      {with_function({{"name", "f"}, {"modules", mods}, {"var_keywords", "yes"}}), "'var_keywords' must be true or false"},
  };
  for (const auto& c : cases) {
    const std::string e = error_of(c.text);
    EXPECT_NE(e.find(c.message), std::string::npos) << "document: " << c.text << "\nerror: " << e
                                                      << "\nexpected to contain: " << c.message;
  }
}

TEST(PluginMetadata, AcceptedEdgeCases) {
  // Names up to 64 characters, digits and underscores after the first letter, |None types, unknown members.
  const std::string name = "a" + std::string(62, 'b') + "9";
  EXPECT_EQ(parse_plugin_metadata(doc({{"name", name}})).name, name);
  EXPECT_EQ(parse_plugin_metadata(doc({{"name", "pii_2"}, {"future_member", json::object{}}})).name, "pii_2");
  auto m = parse_plugin_metadata(with_function(
      {{"name", "f"},
       {"modules", json::array{"a.b_c.D9"}},
       {"params", params({json::object{{"name", "x"}, {"type", "dict|None"}, {"required", false}}})}}));
  EXPECT_EQ(m.functions[0].params[0].type, "dict|None");
  EXPECT_FALSE(m.functions[0].params[0].required);
  EXPECT_EQ(m.functions[0].signature_text(), "f(x: dict|None = ...)");
}
