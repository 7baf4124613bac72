// Test plugin "echo": returns what it received (the calling convention's texts and kind, the other
// arguments as JSON, unknown keywords) and builds records of its declared type, to check the value
// mapping between policies and plugins in both directions.
#include "invariant/detector_sdk.hpp"

namespace {

namespace sdk = invariant::sdk;

sdk::PluginDef define() {
  sdk::PluginDef p{"echo", "2.3.4", "Echoes its request."};
  p.type("Pair", {"left", "right"}, {"tests.echo"});
  p.function("echo")
      .exported_from({"tests.echo", "tests.echo.more"})
      .data("data", true)
      .optional("value", "any", nullptr)
      .any_keywords()
      .returning("dict")
      .run([](sdk::Call& call) {
        sdk::Json out = sdk::Json::object();
        out["kind"] = call.data_kind();
        out["texts"] = sdk::Json(call.texts());
        const sdk::Json* v = call.arg("value");
        out["value"] = v ? *v : sdk::Json();
        const sdk::Json* k = call.kwargs();
        out["kwargs"] = k ? *k : sdk::Json::object();
        return out;
      });
  p.function("typed")
      .exported_from({"tests.echo"})
      .param("s", "str")
      .param("n", "int")
      .optional("f", "float|None", nullptr)
      .returning("list")
      .run([](sdk::Call& call) {
        sdk::Json out = sdk::Json::array();
        out.push_back(call.str_arg("s"));
        out.push_back(*call.arg("n"));
        const sdk::Json* f = call.arg("f");
        out.push_back(f ? *f : sdk::Json());
        return out;
      });
  p.function("pair")
      .exported_from({"tests.echo"})
      .param("left")
      .param("right")
      .returning("Pair")
      .run([](sdk::Call& call) {
        return sdk::record("Pair", {{"left", *call.arg("left")}, {"right", *call.arg("right")}});
      });
  return p;
}

}  // namespace

INVARIANT_DETECTOR_PLUGIN(define)
