#include "domain/eval/value.hpp"

namespace inv {

namespace {
std::size_t count_code_points(const std::string& s, bool& ascii) {
  std::size_t n = 0;
  ascii = true;
  for (unsigned char c : s) {
    if (c >= 0x80) ascii = false;
    if ((c & 0xC0) != 0x80) ++n;
  }
  return n;
}

struct SymbolObj final : Obj {
  explicit SymbolObj(Type t) : Obj(t) {}
};
}  // namespace

StrObj::StrObj(std::string v) : Obj(Type::Str), value(std::move(v)) {
  code_points = count_code_points(value, ascii);
}

const Value* DictObj::find(std::string_view key) const {
  for (const auto& [k, v] : entries)
    if (k == key) return &v;
  return nullptr;
}

int RecordClass::field_index(std::string_view f) const {
  for (std::size_t i = 0; i < fields.size(); ++i)
    if (fields[i] == f) return static_cast<int>(i);
  return -1;
}

const RecordClass& message_class() {
  static const RecordClass c{"Message", RecordKind::Message, {"metadata", "role", "content", "tool_calls"}};
  return c;
}
const RecordClass& tool_call_class() {
  static const RecordClass c{"ToolCall", RecordKind::ToolCall, {"metadata", "id", "type", "function"}};
  return c;
}
const RecordClass& tool_output_class() {
  static const RecordClass c{"ToolOutput", RecordKind::ToolOutput, {"metadata", "role", "content", "tool_call_id"}};
  return c;
}
const RecordClass& function_class() {
  static const RecordClass c{"Function", RecordKind::Function, {"name", "arguments"}};
  return c;
}
const RecordClass& tool_class() {
  static const RecordClass c{"Tool", RecordKind::Tool, {"metadata", "server", "name", "description", "inputSchema"}};
  return c;
}
const RecordClass& tool_parameter_class() {
  static const RecordClass c{"ToolParameter", RecordKind::ToolParameter,
                             {"type", "name", "description", "required", "properties", "additionalProperties",
                              "items", "enum"}};
  return c;
}

const Value& RecordObj::field(std::string_view name) const {
  int i = cls->field_index(name);
  if (i < 0 || static_cast<std::size_t>(i) >= fields.size()) return none();
  return fields[static_cast<std::size_t>(i)];
}

const Value& unknown() {
  static const Value v = std::make_shared<SymbolObj>(Type::Unknown);
  return v;
}
const Value& nop() {
  static const Value v = std::make_shared<SymbolObj>(Type::Nop);
  return v;
}
const Value& none() {
  static const Value v = std::make_shared<SymbolObj>(Type::None);
  return v;
}
const Value& py_bool(bool b) {
  static const Value t = std::make_shared<BoolObj>(true);
  static const Value f = std::make_shared<BoolObj>(false);
  return b ? t : f;
}
Value make_int(std::int64_t v) { return std::make_shared<IntObj>(v); }
Value make_float(double v) { return std::make_shared<FloatObj>(v); }
Value make_str(std::string v) { return std::make_shared<StrObj>(std::move(v)); }
Value make_list(std::vector<Value> v) { return std::make_shared<ListObj>(std::move(v)); }
Value make_tuple(std::vector<Value> v) { return std::make_shared<ListObj>(std::move(v), true); }
Value make_dict(std::vector<std::pair<std::string, Value>> v) { return std::make_shared<DictObj>(std::move(v)); }

Value make_none_node() { return std::make_shared<SymbolObj>(Type::None); }

bool is_record_kind(const Value& v, RecordKind k) {
  return v->type == Type::Record && as_record(v).cls->kind == k;
}
bool is_event(const Value& v) {
  if (v->type != Type::Record) return false;
  auto k = as_record(v).cls->kind;
  return k == RecordKind::Message || k == RecordKind::ToolCall || k == RecordKind::ToolOutput;
}

std::string type_name(const Value& v) {
  switch (v->type) {
    case Type::Unknown: return "Unknown";
    case Type::Nop: return "NOP";
    case Type::None: return "NoneType";
    case Type::Bool: return "bool";
    case Type::Int: return "int";
    case Type::Float: return "float";
    case Type::Str: return "str";
    case Type::List: return "list";
    case Type::Tuple: return "tuple";
    case Type::Dict: return "dict";
    case Type::Record: return as_record(v).cls->name;
    case Type::Callable: return "function";
    case Type::ToolRef: return "ToolReference";
    case Type::Module: return "module";
    case Type::Input: return "Input";
  }
  return "object";
}

}  // namespace inv
