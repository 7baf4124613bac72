// Test plugins written directly against the C ABI (no SDK), one source built in several variants:
//   RAW_GOOD         a valid plugin "raw" (functions raw_ok, raw_garbage, raw_no_response, raw_bad_marks)
//   RAW_BAD_ABI      invariant_plugin_abi_version() says 2; invariant_plugin_entry aborts if it is called
//   RAW_NO_ENTRY     the version function only
//   RAW_NOT_PLUGIN   an ordinary shared library without the plugin symbols
//   RAW_BAD_NAME     metadata with an invalid plugin name
//   RAW_DUP_FUNCTION metadata declaring a function twice
//   RAW_NOT_JSON     metadata that is not JSON
//   RAW_SMALL_TABLE  an entry table smaller than this ABI's
//   RAW_NULL_MEMBER  an entry table without a call function
//   RAW_UNRESOLVED   refers to a symbol that no library defines (the library cannot be loaded)
#include <cstdint>
#include <cstdlib>
#include <cstring>

#include "invariant/detector_plugin.h"

#if defined(RAW_NOT_PLUGIN)

extern "C" INVARIANT_PLUGIN_EXPORT int raw_ordinary_function(int x) { return x + 1; }

#else

namespace {

#if defined(RAW_BAD_NAME)
const char* const kMetadata =
    R"({"name": "Bad-Name", "version": "1.0", "functions": [{"name": "f", "modules": ["tests.bad"]}]})";
#elif defined(RAW_DUP_FUNCTION)
const char* const kMetadata =
    R"({"name": "dup_function", "version": "1.0", "functions": [{"name": "twice", "modules": ["tests.dup"]},)"
    R"( {"name": "twice", "modules": ["tests.dup2"]}]})";
#elif defined(RAW_NOT_JSON)
const char* const kMetadata = R"({"name": "not_json", "version": )";
#else
const char* const kMetadata =
    R"({"name": "raw", "version": "0.0.1", "description": "Written on the C ABI alone.", "bounded_time": true,)"
    R"( "functions": [{"name": "raw_ok", "modules": ["tests.raw"], "params": [{"name": "data", "kind": "data"}]},)"
    R"( {"name": "raw_garbage", "modules": ["tests.raw"], "params": [{"name": "data", "kind": "data"}]},)"
    R"( {"name": "raw_no_response", "modules": ["tests.raw"], "params": [{"name": "data", "kind": "data"}]},)"
    R"( {"name": "raw_bad_marks", "modules": ["tests.raw"], "marks_ranges": true,)"
    R"(  "params": [{"name": "data", "kind": "data"}]}]})";
#endif

#if defined(RAW_UNRESOLVED)
extern "C" int invariant_test_symbol_nobody_defines(void);
#endif

char* copy(const char* s) {
  char* out = static_cast<char*>(std::malloc(std::strlen(s) + 1));
  if (out) std::strcpy(out, s);
  return out;
}

int32_t raw_init(const char* settings_json, void** instance, char** error) {
  (void)error;
#if defined(RAW_UNRESOLVED)
  if (invariant_test_symbol_nobody_defines() != 0) return INV_STATUS_ERROR;
#endif
  *instance = copy(settings_json ? settings_json : "{}");
  return INV_STATUS_OK;
}

[[maybe_unused]] int32_t raw_call(void* instance, const char* request_json, const inv_call_context* context, char** response) {
  (void)instance;
  (void)context;
  const char* req = request_json ? request_json : "";
  if (std::strstr(req, "\"function\":\"raw_garbage\"")) {
    *response = copy("this is not JSON");
    return INV_STATUS_OK;
  }
  if (std::strstr(req, "\"function\":\"raw_no_response\"")) {
    *response = nullptr;
    return INV_STATUS_OK;
  }
  if (std::strstr(req, "\"function\":\"raw_bad_marks\"")) {
    *response = copy(R"({"result": 1, "marks": [[0, 1]]})");
    return INV_STATUS_OK;
  }
  *response = copy(R"({"result": "raw ok"})");
  return INV_STATUS_OK;
}

void raw_free(char* text) { std::free(text); }

void raw_shutdown(void* instance) { std::free(instance); }

const inv_plugin kTable = {
    INVARIANT_PLUGIN_ABI_VERSION,
#if defined(RAW_SMALL_TABLE)
    static_cast<uint32_t>(sizeof(inv_plugin) - sizeof(void*)),
#else
    static_cast<uint32_t>(sizeof(inv_plugin)),
#endif
    kMetadata,
    raw_init,
#if defined(RAW_NULL_MEMBER)
    nullptr,
#else
    raw_call,
#endif
    raw_free,
    raw_shutdown,
};

}  // namespace

extern "C" INVARIANT_PLUGIN_EXPORT uint32_t invariant_plugin_abi_version(void) {
#if defined(RAW_BAD_ABI)
  return INVARIANT_PLUGIN_ABI_VERSION + 1;
#else
  return INVARIANT_PLUGIN_ABI_VERSION;
#endif
}

#if !defined(RAW_NO_ENTRY)
extern "C" INVARIANT_PLUGIN_EXPORT const inv_plugin* invariant_plugin_entry(void) {
#if defined(RAW_BAD_ABI)
  std::abort();  // the host must not touch anything else once the version does not match
#endif
  return &kTable;
}
#endif

#endif
