// Every trace of the conformance corpus normalises, its nodes are numbered in preorder, and every event
// printed inside an expected error string is exactly py_str()/py_repr() of the normalised event.
#include <fstream>
#include <set>
#include <string>
#include <vector>

#include <boost/json.hpp>
#include <gtest/gtest.h>

#include "domain/result/py_repr.hpp"
#include "domain/trace/trace.hpp"
#include "tests/domain/trace/trace_test_util.hpp"

namespace inv {
namespace {

namespace json = boost::json;

struct CorpusCase {
  std::string id;
  json::array events;
  std::vector<std::string> expected_strings;  // error strings / check entries / exception text
};

void collect_strings(const json::value& expect, std::vector<std::string>& out) {
  if (expect.is_array()) {
    for (const auto& s : expect.get_array())
      if (s.is_string()) out.emplace_back(s.get_string());
  } else if (expect.is_object()) {
    const auto& o = expect.get_object();
    if (const auto* errors = o.if_contains("errors")) {
      for (const auto& e : errors->get_array()) out.emplace_back(e.at("error").get_string());
    }
    if (const auto* ex = o.if_contains("exception")) out.emplace_back(ex->get_string());
  }
}

std::vector<CorpusCase> load_corpus() {
  std::vector<CorpusCase> cases;
  std::ifstream in(std::string(INVARIANT_SHARED_DIR) + "/conformance/cases.jsonl");
  std::string line;
  while (std::getline(in, line)) {
    if (line.empty()) continue;
    json::object o = json::parse(line).as_object();
    CorpusCase c;
    c.id = std::string(o.at("id").as_string());
    if (const auto* t = o.if_contains("trace")) {
      c.events = t->as_array();
    } else {
      for (const auto& e : o.at("past_events").as_array()) c.events.push_back(e);
      for (const auto& e : o.at("pending_events").as_array()) c.events.push_back(e);
    }
    const json::value* expect = o.if_contains("expect_ours");
    if (!expect) expect = o.if_contains("expect_pinned");
    if (expect) collect_strings(*expect, c.expected_strings);
    cases.push_back(std::move(c));
  }
  return cases;
}

void collect_records(const Value& v, std::vector<Value>& out) {
  if (v->type == Type::Record) out.push_back(v);
  if (v->type == Type::List || v->type == Type::Tuple) {
    for (const auto& item : as_list(v).items) collect_records(item, out);
  } else if (v->type == Type::Dict) {
    for (const auto& [k, item] : as_dict(v).entries) collect_records(item, out);
  } else if (v->type == Type::Record) {
    for (const auto& f : as_record(v).fields) collect_records(f, out);
  }
}

TEST(TraceCorpus, EveryTraceNormalises) {
  const auto cases = load_corpus();
  ASSERT_EQ(cases.size(), 281u);
  for (const auto& c : cases) {
    auto out = normalize_trace(c.events);
    ASSERT_TRUE(out.trace) << c.id << ": " << out.error->path << ": " << out.error->message;
    const Trace& t = *out.trace;
    std::vector<const Obj*> order;
    for (const auto& e : t.events) test::collect_preorder(e, order);
    ASSERT_EQ(order.size(), t.nodes.size()) << c.id;
    for (std::size_t i = 0; i < order.size(); ++i) {
      ASSERT_EQ(order[i]->node_id, static_cast<std::int32_t>(i)) << c.id;
      ASSERT_TRUE(t.path(order[i]).has_value());
    }
    ASSERT_GE(t.flow.size(), t.events.size());
  }
}

// Every "metadata=" in an expected string starts an event printed by the reference: its pydantic str
// (`metadata={...} role=...`) or, inside lists, its repr (`ToolCall(metadata=...)`). One of the trace's
// records must print exactly that way at that position.
TEST(TraceCorpus, EventStringsMatchTheReference) {
  const auto cases = load_corpus();
  std::size_t checked = 0;
  std::set<std::string> cases_with_events;
  for (const auto& c : cases) {
    auto out = normalize_trace(c.events);
    ASSERT_TRUE(out.trace) << c.id;
    std::vector<Value> records;
    for (const auto& e : out.trace->events) collect_records(e, records);
    std::vector<std::string> strs, reprs;
    for (const auto& r : records) {
      strs.push_back(py_str(r));
      reprs.push_back(py_repr(r));
    }
    for (const auto& s : c.expected_strings) {
      for (std::size_t p = s.find("metadata="); p != std::string::npos; p = s.find("metadata=", p + 1)) {
        bool matched = false;
        for (std::size_t i = 0; i < records.size() && !matched; ++i) {
          if (s.compare(p, strs[i].size(), strs[i]) == 0) matched = true;
          const std::size_t cls = as_record(records[i]).cls->name.size() + 1;
          if (p >= cls && s.compare(p - cls, reprs[i].size(), reprs[i]) == 0) matched = true;
        }
        EXPECT_TRUE(matched) << c.id << "\n  at " << p << ": " << s.substr(p, 200);
        ++checked;
        cases_with_events.insert(c.id);
      }
    }
  }
  RecordProperty("event_strings_checked", static_cast<int>(checked));
  EXPECT_GT(checked, 90u);
  EXPECT_GT(cases_with_events.size(), 50u);
}

}  // namespace
}  // namespace inv
