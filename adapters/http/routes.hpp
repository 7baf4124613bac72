// The route table of `invariant serve`, free of any HTTP library so that tests can compare it with the
// OpenAPI document (docs/openapi.json): every route here is documented there and vice versa.
//
// A GET route also answers HEAD (the same status and headers, no body). A path that matches no route
// answers 404 to GET/HEAD and 405 to any other method (as the original's static mount did); a matching
// path with a method it does not accept answers 405 with `Allow`.
#pragma once

#include <array>
#include <string_view>

namespace inv::adapters {

enum class Route {
  Analyze, Check, Load, Batch,        // POST /api/...
  Healthz, Readyz, Metrics,           // operations
  OpenApi, Docs, DocsFile, Root,      // documentation
  None
};

struct RouteSpec {
  Route route;
  std::string_view path;          // exact path, or the prefix when `prefix`
  bool prefix;                    // matches `path` followed by anything (the rest is the file name)
  bool post;                      // true: POST; false: GET (and HEAD)
  std::string_view openapi_path;  // the path as the OpenAPI document names it (also the metrics label)
};

inline constexpr std::array<RouteSpec, 12> kRoutes{{
    {Route::Analyze, "/api/policy/analyze", false, true, "/api/policy/analyze"},
    {Route::Check, "/api/monitor/check", false, true, "/api/monitor/check"},
    {Route::Load, "/api/policy/load", false, true, "/api/policy/load"},
    {Route::Batch, "/api/policy/analyze/batch", false, true, "/api/policy/analyze/batch"},
    {Route::Healthz, "/healthz", false, false, "/healthz"},
    {Route::Readyz, "/readyz", false, false, "/readyz"},
    {Route::Metrics, "/metrics", false, false, "/metrics"},
    {Route::OpenApi, "/openapi.json", false, false, "/openapi.json"},
    {Route::Docs, "/docs", false, false, "/docs"},
    {Route::Docs, "/docs/", false, false, "/docs/"},
    {Route::DocsFile, "/docs/", true, false, "/docs/{file}"},
    {Route::Root, "/", false, false, "/"},
}};

struct RouteMatch {
  const RouteSpec* spec = nullptr;  // null: no route
  std::string_view rest;            // for a prefix route: what follows the prefix
};

// Exact routes win over the prefix route ("/docs/" is the page, "/docs/x.css" a file).
inline RouteMatch match_route(std::string_view path) {
  for (const auto& r : kRoutes)
    if (!r.prefix && r.path == path) return {&r, {}};
  for (const auto& r : kRoutes)
    if (r.prefix && path.size() > r.path.size() && path.substr(0, r.path.size()) == r.path)
      return {&r, path.substr(r.path.size())};
  return {};
}

}  // namespace inv::adapters
