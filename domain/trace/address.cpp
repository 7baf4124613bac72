// Node addresses: the JSON path of a trace node ("1.tool_calls.0.function.arguments.to"), the form the
// reference's range locator prints (TRACE_AND_RESULTS.md §4.2). Read-only on an immutable Trace.
#include <string>
#include <vector>

#include "domain/trace/trace.hpp"

namespace inv {

std::optional<std::string> Trace::path(const Obj* obj) const {
  if (!contains(obj)) return std::nullopt;
  std::vector<const TraceNode*> chain;
  for (std::int32_t id = obj->node_id; id >= 0; id = nodes[static_cast<std::size_t>(id)].parent)
    chain.push_back(&nodes[static_cast<std::size_t>(id)]);
  std::string out;
  for (auto it = chain.rbegin(); it != chain.rend(); ++it) {
    if (it != chain.rbegin()) out += '.';
    const TraceNode& n = **it;
    if (n.index >= 0) {
      out += std::to_string(n.index);
    } else {
      out += n.key;
    }
  }
  return out;
}

bool Trace::contains(const Obj* obj) const {
  return obj && obj->node_id >= 0 && static_cast<std::size_t>(obj->node_id) < nodes.size() &&
         nodes[static_cast<std::size_t>(obj->node_id)].obj == obj;
}

}  // namespace inv
