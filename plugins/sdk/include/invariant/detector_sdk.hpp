// C++ helper for writing detector plugins on the C ABI of invariant/detector_plugin.h (part of the plugin
// SDK, header-only, standard library only).
//
// A plugin describes itself with a PluginDef (name, version, functions with their parameters, record
// types) and ends with INVARIANT_DETECTOR_PLUGIN(define): the macro exports the two C entry points, builds
// the metadata JSON once, parses each request, runs the handler and turns its result, its marks or its
// error into the response. No exception leaves the library: invariant::sdk::Error becomes the error the
// policy sees (e.g. ValueError), any other exception a RuntimeError naming the detector.
//
//   invariant::sdk::PluginDef define() {
//     invariant::sdk::PluginDef p{"shout", "1.0.0", "Finds shouted words."};
//     p.function("shout")
//         .exported_from({"acme.detectors"})
//         .data()
//         .returning("list[str]")
//         .run([](invariant::sdk::Call& call) {
//           invariant::sdk::Json out = invariant::sdk::Json::array();
//           for (const auto& text : call.texts()) ...
//           return out;
//         });
//     return p;
//   }
//   INVARIANT_DETECTOR_PLUGIN(define)
//
// Thread-safety: handlers run concurrently (unless the plugin sets thread_safe = false); a Call is used by
// one thread. The PluginDef is built once and then only read.
#pragma once

#include <chrono>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <exception>
#include <functional>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "invariant/detector_plugin.h"
#include "invariant/sdk_json.hpp"
#include "invariant/utf8.hpp"

namespace invariant::sdk {

// An error the policy sees: type is a Python exception class name ("ValueError", "TypeError", ...).
class Error : public std::runtime_error {
 public:
  Error(std::string type, const std::string& message, int32_t status = INV_STATUS_ERROR)
      : std::runtime_error(message), type_(std::move(type)), status_(status) {}
  const std::string& type() const { return type_; }
  int32_t status() const { return status_; }

 private:
  std::string type_;
  int32_t status_;
};

// Thrown by Call::check_deadline when the call's deadline has passed or the server has given up.
struct DeadlineExceeded : Error {
  DeadlineExceeded() : Error("TimeoutError", "the detector call exceeded its deadline", INV_STATUS_TIMEOUT) {}
};

// A record of one of the plugin's declared types, e.g. record("CodeIssue", {{"description", d}, ...}).
inline Json record(std::string_view type, Json::Object fields) {
  Json::Object o;
  o.emplace_back("$type", Json(type));
  for (auto& f : fields) o.push_back(std::move(f));
  return Json(std::move(o));
}

// One invocation of a detector function.
class Call {
 public:
  Call(const Json& request, const Json& settings, const inv_call_context* context)
      : request_(request), settings_(settings), context_(context) {
    if (const Json* d = request.find("data")) {
      if (const Json* k = d->find("kind"); k && k->is_string()) data_kind_ = k->as_string();
      if (const Json* t = d->find("texts"); t && t->is_array())
        for (const auto& x : t->as_array())
          if (x.is_string()) texts_.push_back(x.as_string());
    }
  }

  const std::string& function() const {
    static const std::string none;
    const Json* f = request_.find("function");
    return f && f->is_string() ? f->as_string() : none;
  }
  // "str" (the data argument was a str), "objects" (Message/ToolOutput values or a list of them), "none"
  // (the data argument was None), or "" when the function has no data parameter.
  const std::string& data_kind() const { return data_kind_; }
  bool data_is_str() const { return data_kind_ == "str"; }
  // The texts to analyse (UTF-8), in order; marks refer to them by index.
  const std::vector<std::string>& texts() const { return texts_; }

  // A named argument as given in the policy (positional arguments are mapped to their names), or nullptr.
  const Json* arg(std::string_view name) const {
    const Json* args = request_.find("args");
    return args ? args->find(name) : nullptr;
  }
  std::string str_arg(std::string_view name, std::string fallback = {}) const {
    const Json* a = arg(name);
    if (!a || a->is_null()) return fallback;
    if (!a->is_string()) throw Error("TypeError", "argument '" + std::string(name) + "' must be a str");
    return a->as_string();
  }
  double number_arg(std::string_view name, double fallback) const {
    const Json* a = arg(name);
    if (!a || a->is_null()) return fallback;
    if (!a->is_number()) throw Error("TypeError", "argument '" + std::string(name) + "' must be a number");
    return a->as_number();
  }
  bool bool_arg(std::string_view name, bool fallback) const {
    const Json* a = arg(name);
    if (!a || a->is_null()) return fallback;
    if (a->is_bool()) return a->as_bool();
    if (a->is_int()) return a->as_int() != 0;
    throw Error("TypeError", "argument '" + std::string(name) + "' must be a bool");
  }
  // Keyword arguments not declared as parameters (functions with var_keywords).
  const Json* kwargs() const { return request_.find("kwargs"); }
  // Operator settings given to the plugin at start-up (string values by lowercase key).
  std::string setting(std::string_view key, std::string fallback = {}) const {
    const Json* v = settings_.find(key);
    return v && v->is_string() ? v->as_string() : fallback;
  }

  // Marks [start, end) of texts()[text] as a highlight range; offsets in Unicode code points.
  void mark(std::size_t text, std::size_t start, std::size_t end) {
    marks_.push_back(Json(Json::Array{Json(text), Json(start), Json(end)}));
  }
  // The same with byte offsets into texts()[text] (converted to code points; marks in increasing order of
  // position cost O(1) each).
  void mark_bytes(std::size_t text, std::size_t begin, std::size_t end) {
    const std::string& s = texts_.at(text);
    if (cursors_.size() < texts_.size()) cursors_.resize(texts_.size());
    auto& cursor = cursors_[text];
    if (!cursor) cursor.emplace(s);
    const std::size_t a = cursor->at(begin);
    mark(text, a, cursor->at(end));
  }
  const Json::Array& marks() const { return marks_; }

  // True once the deadline has passed or the server has cancelled the call.
  bool expired() const {
    if (!context_) return false;
    if (context_->cancelled && *context_->cancelled) return true;
    if (context_->deadline_ns == 0) return false;
    auto now = std::chrono::duration_cast<std::chrono::nanoseconds>(
                   std::chrono::steady_clock::now().time_since_epoch()).count();
    return static_cast<std::uint64_t>(now) >= context_->deadline_ns;
  }
  void check_deadline() const {
    if (expired()) throw DeadlineExceeded();
  }
  // Time left before the deadline (24 hours when the call has none; zero once it has passed).
  std::chrono::milliseconds time_left() const {
    using namespace std::chrono;
    if (!context_ || context_->deadline_ns == 0) return hours(24);
    auto now = static_cast<std::uint64_t>(duration_cast<nanoseconds>(steady_clock::now().time_since_epoch()).count());
    if (now >= context_->deadline_ns) return milliseconds(0);
    return duration_cast<milliseconds>(nanoseconds(context_->deadline_ns - now));
  }

 private:
  const Json& request_;
  const Json& settings_;
  const inv_call_context* context_;
  std::string data_kind_;
  std::vector<std::string> texts_;
  std::vector<std::optional<inv::utf8::CodePointCursor>> cursors_;
  Json::Array marks_;
};

using Handler = std::function<Json(Call&)>;

struct Param {
  std::string name;
  std::string kind = "value";  // "data" or "value"
  std::string type = "any";    // str, int, float, bool, list, dict, any; "|None" allowed
  bool required = true;
  std::optional<Json> default_value;
  bool tool_calls = false;     // data parameter: a ToolCall element counts as its string form
};

struct Function {
  std::string name;
  std::vector<std::string> modules;
  std::vector<Param> params;
  bool var_keywords = false;
  bool marks_ranges = false;
  bool marks_events = false;  // marks land on the Message/ToolOutput a text came from, not on the text
  std::string returns;
  std::string description;
  Handler handler;

  // Fluent setters used by PluginDef::function(...).
  // The policy modules that export the function ("invariant.detectors", ...).
  Function& exported_from(std::vector<std::string> m) { modules = std::move(m); return *this; }
  // The detector's data parameter (STDLIB calling convention), always first.
  Function& data(std::string param_name = "data", bool accept_tool_calls = false) {
    Param p;
    p.name = std::move(param_name);
    p.kind = "data";
    p.tool_calls = accept_tool_calls;
    params.insert(params.begin(), std::move(p));
    return *this;
  }
  Function& param(std::string param_name, std::string type = "any") {
    Param p;
    p.name = std::move(param_name);
    p.type = std::move(type);
    params.push_back(std::move(p));
    return *this;
  }
  Function& optional(std::string param_name, std::string type, Json default_value) {
    Param p;
    p.name = std::move(param_name);
    p.type = std::move(type);
    p.required = false;
    p.default_value = std::move(default_value);
    params.push_back(std::move(p));
    return *this;
  }
  Function& any_keywords() { var_keywords = true; return *this; }
  Function& marks() { marks_ranges = true; return *this; }
  // Marks land on the event a text came from (messages.N:S-E) rather than on its content string.
  Function& marks_on_events() { marks_ranges = true; marks_events = true; return *this; }
  Function& returning(std::string r) { returns = std::move(r); return *this; }
  Function& describe(std::string d) { description = std::move(d); return *this; }
  Function& run(Handler h) { handler = std::move(h); return *this; }
};

struct TypeDef {
  std::string name;
  std::vector<std::string> fields;
  std::vector<std::string> modules;  // modules exporting a constructor (may be empty)
};

struct PluginDef {
  PluginDef(std::string plugin_name, std::string plugin_version, std::string plugin_description = {})
      : name(std::move(plugin_name)), version(std::move(plugin_version)), description(std::move(plugin_description)) {}

  std::string name;
  std::string version;
  std::string description;
  std::string network = "none";  // none | optional | required
  bool in_process_safe = true;
  bool thread_safe = true;
  bool bounded_time = true;
  std::vector<TypeDef> types;
  std::vector<Function> functions;
  // Validates the operator's settings at start-up; throw Error to refuse them (the plugin is not loaded).
  std::function<void(const Json& settings)> check_settings;

  Function& function(std::string fn_name) {
    functions.push_back(Function{});
    functions.back().name = std::move(fn_name);
    return functions.back();
  }
  void type(std::string type_name, std::vector<std::string> fields, std::vector<std::string> modules = {}) {
    types.push_back(TypeDef{std::move(type_name), std::move(fields), std::move(modules)});
  }

  std::string metadata_json() const {
    Json m = Json::object();
    m["name"] = name;
    m["version"] = version;
    m["description"] = description;
    m["network"] = network;
    m["in_process_safe"] = in_process_safe;
    m["thread_safe"] = thread_safe;
    m["bounded_time"] = bounded_time;
    Json ts = Json::array();
    for (const auto& t : types) {
      Json j = Json::object();
      j["name"] = t.name;
      j["fields"] = Json(t.fields);
      if (!t.modules.empty()) j["modules"] = Json(t.modules);
      ts.push_back(std::move(j));
    }
    m["types"] = std::move(ts);
    Json fs = Json::array();
    for (const auto& f : functions) {
      Json j = Json::object();
      j["name"] = f.name;
      j["modules"] = Json(f.modules);
      Json ps = Json::array();
      for (const auto& p : f.params) {
        Json pj = Json::object();
        pj["name"] = p.name;
        pj["kind"] = p.kind;
        if (p.kind != "data") {
          pj["type"] = p.type;
          pj["required"] = p.required;
          if (p.default_value) pj["default"] = *p.default_value;
        } else if (p.tool_calls) {
          pj["tool_calls"] = true;
        }
        ps.push_back(std::move(pj));
      }
      j["params"] = std::move(ps);
      j["var_keywords"] = f.var_keywords;
      j["marks_ranges"] = f.marks_ranges;
      if (f.marks_events) j["marks_target"] = "event";
      j["returns"] = f.returns;
      j["description"] = f.description;
      fs.push_back(std::move(j));
    }
    m["functions"] = std::move(fs);
    return m.dump();
  }
};

namespace detail {

inline char* to_c_string(const std::string& s) {
  char* out = static_cast<char*>(std::malloc(s.size() + 1));
  if (out) std::memcpy(out, s.c_str(), s.size() + 1);
  return out;
}

inline std::string error_response(std::string_view type, std::string_view message) {
  Json e = Json::object();
  e["type"] = type;
  e["message"] = message;
  Json r = Json::object();
  r["error"] = std::move(e);
  return r.dump();
}

struct Instance {
  const PluginDef* def;
  Json settings;
};

// The entry table of the plugin defined by `define`, built once.
template <PluginDef (*Define)()>
const inv_plugin* entry() {
  static const PluginDef def = Define();
  static const std::string metadata = def.metadata_json();
  static const inv_plugin table = {
      INVARIANT_PLUGIN_ABI_VERSION,
      static_cast<uint32_t>(sizeof(inv_plugin)),
      metadata.c_str(),
      // init
      [](const char* settings_json, void** instance, char** error) -> int32_t {
        try {
          Json settings = settings_json ? Json::parse(settings_json) : Json::object();
          if (def.check_settings) def.check_settings(settings);
          *instance = new Instance{&def, std::move(settings)};
          return INV_STATUS_OK;
        } catch (const std::exception& e) {
          if (error) *error = to_c_string(e.what());
        } catch (...) {
          if (error) *error = to_c_string("unknown error during plugin initialisation");
        }
        return INV_STATUS_ERROR;
      },
      // call
      [](void* instance, const char* request_json, const inv_call_context* context, char** response) -> int32_t {
        int32_t status = INV_STATUS_ERROR;
        std::string out;
        const auto* self = static_cast<const Instance*>(instance);
        try {
          Json request = Json::parse(request_json ? request_json : "");
          const Json* fn = request.find("function");
          const Function* f = nullptr;
          if (fn && fn->is_string())
            for (const auto& candidate : self->def->functions)
              if (candidate.name == fn->as_string()) f = &candidate;
          if (!f || !f->handler) {
            status = INV_STATUS_BAD_REQUEST;
            out = error_response("RuntimeError", "plugin '" + self->def->name + "' has no function '" +
                                                     (fn && fn->is_string() ? fn->as_string() : "") + "'");
          } else {
            Call call(request, self->settings, context);
            Json result = f->handler(call);
            Json r = Json::object();
            r["result"] = std::move(result);
            if (!call.marks().empty()) r["marks"] = Json(call.marks());
            out = r.dump();
            status = INV_STATUS_OK;
          }
        } catch (const Error& e) {
          status = e.status() == INV_STATUS_OK ? INV_STATUS_ERROR : e.status();
          out = error_response(e.type(), e.what());
        } catch (const std::invalid_argument& e) {
          status = INV_STATUS_BAD_REQUEST;
          out = error_response("RuntimeError", std::string("bad request to plugin '") + self->def->name + "': " + e.what());
        } catch (const std::exception& e) {
          out = error_response("RuntimeError", "detector plugin '" + self->def->name + "' failed: " + e.what());
        } catch (...) {
          out = error_response("RuntimeError", "detector plugin '" + self->def->name + "' failed with an unknown exception");
        }
        *response = to_c_string(out);
        return status;
      },
      // free_string
      [](char* text) { std::free(text); },
      // shutdown
      [](void* instance) { delete static_cast<Instance*>(instance); },
  };
  return &table;
}

}  // namespace detail
}  // namespace invariant::sdk

// Exports the C entry points of a plugin defined by `define_fn` (a function returning a PluginDef).
#define INVARIANT_DETECTOR_PLUGIN(define_fn)                                                            \
  extern "C" INVARIANT_PLUGIN_EXPORT uint32_t invariant_plugin_abi_version(void) {                      \
    return INVARIANT_PLUGIN_ABI_VERSION;                                                                \
  }                                                                                                     \
  extern "C" INVARIANT_PLUGIN_EXPORT const inv_plugin* invariant_plugin_entry(void) {                   \
    return ::invariant::sdk::detail::entry<&define_fn>();                                               \
  }
