#include "adapters/plugins/plugin_registry.hpp"

#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cctype>
#include <filesystem>
#include <mutex>
#include <set>
#include <stdexcept>

#include <boost/json.hpp>

#include "adapters/plugins/call_executor.hpp"
#include "adapters/plugins/plugin_library.hpp"
#include "adapters/plugins/plugin_values.hpp"
#include "domain/eval/call_signature.hpp"
#include "domain/eval/errors.hpp"
#include "domain/eval/eval_context.hpp"
#include "domain/result/py_repr.hpp"

extern char** environ;

namespace inv::adapters::plugins {

namespace json = boost::json;
namespace fs = std::filesystem;

struct PluginRegistry::Shared {
  explicit Shared(std::size_t threads) : executor(threads) {}
  CallExecutor executor;
};

struct PluginRegistry::Loaded {
  ~Loaded() {
    // A call abandoned at its deadline may still run plugin code when the registry goes away: then the
    // library is never unloaded (its code must stay mapped), only the last holder decides.
    if (leak) (void)lib.release();
  }
  std::unique_ptr<PluginLibrary> lib;
  std::atomic<bool> leak{false};
  bool builtin = false;
  std::mutex serial;  // taken around calls when the plugin is not thread safe
  std::map<std::string, std::unique_ptr<RecordClass>, std::less<>> types;

  const RecordClass* type(std::string_view name) const {
    auto it = types.find(name);
    return it == types.end() ? nullptr : it->second.get();
  }
};

namespace {

using Args = std::vector<Value>;
using Kwargs = std::vector<std::pair<std::string, Value>>;

// One text of a detector's data argument and the value that holds it (marks land there).
struct Text {
  Value holder;
  Value event;  // the Message/ToolOutput whose content this is (null for a str argument or a chunk)
};

// The detector calling convention (STDLIB.md §3): a str as is; a Message/ToolOutput, or a list of them, by
// their content (None skipped; content given as chunks contributes each chunk's text); other values fail
// like the reference's attribute access.
std::vector<Text> texts_of(const Value& data, bool tool_calls, std::string& kind) {
  std::vector<Text> out;
  if (data->type == Type::Str) {
    kind = "str";
    out.push_back(Text{data, nullptr});
    return out;
  }
  if (is_none(data)) {
    kind = "none";
    return out;
  }
  kind = "objects";
  std::vector<Value> items;
  if (data->type == Type::List || data->type == Type::Tuple) items = as_list(data).items;
  else items.push_back(data);
  for (const auto& it : items) {
    if (it->type == Type::Record) {
      auto k = as_record(it).cls->kind;
      if (k == RecordKind::Message || k == RecordKind::ToolOutput) {
        const Value& c = as_record(it).field("content");
        if (c->type == Type::Str) {
          out.push_back(Text{c, it});
        } else if (c->type == Type::List) {
          for (const auto& chunk : as_list(c).items)
            if (chunk->type == Type::Dict)
              if (const Value* t = as_dict(chunk).find("text"); t && (*t)->type == Type::Str) out.push_back(Text{*t, nullptr});
        }
        continue;
      }
      if (tool_calls && k == RecordKind::ToolCall) {
        out.push_back(Text{make_str(py_str(it)), nullptr});
        continue;
      }
    }
    if (is_none(it)) continue;
    if (it->type == Type::Str) {
      out.push_back(Text{it, nullptr});
      continue;
    }
    throw PolicyRuntimeError("AttributeError", "'" + type_name(it) + "' object has no attribute 'content'");
  }
  return out;
}

// Whether a value is or holds an unbound variable (three-valued logic): such a call is Unknown itself.
bool holds_unknown(const Value& v, int depth = 0) {
  if (is_unknown(v)) return true;
  if (depth > 64) return false;
  if (v->type == Type::List || v->type == Type::Tuple) {
    for (const auto& x : as_list(v).items)
      if (holds_unknown(x, depth + 1)) return true;
  } else if (v->type == Type::Dict) {
    for (const auto& [_, x] : as_dict(v).entries)
      if (holds_unknown(x, depth + 1)) return true;
  }
  return false;
}

// Exception classes a plugin may raise into a policy; anything else is reported as a RuntimeError.
std::string error_type(std::string_view t) {
  static const std::set<std::string, std::less<>> known = {
      "TypeError", "ValueError", "RuntimeError", "AssertionError", "AttributeError", "KeyError",
      "IndexError", "NotImplementedError", "TimeoutError", "ConnectionError", "PermissionError",
      "FileNotFoundError", "OSError", "LookupError"};
  return known.count(t) ? std::string(t) : std::string("RuntimeError");
}

CallSignature signature_of(const FunctionSpec& f) {
  CallSignature s;
  for (const auto& p : f.params) s.params.push_back({p.name, p.data ? "any" : p.type, p.required});
  s.var_keywords = f.var_keywords;
  return s;
}

std::uint64_t monotonic_ns(std::chrono::steady_clock::time_point t) {
  return static_cast<std::uint64_t>(
      std::chrono::duration_cast<std::chrono::nanoseconds>(t.time_since_epoch()).count());
}

class PluginFunction final : public CallableObj {
 public:
  PluginFunction(std::shared_ptr<PluginRegistry::Loaded> plugin, std::shared_ptr<void> shared,
                 CallExecutor* executor, const FunctionSpec* spec, std::chrono::milliseconds timeout,
                 app::ports::Metrics* metrics)
      : plugin_(std::move(plugin)), shared_(std::move(shared)), executor_(executor), spec_(spec),
        timeout_(timeout), signature_(signature_of(*spec)), metrics_(metrics) {}

  std::string_view name() const override { return spec_->name; }
  bool cacheable() const override { return true; }
  bool marks_ranges() const override { return spec_->marks_ranges; }
  const CallSignature* signature() const override { return &signature_; }

  Value call(EvalContext& ctx, const Args& args, const Kwargs& kwargs) const override {
    for (const auto& a : args)
      if (holds_unknown(a)) return unknown();
    for (const auto& [_, v] : kwargs)
      if (holds_unknown(v)) return unknown();
    // Arguments by parameter (the compile-time check covers literal calls; this covers the rest).
    if (auto msg = check_call(spec_->name, signature_, std::vector<ArgumentShape>(args.size()),
                              shapes(kwargs)))
      throw_type_error(*msg);
    json::object request;
    request["function"] = spec_->name;
    json::object jargs, jkwargs;
    std::vector<Text> texts;
    auto bind = [&](const ParamSpec& p, const Value& v) {
      if (p.data) {
        std::string kind;
        texts = texts_of(v, p.tool_calls, kind);
        json::array ts;
        for (const auto& t : texts) ts.emplace_back(as_str(t.holder).value);
        json::object data;
        data["kind"] = kind;
        data["texts"] = std::move(ts);
        request["data"] = std::move(data);
      } else {
        jargs[p.name] = value_to_plugin_json(v);
      }
    };
    for (std::size_t i = 0; i < args.size(); ++i) bind(spec_->params[i], args[i]);
    for (const auto& [k, v] : kwargs) {
      const ParamSpec* p = nullptr;
      for (const auto& q : spec_->params)
        if (q.name == k) p = &q;
      if (p) bind(*p, v);
      else jkwargs[k] = value_to_plugin_json(v);
    }
    request["args"] = std::move(jargs);
    if (!jkwargs.empty()) request["kwargs"] = std::move(jkwargs);
    std::size_t text_bytes = 0;
    for (const auto& t : texts) text_bytes += as_str(t.holder).value.size();
    ctx.charge(1 + text_bytes / 64);

    const auto started = std::chrono::steady_clock::now();
    const char* outcome = "error";
    struct Observe {
      app::ports::Metrics* metrics;
      std::string_view name;
      const char*& outcome;
      std::chrono::steady_clock::time_point started;
      ~Observe() {
        if (metrics)
          metrics->detector_call(name, outcome,
                                 std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count());
      }
    } observe{metrics_, spec_->name, outcome, started};
    try {
      const CallOutcome out = invoke(json::serialize(request), ctx.deadline());
      Value v = decode(ctx, out, texts);
      outcome = "ok";
      return v;
    } catch (const PolicyRuntimeError& e) {
      if (e.py_type() == "TimeoutError") outcome = "timeout";
      throw;
    } catch (const LimitExceeded&) {
      outcome = "timeout";
      throw;
    }
  }

 private:
  static std::vector<std::pair<std::string, ArgumentShape>> shapes(const Kwargs& kwargs) {
    std::vector<std::pair<std::string, ArgumentShape>> out;
    for (const auto& [k, _] : kwargs) out.emplace_back(k, ArgumentShape{});
    return out;
  }

  // The call's deadline is the per-call timeout, or the evaluation's deadline when that comes first.
  CallOutcome invoke(const std::string& request, std::chrono::steady_clock::time_point evaluation_deadline) const {
    const auto deadline = std::min(std::chrono::steady_clock::now() + timeout_, evaluation_deadline);
    // The job may outlive this call (abandoned at the deadline): it holds the plugin itself.
    auto run = [plugin = plugin_, request, deadline](const volatile std::int32_t* cancelled) -> CallOutcome {
      inv_call_context context{};
      context.struct_size = sizeof(inv_call_context);
      context.deadline_ns = monotonic_ns(deadline);
      context.cancelled = cancelled;
      if (!plugin->lib->metadata().thread_safe) {
        std::lock_guard lock(plugin->serial);
        return plugin->lib->call(request, context);
      }
      return plugin->lib->call(request, context);
    };
    const auto& meta = plugin_->lib->metadata();
    const bool evaluation_bound = deadline == evaluation_deadline;
    auto evaluation_timeout = [&] {
      return LimitExceeded("deadline", "detector '" + spec_->name + "' (plugin '" + meta.name +
                                           "') was still running at the evaluation's deadline");
    };
    if (meta.bounded_time) {
      CallOutcome out = run(nullptr);
      if (out.status == INV_STATUS_TIMEOUT && evaluation_bound) throw evaluation_timeout();
      return out;
    }
    if (auto r = executor_->run(run, deadline)) return std::move(*r);
    if (evaluation_bound) throw evaluation_timeout();
    throw PolicyRuntimeError("TimeoutError", "detector '" + spec_->name + "' (plugin '" + meta.name +
                                                 "') did not answer within " +
                                                 std::to_string(timeout_.count()) + " ms");
  }

  Value decode(EvalContext& ctx, const CallOutcome& out, const std::vector<Text>& texts) const {
    const auto& meta = plugin_->lib->metadata();
    const std::string who = "detector '" + spec_->name + "' (plugin '" + meta.name + "')";
    boost::system::error_code ec;
    json::value response = json::parse(out.response, ec);
    if (ec || !response.is_object())
      throw PolicyRuntimeError("RuntimeError", who + " returned a malformed response");
    const auto& o = response.as_object();
    if (out.status != INV_STATUS_OK) {
      std::string type = out.status == INV_STATUS_TIMEOUT ? "TimeoutError" : "RuntimeError";
      std::string message = who + " failed";
      if (const json::value* e = o.if_contains("error"); e && e->is_object()) {
        if (const json::value* t = e->as_object().if_contains("type"); t && t->is_string())
          type = error_type(t->as_string());
        if (const json::value* m = e->as_object().if_contains("message"); m && m->is_string())
          message = std::string(m->as_string());
      }
      throw PolicyRuntimeError(type, message);
    }
    const json::value* result = o.if_contains("result");
    if (!result) throw PolicyRuntimeError("RuntimeError", who + " returned no result");
    Value value = plugin_json_to_value(*result, [this](std::string_view t) { return plugin_->type(t); });
    if (const json::value* marks = o.if_contains("marks"); marks && !marks->is_null()) {
      if (!marks->is_array()) throw PolicyRuntimeError("RuntimeError", who + " returned malformed marks");
      for (const auto& m : marks->as_array()) {
        const json::array* a = m.if_array();
        auto num = [&](std::size_t i) -> std::int64_t {
          if (!a || a->size() != 3 || !(*a)[i].is_int64()) return -1;
          return (*a)[i].as_int64();
        };
        std::int64_t idx = num(0), start = num(1), end = num(2);
        if (idx < 0 || static_cast<std::size_t>(idx) >= texts.size() || start < 0 || end < start ||
            static_cast<std::size_t>(end) > as_str(texts[static_cast<std::size_t>(idx)].holder).code_points)
          throw PolicyRuntimeError("RuntimeError", who + " returned a mark outside its texts");
        const Text& t = texts[static_cast<std::size_t>(idx)];
        ctx.mark(spec_->marks_events && t.event ? t.event : t.holder, start, end);
      }
    }
    return value;
  }

  std::shared_ptr<PluginRegistry::Loaded> plugin_;
  std::shared_ptr<void> shared_;  // keeps the executor alive
  CallExecutor* executor_;
  const FunctionSpec* spec_;
  std::chrono::milliseconds timeout_;
  CallSignature signature_;
  app::ports::Metrics* metrics_;
};

// A plugin's record type exported as a constructor (CodeIssue(description, severity), ...).
class TypeConstructor final : public CallableObj {
 public:
  TypeConstructor(std::shared_ptr<PluginRegistry::Loaded> plugin, const RecordClass* cls)
      : plugin_(std::move(plugin)), cls_(cls) {}
  std::string_view name() const override { return cls_->name; }
  Value call(EvalContext&, const Args& a, const Kwargs& k) const override {
    if (a.size() > cls_->fields.size())
      throw_type_error(cls_->name + "() takes at most " + std::to_string(cls_->fields.size()) + " arguments");
    std::vector<Value> fields(cls_->fields.size(), none());
    for (std::size_t i = 0; i < a.size(); ++i) fields[i] = a[i];
    for (const auto& [n, v] : k) {
      int i = cls_->field_index(n);
      if (i < 0) throw_type_error(cls_->name + "() got an unexpected keyword argument '" + n + "'");
      fields[static_cast<std::size_t>(i)] = v;
    }
    return std::make_shared<RecordObj>(cls_, std::move(fields));
  }

 private:
  std::shared_ptr<PluginRegistry::Loaded> plugin_;
  const RecordClass* cls_;
};

std::string upper_identifier(const std::string& s) {
  std::string out;
  for (char c : s) out += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return out;
}

std::string env_or(const char* name, const std::string& fallback) {
  const char* v = std::getenv(name);
  return v && *v ? std::string(v) : fallback;
}

std::size_t env_count(const char* name, std::size_t fallback, std::size_t min, std::size_t max) {
  std::string v = env_or(name, "");
  if (v.empty()) return fallback;
  std::size_t pos = 0;
  unsigned long long n = 0;
  try {
    n = std::stoull(v, &pos);
  } catch (const std::exception&) {
    pos = 0;
  }
  if (pos != v.size() || n < min || n > max)
    throw std::runtime_error(std::string(name) + " must be an integer from " + std::to_string(min) + " to " +
                             std::to_string(max) + " (got '" + v + "')");
  return static_cast<std::size_t>(n);
}

bool env_flag(const char* name, bool fallback) {
  std::string v = env_or(name, "");
  if (v.empty()) return fallback;
  std::string l;
  for (char c : v) l += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (l == "1" || l == "true" || l == "yes" || l == "on") return true;
  if (l == "0" || l == "false" || l == "no" || l == "off") return false;
  throw std::runtime_error(std::string(name) + " must be on/off, true/false, yes/no or 1/0 (got '" + v + "')");
}

}  // namespace

std::string settings_from_environment(const std::string& plugin_name) {
  const std::string prefix = "INVARIANT_PLUGIN_" + upper_identifier(plugin_name) + "_";
  json::object o;
  for (char** e = environ; e && *e; ++e) {
    std::string_view entry(*e);
    if (entry.substr(0, prefix.size()) != prefix) continue;
    auto eq = entry.find('=');
    if (eq == std::string_view::npos || eq == prefix.size()) continue;
    std::string key;
    for (char c : entry.substr(prefix.size(), eq - prefix.size()))
      key += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    o[key] = std::string(entry.substr(eq + 1));
  }
  return json::serialize(o);
}

std::string default_builtin_plugin_dir() {
  std::error_code ec;
  fs::path exe = fs::read_symlink("/proc/self/exe", ec);
  if (ec) return "lib/invariant/detectors";
  return (exe.parent_path().parent_path() / "lib" / "invariant" / "detectors").lexically_normal().string();
}

PluginRegistryOptions registry_options_from_environment(const std::string& default_builtin_dir) {
  PluginRegistryOptions o;
  if (env_flag("INVARIANT_BUILTIN_PLUGINS", true))
    o.builtin_dirs.push_back(env_or("INVARIANT_BUILTIN_PLUGIN_DIR", default_builtin_dir));
  std::string dirs = env_or("INVARIANT_PLUGIN_DIRS", "");
  for (std::size_t start = 0; start <= dirs.size();) {
    std::size_t colon = dirs.find(':', start);
    if (colon == std::string::npos) colon = dirs.size();
    if (colon > start) o.plugin_dirs.push_back(dirs.substr(start, colon - start));
    start = colon + 1;
  }
  o.call_timeout = std::chrono::milliseconds(env_count("INVARIANT_DETECTOR_TIMEOUT_MS", 10000, 1, 3'600'000));
  o.watchdog_threads = env_count("INVARIANT_DETECTOR_THREADS", 4, 1, 256);
  o.allow_unsandboxed = env_flag("INVARIANT_PLUGINS_ALLOW_UNSANDBOXED", false);
  return o;
}

PluginRegistry::PluginRegistry(PluginRegistryOptions options)
    : options_(std::move(options)), shared_(std::make_shared<Shared>(options_.watchdog_threads)) {
  if (!options_.settings) options_.settings = settings_from_environment;
  if (!options_.log) options_.log = [](const std::string&) {};
  for (const auto& d : options_.builtin_dirs) load_directory(d, true);
  for (const auto& d : options_.plugin_dirs) load_directory(d, false);
}

PluginRegistry::~PluginRegistry() {
  table_.clear();
  // A call abandoned at its deadline may still be running plugin code: then the libraries stay loaded.
  if (shared_->executor.busy() > 0)
    for (auto& p : plugins_) p->leak = true;
}

void PluginRegistry::load_directory(const std::string& dir, bool builtin) {
  std::error_code ec;
  if (!fs::is_directory(dir, ec)) {
    refused_.push_back({dir, "not a directory"});
    options_.log("detector plugin directory " + dir + " does not exist; no plugins loaded from it");
    return;
  }
  std::vector<std::string> files;
  for (const auto& entry : fs::directory_iterator(dir, ec))
    if (entry.path().extension() == ".so" && entry.is_regular_file(ec)) files.push_back(entry.path().string());
  std::sort(files.begin(), files.end());
  for (const auto& f : files) load_file(f, builtin);
}

void PluginRegistry::load_file(const std::string& path, bool builtin) {
  auto refuse = [&](const std::string& reason) {
    refused_.push_back({path, reason});
    options_.log("detector plugin refused: " + reason);
  };
  std::unique_ptr<PluginLibrary> lib;
  try {
    lib = PluginLibrary::open(path, options_.settings);
  } catch (const std::exception& e) {
    return refuse(e.what());
  }
  const PluginMetadata& meta = lib->metadata();
  if (!meta.in_process_safe && !options_.allow_unsandboxed)
    return refuse(path + ": plugin '" + meta.name +
                  "' declares that it must run sandboxed (in_process_safe = false); set "
                  "INVARIANT_PLUGINS_ALLOW_UNSANDBOXED=1 to run it in-process anyway");
  for (const auto& p : plugins_)
    if (p->lib->metadata().name == meta.name)
      return refuse(path + ": a plugin named '" + meta.name + "' is already loaded from " + p->lib->path());
  // Every export must be new: a plugin never replaces another's functions.
  std::vector<std::pair<std::string, std::string>> mine;
  for (const auto& f : meta.functions)
    for (const auto& m : f.modules) mine.emplace_back(m, f.name);
  for (const auto& t : meta.types)
    for (const auto& m : t.modules) mine.emplace_back(m, t.name);
  for (const auto& [m, n] : mine)
    if (table_.count(m + ":" + n))
      return refuse(path + ": plugin '" + meta.name + "' exports " + m + "." + n + ", which another plugin already provides");

  auto loaded = std::make_shared<Loaded>();
  loaded->builtin = builtin;
  loaded->lib = std::move(lib);
  for (const auto& t : loaded->lib->metadata().types)
    loaded->types[t.name] = std::make_unique<RecordClass>(RecordClass{t.name, RecordKind::Other, t.fields});
  for (const auto& f : loaded->lib->metadata().functions) {
    Value fn = std::make_shared<PluginFunction>(loaded, shared_, &shared_->executor, &f, options_.call_timeout,
                                                options_.metrics);
    for (const auto& m : f.modules) {
      table_[m + ":" + f.name] = fn;
      exports_.emplace_back(m, f.name);
    }
  }
  for (const auto& t : loaded->lib->metadata().types) {
    if (t.modules.empty()) continue;
    Value ctor = std::make_shared<TypeConstructor>(loaded, loaded->type(t.name));
    for (const auto& m : t.modules) {
      table_[m + ":" + t.name] = ctor;
      exports_.emplace_back(m, t.name);
    }
  }
  options_.log("detector plugin " + meta.name + " " + meta.version + " loaded from " + path + " (" +
               std::to_string(meta.functions.size()) + " function" + (meta.functions.size() == 1 ? "" : "s") + ")");
  plugins_.push_back(std::move(loaded));
}

Value PluginRegistry::lookup(std::string_view module, std::string_view name) const {
  auto it = table_.find(std::string(module) + ":" + std::string(name));
  return it == table_.end() ? nullptr : it->second;
}

std::vector<std::pair<std::string, std::string>> PluginRegistry::exports() const { return exports_; }

std::size_t PluginRegistry::plugin_count() const { return plugins_.size(); }

json::value PluginRegistry::describe() const {
  json::array detectors;
  for (const auto& p : plugins_) {
    json::object o = metadata_to_json(p->lib->metadata());
    o["builtin"] = p->builtin;
    o["path"] = p->lib->path();
    detectors.push_back(std::move(o));
  }
  json::array refused;
  for (const auto& r : refused_) {
    json::object o;
    o["path"] = r.path;
    o["reason"] = r.reason;
    refused.push_back(std::move(o));
  }
  json::object out;
  out["detectors"] = std::move(detectors);
  out["refused"] = std::move(refused);
  out["call_timeout_ms"] = options_.call_timeout.count();
  return out;
}

}  // namespace inv::adapters::plugins
