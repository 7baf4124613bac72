// Plain JSON -> fresh (non-trace) values, and Python json.loads on text (LANGUAGE.md §8.8).
#include <boost/json.hpp>

#include "domain/trace/json_text.hpp"
#include "domain/trace/trace.hpp"

namespace inv {

namespace json = boost::json;

namespace {
std::string_view sv(const json::string& s) { return {s.data(), s.size()}; }
}  // namespace

Value json_to_value(const json::value& v) {
  switch (v.kind()) {
    case json::kind::null: return none();
    case json::kind::bool_: return py_bool(v.get_bool());
    case json::kind::int64: return make_int(v.get_int64());
    case json::kind::uint64: {
      const auto u = v.get_uint64();
      if (u <= static_cast<std::uint64_t>(INT64_MAX)) return make_int(static_cast<std::int64_t>(u));
      return make_float(static_cast<double>(u));
    }
    case json::kind::double_: return make_float(v.get_double());
    case json::kind::string: return make_str(std::string(sv(v.get_string())));
    case json::kind::array: {
      std::vector<Value> items;
      items.reserve(v.get_array().size());
      for (const auto& item : v.get_array()) items.push_back(json_to_value(item));
      return make_list(std::move(items));
    }
    case json::kind::object: {
      std::vector<std::pair<std::string, Value>> entries;
      entries.reserve(v.get_object().size());
      for (const auto& kv : v.get_object()) entries.emplace_back(std::string(kv.key()), json_to_value(kv.value()));
      return make_dict(std::move(entries));
    }
  }
  return none();
}

std::optional<Value> parse_json_text(std::string_view text) {
  json::value v;
  detail::PyJsonError err;
  if (!detail::parse_python_json(text, v, err)) return std::nullopt;
  return json_to_value(v);
}

}  // namespace inv
