// content_hash.cpp - a library's content hash (OpenSSL's SHA-256) and the
// per-user catalog's path.
#include <openssl/evp.h>
#include <pwd.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <memory>

#include "catalog/catalog.h"

namespace dictcatalog {

std::string contentHash(const std::string& filePath) {
  std::ifstream in(filePath, std::ios::binary);
  if (!in)
    throw CatalogError(filePath, std::string("cannot read the file to hash it: ") + std::strerror(errno));
  std::unique_ptr<EVP_MD_CTX, decltype(&EVP_MD_CTX_free)> context(EVP_MD_CTX_new(), EVP_MD_CTX_free);
  if (!context || EVP_DigestInit_ex(context.get(), EVP_sha256(), nullptr) != 1)
    throw CatalogError(filePath, "OpenSSL cannot start a SHA-256 digest");
  char buffer[1 << 16];
  while (in) {
    in.read(buffer, sizeof buffer);
    if (in.gcount() > 0 &&
        EVP_DigestUpdate(context.get(), buffer, static_cast<std::size_t>(in.gcount())) != 1)
      throw CatalogError(filePath, "OpenSSL's SHA-256 digest failed");
  }
  if (in.bad()) throw CatalogError(filePath, "reading the file to hash it failed");
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int length = 0;
  if (EVP_DigestFinal_ex(context.get(), digest, &length) != 1)
    throw CatalogError(filePath, "OpenSSL's SHA-256 digest failed");
  static const char hex[] = "0123456789abcdef";
  std::string out = "sha256:";
  for (unsigned int i = 0; i < length; ++i) {
    out += hex[digest[i] >> 4];
    out += hex[digest[i] & 0xf];
  }
  return out;
}

std::string defaultCatalogPath() {
  // The XDG base directory rule: a relative XDG_DATA_HOME is ignored.
  const char* dataHome = std::getenv("XDG_DATA_HOME");
  if (dataHome && dataHome[0] == '/') return std::string(dataHome) + "/dictloader/catalog.sqlite";
  const char* home = std::getenv("HOME");
  if (!home || !*home) {
    const passwd* entry = getpwuid(getuid());
    home = entry ? entry->pw_dir : nullptr;
  }
  if (!home || !*home)
    throw CatalogError("(default)",
                       "neither XDG_DATA_HOME nor HOME is set, and the user has no home directory: "
                       "name a catalog file explicitly");
  return std::string(home) + "/.local/share/dictloader/catalog.sqlite";
}

}  // namespace dictcatalog
