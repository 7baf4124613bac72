// Trace normalisation (TRACE_AND_RESULTS.md §1–§3, DECISIONS.md §9): JSON events -> Message / ToolCall /
// ToolOutput records whose every value is a trace node numbered in document (preorder) order.
#include "domain/trace/trace.hpp"

#include <algorithm>

#include <boost/json.hpp>

#include "domain/result/py_repr.hpp"
#include "domain/trace/json_text.hpp"
#include "domain/trace/trace_builder.hpp"

namespace inv {

namespace detail {

namespace json = boost::json;

namespace {

bool is_identifier(std::string_view k) {
  if (k.empty()) return false;
  for (std::size_t i = 0; i < k.size(); ++i) {
    const char c = k[i];
    const bool alpha = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c == '$';
    if (!alpha && !(i > 0 && c >= '0' && c <= '9')) return false;
  }
  return true;
}

}  // namespace

std::string render_path(std::string prefix, const PathSeg* seg, const PathSeg* stop) {
  std::vector<const PathSeg*> chain;
  for (const PathSeg* p = seg; p && p != stop; p = p->up) chain.push_back(p);
  std::string out = std::move(prefix);
  for (auto it = chain.rbegin(); it != chain.rend(); ++it) {
    const PathSeg& s = **it;
    if (s.index >= 0) {
      out += '[';
      out += std::to_string(s.index);
      out += ']';
    } else if (is_identifier(s.key)) {
      if (!out.empty()) out += '.';
      out += s.key;
    } else {
      out += "[\"";
      for (char c : s.key) {
        if (c == '"' || c == '\\') out += '\\';
        out += c;
      }
      out += "\"]";
    }
  }
  return out;
}

const char* json_type_name(const json::value& v) {
  switch (v.kind()) {
    case json::kind::null: return "NoneType";
    case json::kind::bool_: return "bool";
    case json::kind::int64:
    case json::kind::uint64: return "int";
    case json::kind::double_: return "float";
    case json::kind::string: return "str";
    case json::kind::array: return "list";
    case json::kind::object: return "dict";
  }
  return "object";
}

bool json_truthy(const json::value& v) {
  switch (v.kind()) {
    case json::kind::null: return false;
    case json::kind::bool_: return v.get_bool();
    case json::kind::int64: return v.get_int64() != 0;
    case json::kind::uint64: return v.get_uint64() != 0;
    case json::kind::double_: return v.get_double() != 0.0;
    case json::kind::string: return !v.get_string().empty();
    case json::kind::array: return !v.get_array().empty();
    case json::kind::object: return !v.get_object().empty();
  }
  return false;
}

// ---- TraceBuilder: errors, nodes and chat events ------------------------------------------------------

TraceBuilder::TraceBuilder(const NormalizeLimits& limits, std::string_view prefix, Trace& trace)
    : limits_(limits), prefix_(prefix), t_(trace) {}

void TraceBuilder::run(const json::array& events) {
  if (events.size() > limits_.max_events) {
    fail_at(nullptr,
            "too many events: " + std::to_string(events.size()) + " (limit " + std::to_string(limits_.max_events) + ")",
            kLimitExceeded);
  }
  t_.events.reserve(events.size());
  t_.flow.reserve(events.size());
  for (std::size_t i = 0; i < events.size(); ++i) {
    PathSeg seg{nullptr, {}, static_cast<std::int64_t>(i)};
    event_seg_ = &seg;
    event(events[i], seg);
  }
  event_seg_ = nullptr;
}

void TraceBuilder::fail_at(const PathSeg* seg, std::string message, const char* py_type) {
  TraceError e;
  e.message = std::move(message);
  e.path = render_path(prefix_, seg, nullptr);
  e.py_type = py_type;
  throw NormalizeFailure{std::move(e)};
}

void TraceBuilder::fail_field(const PathSeg* seg, const std::string& problem, const char* py_type) {
  std::string rel = render_path("", seg, event_seg_);
  fail_at(seg, rel.empty() ? problem : rel + ": " + problem, py_type);
}

void TraceBuilder::fail_type(const PathSeg* seg, const char* expected, const json::value& got) {
  fail_field(seg, std::string("Input should be ") + expected + " (got " + json_type_name(got) + ")");
}

void TraceBuilder::check_depth(int depth, const PathSeg* seg) {
  if (depth > limits_.max_depth) {
    fail_field(seg, "JSON nesting deeper than " + std::to_string(limits_.max_depth) + " levels below the event",
               kLimitExceeded);
  }
}

std::int32_t TraceBuilder::reg(const Obj* o, std::int32_t parent, std::int32_t index, std::string_view key) {
  if (t_.nodes.size() >= limits_.max_nodes) {
    fail_at(event_seg_, "too many values in the trace (limit " + std::to_string(limits_.max_nodes) + ")",
            kLimitExceeded);
  }
  const auto id = static_cast<std::int32_t>(t_.nodes.size());
  const_cast<Obj*>(o)->node_id = id;
  t_.nodes.push_back(TraceNode{o, parent, index, std::string(key)});
  return id;
}

Value TraceBuilder::none_node(std::int32_t parent, std::int32_t index, std::string_view key) {
  Value v = make_none_node();
  reg(v.get(), parent, index, key);
  return v;
}

Value TraceBuilder::str_node(std::string text, std::int32_t parent, std::int32_t index, std::string_view key) {
  auto v = std::make_shared<StrObj>(std::move(text));
  reg(v.get(), parent, index, key);
  return v;
}

Value TraceBuilder::int_node(std::int64_t x, std::int32_t parent, std::int32_t index, std::string_view key) {
  auto v = std::make_shared<IntObj>(x);
  reg(v.get(), parent, index, key);
  return v;
}

Value TraceBuilder::bool_node(bool b, std::int32_t parent, std::int32_t index, std::string_view key) {
  auto v = std::make_shared<BoolObj>(b);
  reg(v.get(), parent, index, key);
  return v;
}

Value TraceBuilder::convert(const json::value& v, std::int32_t parent, std::int32_t index, std::string_view key,
                            int depth, const PathSeg* seg) {
  check_depth(depth, seg);
  switch (v.kind()) {
    case json::kind::null: return none_node(parent, index, key);
    case json::kind::bool_: return bool_node(v.get_bool(), parent, index, key);
    case json::kind::int64: return int_node(v.get_int64(), parent, index, key);
    case json::kind::uint64: {
      const auto u = v.get_uint64();
      if (u <= static_cast<std::uint64_t>(INT64_MAX)) return int_node(static_cast<std::int64_t>(u), parent, index, key);
      auto f = std::make_shared<FloatObj>(static_cast<double>(u));
      reg(f.get(), parent, index, key);
      return f;
    }
    case json::kind::double_: {
      auto f = std::make_shared<FloatObj>(v.get_double());
      reg(f.get(), parent, index, key);
      return f;
    }
    case json::kind::string: return str_node(std::string(sv(v.get_string())), parent, index, key);
    case json::kind::array: {
      const auto& a = v.get_array();
      auto list = std::make_shared<ListObj>(std::vector<Value>{});
      const auto id = reg(list.get(), parent, index, key);
      list->items.reserve(a.size());
      for (std::size_t i = 0; i < a.size(); ++i) {
        PathSeg s{seg, {}, static_cast<std::int64_t>(i)};
        list->items.push_back(convert(a[i], id, static_cast<std::int32_t>(i), {}, depth + 1, &s));
      }
      return list;
    }
    case json::kind::object: {
      const auto& o = v.get_object();
      auto dict = std::make_shared<DictObj>(std::vector<std::pair<std::string, Value>>{});
      const auto id = reg(dict.get(), parent, index, key);
      dict->entries.reserve(o.size());
      for (const auto& kv : o) {
        const std::string_view k = kv.key();
        PathSeg s{seg, k, -1};
        Value item = convert(kv.value(), id, -1, k, depth + 1, &s);
        dict->entries.emplace_back(std::string(k), std::move(item));
      }
      return dict;
    }
  }
  return none_node(parent, index, key);
}

void TraceBuilder::event(const json::value& ev, const PathSeg& seg) {
  if (!ev.is_object()) {
    fail_at(&seg,
            std::string("event must be a JSON object (a Message, ToolCall or ToolOutput), got ") + json_type_name(ev),
            "AttributeError");
  }
  const auto& o = ev.get_object();
  if (const json::value* role = o.if_contains("role")) {
    if (role->is_string() && role->get_string() == "tool") {
      tool_output(o, seg);
    } else {
      message(o, seg);
    }
  } else if (o.contains("type")) {
    top_level_tool_call(o, seg);
  } else if (o.contains("tools")) {
    tools(o, seg);
  } else {
    fail_at(&seg,
            "Could not parse event in the trace as any of the event types (Message, ToolCall, ToolOutput): " +
                py_repr(json_to_value(ev)),
            "ValueError");
  }
}

std::int32_t TraceBuilder::next_trace_idx(const PathSeg& seg) {
  if (t_.events.size() >= limits_.max_events) {
    fail_at(&seg, "too many events (limit " + std::to_string(limits_.max_events) + ")", kLimitExceeded);
  }
  return static_cast<std::int32_t>(t_.events.size());
}

void TraceBuilder::push_flow(RecordObj* r) {
  r->flow_pos = static_cast<std::int32_t>(t_.flow.size());
  t_.flow.push_back(r);
}

void TraceBuilder::push_event(const std::shared_ptr<RecordObj>& r) {
  t_.events.push_back(r);
  push_flow(r.get());
}

void TraceBuilder::register_call(const RecordObj* call) {
  const auto& id = call->fields[1];
  if (id->type != Type::Str) return;
  last_call_id_ = as_str(id).value;
  calls_by_id_[as_str(id).value] = call;
}

Value TraceBuilder::metadata(const json::object& o, std::int32_t parent, std::int32_t trace_idx, int depth,
                             const PathSeg* seg) {
  PathSeg ms{seg, "metadata", -1};
  check_depth(depth, &ms);
  auto dict = std::make_shared<DictObj>(std::vector<std::pair<std::string, Value>>{});
  const auto id = reg(dict.get(), parent, -1, "metadata");
  bool have_idx = false;
  if (const json::value* m = o.if_contains("metadata")) {
    if (m->is_object()) {
      for (const auto& kv : m->get_object()) {
        const std::string_view k = kv.key();
        if (trace_idx >= 0 && k == "trace_idx") {
          have_idx = true;
          dict->entries.emplace_back(std::string(k), int_node(trace_idx, id, -1, k));
          continue;
        }
        PathSeg ks{&ms, k, -1};
        Value item = convert(kv.value(), id, -1, k, depth + 1, &ks);
        dict->entries.emplace_back(std::string(k), std::move(item));
      }
    } else if (!m->is_null()) {
      fail_type(&ms, "a valid dictionary", *m);
    }
  }
  if (trace_idx >= 0 && !have_idx) dict->entries.emplace_back("trace_idx", int_node(trace_idx, id, -1, "trace_idx"));
  return dict;
}

Value TraceBuilder::required_str(const json::object& o, std::string_view name, std::int32_t parent, int depth,
                                 const PathSeg* seg) {
  PathSeg fs{seg, name, -1};
  const json::value* v = o.if_contains(name);
  if (!v) fail_field(&fs, "Field required");
  if (!v->is_string()) fail_type(&fs, "a valid string", *v);
  return convert(*v, parent, -1, name, depth, &fs);
}

Value TraceBuilder::content(const json::object& o, std::int32_t parent, const PathSeg* seg) {
  PathSeg cs{seg, "content", -1};
  const json::value* c = o.if_contains("content");
  if (!c) return none_node(parent, -1, "content");
  if (c->is_string() || c->is_null() || c->is_array() || c->is_object())
    return convert(*c, parent, -1, "content", 1, &cs);
  fail_type(&cs, "a valid string, a list of content chunks or null", *c);
}

void TraceBuilder::message(const json::object& o, const PathSeg& seg) {
  const std::int32_t k = next_trace_idx(seg);
  auto rec = std::make_shared<RecordObj>(&message_class(), std::vector<Value>(4));
  rec->trace_idx = k;
  const auto id = reg(rec.get(), -1, k, {});
  rec->fields[0] = metadata(o, id, k, 1, &seg);
  rec->fields[1] = required_str(o, "role", id, 1, &seg);
  rec->fields[2] = content(o, id, &seg);

  std::vector<std::shared_ptr<RecordObj>> nested;
  PathSeg ts{&seg, "tool_calls", -1};
  const json::value* tc = o.if_contains("tool_calls");
  if (!tc || tc->is_null()) {
    rec->fields[3] = none_node(id, -1, "tool_calls");
  } else if (tc->is_array()) {
    check_depth(1, &ts);
    auto list = std::make_shared<ListObj>(std::vector<Value>{});
    const auto lid = reg(list.get(), id, -1, "tool_calls");
    const auto& arr = tc->get_array();
    list->items.reserve(arr.size());
    for (std::size_t j = 0; j < arr.size(); ++j) {
      PathSeg cs{&ts, {}, static_cast<std::int64_t>(j)};
      if (!arr[j].is_object()) fail_type(&cs, "a valid dictionary or instance of ToolCall", arr[j]);
      auto call = tool_call(arr[j].get_object(), lid, static_cast<std::int32_t>(j), {}, 2, &cs, -1);
      call->parent_message = rec.get();
      list->items.push_back(call);
      nested.push_back(std::move(call));
    }
    rec->fields[3] = std::move(list);
  } else {
    fail_type(&ts, "a valid list", *tc);
  }

  push_event(rec);
  for (const auto& call : nested) {
    push_flow(call.get());
    t_.tool_calls.push_back(call.get());
    register_call(call.get());
  }
}

std::shared_ptr<RecordObj> TraceBuilder::tool_call(const json::object& o, std::int32_t parent, std::int32_t index,
                                                   std::string_view key, int depth, const PathSeg* seg,
                                                   std::int32_t trace_idx) {
  check_depth(depth, seg);
  auto rec = std::make_shared<RecordObj>(&tool_call_class(), std::vector<Value>(4));
  rec->trace_idx = trace_idx;
  const auto id = reg(rec.get(), parent, index, key);
  rec->fields[0] = metadata(o, id, trace_idx, depth + 1, seg);
  rec->fields[1] = required_str(o, "id", id, depth + 1, seg);
  rec->fields[2] = required_str(o, "type", id, depth + 1, seg);

  PathSeg fs{seg, "function", -1};
  const json::value* f = o.if_contains("function");
  if (!f) fail_field(&fs, "Field required");
  if (!f->is_object()) fail_type(&fs, "a valid dictionary or instance of Function", *f);
  const auto& fo = f->get_object();
  check_depth(depth + 1, &fs);
  auto fn = std::make_shared<RecordObj>(&function_class(), std::vector<Value>(2));
  const auto fid = reg(fn.get(), id, -1, "function");
  fn->fields[0] = required_str(fo, "name", fid, depth + 2, &fs);

  PathSeg as{&fs, "arguments", -1};
  const json::value* a = fo.if_contains("arguments");
  if (!a) fail_field(&as, "Field required");
  if (a->is_string()) {
    // Arguments given as JSON text (the OpenAI wire format) are parsed like json.loads.
    json::value parsed;
    detail::PyJsonError err;
    const int budget = std::max(1, limits_.max_depth - (depth + 2) + 2);
    if (!detail::parse_python_json(sv(a->get_string()), parsed, err, budget)) {
      if (err.too_deep) check_depth(limits_.max_depth + 1, &as);
      fail_at(&as, err.message, "JSONDecodeError");
    }
    if (!parsed.is_object()) fail_type(&as, "a valid dictionary", parsed);
    fn->fields[1] = convert(parsed, fid, -1, "arguments", depth + 2, &as);
  } else if (a->is_object()) {
    fn->fields[1] = convert(*a, fid, -1, "arguments", depth + 2, &as);
  } else {
    fail_type(&as, "a valid dictionary", *a);
  }
  rec->fields[3] = std::move(fn);
  return rec;
}

void TraceBuilder::top_level_tool_call(const json::object& o, const PathSeg& seg) {
  const std::int32_t k = next_trace_idx(seg);
  auto call = tool_call(o, -1, k, {}, 0, &seg, k);
  push_event(call);
  t_.tool_calls.push_back(call.get());
  register_call(call.get());
}

void TraceBuilder::tool_output(const json::object& o, const PathSeg& seg) {
  const std::int32_t k = next_trace_idx(seg);
  auto rec = std::make_shared<RecordObj>(&tool_output_class(), std::vector<Value>(4));
  rec->trace_idx = k;
  const auto id = reg(rec.get(), -1, k, {});
  rec->fields[0] = metadata(o, id, k, 1, &seg);
  rec->fields[1] = required_str(o, "role", id, 1, &seg);
  rec->fields[2] = content(o, id, &seg);
  PathSeg is{&seg, "tool_call_id", -1};
  const json::value* tid = o.if_contains("tool_call_id");
  if (!tid) {
    rec->fields[3] =
        last_call_id_ ? str_node(*last_call_id_, id, -1, "tool_call_id") : none_node(id, -1, "tool_call_id");
  } else if (tid->is_string() || tid->is_null()) {
    rec->fields[3] = convert(*tid, id, -1, "tool_call_id", 1, &is);
  } else {
    fail_type(&is, "a valid string", *tid);
  }
  if (rec->fields[3]->type == Type::Str) {
    auto it = calls_by_id_.find(as_str(rec->fields[3]).value);
    if (it != calls_by_id_.end()) rec->linked_call = it->second;
  }
  push_event(rec);
}

}  // namespace detail

NormalizeOutcome normalize_trace(const boost::json::array& events, const NormalizeLimits& limits,
                                 std::string_view path_prefix) {
  auto trace = std::make_shared<Trace>();
  NormalizeOutcome out;
  try {
    detail::TraceBuilder(limits, path_prefix, *trace).run(events);
  } catch (const detail::NormalizeFailure& f) {
    out.error = f.error;
    return out;
  }
  out.trace = std::move(trace);
  return out;
}

}  // namespace inv
