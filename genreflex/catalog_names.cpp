// catalog_names.cpp - a model's names as catalog rows, and recording them.
#include "genreflex/catalog_names.h"

#include <dictloader/dictionary_abi.h>

#include <chrono>
#include <filesystem>
#include <iostream>
#include <set>

#include "genreflex/options.h"

namespace genreflex {
namespace {

// "f<double>" -> "f"; "operator<" stays. Only for template specializations.
std::string withoutTemplateArguments(const std::string& name) {
  if (name.empty() || name.back() != '>') return name;
  int depth = 0;
  for (std::size_t i = name.size(); i-- > 0;) {
    if (name[i] == '>') ++depth;
    if (name[i] == '<' && --depth == 0) return name.substr(0, i);
  }
  return name;
}

std::string qualified(const Scope& scope, const std::string& name) {
  return scope.qualifiedName.empty() ? name : scope.qualifiedName + "::" + name;
}

}  // namespace

std::vector<dictcatalog::Name> catalogNames(const Model& model) {
  std::vector<dictcatalog::Name> out;
  std::set<std::pair<std::string, std::string>> seen;
  auto add = [&](const std::string& name, const char* kind) {
    if (!name.empty() && seen.emplace(name, kind).second) out.push_back({name, kind});
  };
  for (const Scope& scope : model.scopes) {
    if (scope.qualifiedName.empty()) {
      // The global namespace itself is no name; its members are.
    } else if (scope.kind == ScopeKind::Namespace) {
      add(scope.qualifiedName, "namespace");
    } else {
      add(scope.qualifiedName,
          scope.isInstantiation || !scope.templateArguments.empty() ? "template_instance" : "class");
    }
    for (const Enum& e : scope.enums) add(e.qualifiedName, "enum");
    for (const Typedef& t : scope.typedefs) add(t.qualifiedName, "typedef");
    if (scope.kind != ScopeKind::Namespace) continue;  // members are reached through their class
    for (const Function& f : scope.functions)
      add(qualified(scope, f.isTemplateInstance ? withoutTemplateArguments(f.name) : f.name), "function");
    for (const DataMember& d : scope.data)
      if (d.isStatic) add(qualified(scope, d.name), "variable");
  }
  return out;
}

CatalogRecording::CatalogRecording(const Options& options, std::string generator)
    : generator_(std::move(generator)) {
  if (options.catalog.empty()) return;
  std::error_code ec;
  if (options.catalog == dictcatalog::defaultCatalogPath())  // its directory may not exist yet
    std::filesystem::create_directories(std::filesystem::path(options.catalog).parent_path(), ec);
  // The genreflex processes of a parallel build (make -j) queue for the one
  // catalog they all write: each waits minutes, not the library's 10 s.
  constexpr std::chrono::milliseconds kQueueTimeout{120000};
  catalog_.emplace(dictcatalog::Catalog::openForWriting(options.catalog, kQueueTimeout));
  for (const std::string& rootmap : options.importRootmaps) {
    std::vector<dictcatalog::Library> libraries = catalog_->importRootmap(rootmap);
    if (options.verbose)
      std::cerr << "genreflex: imported " << libraries.size()
                << (libraries.size() == 1 ? " library" : " libraries") << " from " << rootmap << " into "
                << options.catalog << "\n";
  }
}

bool CatalogRecording::recordLibrary(const Model& model, const std::string& builtFile,
                                     const std::string& libraryPath, std::string& error) {
  return record(model, builtFile, libraryPath, error);
}

bool CatalogRecording::recordSource(const Model& model, const std::string& sourcePath,
                                    const std::string& libraryName, std::string& error) {
  if (!catalog_) return true;
  if (libraryName.empty()) {
    error =
        "--catalog with a source output (" + sourcePath +
        ") needs the name of the library it will be built into: add --rootmap-lib=LIB; nothing was written";
    return false;
  }
  std::filesystem::path library(libraryName);
  if (library.is_relative()) library = std::filesystem::path(sourcePath).parent_path() / library;
  return record(model, "", library.string(), error);
}

bool CatalogRecording::record(const Model& model, const std::string& builtFile,
                              const std::string& libraryPath, std::string& error) {
  if (!catalog_) return true;
  try {
    dictcatalog::Library library;
    std::error_code ec;
    library.path = std::filesystem::absolute(libraryPath, ec).lexically_normal().string();
    library.name = model.name;
    library.generator = generator_;
    library.abiMajor = DLDICT_ABI_MAJOR;
    library.abiMinor = DLDICT_ABI_MINOR;
    library.contentHash = builtFile.empty() ? "" : dictcatalog::contentHash(builtFile);
    library.origin = "genreflex";
    catalog_->replaceLibrary(library, catalogNames(model));
    return true;
  } catch (const std::exception& e) {
    error = e.what() + std::string("; nothing was written");
    return false;
  }
}

}  // namespace genreflex
