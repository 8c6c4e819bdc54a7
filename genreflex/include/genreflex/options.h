// options.h - the genreflex command line (ROOT genreflex compatible where the
// two overlap), parsed with Boost.Program_options.
#pragma once

#include <optional>
#include <string>
#include <vector>

namespace genreflex {

struct Options {
  std::vector<std::string> headers;
  // --instantiate "std::map<std::string,int>" (repeatable)
  std::vector<std::string> instantiations;
  std::string output;                    // "" -> <first header stem>_rflx.cpp
  std::vector<std::string> includeDirs;  // -I
  std::vector<std::string> defines;      // -D
  std::vector<std::string> undefines;    // -U
  std::vector<std::string> warnings;     // -W: clang's warning flags while parsing (-Wall)
  std::vector<std::string> libraries;    // -l, linked into the dictionary
  std::vector<std::string> libraryDirs;  // -L
  // ROOT's -l libXDict.so: the dictionary library's own name (a -l value that
  // ends in .so or .dylib or holds a '/'); the rootmap names it.
  std::string targetLibrary;
  std::string selectionFile;         // -s, --selection_file, --selection
  std::string rootmapFile;           // --rootmap
  std::string rootmapLibrary;        // --rootmap-lib
  bool selectionSyntaxOnly = false;  // --selSyntaxOnly: check the selection file and exit
  // One line for each ROOT genreflex option given that has no effect here.
  std::vector<std::string> notes;
  // --std: GNU's dialect by default, so that a header that g++ and clang++
  // accept as they compile by default is accepted
  std::string standard = "gnu++17";
  bool methodPointers = false;     // --methptrgetter (or =all)
  bool methodPointersAll = false;  // --methptrgetter=all
  bool failOnWarnings = false;
  bool verbose = false;
  bool quiet = false;
  bool printCppflags = false;  // --cppflags: print and exit
  bool printHelp = false;
  bool printVersion = false;

  // --catalog=DB: record the dictionary's names there; --import-rootmap=FILE
  // (repeatable): import ROOT rootmaps into it.
  std::string catalog;
  std::vector<std::string> importRootmaps;
};

// Parses argv. On a usage error returns nullopt and sets error to a one-line
// message (without the "genreflex: error: " prefix).
std::optional<Options> parseOptions(int argc, const char* const* argv, std::string& error);

std::string helpText();

// What the output path asks for.
enum class OutputKind { Source, SharedLibrary };
OutputKind outputKind(const std::string& path);

// ROOT's default output name: MyClass.h -> MyClass_rflx.cpp (in the current directory).
std::string defaultOutputName(const std::string& header);

}  // namespace genreflex
