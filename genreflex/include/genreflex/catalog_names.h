// catalog_names.h - what a dictionary provides, as catalog rows, and the
// --catalog and --import-rootmap steps of a genreflex run.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "catalog/catalog.h"
#include "genreflex/model.h"

namespace genreflex {

// Every name the model provides: namespaces, classes (template_instance for
// class template instantiations), and at any scope enums and typedefs; at
// namespace scope functions (a function template by its template's name,
// once) and variables. Each name once per kind, in model order.
std::vector<dictcatalog::Name> catalogNames(const Model& model);

struct Options;

// --catalog=DB: opened before the headers are parsed, so that an unusable
// catalog stops the run before the long part; written after the dictionary
// compiled and before it is renamed into place, so that a failed catalog
// write leaves no dictionary either.
class CatalogRecording {
 public:
  // Opens (creating or migrating) options.catalog, if given, and imports
  // options.importRootmaps into it. A CatalogError if it cannot.
  // generator: "genreflex 0.1.0".
  CatalogRecording(const Options& options, std::string generator);
  bool enabled() const { return catalog_.has_value(); }
  // Adds or replaces the library's rows in one transaction: libraryPath
  // made absolute, the content hash of builtFile (the compiled library's
  // temporary, the same bytes). false and error set on failure.
  bool recordLibrary(const Model& model, const std::string& builtFile, const std::string& libraryPath,
                     std::string& error);
  // For a source-only output: the library is libraryName (--rootmap-lib)
  // beside the source, where the Makefile rule builds it, with no content
  // hash (it does not exist yet).
  bool recordSource(const Model& model, const std::string& sourcePath, const std::string& libraryName,
                    std::string& error);

 private:
  bool record(const Model& model, const std::string& builtFile, const std::string& libraryPath,
              std::string& error);
  std::optional<dictcatalog::Catalog> catalog_;
  std::string generator_;
};

}  // namespace genreflex
