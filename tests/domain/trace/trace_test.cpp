// Trace normalisation: records, node numbering, addresses, happens-before order, linking, leniency
// (DECISIONS.md §9) and error reporting (TRACE_AND_RESULTS.md §1–§3).
#include <cmath>
#include <string>
#include <vector>

#include <boost/json.hpp>
#include <gtest/gtest.h>

#include "domain/eval/value.hpp"
#include "domain/result/py_repr.hpp"
#include "domain/trace/trace.hpp"
#include "tests/domain/trace/trace_test_util.hpp"

namespace inv {
namespace {

using test::collect_preorder;
using test::normalize_text;

std::shared_ptr<const Trace> ok(const char* json_text, const NormalizeLimits& limits = {}) {
  auto out = normalize_text(json_text, limits);
  EXPECT_FALSE(out.error.has_value()) << (out.error ? out.error->path + ": " + out.error->message : "");
  return out.trace;
}

TraceError err(const char* json_text, const NormalizeLimits& limits = {}, std::string_view prefix = "trace") {
  auto out = normalize_text(json_text, limits, prefix);
  EXPECT_FALSE(out.trace);
  EXPECT_TRUE(out.error.has_value());
  return out.error.value_or(TraceError{});
}

const Value& field(const Value& rec, std::string_view name) { return as_record(rec).field(name); }

void expect_preorder(const Trace& t) {
  std::vector<const Obj*> order;
  for (const auto& e : t.events) collect_preorder(e, order);
  ASSERT_EQ(order.size(), t.nodes.size());
  for (std::size_t i = 0; i < order.size(); ++i) {
    ASSERT_EQ(order[i]->node_id, static_cast<std::int32_t>(i));
    ASSERT_EQ(t.nodes[i].obj, order[i]);
  }
}

constexpr const char* kExample = R"([
  {"role": "user", "content": "Send the report to bob", "metadata": {"a": 1}, "name": "ignored"},
  {"role": "assistant", "content": null, "tool_calls": [
     {"id": "1", "type": "function", "function": {"name": "send_email", "arguments": {"to": "bob@x.com", "n": [1, null]}}},
     {"id": "2", "type": "function", "function": {"name": "log", "arguments": "{\"text\": \"sent\"}"}}]},
  {"role": "tool", "tool_call_id": "1", "content": "ok"},
  {"role": "tool", "content": "logged"},
  {"id": "9", "type": "function", "function": {"name": "f", "arguments": {}}}
])";

TEST(Normalize, BuildsRecordsInOrder) {
  auto t = ok(kExample);
  ASSERT_TRUE(t);
  ASSERT_EQ(t->events.size(), 5u);
  EXPECT_TRUE(is_record_kind(t->events[0], RecordKind::Message));
  EXPECT_TRUE(is_record_kind(t->events[1], RecordKind::Message));
  EXPECT_TRUE(is_record_kind(t->events[2], RecordKind::ToolOutput));
  EXPECT_TRUE(is_record_kind(t->events[3], RecordKind::ToolOutput));
  EXPECT_TRUE(is_record_kind(t->events[4], RecordKind::ToolCall));
  for (std::size_t i = 0; i < t->events.size(); ++i) EXPECT_EQ(as_record(t->events[i]).trace_idx, static_cast<int>(i));

  EXPECT_EQ(py_str(t->events[0]),
            "metadata={'a': 1, 'trace_idx': 0} role='user' content='Send the report to bob' tool_calls=None");
  EXPECT_EQ(py_str(t->events[1]),
            "metadata={'trace_idx': 1} role='assistant' content=None tool_calls=[ToolCall(metadata={}, id='1', "
            "type='function', function=Function(name='send_email', arguments={'to': 'bob@x.com', 'n': [1, None]})), "
            "ToolCall(metadata={}, id='2', type='function', function=Function(name='log', arguments={'text': "
            "'sent'}))]");
  EXPECT_EQ(py_str(t->events[2]), "metadata={'trace_idx': 2} role='tool' content='ok' tool_call_id='1'");
  // tool_call_id filled with the last call id seen.
  EXPECT_EQ(py_str(t->events[3]), "metadata={'trace_idx': 3} role='tool' content='logged' tool_call_id='2'");
  EXPECT_EQ(py_str(t->events[4]),
            "metadata={'trace_idx': 4} id='9' type='function' function=Function(name='f', arguments={})");
  expect_preorder(*t);
}

TEST(Normalize, NodeIdsArePreorderAndPathsRender) {
  auto t = ok(kExample);
  ASSERT_TRUE(t);
  const Value& m1 = t->events[1];
  EXPECT_EQ(m1->node_id, 7);  // event 0: record, metadata, a, trace_idx, role, content, tool_calls
  const Value& calls = field(m1, "tool_calls");
  const Value& call0 = as_list(calls).items[0];
  const Value& args = field(field(call0, "function"), "arguments");
  const Value& to = *as_dict(args).find("to");
  EXPECT_EQ(t->path(to.get()), "1.tool_calls.0.function.arguments.to");
  EXPECT_EQ(t->path(as_list(*as_dict(args).find("n")).items[1].get()), "1.tool_calls.0.function.arguments.n.1");
  EXPECT_EQ(t->path(m1.get()), "1");
  EXPECT_EQ(t->path(call0.get()), "1.tool_calls.0");
  EXPECT_EQ(t->path(field(t->events[0], "content").get()), "0.content");
  EXPECT_EQ(t->path(as_dict(field(t->events[0], "metadata")).find("trace_idx")->get()), "0.metadata.trace_idx");
  EXPECT_EQ(t->path(field(t->events[3], "tool_call_id").get()), "3.tool_call_id");
  // Parsed JSON-text arguments are nodes too.
  const Value& call1 = as_list(calls).items[1];
  const Value& text = *as_dict(field(field(call1, "function"), "arguments")).find("text");
  EXPECT_EQ(t->path(text.get()), "1.tool_calls.1.function.arguments.text");

  // Every node of the trace is contained; values computed elsewhere are not.
  for (const auto& n : t->nodes) EXPECT_TRUE(t->contains(n.obj));
  Value fresh = make_str("bob@x.com");
  EXPECT_FALSE(t->contains(fresh.get()));
  EXPECT_FALSE(t->path(fresh.get()).has_value());
  EXPECT_FALSE(t->contains(none().get()));
  EXPECT_FALSE(t->contains(nullptr));
}

TEST(Normalize, EveryNullIsItsOwnNode) {
  auto t = ok(R"([{"role": "user", "content": null}, {"role": "assistant", "content": null, "tool_calls": null}])");
  ASSERT_TRUE(t);
  const Value& c0 = field(t->events[0], "content");
  const Value& c1 = field(t->events[1], "content");
  EXPECT_TRUE(is_none(c0));
  EXPECT_NE(c0.get(), c1.get());
  EXPECT_NE(c0.get(), none().get());
  EXPECT_EQ(t->path(c1.get()), "1.content");
  EXPECT_EQ(t->path(field(t->events[0], "tool_calls").get()), "0.tool_calls");
  expect_preorder(*t);
}

TEST(Normalize, FlowOrderPutsNestedCallsAfterTheirMessage) {
  auto t = ok(kExample);
  ASSERT_TRUE(t);
  const auto& calls = as_list(field(t->events[1], "tool_calls")).items;
  std::vector<const RecordObj*> expected = {&as_record(t->events[0]), &as_record(t->events[1]), &as_record(calls[0]),
                                            &as_record(calls[1]),     &as_record(t->events[2]), &as_record(t->events[3]),
                                            &as_record(t->events[4])};
  ASSERT_EQ(t->flow, expected);
  for (std::size_t i = 0; i < t->flow.size(); ++i) EXPECT_EQ(t->flow[i]->flow_pos, static_cast<int>(i));
  std::vector<const RecordObj*> tool_calls = {&as_record(calls[0]), &as_record(calls[1]), &as_record(t->events[4])};
  EXPECT_EQ(t->tool_calls, tool_calls);
  EXPECT_EQ(as_record(calls[0]).trace_idx, -1);
  EXPECT_EQ(as_record(calls[0]).parent_message, &as_record(t->events[1]));
  EXPECT_EQ(as_record(t->events[4]).parent_message, nullptr);
  EXPECT_TRUE(as_dict(field(calls[0], "metadata")).entries.empty());
}

TEST(Normalize, LinksToolOutputsToCalls) {
  auto t = ok(kExample);
  ASSERT_TRUE(t);
  const auto& calls = as_list(field(t->events[1], "tool_calls")).items;
  EXPECT_EQ(as_record(t->events[2]).linked_call, &as_record(calls[0]));
  EXPECT_EQ(as_record(t->events[3]).linked_call, &as_record(calls[1]));

  auto t2 = ok(R"([
    {"role": "tool", "content": "before any call"},
    {"id": "a", "type": "function", "function": {"name": "f", "arguments": {}}},
    {"role": "tool", "content": "x", "tool_call_id": "zzz"},
    {"role": "tool", "content": "y", "tool_call_id": null},
    {"role": "tool", "content": "z"}
  ])");
  ASSERT_TRUE(t2);
  EXPECT_TRUE(is_none(field(t2->events[0], "tool_call_id")));
  EXPECT_EQ(as_record(t2->events[0]).linked_call, nullptr);
  EXPECT_EQ(as_record(t2->events[2]).linked_call, nullptr);
  EXPECT_EQ(as_record(t2->events[3]).linked_call, nullptr);
  EXPECT_EQ(as_record(t2->events[4]).linked_call, &as_record(t2->events[1]));
  EXPECT_EQ(as_str(field(t2->events[4], "tool_call_id")).value, "a");
  // The filled-in id is a node of its own.
  EXPECT_NE(field(t2->events[4], "tool_call_id").get(), field(t2->events[1], "id").get());
  EXPECT_EQ(t2->path(field(t2->events[4], "tool_call_id").get()), "4.tool_call_id");
}

TEST(Normalize, MetadataMerging) {
  auto t = ok(R"([
    {"role": "user", "content": "a", "metadata": {"x": 1, "trace_idx": 99, "y": 2}},
    {"role": "user", "content": "b", "metadata": null},
    {"role": "assistant", "content": "c", "tool_calls": [
      {"id": "1", "type": "function", "function": {"name": "f", "arguments": {}}, "metadata": {"k": "v"}}]}
  ])");
  ASSERT_TRUE(t);
  EXPECT_EQ(py_repr(field(t->events[0], "metadata")), "{'x': 1, 'trace_idx': 0, 'y': 2}");
  EXPECT_EQ(py_repr(field(t->events[1], "metadata")), "{'trace_idx': 1}");
  EXPECT_EQ(py_repr(field(as_list(field(t->events[2], "tool_calls")).items[0], "metadata")), "{'k': 'v'}");
  expect_preorder(*t);
}

TEST(Normalize, LenientInputsOfLatest) {
  auto t = ok(R"([
    {"role": "user"},
    {"role": "user", "content": [{"type": "text", "text": "Hello"}, {"type": "image_url", "image_url": {"url": "u"}}]},
    {"role": "assistant", "content": {"k": 1}, "tool_calls": []},
    {"role": "tool", "content": {"result": [1, 2]}},
    {"role": "tool", "content": [{"type": "text", "text": "t"}]},
    {"role": "tool"},
    {"role": "system", "content": "s", "server": null, "extra": {"deep": [1]}}
  ])");
  ASSERT_TRUE(t);
  EXPECT_EQ(py_str(t->events[0]), "metadata={'trace_idx': 0} role='user' content=None tool_calls=None");
  EXPECT_EQ(py_str(t->events[1]),
            "metadata={'trace_idx': 1} role='user' content=[{'type': 'text', 'text': 'Hello'}, {'type': 'image_url', "
            "'image_url': {'url': 'u'}}] tool_calls=None");
  EXPECT_EQ(t->path(as_dict(as_list(field(t->events[1], "content")).items[0]).find("text")->get()), "1.content.0.text");
  EXPECT_EQ(py_str(t->events[2]), "metadata={'trace_idx': 2} role='assistant' content={'k': 1} tool_calls=[]");
  EXPECT_EQ(py_str(t->events[3]), "metadata={'trace_idx': 3} role='tool' content={'result': [1, 2]} tool_call_id=None");
  EXPECT_EQ(py_str(t->events[5]), "metadata={'trace_idx': 5} role='tool' content=None tool_call_id=None");
  EXPECT_EQ(py_str(t->events[6]), "metadata={'trace_idx': 6} role='system' content='s' tool_calls=None");
  expect_preorder(*t);
}

TEST(Normalize, NumbersAndScalars) {
  auto t = ok(R"([{"id": "1", "type": "function", "function": {"name": "f", "arguments":
      {"a": 1.5, "b": null, "c": [1, "x"], "d": {"e": true}, "s": "it's", "big": 1e20, "huge": 18446744073709551615,
       "neg": -9223372036854775808, "i": 3, "z": -0.0}}}])");
  ASSERT_TRUE(t);
  EXPECT_EQ(py_str(t->events[0]),
            "metadata={'trace_idx': 0} id='1' type='function' function=Function(name='f', arguments={'a': 1.5, 'b': "
            "None, 'c': [1, 'x'], 'd': {'e': True}, 's': \"it's\", 'big': 1e+20, 'huge': 1.8446744073709552e+19, "
            "'neg': -9223372036854775808, 'i': 3, 'z': -0.0})");
}

TEST(Normalize, ArgumentsAsJsonText) {
  auto t = ok(R"([{"role": "assistant", "content": "", "tool_calls": [{"id": "1", "type": "function",
      "function": {"name": "f", "arguments": "{\"x\": NaN, \"y\": [Infinity, -Infinity], \"x\": 2}"}}]},
      {"id": "2", "type": "function", "function": {"name": "g", "arguments": " {} "}}])");
  ASSERT_TRUE(t);
  const auto& call = as_list(field(t->events[0], "tool_calls")).items[0];
  EXPECT_EQ(py_repr(field(field(call, "function"), "arguments")), "{'x': 2, 'y': [inf, -inf]}");
  EXPECT_EQ(py_repr(field(field(t->events[1], "function"), "arguments")), "{}");
  expect_preorder(*t);
}

TEST(Normalize, EmptyTrace) {
  auto t = ok("[]");
  ASSERT_TRUE(t);
  EXPECT_TRUE(t->events.empty());
  EXPECT_TRUE(t->nodes.empty());
  EXPECT_TRUE(t->flow.empty());
}

TEST(Normalize, ToolDefinitionsBecomeToolEvents) {
  auto t = ok(R"([
    {"role": "user", "content": "hi"},
    {"tools": [
      {"name": "login", "description": "Log in.", "inputSchema": {"type": "object",
        "properties": {"username": {"type": "string", "description": "User name"},
                       "opts": {"type": "object", "properties": {"a": {"type": "int"}}, "required": ["opts.a"],
                                "additionalProperties": false},
                       "tags": {"type": "array", "items": {"type": "string", "enum": ["x", "y"]}},
                       "maybe": {"type": ["string", "null"]}},
        "required": ["username", "maybe"]}},
      {"name": "noop", "inputSchema": {}, "metadata": {"server": "srv"}}
    ]},
    {"role": "assistant", "content": "done"}
  ])");
  ASSERT_TRUE(t);
  ASSERT_EQ(t->events.size(), 4u);
  EXPECT_TRUE(is_record_kind(t->events[1], RecordKind::Tool));
  EXPECT_TRUE(is_record_kind(t->events[2], RecordKind::Tool));
  EXPECT_EQ(as_record(t->events[3]).trace_idx, 3);
  EXPECT_EQ(t->flow.size(), 4u);
  const Value& login = t->events[1];
  EXPECT_EQ(py_repr(field(login, "metadata")), "{'trace_idx': 1}");
  EXPECT_EQ(as_str(field(login, "name")).value, "login");
  EXPECT_TRUE(is_none(field(login, "server")));
  const auto& params = as_list(field(login, "inputSchema")).items;
  ASSERT_EQ(params.size(), 4u);
  EXPECT_EQ(py_repr(params[0]),
            "ToolParameter(type='string', name='username', description='User name', required=True, properties=None, "
            "additionalProperties=None, items=None, enum=None)");
  EXPECT_EQ(py_repr(params[1]),
            "ToolParameter(type='object', name='opts', description='no description available', required=False, "
            "properties={'a': ToolParameter(type='integer', name='opts.a', description='no description available', "
            "required=True, properties=None, additionalProperties=None, items=None, enum=None)}, "
            "additionalProperties=False, items=None, enum=None)");
  EXPECT_EQ(py_repr(params[2]),
            "ToolParameter(type='array', name='tags', description='no description available', required=False, "
            "properties=None, additionalProperties=None, items=ToolParameter(type='string', name='tags item', "
            "description='no description available', required=False, properties=None, additionalProperties=None, "
            "items=None, enum=['x', 'y']), enum=None)");
  EXPECT_EQ(py_repr(params[3]),
            "ToolParameter(type=['string'], name='maybe', description='no description available', required=False, "
            "properties=None, additionalProperties=None, items=None, enum=None)");
  EXPECT_EQ(t->path(field(params[0], "description").get()), "1.inputSchema.0.description");
  EXPECT_EQ(t->path(field(*as_dict(field(params[1], "properties")).find("a"), "name").get()),
            "1.inputSchema.1.properties.a.name");
  const Value& noop = t->events[2];
  EXPECT_EQ(as_str(field(noop, "description")).value, "no description available");
  EXPECT_EQ(as_str(field(noop, "server")).value, "srv");
  EXPECT_TRUE(as_list(field(noop, "inputSchema")).items.empty());
  expect_preorder(*t);
}

// ---- errors ----------------------------------------------------------------------------------------

TEST(NormalizeErrors, NonObjectEvent) {
  auto e = err(R"([{"role": "user", "content": "a"}, "just text"])");
  EXPECT_EQ(e.path, "trace[1]");
  EXPECT_EQ(e.py_type, "AttributeError");
  EXPECT_NE(e.message.find("JSON object"), std::string::npos);
  EXPECT_NE(e.message.find("str"), std::string::npos);
  EXPECT_EQ(err("[null]").path, "trace[0]");
}

TEST(NormalizeErrors, UnparseableEvent) {
  auto e = err(R"([{"foo": 1, "bar": [true, null, "it's", 1.0]}])", {}, "past_events");
  EXPECT_EQ(e.py_type, "ValueError");
  EXPECT_EQ(e.path, "past_events[0]");
  EXPECT_EQ(e.message,
            "Could not parse event in the trace as any of the event types (Message, ToolCall, ToolOutput): "
            "{'foo': 1, 'bar': [True, None, \"it's\", 1.0]}");
}

TEST(NormalizeErrors, FieldProblems) {
  struct Case {
    const char* json;
    const char* path;
    const char* message_part;
  };
  const Case cases[] = {
      {R"([{"role": 5, "content": "a"}])", "trace[0].role", "role: Input should be a valid string (got int)"},
      {R"([{"role": null}])", "trace[0].role", "valid string"},
      {R"([{"role": "user", "content": 3}])", "trace[0].content", "content: Input should be"},
      {R"([{"role": "user", "content": "a", "tool_calls": "x"}])", "trace[0].tool_calls", "valid list"},
      {R"([{"role": "user", "content": "a", "tool_calls": [5]}])", "trace[0].tool_calls[0]", "ToolCall"},
      {R"([{"role": "user", "content": "a", "metadata": [1]}])", "trace[0].metadata", "valid dictionary"},
      {R"([{"role": "a", "tool_calls": [{"id": 5, "type": "function", "function": {"name": "f", "arguments": {}}}]}])",
       "trace[0].tool_calls[0].id", "tool_calls[0].id: Input should be a valid string (got int)"},
      {R"([{"role": "a", "tool_calls": [{"type": "function", "function": {"name": "f", "arguments": {}}}]}])",
       "trace[0].tool_calls[0].id", "Field required"},
      {R"([{"role": "a", "tool_calls": [{"id": "1", "function": {"name": "f", "arguments": {}}}]}])",
       "trace[0].tool_calls[0].type", "Field required"},
      {R"([{"role": "a", "tool_calls": [{"id": "1", "type": "function"}]}])", "trace[0].tool_calls[0].function",
       "tool_calls[0].function: Field required"},
      {R"([{"role": "a", "tool_calls": [{"id": "1", "type": "function", "function": "f"}]}])",
       "trace[0].tool_calls[0].function", "Function"},
      {R"([{"role": "a", "tool_calls": [{"id": "1", "type": "function", "function": {"name": 1, "arguments": {}}}]}])",
       "trace[0].tool_calls[0].function.name", "valid string"},
      {R"([{"role": "a", "tool_calls": [{"id": "1", "type": "function", "function": {"name": "f"}}]}])",
       "trace[0].tool_calls[0].function.arguments", "Field required"},
      {R"([{"role": "a", "tool_calls": [{"id": "1", "type": "function", "function": {"name": "f", "arguments": [1]}}]}])",
       "trace[0].tool_calls[0].function.arguments", "valid dictionary (got list)"},
      {R"([{"role": "a", "tool_calls": [{"id": "1", "type": "function", "function": {"name": "f", "arguments": "[1]"}}]}])",
       "trace[0].tool_calls[0].function.arguments", "valid dictionary (got list)"},
      {R"([{"id": "1", "type": 7, "function": {"name": "f", "arguments": {}}}])", "trace[0].type", "valid string"},
      {R"([{"role": "tool", "content": 1.5}])", "trace[0].content", "(got float)"},
      {R"([{"role": "tool", "content": "x", "tool_call_id": 3}])", "trace[0].tool_call_id", "valid string"},
      {R"([{"role": "user", "content": "x", "metadata": {"weird key": 1}}, {"role": 1}])", "trace[1].role", "role"},
      {R"([{"tools": {"name": "x"}}])", "trace[0].tools", "valid list"},
      {R"([{"tools": [{"name": "x"}]}])", "trace[0].tools[0].inputSchema", "Field required"},
      {R"([{"tools": [{"name": "x", "inputSchema": {"properties": {"p": {"type": "blob"}}}}]}])",
       "trace[0].tools[0].inputSchema.properties.p.type", "Unsupported schema type: blob for parameter p"},
  };
  for (const auto& c : cases) {
    auto e = err(c.json);
    EXPECT_EQ(e.path, c.path) << c.json;
    EXPECT_NE(e.message.find(c.message_part), std::string::npos) << c.json << "\n" << e.message;
    EXPECT_EQ(e.py_type, "ValidationError") << c.json;
  }
}

TEST(NormalizeErrors, BadArgumentsJson) {
  auto e = err(R"([{"role": "user", "content": "a"}, {"role": "assistant", "content": null, "tool_calls": [
      {"id": "1", "type": "function", "function": {"name": "f", "arguments": "{}"}},
      {"id": "2", "type": "function", "function": {"name": "f", "arguments": "{'a': 1}"}}]}])");
  EXPECT_EQ(e.path, "trace[1].tool_calls[1].function.arguments");
  EXPECT_EQ(e.py_type, "JSONDecodeError");
  EXPECT_EQ(e.message, "Expecting property name enclosed in double quotes: line 1 column 2 (char 1)");
  auto e2 = err(R"([{"id": "1", "type": "function", "function": {"name": "f", "arguments": ""}}])");
  EXPECT_EQ(e2.message, "Expecting value: line 1 column 1 (char 0)");
  EXPECT_EQ(e2.path, "trace[0].function.arguments");
}

TEST(NormalizeErrors, PathsQuoteOddKeys) {
  NormalizeLimits lim;
  lim.max_depth = 3;
  auto e = err(R"([{"role": "user", "content": "a", "metadata": {"a b": {"c": [1]}}}])", lim);
  EXPECT_EQ(e.path, "trace[0].metadata[\"a b\"].c[0]");
  EXPECT_EQ(e.py_type, "LimitExceeded");
}

TEST(NormalizeErrors, TooDeep) {
  NormalizeLimits lim;
  lim.max_depth = 5;
  // content is a list at depth 1; four more lists below it put the innermost value at depth 6.
  auto e = err(R"([{"role": "user", "content": [[[[[1]]]]]}])", lim);
  EXPECT_EQ(e.py_type, "LimitExceeded");
  EXPECT_EQ(e.path, "trace[0].content[0][0][0][0][0]");
  EXPECT_NE(e.message.find("deeper than 5"), std::string::npos);
  EXPECT_TRUE(ok(R"([{"role": "user", "content": [[[[1]]]]}])", lim));

  // Nested tool-call arguments count from the event: tool_calls(1) call(2) function(3) arguments(4) value(5).
  EXPECT_TRUE(ok(R"([{"role": "a", "tool_calls": [{"id": "1", "type": "f", "function": {"name": "f", "arguments": {"x": 1}}}]}])", lim));
  auto e2 = err(R"([{"role": "a", "tool_calls": [{"id": "1", "type": "f", "function": {"name": "f", "arguments": "{\"x\": [1]}"}}]}])", lim);
  EXPECT_EQ(e2.py_type, "LimitExceeded");
  EXPECT_EQ(e2.path, "trace[0].tool_calls[0].function.arguments.x[0]");
  auto e3 = err(R"([{"role": "a", "tool_calls": [{"id": "1", "type": "f", "function": {"name": "f", "arguments": "{\"x\": [[[[[[[[[[[[[[[[[[1]]]]]]]]]]]]]]]]]]}"}}]}])", lim);
  EXPECT_EQ(e3.py_type, "LimitExceeded");

  // Deep nesting at the default limit is rejected cleanly (no stack exhaustion).
  std::string deep = R"([{"role": "user", "content": )" + std::string(300, '[') + std::string(300, ']') + "}]";
  auto out = normalize_text(deep.c_str(), NormalizeLimits{}, "trace", 1000);
  ASSERT_TRUE(out.error.has_value());
  EXPECT_EQ(out.error->py_type, "LimitExceeded");
}

TEST(NormalizeErrors, TooManyEventsAndNodes) {
  NormalizeLimits lim;
  lim.max_events = 2;
  auto e = err(R"([{"role": "a"}, {"role": "b"}, {"role": "c"}])", lim);
  EXPECT_EQ(e.py_type, "LimitExceeded");
  EXPECT_NE(e.message.find("too many events"), std::string::npos);
  EXPECT_TRUE(ok(R"([{"role": "a"}, {"role": "b"}])", lim));
  // Tool definitions expand into several events.
  auto e2 = err(R"([{"tools": [{"name": "a", "inputSchema": {}}, {"name": "b", "inputSchema": {}}, {"name": "c", "inputSchema": {}}]}])", lim);
  EXPECT_EQ(e2.py_type, "LimitExceeded");

  NormalizeLimits nodes;
  nodes.max_nodes = 10;
  EXPECT_TRUE(ok(R"([{"role": "a", "content": [1, 2]}])", nodes));  // record, metadata, idx, role, content, 1, 2, tool_calls
  auto e3 = err(R"([{"role": "a", "content": [1, 2, 3, 4, 5, 6, 7, 8]}])", nodes);
  EXPECT_EQ(e3.py_type, "LimitExceeded");
  EXPECT_NE(e3.message.find("too many values"), std::string::npos);
}

// ---- json_to_value / parse_json_text ---------------------------------------------------------------

TEST(JsonValues, JsonToValueIsFresh) {
  auto v = json_to_value(boost::json::parse(R"({"a": [1, 2.5, null, true, "x"], "b": {}})"));
  EXPECT_EQ(py_repr(v), "{'a': [1, 2.5, None, True, 'x'], 'b': {}}");
  EXPECT_EQ(v->node_id, -1);
  EXPECT_EQ(as_list(*as_dict(v).find("a")).items[0]->node_id, -1);
}

TEST(JsonValues, ParseJsonTextFollowsPython) {
  EXPECT_EQ(py_repr(*parse_json_text(R"({"sender": "bob", "n": [1, 2.0, -3e2, 1E400, -1e400, 1e-400]})")),
            "{'sender': 'bob', 'n': [1, 2.0, -300.0, inf, -inf, 0.0]}");
  EXPECT_EQ(py_repr(*parse_json_text(" \t\n\"x\\u00e9\\ud83d\\ude00\\n\\/\" \r\n")), "'xé😀\\n/'");
  EXPECT_EQ(py_repr(*parse_json_text("NaN")), "nan");
  EXPECT_EQ(py_repr(*parse_json_text("[-Infinity, Infinity]")), "[-inf, inf]");
  EXPECT_EQ(py_repr(*parse_json_text("123456789012345678901234567890")), "1.2345678901234568e+29");
  EXPECT_EQ(py_repr(*parse_json_text("-0")), "0");
  EXPECT_EQ(py_repr(*parse_json_text("-0.0")), "-0.0");
  EXPECT_EQ(py_repr(*parse_json_text(R"({"a": 1, "b": 2, "a": 3})")), "{'a': 3, 'b': 2}");
  EXPECT_EQ(py_repr(*parse_json_text("\"\\ud800\"")), "'\xef\xbf\xbd'");  // lone surrogate -> U+FFFD
  EXPECT_EQ(py_repr(*parse_json_text("true")), "True");
  EXPECT_EQ(py_repr(*parse_json_text("null")), "None");
  for (const char* bad : {"", "abc", "{'a': 1}", "[1,]", "{\"a\":1,}", "01", "1.", ".5", "+1", "[1] [2]", "tru", "nan",
                          "\"a\tb\"", "\"\\x\"", "{\"a\" 1}", "\xef\xbb\xbf{}", "[", "\"abc"}) {
    EXPECT_FALSE(parse_json_text(bad).has_value()) << bad;
  }
  std::string deep = std::string(2000, '[') + std::string(2000, ']');
  EXPECT_FALSE(parse_json_text(deep).has_value());
}

}  // namespace
}  // namespace inv
