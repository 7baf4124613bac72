// Expression semantics (LANGUAGE.md §8 with DECISIONS.md §5–§7). The search lives in search.cpp.
#include "domain/eval/interpreter.hpp"

#include "common/utf8.hpp"

#include "domain/eval/builtins.hpp"
#include "domain/eval/errors.hpp"
#include "domain/eval/operators.hpp"
#include "domain/policy/parser.hpp"
#include "domain/result/py_repr.hpp"

namespace inv {

using policy::Expr;
using policy::ExprKind;
using policy::Op;

namespace {
constexpr std::uint64_t kDeadlineCheckEvery = 4096;

struct InputObj final : Obj {
  InputObj() : Obj(Type::Input) {}
};
const Value& input_object() {
  static const Value v = std::make_shared<InputObj>();
  return v;
}

// A predicate declaration as a callable value.
struct PredicateObj final : CallableObj {
  explicit PredicateObj(const policy::Declaration* d) : decl(d) {}
  const policy::Declaration* decl;
  std::string_view name() const override { return decl->name; }
  Value call(EvalContext& ctx, const std::vector<Value>& args,
             const std::vector<std::pair<std::string, Value>>&) const override {
    return static_cast<Interpreter&>(ctx).call_predicate(*decl, args);
  }
};

// Identity-or-value key of an argument for detector memoisation (LANGUAGE.md §8.12).
void memo_key(std::string& out, const Value& v) {
  switch (v->type) {
    case Type::Str: out += 's'; out += std::to_string(as_str(v).value.size()); out += ':'; out += as_str(v).value; break;
    case Type::Int: out += 'i'; out += std::to_string(as_int(v)); break;
    case Type::Float: out += 'f'; out += float_repr(as_float(v)); break;
    case Type::Bool: out += as_bool(v) ? "T" : "F"; break;
    case Type::None: out += 'N'; break;
    case Type::List:
    case Type::Tuple:
      out += '[';
      for (const auto& x : as_list(v).items) { memo_key(out, x); out += ','; }
      out += ']';
      break;
    case Type::Dict:
      out += '{';
      for (const auto& [k, x] : as_dict(v).entries) { out += std::to_string(k.size()) + ":" + k; memo_key(out, x); out += ','; }
      out += '}';
      break;
    default: out += '@'; out += std::to_string(reinterpret_cast<std::uintptr_t>(v.get())); break;
  }
}
}  // namespace

Value make_predicate_callable(const policy::Declaration* d) { return std::make_shared<PredicateObj>(d); }

const Value* Interpreter::Store::find(std::string_view name) const {
  for (const Store* s = this; s; s = s->outer)
    for (auto it = s->vars.rbegin(); it != s->vars.rend(); ++it)
      if (it->first == name) return &it->second;
  return nullptr;
}

Interpreter::Interpreter(const CompiledPolicy& policy, const Trace& trace, Value parameters, const EvalLimits& limits)
    : policy_(policy), trace_(trace), parameters_(std::move(parameters)), limits_(limits) {
  deadline_ = std::chrono::steady_clock::now() + limits_.deadline;
}

void Interpreter::charge(std::uint64_t cost) {
  steps_ += cost;
  if (steps_ > limits_.max_steps)
    throw LimitExceeded("steps", "evaluation exceeded its step budget of " + std::to_string(limits_.max_steps) +
                                     " steps");
  if ((steps_ & (kDeadlineCheckEvery - 1)) < cost && std::chrono::steady_clock::now() > deadline_)
    throw LimitExceeded("deadline", "evaluation exceeded its deadline of " +
                                        std::to_string(limits_.deadline.count()) + " ms");
}

void Interpreter::mark(const Value& target, std::int64_t start, std::int64_t end) {
  if (filter_mode_ || !marks_) return;
  marks_->push_back(Mark{target, start, end});
}

Value Interpreter::memoize(const std::string& key, const std::function<Value()>& compute) {
  auto it = memo_.find(key);
  if (it == memo_.end()) {
    std::vector<Mark> collected;
    std::vector<Mark>* saved = marks_;
    bool saved_filter = filter_mode_;
    marks_ = &collected;
    filter_mode_ = false;
    Value v;
    try {
      v = compute();
    } catch (const PolicyRuntimeError& e) {
      // Remembered: a planner probe that swallowed the error must not make the real evaluation repeat a
      // slow failing call (a detector timeout would cost twice).
      marks_ = saved;
      filter_mode_ = saved_filter;
      memo_.emplace(key, MemoEntry{nullptr, {}, true, e});
      throw;
    } catch (...) {
      marks_ = saved;
      filter_mode_ = saved_filter;
      throw;
    }
    marks_ = saved;
    filter_mode_ = saved_filter;
    it = memo_.emplace(key, MemoEntry{v, std::move(collected), false, std::nullopt}).first;
  }
  if (it->second.error) throw *it->second.error;
  // Marks of a memoised call count once per analysis: on the first use outside planner probes.
  if (!filter_mode_ && !it->second.marks_used) {
    it->second.marks_used = true;
    if (marks_) marks_->insert(marks_->end(), it->second.marks.begin(), it->second.marks.end());
  }
  return it->second.value;
}

// ---------------------------------------------------------------------------------------------------
Value Interpreter::eval(const Expr& e) {
  charge(1);
  switch (e.kind) {
    case ExprKind::None: return none();
    case ExprKind::Bool: return py_bool(e.bool_value);
    case ExprKind::Int: return make_int(e.int_value);
    case ExprKind::Float: return make_float(e.float_value);
    case ExprKind::String: return make_str(e.text);
    case ExprKind::Identifier: return eval_identifier(e);
    case ExprKind::TypedIdent: return eval_typed(e);
    case ExprKind::ToolRef: return std::make_shared<ToolRefObj>(e.text);
    case ExprKind::ValueRef:
      throw_value_error("Unsupported value reference <" + e.text + "> outside of a semantic pattern");
    case ExprKind::Wildcard:
      throw_value_error("You cannot use wildcards outside of semantic patterns (e.g. tool:abc(*, 12))");
    case ExprKind::List: {
      std::vector<Value> items;
      items.reserve(e.items.size());
      for (const auto& x : e.items) items.push_back(eval(*x));
      return make_list(std::move(items));
    }
    case ExprKind::Dict: {
      std::vector<std::pair<std::string, Value>> entries;
      for (const auto& [k, x] : e.entries) {
        Value v = eval(*x);
        bool replaced = false;
        for (auto& [k2, v2] : entries)
          if (k2 == k) { v2 = v; replaced = true; }
        if (!replaced) entries.emplace_back(k, std::move(v));
      }
      return make_dict(std::move(entries));
    }
    case ExprKind::Unary: {
      Value v = eval(*e.items[0]);
      if (is_unknown(v)) return v;
      switch (e.op) {
        case Op::Not: return py_bool(!truthy(v));
        case Op::Neg: return py_neg(v);
        default: return py_pos(v);
      }
    }
    case ExprKind::Binary: return eval_binary(e);
    case ExprKind::Assign: {
      Value v = eval(*e.items[0]);
      if (store_) store_->vars.emplace_back(e.text, v);
      return nop();
    }
    case ExprKind::Member: {
      Value obj = eval(*e.items[0]);
      if (is_unknown(obj)) return obj;
      return eval_member(obj, e.text);
    }
    case ExprKind::Key: {
      Value obj = eval(*e.items[0]);
      Value key = eval(*e.items[1]);
      if (is_unknown(obj) || is_unknown(key)) return unknown();
      return eval_key(obj, key);
    }
    case ExprKind::Call: return eval_call(e);
    case ExprKind::Pattern:
      throw_value_error("Unsupported semantic pattern outside of an `is` comparison: tool:" + e.text);
    case ExprKind::Quantifier: return eval_quantifier(e);
    case ExprKind::Ternary: {
      Value c = eval(*e.items[1]);
      if (is_unknown(c)) return c;
      return truthy(c) ? eval(*e.items[0]) : eval(*e.items[2]);
    }
    case ExprKind::ListComp: {
      Value it = eval(*e.items[1]);
      if (is_unknown(it)) return it;
      if (is_none(it)) return make_list({});
      std::vector<Value> out;
      Store local;
      local.outer = store_;
      Store* saved = store_;
      store_ = &local;
      try {
        for (auto& x : py_iterate(it)) {
          local.vars.clear();
          local.vars.emplace_back(e.text, x);
          if (e.items.size() > 2 && e.items[2]) {
            Value c = eval(*e.items[2]);
            if (is_unknown(c)) { store_ = saved; return c; }
            if (!truthy(c)) continue;
          }
          out.push_back(eval(*e.items[0]));
          // [latest]: a comprehension over values that are not known yet is not known either.
          if (is_unknown(out.back())) {
            store_ = saved;
            return unknown();
          }
        }
      } catch (...) {
        store_ = saved;
        throw;
      }
      store_ = saved;
      return make_list(std::move(out));
    }
  }
  return none();
}

Value Interpreter::eval_identifier(const Expr& e) {
  if (store_) {
    if (const Value* v = store_->find(e.text)) return *v;
  }
  auto d = policy_.declarations.find(e.text);
  if (d != policy_.declarations.end()) {
    const auto& decl = *d->second;
    if (decl.is_predicate) return policy_.predicates.at(decl.name);
    // A constant is re-evaluated on every use from its first expression, without local bindings.
    // Constants that refer to themselves (`v := v + 1`) would recurse forever: Python's RecursionError.
    if (++depth_ > limits_.max_call_depth) {
      --depth_;
      throw PolicyRuntimeError("RecursionError", "maximum recursion depth exceeded while evaluating '" + e.text + "'");
    }
    Store* saved = store_;
    Store empty;
    store_ = &empty;
    try {
      Value v = decl.body.empty() ? none() : eval(*decl.body[0]);
      store_ = saved;
      --depth_;
      return v;
    } catch (...) {
      store_ = saved;
      --depth_;
      throw;
    }
  }
  auto g = policy_.globals.find(e.text);
  if (g != policy_.globals.end()) return g->second;
  if (e.text == "input") return input_object();
  // A rule variable that is declared but not bound yet.
  return unknown();
}

Value Interpreter::eval_typed(const Expr& e) {
  if (store_) {
    if (const Value* v = store_->find(e.text)) return *v;
  }
  if (new_domains_) {
    bool known = false;
    for (const auto& d : *new_domains_)
      if (d.var == e.text) known = true;
    if (!known) new_domains_->push_back(Domain{e.text, e.type_name, true, {}});
  }
  return unknown();
}

Value Interpreter::eval_logical(const Expr& e) {
  // Both sides are evaluated (so both mark their ranges); an error on the side that does not decide
  // the result is dropped (DECISIONS.md §5).
  Value l, r;
  std::exception_ptr le, re;
  try { l = eval(*e.items[0]); } catch (const PolicyRuntimeError&) { le = std::current_exception(); }
  try { r = eval(*e.items[1]); } catch (const PolicyRuntimeError&) { re = std::current_exception(); }
  bool is_and = e.op == Op::And;
  auto decides = [&](const Value& v) { return v && (is_and ? is_false(v) : is_true(v)); };
  if (decides(l) || decides(r)) return py_bool(!is_and);
  if (le) std::rethrow_exception(le);
  if (re) std::rethrow_exception(re);
  if (is_unknown(l) || is_unknown(r)) return unknown();
  if (is_and) return truthy(l) ? r : l;
  return truthy(l) ? l : r;
}

Value Interpreter::eval_binary(const Expr& e) {
  switch (e.op) {
    case Op::And:
    case Op::Or: return eval_logical(e);
    case Op::Flow: return eval_flow(e, false);
    case Op::DirectFlow: return eval_flow(e, true);
    case Op::In:
    case Op::NotIn:
      if (e.items[0]->kind == ExprKind::TypedIdent) {
        // `(x: T) in expr` declares x over the objects of type T inside expr; the line is True.
        const Expr& t = *e.items[0];
        if (!(store_ && store_->find(t.text))) {
          Value src = eval(*e.items[1]);
          if (!is_unknown(src) && new_domains_) {
            bool known = false;
            for (const auto& d : *new_domains_)
              if (d.var == t.text) known = true;
            if (!known) new_domains_->push_back(Domain{t.text, t.type_name, false, select(t.type_name, &src)});
          }
        }
        return py_bool(true);
      }
      break;
    case Op::Is:
    case Op::IsNot: {
      const Expr& rhs = *e.items[1];
      if (rhs.kind == ExprKind::ToolRef || rhs.kind == ExprKind::Pattern) {
        Value l = eval(*e.items[0]);
        if (is_unknown(l)) return l;
        Value m = match_pattern(rhs, l);
        if (e.op == Op::IsNot && m->type == Type::Bool) return py_bool(!as_bool(m));
        return m;
      }
      break;
    }
    default: break;
  }
  Value l = eval(*e.items[0]);
  Value r = eval(*e.items[1]);
  if (is_unknown(l) || is_unknown(r)) return unknown();
  switch (e.op) {
    case Op::Eq: return py_bool(py_equal(l, r));
    case Op::Ne: return py_bool(!py_equal(l, r));
    case Op::Lt: return py_bool(py_compare("<", l, r));
    case Op::Gt: return py_bool(py_compare(">", l, r));
    case Op::Le: return py_bool(py_compare("<=", l, r));
    case Op::Ge: return py_bool(py_compare(">=", l, r));
    case Op::In: return eval_in(e, l, r);
    case Op::NotIn: {
      Value v = eval_in(e, l, r);
      if (v->type == Type::Bool) return py_bool(!as_bool(v));
      if (v->type == Type::List) {  // element-wise form: negate each
        std::vector<Value> out;
        for (const auto& x : as_list(v).items) out.push_back(py_bool(!truthy(x)));
        return make_list(std::move(out));
      }
      return v;
    }
    case Op::Is: return py_bool(py_is(l, r));
    case Op::IsNot: return py_bool(!py_is(l, r));
    case Op::ContainsOnly: {
      for (const auto& el : py_iterate(r))
        if (!py_contains(l, el)) return py_bool(false);
      return py_bool(true);
    }
    case Op::Add: return py_add(l, r);
    case Op::Sub: return py_sub(l, r);
    case Op::Mul: return py_mul(l, r);
    case Op::Div: return py_div(l, r);
    case Op::Mod: return py_mod(l, r);
    case Op::Pow: return py_pow(l, r);
    default: break;
  }
  throw_value_error(std::string("unsupported operator ") + policy::op_text(e.op));
}

static bool is_chunk_list(const Value& v) {
  if (v->type != Type::List || as_list(v).items.empty()) return false;
  for (const auto& x : as_list(v).items)
    if (x->type != Type::Dict || !as_dict(x).find("type")) return false;
  return true;
}

Value Interpreter::eval_in(const Expr&, const Value& l, const Value& r) {
  if (is_none(r)) return py_bool(false);
  if (l->type == Type::List) {
    // [a, b] in x: element-wise, a list of booleans (LANGUAGE.md §8.5)
    std::vector<Value> out;
    for (const auto& x : as_list(l).items) {
      if (is_unknown(x)) { out.push_back(unknown()); continue; }
      out.push_back(py_bool(r->type == Type::Str && x->type == Type::Str
                                ? as_str(r).value.find(as_str(x).value) != std::string::npos
                                : py_contains(r, x)));
    }
    return make_list(std::move(out));
  }
  if (l->type == Type::Str && r->type == Type::Str) {
    // Plain substring test; every literal occurrence is marked (DECISIONS.md §6).
    const std::string& needle = as_str(l).value;
    const StrObj& hay = as_str(r);
    bool found = hay.value.find(needle) != std::string::npos;
    if (found && !needle.empty() && !filter_mode_ && r->node_id >= 0) {
      std::size_t pos = 0;
      std::size_t needle_cp = as_str(l).code_points;
      utf8::CodePointCursor cursor(hay.value);  // occurrences come left to right
      while ((pos = hay.value.find(needle, pos)) != std::string::npos) {
        std::int64_t cp = hay.ascii ? static_cast<std::int64_t>(pos) : static_cast<std::int64_t>(cursor.at(pos));
        mark(r, cp, cp + static_cast<std::int64_t>(needle_cp));
        pos += needle.size();
      }
    }
    return py_bool(found);
  }
  if (l->type == Type::Str && is_chunk_list(r)) {
    // [latest] content chunks: true if a text chunk contains the string
    for (const auto& c : as_list(r).items) {
      const Value* t = as_dict(c).find("text");
      if (t && (*t)->type == Type::Str && as_str(*t).value.find(as_str(l).value) != std::string::npos)
        return py_bool(true);
    }
    return py_bool(false);
  }
  return py_bool(py_contains(r, l));
}

Value Interpreter::eval_flow(const Expr& e, bool direct) {
  auto is_name = [](const Expr& x) { return x.kind == ExprKind::Identifier || x.kind == ExprKind::TypedIdent; };
  if (!is_name(*e.items[0]) || !is_name(*e.items[1]))
    throw_value_error("The '->' operator can only be used with Identifier or TypedIdentifier.");
  Value a = eval(*e.items[0]);
  Value b = eval(*e.items[1]);
  if (is_unknown(a) || is_unknown(b)) return unknown();
  auto in_graph = [&](const Value& v) {
    return v->type == Type::Record && as_record(v).flow_pos >= 0 && trace_.contains(v.get());
  };
  if (!in_graph(a) || !in_graph(b)) throw_key_error("Object with given id not in dataflow graph!");
  const auto& ra = as_record(a);
  const auto& rb = as_record(b);
  if (!direct) return py_bool(ra.flow_pos < rb.flow_pos);
  // ~> : a is b's direct parent. A tool output's parent is the call it answers; any other event's parent
  // is the event right before it in the happens-before order (a message for its first tool call, the
  // previous call for the next one, the previous top-level event otherwise).
  if (rb.cls->kind == RecordKind::ToolOutput && rb.linked_call) return py_bool(rb.linked_call == &ra);
  return py_bool(ra.flow_pos + 1 == rb.flow_pos);
}

Value Interpreter::call_value(const Value& callee, const std::vector<Value>& args,
                              const std::vector<std::pair<std::string, Value>>& kwargs) {
  if (callee->type != Type::Callable)
    throw_type_error("'" + type_name(callee) + "' object is not callable");
  const auto& fn = static_cast<const CallableObj&>(*callee);
  if (!fn.cacheable()) return fn.call(*this, args, kwargs);
  // The callable's identity first: two detectors of the same name from different modules stay apart.
  std::string key = std::to_string(reinterpret_cast<std::uintptr_t>(&fn));
  key += fn.name();
  key += '(';
  for (const auto& a : args) { memo_key(key, a); key += ';'; }
  for (const auto& [k, v] : kwargs) { key += k; key += '='; memo_key(key, v); key += ';'; }
  return memoize(key, [&] { return fn.call(*this, args, kwargs); });
}

Value Interpreter::eval_call(const Expr& e) {
  Value callee = eval(*e.items[0]);
  std::vector<Value> args;
  args.reserve(e.args.size());
  bool unknown_arg = is_unknown(callee);
  for (const auto& a : e.args) {
    args.push_back(eval(*a));
    if (is_unknown(args.back())) unknown_arg = true;
  }
  std::vector<std::pair<std::string, Value>> kwargs;
  for (const auto& [k, a] : e.kwargs) kwargs.emplace_back(k, eval(*a));
  if (unknown_arg) return unknown();
  if (++depth_ > limits_.max_call_depth) {
    --depth_;
    throw LimitExceeded("call_depth", "predicate calls nested deeper than " + std::to_string(limits_.max_call_depth));
  }
  try {
    Value v = call_value(callee, args, kwargs);
    --depth_;
    return v;
  } catch (...) {
    --depth_;
    throw;
  }
}

// Member access, [v2024] rules (LANGUAGE.md §8.8).
Value Interpreter::eval_member(const Value& obj, const std::string& name) {
  if (obj->type == Type::Input) {
    if (parameters_ && parameters_->type == Type::Dict) {
      if (const Value* v = as_dict(parameters_).find(name)) return *v;
    }
    throw PolicyRuntimeError("KeyError", "\"Missing policy parameter '" + name + "' (policy relies on `input." +
                                             name + "`), which is required for evaluation of a rule.\"");
  }
  if (obj->type == Type::Record) {
    const auto& r = as_record(obj);
    int i = r.cls->field_index(name);
    if (i >= 0) return r.fields[static_cast<std::size_t>(i)];
    if (name == "__class__") {
      auto it = policy_.globals.find(r.cls->name);
      return it != policy_.globals.end() ? it->second : make_str("<class '" + r.cls->name + "'>");
    }
    if (name == "__dict__") {
      std::vector<std::pair<std::string, Value>> d;
      for (std::size_t k = 0; k < r.fields.size(); ++k) d.emplace_back(r.cls->fields[k], r.fields[k]);
      return make_dict(std::move(d));
    }
    throw_key_error("Object " + py_str(obj) + " has no key " + name);
  }
  if (obj->type == Type::Callable) {
    std::string mod = opaque_module_name(obj);
    if (!mod.empty())
      throw PolicyRuntimeError("AttributeError", "module '" + mod + "' is not available to policies (attribute '" +
                                                     name + "')");
    throw PolicyRuntimeError("AttributeError", "'function' object has no attribute '" + name + "'");
  }
  if (Value m = bind_method(obj, name)) return m;
  if (obj->type == Type::Str) {
    auto parsed = parse_json_text(as_str(obj).value);
    if (parsed && (*parsed)->type == Type::Dict) {
      if (const Value* v = as_dict(*parsed).find(name)) return *v;
      throw_key_error("Object " + py_str(*parsed) + " has no key " + name);
    }
    if (parsed && ((*parsed)->type == Type::List || (*parsed)->type == Type::Str))
      throw_key_error("Object " + py_str(*parsed) + " has no key " + name);
    throw_key_error("Object " + py_str(obj) + " has no key " + name);
  }
  if (obj->type == Type::Dict) {
    if (const Value* v = as_dict(obj).find(name)) return *v;
  }
  throw_key_error("Object " + py_str(obj) + " has no key " + name);
}

// Key access, [v2024] rules (LANGUAGE.md §8.9).
Value Interpreter::eval_key(const Value& obj, const Value& key) {
  auto index_seq = [&](const std::vector<Value>& items) -> Value {
    if (key->type != Type::Int && key->type != Type::Bool)
      throw_key_error("Object " + py_str(obj) + " has no key " + py_str(key));
    std::int64_t i = key->type == Type::Bool ? (as_bool(key) ? 1 : 0) : as_int(key);
    std::int64_t n = static_cast<std::int64_t>(items.size());
    if (i < 0) i += n;
    if (i < 0 || i >= n)
      throw PolicyRuntimeError("IndexError", obj->type == Type::Tuple ? "tuple index out of range"
                                                                      : "list index out of range");
    return items[static_cast<std::size_t>(i)];
  };
  switch (obj->type) {
    case Type::List:
    case Type::Tuple: return index_seq(as_list(obj).items);
    case Type::Dict: {
      if (key->type == Type::Str) {
        if (const Value* v = as_dict(obj).find(as_str(key).value)) return *v;
      }
      throw PolicyRuntimeError("KeyError", py_repr(key));
    }
    case Type::Str: {
      if (key->type == Type::Str) {
        auto parsed = parse_json_text(as_str(obj).value);
        if (parsed && (*parsed)->type == Type::Dict) {
          if (const Value* v = as_dict(*parsed).find(as_str(key).value)) return *v;
          throw_key_error("Object " + py_str(*parsed) + " has no key " + as_str(key).value);
        }
        throw_key_error("Object " + py_str(obj) + " has no key " + as_str(key).value);
      }
      if (key->type != Type::Int && key->type != Type::Bool)
        throw_key_error("Object " + py_str(obj) + " has no key " + py_str(key));
      auto chars = utf8_chars(as_str(obj).value);
      std::int64_t i = key->type == Type::Bool ? (as_bool(key) ? 1 : 0) : as_int(key);
      std::int64_t n = static_cast<std::int64_t>(chars.size());
      if (i < 0) i += n;
      if (i < 0 || i >= n) throw PolicyRuntimeError("IndexError", "string index out of range");
      return make_str(chars[static_cast<std::size_t>(i)]);
    }
    case Type::Record: {
      if (key->type == Type::Str) {
        const auto& r = as_record(obj);
        int i = r.cls->field_index(as_str(key).value);
        if (i >= 0) return r.fields[static_cast<std::size_t>(i)];
      }
      throw_key_error("Object " + py_str(obj) + " has no key " + py_str(key));
    }
    default: throw_key_error("Object " + py_str(obj) + " has no key " + py_str(key));
  }
}

// ---- semantic patterns (LANGUAGE.md §8.11) ---------------------------------------------------------
Value Interpreter::match_pattern(const Expr& pattern, const Value& v0) {
  Value v = v0;
  if (is_record_kind(v, RecordKind::ToolOutput)) {
    const RecordObj* call = as_record(v).linked_call;
    if (!call) return none();
    // Aliasing pointer: shares ownership with the output (both belong to the trace), points at the call.
    return match_pattern(pattern, Value(v0, static_cast<const Obj*>(call)));
  }
  if (!is_record_kind(v, RecordKind::ToolCall)) return none();
  const auto& call = as_record(v);
  const Value& function = call.field("function");
  if (function->type != Type::Record) return py_bool(false);
  const Value& fname = as_record(function).field("name");
  if (fname->type != Type::Str) return py_bool(false);
  // re.match(NAME + "$", name): NAME is an identifier, so: equal, or equal up to one trailing newline.
  const std::string& n = as_str(fname).value;
  bool name_ok = n == pattern.text || (n.size() == pattern.text.size() + 1 && n.back() == '\n' &&
                                       n.compare(0, pattern.text.size(), pattern.text) == 0);
  if (!name_ok) return py_bool(false);
  if (pattern.kind == ExprKind::ToolRef) return py_bool(true);
  if (pattern.args.size() != 1) return py_bool(pattern.args.empty());
  if (call.node_id < 0) return py_bool(match_arg(*pattern.args[0], as_record(function).field("arguments")));
  std::uint64_t key = (static_cast<std::uint64_t>(reinterpret_cast<std::uintptr_t>(&pattern)) << 24) ^
                      static_cast<std::uint64_t>(call.node_id);
  auto hit = pattern_cache_.find(key);
  if (hit != pattern_cache_.end()) return py_bool(hit->second);
  bool ok = match_arg(*pattern.args[0], as_record(function).field("arguments"));
  pattern_cache_.emplace(key, ok);
  return py_bool(ok);
}

bool Interpreter::match_arg(const Expr& m, const Value& v) {
  charge(1);
  switch (m.kind) {
    case ExprKind::Dict: {
      if (v->type != Type::Dict) return false;
      for (const auto& [k, sub] : m.entries) {
        const Value* x = as_dict(v).find(k);
        if (!x || !match_arg(*sub, *x)) return false;
      }
      return true;
    }
    case ExprKind::List: {
      if (v->type != Type::List || as_list(v).items.size() != m.items.size()) return false;
      for (std::size_t i = 0; i < m.items.size(); ++i)
        if (!match_arg(*m.items[i], as_list(v).items[i])) return false;
      return true;
    }
    case ExprKind::Wildcard: return true;
    case ExprKind::String: {
      if (v->type != Type::Str) return false;
      if (as_str(v).value == m.text) return true;
      auto err = policy_.regex_errors.find(&m);
      if (err != policy_.regex_errors.end()) throw PolicyRuntimeError("error", err->second);
      auto re = policy_.regexes.find(&m);
      if (re == policy_.regexes.end()) return false;
      return re->second->match_prefix(as_str(v).value);
    }
    case ExprKind::Int:
      if (v->type == Type::Int) return as_int(v) == m.int_value;
      if (v->type == Type::Bool) return (as_bool(v) ? 1 : 0) == m.int_value;
      return false;
    case ExprKind::Float: return v->type == Type::Float && as_float(v) == m.float_value;
    case ExprKind::ValueRef: {
      if (m.text == "DUMMY") return v->type == Type::Str && as_str(v).value == "__DUMMY__";
      const bool moderation = m.text == "MODERATED";
      if (moderation && v->type != Type::Str) return false;
      auto f = policy_.globals.find(moderation ? "\x01moderated" : "\x01pii");
      if (f == policy_.globals.end())
        throw PolicyRuntimeError("RuntimeError", moderation ? std::string("the moderation detector needed by <MODERATED> is not available")
                                                            : "the pii detector needed by <" + m.text + "> is not available");
      // Value patterns mark no ranges, and leave a memoised call's marks to a later direct call.
      const bool saved_filter = filter_mode_;
      filter_mode_ = true;
      Value found;
      try {
        found = call_value(f->second, {v}, {});
      } catch (...) {
        filter_mode_ = saved_filter;
        throw;
      }
      filter_mode_ = saved_filter;
      if (moderation) return truthy(found);
      if (found->type != Type::List) return false;
      for (const auto& x : as_list(found).items)
        if (x->type == Type::Str && as_str(x).value == m.text) return true;
      return false;
    }
    default: {
      throw_value_error("Unsupported semantic pattern: " + policy::to_sexpr(m));
    }
  }
}

}  // namespace inv
