// The OpenAPI document (docs/openapi.json, embedded in the binary): well-formed, complete, and in step
// with the server's route table — every route is documented and every documented path is a route.
#include <gtest/gtest.h>

#include <fstream>
#include <map>
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
  for (const char* scheme : {"apiToken", "metricsToken", "auditToken"}) {
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

// A prefix route is a route with one path parameter: `<prefix>{name}`, declared in the document as a
// required path parameter of that name; an exact route has none.
TEST(OpenApiDocument, PrefixRoutesDeclareTheirPathParameter) {
  int prefixes = 0;
  for (const auto& r : kRoutes) {
    const std::string p(r.openapi_path);
    const auto& op = doc().at("paths").at(p).at(r.post ? "post" : "get").as_object();
    std::set<std::string> path_params;
    if (op.contains("parameters"))
      for (const auto& param_v : op.at("parameters").as_array()) {
        const auto& param = resolve(param_v).as_object();
        if (param.at("in").as_string() != "path") continue;
        path_params.insert(std::string(param.at("name").as_string()));
        EXPECT_TRUE(param.at("required").as_bool()) << p;
      }
    if (!r.prefix) {
      EXPECT_TRUE(path_params.empty()) << p;
      continue;
    }
    ++prefixes;
    ASSERT_EQ(p.rfind(std::string(r.path), 0), 0u) << p;
    const std::string name = p.substr(r.path.size());
    ASSERT_GE(name.size(), 3u) << p;
    EXPECT_EQ(name.front(), '{') << p;
    EXPECT_EQ(name.back(), '}') << p;
    EXPECT_EQ(path_params, std::set<std::string>{name.substr(1, name.size() - 2)}) << p;
  }
  EXPECT_EQ(prefixes, 2);  // /docs/{file}, /api/audit/decisions/{decision_id}
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
      if (std::string(path).rfind("/api/audit/", 0) == 0) {
        const auto& responses = op.at("responses").as_object();
        for (const char* s : {"200", "400", "401", "404", "500", "503"}) EXPECT_TRUE(responses.contains(s)) << where << " " << s;
        std::set<std::string> schemes;
        for (const auto& alternative : op.at("security").as_array())
          for (const auto& [scheme, _] : alternative.as_object()) schemes.insert(std::string(scheme));
        EXPECT_EQ(schemes, (std::set<std::string>{"auditToken", "apiToken"})) << where;
      }
    }
  }
  EXPECT_EQ(ids.size(), kRoutes.size());
  EXPECT_EQ(ids.size(), 15u);  // 4 API, 2 audit queries, 1 detector listing, 3 operations, 5 documentation
}

// The audit log's list takes exactly the filters that the query API parses (app/audit_queries.cpp), with
// their types and bounds (limit: 1 to kAuditMaxLimit = 1000, default kAuditDefaultLimit = 100).
TEST(OpenApiDocument, AuditListDocumentsEveryFilter) {
  const auto& op = doc().at("paths").at("/api/audit/decisions").at("get").as_object();
  std::map<std::string, json::object> params;
  for (const auto& p : op.at("parameters").as_array()) {
    const auto& param = resolve(p).as_object();
    EXPECT_EQ(param.at("in").as_string(), "query");
    params[std::string(param.at("name").as_string())] = param;
  }
  std::set<std::string> names;
  for (const auto& [name, _] : params) names.insert(name);
  EXPECT_EQ(names, (std::set<std::string>{"since", "until", "path", "status", "policy_hash", "has_violations", "rule",
                                          "limit", "cursor"}));
  auto schema = [&](const std::string& name) { return params.at(name).at("schema").as_object(); };
  EXPECT_EQ(schema("since").at("type").as_string(), "string");
  EXPECT_EQ(schema("until").at("type").as_string(), "string");
  EXPECT_EQ(schema("status").at("type").as_string(), "integer");
  EXPECT_EQ(schema("status").at("minimum").to_number<int>(), 100);
  EXPECT_EQ(schema("status").at("maximum").to_number<int>(), 599);
  EXPECT_EQ(schema("policy_hash").at("pattern").as_string(), "^[0-9a-f]{64}$");
  EXPECT_EQ(schema("has_violations").at("type").as_string(), "boolean");
  EXPECT_EQ(schema("limit").at("minimum").to_number<int>(), 1);
  EXPECT_EQ(schema("limit").at("maximum").to_number<int>(), 1000);
  EXPECT_EQ(schema("limit").at("default").to_number<int>(), 100);
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

TEST(Routes, AuditQueriesHaveAListAndADecisionIdParameter) {
  auto m = match_route("/api/audit/decisions");
  ASSERT_NE(m.spec, nullptr);
  EXPECT_EQ(m.spec->route, Route::AuditList);
  EXPECT_FALSE(m.spec->post);
  EXPECT_EQ(m.spec->openapi_path, "/api/audit/decisions");  // also the metrics handler label
  m = match_route("/api/audit/decisions/01a21393-5a24-7000-b8d8-a4a71abd6c46");
  ASSERT_NE(m.spec, nullptr);
  EXPECT_EQ(m.spec->route, Route::AuditShow);
  EXPECT_FALSE(m.spec->post);
  EXPECT_EQ(m.rest, "01a21393-5a24-7000-b8d8-a4a71abd6c46");
  EXPECT_EQ(m.spec->openapi_path, "/api/audit/decisions/{decision_id}");
  m = match_route("/api/audit/decisions/a%2Fb/c");  // the id as received; the query API decodes and looks it up
  ASSERT_NE(m.spec, nullptr);
  EXPECT_EQ(m.rest, "a%2Fb/c");
  EXPECT_EQ(match_route("/api/audit/decisions/").spec, nullptr);  // no id: no route
  EXPECT_EQ(match_route("/api/audit/decisionsx").spec, nullptr);
  EXPECT_EQ(match_route("/api/audit").spec, nullptr);
  EXPECT_EQ(match_route("/api/audit/").spec, nullptr);
}
