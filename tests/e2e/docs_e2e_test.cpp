// End-to-end tests of the documentation routes and the routing rules around them, against the real
// `invariant serve`: GET /openapi.json (the embedded document), the document's examples replayed against
// the server (each documented answer must be what the server answers; the audit queries' examples in the
// scenario they describe), every documented path is served,
// the Swagger UI under /docs (our page, the UI's files, Content-Type, validators, traversal attempts, the
// 503 without assets), the redirect at /, HEAD on GET routes, 404/405 on unknown paths.
#include <gtest/gtest.h>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <future>
#include <map>
#include <regex>
#include <set>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include <boost/json.hpp>

#include "tests/e2e/server_process.hpp"

namespace fs = std::filesystem;
namespace json = boost::json;
using inv::e2e::Env;
using inv::e2e::http_request;
using inv::e2e::HttpResponse;
using inv::e2e::ServerProcess;

namespace {

const char* kMetricsToken = "docs-metrics-secret";
const std::set<std::string> kMethods = {"get", "put", "post", "delete", "options", "head", "patch", "trace"};

void write(const fs::path& p, const std::string& text) {
  fs::create_directories(p.parent_path());
  std::ofstream(p, std::ios::binary) << text;
}

// A stand-in for the swagger-ui-dist package (the real one is checked separately when installed):
// <tmp>/ui/{swagger-ui-bundle.js, ...-standalone-preset.js, swagger-ui.css, favicon-{32x32,16x16}.png,
// sub/inner.css, .hidden, link-out},
// and <tmp>/secret.txt beside it, which must never be served.
struct FakeAssets {
  FakeAssets() {
    char tmpl[] = "/tmp/invariant-docs-e2e-XXXXXX";
    base = mkdtemp(tmpl);
    dir = base / "ui";
    write(dir / "swagger-ui-bundle.js", "window.SwaggerUIBundle = function () {};\n");
    write(dir / "swagger-ui-standalone-preset.js", "window.SwaggerUIStandalonePreset = {};\n");
    write(dir / "swagger-ui.css", ".swagger-ui { color: #3b4151; }\n");
    write(dir / "favicon-32x32.png", std::string("\x89PNG\r\n\x1a\n", 8));
    write(dir / "favicon-16x16.png", std::string("\x89PNG\r\n\x1a\n", 8));
    write(dir / "sub" / "inner.css", "inner");
    write(dir / ".hidden", "hidden");
    write(base / "secret.txt", "TOP-SECRET");
    fs::create_symlink(base / "secret.txt", dir / "link-out");
    fs::create_directories(base / "empty");
  }
  ~FakeAssets() { fs::remove_all(base); }
  fs::path base, dir;
};

json::value parse(const std::string& text) { return json::parse(text); }

// The shared server of this file: the fake assets and a metrics token.
class Docs : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    assets_ = new FakeAssets;
    server_ = new ServerProcess(Env{{"PROMETHEUS_TOKEN", kMetricsToken}, {"INVARIANT_STATIC_DIR", assets_->dir.string()}});
    ASSERT_TRUE(server_->wait_ready()) << server_->output();
    auto r = get("/openapi.json");
    ASSERT_EQ(r.status, 200);
    doc_ = new json::value(json::parse(r.body));
  }
  static void TearDownTestSuite() {
    delete server_;
    delete assets_;
    delete doc_;
  }
  static HttpResponse get(const std::string& target, const Env& headers = {}) {
    return http_request(server_->port(), "GET", target, "", headers);
  }
  static HttpResponse request(const std::string& method, const std::string& target, const std::string& body = "",
                              const Env& headers = {}) {
    return http_request(server_->port(), method, target, body, headers);
  }
  static const json::object& doc() { return doc_->as_object(); }

  static FakeAssets* assets_;
  static ServerProcess* server_;
  static json::value* doc_;
};
FakeAssets* Docs::assets_ = nullptr;
ServerProcess* Docs::server_ = nullptr;
json::value* Docs::doc_ = nullptr;

// Follows "#/components/<kind>/<name>"; `ref` receives the reference when there was one.
const json::value& resolve(const json::object& doc, const json::value& v, std::string* ref = nullptr) {
  if (!v.is_object() || !v.as_object().contains("$ref")) return v;
  const std::string r(v.as_object().at("$ref").as_string());
  if (ref) *ref = r;
  const std::string rest = r.substr(std::string("#/components/").size());
  const auto slash = rest.find('/');
  return resolve(doc, doc.at("components").as_object().at(rest.substr(0, slash)).as_object().at(rest.substr(slash + 1)));
}

struct ResponseExample {
  std::string key;        // "<path> <method> <status> <name>", or "<component ref>:<name>"
  std::string path, method, name;
  int status = 0;
  json::value value;
  std::vector<std::string> volatile_pointers;
  std::string query;      // x-query: the query string that produces the example (GET examples)
};

std::vector<ResponseExample> response_examples(const json::object& doc) {
  std::vector<ResponseExample> out;
  for (const auto& [path, item] : doc.at("paths").as_object())
    for (const auto& [method, op] : item.as_object()) {
      if (!kMethods.count(std::string(method))) continue;
      for (const auto& [status, resp_v] : op.at("responses").as_object()) {
        std::string ref;
        const auto& resp = resolve(doc, resp_v, &ref).as_object();
        if (!resp.contains("content")) continue;
        for (const auto& [media, content] : resp.at("content").as_object()) {
          if (!content.as_object().contains("examples")) continue;
          for (const auto& [name, e_v] : content.at("examples").as_object()) {
            const auto& e = resolve(doc, e_v).as_object();
            ResponseExample x;
            x.path = path;
            x.method = method;
            x.name = name;
            x.status = std::stoi(std::string(status));
            x.key = ref.empty() ? x.path + " " + x.method + " " + std::string(status) + " " + x.name : ref + ":" + x.name;
            x.value = e.at("value");
            if (e.contains("x-volatile"))
              for (const auto& p : e.at("x-volatile").as_array()) x.volatile_pointers.emplace_back(p.as_string());
            if (e.contains("x-query")) x.query = std::string(e.at("x-query").as_string());
            out.push_back(std::move(x));
          }
        }
      }
    }
  return out;
}

// The documented example `name` of a component response (e.g. "#/components/responses/NotFound").
json::value component_example(const json::object& doc, const std::string& ref, const std::string& name) {
  for (auto& x : response_examples(doc))
    if (x.key == ref + ":" + name) return x.value;
  ADD_FAILURE() << "no example " << ref << ":" << name;
  return nullptr;
}

// Nulls the values at `pointers` in both (they must exist in `actual`), then compares.
void expect_same_json(json::value expected, json::value actual, const std::vector<std::string>& pointers,
                      const std::string& what) {
  for (const auto& p : pointers) {
    try {
      actual.at_pointer(p) = nullptr;
      expected.at_pointer(p) = nullptr;
    } catch (const std::exception& e) {
      ADD_FAILURE() << what << ": " << p << " is missing: " << e.what();
    }
  }
  EXPECT_EQ(json::serialize(expected), json::serialize(actual)) << what;
}

std::set<std::string> metric_names(const std::string& text) {
  std::set<std::string> out;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);)
    if (!line.empty() && line[0] != '#') out.insert(line.substr(0, line.find_first_of("{ ")));
  return out;
}

// A request that keeps a worker busy for about a second (a three-variable search) and answers 200.
std::string slow_request() {
  json::array trace;
  for (int i = 0; i < 170; ++i) trace.push_back(json::object{{"role", "user"}, {"content", "m" + std::to_string(i)}});
  return json::serialize(json::object{
      {"policy",
       "raise \"never\" if:\n    (a: Message)\n    (b: Message)\n    (c: Message)\n"
       "    a.content + b.content + c.content == \"zzz\"\n"},
      {"trace", trace}});
}

// The response examples that no request example of the document produces; each is checked by the test
// named beside it.
const std::set<std::string> kCheckedSeparately = {
    "/api/policy/analyze post 400 invalid_json",              // DocumentedExamplesAreTheServersAnswers
    "/healthz get 200 ok",                                    // DocumentedExamplesAreTheServersAnswers
    "/readyz get 200 ready",                                  // DocumentedExamplesAreTheServersAnswers
    "/api/detectors get 200 builtin",                         // DocumentedExamplesAreTheServersAnswers
    "/metrics get 200 scrape",                                // DocumentedExamplesAreTheServersAnswers
    "#/components/responses/NotFound:not_found",              // DocumentedExamplesAreTheServersAnswers
    "#/components/responses/MethodNotAllowed:method_not_allowed",  // DocumentedExamplesAreTheServersAnswers
    "#/components/responses/Unauthorized:unauthorized",       // ...AnswersAndApiToken
    "#/components/responses/PayloadTooLarge:body_too_large",  // DocumentedExamplesAreTheServersAnswers
    "#/components/responses/Unavailable:queue_full",          // DocsExamples.QueueFull
    "#/components/responses/AssetsMissing:not_installed",     // DocsWithoutAssets
    "/readyz get 503 shutting_down",                          // DocsExamples.ShuttingDown
    // The audit log's answers are about earlier calls: DocsExamples.AuditExamplesAreTheServersAnswers.
    "/api/audit/decisions get 200 first_page",
    "/api/audit/decisions get 200 next_page",
    "/api/audit/decisions get 200 violations",
    "/api/audit/decisions get 400 bad_time",
    "/api/audit/decisions get 400 limit_too_large",
    "/api/audit/decisions get 400 unknown_parameter",
    "/api/audit/decisions get 404 audit_off",
    "/api/audit/decisions/{decision_id} get 200 tool_calls",
    "/api/audit/decisions/{decision_id} get 404 unknown_decision",
    "/api/audit/decisions/{decision_id} get 404 audit_off",
};

}  // namespace

TEST_F(Docs, OpenApiIsTheEmbeddedSourceDocumentWithValidators) {
  auto r = get("/openapi.json");
  ASSERT_EQ(r.status, 200);
  EXPECT_EQ(r.body, inv::e2e::read_file(INVARIANT_OPENAPI_SOURCE));
  EXPECT_EQ(r.header("content-type"), "application/json");
  EXPECT_EQ(r.header("cache-control"), "no-cache");
  const std::string etag = r.header("etag");
  ASSERT_FALSE(etag.empty());
  EXPECT_EQ(doc().at("info").at("title").as_string(), "Invariant API");
  EXPECT_EQ(doc().at("info").at("version").as_string(), INVARIANT_PROJECT_VERSION);

  auto again = get("/openapi.json", {{"If-None-Match", etag}});
  EXPECT_EQ(again.status, 304);
  EXPECT_EQ(again.body, "");
  EXPECT_EQ(again.header("etag"), etag);
  EXPECT_EQ(get("/openapi.json", {{"If-None-Match", "\"other\""}}).status, 200);

  auto head = request("HEAD", "/openapi.json");
  EXPECT_EQ(head.status, 200);
  EXPECT_EQ(head.body, "");
  EXPECT_EQ(head.header("content-length"), std::to_string(r.body.size()));
  EXPECT_EQ(head.header("etag"), etag);
}

// Every documented path answers its documented method (neither 404 nor 405), GET paths also HEAD; the
// reverse direction (every route is documented) is checked against the route table in http_docs_tests.
// Path parameters name something that exists: a UI file, the decision of a call made here.
TEST_F(Docs, EveryDocumentedOperationIsServed) {
  auto call = request("POST", "/api/policy/load", R"({"policy": "raise \"x\" if:\n    (m: Message)\n    m.role == \"user\""})");
  ASSERT_EQ(call.status, 200) << call.body;
  const std::string decision_id = call.header("x-decision-id");
  ASSERT_FALSE(decision_id.empty());
  int checked = 0;
  for (const auto& [path_v, item] : doc().at("paths").as_object()) {
    std::string path(path_v);
    path = std::regex_replace(path, std::regex(R"(\{file\})"), "swagger-ui.css");
    path = std::regex_replace(path, std::regex(R"(\{decision_id\})"), decision_id);
    ASSERT_EQ(path.find('{'), std::string::npos) << path << ": a path parameter without a value here";
    for (const auto& [method, _] : item.as_object()) {
      if (!kMethods.count(std::string(method))) continue;
      std::string m(method);
      for (auto& c : m) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
      auto r = request(m, path, m == "POST" ? "{}" : "");
      EXPECT_NE(r.status, 404) << m << " " << path;
      EXPECT_NE(r.status, 405) << m << " " << path;
      EXPECT_NE(r.status, 0) << m << " " << path;
      if (m == "GET") {
        auto h = request("HEAD", path);
        EXPECT_EQ(h.status, r.status) << "HEAD " << path;
        EXPECT_EQ(h.body, "") << "HEAD " << path;
      }
      ++checked;
    }
  }
  EXPECT_EQ(checked, 15);
}

// Each request example of the document is sent to the server; its answer must be the response example of
// the same name (status and bytes; values named in x-volatile, such as timings, only have to be present).
// The response examples that no request example produces are replayed here or in the tests named in
// kCheckedSeparately, so that every documented answer is one the server really gives.
TEST_F(Docs, DocumentedExamplesAreTheServersAnswers) {
  const auto responses = response_examples(doc());
  std::set<std::string> paired;
  int requests = 0;
  for (const auto& [path, item] : doc().at("paths").as_object())
    for (const auto& [method, op_v] : item.as_object()) {
      if (!kMethods.count(std::string(method))) continue;
      const auto& op = op_v.as_object();
      if (!op.contains("requestBody")) continue;
      for (const auto& [name, e_v] : op.at("requestBody").at("content").at("application/json").at("examples").as_object()) {
        const auto& e = resolve(doc(), e_v).as_object();
        const ResponseExample* match = nullptr;
        for (const auto& x : responses)
          if (x.path == path && x.method == method && x.name == name) {
            EXPECT_EQ(match, nullptr) << "two response examples named " << name << " for " << path;
            match = &x;
          }
        const std::string what = std::string(path) + " example " + std::string(name);
        ASSERT_NE(match, nullptr) << what << " has no response example of the same name";
        paired.insert(match->key);
        std::string target(path);
        if (e.contains("x-query")) target += "?" + std::string(e.at("x-query").as_string());
        auto r = request("POST", target, json::serialize(e.at("value")), {{"Cache-Control", "no-cache"}});
        EXPECT_EQ(r.status, match->status) << what << ": " << r.body;
        if (match->volatile_pointers.empty()) {
          EXPECT_EQ(r.body, json::serialize(match->value)) << what;
        } else {
          expect_same_json(match->value, parse(r.body), match->volatile_pointers, what);
        }
        ++requests;
      }
    }
  EXPECT_GE(requests, 19);

  std::set<std::string> unpaired;
  for (const auto& x : responses)
    if (!paired.count(x.key)) unpaired.insert(x.key);
  EXPECT_EQ(unpaired, kCheckedSeparately);

  auto example = [&](const std::string& key) {
    for (const auto& x : responses)
      if (x.key == key) return json::serialize(x.value);
    ADD_FAILURE() << "no example " << key;
    return std::string();
  };
  auto invalid = request("POST", "/api/policy/analyze", "{\"policy\": \"x\",\n \"trace\": [}");
  EXPECT_EQ(invalid.status, 400);
  EXPECT_EQ(invalid.body, example("/api/policy/analyze post 400 invalid_json"));
  EXPECT_EQ(get("/healthz").body, example("/healthz get 200 ok"));
  EXPECT_EQ(get("/readyz").body, example("/readyz get 200 ready"));
  // The detector listing of a default server: the built-in plugins, byte for byte but for where they
  // were loaded from.
  for (const auto& x : responses)
    if (x.key == "/api/detectors get 200 builtin") {
      auto r = get("/api/detectors");
      EXPECT_EQ(r.status, 200) << r.body;
      const json::value listing = parse(r.body);
      expect_same_json(x.value, listing, x.volatile_pointers, x.key);
      for (const auto& d : listing.at("detectors").as_array())
        EXPECT_TRUE(d.at("builtin").as_bool()) << d.at("name");
    }
  for (const std::string target : {"/nothing-here", "/docs/missing.js"}) {
    auto r = get(target);
    EXPECT_EQ(r.status, 404) << target;
    EXPECT_EQ(r.body, example("#/components/responses/NotFound:not_found")) << target;
  }
  for (const auto& [method, target] : std::vector<std::pair<std::string, std::string>>{
           {"GET", "/api/policy/analyze"}, {"DELETE", "/nothing-here"}, {"POST", "/healthz"}}) {
    auto r = request(method, target, method == "POST" ? "{}" : "");
    EXPECT_EQ(r.status, 405) << method << " " << target;
    EXPECT_EQ(r.body, example("#/components/responses/MethodNotAllowed:method_not_allowed")) << method << " " << target;
  }
  auto unauthorized = get("/metrics");
  EXPECT_EQ(unauthorized.status, 401);
  EXPECT_EQ(unauthorized.body, example("#/components/responses/Unauthorized:unauthorized"));
  auto too_large = request("POST", "/api/policy/analyze", std::string(10485760 + 1, 'x'));
  EXPECT_EQ(too_large.status, 413);
  EXPECT_EQ(too_large.body, example("#/components/responses/PayloadTooLarge:body_too_large"));

  // The metrics example is an excerpt: every series it names is in a real scrape.
  auto scrape = get("/metrics", {{"Authorization", std::string("Bearer ") + kMetricsToken}});
  ASSERT_EQ(scrape.status, 200);
  const auto real = metric_names(scrape.body);
  int documented = 0;
  for (const auto& x : responses) {
    if (x.key != "/metrics get 200 scrape") continue;
    for (const auto& name : metric_names(std::string(x.value.as_string()))) {
      EXPECT_TRUE(real.count(name)) << name << " is documented but not scraped";
      ++documented;
    }
  }
  EXPECT_GE(documented, 3);
}

TEST_F(Docs, PageIsOursAndPointsAtTheDocument) {
  const std::string page = inv::e2e::read_file(INVARIANT_SWAGGER_PAGE_SOURCE);
  ASSERT_NE(page.find("url: \"/openapi.json\""), std::string::npos);
  for (const std::string target : {"/docs", "/docs/", "/docs/index.html"}) {
    auto r = get(target);
    ASSERT_EQ(r.status, 200) << target << ": " << r.body;
    EXPECT_EQ(r.body, page) << target;
    EXPECT_EQ(r.header("content-type"), "text/html; charset=utf-8") << target;
    EXPECT_EQ(r.header("cache-control"), "no-cache") << target;
    EXPECT_EQ(r.header("x-content-type-options"), "nosniff") << target;
    EXPECT_EQ(get(target, {{"If-None-Match", r.header("etag")}}).status, 304) << target;
  }
  // Every file the page loads is served.
  std::regex asset(R"re((?:href|src)="/docs/([^"]+)")re");
  int files = 0;
  for (std::sregex_iterator it(page.begin(), page.end(), asset), end; it != end; ++it, ++files)
    EXPECT_EQ(get("/docs/" + (*it)[1].str()).status, 200) << (*it)[1].str();
  EXPECT_EQ(files, 5);
}

TEST_F(Docs, UiFilesHaveTheirTypeAndValidators) {
  struct Case {
    const char* name;
    const char* type;
  };
  for (const Case c : {Case{"swagger-ui.css", "text/css; charset=utf-8"},
                       Case{"swagger-ui-bundle.js", "text/javascript; charset=utf-8"},
                       Case{"favicon-32x32.png", "image/png"}}) {
    auto r = get(std::string("/docs/") + c.name);
    ASSERT_EQ(r.status, 200) << c.name;
    EXPECT_EQ(r.body, inv::e2e::read_file((assets_->dir / c.name).string())) << c.name;
    EXPECT_EQ(r.header("content-type"), c.type) << c.name;
    EXPECT_EQ(r.header("cache-control"), "public, max-age=3600") << c.name;
    EXPECT_EQ(r.header("x-content-type-options"), "nosniff") << c.name;
    const std::string etag = r.header("etag");
    ASSERT_FALSE(etag.empty()) << c.name;
    auto cached = get(std::string("/docs/") + c.name, {{"If-None-Match", "W/" + etag}});
    EXPECT_EQ(cached.status, 304) << c.name;
    EXPECT_EQ(cached.body, "") << c.name;
    auto head = request("HEAD", std::string("/docs/") + c.name);
    EXPECT_EQ(head.status, 200) << c.name;
    EXPECT_EQ(head.body, "") << c.name;
    EXPECT_EQ(head.header("content-length"), std::to_string(r.body.size())) << c.name;
    EXPECT_EQ(head.header("content-type"), c.type) << c.name;
  }
}

// Nothing outside the asset directory (secret.txt is one level up), no subdirectory, no hidden file, no
// link leading out, whatever the spelling of the traversal.
TEST_F(Docs, NoDirectoryTraversal) {
  for (const std::string target :
       {"/docs/../secret.txt", "/docs/..%2fsecret.txt", "/docs/%2e%2e/secret.txt", "/docs/%2e%2e%2fsecret.txt",
        "/docs/%2E%2E%2Fsecret.txt", "/docs/..%5csecret.txt", "/docs/....//secret.txt", "/docs/.%2e/secret.txt",
        "/docs//etc/passwd", "/docs/%2fetc%2fpasswd", "/docs/sub/inner.css", "/docs/sub", "/docs/.hidden",
        "/docs/link-out", "/docs/..", "/docs/./swagger-ui.css", "/docs/swagger-ui.css%00.png",
        "/docs/%00", "/docs/ui/../../secret.txt"}) {
    auto r = get(target);
    EXPECT_EQ(r.status, 404) << target;
    EXPECT_EQ(r.body, R"({"detail":"Not Found"})") << target;
    EXPECT_EQ(r.body.find("TOP-SECRET"), std::string::npos) << target;
  }
  // A backslash is not even a valid request target for the HTTP parser: whatever the answer, no file.
  auto r = get("/docs/..\\secret.txt");
  EXPECT_NE(r.status, 200);
  EXPECT_EQ(r.body.find("TOP-SECRET"), std::string::npos);
}

TEST_F(Docs, RootRedirectsToTheDocumentation) {
  for (const char* method : {"GET", "HEAD"}) {
    auto r = request(method, "/");
    EXPECT_EQ(r.status, 307) << method;
    EXPECT_EQ(r.header("location"), "/docs") << method;
    EXPECT_EQ(r.body, "") << method;
  }
}

TEST_F(Docs, HeadAnswersLikeGetWithoutABody) {
  for (const std::string target :
       {"/healthz", "/readyz", "/openapi.json", "/docs", "/metrics", "/nothing-here", "/api/audit/decisions?limit=1",
        "/api/audit/decisions/unknown-id", "/api/audit/decisions?limit=0"}) {
    auto g = get(target);
    auto h = request("HEAD", target);
    EXPECT_EQ(h.status, g.status) << target;
    EXPECT_EQ(h.body, "") << target;
    EXPECT_EQ(h.header("content-type"), g.header("content-type")) << target;
    EXPECT_EQ(h.header("content-length"), std::to_string(g.body.size())) << target;
    EXPECT_FALSE(h.header("x-decision-id").empty()) << target;
  }
  auto api = request("HEAD", "/api/policy/analyze");
  EXPECT_EQ(api.status, 405);
  EXPECT_EQ(api.header("allow"), "POST");
}

TEST_F(Docs, UnknownPathsAre404ForGetAndHeadAnd405Otherwise) {
  for (const char* method : {"POST", "PUT", "DELETE", "PATCH", "OPTIONS"}) {
    auto r = request(method, "/nothing/here", std::string(method) == "POST" || std::string(method) == "PUT" ? "{}" : "");
    EXPECT_EQ(r.status, 405) << method;
    EXPECT_EQ(r.body, R"({"detail":"Method Not Allowed"})") << method;
    EXPECT_EQ(r.header("allow"), "GET, HEAD") << method;
  }
  auto g = get("/nothing/here");
  EXPECT_EQ(g.status, 404);
  EXPECT_EQ(g.body, R"({"detail":"Not Found"})");
  // Known GET paths: other methods are 405 with the methods they accept.
  for (const char* target :
       {"/docs", "/docs/swagger-ui.css", "/openapi.json", "/", "/api/audit/decisions", "/api/audit/decisions/some-id"}) {
    auto r = request("POST", target, "{}");
    EXPECT_EQ(r.status, 405) << target;
    EXPECT_EQ(r.header("allow"), "GET, HEAD") << target;
  }
}

// The Swagger UI files installed by scripts/setup.sh, found relative to the executable when
// INVARIANT_STATIC_DIR is unset. Skipped when they are not installed.
TEST(DocsInstalled, TheRealSwaggerUiFilesAreServed) {
  const fs::path dist = fs::path(INVARIANT_SOURCE_DIR) / "third_party" / "swagger-ui" / "node_modules" / "swagger-ui-dist";
  if (!fs::exists(dist / "swagger-ui-bundle.js")) GTEST_SKIP() << "swagger-ui-dist is not installed (scripts/setup.sh)";
  ServerProcess s;
  ASSERT_TRUE(s.wait_ready()) << s.output();
  EXPECT_NE(s.output().find("serving the Swagger UI at /docs from"), std::string::npos) << s.output();
  for (const char* name : {"swagger-ui.css", "swagger-ui-bundle.js", "swagger-ui-standalone-preset.js", "favicon-32x32.png",
                           "favicon-16x16.png"}) {
    auto r = http_request(s.port(), "GET", std::string("/docs/") + name);
    EXPECT_EQ(r.status, 200) << name;
    EXPECT_EQ(r.body.size(), fs::file_size(dist / name)) << name;
    EXPECT_EQ(r.body, inv::e2e::read_file((dist / name).string())) << name;
  }
  EXPECT_EQ(http_request(s.port(), "GET", "/docs").status, 200);
}

TEST(DocsWithoutAssets, DocsAnswer503SayingHowToInstallThemAndTheApiStillWorks) {
  FakeAssets assets;
  ServerProcess s(Env{{"INVARIANT_STATIC_DIR", (assets.base / "empty").string()}});
  ASSERT_TRUE(s.wait_ready()) << s.output();
  EXPECT_NE(s.output().find("/docs answers 503"), std::string::npos) << s.output();
  const json::value doc = json::parse(http_request(s.port(), "GET", "/openapi.json").body);
  const std::string expected =
      json::serialize(component_example(doc.as_object(), "#/components/responses/AssetsMissing", "not_installed"));
  for (const std::string target : {"/docs", "/docs/", "/docs/index.html", "/docs/swagger-ui.css", "/docs/../secret.txt"}) {
    auto r = http_request(s.port(), "GET", target);
    EXPECT_EQ(r.status, 503) << target;
    EXPECT_EQ(r.body, expected) << target;
    EXPECT_NE(r.body.find("scripts/setup.sh"), std::string::npos) << target;
    EXPECT_EQ(r.header("retry-after"), "") << target;
  }
  EXPECT_EQ(http_request(s.port(), "HEAD", "/docs").status, 503);
  EXPECT_EQ(http_request(s.port(), "GET", "/openapi.json").status, 200);
  EXPECT_EQ(http_request(s.port(), "GET", "/healthz").status, 200);
  EXPECT_EQ(http_request(s.port(), "POST", "/api/policy/load", R"({"policy": "raise \"x\" if:\n    (m: Message)\n    m.role == \"user\""})").status, 200);
}

TEST(DocsExamples, ApiUnauthorizedIsTheDocumentedAnswer) {
  ServerProcess s(Env{{"INVARIANT_API_TOKEN", "api-secret"}});
  ASSERT_TRUE(s.wait_ready()) << s.output();
  const json::value doc = json::parse(http_request(s.port(), "GET", "/openapi.json").body);
  auto r = http_request(s.port(), "POST", "/api/policy/analyze", R"({"policy": "", "trace": []})");
  EXPECT_EQ(r.status, 401);
  EXPECT_EQ(r.header("www-authenticate"), "Bearer");
  EXPECT_EQ(r.body, json::serialize(component_example(doc.as_object(), "#/components/responses/Unauthorized", "unauthorized")));
}

TEST(DocsExamples, QueueFullIsTheDocumentedAnswer) {
  ServerProcess s(Env{{"INVARIANT_WORKER_THREADS", "1"}, {"INVARIANT_QUEUE_SIZE", "1"}});
  ASSERT_TRUE(s.wait_ready()) << s.output();
  const json::value doc = json::parse(http_request(s.port(), "GET", "/openapi.json").body);
  const Env no_cache{{"Cache-Control", "no-cache"}};
  auto running = std::async(std::launch::async, [&] { return http_request(s.port(), "POST", "/api/policy/analyze", slow_request(), no_cache); });
  std::this_thread::sleep_for(std::chrono::milliseconds(300));
  auto queued = std::async(std::launch::async, [&] { return http_request(s.port(), "POST", "/api/policy/analyze", slow_request(), no_cache); });
  std::this_thread::sleep_for(std::chrono::milliseconds(300));
  auto r = http_request(s.port(), "POST", "/api/policy/analyze", R"({"policy": "", "trace": []})");
  EXPECT_EQ(r.status, 503);
  EXPECT_EQ(r.header("retry-after"), "1");
  EXPECT_EQ(r.body, json::serialize(component_example(doc.as_object(), "#/components/responses/Unavailable", "queue_full")));
  EXPECT_EQ(running.get().status, 200);
  EXPECT_EQ(queued.get().status, 200);
}

// The audit queries' examples are answers about earlier calls, so they are replayed in the scenario their
// descriptions name rather than byte for byte against the shared server (whose log holds this file's other
// calls): a fresh server, the analyze request examples `tool_calls` then `no_violation` sent with curl's
// User-Agent, then each documented query. Answers are compared like the other examples: status and bytes,
// or, where the example lists x-volatile values (decision ids and times, different on every run), the JSON
// with those values present but not compared; the volatile values are then checked on their own (the ids
// are those of the calls, the times are consistent and fall within the test).
TEST(DocsExamples, AuditExamplesAreTheServersAnswers) {
  ServerProcess s;
  ASSERT_TRUE(s.wait_ready()) << s.output();
  const json::value doc_v = json::parse(http_request(s.port(), "GET", "/openapi.json").body);
  const auto& doc = doc_v.as_object();
  const auto& analyze = doc.at("paths").at("/api/policy/analyze").at("post").at("requestBody").at("content")
                            .at("application/json").at("examples").as_object();
  const auto unix_ms = [] {
    return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::system_clock::now().time_since_epoch())
        .count();
  };
  const std::int64_t before = unix_ms();
  std::map<std::string, std::string> ids;        // analyze example -> the decision id of its call
  std::map<std::string, std::int64_t> sizes;     // decision id -> the size of the body sent
  for (const std::string name : {"tool_calls", "no_violation"}) {
    const std::string body = json::serialize(resolve(doc, analyze.at(name)).at("value"));
    auto r = http_request(s.port(), "POST", "/api/policy/analyze", body, {{"User-Agent", "curl/7.88.1"}});
    ASSERT_EQ(r.status, 200) << name << ": " << r.body;
    ids[name] = r.header("x-decision-id");
    sizes[ids[name]] = static_cast<std::int64_t>(body.size());
  }
  const std::int64_t after = unix_ms();

  const std::regex rfc3339(R"(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z)");
  auto check_volatile = [&](const json::object& e, const std::string& what) {
    const std::string id(e.at("decision_id").as_string());
    ASSERT_TRUE(sizes.count(id)) << what << ": " << id << " is not the id of a call made here";
    EXPECT_EQ(e.at("body_size").as_int64(), sizes.at(id)) << what << ": the entry of another call";
    const std::int64_t start = e.at("start_ms").as_int64(), end = e.at("end_ms").as_int64();
    EXPECT_LE(before, start) << what;
    EXPECT_LE(start, end) << what;
    EXPECT_LE(end, after) << what;
    EXPECT_GE(e.at("duration_seconds").to_number<double>(), 0.0) << what;
    const std::string time(e.at("time").as_string());
    ASSERT_TRUE(std::regex_match(time, rfc3339)) << what << ": " << time;
    const std::time_t secs = static_cast<std::time_t>(start / 1000);
    std::tm tm{};
    gmtime_r(&secs, &tm);
    char buf[32];
    std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%S", &tm);
    char ms[8];
    std::snprintf(ms, sizeof ms, ".%03dZ", static_cast<int>(start % 1000));
    EXPECT_EQ(time, std::string(buf) + ms) << what << ": time is not start_ms";
  };
  auto expect_example = [](const ResponseExample& x, const HttpResponse& r) {
    EXPECT_EQ(r.status, x.status) << x.key << ": " << r.body;
    if (x.volatile_pointers.empty())
      EXPECT_EQ(r.body, json::serialize(x.value)) << x.key;
    else
      expect_same_json(x.value, parse(r.body), x.volatile_pointers, x.key);
  };

  std::set<std::string> audit_examples, checked;
  std::vector<ResponseExample> audit_off;
  for (const auto& x : response_examples(doc)) {
    if (x.path.rfind("/api/audit/", 0) != 0 || x.key.rfind("#", 0) == 0) continue;  // component examples: elsewhere
    audit_examples.insert(x.key);
    if (x.name == "audit_off") {
      audit_off.push_back(x);
      continue;
    }
    std::string target;
    if (x.path == "/api/audit/decisions") {
      ASSERT_FALSE(x.query.empty()) << x.key << " has no x-query";
      target = x.path + "?" + x.query;
    } else if (x.name == "unknown_decision") {
      target = "/api/audit/decisions/0190a3e1-0000-7000-8000-000000000000";
    } else {
      ASSERT_TRUE(ids.count(x.name)) << x.key << ": no analyze example of that name";
      target = "/api/audit/decisions/" + ids.at(x.name);  // the decision of the analyze example of that name
    }
    auto r = http_request(s.port(), "GET", target);
    expect_example(x, r);
    EXPECT_FALSE(r.header("x-decision-id").empty()) << x.key;
    if (!x.volatile_pointers.empty()) {
      const json::value v = parse(r.body);
      if (v.as_object().contains("decisions")) {
        for (const auto& e : v.at("decisions").as_array()) check_volatile(e.as_object(), x.key);
      } else {
        check_volatile(v.as_object(), x.key);
      }
    }
    auto head = http_request(s.port(), "HEAD", target);
    EXPECT_EQ(head.status, r.status) << x.key;
    EXPECT_EQ(head.body, "") << x.key;
    checked.insert(x.key);
  }

  // With the audit log off, both queries answer 404.
  ServerProcess off(Env{{"INVARIANT_AUDIT", "off"}});
  ASSERT_TRUE(off.wait_ready()) << off.output();
  for (const auto& x : audit_off) {
    const std::string target = x.path == "/api/audit/decisions" ? x.path : "/api/audit/decisions/" + ids.at("tool_calls");
    auto r = http_request(off.port(), "GET", target);
    expect_example(x, r);
    checked.insert(x.key);
  }
  EXPECT_EQ(checked, audit_examples);
  EXPECT_EQ(audit_examples.size(), 10u);

  // The documented security: without INVARIANT_AUDIT_TOKEN, the API token opens the audit queries.
  ServerProcess guarded(Env{{"INVARIANT_API_TOKEN", "api-secret"}});
  ASSERT_TRUE(guarded.wait_ready()) << guarded.output();
  const std::string unauthorized =
      json::serialize(component_example(doc, "#/components/responses/Unauthorized", "unauthorized"));
  for (const std::string& target : {std::string("/api/audit/decisions"), "/api/audit/decisions/" + ids.at("tool_calls")}) {
    auto r = http_request(guarded.port(), "GET", target);
    EXPECT_EQ(r.status, 401) << target;
    EXPECT_EQ(r.header("www-authenticate"), "Bearer") << target;
    EXPECT_EQ(r.body, unauthorized) << target;
  }
  auto r = http_request(guarded.port(), "GET", "/api/audit/decisions", "", {{"Authorization", "Bearer api-secret"}});
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(r.body, R"({"decisions":[],"next_cursor":null})");
}

// /readyz during a graceful stop: the listener is closed, so the request goes over a connection opened
// before the signal while a slow request keeps the server draining.
TEST(DocsExamples, ShuttingDownReadinessIsTheDocumentedAnswer) {
  ServerProcess s(Env{{"INVARIANT_WORKER_THREADS", "1"}});
  ASSERT_TRUE(s.wait_ready()) << s.output();
  const json::value doc = json::parse(http_request(s.port(), "GET", "/openapi.json").body);
  json::value expected;
  for (const auto& [name, e] : doc.at_pointer("/paths/~1readyz/get/responses/503/content/application~1json/examples").as_object())
    if (name == "shutting_down") expected = e.at("value");
  auto slow = std::async(std::launch::async, [&] { return http_request(s.port(), "POST", "/api/policy/analyze", slow_request()); });
  int fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  ASSERT_GE(fd, 0);
  timeval tv{10, 0};
  setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(static_cast<std::uint16_t>(s.port()));
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  ASSERT_EQ(connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr), 0);
  std::this_thread::sleep_for(std::chrono::milliseconds(300));
  s.signal(SIGTERM);
  std::this_thread::sleep_for(std::chrono::milliseconds(100));
  const std::string req = "GET /readyz HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n";
  ASSERT_EQ(send(fd, req.data(), req.size(), MSG_NOSIGNAL), static_cast<ssize_t>(req.size()));
  std::string raw;
  char buf[4096];
  for (ssize_t n; (n = recv(fd, buf, sizeof buf, 0)) > 0;) raw.append(buf, static_cast<std::size_t>(n));
  close(fd);
  EXPECT_EQ(raw.rfind("HTTP/1.1 503", 0), 0u) << raw;
  EXPECT_EQ(raw.substr(raw.find("\r\n\r\n") + 4), json::serialize(expected)) << raw;
  EXPECT_EQ(slow.get().status, 200);
  EXPECT_EQ(s.wait_exit(), 0) << s.output();
}
