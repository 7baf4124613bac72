/*
 * invariant-server detector plugin ABI (C, stable).
 *
 * A detector plugin is a shared library that exports two functions with C linkage:
 *
 *   uint32_t invariant_plugin_abi_version(void);
 *       Returns INVARIANT_PLUGIN_ABI_VERSION as the plugin was compiled. The server calls it first and
 *       refuses the plugin (with a log line) unless it equals the server's version; nothing else in the
 *       library is touched in that case.
 *
 *   const inv_plugin* invariant_plugin_entry(void);
 *       Returns a pointer to a static inv_plugin table, valid until the library is unloaded.
 *
 * Everything that crosses the boundary is plain C: NUL-terminated UTF-8 strings, JSON documents and
 * integers. No C++ exception, no C++ object and no allocator crosses it: strings the plugin returns are
 * released by the plugin's own free_string function.
 *
 * Metadata (inv_plugin.metadata_json, a static JSON object):
 *   {
 *     "name": "secrets",                  identifier [a-z][a-z0-9_]*, unique among loaded plugins
 *     "version": "1.2.0",                 the plugin's own version
 *     "description": "...",
 *     "network": "none" | "optional" | "required",
 *     "in_process_safe": true,            false: must run sandboxed (refused until the server has a sandbox)
 *     "thread_safe": true,                false: the server serialises every call to this plugin
 *     "bounded_time": true,               true: each call finishes in time linear in its input and honours
 *                                         the call deadline; the server then calls it on the evaluating
 *                                         thread. false: calls run on a watchdog thread and are abandoned
 *                                         (TimeoutError) when the per-call timeout expires.
 *     "types": [ {"name": "CodeIssue", "fields": ["description", "severity"],
 *                 "modules": ["invariant.detectors"]} ],          record types; "modules" (optional) are the
 *                                                                  policy modules that export a constructor
 *     "functions": [ {
 *         "name": "semgrep",
 *         "modules": ["invariant.detectors", "invariant.detectors.code"],
 *         "params": [ {"name": "data", "kind": "data"},
 *                     {"name": "lang", "type": "str", "required": true} ],
 *         "var_keywords": false,          true: unknown keyword arguments are accepted (passed in "kwargs")
 *         "marks_ranges": false,          true: the function may return highlight marks
 *         "marks_target": "text",         "text" (default): a mark lands on the text (for a message:
 *                                         messages.N.content:S-E); "event": on the Message/ToolOutput
 *                                         the text came from (messages.N:S-E), as the reference's pii
 *         "returns": "list[CodeIssue]",   documentation only
 *         "description": "..."
 *     } ]
 *   }
 *   Parameter kinds: "data" (at most one, the first parameter): the server applies the detector calling
 *   convention and passes the texts (a str as is; a Message/ToolOutput or a list of them by their content;
 *   with "tool_calls": true a ToolCall element counts as its string form). "value" (default): any policy
 *   value as JSON. "type" is checked for literal arguments when a policy is compiled: one of "str", "int",
 *   "float", "bool", "list", "dict", "any" (default), optionally with "|None". "required" defaults to true
 *   for parameters without a "default" (a JSON value, documentation only).
 *
 * Calls: call(instance, function, request_json, context, &response) with the request
 *   {
 *     "function": "semgrep",
 *     "data": {"kind": "str" | "objects" | "none", "texts": ["...", ...]},   present for a "data" parameter
 *     "args": {"lang": "python"},            the other parameters given, by name (positional ones mapped)
 *     "kwargs": {"x": 1}                     unknown keywords (only with var_keywords)
 *   }
 *   Policy values map to JSON as: None null, bool, int, float, str, list/tuple array, dict object, record
 *   object with a "$type" member naming its class. The response is
 *     {"result": <value>, "marks": [[text_index, start, end], ...]}
 *   on INV_OK (marks optional; offsets are Unicode code points into data.texts[text_index], the half-open
 *   range [start, end)), or {"error": {"type": "ValueError", "message": "..."}} with any other status.
 *   Result objects with a "$type" member naming one of the plugin's types become records of that type.
 *
 * Thread-safety contract: init and shutdown are called once each, never concurrently with anything else.
 * call may run concurrently on many threads with the same instance unless metadata says
 * "thread_safe": false. free_string may be called from any thread.
 *
 * Deadlines: inv_call_context.deadline_ns is an absolute CLOCK_MONOTONIC time in nanoseconds (0: none);
 * a plugin that declares bounded_time should check it in long loops and return INV_STATUS_TIMEOUT.
 */
#ifndef INVARIANT_DETECTOR_PLUGIN_H
#define INVARIANT_DETECTOR_PLUGIN_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#define INVARIANT_PLUGIN_ABI_VERSION 1u

#if defined(_WIN32)
#define INVARIANT_PLUGIN_EXPORT __declspec(dllexport)
#else
#define INVARIANT_PLUGIN_EXPORT __attribute__((visibility("default")))
#endif

/* Status codes returned by init and call. */
typedef enum inv_status {
  INV_STATUS_OK = 0,
  INV_STATUS_ERROR = 1,          /* the call failed; the response's error object says why */
  INV_STATUS_BAD_REQUEST = 2,    /* the request was malformed (a server/plugin mismatch) */
  INV_STATUS_TIMEOUT = 3,        /* the deadline passed */
  INV_STATUS_UNAVAILABLE = 4     /* a backend the detector needs is not reachable or not configured */
} inv_status;

typedef struct inv_call_context {
  uint32_t struct_size;          /* sizeof(inv_call_context) as the server compiled it */
  uint32_t reserved;
  uint64_t deadline_ns;          /* absolute CLOCK_MONOTONIC nanoseconds; 0 = no deadline */
  const volatile int32_t* cancelled; /* non-zero once the server has given up on this call; may be NULL */
} inv_call_context;

typedef struct inv_plugin {
  uint32_t abi_version;          /* INVARIANT_PLUGIN_ABI_VERSION */
  uint32_t struct_size;          /* sizeof(inv_plugin) */
  const char* metadata_json;     /* static JSON object, see above */

  /* Creates an instance. settings_json is a JSON object of string settings given by the operator
     (environment variables INVARIANT_PLUGIN_<NAME>_<KEY>, keys lowercased). On failure returns non-zero
     and may set *error (a message, released with free_string). */
  int32_t (*init)(const char* settings_json, void** instance, char** error);

  /* Runs one detector function; sets *response (JSON, released with free_string) in every case. */
  int32_t (*call)(void* instance, const char* request_json, const inv_call_context* context, char** response);

  void (*free_string)(char* text);

  /* Destroys an instance created by init. */
  void (*shutdown)(void* instance);
} inv_plugin;

typedef uint32_t (*invariant_plugin_abi_version_fn)(void);
typedef const inv_plugin* (*invariant_plugin_entry_fn)(void);

#ifdef __cplusplus
}
#endif

#endif /* INVARIANT_DETECTOR_PLUGIN_H */
