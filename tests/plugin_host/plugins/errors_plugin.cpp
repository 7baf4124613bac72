// Test plugin "errors": every way a detector call can fail, to check how the host maps plugin failures to
// policy runtime errors (type and message).
#include <stdexcept>

#include "invariant/detector_sdk.hpp"

namespace {

namespace sdk = invariant::sdk;

std::string first_text(const sdk::Call& call) { return call.texts().empty() ? std::string() : call.texts()[0]; }

sdk::PluginDef define() {
  sdk::PluginDef p{"errors", "0.1.0", "Detectors that fail on purpose."};
  const std::vector<std::string> module{"tests.errors"};
  p.function("value_error").exported_from(module).data().run([](sdk::Call& call) -> sdk::Json {
    throw sdk::Error("ValueError", "bad value: '" + first_text(call) + "'");
  });
  p.function("runtime_failure").exported_from(module).data().run([](sdk::Call&) -> sdk::Json {
    throw std::runtime_error("boom");
  });
  p.function("custom_error").exported_from(module).data().run([](sdk::Call&) -> sdk::Json {
    throw sdk::Error("QuotaExceededError", "quota exhausted");
  });
  p.function("unavailable").exported_from(module).data().run([](sdk::Call&) -> sdk::Json {
    throw sdk::Error("ConnectionError", "backend not configured", INV_STATUS_UNAVAILABLE);
  });
  p.function("bad_request").exported_from(module).data().run([](sdk::Call&) -> sdk::Json {
    throw std::invalid_argument("nonsense in the request");
  });
  p.function("throws_int").exported_from(module).data().run([](sdk::Call&) -> sdk::Json { throw 42; });
  p.function("ok").exported_from(module).data().run([](sdk::Call& call) -> sdk::Json {
    return "ok:" + first_text(call);
  });
  return p;
}

}  // namespace

INVARIANT_DETECTOR_PLUGIN(define)
