#include "app/audit_redaction.hpp"

#include <boost/json.hpp>

namespace inv::app {

namespace json = boost::json;

namespace {
enum class Under { Nothing, Content, Arguments };

void mask(json::value& v, Under under, int depth) {
  if (depth > 600) return;  // bodies are parsed with a depth limit well below this
  switch (v.kind()) {
    case json::kind::object:
      for (auto& kv : v.as_object()) {
        Under next = under;
        if (under == Under::Nothing) {
          if (kv.key() == "content") next = Under::Content;
          else if (kv.key() == "arguments") next = Under::Arguments;
        }
        mask(kv.value(), next, depth + 1);
      }
      return;
    case json::kind::array:
      for (auto& x : v.as_array()) mask(x, under, depth + 1);
      return;
    case json::kind::null:
      return;
    case json::kind::string:
      if (under != Under::Nothing) v = kAuditMask;
      return;
    default:  // numbers and booleans: tool-call argument values are masked, other fields kept
      if (under == Under::Arguments) v = kAuditMask;
      return;
  }
}
}  // namespace

std::optional<std::string> mask_trace_contents(std::string_view body) {
  boost::system::error_code ec;
  json::parse_options opts;
  opts.max_depth = 512;
  json::value v = json::parse(body, ec, {}, opts);
  if (ec || !v.is_object()) return std::nullopt;
  for (const char* field : {"trace", "past_events", "pending_events", "traces"})
    if (auto* f = v.as_object().if_contains(field)) mask(*f, Under::Nothing, 0);
  return json::serialize(v);
}

}  // namespace inv::app
