// The OpenAPI document (docs/openapi.json, embedded in the binary): well-formed, complete, and in step
// with the server's route table — every route is documented and every documented path is a route.
#include <gtest/gtest.h>

#include <fstream>
#include <set>
#include <sstream>
#include <string>

#include <boost/json.hpp>

#include "adapters/http/embedded_docs.hpp"
#include "adapters/http/routes.hpp"

namespace json = boost::json;
using namespace inv::adapters;

namespace {

const json::object& doc() {
  static const json::value v = json::parse(embedded::openapi_json());
  return v.as_object();
}

// Follows a local "$ref" ("#/components/<kind>/<name>"); other values are returned as they are.
const json::value& resolve(const json::value& v) {
  if (!v.is_object() || !v.as_object().contains("$ref")) return v;
  const std::string ref(v.as_object().at("$ref").as_string());
  if (ref.rfind("#/components/", 0) != 0) throw std::runtime_error("not a component reference: " + ref);
  const std::string rest = ref.substr(13);
  const auto slash = rest.find('/');
  return resolve(doc().at("components").as_object().at(rest.substr(0, slash)).as_object().at(rest.substr(slash + 1)));
}

void collect_refs(const json::value& v, std::set<std::string>& out) {
  if (v.is_object()) {
    for (const auto& [k, x] : v.as_object()) {
      if (k == "$ref") out.insert(std::string(x.as_string()));
      collect_refs(x, out);
    }
  } else if (v.is_array()) {
    for (const auto& x : v.as_array()) collect_refs(x, out);
  }
}

const std::set<std::string> kMethods = {"get", "put", "post", "delete", "options", "head", "patch", "trace"};

}  // namespace

TEST(OpenApiDocument, IsTheSourceFileByteForByte) {
  std::ifstream f(INVARIANT_OPENAPI_SOURCE, std::ios::binary);
  std::stringstream ss;
  ss << f.rdbuf();
  EXPECT_EQ(embedded::openapi_json(), ss.str());
}

TEST(OpenApiDocument, IsWellFormedWithTheProjectVersion) {
  json::error_code ec;
  json::parse(embedded::openapi_json(), ec);
  ASSERT_FALSE(ec) << ec.message();
  const auto& d = doc();
  EXPECT_EQ(std::string(d.at("openapi").as_string()).rfind("3.1.", 0), 0u);
  EXPECT_EQ(d.at("info").at("title").as_string(), "Invariant API");
  EXPECT_EQ(d.at("info").at("version").as_string(), INVARIANT_PROJECT_VERSION);
  for (const char* scheme : {"apiToken", "metricsToken"}) {
    const auto& s = d.at("components").at("securitySchemes").at(scheme).as_object();
    EXPECT_EQ(s.at("type").as_string(), "http") << scheme;
    EXPECT_EQ(s.at("scheme").as_string(), "bearer") << scheme;
  }
}

TEST(OpenApiDocument, EveryReferenceResolvesAndEveryComponentIsUsed) {
  std::set<std::string> refs;
  collect_refs(doc(), refs);
  for (const auto& r : refs) {
    ASSERT_EQ(r.rfind("#/components/", 0), 0u) << r;
    const auto rest = r.substr(13);
    const auto slash = rest.find('/');
    ASSERT_NE(slash, std::string::npos) << r;
    const auto& components = doc().at("components").as_object();
    ASSERT_TRUE(components.contains(rest.substr(0, slash))) << r;
    EXPECT_TRUE(components.at(rest.substr(0, slash)).as_object().contains(rest.substr(slash + 1))) << r;
  }
  for (const auto& [kind, items] : doc().at("components").as_object()) {
    if (kind == "securitySchemes") continue;
    for (const auto& [name, _] : items.as_object())
      EXPECT_TRUE(refs.count("#/components/" + std::string(kind) + "/" + std::string(name))) << kind << "/" << name;
  }
}

TEST(OpenApiDocument, EveryRouteIsDocumentedAndEveryDocumentedPathIsARoute) {
  const auto& paths = doc().at("paths").as_object();
  std::set<std::string> routes;
  for (const auto& r : kRoutes) {
    const std::string p(r.openapi_path);
    routes.insert(p);
    ASSERT_TRUE(paths.contains(p)) << p << " is served but not documented";
    std::set<std::string> methods;
    for (const auto& [m, _] : paths.at(p).as_object())
      if (kMethods.count(std::string(m))) methods.insert(std::string(m));
    // HEAD is implied by GET (the document says so); nothing else is served.
    EXPECT_EQ(methods, std::set<std::string>{r.post ? "post" : "get"}) << p;
  }
  for (const auto& [p, _] : paths) EXPECT_TRUE(routes.count(std::string(p))) << p << " is documented but not served";
  EXPECT_EQ(routes.size(), kRoutes.size());  // one route per documented path
}

TEST(OpenApiDocument, OperationsAreCompleteAndEveryResponseNamesTheDecisionId) {
  std::set<std::string> ids;
  for (const auto& [path, item] : doc().at("paths").as_object()) {
    for (const auto& [method, op_v] : item.as_object()) {
      if (!kMethods.count(std::string(method))) continue;
      const auto& op = op_v.as_object();
      const std::string where = std::string(method) + " " + std::string(path);
      ASSERT_TRUE(op.contains("operationId")) << where;
      EXPECT_TRUE(ids.insert(std::string(op.at("operationId").as_string())).second) << where;
      EXPECT_TRUE(op.contains("summary")) << where;
      EXPECT_TRUE(op.contains("tags")) << where;
      EXPECT_TRUE(op.at("responses").as_object().contains("405")) << where;
      for (const auto& [status, resp_v] : op.at("responses").as_object()) {
        const auto& resp = resolve(resp_v).as_object();
        EXPECT_TRUE(resp.contains("description")) << where << " " << status;
        ASSERT_TRUE(resp.contains("headers")) << where << " " << status;
        EXPECT_TRUE(resp.at("headers").as_object().contains("X-Decision-Id")) << where << " " << status;
      }
      if (method == "post") {
        const auto& responses = op.at("responses").as_object();
        for (const char* s : {"200", "400", "401", "413", "500", "503"}) EXPECT_TRUE(responses.contains(s)) << where << " " << s;
        const auto& params = op.at("parameters").as_array();
        std::set<std::string> names;
        for (const auto& p : params) names.insert(std::string(resolve(p).at("name").as_string()));
        EXPECT_EQ(names, (std::set<std::string>{"detail", "Cache-Control"})) << where;
        const auto& examples = op.at("requestBody").at("content").at("application/json").at("examples").as_object();
        EXPECT_FALSE(examples.empty()) << where;
      }
    }
  }
  EXPECT_EQ(ids.size(), kRoutes.size());
}

TEST(Routes, ExactRoutesWinOverTheFilePrefix) {
  auto m = match_route("/docs/");
  ASSERT_NE(m.spec, nullptr);
  EXPECT_EQ(m.spec->route, Route::Docs);
  m = match_route("/docs");
  ASSERT_NE(m.spec, nullptr);
  EXPECT_EQ(m.spec->route, Route::Docs);
  m = match_route("/docs/swagger-ui.css");
  ASSERT_NE(m.spec, nullptr);
  EXPECT_EQ(m.spec->route, Route::DocsFile);
  EXPECT_EQ(m.rest, "swagger-ui.css");
  m = match_route("/docs/../etc/passwd");  // matched as a file name, which the lookup then refuses
  ASSERT_NE(m.spec, nullptr);
  EXPECT_EQ(m.rest, "../etc/passwd");
  EXPECT_EQ(match_route("/").spec->route, Route::Root);
  EXPECT_EQ(match_route("/api/policy/analyze").spec->route, Route::Analyze);
  EXPECT_EQ(match_route("/api/policy/analyze/").spec, nullptr);
  EXPECT_EQ(match_route("/docsx").spec, nullptr);
  EXPECT_EQ(match_route("").spec, nullptr);
}
