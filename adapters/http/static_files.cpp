#include "adapters/http/static_files.hpp"

#include <cctype>
#include <chrono>
#include <cstdio>
#include <system_error>

namespace inv::adapters {

namespace fs = std::filesystem;

namespace {
bool is_file(const fs::path& p) {
  std::error_code ec;
  return fs::is_regular_file(p, ec);
}

std::string lower(std::string_view s) {
  std::string out(s);
  for (auto& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

std::string_view strip_weak(std::string_view tag) {
  if (tag.size() >= 2 && tag.substr(0, 2) == "W/") tag.remove_prefix(2);
  return tag;
}
}  // namespace

std::optional<fs::path> asset_root_in(const fs::path& dir) {
  if (dir.empty()) return std::nullopt;
  if (is_file(dir / kSwaggerMarker)) return dir;
  fs::path nested = dir / "node_modules" / "swagger-ui-dist";
  if (is_file(nested / kSwaggerMarker)) return nested;
  return std::nullopt;
}

std::vector<fs::path> static_dir_candidates(const std::string& configured, const fs::path& executable) {
  if (!configured.empty()) return {fs::path(configured)};
  std::vector<fs::path> out;
  if (!executable.empty()) {
    const fs::path bin = executable.parent_path();
    out.push_back(bin / ".." / ".." / "third_party" / "swagger-ui");
    out.push_back(bin / ".." / "share" / "invariant" / "swagger-ui");
  }
  out.push_back(fs::path("third_party") / "swagger-ui");
  return out;
}

std::optional<fs::path> locate_asset_root(const std::string& configured, const fs::path& executable) {
  for (const auto& dir : static_dir_candidates(configured, executable)) {
    if (auto root = asset_root_in(dir)) {
      std::error_code ec;
      fs::path canonical = fs::canonical(*root, ec);
      if (!ec) return canonical;
    }
  }
  return std::nullopt;
}

bool safe_asset_name(std::string_view name) {
  if (name.empty() || name.size() > 255 || name.front() == '.') return false;
  for (char c : name)
    if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '.' || c == '_' || c == '-')) return false;
  return true;
}

std::string_view content_type_for(std::string_view name) {
  const auto dot = name.rfind('.');
  const std::string ext = dot == std::string_view::npos ? std::string() : lower(name.substr(dot + 1));
  if (ext == "html" || ext == "htm") return "text/html; charset=utf-8";
  if (ext == "css") return "text/css; charset=utf-8";
  if (ext == "js" || ext == "mjs") return "text/javascript; charset=utf-8";
  if (ext == "json" || ext == "map") return "application/json";
  if (ext == "png") return "image/png";
  if (ext == "svg") return "image/svg+xml";
  if (ext == "ico") return "image/x-icon";
  if (ext == "txt" || ext == "md") return "text/plain; charset=utf-8";
  if (ext == "woff2") return "font/woff2";
  if (ext == "woff") return "font/woff";
  return "application/octet-stream";
}

bool etag_matches(std::string_view if_none_match, std::string_view etag) {
  if (etag.empty()) return false;
  while (!if_none_match.empty()) {
    const auto comma = if_none_match.find(',');
    std::string_view item = trim(if_none_match.substr(0, comma));
    if (item == "*" || (!item.empty() && strip_weak(item) == strip_weak(etag))) return true;
    if (comma == std::string_view::npos) break;
    if_none_match.remove_prefix(comma + 1);
  }
  return false;
}

AssetLookup StaticFiles::find(std::string_view name) const {
  AssetLookup out;
  if (!root_) {
    out.status = AssetLookup::Status::NotInstalled;
    return out;
  }
  if (!safe_asset_name(name)) return out;
  std::error_code ec;
  fs::path file = fs::canonical(*root_ / fs::path(std::string(name)), ec);
  if (ec || file.parent_path() != *root_ || !fs::is_regular_file(file, ec) || ec) return out;
  const auto size = fs::file_size(file, ec);
  if (ec) return out;
  const auto mtime = fs::last_write_time(file, ec);
  if (ec) return out;
  const auto ns = std::chrono::duration_cast<std::chrono::nanoseconds>(mtime.time_since_epoch()).count();
  char tag[64];
  std::snprintf(tag, sizeof tag, "\"%llx-%llx\"", static_cast<unsigned long long>(size),
                static_cast<unsigned long long>(ns));
  out.status = AssetLookup::Status::Found;
  out.file = std::move(file);
  out.size = size;
  out.etag = tag;
  out.content_type = content_type_for(name);
  return out;
}

}  // namespace inv::adapters
