// libFuzzer target: arbitrary bytes as a trace.
//
// Boost.JSON parse (bounded depth) -> when the document is an array, normalize_trace -> when it is
// accepted, py_str and py_repr of every event, Trace::path of every node, and the trace's invariants
// (nodes[obj->node_id].obj == obj, every node has an address). Finally a fixed policy that touches
// every event kind runs on the trace under tight limits (PolicyRuntimeError / LimitExceeded allowed).
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string_view>

#include <boost/json.hpp>

#include "domain/engine.hpp"
#include "domain/eval/detector_registry.hpp"
#include "domain/result/py_repr.hpp"

namespace {

[[noreturn]] void fail(const char* what) {
  std::fprintf(stderr, "trace_fuzz: %s\n", what);
  std::abort();
}

constexpr const char* kPolicy = R"INV(
from invariant import count

raise "flow" if:
    (call: ToolCall) -> (call2: ToolCall)
    call is tool:read_file
    call2 is tool:send_email({to: "^(?!.*@acme\.com$).*$"})

raise PolicyViolation("output", out=out) if:
    (out: ToolOutput)
    "key" in out.content

raise "member access" if:
    (out: ToolOutput)
    out.content.status == 500

raise "messages" if:
    (m: Message)
    m.role == "user"
    len(m.content) > 3

raise "many calls" if:
    count(min=2):
        (c: ToolCall)
        c.function.name == "scroll"
)INV";

struct Fixture {
  inv::EmptyDetectorRegistry registry;
  std::shared_ptr<const inv::CompiledPolicy> policy;
  inv::EvalLimits limits;
  inv::NormalizeLimits trace_limits;
  boost::json::parse_options parse_options;

  Fixture() {
    auto c = inv::compile_policy(kPolicy, registry);
    if (!c.policy) {
      std::fprintf(stderr, "trace_fuzz: fixed policy rejected: %s\n", c.error->message.c_str());
      std::abort();
    }
    policy = c.policy;
    limits.max_steps = 50000;
    limits.deadline = std::chrono::milliseconds(200);
    limits.max_violations = 1000;
    limits.max_bindings = 50000;
    trace_limits.max_events = 2000;
    trace_limits.max_nodes = 200000;
    parse_options.max_depth = 256;  // above the normaliser's own limit (200 below an event)
    parse_options.allow_invalid_utf8 = false;
  }
};

const Fixture& fixture() {
  static const Fixture f;
  return f;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const Fixture& f = fixture();
  const std::string_view text(reinterpret_cast<const char*>(data), size);

  boost::system::error_code ec;
  boost::json::value doc = boost::json::parse(text, ec, {}, f.parse_options);
  if (ec || !doc.is_array()) return 0;

  auto n = inv::normalize_trace(doc.as_array(), f.trace_limits);
  if (!n.trace) {
    if (!n.error) fail("normalize_trace failed without an error");
    return 0;
  }
  const inv::Trace& t = *n.trace;

  std::size_t total = 0;
  for (const auto& e : t.events) {
    if (!e) fail("null event");
    total += inv::py_str(e).size();
    total += inv::py_repr(e).size();
  }
  for (std::size_t i = 0; i < t.nodes.size(); ++i) {
    const inv::Obj* obj = t.nodes[i].obj;
    if (!obj) fail("node without object");
    if (obj->node_id != static_cast<std::int32_t>(i)) fail("nodes[i].obj->node_id != i");
    if (!t.contains(obj)) fail("Trace::contains is false for one of its nodes");
    auto path = t.path(obj);
    if (!path) fail("a node of the trace has no path");
    total += path->size();
  }
  if (total == static_cast<std::size_t>(-1)) std::abort();  // keeps the work

  try {
    auto r = inv::analyze(*f.policy, t, inv::Value{}, f.limits);
    for (const auto& v : r.errors) total += v.error.size() + v.ranges.size();
  } catch (const inv::PolicyRuntimeError&) {
  } catch (const inv::LimitExceeded&) {
  }
  try {
    auto r = inv::check(*f.policy, t, t.events.size() / 2, inv::Value{}, f.limits);
    for (const auto& v : r.errors) total += v.error.size();
  } catch (const inv::PolicyRuntimeError&) {
  } catch (const inv::LimitExceeded&) {
  }
  return 0;
}
