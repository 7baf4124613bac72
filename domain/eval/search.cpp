// The assignment search (LANGUAGE.md §9) and its planner.
//
// The reference enumerates the full cartesian product of the typed variables' domains and evaluates the
// body on every assignment. We keep its algorithm — the LIFO stack of frames, the passes that register
// new domains, the order of models — but enumerate each frame's product through a planner:
//
//   * A body line is a *filter* for a frame when every rule variable it reads is a variable of that
//     frame, it binds nothing (`:=`), reads no `:=` variable, and every line before it is "safe" (cannot
//     raise, decided statically in compile.cpp). For such a line, an assignment on which it evaluates to
//     exactly False is an assignment the reference would have evaluated to False without an error: the
//     lines before it cannot raise, and a False line makes the whole body False. Skipping it changes
//     nothing observable.
//   * A filter that reads one variable is applied once per candidate (the domain shrinks before the
//     product is formed); one that reads several is applied as soon as its last variable is bound, in
//     the nested loops that form the product in the reference's order.
//   * Probing a filter runs in "filter mode": no ranges are marked and an error means "keep the
//     candidate" — the full, in-order evaluation of the surviving assignment reproduces it exactly.
//
// The surviving assignments are evaluated exactly as the reference does, in the same order, so models,
// ranges and errors are unchanged while `(a: ToolCall) -> (b: ToolCall)` with tool-name patterns costs
// O(n + matching pairs) instead of O(n²).
#include "domain/eval/builtins.hpp"
#include "domain/eval/errors.hpp"
#include "domain/eval/interpreter.hpp"
#include "domain/eval/operators.hpp"

namespace inv {

using policy::Expr;
using policy::ExprKind;
using policy::ExprPtr;

namespace {
bool type_matches(std::string_view type, const Value& v) {
  switch (v->type) {
    case Type::Record: return as_record(v).cls->name == type;
    case Type::Str: return type == "str";
    case Type::Int: return type == "int";
    case Type::Float: return type == "float";
    case Type::Bool: return type == "bool";
    case Type::List: return type == "list";
    case Type::Tuple: return type == "tuple";
    case Type::Dict: return type == "dict";
    case Type::None: return type == "NoneType";
    default: return false;
  }
}
}  // namespace

// select(T, value) of §9.2.
void Interpreter::select_into(std::string_view type, const Value& v, std::vector<Value>& out, int depth) {
  if (depth > 400) return;
  if (type_matches(type, v)) {
    out.push_back(v);
    return;
  }
  switch (v->type) {
    case Type::Record: {
      const auto& r = as_record(v);
      auto sub = [&](const char* f) { select_into(type, r.field(f), out, depth + 1); };
      switch (r.cls->kind) {
        case RecordKind::Message: sub("content"); sub("role"); sub("tool_calls"); break;
        case RecordKind::ToolCall: sub("id"); sub("type"); sub("function"); break;
        case RecordKind::ToolOutput: sub("role"); sub("content"); sub("tool_call_id"); break;
        case RecordKind::Tool: sub("inputSchema"); break;  // [latest]: a tool's parameters
        default: break;  // a Function or a detector result is not searched
      }
      break;
    }
    case Type::List:
    case Type::Tuple:
      for (const auto& x : as_list(v).items) select_into(type, x, out, depth + 1);
      break;
    case Type::Dict:
      for (const auto& [k, x] : as_dict(v).entries) select_into(type, x, out, depth + 1);
      break;
    default: break;
  }
}

std::vector<Value> Interpreter::select(std::string_view type, const Value* source) {
  if (source) {
    std::vector<Value> out;
    select_into(type, *source, out, 0);
    return out;
  }
  auto it = select_cache_.find(std::string(type));
  if (it != select_cache_.end()) return it->second;
  std::vector<Value> out;
  if (type == "Input") {
    out.push_back(parameters_ ? parameters_ : none());
  } else {
    for (const auto& ev : trace_.events) select_into(type, ev, out, 0);
  }
  charge(out.size() + 1);
  select_cache_.emplace(std::string(type), out);
  return out;
}

Interpreter::Res Interpreter::eval_body(const std::vector<ExprPtr>& body, Store& store,
                                        std::vector<Domain>& new_domains) {
  Store* saved_store = store_;
  auto* saved_domains = new_domains_;
  store_ = &store;
  new_domains_ = &new_domains;
  Res result = Res::True;
  bool non_bool = false, any_unknown = false;
  try {
    for (const auto& line : body) {
      Value v;
      if (line->kind == ExprKind::TypedIdent) {
        eval(*line);  // registers the domain when unbound
        v = py_bool(true);
      } else {
        v = eval(*line);
      }
      if (v->type == Type::Nop) continue;
      if (is_false(v)) {
        result = Res::False;
        break;
      }
      if (is_unknown(v)) any_unknown = true;
      else if (v->type != Type::Bool) non_bool = true;
    }
  } catch (...) {
    store_ = saved_store;
    new_domains_ = saved_domains;
    throw;
  }
  store_ = saved_store;
  new_domains_ = saved_domains;
  if (result == Res::False) return Res::False;
  if (non_bool) return Res::NonBool;
  if (any_unknown) return Res::Unknown;
  return Res::True;
}

bool Interpreter::head_evaluable(const Expr* head, Store& store) {
  if (!head || head->kind == ExprKind::String) return true;
  Store* saved = store_;
  auto* saved_domains = new_domains_;
  std::vector<Mark> scratch;
  auto* saved_marks = marks_;
  store_ = &store;
  new_domains_ = nullptr;
  marks_ = &scratch;
  bool ok;
  try {
    ok = !is_unknown(eval(*head));
  } catch (...) {
    store_ = saved;
    new_domains_ = saved_domains;
    marks_ = saved_marks;
    throw;
  }
  store_ = saved;
  new_domains_ = saved_domains;
  marks_ = saved_marks;
  return ok;
}

// Enumerates the frame's cartesian product (first variable outermost, candidates in order), skipping
// assignments that a filter line proves False (see the file comment).
bool Interpreter::enumerate(const std::vector<ExprPtr>& body, const BodyInfo& info, const Frame& frame,
                            const Store* outer, const TupleFn& visit, bool no_filters) {
  const std::size_t n = frame.size();
  std::vector<std::vector<Value>> cands(n);
  for (std::size_t i = 0; i < n; ++i) {
    if (frame[i].open) cands[i] = select(frame[i].type, nullptr);
    else cands[i] = frame[i].values;
  }
  // Which lines may filter, and at which depth (index of the last frame variable they read).
  std::vector<std::vector<std::size_t>> at_depth(n);
  std::vector<std::size_t> constant_lines;
  std::vector<std::vector<std::size_t>> unary(n);
  for (std::size_t k = 0; !no_filters && k < body.size() && k < info.lines.size(); ++k) {
    const LineInfo& li = info.lines[k];
    bool ok = !li.assigns && !li.reads_assigned && !li.calls_marking_detector;
    int last = -1;
    std::size_t count = 0;
    for (const auto& var : li.vars) {
      int pos = -1;
      for (std::size_t i = 0; i < n; ++i)
        if (frame[i].var == var) pos = static_cast<int>(i);
      if (pos < 0) { ok = false; break; }
      last = std::max(last, pos);
      ++count;
    }
    if (ok) {
      if (last < 0) constant_lines.push_back(k);
      else if (count == 1) unary[static_cast<std::size_t>(last)].push_back(k);
      else at_depth[static_cast<std::size_t>(last)].push_back(k);
    }
    if (!li.safe) break;  // lines after a line that may raise cannot filter
  }

  Store probe;
  probe.outer = outer;
  auto probe_false = [&](std::size_t line) -> bool {
    std::vector<Domain> scratch_domains;
    bool saved_filter = filter_mode_;
    Store* saved_store = store_;
    auto* saved_domains = new_domains_;
    filter_mode_ = true;
    store_ = &probe;
    new_domains_ = &scratch_domains;
    bool is_f = false;
    try {
      is_f = is_false(eval(*body[line]));
    } catch (const PolicyRuntimeError&) {
      is_f = false;  // keep: the in-order evaluation decides
    } catch (...) {
      filter_mode_ = saved_filter;
      store_ = saved_store;
      new_domains_ = saved_domains;
      throw;
    }
    filter_mode_ = saved_filter;
    store_ = saved_store;
    new_domains_ = saved_domains;
    return is_f;
  };

  for (std::size_t k : constant_lines)
    if (probe_false(k)) return true;
  for (std::size_t i = 0; i < n; ++i) {
    if (unary[i].empty()) continue;
    std::vector<Value> kept;
    for (const auto& c : cands[i]) {
      probe.vars.clear();
      probe.vars.emplace_back(frame[i].var, c);
      bool drop = false;
      for (std::size_t k : unary[i])
        if (probe_false(k)) { drop = true; break; }
      if (!drop) kept.push_back(c);
    }
    cands[i] = std::move(kept);
  }
  for (const auto& c : cands)
    if (c.empty()) return true;

  // Nested loops in product order.
  std::vector<std::size_t> idx(n, 0);
  std::vector<Value> tuple;
  tuple.reserve(n);
  probe.vars.clear();
  std::size_t depth = 0;
  while (true) {
    if (depth == n) {
      if (++bindings_ > limits_.max_bindings)
        throw LimitExceeded("bindings", "the search enumerated more than " + std::to_string(limits_.max_bindings) +
                                            " assignments");
      // Each assignment is evaluated as soon as it is formed: an error aborts at once, as in the
      // reference, and the product is never held in memory.
      tuple.clear();
      for (const auto& [_, v] : probe.vars) tuple.push_back(v);
      if (!visit(tuple)) return false;
      if (n == 0) return true;
      --depth;
      probe.vars.pop_back();
      ++idx[depth];
      continue;
    }
    if (idx[depth] >= cands[depth].size()) {
      if (depth == 0) break;
      idx[depth] = 0;
      --depth;
      probe.vars.pop_back();
      ++idx[depth];
      continue;
    }
    charge(1);
    probe.vars.emplace_back(frame[depth].var, cands[depth][idx[depth]]);
    bool drop = false;
    for (std::size_t k : at_depth[depth])
      if (probe_false(k)) { drop = true; break; }
    if (drop) {
      probe.vars.pop_back();
      ++idx[depth];
      continue;
    }
    ++depth;
  }
  return true;
}

void Interpreter::search(const std::vector<ExprPtr>& body, const Store* outer, const Expr* head,
                         const ResultFn& on_result, bool needs_false) {
  const BodyInfo& info = policy_.bodies.at(&body);
  std::vector<Frame> stack;
  auto visit = [&](const Frame& frame, const std::vector<Value>& tuple) -> bool {
    Store store;
    store.outer = outer;
    for (std::size_t i = 0; i < tuple.size(); ++i) store.vars.emplace_back(frame[i].var, tuple[i]);
    std::vector<Mark> marks;
    std::vector<Domain> new_domains;
    auto* saved_marks = marks_;
    marks_ = &marks;
    Res r;
    try {
      r = eval_body(body, store, new_domains);
    } catch (...) {
      marks_ = saved_marks;
      throw;
    }
    marks_ = saved_marks;
    if (r == Res::False) return on_result(r, store, marks);
    if (r == Res::True && head_evaluable(head, store)) return on_result(r, store, marks);
    if (!new_domains.empty()) {
      Frame next;
      for (std::size_t i = 0; i < tuple.size(); ++i)
        next.push_back(Domain{frame[i].var, frame[i].type, false, {tuple[i]}});
      for (auto& d : new_domains) next.push_back(std::move(d));
      stack.push_back(std::move(next));
    }
    return true;
  };
  // First pass: the empty assignment.
  if (!visit(Frame{}, {})) return;
  while (!stack.empty()) {
    Frame frame = std::move(stack.back());
    stack.pop_back();
    bool go_on = enumerate(body, info, frame, outer,
                           [&](const std::vector<Value>& tuple) { return visit(frame, tuple); }, needs_false);
    if (!go_on) return;
  }
}

void Interpreter::run(const std::function<void(Model&&)>& on_model) {
  const auto& rules = policy_.module->rules;
  for (std::size_t ri = 0; ri < rules.size(); ++ri) {
    const auto& rule = rules[ri];
    search(rule.body, nullptr, rule.head.get(), [&](Res r, Store& store, std::vector<Mark>& marks) {
      if (r != Res::True) return true;
      Model m;
      m.rule = static_cast<int>(ri);
      for (const auto& [k, v] : store.vars) m.store.emplace_back(k, v);
      m.marks = std::move(marks);
      if (rule.head->kind != ExprKind::String) {
        Store* saved = store_;
        store_ = &store;
        std::vector<Mark> scratch;
        auto* saved_marks = marks_;
        marks_ = &scratch;
        try {
          m.head = eval(*rule.head);
        } catch (...) {
          store_ = saved;
          marks_ = saved_marks;
          throw;
        }
        store_ = saved;
        marks_ = saved_marks;
      }
      on_model(std::move(m));
      return true;
    });
  }
}

// ---- quantifiers (LANGUAGE.md §8.14) and predicates (§8.13, DECISIONS.md §11) ---------------------
Value Interpreter::eval_quantifier(const Expr& e) {
  Value q = eval(*e.items[0]);
  if (is_unknown(q)) return q;
  auto* quant = dynamic_cast<const QuantifierObj*>(q.get());
  if (!quant) throw_type_error("'" + type_name(q) + "' object is not a quantifier");
  const BodyInfo& info = policy_.bodies.at(&e.body);
  for (const auto& var : info.outer_reads) {
    const Value* v = store_ ? store_->find(var) : nullptr;
    if (!v || is_unknown(*v)) return unknown();
  }
  if (++depth_ > limits_.max_call_depth) {
    --depth_;
    throw LimitExceeded("call_depth", "quantifiers nested deeper than " + std::to_string(limits_.max_call_depth));
  }
  Value result;
  auto* saved_marks = marks_;
  auto* saved_domains = new_domains_;
  Store* saved_store = store_;
  try {
    if (quant->kind == QuantifierObj::Forall) {
      bool all = true;
      // forall needs the counter-examples, so its search runs without the planner's filters.
      search(e.body, store_, nullptr, [&](Res r, Store&, std::vector<Mark>&) {
        if (r == Res::False) { all = false; return false; }
        return true;
      }, true);
      result = py_bool(all);
    } else {
      std::int64_t count = 0;
      bool decided = false, value = false;
      std::vector<Mark> collected;
      search(e.body, store_, nullptr, [&](Res r, Store& store, std::vector<Mark>& marks) {
        if (r != Res::True) return true;
        ++count;
        collected.insert(collected.end(), marks.begin(), marks.end());
        for (const auto& [_, v] : store.vars) collected.push_back(Mark{v, -1, -1});
        if (quant->max && count > *quant->max) { decided = true; value = false; return false; }
        if (quant->min && !quant->max && count >= *quant->min) { decided = true; value = true; return false; }
        return true;
      });
      if (!decided) value = !(quant->min && count < *quant->min);
      if (saved_marks && !filter_mode_) saved_marks->insert(saved_marks->end(), collected.begin(), collected.end());
      result = py_bool(value);
    }
  } catch (...) {
    marks_ = saved_marks;
    new_domains_ = saved_domains;
    store_ = saved_store;
    --depth_;
    throw;
  }
  marks_ = saved_marks;
  new_domains_ = saved_domains;
  store_ = saved_store;
  --depth_;
  if (e.negated) return py_bool(!as_bool(result));
  return result;
}

Value Interpreter::call_predicate(const policy::Declaration& decl, const std::vector<Value>& args) {
  if (args.size() < decl.params.size()) throw PolicyRuntimeError("IndexError", "pop from empty list");
  Store params;
  for (std::size_t i = 0; i < decl.params.size(); ++i) params.vars.emplace_back(decl.params[i].name, args[i]);
  const BodyInfo& info = policy_.bodies.at(&decl.body);
  Store* saved_store = store_;
  auto* saved_domains = new_domains_;
  auto* saved_marks = marks_;
  std::vector<Mark> predicate_marks;
  marks_ = &predicate_marks;
  try {
    Value result;
    if (!info.typed.empty()) {
      // [latest] semantics: the body is searched; the predicate holds if some assignment satisfies it.
      bool found = false;
      std::vector<Mark> found_marks;
      search(decl.body, &params, nullptr, [&](Res r, Store&, std::vector<Mark>& marks) {
        if (r != Res::True) return true;
        found = true;
        found_marks = std::move(marks);
        return false;
      });
      result = py_bool(found);
    } else {
      // [v2024]: every line evaluated with the parameters bound; Python all() over their truth values,
      // Unknown and NOP counting as true.
      // Ranges marked inside a predicate are not ranges of the caller's model (as in the reference).
      Store local;
      local.outer = &params;
      store_ = &local;
      new_domains_ = nullptr;
      bool all = true;
      for (const auto& line : decl.body) {
        Value v = eval(*line);
        if (v->type == Type::Nop || is_unknown(v)) continue;
        if (!truthy(v)) { all = false; break; }
      }
      result = py_bool(all);
    }
    store_ = saved_store;
    new_domains_ = saved_domains;
    marks_ = saved_marks;
    return result;
  } catch (...) {
    store_ = saved_store;
    new_domains_ = saved_domains;
    marks_ = saved_marks;
    throw;
  }
}

}  // namespace inv
