// The Swagger UI assets served under /docs/ (the swagger-ui-dist package, installed by scripts/setup.sh),
// without any HTTP library: where the directory is, which request names map to which files, their
// Content-Type and their validators (ETag). Our own page (/docs, /docs/, /docs/index.html) and the
// OpenAPI document are embedded in the binary (embedded_docs.hpp); only the UI's files come from disk.
//
// Safety: a request name is served only when it is a single plain file name ([A-Za-z0-9._-], not starting
// with a dot, no '/', no '%', no '\\'), so `..`, absolute paths and percent-encoded traversal never reach
// the file system; the resolved file must also be a regular file whose canonical path lies inside the
// canonical asset directory (a symbolic link pointing outside is refused).
#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace inv::adapters {

// The file whose presence marks a directory as a Swagger UI asset directory.
inline constexpr std::string_view kSwaggerMarker = "swagger-ui-bundle.js";

// `dir` itself when it holds the assets, else `dir`/node_modules/swagger-ui-dist when that does (the
// layout `npm install --prefix dir swagger-ui-dist` creates); nullopt otherwise.
std::optional<std::filesystem::path> asset_root_in(const std::filesystem::path& dir);

// The directories tried in order: `configured` alone when it is not empty (INVARIANT_STATIC_DIR);
// otherwise <executable dir>/../../third_party/swagger-ui (the build tree's bin/ two levels below the
// source tree), <executable dir>/../share/invariant/swagger-ui (an installed layout) and
// ./third_party/swagger-ui.
std::vector<std::filesystem::path> static_dir_candidates(const std::string& configured,
                                                         const std::filesystem::path& executable);

// The first candidate that holds the assets (canonical path), or nullopt.
std::optional<std::filesystem::path> locate_asset_root(const std::string& configured,
                                                       const std::filesystem::path& executable);

// True for a plain file name that may be looked up (see the safety note above).
bool safe_asset_name(std::string_view name);

// Content-Type by extension (text types with charset=utf-8); application/octet-stream when unknown.
std::string_view content_type_for(std::string_view name);

// True when an If-None-Match header value matches `etag` ("*", a list, weak comparison).
bool etag_matches(std::string_view if_none_match, std::string_view etag);

struct AssetLookup {
  enum class Status { Found, NotFound, NotInstalled } status = Status::NotFound;
  std::filesystem::path file;   // canonical path of the file
  std::uint64_t size = 0;
  std::string etag;             // "\"<size hex>-<mtime ns hex>\""
  std::string_view content_type;
};

class StaticFiles {
 public:
  explicit StaticFiles(std::optional<std::filesystem::path> root) : root_(std::move(root)) {}
  bool installed() const { return root_.has_value(); }
  const std::optional<std::filesystem::path>& root() const { return root_; }
  // Looks `name` (what follows /docs/) up: NotInstalled when there is no asset directory, NotFound for
  // an unsafe name, a missing file or anything that is not a regular file inside the directory.
  AssetLookup find(std::string_view name) const;

 private:
  std::optional<std::filesystem::path> root_;
};

// The text of the 503 answered for /docs when the assets are not installed.
inline constexpr std::string_view kAssetsMissingMessage =
    "the Swagger UI assets are not installed: run scripts/setup.sh (it installs the swagger-ui-dist npm "
    "package into third_party/swagger-ui) or point INVARIANT_STATIC_DIR at a directory holding "
    "swagger-ui-bundle.js";

}  // namespace inv::adapters
