// native_catalog_api.cpp - dictloader_* functions of the catalogs: adding
// one, which library provides a name, listing a catalog, autoload errors.
#include <sys/stat.h>

#include <string>
#include <vector>

#include "catalog/catalog.h"
#include "catalog_autoloader.h"
#include "dictloader/dictloader.h"
#include "registry.h"

using namespace dictloader;

namespace {

thread_local std::string tlsAutoloadError;

// What a library's file is now, against what the catalog recorded.
const char* fileState(const dictcatalog::Library& library, bool verify) {
  if (library.path.find('/') == std::string::npos) return "present";  // found by the linker's search
  struct stat st;
  if (stat(library.path.c_str(), &st) != 0) return "missing";
  if (!verify || library.contentHash.empty()) return "present";
  try {
    return dictcatalog::contentHash(library.path) == library.contentHash ? "ok" : "changed";
  } catch (const std::exception&) {
    return "missing";  // there, but unreadable
  }
}

}  // namespace

extern "C" {

int dictloader_add_catalog(const char* path) {
  if (path == nullptr || *path == '\0') {
    setLastError("dictloader_add_catalog: no path given");
    return 0;
  }
  try {
    std::string error;
    if (!CatalogAutoloader::instance().addCatalog(path, error)) {
      setLastError(error);
      return 0;
    }
    return 1;
  } catch (const std::exception& e) {
    setLastError(std::string("dictloader_add_catalog: ") + e.what());
    return 0;
  }
}

int dictloader_add_rootmaps(const char* path) {
  try {
    std::string error;
    if (!CatalogAutoloader::instance().addRootmaps(path ? path : "", error)) {
      setLastError(error);
      return 0;
    }
    return 1;
  } catch (const std::exception& e) {
    setLastError(std::string("dictloader_add_rootmaps: ") + e.what());
    return 0;
  }
}

int dictloader_set_debug(int enabled) { return CatalogAutoloader::setDebug(enabled != 0); }

const char* dictloader_default_catalog(void) {
  static const std::string* path = [] {
    try {
      return new std::string(dictcatalog::defaultCatalogPath());
    } catch (const std::exception&) {
      return new std::string();
    }
  }();
  return path->c_str();
}

int dictloader_which(const char* name, dictloader_provider_visitor visit, void* context) {
  if (name == nullptr || *name == '\0') {
    setLastError("dictloader_which: no name given");
    return -1;
  }
  try {
    std::vector<CatalogProvider> providers;
    std::string error;
    if (!CatalogAutoloader::instance().which(name, providers, error)) {
      setLastError(error);
      return -1;
    }
    int visited = 0;
    for (const CatalogProvider& p : providers) {
      ++visited;
      dictloader_provider provider{p.name.c_str(), p.kind.c_str(), p.library.c_str(), p.catalog.c_str()};
      if (visit != nullptr && visit(context, &provider) != 0) break;
    }
    return visited;
  } catch (const std::exception& e) {
    setLastError(std::string("dictloader_which: ") + e.what());
    return -1;
  }
}

int dictloader_list_catalog(const char* path, int flags, dictloader_catalog_visitor visit, void* context) {
  if (path == nullptr || *path == '\0') {
    setLastError("dictloader_list_catalog: no path given");
    return -1;
  }
  try {
    dictcatalog::Catalog catalog = dictcatalog::Catalog::openForReading(path);
    int visited = 0;
    for (const dictcatalog::Library& library : catalog.libraries()) {
      std::vector<dictcatalog::Name> names = catalog.names(library.path);
      std::vector<const char*> nameTexts, kindTexts;
      for (const dictcatalog::Name& n : names) {
        nameTexts.push_back(n.name.c_str());
        kindTexts.push_back(n.kind.c_str());
      }
      dictloader_catalog_library entry{library.path.c_str(),
                                       library.name.c_str(),
                                       library.generator.c_str(),
                                       library.abiMajor,
                                       library.abiMinor,
                                       library.contentHash.c_str(),
                                       library.generated.c_str(),
                                       library.origin.c_str(),
                                       fileState(library, (flags & DICTLOADER_VERIFY_FILES) != 0),
                                       names.size(),
                                       nameTexts.data(),
                                       kindTexts.data()};
      ++visited;
      if (visit != nullptr && visit(context, &entry) != 0) break;
    }
    return visited;
  } catch (const std::exception& e) {
    setLastError(e.what());  // CatalogError names the file
    return -1;
  }
}

const char* dictloader_autoload_error(const char* name) {
  if (name == nullptr) return nullptr;
  try {
    std::optional<std::string> failure = CatalogAutoloader::instance().failure(name);
    if (!failure) return nullptr;
    tlsAutoloadError = std::move(*failure);
    return tlsAutoloadError.c_str();
  } catch (const std::exception&) {
    return nullptr;
  }
}

}  // extern "C"
