#include "adapters/plugins/plugin_values.hpp"

#include <cmath>

#include <boost/json.hpp>

#include "domain/eval/errors.hpp"

namespace inv::adapters::plugins {

namespace json = boost::json;

namespace {
constexpr int kMaxDepth = 256;

json::value to_json(const Value& v, int depth) {
  if (depth > kMaxDepth) throw PolicyRuntimeError("TypeError", "a detector argument is nested too deeply");
  switch (v->type) {
    case Type::Unknown:
    case Type::Nop:
    case Type::None: return nullptr;
    case Type::Bool: return as_bool(v);
    case Type::Int: return as_int(v);
    case Type::Float: return as_float(v);
    case Type::Str: return json::string(as_str(v).value);
    case Type::List:
    case Type::Tuple: {
      json::array a;
      a.reserve(as_list(v).items.size());
      for (const auto& x : as_list(v).items) a.push_back(to_json(x, depth + 1));
      return a;
    }
    case Type::Dict: {
      json::object o;
      for (const auto& [k, x] : as_dict(v).entries) o[k] = to_json(x, depth + 1);
      return o;
    }
    case Type::Record: {
      const auto& r = as_record(v);
      json::object o;
      o["$type"] = r.cls->name;
      for (std::size_t i = 0; i < r.cls->fields.size() && i < r.fields.size(); ++i)
        o[r.cls->fields[i]] = to_json(r.fields[i], depth + 1);
      return o;
    }
    case Type::ToolRef: return json::string(static_cast<const ToolRefObj&>(*v).name);
    default: break;
  }
  throw PolicyRuntimeError("TypeError", "a value of type '" + type_name(v) + "' cannot be passed to a detector");
}

Value from_json(const json::value& j, const std::function<const RecordClass*(std::string_view)>& record_class,
                int depth) {
  if (depth > kMaxDepth) throw PolicyRuntimeError("RuntimeError", "a detector result is nested too deeply");
  switch (j.kind()) {
    case json::kind::null: return none();
    case json::kind::bool_: return py_bool(j.get_bool());
    case json::kind::int64: return make_int(j.get_int64());
    case json::kind::uint64: {
      auto u = j.get_uint64();
      if (u > static_cast<std::uint64_t>(INT64_MAX)) return make_float(static_cast<double>(u));
      return make_int(static_cast<std::int64_t>(u));
    }
    case json::kind::double_: return make_float(j.get_double());
    case json::kind::string: return make_str(std::string(j.get_string()));
    case json::kind::array: {
      std::vector<Value> items;
      items.reserve(j.get_array().size());
      for (const auto& x : j.get_array()) items.push_back(from_json(x, record_class, depth + 1));
      return make_list(std::move(items));
    }
    case json::kind::object: {
      const auto& o = j.get_object();
      if (const json::value* t = o.if_contains("$type"); t && t->is_string()) {
        if (const RecordClass* cls = record_class(t->get_string())) {
          std::vector<Value> fields;
          fields.reserve(cls->fields.size());
          for (const auto& f : cls->fields) {
            const json::value* x = o.if_contains(f);
            fields.push_back(x ? from_json(*x, record_class, depth + 1) : none());
          }
          return std::make_shared<RecordObj>(cls, std::move(fields));
        }
      }
      std::vector<std::pair<std::string, Value>> entries;
      entries.reserve(o.size());
      for (const auto& kv : o) entries.emplace_back(std::string(kv.key()), from_json(kv.value(), record_class, depth + 1));
      return make_dict(std::move(entries));
    }
  }
  return none();
}
}  // namespace

json::value value_to_plugin_json(const Value& v) { return to_json(v, 0); }

Value plugin_json_to_value(const json::value& j,
                           const std::function<const RecordClass*(std::string_view)>& record_class) {
  return from_json(j, record_class, 0);
}

}  // namespace inv::adapters::plugins
