// Redaction of request bodies for the audit log (INVARIANT_AUDIT_REDACT=mask): the trace contents of a
// request are replaced by a mask while its structure, the policy and the parameters are kept, so a stored
// request still shows which tools were called in which order without the data that flowed through them.
//
// Pure functions, thread-safe.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace inv::app {

inline constexpr std::string_view kAuditMask = "***";

// In every event of `trace`, `past_events`, `pending_events` and `traces` (any nesting below an event):
// every string under a `content` key (message and tool-output contents, also content parts) and every
// scalar under an `arguments` key (tool-call argument values; a JSON-encoded argument string as a whole)
// becomes "***". Null stays null. Returns the compact re-serialized body, or nullopt when the body is
// not a JSON object (it cannot be masked: store its hash only).
std::optional<std::string> mask_trace_contents(std::string_view body);

}  // namespace inv::app
