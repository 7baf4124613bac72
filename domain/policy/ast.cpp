#include "domain/policy/ast.hpp"

namespace inv::policy {

const char* op_text(Op op) {
  switch (op) {
    case Op::None_: return "";
    case Op::Not: return "not";
    case Op::Neg: return "-";
    case Op::Pos: return "+";
    case Op::Or: return "or";
    case Op::And: return "and";
    case Op::Eq: return "==";
    case Op::Ne: return "!=";
    case Op::Lt: return "<";
    case Op::Gt: return ">";
    case Op::Le: return "<=";
    case Op::Ge: return ">=";
    case Op::In: return "in";
    case Op::NotIn: return "not in";
    case Op::Is: return "is";
    case Op::IsNot: return "is not";
    case Op::ContainsOnly: return "contains_only";
    case Op::Flow: return "->";
    case Op::DirectFlow: return "~>";
    case Op::Add: return "+";
    case Op::Sub: return "-";
    case Op::Mul: return "*";
    case Op::Div: return "/";
    case Op::Mod: return "%";
    case Op::Pow: return "**";
  }
  return "";
}

}  // namespace inv::policy
