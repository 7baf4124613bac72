// The route table of `invariant serve`, free of any HTTP library so that tests can compare it with the
// OpenAPI document (docs/openapi.json): every route here is documented there and vice versa.
//
// A GET route also answers HEAD (the same status and headers, no body). A path that matches no route
// answers 404 to GET/HEAD and 405 to any other method (as the original's static mount did); a matching
// path with a method it does not accept answers 405 with `Allow`.
//
// A route with a path parameter (`/docs/{file}`, `/api/audit/decisions/{decision_id}`) is a prefix route:
// its `path` is everything before the parameter, and the parameter's value is the non-empty rest of the
// request path, as received (still %-encoded, and possibly with '/': the handler judges it — such a file
// name is 404, such a decision id is looked up like any other).
#pragma once

#include <array>
#include <string_view>

namespace inv::adapters {

enum class Route {
  Analyze, Check, Load, Batch,        // POST /api/...
  Healthz, Readyz, Metrics,           // operations
  OpenApi, Docs, DocsFile, Root,      // documentation
  AuditList, AuditShow,               // GET /api/audit/decisions[/{decision_id}]: the audit log's queries
  Detectors,                          // GET /api/detectors: the loaded detector plugins
  None
};

struct RouteSpec {
  Route route;
  std::string_view path;          // exact path, or the prefix when `prefix`
  bool prefix;                    // matches `path` followed by a non-empty rest: the path parameter's value
  bool post;                      // true: POST; false: GET (and HEAD)
  std::string_view openapi_path;  // the path as the OpenAPI document names it (also the metrics label)
};

inline constexpr std::array<RouteSpec, 15> kRoutes{{
    {Route::Analyze, "/api/policy/analyze", false, true, "/api/policy/analyze"},
    {Route::Check, "/api/monitor/check", false, true, "/api/monitor/check"},
    {Route::Load, "/api/policy/load", false, true, "/api/policy/load"},
    {Route::Batch, "/api/policy/analyze/batch", false, true, "/api/policy/analyze/batch"},
    {Route::AuditList, "/api/audit/decisions", false, false, "/api/audit/decisions"},
    {Route::AuditShow, "/api/audit/decisions/", true, false, "/api/audit/decisions/{decision_id}"},
    {Route::Detectors, "/api/detectors", false, false, "/api/detectors"},
    {Route::Healthz, "/healthz", false, false, "/healthz"},
    {Route::Readyz, "/readyz", false, false, "/readyz"},
    {Route::Metrics, "/metrics", false, false, "/metrics"},
    {Route::OpenApi, "/openapi.json", false, false, "/openapi.json"},
    {Route::Docs, "/docs", false, false, "/docs"},
    {Route::Docs, "/docs/", false, false, "/docs/"},
    {Route::DocsFile, "/docs/", true, false, "/docs/{file}"},
    {Route::Root, "/", false, false, "/"},
}};

// A prefix route's OpenAPI path is its prefix followed by one `{parameter}`.
constexpr bool names_its_parameter(const RouteSpec& r) {
  const auto& o = r.openapi_path;
  return o.size() > r.path.size() + 2 && o.substr(0, r.path.size()) == r.path && o[r.path.size()] == '{' &&
         o.back() == '}' && o.substr(r.path.size() + 1).find_first_of("{}/") == o.size() - r.path.size() - 2;
}
constexpr bool routes_are_consistent() {
  for (const auto& r : kRoutes)
    if (r.prefix ? !names_its_parameter(r) : r.path != r.openapi_path) return false;
  return true;
}
static_assert(routes_are_consistent(), "an exact route is documented under its path, a prefix route as prefix{param}");

struct RouteMatch {
  const RouteSpec* spec = nullptr;  // null: no route
  std::string_view rest;            // for a prefix route: what follows the prefix (the parameter's value)
};

// Exact routes win over the prefix routes ("/docs/" is the page, "/docs/x.css" a file); the prefixes do
// not overlap.
inline RouteMatch match_route(std::string_view path) {
  for (const auto& r : kRoutes)
    if (!r.prefix && r.path == path) return {&r, {}};
  for (const auto& r : kRoutes)
    if (r.prefix && path.size() > r.path.size() && path.substr(0, r.path.size()) == r.path)
      return {&r, path.substr(r.path.size())};
  return {};
}

}  // namespace inv::adapters
