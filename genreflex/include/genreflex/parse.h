// parse.h - the parse stage: C++ headers -> Model, through clang libTooling.
//
// This is the only unit that sees clang's AST. It selects what the dictionary
// describes (by default: every class, function, enum, typedef, namespace and
// variable declared in the named headers, never what comes only from other
// headers) and describes it with the plain types of model.h.
#pragma once

#include <string>
#include <vector>

#include "genreflex/model.h"

namespace genreflex {

class SelectionRules;

struct ParseOptions {
  std::vector<std::string> headers;       // as given on the command line
  std::vector<std::string> compilerArgs;  // -I/-D/-U/-std=... for clang
  std::string resourceDir;                // clang's builtin headers
  // Class template instantiations to describe even if no selected
  // declaration uses them: "std::map<std::string,int>" (--instantiate).
  std::vector<std::string> instantiations;
  // With a selection file: what it selects, from any header, and the
  // instantiations it names. Null: what the named headers declare.
  const SelectionRules* selection = nullptr;
  bool failOnWarnings = false;
  bool verbose = false;  // report what is skipped and why
};

// Parses the headers and fills model. Clang's own diagnostics (file:line:col)
// go to stderr as they happen. Returns false if the headers did not compile
// (or produced warnings under failOnWarnings); model is then unusable.
// leftOut counts the declarations of the headers that the dictionary cannot
// describe (what they are and why is said under verbose).
bool parseHeaders(const ParseOptions& options, Model& model, unsigned& leftOut);

// The standard headers the requested instantiations (--instantiate, and those
// the selection file names) need beyond the named headers: "vector", "map"...
std::vector<std::string> standardHeadersFor(const ParseOptions& options);

}  // namespace genreflex
