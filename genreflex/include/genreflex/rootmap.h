// rootmap.h - the names a dictionary provides, and ROOT's rootmap text of them.
//
// A rootmap tells ROOT (and tools that read its files) which library to load
// for a name:
//
//   { decls }
//   namespace ns { class Track; }
//
//   [ libTrackDict.so ]
//   # List of selected classes
//   class ns::Track
//   class std::vector<ns::Track>
//   header Track.h
//   # List of selected namespaces
//   namespace ns
//   # List of selected typedefs and outer classes
//   typedef ns::Real
//   # List of selected enums and outer classes
//   enum ns::Color
//   # List of selected vars
//   var ns::counter
//
// as ROOT 6's genreflex writes it for these kinds: a nested class is listed by
// its outermost class, members of classes come with their class, and each
// list is sorted.
#pragma once

#include <string>
#include <vector>

#include "genreflex/model.h"

namespace genreflex {

// What a dictionary provides by name, each list sorted and without repeats.
// (The catalog can store the same names.)
struct ProvidedNames {
  std::vector<std::string> classes;     // outermost classes and instantiations
  std::vector<std::string> namespaces;  // those that hold more than instantiations
  std::vector<std::string> typedefs;    // declared at namespace scope
  std::vector<std::string> enums;       // named enums at namespace scope
  std::vector<std::string> variables;   // namespace-scope variables
  std::vector<std::string> functions;   // free functions (rootmaps do not list them)
  // Forward declarations of the namespace-scope classes, in their
  // namespaces ("namespace ns { class Track; }"), for the { decls } section.
  std::vector<std::string> declarations;
};

ProvidedNames providedNames(const Model& model);

// The rootmap text for library (written as given: "libXDict.so"), naming the
// headers as given on the command line.
std::string rootmapText(const ProvidedNames& names, const std::string& library,
                        const std::vector<std::string>& headers);

// The library name a rootmap records: "XDict" becomes "XDict.so", as ROOT does.
std::string rootmapLibraryName(const std::string& name);

}  // namespace genreflex
