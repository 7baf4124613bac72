// Documents embedded in the binary at build time (cmake/embed_file.cmake), so that `invariant serve`
// answers them whatever its working directory is.
#pragma once

#include <string_view>

namespace inv::adapters::embedded {

// docs/openapi.json, byte for byte (GET /openapi.json).
std::string_view openapi_json();
// docs/swagger-ui/index.html: the Swagger UI page (GET /docs, /docs/, /docs/index.html).
std::string_view swagger_index_html();

}  // namespace inv::adapters::embedded
