// What a detector plugin declares about itself (the metadata JSON of plugins/sdk's C ABI), parsed and
// validated before any of its functions is exposed to policies. Plain data; immutable after parsing.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <boost/json/value.hpp>

namespace inv::adapters::plugins {

struct ParamSpec {
  std::string name;
  bool data = false;        // the detector's data argument (texts by the calling convention)
  bool tool_calls = false;  // data: a ToolCall element counts as its string form
  std::string type = "any";
  bool required = true;
  std::optional<boost::json::value> default_value;
};

struct FunctionSpec {
  std::string name;
  std::vector<std::string> modules;
  std::vector<ParamSpec> params;
  bool var_keywords = false;
  bool marks_ranges = false;
  bool marks_events = false;  // "marks_target": "event": marks land on the Message/ToolOutput, not its text
  std::string returns;
  std::string description;
  // "semgrep(data, lang: str)": the signature as /api/detectors shows it.
  std::string signature_text() const;
};

struct TypeSpec {
  std::string name;
  std::vector<std::string> fields;
  std::vector<std::string> modules;  // modules exporting a constructor
};

struct PluginMetadata {
  std::string name;
  std::string version;
  std::string description;
  std::string network = "none";  // none | optional | required
  bool in_process_safe = true;
  bool thread_safe = true;
  bool bounded_time = true;
  std::vector<TypeSpec> types;
  std::vector<FunctionSpec> functions;
};

// Parses and validates metadata JSON; throws std::invalid_argument naming the offending member.
PluginMetadata parse_plugin_metadata(std::string_view json);

// The metadata as JSON (for GET /api/detectors).
boost::json::object metadata_to_json(const PluginMetadata& m);

}  // namespace inv::adapters::plugins
