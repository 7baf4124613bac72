// Internal to the trace module: the normaliser's state and the helpers its source files share
// (trace.cpp: nodes and chat events; tool_events.cpp: [latest] tool definitions).
//
// One TraceBuilder fills one Trace, single-threaded, before the Trace is shared. Every object it creates
// is fresh and numbered as the next node (depth-first preorder), so node ids follow document order.
// Errors are thrown as NormalizeFailure and turned into NormalizeOutcome::error by normalize_trace.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>

#include <boost/json.hpp>

#include "domain/eval/value.hpp"
#include "domain/trace/trace.hpp"

namespace inv::detail {

// A location in the request JSON, for error paths: a chain of keys / indices living on the stack.
struct PathSeg {
  const PathSeg* up = nullptr;
  std::string_view key;
  std::int64_t index = -1;  // >= 0: list index
};

// `prefix` + the segments from below `stop` (exclusive) down to `seg`: `trace[3].tool_calls[0].function`.
std::string render_path(std::string prefix, const PathSeg* seg, const PathSeg* stop);
// Python type name of a JSON value: 'NoneType', 'bool', 'int', 'float', 'str', 'list', 'dict'.
const char* json_type_name(const boost::json::value& v);
// Python truthiness of a JSON value.
bool json_truthy(const boost::json::value& v);
inline std::string_view sv(const boost::json::string& s) { return {s.data(), s.size()}; }

struct NormalizeFailure {
  TraceError error;
};

inline constexpr const char* kValidationError = "ValidationError";
inline constexpr const char* kLimitExceeded = "LimitExceeded";

class TraceBuilder {
 public:
  TraceBuilder(const NormalizeLimits& limits, std::string_view prefix, Trace& trace);
  // Normalises all events into the trace; throws NormalizeFailure.
  void run(const boost::json::array& events);

 private:
  using JsonObject = boost::json::object;
  using JsonValue = boost::json::value;

  const NormalizeLimits& limits_;
  std::string prefix_;
  Trace& t_;
  const PathSeg* event_seg_ = nullptr;  // the event being normalised (field messages are relative to it)
  std::unordered_map<std::string, const RecordObj*> calls_by_id_;
  std::optional<std::string> last_call_id_;

  // ---- errors (the message is used verbatim; the path goes to TraceError::path) --------------------
  [[noreturn]] void fail_at(const PathSeg* seg, std::string message, const char* py_type);
  // A field problem: the message names the field relative to its event ("tool_calls[0].function: ...").
  [[noreturn]] void fail_field(const PathSeg* seg, const std::string& problem, const char* py_type = kValidationError);
  [[noreturn]] void fail_type(const PathSeg* seg, const char* expected, const JsonValue& got);
  void check_depth(int depth, const PathSeg* seg);

  // ---- nodes ----------------------------------------------------------------------------------------
  // Numbers a freshly created object (not yet shared with anyone) as the next trace node.
  std::int32_t reg(const Obj* o, std::int32_t parent, std::int32_t index, std::string_view key);
  Value none_node(std::int32_t parent, std::int32_t index, std::string_view key);
  Value str_node(std::string text, std::int32_t parent, std::int32_t index, std::string_view key);
  Value int_node(std::int64_t x, std::int32_t parent, std::int32_t index, std::string_view key);
  Value bool_node(bool b, std::int32_t parent, std::int32_t index, std::string_view key);
  // JSON -> fresh node objects, depth-first preorder. `depth` counts levels below the event.
  Value convert(const JsonValue& v, std::int32_t parent, std::int32_t index, std::string_view key, int depth,
                const PathSeg* seg);

  // ---- chat events (trace.cpp) -------------------------------------------------------------------------
  void event(const JsonValue& ev, const PathSeg& seg);
  std::int32_t next_trace_idx(const PathSeg& seg);
  void push_flow(RecordObj* r);
  void push_event(const std::shared_ptr<RecordObj>& r);
  void register_call(const RecordObj* call);
  // The provided metadata object (or {}), plus trace_idx for top-level events (trace_idx >= 0).
  Value metadata(const JsonObject& o, std::int32_t parent, std::int32_t trace_idx, int depth, const PathSeg* seg);
  Value required_str(const JsonObject& o, std::string_view name, std::int32_t parent, int depth, const PathSeg* seg);
  Value content(const JsonObject& o, std::int32_t parent, const PathSeg* seg);
  void message(const JsonObject& o, const PathSeg& seg);
  std::shared_ptr<RecordObj> tool_call(const JsonObject& o, std::int32_t parent, std::int32_t index,
                                       std::string_view key, int depth, const PathSeg* seg, std::int32_t trace_idx);
  void top_level_tool_call(const JsonObject& o, const PathSeg& seg);
  void tool_output(const JsonObject& o, const PathSeg& seg);

  // ---- [latest] tool definitions (tool_events.cpp) -------------------------------------------------------
  void tools(const JsonObject& o, const PathSeg& seg);
  void tool(const JsonObject& o, const PathSeg& seg);
  Value tool_parameter(const std::string& name, const JsonValue& schema_v, const JsonValue* required_keys,
                       std::int32_t parent, std::int32_t index, std::string_view key, int depth, const PathSeg* seg);
  [[noreturn]] void unsupported(const PathSeg* seg, const std::string& type, const std::string& name);
};

}  // namespace inv::detail
