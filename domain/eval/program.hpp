// A compiled policy: the parsed module plus everything resolved once (imports, builtins, declarations,
// precompiled pattern regexes, the static facts the search planner needs about each body line).
// Immutable after compile(); shared by all evaluations and threads (DESIGN.md core idea 1).
#pragma once

#include <memory>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "domain/eval/regex.hpp"
#include "domain/eval/value.hpp"
#include "domain/policy/ast.hpp"

namespace inv {

class DetectorRegistry;

// Static facts about one line of a body (a rule, quantifier or predicate body).
struct LineInfo {
  std::vector<std::string> vars;  // variables of this body the line reads (typed or `:=`-bound)
  bool safe = false;              // provably cannot raise (see planner notes in search.cpp)
  bool assigns = false;           // the line is `x := ...`
  bool reads_assigned = false;    // reads a variable bound by `:=`
  bool calls_marking_detector = false;  // calls a memoised detector that marks ranges (never a filter)
};

struct BodyInfo {
  std::vector<LineInfo> lines;
  std::unordered_map<std::string, std::string> typed;     // variable -> declared type name
  std::unordered_set<std::string> assigned;               // `:=` variables
  std::vector<std::string> outer_reads;                   // quantifier bodies: enclosing rule variables read
};

struct CompiledPolicy {
  std::shared_ptr<const policy::Module> module;
  std::unordered_map<std::string, Value> globals;                        // builtins + imported names
  std::unordered_map<std::string, const policy::Declaration*> declarations;
  std::unordered_map<std::string, Value> predicates;                     // name -> callable
  std::unordered_map<const policy::Expr*, std::shared_ptr<const Regex>> regexes;  // pattern strings
  std::unordered_map<const policy::Expr*, std::string> regex_errors;     // invalid pattern strings (raised lazily)
  std::unordered_map<const std::vector<policy::ExprPtr>*, BodyInfo> bodies;
  const DetectorRegistry* detectors = nullptr;
  std::string hash;                                                      // hex hash of the policy text
};

}  // namespace inv
