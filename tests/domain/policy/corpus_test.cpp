// Every distinct policy of the public conformance corpus: the ones the reference rejected with a
// syntax error must be rejected, every other one must parse (scope and type errors are the
// checker's business). Policies using [latest] syntax carry `expect_ours` and must parse.
#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <fstream>
#include <iostream>
#include <set>
#include <string>

#include "domain/policy/diagnostics.hpp"
#include "domain/policy/parser.hpp"

namespace inv::policy {
namespace {

namespace json = boost::json;

struct CorpusPolicy {
  std::string id;
  std::string policy;
  bool reference_syntax_error = false;
};

std::vector<CorpusPolicy> load_corpus() {
  std::ifstream in(std::string(INVARIANT_SHARED_DIR) + "/conformance/cases.jsonl");
  std::vector<CorpusPolicy> out;
  std::set<std::string> seen;
  std::string line;
  while (std::getline(in, line)) {
    if (line.empty()) continue;
    json::object c = json::parse(line).as_object();
    std::string policy(c.at("policy").as_string());
    const json::value& expect = c.contains("expect_ours") ? c.at("expect_ours") : c.at("expect_pinned");
    bool syntax_error = false;
    if (expect.is_object() && expect.as_object().contains("exception")) {
      std::string exc(expect.as_object().at("exception").as_string());
      syntax_error = exc.rfind("PolicyLoadingError:", 0) == 0 &&
                     (exc.find("No terminal matches") != std::string::npos ||
                      exc.find("Unexpected") != std::string::npos);
    }
    auto found = seen.insert(policy);
    if (!found.second) {
      // the same policy may appear in several cases; a syntax error is a property of the text
      for (auto& p : out) {
        if (p.policy == policy) p.reference_syntax_error = p.reference_syntax_error || syntax_error;
      }
      continue;
    }
    out.push_back(CorpusPolicy{std::string(c.at("id").as_string()), std::move(policy), syntax_error});
  }
  return out;
}

TEST(PolicyCorpus, EveryPolicyParsesOrFailsLikeTheReference) {
  const auto corpus = load_corpus();
  ASSERT_GT(corpus.size(), 100u);
  int parsed = 0, rejected = 0, must_reject = 0;
  for (const auto& p : corpus) {
    ParseOutcome out = parse_policy(p.policy);
    if (p.reference_syntax_error) {
      ++must_reject;
      EXPECT_FALSE(out.errors.empty()) << p.id << " should be a syntax error\n" << p.policy;
      if (!out.errors.empty()) ++rejected;
    } else {
      EXPECT_TRUE(out.errors.empty()) << p.id << "\n"
                                      << (out.errors.empty() ? "" : render_policy_errors(dedent(p.policy), out.errors));
      if (out.errors.empty()) ++parsed;
    }
  }
  std::cout << "[ corpus   ] distinct policies: " << corpus.size() << ", parsed: " << parsed
            << ", reference syntax errors: " << must_reject << " (rejected: " << rejected << ")\n";
  EXPECT_EQ(parsed + must_reject, static_cast<int>(corpus.size()));
}

}  // namespace
}  // namespace inv::policy
