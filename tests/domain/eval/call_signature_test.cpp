// Calls of callables that declare a signature (detector functions) are checked when a policy is compiled:
// check_call's messages (table-driven), and the PolicyLoadingError with line/column a wrong call gives.
#include <gtest/gtest.h>

#include <map>

#include "domain/eval/call_signature.hpp"
#include "domain/eval/errors.hpp"
#include "domain/policy/compile.hpp"
#include "tests/domain/eval/eval_test_util.hpp"

namespace inv {
namespace {

CallSignature semgrep_like() {
  CallSignature s;
  s.params = {{"data", "any", true}, {"lang", "str", true}};
  return s;
}
CallSignature unicode_like() {
  CallSignature s;
  s.params = {{"data", "any", true}, {"categories", "list|None", false}};
  return s;
}
CallSignature copyright_like() {
  CallSignature s;
  s.params = {{"data", "any", true}};
  s.var_keywords = true;
  return s;
}

struct CheckCase {
  CallSignature sig;
  std::vector<std::string> positional;                        // literal types ("" = run-time value)
  std::vector<std::pair<std::string, std::string>> keywords;  // name, literal type
  std::string expected;                                       // "" = accepted
};

TEST(CallSignature, CheckCallTable) {
  const std::vector<CheckCase> cases = {
      {semgrep_like(), {"", "str"}, {}, ""},
      {semgrep_like(), {""}, {{"lang", "str"}}, ""},
      {semgrep_like(), {""}, {{"lang", ""}}, ""},
      {semgrep_like(), {""}, {}, "f() missing 1 required argument: 'lang'"},
      {semgrep_like(), {}, {}, "f() missing 2 required arguments: 'data' and 'lang'"},
      {semgrep_like(), {"", "str", "int"}, {}, "f() takes 2 positional arguments but 3 were given"},
      {semgrep_like(), {""}, {{"lang", "int"}}, "f() argument 'lang' must be str, not int"},
      {semgrep_like(), {"", "NoneType"}, {}, "f() argument 'lang' must be str, not NoneType"},
      {semgrep_like(), {"", "str"}, {{"lang", "str"}}, "f() got multiple values for argument 'lang'"},
      {semgrep_like(), {"", "str"}, {{"language", "str"}}, "f() got an unexpected keyword argument 'language'"},
      {unicode_like(), {""}, {}, ""},
      {unicode_like(), {"", "NoneType"}, {}, ""},
      {unicode_like(), {"", "list"}, {}, ""},
      {unicode_like(), {"", "str"}, {}, "f() argument 'categories' must be list|None, not str"},
      {copyright_like(), {""}, {{"threshold", "float"}}, ""},
      {copyright_like(), {"", ""}, {}, "f() takes 1 positional argument but 2 were given"},
  };
  for (std::size_t i = 0; i < cases.size(); ++i) {
    const auto& c = cases[i];
    std::vector<ArgumentShape> pos;
    for (const auto& t : c.positional) pos.push_back({t});
    std::vector<std::pair<std::string, ArgumentShape>> kw;
    for (const auto& [k, t] : c.keywords) kw.emplace_back(k, ArgumentShape{t});
    auto got = check_call("f", c.sig, pos, kw);
    EXPECT_EQ(got.value_or(""), c.expected) << "case " << i;
  }
}

TEST(CallSignature, FloatParametersTakeIntegerLiterals) {
  CallSignature s;
  s.params = {{"x", "float", true}};
  EXPECT_FALSE(check_call("f", s, {{"int"}}, {}));
  EXPECT_FALSE(check_call("f", s, {{"float"}}, {}));
  EXPECT_TRUE(check_call("f", s, {{"str"}}, {}));
}

// A registry with one detector `scan(data, lang: str)` in module `acme`.
struct SignedFn final : CallableObj {
  CallSignature sig = semgrep_like();
  std::string_view name() const override { return "scan"; }
  const CallSignature* signature() const override { return &sig; }
  Value call(EvalContext&, const std::vector<Value>&, const std::vector<std::pair<std::string, Value>>&) const override {
    return py_bool(true);
  }
};
struct OneDetector final : DetectorRegistry {
  Value fn = std::make_shared<SignedFn>();
  Value lookup(std::string_view module, std::string_view name) const override {
    return module == "acme" && name == "scan" ? fn : nullptr;
  }
  std::vector<std::pair<std::string, std::string>> exports() const override { return {{"acme", "scan"}}; }
};

TEST(CallSignature, WrongCallIsAPolicyErrorAtTheCall) {
  OneDetector registry;
  auto c = compile_policy(
      "from acme import scan\n"
      "\n"
      "raise \"bad\" if:\n"
      "    (m: Message)\n"
      "    scan(m.content)\n",
      registry);
  ASSERT_TRUE(c.error);
  EXPECT_EQ(c.error->type, "PolicyLoadingError");
  EXPECT_NE(c.error->message.find("  5* |     scan(m.content)\n     |     ^\n     | TypeError: scan() missing 1 required argument: 'lang'"),
            std::string::npos)
      << c.error->message;
}

TEST(CallSignature, RightCallsCompileAndLocalNamesShadowTheImport) {
  OneDetector registry;
  EXPECT_FALSE(compile_policy("from acme import scan\n\nraise \"x\" if:\n    (m: Message)\n    scan(m.content, lang=\"python\")\n",
                              registry).error);
  EXPECT_FALSE(compile_policy("from acme import scan\n\nraise \"x\" if:\n    (m: Message)\n    scan(m.content, \"bash\")\n",
                              registry).error);
  // Not the imported detector: a variable of the rule that happens to have the same name.
  auto c = compile_policy("from acme import scan\n\nraise \"x\" if:\n    (m: Message)\n    scan := m.content\n    scan\n",
                          registry);
  EXPECT_FALSE(c.error) << c.error->message;
}

TEST(CallSignature, LiteralArgumentTypesAreChecked) {
  OneDetector registry;
  auto c = compile_policy("from acme import scan\n\nraise \"x\" if:\n    (m: Message)\n    scan(m.content, lang=3)\n",
                          registry);
  ASSERT_TRUE(c.error);
  EXPECT_NE(c.error->message.find("TypeError: scan() argument 'lang' must be str, not int"), std::string::npos)
      << c.error->message;
}

}  // namespace
}  // namespace inv
