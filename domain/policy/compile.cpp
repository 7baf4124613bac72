#include "domain/policy/compile.hpp"

#include <algorithm>
#include <cstdio>
#include <functional>
#include <set>

#include "domain/eval/builtins.hpp"
#include "domain/eval/call_signature.hpp"
#include "domain/eval/detector_registry.hpp"
#include "domain/eval/errors.hpp"
#include "domain/util/sha256.hpp"

namespace inv {

Value make_predicate_callable(const policy::Declaration* d);  // interpreter.cpp

namespace {
using policy::Diagnostic;
using policy::DiagnosticKind;
using policy::Expr;
using policy::ExprKind;
using policy::ExprPtr;
using policy::Op;

struct Checker {
  CompiledPolicy& out;
  const DetectorRegistry& detectors;
  std::vector<Diagnostic> scope_errors, type_errors;
  std::optional<PolicyError> fatal;  // duplicate declarations, import linking

  // Names visible in the current body, innermost last.
  std::vector<std::set<std::string>> scopes;
  std::set<std::string> type_aliases;  // imported names usable as types

  void error(std::vector<Diagnostic>& list, DiagnosticKind k, const Expr& e, std::string msg) {
    list.push_back(Diagnostic{k, e.pos, std::move(msg)});
  }

  bool resolvable(const std::string& n) const {
    for (const auto& s : scopes)
      if (s.count(n)) return true;
    if (out.declarations.count(n) || out.globals.count(n)) return true;
    if (n == "input" || is_known_type_name(n)) return true;
    return false;
  }

  // Declares the variables of a body (typed identifiers and `:=`), recursing into quantifier bodies.
  void declare(const std::vector<ExprPtr>& body, std::set<std::string>& names) {
    std::function<void(const Expr&)> walk = [&](const Expr& e) {
      if (e.kind == ExprKind::TypedIdent || e.kind == ExprKind::Assign) {
        if (!names.insert(e.text).second && !fatal)
          fatal = PolicyError{"ValueError", "Variable " + e.text + " already declared", {}};
      }
      for_each_child(e, walk);
    };
    for (const auto& l : body) walk(*l);
  }

  // Scope and type checks of an expression.
  void check(const Expr& e, bool in_pattern) {
    switch (e.kind) {
      case ExprKind::Identifier:
        if (!resolvable(e.text)) error(scope_errors, DiagnosticKind::Scope, e, "Failed to resolve identifier " + e.text);
        return;
      case ExprKind::TypedIdent:
        if (!is_known_type_name(e.type_name) && !type_aliases.count(e.type_name))
          error(scope_errors, DiagnosticKind::Scope, e, "Failed to resolve type " + e.type_name);
        return;
      case ExprKind::Wildcard:
        if (!in_pattern)
          error(type_errors, DiagnosticKind::Type, e, "You cannot use wildcards outside of semantic patterns (e.g. tool:abc(*, 12))");
        return;
      case ExprKind::ValueRef:
        if (!in_pattern)
          error(type_errors, DiagnosticKind::Type, e,
                "You cannot use value references outside of semantic patterns (e.g. tool:abc(<VALUE>, 12))");
        else if (e.text != "EMAIL_ADDRESS" && e.text != "LOCATION" && e.text != "PHONE_NUMBER" &&
                 e.text != "PERSON" && e.text != "MODERATED" && e.text != "DUMMY")
          error(type_errors, DiagnosticKind::Type, e,
                "Unsupported value type: " + e.text + ". Available types: EMAIL_ADDRESS LOCATION PHONE_NUMBER PERSON MODERATED DUMMY");
        return;
      case ExprKind::Pattern:
        for (const auto& a : e.args) check(*a, true);
        return;
      case ExprKind::Member: {
        const Expr& obj = *e.items[0];
        check(obj, in_pattern);
        const char* static_type = nullptr;
        switch (obj.kind) {
          case ExprKind::String: static_type = "<class 'str'>"; break;
          case ExprKind::Int: static_type = "<class 'int'>"; break;
          case ExprKind::Float: static_type = "<class 'float'>"; break;
          case ExprKind::List: static_type = "<class 'list'>"; break;
          case ExprKind::Dict: static_type = "<class 'dict'>"; break;
          case ExprKind::Binary:
          case ExprKind::Unary: static_type = "<class 'bool'>"; break;
          case ExprKind::Identifier:
            if (!resolvable(obj.text)) static_type = "None";
            break;
          default: break;
        }
        if (static_type)
          error(type_errors, DiagnosticKind::Type, e,
                "Type " + policy::to_sexpr(obj) + ": " + static_type + " has no member " + e.text);
        return;
      }
      case ExprKind::ListComp: {
        check(*e.items[1], in_pattern);
        scopes.push_back({e.text});
        check(*e.items[0], in_pattern);
        if (e.items.size() > 2 && e.items[2]) check(*e.items[2], in_pattern);
        scopes.pop_back();
        return;
      }
      case ExprKind::Binary:
        if ((e.op == Op::Is || e.op == Op::IsNot) &&
            (e.items[1]->kind == ExprKind::Pattern || e.items[1]->kind == ExprKind::ToolRef)) {
          check(*e.items[0], in_pattern);
          check(*e.items[1], true);
          return;
        }
        break;
      case ExprKind::Key:
        check(*e.items[1], in_pattern);
        check(*e.items[0], in_pattern);
        return;
      default: break;
    }
    for_each_child(e, [&](const Expr& x) { check(x, in_pattern); });
  }

  // ---- planner facts ------------------------------------------------------------------------------
  static void reads(const Expr& e, std::vector<std::string>& names, const std::set<std::string>& shadow) {
    if (e.kind == ExprKind::Identifier || e.kind == ExprKind::TypedIdent) {
      if (!shadow.count(e.text)) names.push_back(e.text);
      return;
    }
    if (e.kind == ExprKind::ListComp) {
      std::set<std::string> inner = shadow;
      inner.insert(e.text);
      reads(*e.items[1], names, shadow);
      reads(*e.items[0], names, inner);
      if (e.items.size() > 2 && e.items[2]) reads(*e.items[2], names, inner);
      return;
    }
    for_each_child(e, [&](const Expr& x) { reads(x, names, shadow); });
  }

  static bool event_type(const std::string& t) { return t == "Message" || t == "ToolCall" || t == "ToolOutput"; }

  // A conservative "cannot raise" judgement (see search.cpp).
  bool safe(const Expr& e, const BodyInfo& info) const {
    auto var_type = [&](const Expr& x) -> std::string {
      if (x.kind != ExprKind::Identifier && x.kind != ExprKind::TypedIdent) return "";
      auto it = info.typed.find(x.text);
      return it == info.typed.end() ? "" : it->second;
    };
    auto safe_field = [&](const Expr& x) {  // event.field / call.function.name / call.function.arguments
      if (x.kind != ExprKind::Member) return false;
      const Expr& o = *x.items[0];
      std::string t = var_type(o);
      if (t == "Message") return x.text == "role" || x.text == "content" || x.text == "tool_calls" || x.text == "metadata";
      if (t == "ToolOutput") return x.text == "role" || x.text == "content" || x.text == "tool_call_id" || x.text == "metadata";
      if (t == "ToolCall") return x.text == "id" || x.text == "type" || x.text == "function" || x.text == "metadata";
      if (o.kind == ExprKind::Member && o.text == "function" && var_type(*o.items[0]) == "ToolCall")
        return x.text == "name" || x.text == "arguments";
      return false;
    };
    switch (e.kind) {
      case ExprKind::None: case ExprKind::Bool: case ExprKind::Int: case ExprKind::Float: case ExprKind::String:
      case ExprKind::TypedIdent: case ExprKind::ToolRef:
        return true;
      case ExprKind::Identifier: return info.typed.count(e.text) > 0 || resolvable(e.text);
      case ExprKind::Member: return safe_field(e);
      case ExprKind::Unary: return e.op == Op::Not && safe(*e.items[0], info);
      case ExprKind::Binary:
        switch (e.op) {
          case Op::And: case Op::Or: case Op::Eq: case Op::Ne:
            return safe(*e.items[0], info) && safe(*e.items[1], info);
          case Op::Flow: case Op::DirectFlow:
            return event_type(var_type(*e.items[0])) && event_type(var_type(*e.items[1]));
          case Op::Is: case Op::IsNot: {
            const Expr& r = *e.items[1];
            if (r.kind == ExprKind::ToolRef) return safe(*e.items[0], info);
            if (r.kind == ExprKind::Pattern) {
              bool ok = safe(*e.items[0], info);
              std::function<void(const Expr&)> walk = [&](const Expr& m) {
                if (m.kind == ExprKind::ValueRef && m.text != "DUMMY") ok = false;
                if (m.kind == ExprKind::String && out.regex_errors.count(&m)) ok = false;
                if (m.kind != ExprKind::Dict && m.kind != ExprKind::List && m.kind != ExprKind::String &&
                    m.kind != ExprKind::Int && m.kind != ExprKind::Float && m.kind != ExprKind::Wildcard &&
                    m.kind != ExprKind::ValueRef)
                  ok = false;
                for (const auto& x : m.items) walk(*x);
                for (const auto& [_, x] : m.entries) walk(*x);
              };
              for (const auto& a : r.args) walk(*a);
              return ok;
            }
            return safe(*e.items[0], info) && safe(*e.items[1], info);
          }
          case Op::In: case Op::NotIn:
            // "s" in <str / None / list / dict field>; a Function record or an int would raise.
            if (e.items[0]->kind == ExprKind::TypedIdent) return false;
            return e.items[0]->kind == ExprKind::String && safe_field(*e.items[1]) &&
                   e.items[1]->text != "function";
          default: return false;
        }
      default: return false;
    }
  }

  // Whether the expression calls a memoised detector that marks ranges: the reference gives those marks
  // to the first evaluated call only, so such a line is never probed early by the planner.
  bool calls_marking_detector(const Expr& e) const {
    if (e.kind == ExprKind::Call && e.items[0]->kind == ExprKind::Identifier) {
      auto g = out.globals.find(e.items[0]->text);
      if (g != out.globals.end() && g->second->type == Type::Callable) {
        const auto& fn = static_cast<const CallableObj&>(*g->second);
        if (fn.cacheable() && fn.marks_ranges()) return true;
      }
    }
    if (e.kind == ExprKind::Pattern || (e.kind == ExprKind::Binary && (e.op == Op::Is || e.op == Op::IsNot))) {
      // value patterns (<PERSON>, <MODERATED>, ...) call detectors
      bool found = false;
      std::function<void(const Expr&)> walk = [&](const Expr& m) {
        if (m.kind == ExprKind::ValueRef && m.text != "DUMMY") found = true;
        for (const auto& x : m.items) if (x) walk(*x);
        for (const auto& x : m.args) walk(*x);
        for (const auto& [_, x] : m.entries) walk(*x);
      };
      walk(e);
      if (found) return true;
    }
    for (const auto& x : e.items) if (x && calls_marking_detector(*x)) return true;
    for (const auto& x : e.args) if (calls_marking_detector(*x)) return true;
    for (const auto& [_, x] : e.kwargs) if (calls_marking_detector(*x)) return true;
    for (const auto& [_, x] : e.entries) if (calls_marking_detector(*x)) return true;
    for (const auto& x : e.body) if (calls_marking_detector(*x)) return true;
    return false;
  }

  BodyInfo body_info(const std::vector<ExprPtr>& body, const std::set<std::string>& enclosing) {
    BodyInfo info;
    std::function<void(const Expr&, bool)> collect = [&](const Expr& e, bool top) {
      if (e.kind == ExprKind::TypedIdent) info.typed.emplace(e.text, e.type_name);
      if (e.kind == ExprKind::Assign) info.assigned.insert(e.text);
      if (e.kind == ExprKind::Quantifier) return;  // its body is its own search
      for (const auto& x : e.items) if (x) collect(*x, false);
      for (const auto& x : e.args) collect(*x, false);
      for (const auto& [_, x] : e.kwargs) collect(*x, false);
      for (const auto& [_, x] : e.entries) collect(*x, false);
      (void)top;
    };
    for (const auto& l : body) collect(*l, true);
    std::set<std::string> mine;
    for (const auto& [k, _] : info.typed) mine.insert(k);
    mine.insert(info.assigned.begin(), info.assigned.end());
    for (const auto& l : body) {
      LineInfo li;
      std::vector<std::string> names;
      reads(*l, names, {});
      for (auto& n : names)
        if (mine.count(n) && std::find(li.vars.begin(), li.vars.end(), n) == li.vars.end()) {
          li.vars.push_back(n);
          if (info.assigned.count(n)) li.reads_assigned = true;
        }
      li.assigns = l->kind == ExprKind::Assign;
      li.calls_marking_detector = calls_marking_detector(*l);
      li.safe = li.assigns ? false : safe(*l, info);
      info.lines.push_back(std::move(li));
    }
    // Variables of enclosing bodies this body reads (quantifier "not yet bound" test).
    std::vector<std::string> names;
    for (const auto& l : body) reads(*l, names, {});
    for (auto& n : names)
      if (enclosing.count(n) && !mine.count(n) &&
          std::find(info.outer_reads.begin(), info.outer_reads.end(), n) == info.outer_reads.end())
        info.outer_reads.push_back(n);
    // Nested quantifier bodies.
    std::set<std::string> inner_enclosing = enclosing;
    inner_enclosing.insert(mine.begin(), mine.end());
    std::function<void(const Expr&)> nested = [&](const Expr& e) {
      if (e.kind == ExprKind::Quantifier) {
        out.bodies[&e.body] = body_info(e.body, inner_enclosing);
        return;
      }
      for (const auto& x : e.items) if (x) nested(*x);
      for (const auto& x : e.args) nested(*x);
      for (const auto& [_, x] : e.kwargs) nested(*x);
    };
    for (const auto& l : body) nested(*l);
    return info;
  }

  void compile_patterns(const Expr& e, bool in_pattern) {
    if (in_pattern && e.kind == ExprKind::String) {
      try {
        out.regexes[&e] = Regex::compile(e.text + "$", Regex::DotAll);
      } catch (const PolicyRuntimeError& err) {
        out.regex_errors[&e] = err.what();
      }
    }
    bool inner = in_pattern || e.kind == ExprKind::Pattern;
    for (const auto& x : e.items) if (x) compile_patterns(*x, inner);
    for (const auto& x : e.args) compile_patterns(*x, inner);
    for (const auto& [_, x] : e.kwargs) compile_patterns(*x, inner);
    for (const auto& [_, x] : e.entries) compile_patterns(*x, inner);
    for (const auto& x : e.body) compile_patterns(*x, in_pattern);
  }

  Value resolve_import(const std::string& module, const std::string& name) {
    if (Value v = stdlib_export(module, name)) return v;
    if (Value v = detectors.lookup(module, name)) return v;
    return nullptr;
  }

  bool module_exists(const std::string& module) {
    if (stdlib_module_known(module)) return true;
    for (const auto& [m, _] : detectors.exports())
      if (m == module) return true;
    return false;
  }

  // Checks every call of a linked callable that declares a signature (detector functions); a wrong call
  // becomes a diagnostic at the call. Names bound in the body (`secrets := ...`) shadow the import.
  void check_calls(const std::vector<ExprPtr>& body, const std::set<std::string>& params) {
    std::set<std::string> locals = params;
    {
      std::set<std::string> declared;
      std::optional<PolicyError> saved = fatal;
      declare(body, declared);
      fatal = saved;
      locals.insert(declared.begin(), declared.end());
    }
    auto literal_type = [](const Expr& e) -> std::string {
      switch (e.kind) {
        case ExprKind::String: return "str";
        case ExprKind::Int: return "int";
        case ExprKind::Float: return "float";
        case ExprKind::Bool: return "bool";
        case ExprKind::None: return "NoneType";
        case ExprKind::List: return "list";
        case ExprKind::Dict: return "dict";
        default: return "";
      }
    };
    std::function<void(const Expr&)> walk = [&](const Expr& e) {
      if (e.kind == ExprKind::Call && !e.items.empty() && e.items[0] &&
          e.items[0]->kind == ExprKind::Identifier && !locals.count(e.items[0]->text)) {
        auto g = out.globals.find(e.items[0]->text);
        if (g != out.globals.end() && g->second && g->second->type == Type::Callable) {
          if (const CallSignature* sig = static_cast<const CallableObj&>(*g->second).signature()) {
            std::vector<ArgumentShape> positional;
            for (const auto& a : e.args) positional.push_back({literal_type(*a)});
            std::vector<std::pair<std::string, ArgumentShape>> keywords;
            for (const auto& [k, v] : e.kwargs) keywords.emplace_back(k, ArgumentShape{literal_type(*v)});
            if (auto msg = check_call(e.items[0]->text, *sig, positional, keywords))
              error(type_errors, DiagnosticKind::Type, e, "TypeError: " + *msg);
          }
        }
      }
      for_each_child(e, walk);
    };
    for (const auto& l : body) walk(*l);
  }

  void link(const policy::Module& mod) {
    for (const auto& imp : mod.imports) {
      if (fatal) return;
      if (!imp.from) {
        for (const auto& spec : imp.specs) {
          std::string top = spec.name.substr(0, spec.name.find('.'));
          std::string bound = spec.alias.empty() ? top : spec.alias;
          out.globals[bound] = stdlib_export("<module>", spec.alias.empty() ? top : spec.name);
        }
        continue;
      }
      if (!module_exists(imp.module)) {
        if (imp.module.rfind("invariant", 0) == 0)
          fatal = PolicyError{"ImportError", "Module '" + imp.module + "' could not be resolved", {}};
        else
          fatal = PolicyError{"ModuleNotFoundError", "No module named '" + imp.module +
                                                         "' (only the invariant stdlib and json are available)", {}};
        return;
      }
      for (const auto& spec : imp.specs) {
        Value v = resolve_import(imp.module, spec.name);
        if (!v) {
          fatal = PolicyError{"AttributeError", "module '" + imp.module + "' has no attribute '" + spec.name + "'", {}};
          return;
        }
        out.globals[spec.alias.empty() ? spec.name : spec.alias] = v;
      }
    }
  }
};
}  // namespace

std::string policy_hash(std::string_view text) { return sha256_hex(text); }

CompileOutcome compile_policy(std::string_view text, const DetectorRegistry& detectors,
                              const policy::ParseLimits& limits) {
  CompileOutcome result;
  auto parsed = policy::parse_policy(text, limits);
  std::string source = policy::dedent(text);
  if (!parsed.errors.empty()) {
    bool limit = parsed.errors[0].kind == DiagnosticKind::Limit;
    result.error = PolicyError{limit ? "LimitExceeded" : "PolicyLoadingError",
                               policy::render_policy_errors(source, parsed.errors), parsed.errors};
    return result;
  }
  auto compiled = std::make_shared<CompiledPolicy>();
  compiled->module = parsed.module;
  compiled->detectors = &detectors;
  compiled->hash = policy_hash(text);
  for (const auto& [k, v] : builtin_globals()) compiled->globals[k] = v;
  if (Value p = detectors.lookup("invariant.detectors", "pii")) compiled->globals["\x01pii"] = p;
  if (Value m = detectors.lookup("invariant.detectors", "moderated")) compiled->globals["\x01moderated"] = m;

  Checker ck{*compiled, detectors, {}, {}, {}, {}, {}};
  const auto& mod = *parsed.module;
  // Imported names (scope only; linked after the checks, as the reference does).
  std::set<std::string> imported;
  for (const auto& imp : mod.imports)
    for (const auto& spec : imp.specs) {
      std::string bound = !spec.alias.empty() ? spec.alias
                          : imp.from         ? spec.name
                                             : spec.name.substr(0, spec.name.find('.'));
      imported.insert(bound);
      if (!spec.name.empty() && std::isupper(static_cast<unsigned char>(spec.name[0]))) ck.type_aliases.insert(bound);
    }
  for (const auto& d : mod.declarations) {
    if (compiled->declarations.count(d.name)) {
      result.error = PolicyError{"ValueError", "Variable " + d.name + " already declared", {}};
      return result;
    }
    compiled->declarations[d.name] = &d;
    if (d.is_predicate) compiled->predicates[d.name] = make_predicate_callable(&d);
  }
  ck.scopes.push_back(imported);
  for (const auto& d : mod.declarations) {
    std::set<std::string> names;
    for (const auto& p : d.params) names.insert(p.name);
    ck.declare(d.body, names);
    ck.scopes.push_back(names);
    for (const auto& line : d.body) ck.check(*line, false);
    ck.scopes.pop_back();
    std::set<std::string> params;
    for (const auto& p : d.params) params.insert(p.name);
    compiled->bodies[&d.body] = ck.body_info(d.body, params);
  }
  for (const auto& r : mod.rules) {
    std::set<std::string> names;
    ck.declare(r.body, names);
    ck.scopes.push_back(names);
    for (const auto& line : r.body) ck.check(*line, false);
    ck.check(*r.head, false);
    ck.scopes.pop_back();
  }
  if (ck.fatal) {
    result.error = *ck.fatal;
    return result;
  }
  if (!ck.scope_errors.empty() || !ck.type_errors.empty()) {
    std::vector<Diagnostic> all = ck.scope_errors;
    all.insert(all.end(), ck.type_errors.begin(), ck.type_errors.end());
    result.error = PolicyError{"PolicyLoadingError", policy::render_policy_errors(source, all), all};
    return result;
  }
  ck.link(mod);
  if (ck.fatal) {
    result.error = *ck.fatal;
    return result;
  }
  for (const auto& d : mod.declarations) {
    std::set<std::string> params;
    for (const auto& p : d.params) params.insert(p.name);
    ck.check_calls(d.body, params);
  }
  for (const auto& r : mod.rules) {
    std::vector<ExprPtr> lines = r.body;
    if (r.head) lines.push_back(r.head);
    ck.check_calls(lines, {});
  }
  if (!ck.type_errors.empty()) {
    result.error = PolicyError{"PolicyLoadingError", policy::render_policy_errors(source, ck.type_errors), ck.type_errors};
    return result;
  }
  for (const auto& d : mod.declarations)
    for (const auto& l : d.body) ck.compile_patterns(*l, false);
  for (const auto& r : mod.rules)
    for (const auto& l : r.body) ck.compile_patterns(*l, false);
  for (const auto& r : mod.rules) compiled->bodies[&r.body] = ck.body_info(r.body, {});
  // Predicate bodies were planned before patterns compiled; recompute their safety facts now.
  for (const auto& d : mod.declarations) {
    std::set<std::string> params;
    for (const auto& p : d.params) params.insert(p.name);
    compiled->bodies[&d.body] = ck.body_info(d.body, params);
  }
  result.policy = std::move(compiled);
  return result;
}

}  // namespace inv
