// Policy values <-> the JSON of the plugin ABI (plugins/sdk/include/invariant/detector_plugin.h): None null,
// bool, int, float, str, list/tuple array, dict object, record object with a "$type" member naming its
// class. Pure functions; thread-safe.
#pragma once

#include <functional>
#include <string_view>

#include <boost/json/value.hpp>

#include "domain/eval/value.hpp"

namespace inv::adapters::plugins {

// Throws PolicyRuntimeError(TypeError) for values JSON cannot carry (callables, modules) or nesting
// deeper than 256 levels.
boost::json::value value_to_plugin_json(const Value& v);

// `record_class` maps a "$type" name to the plugin's record class (nullptr: not one of its types, the
// object stays a dict). Throws PolicyRuntimeError(RuntimeError) for nesting deeper than 256 levels.
Value plugin_json_to_value(const boost::json::value& j,
                           const std::function<const RecordClass*(std::string_view)>& record_class);

}  // namespace inv::adapters::plugins
