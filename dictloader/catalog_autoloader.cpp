// catalog_autoloader.cpp - autoloading from the dictionary catalogs.
#include "catalog_autoloader.h"

#include <dlfcn.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <optional>

#include "catalog/catalog.h"
#include "registry.h"
#include "type_names.h"

namespace dictloader {

struct CatalogAutoloader::Source {
  std::string path;
  bool isDefault = false;  // asked only when the file exists; its absence is no error
  bool isStandard = false;  // shipped with the loader: its libraries are beside it
  std::optional<dictcatalog::Catalog> catalog;
  Signature signature;    // of the file when last opened or found changed
  std::string error;      // why it could not be opened or read, "" if it could
  bool reported = false;  // error was printed (once per change of the file)
};

namespace {

// How long a look-up waits for a catalog another process has locked (rare
// in WAL mode) before it skips the catalog with an error: a miss is a
// Python attribute access, not a batch job.
constexpr std::chrono::milliseconds kBusyTimeout{1000};

void report(const std::string& message) {
  std::fprintf(stderr, "dictloader: %s\n", message.c_str());
  setLastError(message);
}

std::string withoutLeadingColons(std::string_view name) {
  while (!name.empty() && name.front() == ' ') name.remove_prefix(1);
  while (!name.empty() && name.back() == ' ') name.remove_suffix(1);
  if (name.substr(0, 2) == "::") name.remove_prefix(2);
  return std::string(name);
}

std::string failureMessage(const std::string& name, const CatalogProvider& provider, const std::string& why) {
  return "cannot autoload '" + name + "': the catalog " + provider.catalog + " says " + provider.library +
         " provides it (" + provider.kind + "), but " + why;
}

// The standard catalog is made in the build tree and installed as it is: the
// path it recorded is where the library was built; the library is beside it.
std::string besideCatalog(const auto& source, const std::string& library) {
  return (std::filesystem::path(source.path).parent_path() / std::filesystem::path(library).filename()).string();
}

}  // namespace

std::string standardCatalogPath() {
  if (const char* path = std::getenv("DICTLOADER_STD_CATALOG")) return path;
  Dl_info info;
  if (dladdr(reinterpret_cast<void*>(&standardCatalogPath), &info) == 0 || info.dli_fname == nullptr) return "";
  std::error_code ec;
  std::filesystem::path library = std::filesystem::canonical(info.dli_fname, ec);
  if (ec) return "";
  return (library.parent_path() / "dictloader" / "std.catalog").string();
}

CatalogAutoloader& CatalogAutoloader::instance() {
  static CatalogAutoloader* autoloader = new CatalogAutoloader();  // never destroyed, as the registry
  return *autoloader;
}

CatalogAutoloader::Signature CatalogAutoloader::signatureOf(const std::string& path) {
  Signature signature;
  struct stat st;
  if (stat(path.c_str(), &st) == 0) {
    signature.size = st.st_size;
    signature.mtime = st.st_mtim.tv_sec * 1000000000LL + st.st_mtim.tv_nsec;
    signature.inode = static_cast<long long>(st.st_ino);
  }
  // A commit in WAL mode writes the -wal file only.
  if (stat((path + "-wal").c_str(), &st) == 0) {
    signature.walSize = st.st_size;
    signature.walMtime = st.st_mtim.tv_sec * 1000000000LL + st.st_mtim.tv_nsec;
  }
  return signature;
}

void CatalogAutoloader::configureLocked() {
  if (configured_) return;
  configured_ = true;
  auto addSource = [this](std::string path, bool isDefault, bool isStandard = false) {
    if (path.empty()) return;
    for (const Source* source : sources_)
      if (source->path == path) return;
    auto* source = new Source();
    source->path = std::move(path);
    source->isDefault = isDefault;
    source->isStandard = isStandard;
    source->signature = signatureOf(source->path);
    sources_.push_back(source);
  };
  if (const char* list = std::getenv("DICTLOADER_CATALOG")) {
    std::string_view rest = list;
    while (!rest.empty()) {
      size_t colon = rest.find(':');
      addSource(std::string(rest.substr(0, colon)), false);
      rest = colon == std::string_view::npos ? std::string_view() : rest.substr(colon + 1);
    }
  }
  try {
    addSource(dictcatalog::defaultCatalogPath(), true);
  } catch (const std::exception&) {
    // no home directory: no default catalog
  }
  // Asked last, so that a user's dictionary of std::vector<int> comes first;
  // missing (a loader built without it) is no error, as for the default.
  addSource(standardCatalogPath(), true, true);
}

void CatalogAutoloader::reportCatalogErrorsLocked() {
  // A catalog that cannot be read is named on stderr: nothing else would say
  // why its names are not found.
  for (Source* source : sources_)
    if (!source->error.empty() && !source->reported) {
      source->reported = true;
      report(source->error);
    }
}

void CatalogAutoloader::forgetFailuresLocked() {
  unknown_.clear();
  failures_.clear();
  libraryFailures_.clear();
}

namespace {

std::string normalFolder(const std::string& folder) {
  std::error_code ec;
  std::filesystem::path absolute = std::filesystem::absolute(folder, ec);
  if (ec) return "";
  std::string normal = absolute.lexically_normal().string();
  if (normal.size() > 1 && normal.back() == '/') normal.pop_back();
  return normal;
}

// The places whose rootmaps are read, in order: the added ones (a rootmap
// file or a folder), LD_LIBRARY_PATH's folders, then the working directory
// (ROOT's dynamic path ends with ".").
std::vector<std::string> rootmapPlaces(const std::vector<std::string>& added) {
  std::vector<std::string> places;
  auto add = [&](const std::string& place) {
    if (place.empty()) return;
    std::string normal = normalFolder(place);
    if (normal.empty() || std::find(places.begin(), places.end(), normal) != places.end()) return;
    places.push_back(std::move(normal));
  };
  for (const std::string& place : added) add(place);
  if (const char* list = std::getenv("LD_LIBRARY_PATH")) {
    std::string_view rest = list;
    while (!rest.empty()) {
      size_t colon = rest.find(':');
      add(std::string(rest.substr(0, colon)));
      rest = colon == std::string_view::npos ? std::string_view() : rest.substr(colon + 1);
    }
  }
  char cwd[4096];
  if (getcwd(cwd, sizeof cwd) != nullptr) add(cwd);
  return places;
}

std::atomic<bool> debugging{false};

void debugReport(const std::string& message) {
  if (debugging.load(std::memory_order_relaxed)) std::fprintf(stderr, "dictloader: %s\n", message.c_str());
}

long long modificationTime(const std::string& path) {
  struct stat st;
  if (stat(path.c_str(), &st) != 0) return -1;
  return st.st_mtim.tv_sec * 1000000000LL + st.st_mtim.tv_nsec;
}

}  // namespace

bool CatalogAutoloader::rootmapsChangedLocked() {
  std::vector<std::pair<std::string, long long>> now;
  for (std::string& place : rootmapPlaces(addedRootmaps_)) {
    long long mtime = modificationTime(place);
    now.emplace_back(std::move(place), mtime);
  }
  if (now == rootmapPlaces_) return false;
  rootmapPlaces_ = std::move(now);
  rootmapNames_.clear();
  for (const auto& [place, mtime] : rootmapPlaces_) {
    if (mtime < 0) continue;
    std::error_code ec;
    std::vector<std::filesystem::path> rootmaps;
    if (!std::filesystem::is_directory(place, ec)) {
      rootmaps.push_back(place);  // an added rootmap file
    } else {
      for (const auto& entry : std::filesystem::directory_iterator(place, ec))
        if (entry.path().extension() == ".rootmap" && entry.is_regular_file(ec)) rootmaps.push_back(entry.path());
      std::sort(rootmaps.begin(), rootmaps.end());
    }
    for (const std::filesystem::path& rootmap : rootmaps) {
      std::vector<dictcatalog::RootmapSection> sections;
      try {
        sections = dictcatalog::readRootmap(rootmap.string());
      } catch (const std::exception& e) {
        if (reportedRootmaps_.insert(rootmap.string()).second) report(e.what());
        continue;
      }
      for (const dictcatalog::RootmapSection& section : sections) {
        std::filesystem::path written(section.library);
        std::filesystem::path beside = rootmap.parent_path() / written;
        std::string library = written.is_absolute() ? written.lexically_normal().string()
                              : std::filesystem::exists(beside, ec) ? beside.lexically_normal().string()
                                                                    : section.library;
        for (const dictcatalog::Name& name : section.names)
          rootmapNames_[name.name].push_back({name.name, name.kind, library, rootmap.string(), ""});
      }
    }
  }
  return true;
}

bool CatalogAutoloader::addRootmaps(const std::string& path, std::string& error) {
  std::error_code ec;
  if (path.empty() || !std::filesystem::exists(path, ec)) {
    error = "dictloader_add_rootmaps: " +
            (path.empty() ? std::string("no path given") : path + ": no such file or folder");
    return false;
  }
  if (!std::filesystem::is_directory(path, ec)) {
    try {  // a file is read now, so that a bad one is refused here
      dictcatalog::readRootmap(path);
    } catch (const std::exception& e) {
      error = std::string("dictloader_add_rootmaps: ") + e.what();
      return false;
    }
  }
  std::string place = normalFolder(path);
  std::lock_guard guard(mutex_);
  std::erase(addedRootmaps_, place);
  addedRootmaps_.insert(addedRootmaps_.begin(), place);
  rootmapPlaces_.clear();  // read them all again, in the new order, at the next miss
  forgetFailuresLocked();
  debugReport("rootmaps added: " + place);
  return true;
}

bool CatalogAutoloader::setDebug(bool on) { return debugging.exchange(on); }

void CatalogAutoloader::rootmapProvidersLocked(const std::string& name, bool instancesOfTemplate,
                                               std::vector<CatalogProvider>& providers) {
  if (!instancesOfTemplate) {
    auto found = rootmapNames_.find(name);
    if (found != rootmapNames_.end()) providers.insert(providers.end(), found->second.begin(), found->second.end());
    return;
  }
  std::string prefix = name + "<";
  for (auto it = rootmapNames_.lower_bound(prefix); it != rootmapNames_.end() && it->first.rfind(prefix, 0) == 0;
       ++it)
    providers.insert(providers.end(), it->second.begin(), it->second.end());
}

bool CatalogAutoloader::catalogsChangedLocked() {
  bool changed = rootmapsChangedLocked();
  for (Source* source : sources_) {
    Signature now = signatureOf(source->path);
    if (now == source->signature) continue;
    source->signature = now;
    source->catalog.reset();  // the file may have been replaced: open it again
    source->error.clear();
    source->reported = false;
    changed = true;
  }
  if (changed) forgetFailuresLocked();
  return changed;
}

bool CatalogAutoloader::openLocked(Source& source, std::string& error) {
  if (source.catalog) return true;
  if (!source.error.empty()) {  // failed before, and the file has not changed since
    error = source.error;
    return false;
  }
  if (source.isDefault && source.signature.size < 0) return false;  // no default catalog: nothing to ask
  try {
    source.catalog.emplace(dictcatalog::Catalog::openForReading(source.path, kBusyTimeout));
    // Opening may create the -wal file: that is not a change of the catalog.
    source.signature = signatureOf(source.path);
    return true;
  } catch (const std::exception& e) {
    source.error = e.what();
    error = source.error;
    return false;
  }
}

bool CatalogAutoloader::queryLocked(const std::string& name, bool instancesOfTemplate,
                                    std::vector<CatalogProvider>& providers, std::string& error) {
  std::vector<std::string> spellings{name};
  if (std::string canonical = canonicalTypeName(name); canonical != name) spellings.push_back(canonical);
  bool allRead = true;
  bool rootmapsAsked = false;
  auto askRootmaps = [&] {
    rootmapsAsked = true;
    for (const std::string& spelling : spellings) rootmapProvidersLocked(spelling, instancesOfTemplate, providers);
  };
  for (Source* source : sources_) {
    if (source->isStandard && !rootmapsAsked) askRootmaps();
    std::string openError;
    if (!openLocked(*source, openError)) {
      if (!openError.empty()) {
        allRead = false;
        error = openError;
      }
      continue;
    }
    try {
      for (const std::string& spelling : spellings)
        for (dictcatalog::Provider& p : instancesOfTemplate ? source->catalog->instanceProviders(spelling)
                                                            : source->catalog->providers(spelling))
          providers.push_back({std::move(p.name.name), std::move(p.name.kind),
                               source->isStandard ? besideCatalog(*source, p.library.path)
                                                  : std::move(p.library.path),
                               source->path, std::move(p.library.contentHash)});
    } catch (const std::exception& e) {
      source->catalog.reset();
      source->error = e.what();
      allRead = false;
      error = source->error;
    }
  }
  if (!rootmapsAsked) askRootmaps();
  return allRead;
}

std::string CatalogAutoloader::loadProvider(const CatalogProvider& provider) {
  const std::string& library = provider.library;
  // A bare name (from a rootmap) is for the dynamic linker's search.
  if (library.find('/') != std::string::npos) {
    struct stat st;
    if (stat(library.c_str(), &st) != 0)
      return "that file does not exist (build it again, or run genreflex --catalog for it again)";
    if (!provider.contentHash.empty()) {
      std::string now;
      try {
        now = dictcatalog::contentHash(library);
      } catch (const std::exception& e) {
        return std::string("it cannot be read: ") + e.what();
      }
      if (now != provider.contentHash)
        return "that file has changed since it was catalogued (its content is " + now + ", the catalog has " +
               provider.contentHash + "): run genreflex --catalog=" + provider.catalog +
               " for it again, or load it explicitly";
    }
  }
  std::string error;
  if (!Registry::instance().load(library, error)) return "it cannot be loaded: " + error;
  return "";
}

bool CatalogAutoloader::autoload(std::string_view name) { return autoloadMatching(name, false); }

bool CatalogAutoloader::autoloadTemplate(std::string_view templateName) {
  return autoloadMatching(templateName, true);
}

// name: what the caches know it by ("ns::Box<*" for the instances of ns::Box).
bool CatalogAutoloader::autoloadMatching(std::string_view rawName, bool instancesOfTemplate) {
  std::string spelled = withoutLeadingColons(rawName);
  if (spelled.empty()) return false;
  std::string name = instancesOfTemplate ? spelled + "<*" : spelled;
  std::vector<CatalogProvider> toLoad;
  {
    std::lock_guard guard(mutex_);
    configureLocked();
    // Whether a catalog file changed costs two stat calls per catalog (several
    // microseconds): for a name asked before, checked at most once per
    // kRecheckInterval, since clients ask again and again for names that no
    // catalog has (PyPy for each attribute it does not find, the loader for
    // undescribed base classes).
    bool known = unknown_.count(name) != 0;
    auto now = std::chrono::steady_clock::now();
    if (!known || now - lastChecked_ >= kRecheckInterval) {
      lastChecked_ = now;
      catalogsChangedLocked();
      known = unknown_.count(name) != 0;
    }
    if (known) {
      if (auto failed = failures_.find(name); failed != failures_.end()) setLastError(failed->second);
      return false;
    }
    std::vector<CatalogProvider> providers;
    std::string error;
    if (!queryLocked(spelled, instancesOfTemplate, providers, error)) reportCatalogErrorsLocked();
    std::string failure;
    for (CatalogProvider& p : providers) {
      if (loadedLibraries_.count(p.library)) continue;  // loaded, yet the name was not found: not this kind
      if (auto failed = libraryFailures_.find(p.library); failed != libraryFailures_.end()) {
        if (failure.empty()) failure = failureMessage(spelled, p, failed->second);
        continue;
      }
      bool listed = false;
      for (const CatalogProvider& q : toLoad) listed = listed || q.library == p.library;
      if (!listed) toLoad.push_back(std::move(p));
    }
    if (toLoad.empty()) {
      if (providers.empty()) debugReport("no catalog or rootmap provides '" + spelled + "'");
      unknown_.insert(name);
      if (!failure.empty()) {
        failures_[name] = failure;
        setLastError(failure);
      }
      return false;
    }
  }
  // Loading runs without the lock: the library's initializers may look names up.
  bool loaded = false;
  std::vector<std::pair<std::string, std::string>> failed;  // library, why
  std::string failure;
  std::vector<CatalogProvider> tried;
  for (const CatalogProvider& provider : toLoad) {
    // One library makes a namespace or class known (the first definition
    // wins); overloads of a function may be spread over several.
    if (loaded && provider.kind != "function") continue;
    tried.push_back(provider);
    debugReport("loading " + provider.library + " for '" + spelled + "' (" + provider.kind + ", from " +
                provider.catalog + ")");
    std::string why = loadProvider(provider);
    if (why.empty()) {
      loaded = true;
      continue;
    }
    debugReport("not loaded: " + why);
    if (failure.empty()) failure = failureMessage(spelled, provider, why);
    failed.emplace_back(provider.library, why);
  }
  std::lock_guard guard(mutex_);
  for (const CatalogProvider& provider : tried) loadedLibraries_.insert(provider.library);
  for (const auto& [library, why] : failed) {
    loadedLibraries_.erase(library);
    libraryFailures_[library] = why;
  }
  if (loaded) {
    failures_.erase(name);
  } else {
    unknown_.insert(name);
    failures_[name] = failure;
  }
  // Not printed: clients show it with the name (dictloader_autoload_error).
  if (!failure.empty()) setLastError(failure);
  return loaded;
}

bool CatalogAutoloader::addCatalog(const std::string& path, std::string& error) {
  std::lock_guard guard(mutex_);
  for (Source* source : sources_)
    if (source->path == path) {
      // Asked already (from DICTLOADER_CATALOG, or as the default, which now
      // must exist): it must be readable.
      source->isDefault = false;
      catalogsChangedLocked();
      if (!openLocked(*source, error)) return false;
      forgetFailuresLocked();  // a skipped default may hold names unknown so far
      return true;
    }
  auto* source = new Source();
  source->path = path;
  source->signature = signatureOf(path);
  try {
    source->catalog.emplace(dictcatalog::Catalog::openForReading(path, kBusyTimeout));
    source->signature = signatureOf(path);
  } catch (const std::exception& e) {
    error = e.what();
    delete source;
    return false;
  }
  sources_.insert(sources_.begin() + static_cast<std::ptrdiff_t>(numAdded_++), source);
  forgetFailuresLocked();  // names unknown so far may be in it
  return true;
}

bool CatalogAutoloader::which(std::string_view rawName, std::vector<CatalogProvider>& providers,
                              std::string& error) {
  std::string name = withoutLeadingColons(rawName);
  std::lock_guard guard(mutex_);
  configureLocked();
  catalogsChangedLocked();
  return queryLocked(name, false, providers, error);
}

std::optional<std::string> CatalogAutoloader::failure(std::string_view rawName) {
  std::string name = withoutLeadingColons(rawName);
  std::lock_guard guard(mutex_);
  auto it = failures_.find(name);
  if (it == failures_.end()) return std::nullopt;
  return it->second;
}

}  // namespace dictloader
