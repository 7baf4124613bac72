// [latest] tool definitions: a trace element {"tools": [{name, description, inputSchema}, ...]} becomes one
// Tool event per tool, its JSON-schema properties ToolParameter records (as the [latest] analyzer converts
// them: type aliases, "no description available", dotted names for nested properties, "<name> item" for
// array items). DECISIONS.md "Beyond the original".
#include <boost/json.hpp>

#include "domain/result/py_repr.hpp"
#include "domain/trace/trace_builder.hpp"

namespace inv::detail {

namespace json = boost::json;

namespace {

// Python `name in required_keys` for the JSON value found under "required".
bool listed(const json::value* keys, std::string_view name) {
  if (!keys) return false;
  if (keys->is_array()) {
    for (const auto& k : keys->get_array())
      if (k.is_string() && sv(k.get_string()) == name) return true;
    return false;
  }
  if (keys->is_string()) return sv(keys->get_string()).find(name) != std::string_view::npos;  // Python `in` on str
  if (keys->is_object()) return keys->get_object().contains(name);
  return false;
}

// The ToolParameter type literals.
bool supported_type(std::string_view t) {
  return t == "object" || t == "array" || t == "string" || t == "number" || t == "integer" || t == "boolean";
}

}  // namespace

void TraceBuilder::tools(const json::object& o, const PathSeg& seg) {
  PathSeg ts{&seg, "tools", -1};
  const json::value& tv = o.at("tools");
  if (!tv.is_array()) fail_type(&ts, "a valid list", tv);
  const auto& arr = tv.get_array();
  for (std::size_t j = 0; j < arr.size(); ++j) {
    PathSeg one{&ts, {}, static_cast<std::int64_t>(j)};
    if (!arr[j].is_object()) fail_type(&one, "a valid dictionary", arr[j]);
    tool(arr[j].get_object(), one);
  }
}

void TraceBuilder::tool(const json::object& o, const PathSeg& seg) {
  PathSeg ns{&seg, "name", -1};
  const json::value* name = o.if_contains("name");
  if (!name) fail_field(&ns, "Field required");
  if (!name->is_string()) fail_type(&ns, "a valid string", *name);
  PathSeg ss{&seg, "inputSchema", -1};
  const json::value* schema = o.if_contains("inputSchema");
  if (!schema) fail_field(&ss, "Field required");
  if (!schema->is_object()) fail_type(&ss, "a valid dictionary", *schema);
  PathSeg ps{&ss, "properties", -1};
  const json::value* props = schema->get_object().if_contains("properties");
  if (props && !props->is_object()) fail_type(&ps, "a valid dictionary", *props);
  const json::value* required = schema->get_object().if_contains("required");

  const json::value* desc = o.if_contains("description");
  std::string description;
  if (!desc || desc->is_null()) {
    description = "no description available";
  } else if (desc->is_string()) {
    description = std::string(sv(desc->get_string()));
  } else {
    description = py_str(json_to_value(*desc));
  }
  PathSeg ms{&seg, "metadata", -1};
  PathSeg svs{&ms, "server", -1};
  const json::value* server = nullptr;
  if (const json::value* md = o.if_contains("metadata")) {
    if (!md->is_object()) fail_type(&ms, "a valid dictionary", *md);
    server = md->get_object().if_contains("server");
    if (server && !server->is_string() && !server->is_null()) fail_type(&svs, "a valid string", *server);
  }

  const std::int32_t k = next_trace_idx(seg);
  auto rec = std::make_shared<RecordObj>(&tool_class(), std::vector<Value>(5));
  rec->trace_idx = k;
  const auto id = reg(rec.get(), -1, k, {});
  rec->fields[0] = metadata(json::object{}, id, k, 1, &seg);
  rec->fields[1] = server ? convert(*server, id, -1, "server", 1, &svs) : none_node(id, -1, "server");
  rec->fields[2] = convert(*name, id, -1, "name", 1, &ns);
  rec->fields[3] = str_node(std::move(description), id, -1, "description");
  auto list = std::make_shared<ListObj>(std::vector<Value>{});
  const auto lid = reg(list.get(), id, -1, "inputSchema");
  if (props) {
    std::int32_t i = 0;
    for (const auto& kv : props->get_object()) {
      PathSeg one{&ps, kv.key(), -1};
      list->items.push_back(tool_parameter(std::string(kv.key()), kv.value(), required, lid, i++, {}, 2, &one));
    }
  }
  rec->fields[4] = std::move(list);
  push_event(rec);
}

void TraceBuilder::unsupported(const PathSeg* seg, const std::string& type, const std::string& name) {
  fail_field(seg, "Unsupported schema type: " + type + " for parameter " + name +
                      ". Supported types are: object, array, string, number, boolean.");
}

Value TraceBuilder::tool_parameter(const std::string& name, const json::value& schema_v,
                                   const json::value* required_keys, std::int32_t parent, std::int32_t index,
                                   std::string_view key, int depth, const PathSeg* seg) {
  check_depth(depth, seg);
  if (!schema_v.is_object()) fail_type(seg, "a valid dictionary", schema_v);
  const auto& schema = schema_v.get_object();
  PathSeg tys{seg, "type", -1};
  const json::value* type_v = schema.if_contains("type");
  std::string type = "string";
  const json::array* type_list = nullptr;
  if (type_v && type_v->is_string()) {
    type = std::string(sv(type_v->get_string()));
    static const std::pair<const char*, const char*> aliases[] = {
        {"int", "integer"}, {"long", "integer"}, {"float", "number"}, {"bool", "boolean"},
        {"str", "string"},  {"dict", "object"},  {"list", "array"}};
    for (const auto& [from, to] : aliases)
      if (type == from) type = to;
  } else if (type_v && type_v->is_array()) {
    type_list = &type_v->get_array();
  } else if (type_v) {
    unsupported(&tys, py_str(json_to_value(*type_v)), name);
  }
  PathSeg ds{seg, "description", -1};
  const json::value* desc = schema.if_contains("description");
  std::string description = "no description available";
  if (desc && desc->is_string()) {
    description = std::string(sv(desc->get_string()));
  } else if (desc && !desc->is_null()) {
    fail_type(&ds, "a valid string", *desc);
  }
  bool required = listed(required_keys, name);

  std::vector<std::string> list_types;
  if (type_list) {
    for (std::size_t i = 0; i < type_list->size(); ++i) {
      const auto& p = (*type_list)[i];
      PathSeg es{&tys, {}, static_cast<std::int64_t>(i)};
      if (!p.is_string()) fail_type(&es, "a valid string", p);
      const std::string_view ps = sv(p.get_string());
      if (ps.find("null") != std::string_view::npos) {
        required = false;
        if (ps == "null") continue;
      }
      if (!supported_type(ps)) unsupported(&es, std::string(ps), name);
      list_types.emplace_back(ps);
    }
  } else if (!supported_type(type)) {
    unsupported(&tys, type, name);
  }

  auto rec = std::make_shared<RecordObj>(&tool_parameter_class(), std::vector<Value>(8));
  const auto id = reg(rec.get(), parent, index, key);
  if (type_list) {
    auto tl = std::make_shared<ListObj>(std::vector<Value>{});
    const auto tid = reg(tl.get(), id, -1, "type");
    for (std::size_t i = 0; i < list_types.size(); ++i)
      tl->items.push_back(str_node(list_types[i], tid, static_cast<std::int32_t>(i), {}));
    rec->fields[0] = std::move(tl);
  } else {
    rec->fields[0] = str_node(type, id, -1, "type");
  }
  rec->fields[1] = str_node(name, id, -1, "name");
  rec->fields[2] = str_node(std::move(description), id, -1, "description");
  rec->fields[3] = bool_node(required, id, -1, "required");

  // properties
  if (!type_list && type == "object") {
    PathSeg ps{seg, "properties", -1};
    const json::value* props = schema.if_contains("properties");
    if (props && !props->is_object()) fail_type(&ps, "a valid dictionary", *props);
    auto dict = std::make_shared<DictObj>(std::vector<std::pair<std::string, Value>>{});
    const auto did = reg(dict.get(), id, -1, "properties");
    if (props) {
      const json::value* sub_required = schema.if_contains("required");
      for (const auto& kv : props->get_object()) {
        const std::string_view k = kv.key();
        PathSeg ks{&ps, k, -1};
        std::string sub_name =
            name.find(" arguments") != std::string::npos ? std::string(k) : name + "." + std::string(k);
        Value p = tool_parameter(sub_name, kv.value(), sub_required, did, -1, k, depth + 2, &ks);
        dict->entries.emplace_back(std::string(k), std::move(p));
      }
    }
    rec->fields[4] = std::move(dict);
    const json::value* ap = schema.if_contains("additionalProperties");
    rec->fields[5] = (ap && !ap->is_null()) ? bool_node(json_truthy(*ap), id, -1, "additionalProperties")
                                            : none_node(id, -1, "additionalProperties");
  } else {
    rec->fields[4] = none_node(id, -1, "properties");
    rec->fields[5] = none_node(id, -1, "additionalProperties");
  }
  // items
  if (!type_list && type == "array" && schema.contains("items")) {
    PathSeg is{seg, "items", -1};
    rec->fields[6] = tool_parameter(name + " item", schema.at("items"), nullptr, id, -1, "items", depth + 1, &is);
  } else {
    rec->fields[6] = none_node(id, -1, "items");
  }
  // enum
  const bool scalar = !type_list && (type == "string" || type == "number" || type == "integer" || type == "boolean");
  const json::value* en = scalar ? schema.if_contains("enum") : nullptr;
  if (en && !en->is_null()) {
    PathSeg es{seg, "enum", -1};
    if (!en->is_array()) fail_type(&es, "a valid list", *en);
    for (std::size_t i = 0; i < en->get_array().size(); ++i) {
      const auto& item = en->get_array()[i];
      PathSeg is{&es, {}, static_cast<std::int64_t>(i)};
      if (!item.is_string()) fail_type(&is, "a valid string", item);
    }
    rec->fields[7] = convert(*en, id, -1, "enum", depth + 1, &es);
  } else {
    rec->fields[7] = none_node(id, -1, "enum");
  }
  return rec;
}

}  // namespace inv::detail
