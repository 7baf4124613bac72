#include "adapters/detectors/inprocess_registry.hpp"

#include <algorithm>
#include <functional>

#include "domain/eval/errors.hpp"
#include "domain/eval/eval_context.hpp"
#include "domain/eval/operators.hpp"
#include "domain/result/py_repr.hpp"
#include "plugins/copyright/copyright_core.hpp"
#include "plugins/html/html_core.hpp"
#if INVARIANT_HAVE_PYTHON_CORE
#include "plugins/python/python_core.hpp"
#endif
#include "plugins/secrets/secrets_core.hpp"
#include "plugins/unicode/unicode_core.hpp"

namespace inv::adapters {

namespace {
using Args = std::vector<Value>;
using Kwargs = std::vector<std::pair<std::string, Value>>;
using Fn = std::function<Value(EvalContext&, const Args&, const Kwargs&)>;

struct DetectorFn final : CallableObj {
  DetectorFn(std::string n, Fn f, bool marks = false) : name_(std::move(n)), fn(std::move(f)), marks_(marks) {}
  std::string name_;
  Fn fn;
  bool marks_;
  std::string_view name() const override { return name_; }
  bool cacheable() const override { return true; }
  bool marks_ranges() const override { return marks_; }
  Value call(EvalContext& ctx, const Args& a, const Kwargs& k) const override { return fn(ctx, a, k); }
};

Value detector(std::string name, Fn f, bool marks = false) {
  return std::make_shared<DetectorFn>(std::move(name), std::move(f), marks);
}

const Value* kwarg(const Kwargs& k, std::string_view name) {
  for (const auto& [n, v] : k)
    if (n == name) return &v;
  return nullptr;
}

void need_data(const char* fn, const Args& a) {
  if (a.empty()) throw_type_error(std::string(fn) + "() missing 1 required positional argument: 'data'");
}

// The texts a detector analyses (STDLIB.md §3 calling convention): a str as is; a Message/ToolOutput or a
// list of them by their content (None skipped). Each text is returned with the value that holds it, so
// marks land on the content node.
struct Text {
  Value holder;  // the str value (a trace node when it comes from the trace)
  bool from_str_argument = false;
};

std::vector<Text> texts_of(const char* fn, const Value& data, bool allow_calls = false) {
  std::vector<Text> out;
  if (data->type == Type::Str) {
    out.push_back(Text{data, true});
    return out;
  }
  std::vector<Value> items;
  if (data->type == Type::List || data->type == Type::Tuple) items = as_list(data).items;
  else items.push_back(data);
  for (const auto& it : items) {
    if (it->type == Type::Record) {
      auto kind = as_record(it).cls->kind;
      if (kind == RecordKind::Message || kind == RecordKind::ToolOutput) {
        const Value& c = as_record(it).field("content");
        if (c->type == Type::Str) out.push_back(Text{c, false});
        else if (c->type == Type::List) {
          for (const auto& chunk : as_list(c).items)
            if (chunk->type == Type::Dict)
              if (const Value* t = as_dict(chunk).find("text"); t && (*t)->type == Type::Str) out.push_back(Text{*t, false});
        }
        continue;
      }
      if (allow_calls && kind == RecordKind::ToolCall) {
        out.push_back(Text{make_str(py_str(it)), false});
        continue;
      }
    }
    if (is_none(it)) continue;
    if (it->type == Type::Str) {
      out.push_back(Text{it, false});
      continue;
    }
    throw PolicyRuntimeError("AttributeError", "'" + type_name(it) + "' object has no attribute 'content'");
  }
  (void)fn;
  return out;
}

Value str_list(const std::vector<std::string>& v) {
  std::vector<Value> out;
  out.reserve(v.size());
  for (const auto& s : v) out.push_back(make_str(s));
  return make_list(std::move(out));
}

const RecordClass& detector_result_class() {
  static const RecordClass c{"DetectorResult", RecordKind::Other, {"entity", "start", "end"}};
  return c;
}
const RecordClass& python_result_class() {
  static const RecordClass c{"PythonDetectorResult", RecordKind::Other,
                             {"imports", "builtins", "syntax_error", "syntax_error_exception", "function_calls"}};
  return c;
}
const RecordClass& html_result_class() {
  static const RecordClass c{"HiddenHTMLData", RecordKind::Other, {"alt_texts", "links"}};
  return c;
}

void reject_config(const char* fn, const Kwargs& k) {
  if (!k.empty()) throw_type_error(std::string(fn) + "() got an unexpected keyword argument '" + k[0].first + "'");
}

Value secrets_fn() {
  return detector("secrets", [](EvalContext&, const Args& a, const Kwargs& k) {
    need_data("secrets", a);
    reject_config("secrets", k);
    if (a[0]->type == Type::Str) {
      std::vector<Value> out;
      for (const auto& f : detectors::scan_secrets(as_str(a[0]).value))
        out.push_back(std::make_shared<RecordObj>(
            &detector_result_class(),
            std::vector<Value>{make_str(f.entity), make_int(static_cast<std::int64_t>(f.start)),
                               make_int(static_cast<std::int64_t>(f.end))}));
      return make_list(std::move(out));
    }
    std::vector<std::string> names;
    for (const auto& t : texts_of("secrets", a[0]))
      for (const auto& f : detectors::scan_secrets(as_str(t.holder).value)) names.push_back(f.entity);
    return str_list(names);
  });
}

Value copyright_fn() {
  // Configuration keywords (threshold=...) are accepted and ignored, as in the reference.
  return detector("copyright", [](EvalContext&, const Args& a, const Kwargs&) {
    need_data("copyright", a);
    std::vector<std::string> names;
    for (const auto& t : texts_of("copyright", a[0]))
      for (auto& n : detectors::detect_copyright(as_str(t.holder).value)) names.push_back(std::move(n));
    return str_list(names);
  });
}

Value unicode_fn() {
  return detector("unicode", [](EvalContext& ctx, const Args& a, const Kwargs& k) {
    need_data("unicode", a);
    if (is_none(a[0])) throw PolicyRuntimeError("AssertionError", "cannot call unicode(...) on None");
    std::vector<std::string> filter;
    bool filtered = false;
    const Value* cats = a.size() > 1 ? &a[1] : kwarg(k, "categories");
    if (cats && !is_none(*cats)) {
      filtered = true;
      for (const auto& c : py_iterate(*cats))
        if (c->type == Type::Str) filter.push_back(as_str(c).value);
    }
    std::vector<std::string> result;
    for (const auto& t : texts_of("unicode", a[0])) {
      auto hits = filtered ? detectors::unicode_categories(as_str(t.holder).value, filter)
                           : detectors::unicode_categories(as_str(t.holder).value);
      for (const auto& h : hits)
        ctx.mark(t.holder, static_cast<std::int64_t>(h.offset), static_cast<std::int64_t>(h.offset + 1));
      for (auto& c : detectors::distinct_categories(hits)) result.push_back(std::move(c));
    }
    return str_list(result);
  }, /*marks=*/true);
}

Value unavailable(const std::string& name);

Value python_fn(const char* name) {
#if !INVARIANT_HAVE_PYTHON_CORE
  return unavailable(name);
#else
  return detector(name, [name](EvalContext&, const Args& a, const Kwargs&) {
    need_data(name, a);
    std::vector<Value> imports, builtins;
    std::vector<std::string> calls;
    bool syntax_error = false;
    std::string message;
    for (const auto& t : texts_of(name, a[0])) {
      auto r = detectors::analyze_python(as_str(t.holder).value);
      for (auto& i : r.imports) imports.push_back(i ? make_str(*i) : none());
      for (auto& b : r.builtins) builtins.push_back(make_str(b));
      for (auto& c : r.function_calls)
        if (std::find(calls.begin(), calls.end(), c) == calls.end()) calls.push_back(c);
      if (r.syntax_error) {
        syntax_error = true;
        message = r.syntax_error_exception;
      }
    }
    std::sort(calls.begin(), calls.end());
    return std::make_shared<RecordObj>(
        &python_result_class(),
        std::vector<Value>{make_list(std::move(imports)), make_list(std::move(builtins)), py_bool(syntax_error),
                           message.empty() ? none() : make_str(message), str_list(calls)});
  });
#endif
}

Value html_fn() {
  return detector("html_code", [](EvalContext&, const Args& a, const Kwargs&) {
    need_data("html_code", a);
    std::vector<std::string> alts, links;
    for (const auto& t : texts_of("html_code", a[0], true)) {
      auto h = detectors::parse_html(as_str(t.holder).value);
      alts.insert(alts.end(), h.alt_texts.begin(), h.alt_texts.end());
      for (auto& l : h.links)
        if (std::find(links.begin(), links.end(), l) == links.end()) links.push_back(l);
    }
    return std::make_shared<RecordObj>(&html_result_class(), std::vector<Value>{str_list(alts), str_list(links)});
  });
}

Value links_fn() {
  return detector("links", [](EvalContext&, const Args& a, const Kwargs&) {
    need_data("links", a);
    std::vector<std::string> links;
    for (const auto& t : texts_of("links", a[0], true))
      for (auto& l : detectors::find_links(as_str(t.holder).value))
        if (std::find(links.begin(), links.end(), l) == links.end()) links.push_back(l);
    return str_list(links);
  });
}

// fuzzy_contains(text, query, query_similarity_threshold=0.8, use_semantic=True) [latest]: true when the
// text contains the query within k = int(len(query) * (1 - threshold)) edits (at most 10); marks the
// leftmost such occurrence (the leftmost start, then the end with the fewest edits, shortest first).
// The semantic/LLM fallback of the reference is never used offline.
Value fuzzy_fn() {
  return detector("fuzzy_contains", [](EvalContext& ctx, const Args& a, const Kwargs& k) {
    if (a.size() < 2) throw_type_error("fuzzy_contains() missing required arguments: 'text' and 'query'");
    if (a[0]->type != Type::Str || a[1]->type != Type::Str) return py_bool(false);
    double threshold = 0.8;
    const Value* th = a.size() > 2 ? &a[2] : kwarg(k, "query_similarity_threshold");
    if (th && ((*th)->type == Type::Float || (*th)->type == Type::Int))
      threshold = (*th)->type == Type::Float ? as_float(*th) : static_cast<double>(as_int(*th));
    auto text = utf8_chars(as_str(a[0]).value);
    auto query = utf8_chars(as_str(a[1]).value);
    std::size_t m = query.size();
    std::size_t kmax = std::min<std::size_t>(10, static_cast<std::size_t>(static_cast<double>(m) * (1.0 - threshold)));
    std::vector<std::size_t> prev(m + 1), cur(m + 1);
    for (std::size_t s = 0; s < text.size(); ++s) {
      ctx.charge(text.size() - s);
      for (std::size_t j = 0; j <= m; ++j) prev[j] = j;  // text[s:s] vs query[:j]
      std::size_t best = prev[m], best_end = s;
      for (std::size_t e = s; e < text.size() && e < s + m + kmax; ++e) {
        cur[0] = e - s + 1;
        for (std::size_t j = 1; j <= m; ++j) {
          std::size_t sub = prev[j - 1] + (text[e] == query[j - 1] ? 0 : 1);
          cur[j] = std::min({sub, prev[j] + 1, cur[j - 1] + 1});
        }
        std::swap(prev, cur);
        if (prev[m] < best) {
          best = prev[m];
          best_end = e + 1;
        }
      }
      if (best <= kmax && best_end > s) {
        ctx.mark(a[0], static_cast<std::int64_t>(s), static_cast<std::int64_t>(best_end));
        return py_bool(true);
      }
    }
    return py_bool(false);
  }, /*marks=*/true);
}

// Result classes the detector modules export (CodeIssue(description, severity), ...): calling one builds
// the record, so policies can construct and compare them.
Value result_class(const RecordClass& cls) {
  return std::make_shared<DetectorFn>(cls.name, [&cls](EvalContext&, const Args& a, const Kwargs& k) -> Value {
    std::vector<Value> fields(cls.fields.size(), none());
    for (std::size_t i = 0; i < a.size() && i < fields.size(); ++i) fields[i] = a[i];
    for (const auto& [n, v] : k) {
      int i = cls.field_index(n);
      if (i < 0) throw_type_error(cls.name + "() got an unexpected keyword argument '" + n + "'");
      fields[static_cast<std::size_t>(i)] = v;
    }
    return std::make_shared<RecordObj>(&cls, std::move(fields));
  });
}
const RecordClass& code_issue_class() {
  static const RecordClass c{"CodeIssue", RecordKind::Other, {"description", "severity"}};
  return c;
}
const RecordClass& code_severity_class() {
  static const RecordClass c{"CodeSeverity", RecordKind::Other, {"value"}};
  return c;
}

// Detectors of the reference that need an ML model, the network or an external program. They are known
// names (so policies that merely import them load), and calling one raises a clear error until the
// detector plugins provide them.
Value unavailable(const std::string& name) {
  return detector(name, [name](EvalContext&, const Args&, const Kwargs&) -> Value {
    throw PolicyRuntimeError("RuntimeError", "detector '" + name + "' is not available in this server build");
  }, /*marks=*/name == "pii" || name == "moderated");
}
}  // namespace

InProcessDetectorRegistry::InProcessDetectorRegistry() {
  Value secrets = secrets_fn(), copyright = copyright_fn(), unicode = unicode_fn();
  Value python = python_fn("python_code"), ipython = python_fn("ipython_code");
  Value html = html_fn(), links = links_fn(), fuzzy = fuzzy_fn();
  Value pii = unavailable("pii"), moderated = unavailable("moderated"),
        injection = unavailable("prompt_injection"), semgrep = unavailable("semgrep");
  auto add = [&](const std::string& module, const std::string& name, const Value& v) {
    exports_.emplace_back(module, name);
    table_[module + ":" + name] = v;
  };
  const std::string d = "invariant.detectors";
  add(d, "secrets", secrets);
  add(d, "copyright", copyright);
  add(d, "unicode", unicode);
  add(d, "python_code", python);
  add(d, "ipython_code", ipython);
  add(d, "fuzzy_contains", fuzzy);
  add(d, "pii", pii);
  add(d, "moderated", moderated);
  add(d, "prompt_injection", injection);
  add(d, "semgrep", semgrep);
  add(d + ".secrets", "secrets", secrets);
  add(d + ".copyright", "copyright", copyright);
  add(d + ".unicode", "unicode", unicode);
  add(d + ".code", "python_code", python);
  add(d + ".code", "ipython_code", ipython);
  add(d + ".code", "semgrep", semgrep);
  add(d + ".fuzzy_matching", "fuzzy_contains", fuzzy);
  add(d + ".pii", "pii", pii);
  add(d + ".moderation", "moderated", moderated);
  add(d + ".prompt_injection", "prompt_injection", injection);
  Value code_issue = result_class(code_issue_class()), severity = result_class(code_severity_class()),
        python_result = result_class(python_result_class());
  for (const std::string m : {d, d + ".code"}) {
    add(m, "CodeIssue", code_issue);
    add(m, "CodeSeverity", severity);
    add(m, "PythonDetectorResult", python_result);
  }
  add("invariant.parsers.html", "html_code", html);
  add("invariant.parsers.html", "links", links);
}

Value InProcessDetectorRegistry::lookup(std::string_view module, std::string_view name) const {
  auto it = table_.find(std::string(module) + ":" + std::string(name));
  return it == table_.end() ? nullptr : it->second;
}

std::vector<std::pair<std::string, std::string>> InProcessDetectorRegistry::exports() const { return exports_; }

}  // namespace inv::adapters
