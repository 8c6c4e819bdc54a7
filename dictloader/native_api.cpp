// native_api.cpp - dictloader_* functions: loading, errors, versions.
#include "dictloader/dictloader.h"
#include "registry.h"

using namespace dictloader;

extern "C" {

int dictloader_load(const char* path) {
  if (path == nullptr || *path == '\0') {
    setLastError("dictloader_load: no path given");
    return 0;
  }
  try {
    std::string error;
    if (!Registry::instance().load(path, error)) {
      setLastError(error);
      return 0;
    }
    setLastError("");
    return 1;
  } catch (const std::exception& e) {
    setLastError(std::string("dictloader_load: ") + e.what());
    return 0;
  }
}

int dictloader_register(const void* dictionary, const char* origin) {
  try {
    std::string error;
    if (!Registry::instance().add(static_cast<const DlDictionary*>(dictionary),
                                  origin ? origin : "<registered>", error)) {
      setLastError(error);
      return 0;
    }
    return 1;
  } catch (const std::exception& e) {
    setLastError(std::string("dictloader_register: ") + e.what());
    return 0;
  }
}

const char* dictloader_last_error(void) { return lastError().c_str(); }

const char* dictloader_version(void) { return DICTLOADER_VERSION; }

int dictloader_api_version(void) { return DICTLOADER_API_VERSION; }

int dictloader_dictionary_abi(void) { return DLDICT_ABI_MAJOR * 1000 + DLDICT_ABI_MINOR; }

size_t dictloader_num_dictionaries(void) {
  Registry::instance().scanLoadedObjects();
  return Registry::instance().numDictionaries();
}

const char* dictloader_dictionary_name(size_t i) {
  const Dictionary* d = Registry::instance().dictionary(i);
  return d ? d->name() : nullptr;
}

const char* dictloader_dictionary_origin(size_t i) {
  const Dictionary* d = Registry::instance().dictionary(i);
  return d ? d->origin.c_str() : nullptr;
}

const void* dictloader_dictionary_table(size_t i) {
  const Dictionary* d = Registry::instance().dictionary(i);
  return d ? d->abi : nullptr;
}

}  // extern "C"
