// Configuration from environment variables (documented in the README's configuration table).
#pragma once

#include "app/analyze_service.hpp"

namespace inv::app {

// INVARIANT_MAX_STEPS, INVARIANT_EVAL_TIMEOUT_MS, INVARIANT_MAX_VIOLATIONS, INVARIANT_MAX_EVENTS,
// INVARIANT_MAX_POLICY_BYTES, INVARIANT_POLICY_CACHE_ENTRIES, INVARIANT_COMPAT_ERRORS.
ServiceOptions service_options_from_env();

}  // namespace inv::app
