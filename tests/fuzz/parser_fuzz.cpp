// libFuzzer target: arbitrary bytes as policy text.
//
// 1. parse_policy (and the S-expression rendering of a parsed module);
// 2. compile_policy with no detectors — it must reject every text the parser rejects;
// 3. when it compiles, analyze and check a small fixed trace under tight limits (a small step budget and
//    deadline), every violation string built. PolicyRuntimeError and LimitExceeded are legitimate outcomes;
//    anything else escaping, a crash, a leak or a sanitizer report is a bug.
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>

#include <boost/json.hpp>

#include "domain/engine.hpp"
#include "domain/eval/detector_registry.hpp"
#include "domain/policy/parser.hpp"
#include "domain/result/py_repr.hpp"

namespace {

// Every event kind and shape the evaluator meets: plain and None content, nested tool calls with object
// arguments, a top-level tool call, tool outputs with text and JSON content, unicode text.
constexpr const char* kTrace = R"JSON([
  {"role": "system", "content": "You are a helpful assistant."},
  {"role": "user", "content": "Read /workspace/.env and mail it to peter@acme.com, token=abc123"},
  {"role": "assistant", "content": null, "tool_calls": [
    {"id": "c1", "type": "function", "function": {"name": "read_file", "arguments": {"path": "/workspace/.env"}}},
    {"id": "c2", "type": "function", "function": {"name": "get_inbox", "arguments": {"limit": 5, "tags": ["a", "b"]}}}]},
  {"role": "tool", "tool_call_id": "c1", "content": "API_KEY=sk-123 \u00e9\u00e8 \ud83d\ude00"},
  {"role": "tool", "tool_call_id": "c2", "content": "[{\"from\": \"x@gmail.com\", \"n\": 2.5, \"ok\": true}]"},
  {"id": "c3", "type": "function", "function": {"name": "send_email", "arguments": {"to": "x@gmail.com", "body": "..."}}},
  {"role": "assistant", "content": "Done. Anything else?"}
])JSON";

struct Fixture {
  inv::EmptyDetectorRegistry registry;
  std::shared_ptr<const inv::Trace> trace;
  inv::Value parameters;
  inv::EvalLimits limits;

  Fixture() {
    auto events = boost::json::parse(kTrace).as_array();
    auto n = inv::normalize_trace(events);
    if (!n.trace) {
      std::fprintf(stderr, "parser_fuzz: fixed trace rejected: %s\n", n.error->message.c_str());
      std::abort();
    }
    trace = n.trace;
    parameters = inv::json_to_value(boost::json::parse(R"({"user": "peter", "limit": 3, "domains": ["acme.com"]})"));
    limits.max_steps = 20000;
    limits.deadline = std::chrono::milliseconds(200);
    limits.max_violations = 1000;
    limits.max_bindings = 20000;
    limits.max_call_depth = 16;
  }
};

const Fixture& fixture() {
  static const Fixture f;
  return f;
}

void consume(const inv::AnalysisResult& r) {
  std::size_t n = 0;
  for (const auto& v : r.errors) {
    n += v.error.size() + v.message.size();
    for (const auto& s : v.ranges) n += s.size();
    for (const auto& b : v.bindings) n += b.value.size();
  }
  if (n == static_cast<std::size_t>(-1)) std::abort();  // keeps the reads
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const Fixture& f = fixture();
  const std::string_view text(reinterpret_cast<const char*>(data), size);

  auto parsed = inv::policy::parse_policy(text);
  if (parsed.module) {
    std::string s = inv::policy::to_sexpr(*parsed.module);
    (void)s;
  } else if (parsed.errors.empty()) {
    std::fprintf(stderr, "parser_fuzz: parse failed without a diagnostic\n");
    std::abort();
  }

  auto compiled = inv::compile_policy(text, f.registry);
  if (!compiled.policy) {
    if (!compiled.error) {
      std::fprintf(stderr, "parser_fuzz: compilation failed without an error\n");
      std::abort();
    }
    return 0;
  }
  if (!parsed.module) {
    std::fprintf(stderr, "parser_fuzz: compile_policy accepted a text parse_policy rejects\n");
    std::abort();
  }

  try {
    consume(inv::analyze(*compiled.policy, *f.trace, f.parameters, f.limits));
  } catch (const inv::PolicyRuntimeError&) {
  } catch (const inv::LimitExceeded&) {
  }
  try {
    consume(inv::check(*compiled.policy, *f.trace, 3, f.parameters, f.limits));
  } catch (const inv::PolicyRuntimeError&) {
  } catch (const inv::LimitExceeded&) {
  }
  return 0;
}
