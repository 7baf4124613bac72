// The evaluator of one analysis: expression semantics (LANGUAGE.md §8), the assignment search of rule,
// quantifier and predicate bodies (§9) with its planner, and model collection. One Interpreter per
// analysis; it is single-threaded and borrows the compiled policy and the trace (both immutable).
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <optional>
#include <unordered_map>
#include <vector>

#include "domain/eval/errors.hpp"
#include "domain/eval/eval_context.hpp"
#include "domain/eval/limits.hpp"
#include "domain/eval/program.hpp"
#include "domain/trace/trace.hpp"

namespace inv {

struct Mark {
  Value target;
  std::int64_t start = -1;
  std::int64_t end = -1;
};

// A satisfying assignment of a rule: its bindings in store order and the ranges marked on the way.
struct Model {
  int rule = 0;
  std::vector<std::pair<std::string_view, Value>> store;  // names point into the compiled policy
  std::vector<Mark> marks;
  Value head;   // evaluated raise head (PolicyViolation record) or null for a string head
};

class Interpreter final : public EvalContext {
 public:
  Interpreter(const CompiledPolicy& policy, const Trace& trace, Value parameters, const EvalLimits& limits);

  // Runs every rule in source order; calls on_model for each model in the reference's order.
  void run(const std::function<void(Model&&)>& on_model);

  // EvalContext
  void mark(const Value& target, std::int64_t start, std::int64_t end) override;
  void charge(std::uint64_t cost) override;
  Value memoize(const std::string& key, const std::function<Value()>& compute) override;
  std::chrono::steady_clock::time_point deadline() const override { return deadline_; }

  // Used by callables defined in the domain (predicates, quantifiers).
  Value call_predicate(const policy::Declaration& decl, const std::vector<Value>& args);
  const Trace& trace() const { return trace_; }
  const CompiledPolicy& policy() const { return policy_; }

  struct Store {
    std::vector<std::pair<std::string_view, Value>> vars;
    const Store* outer = nullptr;
    const Value* find(std::string_view name) const;
  };

 private:
  enum class Res { False, True, Unknown, NonBool };
  struct Domain {
    std::string_view var;
    std::string_view type;
    bool open = true;           // whole trace
    std::vector<Value> values;  // explicit candidates (already selected) when !open
  };
  using Frame = std::vector<Domain>;
  using ResultFn = std::function<bool(Res, Store&, std::vector<Mark>&)>;  // false: stop the search

  void search(const std::vector<policy::ExprPtr>& body, const Store* outer, const policy::Expr* head,
              const ResultFn& on_result, bool needs_false = false);
  using TupleFn = std::function<bool(const std::vector<Value>&)>;  // false: stop
  // Calls `visit` for each assignment of the frame's product that survives the planner's filters, in
  // product order. Returns false when `visit` stopped the enumeration.
  bool enumerate(const std::vector<policy::ExprPtr>& body, const BodyInfo& info, const Frame& frame,
                 const Store* outer, const TupleFn& visit, bool no_filters);
  Res eval_body(const std::vector<policy::ExprPtr>& body, Store& store, std::vector<Domain>& new_domains);
  bool head_evaluable(const policy::Expr* head, Store& store);

  Value eval(const policy::Expr& e);
  Value eval_binary(const policy::Expr& e);
  Value eval_logical(const policy::Expr& e);
  Value eval_call(const policy::Expr& e);
  Value eval_member(const Value& obj, const std::string& name);
  Value eval_key(const Value& obj, const Value& key);
  Value eval_quantifier(const policy::Expr& e);
  Value eval_identifier(const policy::Expr& e);
  Value eval_typed(const policy::Expr& e);
  Value eval_in(const policy::Expr& e, const Value& l, const Value& r);
  Value eval_flow(const policy::Expr& e, bool direct);
  Value match_pattern(const policy::Expr& pattern, const Value& v);
  bool match_arg(const policy::Expr& m, const Value& v);
  Value call_value(const Value& callee, const std::vector<Value>& args,
                   const std::vector<std::pair<std::string, Value>>& kwargs);
  std::vector<Value> select(std::string_view type, const Value* source);
  void select_into(std::string_view type, const Value& v, std::vector<Value>& out, int depth);

  const CompiledPolicy& policy_;
  const Trace& trace_;
  Value parameters_;
  EvalLimits limits_;
  std::chrono::steady_clock::time_point deadline_;
  std::uint64_t steps_ = 0;
  std::uint64_t bindings_ = 0;
  std::uint32_t depth_ = 0;

  // Per-pass evaluation state.
  Store* store_ = nullptr;
  std::vector<Mark>* marks_ = nullptr;
  std::vector<Domain>* new_domains_ = nullptr;
  bool filter_mode_ = false;  // planner probes: no marks, errors mean "keep"

  struct MemoEntry {
    Value value;
    std::vector<Mark> marks;
    bool marks_used = false;
    std::optional<PolicyRuntimeError> error;  // a failed call fails the same way again, without running
  };
  std::unordered_map<std::string, MemoEntry> memo_;
  std::unordered_map<std::string, std::vector<Value>> select_cache_;
  // Semantic-pattern results per (pattern, tool call node): a pattern is a pure function of the call
  // (value patterns call memoised detectors and mark nothing), and rules re-test the same calls for
  // every assignment they appear in.
  std::unordered_map<std::uint64_t, bool> pattern_cache_;
};

}  // namespace inv
