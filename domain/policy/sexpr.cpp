// S-expression rendering of parse trees (the notation of LANGUAGE.md and parse_vectors.tsv).
#include <algorithm>
#include <string>

#include "domain/policy/parser.hpp"
#include "domain/result/py_repr.hpp"

namespace inv::policy {
namespace {
// Literals render as Python repr() does (domain/result/py_repr.hpp).
void append_string_repr(std::string& out, std::string_view s) { append_repr_string(out, s); }
void append_float_repr(std::string& out, double d) { out += float_repr(d); }

void render(std::string& out, const Expr& e);

void render_ptr(std::string& out, const ExprPtr& e) {
  if (e) {
    render(out, *e);
  } else {
    out += "<null>";
  }
}

void render_list(std::string& out, const std::vector<ExprPtr>& items) {
  out += '[';
  for (std::size_t i = 0; i < items.size(); ++i) {
    if (i) out += ' ';
    render_ptr(out, items[i]);
  }
  out += ']';
}

void render_kwargs(std::string& out, const std::vector<std::pair<std::string, ExprPtr>>& kwargs) {
  out += '{';
  for (std::size_t i = 0; i < kwargs.size(); ++i) {
    if (i) out += ' ';
    out += kwargs[i].first;
    out += '=';
    render_ptr(out, kwargs[i].second);
  }
  out += '}';
}

void render(std::string& out, const Expr& e) {
  switch (e.kind) {
    case ExprKind::None: out += "None"; return;
    case ExprKind::Bool: out += e.bool_value ? "True" : "False"; return;
    case ExprKind::Int: out += std::to_string(e.int_value); return;
    case ExprKind::Float: append_float_repr(out, e.float_value); return;
    case ExprKind::String: append_string_repr(out, e.text); return;
    case ExprKind::Identifier: out += e.text; return;
    case ExprKind::TypedIdent: out += '<' + e.text + ':' + e.type_name + '>'; return;
    case ExprKind::ToolRef: out += "tool:" + e.text; return;
    case ExprKind::ValueRef: out += '<' + e.text + '>'; return;
    case ExprKind::Wildcard: out += '*'; return;
    case ExprKind::List: render_list(out, e.items); return;
    case ExprKind::Dict:
      out += '{';
      for (std::size_t i = 0; i < e.entries.size(); ++i) {
        if (i) out += ' ';
        append_string_repr(out, e.entries[i].first);
        out += ':';
        render_ptr(out, e.entries[i].second);
      }
      out += '}';
      return;
    case ExprKind::Unary:
      out += e.op == Op::Not ? "(not1 " : e.op == Op::Neg ? "(-1 " : "(+1 ";
      render_ptr(out, e.items.at(0));
      out += ')';
      return;
    case ExprKind::Binary:
      if (e.op == Op::IsNot) {  // the reference's own shape for `is not`
        out += "(is ";
        render_ptr(out, e.items.at(0));
        out += " (not1 ";
        render_ptr(out, e.items.at(1));
        out += "))";
        return;
      }
      out += '(';
      out += op_text(e.op);
      out += ' ';
      render_ptr(out, e.items.at(0));
      out += ' ';
      render_ptr(out, e.items.at(1));
      out += ')';
      return;
    case ExprKind::Assign:
      out += "(:= " + e.text + ' ';
      render_ptr(out, e.items.at(0));
      out += ')';
      return;
    case ExprKind::Member:
      out += "(. ";
      render_ptr(out, e.items.at(0));
      out += ' ' + e.text + ')';
      return;
    case ExprKind::Key:
      out += "([] ";
      render_ptr(out, e.items.at(0));
      out += ' ';
      render_ptr(out, e.items.at(1));
      out += ')';
      return;
    case ExprKind::Call:
      out += "(call ";
      render_ptr(out, e.items.at(0));
      out += ' ';
      render_list(out, e.args);
      out += ' ';
      render_kwargs(out, e.kwargs);
      out += ')';
      return;
    case ExprKind::Pattern:
      out += "(pattern tool:" + e.text + ' ';
      render_list(out, e.args);
      if (!e.kwargs.empty()) {
        out += ' ';
        render_kwargs(out, e.kwargs);
      }
      out += ')';
      return;
    case ExprKind::Quantifier:
      if (e.negated) out += "(not1 ";
      out += "(quantifier ";
      render_ptr(out, e.items.at(0));
      out += ' ';
      render_list(out, e.body);
      out += ')';
      if (e.negated) out += ')';
      return;
    case ExprKind::Ternary:
      out += "(ternary ";
      render_ptr(out, e.items.at(0));
      out += ' ';
      render_ptr(out, e.items.at(1));
      out += ' ';
      render_ptr(out, e.items.at(2));
      out += ')';
      return;
    case ExprKind::ListComp:
      out += "(listcomp ";
      render_ptr(out, e.items.at(0));
      out += ' ' + e.text + ' ';
      render_ptr(out, e.items.at(1));
      if (e.items.size() > 2 && e.items[2]) {
        out += ' ';
        render_ptr(out, e.items[2]);
      }
      out += ')';
      return;
  }
}

}  // namespace

std::string to_sexpr(const Expr& e) {
  std::string out;
  render(out, e);
  return out;
}

std::string to_sexpr(const Module& m) {
  std::string out;
  for (const Import& imp : m.imports) {
    if (imp.from) {
      out += "(from " + imp.module + " import";
    } else {
      out += "(import";
    }
    for (const ImportSpec& s : imp.specs) {
      out += ' ' + s.name;
      if (!s.alias.empty()) out += " as " + s.alias;
    }
    out += ")\n";
  }
  for (const Declaration& d : m.declarations) {
    out += "(:= ";
    if (d.is_predicate) {
      out += '(' + d.name;
      for (const Parameter& p : d.params) out += ' ' + p.name + ':' + p.type_name;
      out += ')';
    } else {
      out += d.name;
    }
    out += ' ';
    render_list(out, d.body);
    out += ")\n";
  }
  for (const Rule& r : m.rules) {
    out += "(raise ";
    render_ptr(out, r.head);
    out += ' ';
    render_list(out, r.body);
    out += ")\n";
  }
  return out;
}

}  // namespace inv::policy
