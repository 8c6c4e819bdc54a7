// compile.h - the compile stage: dictionary source -> shared library, with
// the system C++ compiler ($CXX, default c++).
#pragma once

#include <string>
#include <vector>

#include "genreflex/options.h"

namespace genreflex {

// Include directory that holds dictloader/dictionary_abi.h: beside the
// installed executable (PREFIX/include), else the source tree's.
std::string abiIncludeDir(const std::string& executablePath);

// The flags a user needs to compile a dictionary source into a shared library.
std::vector<std::string> dictionaryCppflags(const Options& options, const std::string& abiInclude);

// Runs the compiler; returns its exit status (0 on success, -1 if it could
// not run, error says why). What the compiler and linker printed is returned
// in diagnostics. everySymbolDefined: the link fails on a symbol that no
// linked library defines (-z defs).
int compileDictionary(const Options& options, const std::string& abiInclude, const std::string& source,
                      const std::string& library, bool everySymbolDefined, std::string& diagnostics,
                      std::string& error);

}  // namespace genreflex
