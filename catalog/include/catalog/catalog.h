// catalog.h - the dictionary catalog: which library provides a C++ name.
//
// An SQLite file (schema/catalog-v2.sql) that genreflex --catalog writes, the
// loader's autoloading and dictinfo read. Look-ups are single indexed queries,
// and opening reads only the file's header and schema, so start-up does not
// grow with the catalog. Writers use WAL, a busy timeout and BEGIN IMMEDIATE:
// several processes may write one catalog at once, and a writer killed mid
// transaction leaves the catalog as it was. No clang and no SQLite type
// appears here.
#pragma once

#include <chrono>
#include <memory>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace dictcatalog {

// The schema version this build creates and reads (PRAGMA user_version).
inline constexpr int kSchemaVersion = 2;

struct Library {
  std::string path;       // absolute, or a bare name (libX.so) for the dynamic loader to find
  std::string name;       // dictionary name: the header's stem
  std::string generator;  // "genreflex 0.1.0", "rootmap /abs/X.rootmap"
  int abiMajor = 0;       // DLDICT_ABI_MAJOR/MINOR at generation; 0, 0 when unknown
  int abiMinor = 0;
  std::string contentHash;           // "sha256:<hex>" of the library's bytes, "" when unknown
  std::string generated;             // "2026-11-29T10:07:37Z"; "" in replaceLibrary() means now
  std::string origin = "genreflex";  // "genreflex" or "rootmap"
};

struct Name {
  std::string name;  // fully qualified, cppyy's spelling: "ns::MyClass", "std::vector<int>"
  std::string kind;  // namespace class enum typedef function variable template_instance
};

struct Provider {
  Name name;
  Library library;
};

bool operator==(const Name& a, const Name& b);

// Every failure to open, read or write a catalog. what() always names the
// file, and says what to do where there is something to do.
class CatalogError : public std::runtime_error {
 public:
  CatalogError(std::string file, const std::string& message);
  const std::string& file() const { return file_; }

 private:
  std::string file_;
};

inline constexpr std::chrono::milliseconds kDefaultBusyTimeout{10000};

// One open catalog. Movable, not copyable. Its queries may be called from
// several threads at once (they are serialised on the one connection).
class Catalog {
 public:
  // Read-only. A missing, corrupt, locked (longer than busyTimeout), empty,
  // older or newer-than-this-build catalog is a CatalogError naming the file;
  // nothing is created or changed.
  static Catalog openForReading(const std::string& path,
                                std::chrono::milliseconds busyTimeout = kDefaultBusyTimeout);
  // Creates the file if missing (not its directory), switches it to WAL and
  // brings an older schema up to kSchemaVersion, each step in one transaction.
  static Catalog openForWriting(const std::string& path,
                                std::chrono::milliseconds busyTimeout = kDefaultBusyTimeout);

  Catalog(Catalog&&) noexcept;
  Catalog& operator=(Catalog&&) noexcept;
  ~Catalog();

  const std::string& path() const;
  // Database pages read from the file so far (SQLite's cache misses): shows
  // that opening and looking up touch a few pages, whatever the catalog's size.
  long pagesRead() const;

  // Every library providing exactly this name (any kind), by library path.
  std::vector<Provider> providers(std::string_view name) const;
  // Every instantiation of the class template templateName ("ns::Box" for
  // "ns::Box<int>"...) and its library, by library path.
  std::vector<Provider> instanceProviders(std::string_view templateName) const;
  // Every library, by path.
  std::vector<Library> libraries() const;
  // What the library at this path provides, by name then kind; empty if the
  // catalog does not hold the library.
  std::vector<Name> names(const std::string& libraryPath) const;

  // In one transaction: removes the rows of library.path and inserts these.
  // Repeated names are stored once. A catalog opened for reading throws.
  void replaceLibrary(const Library& library, const std::vector<Name>& names);
  // Removes a library and its names; false if the catalog did not hold it.
  bool removeLibrary(const std::string& libraryPath);
  // Reads a rootmap (ROOT 6's "[ libX.so ]" sections, ROOT 5's
  // "Library.X: libX.so" lines) and replaces each library it names with its
  // entries, origin "rootmap", all in one transaction. A relative library
  // name is taken as the file beside the rootmap if one exists there, else
  // kept bare for the dynamic loader's search. Returns the libraries written.
  std::vector<Library> importRootmap(const std::string& rootmapPath);

 private:
  struct Impl;
  explicit Catalog(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

// One library's section of a rootmap, as read (library name as written).
struct RootmapSection {
  std::string library;
  std::vector<std::string> dependencies;  // further libraries on its line, loaded first by ROOT
  std::vector<Name> names;
  std::vector<std::string> headers;  // "header X.h" lines
};
// Parses a rootmap file; a line it cannot read is a CatalogError naming the
// rootmap and the line number.
std::vector<RootmapSection> readRootmap(const std::string& rootmapPath);

// "sha256:<64 hex digits>" of the file's bytes (OpenSSL's EVP); a file that
// cannot be read is a CatalogError naming it.
std::string contentHash(const std::string& filePath);

// The per-user catalog: $XDG_DATA_HOME/dictloader/catalog.sqlite when
// XDG_DATA_HOME is set to an absolute path, else
// $HOME/.local/share/dictloader/catalog.sqlite (the home directory from the
// password database when HOME is unset). Neither the file nor its directory
// is created here.
std::string defaultCatalogPath();

}  // namespace dictcatalog
