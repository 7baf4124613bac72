// The Swagger UI file lookup of the HTTP adapter: which names are looked up, that nothing outside the
// asset directory is ever served, where the directory is found, Content-Type and ETag handling.
#include <gtest/gtest.h>

#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <string>

#include "adapters/http/static_files.hpp"

namespace fs = std::filesystem;
using namespace inv::adapters;

namespace {

void write(const fs::path& p, const std::string& text) {
  fs::create_directories(p.parent_path());
  std::ofstream(p, std::ios::binary) << text;
}

// <tmp>/secret.txt beside <tmp>/assets/{swagger-ui-bundle.js, swagger-ui.css, sub/inner.css, .hidden,
// link-out -> ../secret.txt}.
class AssetDir : public ::testing::Test {
 protected:
  void SetUp() override {
    char tmpl[] = "/tmp/invariant-static-XXXXXX";
    base_ = mkdtemp(tmpl);
    dir_ = base_ / "assets";
    write(dir_ / "swagger-ui-bundle.js", "bundle();");
    write(dir_ / "swagger-ui.css", "body{}");
    write(dir_ / "sub" / "inner.css", "inner");
    write(dir_ / ".hidden", "hidden");
    write(base_ / "secret.txt", "secret");
    fs::create_symlink(base_ / "secret.txt", dir_ / "link-out");
  }
  void TearDown() override { fs::remove_all(base_); }
  fs::path base_, dir_;
};

}  // namespace

TEST(StaticFileNames, OnlyPlainFileNamesAreLookedUp) {
  for (const char* ok : {"swagger-ui.css", "swagger-ui-bundle.js", "favicon-32x32.png", "index.html", "a_b.c-d"})
    EXPECT_TRUE(safe_asset_name(ok)) << ok;
  for (const char* bad : {"", ".", "..", "../x", "..%2fx", "%2e%2e", "%2e%2e%2fsecret", "a/b", "/etc/passwd", "a\\b",
                          "..\\x", ".hidden", "x y", "x?y", "~", "a:b"})
    EXPECT_FALSE(safe_asset_name(bad)) << bad;
  EXPECT_FALSE(safe_asset_name(std::string_view("a\0b", 3)));
  EXPECT_FALSE(safe_asset_name(std::string(256, 'a')));
}

TEST(StaticFileNames, ContentTypesByExtension) {
  EXPECT_EQ(content_type_for("swagger-ui.css"), "text/css; charset=utf-8");
  EXPECT_EQ(content_type_for("swagger-ui-bundle.js"), "text/javascript; charset=utf-8");
  EXPECT_EQ(content_type_for("index.HTML"), "text/html; charset=utf-8");
  EXPECT_EQ(content_type_for("favicon-32x32.png"), "image/png");
  EXPECT_EQ(content_type_for("swagger-ui.js.map"), "application/json");
  EXPECT_EQ(content_type_for("LICENSE"), "application/octet-stream");
  EXPECT_EQ(content_type_for("x.exe"), "application/octet-stream");
}

TEST(StaticFileNames, IfNoneMatch) {
  EXPECT_TRUE(etag_matches("\"a-1\"", "\"a-1\""));
  EXPECT_TRUE(etag_matches("\"x\", \"a-1\"", "\"a-1\""));
  EXPECT_TRUE(etag_matches("W/\"a-1\"", "\"a-1\""));
  EXPECT_TRUE(etag_matches("*", "\"a-1\""));
  EXPECT_FALSE(etag_matches("\"a-2\"", "\"a-1\""));
  EXPECT_FALSE(etag_matches("", "\"a-1\""));
  EXPECT_FALSE(etag_matches("\"a-1\"", ""));
}

TEST_F(AssetDir, FindsTheAssetsInTheDirectoryOrItsNpmLayout) {
  EXPECT_EQ(asset_root_in(dir_), dir_);
  EXPECT_EQ(asset_root_in(base_), std::nullopt);
  const fs::path prefix = base_ / "prefix";
  write(prefix / "node_modules" / "swagger-ui-dist" / "swagger-ui-bundle.js", "x");
  EXPECT_EQ(asset_root_in(prefix), prefix / "node_modules" / "swagger-ui-dist");
  EXPECT_EQ(locate_asset_root(prefix.string(), {}), fs::canonical(prefix / "node_modules" / "swagger-ui-dist"));
  EXPECT_EQ(locate_asset_root((base_ / "missing").string(), {}), std::nullopt);
}

TEST(StaticDirCandidates, ConfiguredAloneElseRelativeToTheExecutableThenTheWorkingDirectory) {
  EXPECT_EQ(static_dir_candidates("/srv/ui", "/x/build/bin/invariant"), std::vector<fs::path>{"/srv/ui"});
  auto c = static_dir_candidates("", "/x/build/bin/invariant");
  ASSERT_EQ(c.size(), 3u);
  EXPECT_EQ(c[0], fs::path("/x/build/bin/../../third_party/swagger-ui"));
  EXPECT_EQ(c[1], fs::path("/x/build/bin/../share/invariant/swagger-ui"));
  EXPECT_EQ(c[2], fs::path("third_party/swagger-ui"));
}

TEST_F(AssetDir, ServesRegularFilesInsideTheDirectoryOnly) {
  StaticFiles files(fs::canonical(dir_));
  auto css = files.find("swagger-ui.css");
  ASSERT_EQ(css.status, AssetLookup::Status::Found);
  EXPECT_EQ(css.size, 6u);
  EXPECT_EQ(css.content_type, "text/css; charset=utf-8");
  EXPECT_EQ(css.file, fs::canonical(dir_ / "swagger-ui.css"));
  EXPECT_EQ(css.etag.front(), '"');
  EXPECT_EQ(css.etag, files.find("swagger-ui.css").etag);  // stable while the file does not change
  EXPECT_NE(css.etag, files.find("swagger-ui-bundle.js").etag);

  // Traversal in every spelling, absolute paths, subdirectories, hidden files, a link pointing outside,
  // a directory, a missing file: never found (secret.txt exists one level up).
  for (const char* name : {"../secret.txt", "..%2fsecret.txt", "%2e%2e/secret.txt", "%2e%2e%2fsecret.txt", "..",
                           "/etc/passwd", "sub/inner.css", "sub", ".hidden", "link-out", "missing.js",
                           "..\\secret.txt", "./swagger-ui.css"})
    EXPECT_EQ(files.find(name).status, AssetLookup::Status::NotFound) << name;
}

TEST(StaticFilesNotInstalled, EveryNameIsNotInstalled) {
  StaticFiles none(std::nullopt);
  EXPECT_FALSE(none.installed());
  EXPECT_EQ(none.find("swagger-ui.css").status, AssetLookup::Status::NotInstalled);
  EXPECT_EQ(none.find("../x").status, AssetLookup::Status::NotInstalled);
}
