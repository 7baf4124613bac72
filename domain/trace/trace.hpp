// The normalised trace: raw JSON events -> Message / ToolCall / ToolOutput records with trace indices,
// tool outputs linked to their calls, the happens-before order used by `->` and `~>`, and an address
// for every node (TRACE_AND_RESULTS.md §1–§4, DECISIONS.md §9).
//
// A Trace is immutable after normalisation and may be read by many threads. Every object reachable
// from `events` has `node_id` = its index in `nodes` (depth-first preorder over the events in model
// field order), so sorting ranges by node_id yields the reference's document order.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <boost/json/fwd.hpp>

#include "domain/eval/value.hpp"

namespace inv {

struct TraceNode {
  const Obj* obj = nullptr;
  std::int32_t parent = -1;  // node id of the container, -1 for a top-level event
  std::int32_t index = -1;   // list index (or top-level position) when the container is a list
  std::string key;           // field name or dict key when the container is a record or dict
};

struct Trace {
  std::vector<Value> events;             // top-level events, in order (Message/ToolCall/ToolOutput records)
  std::vector<TraceNode> nodes;          // preorder; nodes[obj->node_id].obj == obj
  std::vector<const RecordObj*> flow;    // happens-before order: events with nested calls after their message
  std::vector<const RecordObj*> tool_calls;  // every ToolCall (nested and top-level) in flow order

  // "1.tool_calls.0.function.arguments.to" for a node of this trace (no "messages." prefix);
  // nullopt when `obj` is not a node of this trace.
  std::optional<std::string> path(const Obj* obj) const;
  bool contains(const Obj* obj) const;
};

struct NormalizeLimits {
  std::size_t max_events = 100000;
  std::size_t max_nodes = 5000000;   // all JSON values in the trace
  int max_depth = 200;               // JSON nesting below an event
};

struct TraceError {
  std::string message;   // human readable, e.g. "tool_calls[0].function: field required"
  std::string path;      // JSON path of the offending value, e.g. "trace[3].tool_calls[0].function"
  std::string py_type = "ValueError";  // the reference's exception type for the same input
};

struct NormalizeOutcome {
  std::shared_ptr<const Trace> trace;   // null on error
  std::optional<TraceError> error;
};

// `events` is the request's JSON array. `path_prefix` names it in error paths ("trace", "past_events").
NormalizeOutcome normalize_trace(const boost::json::array& events, const NormalizeLimits& limits = {},
                                 std::string_view path_prefix = "trace");

// Converts plain JSON to values (used for tool arguments, parameters, detector results). The objects
// are fresh (node_id -1).
Value json_to_value(const boost::json::value& v);
// Python json.loads of a string, for member access on JSON text (LANGUAGE.md §8.8). nullopt if invalid.
std::optional<Value> parse_json_text(std::string_view text);

}  // namespace inv
