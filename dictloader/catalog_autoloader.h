// catalog_autoloader.h - the registry's autoloader: which library provides a
// name no loaded dictionary has, from the SQLite catalogs (catalog/), and
// loading it.
//
// The catalogs, in the order asked: those added through the native API
// (dictloader_add_catalog), the files of DICTLOADER_CATALOG (colon-separated),
// the default catalog (dictcatalog::defaultCatalogPath()) if that file
// exists, and last the standard catalog shipped with the loader (the
// standard dictionary: std containers of the builtins and std::string,
// streams; standardCatalogPath()), whose libraries lie beside it wherever the
// catalog was built. Nothing is opened before the first miss; each miss is one indexed
// query per catalog (two for a name with another canonical spelling). A name
// no catalog has, or whose provider is loaded already, is remembered and not
// asked again until a catalog file changes (its size, modification time or
// inode, or those of its -wal file; for a remembered name this is checked at
// most every kRecheckInterval) or a catalog is added.
//
// Then ROOT's rootmaps: those added through the native API
// (dictloader_add_rootmaps: a rootmap file, or a folder of them; the last
// added first), then the *.rootmap files in the folders of LD_LIBRARY_PATH
// and in the working directory (as ROOT reads its dynamic path), after the
// catalogs and before the standard catalog; a library a rootmap names by a
// relative name is the file beside the rootmap if there is one.
//
// Errors are kept, never thrown: a catalog that cannot be read is skipped
// (its error names the file, and a miss prints it on stderr once per change
// of the file); a row naming a missing library, or one whose content hash
// differs from the catalog's, loads nothing, and the error names the C++ name
// and the library (failure(), which clients put in their exception). Each
// error is also the calling thread's last error.
//
// Thread safety: one mutex guards the catalogs and caches, and is never held
// while a library is loaded (its static initializers may look names up).
#pragma once

#include <chrono>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

namespace dictloader {

// A library a catalog names as providing a name.
// The standard catalog: DICTLOADER_STD_CATALOG if set (empty: none), else
// dictloader/std.catalog in the folder libdictloader.so was loaded from (the
// same layout in the build tree and the install prefix).
std::string standardCatalogPath();

struct CatalogProvider {
  std::string name, kind, library, catalog;
  std::string contentHash;  // "" when the catalog recorded none
};

class CatalogAutoloader {
 public:
  static CatalogAutoloader& instance();

  // The registry's hook (Registry::setAutoloader): loads the libraries the
  // catalogs name as providing `name`; true if one was loaded.
  bool autoload(std::string_view name);
  // The same for a class template's own name ("ns::Box"): loads a library
  // the catalogs name as providing one of its instantiations.
  bool autoloadTemplate(std::string_view templateName);

  // Opens and checks the catalog now; false with error naming the file.
  bool addCatalog(const std::string& path, std::string& error);
  // Reads the rootmap file at path now, or takes the folder path's rootmaps
  // (read at the next miss, and again when the folder changes), before those
  // of LD_LIBRARY_PATH; false with error naming the path.
  bool addRootmaps(const std::string& path, std::string& error);

  // With debug on, says on stderr which library is loaded for which name, and
  // why; returns the previous setting.
  static bool setDebug(bool on);

  // Every provider of name in the catalogs, in the order asked. False with
  // error if a catalog could not be read (the providers of the others are
  // still given).
  bool which(std::string_view name, std::vector<CatalogProvider>& providers, std::string& error);

  // Why the last autoload of name failed, if it did.
  std::optional<std::string> failure(std::string_view name);

 private:
  struct Source;
  struct Signature {
    long long size = -1, mtime = 0, inode = 0, walSize = -1, walMtime = 0;
    bool operator==(const Signature&) const = default;
  };
  CatalogAutoloader() = default;
  static constexpr std::chrono::milliseconds kRecheckInterval{200};
  static Signature signatureOf(const std::string& path);
  // These need mutex_ held.
  void configureLocked();
  bool catalogsChangedLocked();
  bool openLocked(Source& source, std::string& error);
  bool autoloadMatching(std::string_view name, bool instancesOfTemplate);
  bool queryLocked(const std::string& name, bool instancesOfTemplate, std::vector<CatalogProvider>& providers,
                   std::string& error);
  void forgetFailuresLocked();
  void reportCatalogErrorsLocked();
  // Loads one library for name (without the lock); "" on success, else why not.
  std::string loadProvider(const CatalogProvider& provider);
  // ROOT's rootmaps: the added ones, then the *.rootmap files of the folders
  // on LD_LIBRARY_PATH and of the working directory, asked after the catalogs
  // and before the standard one. Read at the first miss, and read again when
  // a folder's or added file's modification time changes (true then).
  bool rootmapsChangedLocked();
  void rootmapProvidersLocked(const std::string& name, bool instancesOfTemplate,
                              std::vector<CatalogProvider>& providers);

  std::mutex mutex_;
  bool configured_ = false;
  std::vector<Source*> sources_;                           // in the order asked; never freed (see instance())
  size_t numAdded_ = 0;                                    // the first numAdded_ sources came from addCatalog
  std::unordered_set<std::string> unknown_;                // names not to ask again
  std::unordered_map<std::string, std::string> failures_;  // name -> why its autoload failed
  std::unordered_map<std::string, std::string> libraryFailures_;  // library -> why it was not loaded
  std::unordered_set<std::string> loadedLibraries_;               // loaded by us: not again
  std::chrono::steady_clock::time_point lastChecked_;  // when the catalog files were last checked for changes
  std::vector<std::string> addedRootmaps_;             // addRootmaps' files and folders, newest first
  std::vector<std::pair<std::string, long long>> rootmapPlaces_;  // folder or file -> its mtime when read, in order
  std::map<std::string, std::vector<CatalogProvider>> rootmapNames_;  // sorted: a template's instances are a range
  std::unordered_set<std::string> reportedRootmaps_;   // unreadable rootmaps, said once
};

}  // namespace dictloader
