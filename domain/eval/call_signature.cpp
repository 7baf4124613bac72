#include "domain/eval/call_signature.hpp"

#include <set>

namespace inv {

namespace {

// Whether a literal of Python type `literal` may be passed for a parameter declared as `declared`.
bool type_accepts(std::string_view declared, const std::string& literal) {
  if (literal.empty() || declared.empty() || declared == "any") return true;
  bool allows_none = false;
  if (auto bar = declared.find("|None"); bar != std::string_view::npos) {
    allows_none = true;
    declared = declared.substr(0, bar);
  }
  if (literal == "NoneType") return allows_none || declared == "any";
  if (declared == literal) return true;
  if (declared == "float" && (literal == "int" || literal == "bool")) return true;
  if (declared == "int" && literal == "bool") return true;
  return false;
}

std::string quoted_list(const std::vector<std::string>& names) {
  std::string out;
  for (std::size_t i = 0; i < names.size(); ++i) {
    if (i) out += names.size() == 2 ? " and " : (i + 1 == names.size() ? ", and " : ", ");
    out += "'" + names[i] + "'";
  }
  return out;
}

}  // namespace

std::optional<std::string> check_call(std::string_view name, const CallSignature& sig,
                                      const std::vector<ArgumentShape>& positional,
                                      const std::vector<std::pair<std::string, ArgumentShape>>& keywords) {
  const std::string fn = std::string(name) + "()";
  if (positional.size() > sig.params.size()) {
    return fn + " takes " + std::to_string(sig.params.size()) + " positional argument" +
           (sig.params.size() == 1 ? "" : "s") + " but " + std::to_string(positional.size()) +
           (positional.size() == 1 ? " was" : " were") + " given";
  }
  std::set<std::string> given;
  for (std::size_t i = 0; i < positional.size(); ++i) {
    const auto& p = sig.params[i];
    given.insert(p.name);
    if (!type_accepts(p.type, positional[i].literal_type))
      return fn + " argument '" + p.name + "' must be " + p.type + ", not " + positional[i].literal_type;
  }
  for (const auto& [kw, shape] : keywords) {
    const CallSignature::Param* p = nullptr;
    for (const auto& q : sig.params)
      if (q.name == kw) p = &q;
    if (!p) {
      if (sig.var_keywords) continue;
      return fn + " got an unexpected keyword argument '" + kw + "'";
    }
    if (!given.insert(kw).second) return fn + " got multiple values for argument '" + kw + "'";
    if (!type_accepts(p->type, shape.literal_type))
      return fn + " argument '" + kw + "' must be " + p->type + ", not " + shape.literal_type;
  }
  std::vector<std::string> missing;
  for (const auto& p : sig.params)
    if (p.required && !given.count(p.name)) missing.push_back(p.name);
  if (!missing.empty())
    return fn + " missing " + std::to_string(missing.size()) + " required argument" +
           (missing.size() == 1 ? "" : "s") + ": " + quoted_list(missing);
  return std::nullopt;
}

}  // namespace inv
