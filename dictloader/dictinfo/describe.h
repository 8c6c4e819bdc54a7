// describe.h - what dictinfo reports, as JSON built from the registry: a
// dictionary's contents, one class in detail, and catalog queries. Everything
// is read through libdictloader (the cppyy C API and the native API, whose
// dictionary tables the registry has validated); nothing parses files here.
// The text output (text_output.h) prints these same JSON values.
#pragma once

#include <cstddef>
#include <nlohmann/json.hpp>
#include <stdexcept>
#include <string>

namespace dictinfo {

// A failure to report as one line on stderr ("dictinfo: error: <what>") with
// exit status `status`.
struct Failure : std::runtime_error {
  Failure(const std::string& what, int status) : std::runtime_error(what), status(status) {}
  int status;
};

// Loads the dictionary at path (dictloader_load) and returns its registry
// index. Throws Failure (status 1) with the loader's reason.
size_t loadDictionary(const std::string& path);

// Scopes, functions, data, enums and typedefs of registered dictionary `index`.
nlohmann::json describeDictionary(size_t index);

// One class in detail: bases with offsets, data members with types and
// offsets, methods with signatures and their fast path (or why none). The
// class is looked up by any spelling (autoloaded from the catalogs if no
// loaded dictionary has it); with `onlyDictionary` (a registry index, or
// npos for any) it must be one that dictionary describes. Throws Failure.
nlohmann::json describeClass(const std::string& name, size_t onlyDictionary);
constexpr size_t kAnyDictionary = static_cast<size_t>(-1);

// The libraries the catalogs name as providers of `name`
// (dictloader_which). Throws Failure (1) if no catalog names it or one
// cannot be read.
nlohmann::json whichProvides(const std::string& name);

// Every library of the catalog at path and the names each provides
// (dictloader_list_catalog); with `verify`, whether each file is still the
// one the catalog recorded. Throws Failure (1) naming the file.
nlohmann::json listCatalog(const std::string& path, bool verify);

}  // namespace dictinfo
