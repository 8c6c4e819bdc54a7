// content_hash.cpp - a library's content hash (OpenSSL's SHA-256) and the
// per-user catalog's path.
//
// libcrypto is opened (dlopen) at the first hash, not linked: every process
// that loads libdictloader would otherwise pay for mapping and relocating it
// at start-up (2-3 ms of `import cppyy` on PyPy), and most never hash.
#include <dlfcn.h>
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
namespace {

// The libcrypto functions a hash needs, looked up once (thread-safe static init).
struct Crypto {
  decltype(&EVP_MD_CTX_new) contextNew = nullptr;
  decltype(&EVP_MD_CTX_free) contextFree = nullptr;
  decltype(&EVP_sha256) sha256 = nullptr;
  decltype(&EVP_DigestInit_ex) init = nullptr;
  decltype(&EVP_DigestUpdate) update = nullptr;
  decltype(&EVP_DigestFinal_ex) final = nullptr;
  std::string error;
};

template <class F>
void lookUp(void* library, const char* name, F& function, std::string& error) {
  function = reinterpret_cast<F>(dlsym(library, name));
  if (function == nullptr && error.empty()) error = std::string(DICTCATALOG_LIBCRYPTO ": no ") + name;
}

const Crypto& crypto() {
  static const Crypto loaded = [] {
    Crypto c;
    void* library = dlopen(DICTCATALOG_LIBCRYPTO, RTLD_NOW | RTLD_LOCAL);
    if (library == nullptr) {
      const char* why = dlerror();
      c.error = std::string("cannot load OpenSSL's ") + DICTCATALOG_LIBCRYPTO + ": " +
                (why ? why : "unknown error") + " (install libssl3)";
      return c;
    }
    lookUp(library, "EVP_MD_CTX_new", c.contextNew, c.error);
    lookUp(library, "EVP_MD_CTX_free", c.contextFree, c.error);
    lookUp(library, "EVP_sha256", c.sha256, c.error);
    lookUp(library, "EVP_DigestInit_ex", c.init, c.error);
    lookUp(library, "EVP_DigestUpdate", c.update, c.error);
    lookUp(library, "EVP_DigestFinal_ex", c.final, c.error);
    return c;
  }();
  return loaded;
}

}  // namespace

std::string contentHash(const std::string& filePath) {
  const Crypto& c = crypto();
  if (!c.error.empty()) throw CatalogError(filePath, "cannot hash it: " + c.error);
  std::ifstream in(filePath, std::ios::binary);
  if (!in)
    throw CatalogError(filePath, std::string("cannot read the file to hash it: ") + std::strerror(errno));
  std::unique_ptr<EVP_MD_CTX, decltype(&EVP_MD_CTX_free)> context(c.contextNew(), c.contextFree);
  if (!context || c.init(context.get(), c.sha256(), nullptr) != 1)
    throw CatalogError(filePath, "OpenSSL cannot start a SHA-256 digest");
  char buffer[1 << 16];
  while (in) {
    in.read(buffer, sizeof buffer);
    if (in.gcount() > 0 && c.update(context.get(), buffer, static_cast<std::size_t>(in.gcount())) != 1)
      throw CatalogError(filePath, "OpenSSL's SHA-256 digest failed");
  }
  if (in.bad()) throw CatalogError(filePath, "reading the file to hash it failed");
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int length = 0;
  if (c.final(context.get(), digest, &length) != 1)
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
