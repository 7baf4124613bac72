// Runtime values of the policy language: Python-like objects (None, bool, int, float, str, list, tuple,
// dict), trace records (Message, ToolCall, ToolOutput, Function, detector results) and callables.
//
// Identity matters: a value that is a node of the normalised trace keeps pointing at that node (values
// point into the trace, DESIGN.md core idea 3), so a violation can name its address; values computed at
// run time are fresh objects and never produce ranges (DECISIONS.md §7). Objects are immutable once
// built and reference-counted (std::shared_ptr), so a normalised trace can be read by many threads.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace inv {

struct CallSignature;

enum class Type : std::uint8_t {
  Unknown,   // an unbound rule variable (three-valued logic)
  Nop,       // the value of a `:=` line
  None,
  Bool,
  Int,
  Float,
  Str,
  List,
  Tuple,
  Dict,
  Record,    // events, Function, detector result objects: a class with ordered fields
  Callable,  // builtin, bound method, detector, predicate, class, quantifier
  ToolRef,   // tool:name (right side of `is`)
  Module,    // an imported module (`import json`)
  Input,     // policy parameters (`input`)
};

struct Obj;
using Value = std::shared_ptr<const Obj>;

struct Obj {
  explicit Obj(Type t) : type(t) {}
  virtual ~Obj() = default;
  const Type type;
  // Preorder position of this object in its normalised trace (document order), -1 for values computed
  // at run time. Set once by trace normalisation before the object is shared.
  std::int32_t node_id = -1;
};

struct BoolObj final : Obj {
  explicit BoolObj(bool v) : Obj(Type::Bool), value(v) {}
  bool value;
};

struct IntObj final : Obj {
  explicit IntObj(std::int64_t v) : Obj(Type::Int), value(v) {}
  std::int64_t value;
};

struct FloatObj final : Obj {
  explicit FloatObj(double v) : Obj(Type::Float), value(v) {}
  double value;
};

// UTF-8 text; Python indexes strings by code point, so the code point count is cached.
struct StrObj final : Obj {
  explicit StrObj(std::string v);
  std::string value;
  bool ascii;                 // every byte < 0x80: byte offsets == code point offsets
  std::size_t code_points;    // Python len()
};

struct ListObj final : Obj {
  explicit ListObj(std::vector<Value> v, bool tuple = false)
      : Obj(tuple ? Type::Tuple : Type::List), items(std::move(v)) {}
  std::vector<Value> items;
};

// Keys are strings (JSON objects and policy dict literals only have string keys); insertion ordered.
struct DictObj final : Obj {
  explicit DictObj(std::vector<std::pair<std::string, Value>> v) : Obj(Type::Dict), entries(std::move(v)) {}
  std::vector<std::pair<std::string, Value>> entries;
  const Value* find(std::string_view key) const;
};

enum class RecordKind : std::uint8_t {
  Message, ToolCall, ToolOutput, Function,  // trace events and the tool-call function
  Tool, ToolParameter,                      // [latest] tool definitions
  Other,                                    // detector results, PolicyViolation, ...
};

// A record class: its Python name and its fields in declaration order (printing and range paths use
// this order, TRACE_AND_RESULTS.md §1).
struct RecordClass {
  std::string name;
  RecordKind kind = RecordKind::Other;
  std::vector<std::string> fields;
  int field_index(std::string_view f) const;
};

const RecordClass& message_class();
const RecordClass& tool_call_class();
const RecordClass& tool_output_class();
const RecordClass& function_class();
// [latest] tool definitions (a trace element {"tools": [...]} becomes one Tool event per tool).
const RecordClass& tool_class();            // metadata, server, name, description, inputSchema
const RecordClass& tool_parameter_class();  // type, name, description, required, properties,
                                            // additionalProperties, items, enum

struct RecordObj final : Obj {
  RecordObj(const RecordClass* c, std::vector<Value> f) : Obj(Type::Record), cls(c), fields(std::move(f)) {}
  const RecordClass* cls;
  std::vector<Value> fields;  // parallel to cls->fields
  // Trace bookkeeping (set by normalisation, read-only afterwards):
  std::int32_t trace_idx = -1;          // top-level position, -1 for nested tool calls / non-events
  std::int32_t flow_pos = -1;           // position in the happens-before order (-1: not in the graph)
  const RecordObj* linked_call = nullptr;   // ToolOutput -> the ToolCall it answers
  const RecordObj* parent_message = nullptr;  // nested ToolCall -> its Message
  const Value& field(std::string_view name) const;  // None value when absent
};

class EvalContext;

// Anything that can be called from a policy. Implementations must be thread-safe: one callable object
// is shared by all evaluations of a compiled policy.
struct CallableObj : Obj {
  CallableObj() : Obj(Type::Callable) {}
  virtual std::string_view name() const = 0;
  // args/kwargs are never Unknown when positional (the evaluator checks first, LANGUAGE.md §8.2).
  virtual Value call(EvalContext& ctx, const std::vector<Value>& args,
                     const std::vector<std::pair<std::string, Value>>& kwargs) const = 0;
  // Detector functions are memoised per analysis on (function, arguments) (LANGUAGE.md §8.12).
  virtual bool cacheable() const { return false; }
  // Whether calls mark highlight ranges (unicode, pii, moderated, fuzzy_contains, ...).
  virtual bool marks_ranges() const { return false; }
  // Declared parameters, checked against each call when a policy is compiled; nullptr = not checked.
  virtual const CallSignature* signature() const { return nullptr; }
};

struct ToolRefObj final : Obj {
  explicit ToolRefObj(std::string n) : Obj(Type::ToolRef), name(std::move(n)) {}
  std::string name;
};

// ---- constructors and shared constants -----------------------------------------------------------
const Value& unknown();
const Value& nop();
const Value& none();
const Value& py_bool(bool b);   // computed booleans (never trace nodes)
Value make_int(std::int64_t v);
Value make_float(double v);
Value make_str(std::string v);
Value make_list(std::vector<Value> v);
Value make_tuple(std::vector<Value> v);
Value make_dict(std::vector<std::pair<std::string, Value>> v);
// A fresh None object (for JSON nulls inside a trace: each must be its own node).
Value make_none_node();

// ---- inspection helpers ---------------------------------------------------------------------------
inline bool is_unknown(const Value& v) { return v->type == Type::Unknown; }
inline bool is_none(const Value& v) { return v->type == Type::None; }
inline bool is_true(const Value& v) { return v->type == Type::Bool && static_cast<const BoolObj&>(*v).value; }
inline bool is_false(const Value& v) { return v->type == Type::Bool && !static_cast<const BoolObj&>(*v).value; }
inline const StrObj& as_str(const Value& v) { return static_cast<const StrObj&>(*v); }
inline const ListObj& as_list(const Value& v) { return static_cast<const ListObj&>(*v); }
inline const DictObj& as_dict(const Value& v) { return static_cast<const DictObj&>(*v); }
inline const RecordObj& as_record(const Value& v) { return static_cast<const RecordObj&>(*v); }
inline std::int64_t as_int(const Value& v) { return static_cast<const IntObj&>(*v).value; }
inline double as_float(const Value& v) { return static_cast<const FloatObj&>(*v).value; }
inline bool as_bool(const Value& v) { return static_cast<const BoolObj&>(*v).value; }
bool is_record_kind(const Value& v, RecordKind k);
bool is_event(const Value& v);  // Message, ToolCall or ToolOutput

// Python type name as used in error messages: 'NoneType', 'str', 'int', 'dict', 'Message', ...
std::string type_name(const Value& v);

}  // namespace inv
