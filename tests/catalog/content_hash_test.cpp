// content_hash_test.cpp - the content hash against SHA-256's published test
// vectors, and where the per-user catalog lives.
#include <stdlib.h>

#include <optional>

#include "catalog_test_support.h"

namespace {

using dictcatalog::CatalogError;

class ContentHashTest : public catalog_test::ScratchDirectory {};

TEST_F(ContentHashTest, IsTheSha256OfTheBytes) {
  catalog_test::writeText(file("abc"), "abc");
  EXPECT_EQ(dictcatalog::contentHash(file("abc")),
            "sha256:ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  catalog_test::writeText(file("empty"), "");
  EXPECT_EQ(dictcatalog::contentHash(file("empty")),
            "sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  // Longer than one read buffer, with every byte value.
  std::string big;
  for (int i = 0; i < 300000; ++i) big += static_cast<char>(i * 7);
  catalog_test::writeText(file("big"), big);
  std::string hash = dictcatalog::contentHash(file("big"));
  EXPECT_EQ(hash.size(), 7u + 64u);
  big[123456] ^= 1;
  catalog_test::writeText(file("big"), big);
  EXPECT_NE(dictcatalog::contentHash(file("big")), hash);
}

TEST_F(ContentHashTest, AnUnreadableFileIsAnErrorNamingIt) {
  try {
    dictcatalog::contentHash(file("absent.so"));
    FAIL() << "hashed a missing file";
  } catch (const CatalogError& e) {
    EXPECT_EQ(e.file(), file("absent.so"));
    EXPECT_NE(std::string(e.what()).find("No such file"), std::string::npos) << e.what();
  }
}

// Sets an environment variable for one scope.
class ScopedEnv {
 public:
  ScopedEnv(const char* name, const char* value) : name_(name) {
    if (const char* old = getenv(name)) old_ = old;
    value ? setenv(name, value, 1) : unsetenv(name);
  }
  ~ScopedEnv() { old_ ? setenv(name_, old_->c_str(), 1) : unsetenv(name_); }

 private:
  const char* name_;
  std::optional<std::string> old_;
};

TEST(DefaultCatalogPath, FollowsXdgDataHomeElseHome) {
  {
    ScopedEnv xdg("XDG_DATA_HOME", "/data/me");
    EXPECT_EQ(dictcatalog::defaultCatalogPath(), "/data/me/dictloader/catalog.sqlite");
  }
  ScopedEnv home("HOME", "/home/me");
  {
    ScopedEnv xdg("XDG_DATA_HOME", nullptr);
    EXPECT_EQ(dictcatalog::defaultCatalogPath(), "/home/me/.local/share/dictloader/catalog.sqlite");
  }
  {
    ScopedEnv xdg("XDG_DATA_HOME", "relative/ignored");  // the XDG rule: only absolute paths count
    EXPECT_EQ(dictcatalog::defaultCatalogPath(), "/home/me/.local/share/dictloader/catalog.sqlite");
  }
}

}  // namespace
