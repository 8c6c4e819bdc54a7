// main.cpp - genreflex: C++ headers -> reflection dictionary.
//
//   genreflex MyClass.h [--methptrgetter] -o libMyClassDict.so [-I DIR] [-D N[=V]] [-U N]
//   genreflex MyClass.h -s selection.xml --rootmap=MyClassDict.rootmap --rootmap-lib=MyClassDict.so
//
// The pipeline: options -> selection -> parse (clang) -> model -> emit ->
// compile (-> rootmap). Output appears only when every stage succeeded.
#include <filesystem>
#include <iostream>

#include "genreflex/catalog_names.h"
#include "genreflex/compile.h"
#include "genreflex/emit.h"
#include "genreflex/options.h"
#include "genreflex/output_file.h"
#include "genreflex/parse.h"
#include "genreflex/rejected_declarations.h"
#include "genreflex/rootmap.h"
#include "genreflex/selection.h"

namespace {

int fail(const std::string& message, int status = 1) {
  std::cerr << "genreflex: error: " << message << "\n";
  return status;
}

std::string joined(const std::vector<std::string>& words) {
  std::string out;
  for (const std::string& w : words) out += (out.empty() ? "" : " ") + w;
  return out;
}

// Each attempt compiles the whole dictionary: a few, for the rare header whose
// rejected stubs hide further ones.
constexpr int kMaxCompileAttempts = 3;

// " (3 scopes, 20 functions, 4 data members; 2 declarations left out, see the notes)"
std::string summary(const genreflex::Model& model, unsigned leftOut) {
  std::size_t functions = 0, data = 0;
  for (const genreflex::Scope& scope : model.scopes) {
    functions += scope.functions.size();
    data += scope.data.size();
  }
  std::string out = " (" + std::to_string(model.scopes.size()) + " scopes, " + std::to_string(functions) +
                    " functions, " + std::to_string(data) + " data members; " + std::to_string(leftOut) +
                    (leftOut == 1 ? " declaration" : " declarations") + " left out";
  return out + (leftOut ? ", see the notes above)" : ")");
}

// The error for a compile that no leaving-out could mend: where the first
// error is, and what to do about it.
std::string compileFailure(const std::string& error, const std::string& first, const std::string& source) {
  std::string out = error;
  if (!first.empty()) out += ": " + first;
  if (first.rfind(source, 0) == 0)
    out += " (in the generated source; write it with -o X.cpp to inspect it)";
  else if (first.find("cannot find -l") != std::string::npos ||
           first.find("ld returned") != std::string::npos)
    out +=
        " (the link failed: check the -l and -L options; -l takes a name as the linker does, -l CLHEP for "
        "libCLHEP.so)";
  else if (!first.empty() && first.find("undefined reference") == std::string::npos)
    out += " (clang accepted the headers; this compiler does not: fix the header, or build with CXX=clang++)";
  return out + "; nothing was written";
}

// The library a rootmap names: ROOT's -l libXDict.so first, then
// --rootmap-lib, then the library being built, else lib<header>.so.
std::string rootmapLibrary(const genreflex::Options& options) {
  namespace fs = std::filesystem;
  if (!options.targetLibrary.empty()) return fs::path(options.targetLibrary).filename().string();
  if (!options.rootmapLibrary.empty()) return genreflex::rootmapLibraryName(options.rootmapLibrary);
  if (genreflex::outputKind(options.output) == genreflex::OutputKind::SharedLibrary)
    return fs::path(options.output).filename().string();
  return "lib" + fs::path(options.headers.front()).stem().string() + ".so";
}

// The library a source-only output is recorded in the catalog for: ROOT's
// -l libXDict.so, else --rootmap-lib; "" (an error with --catalog) rather
// than a guess.
std::string catalogLibrary(const genreflex::Options& options) {
  if (!options.targetLibrary.empty()) return options.targetLibrary;
  if (!options.rootmapLibrary.empty()) return genreflex::rootmapLibraryName(options.rootmapLibrary);
  return "";
}

// Rules of the selection file that matched nothing: warnings, or under
// --fail_on_warnings errors. False if the run must stop.
bool reportUnmatchedRules(const genreflex::SelectionRules& selection, const genreflex::Options& options) {
  std::vector<std::string> unmatched = selection.unmatchedRules();
  for (const std::string& rule : unmatched)
    if (options.failOnWarnings || !options.quiet)
      std::cerr << "genreflex: " << (options.failOnWarnings ? "error: " : "warning: ") << rule << "\n";
  return unmatched.empty() || !options.failOnWarnings;
}

}  // namespace

int main(int argc, char** argv) {
  using namespace genreflex;
  std::string error;
  std::optional<Options> parsed = parseOptions(argc, argv, error);
  if (!parsed) return fail(error, 2);
  const Options& options = *parsed;
  if (options.printHelp) {
    std::cout << helpText();
    return 0;
  }
  if (options.printVersion) {
    std::cout << "genreflex " GENREFLEX_VERSION "\n";
    return 0;
  }
  std::string abiInclude = abiIncludeDir("/proc/self/exe");
  if (options.printCppflags) {
    std::cout << joined(dictionaryCppflags(options, abiInclude)) << "\n";
    return 0;
  }
  if (!options.quiet)
    for (const std::string& note : options.notes) std::cerr << "genreflex: note: " << note << "\n";

  std::optional<SelectionRules> selection;
  if (!options.selectionFile.empty()) {
    selection = SelectionRules::readFile(options.selectionFile, error);
    if (!selection) return fail(error + "; nothing was written");
    if (options.verbose)
      for (const std::string& note : selection->notes()) std::cerr << "genreflex: note: " << note << "\n";
    if (options.selectionSyntaxOnly) return 0;
  }

  std::optional<CatalogRecording> catalog;  // --catalog, --import-rootmap: opened before the long part
  try {
    catalog.emplace(options, "genreflex " GENREFLEX_VERSION);
  } catch (const std::exception& e) {
    return fail(e.what());
  }
  if (options.headers.empty()) return 0;  // only rootmaps to import

  for (const std::string& header : options.headers) {
    std::error_code ec;
    if (!std::filesystem::is_regular_file(header, ec))
      return fail("cannot find header '" + header + "' (check the path, or the current directory)");
  }

  ParseOptions parse;
  parse.headers = options.headers;
  parse.resourceDir = GENREFLEX_CLANG_RESOURCE_DIR;
  parse.failOnWarnings = options.failOnWarnings;
  parse.verbose = options.verbose;
  parse.instantiations = options.instantiations;
  if (selection) parse.selection = &*selection;
  parse.compilerArgs.push_back("-std=" + options.standard);
  if (options.quiet) parse.compilerArgs.push_back("-w");  // errors only: no clang warnings
  for (const std::string& dir : options.includeDirs) parse.compilerArgs.push_back("-I" + dir);
  for (const std::string& d : options.defines) parse.compilerArgs.push_back("-D" + d);
  for (const std::string& u : options.undefines) parse.compilerArgs.push_back("-U" + u);
  for (const std::string& w : options.warnings) parse.compilerArgs.push_back("-W" + w);

  Model model;
  unsigned leftOut = 0;
  if (!parseHeaders(parse, model, leftOut)) {
    bool namesClasses = selection && !selection->namedInstantiations().empty();
    return fail("the headers " + (namesClasses ? "or the classes " + options.selectionFile + " names " : "") +
                "did not compile (see the diagnostics above); nothing was written");
  }
  model.name = std::filesystem::path(options.headers.front()).stem().string();
  if (selection) {
    applyMemberRules(*selection, model);
    if (!reportUnmatchedRules(*selection, options))
      return fail("rules of " + options.selectionFile +
                  " match nothing and --fail_on_warnings is set; nothing was written");
  }

  // What clang found, while parsing, not to compile for the dictionary (a
  // member of an instantiation whose body needs what its template argument
  // lacks) is left out now, so that the source compiles as written; the
  // compile-and-retry below remains for what only the system compiler
  // rejects.
  if (std::vector<RejectedDeclaration> rejected = declarationsClangRejects(model); !rejected.empty()) {
    bool fatal = options.failOnWarnings && !onlyInstantiationMembers(model, rejected);
    reportRejectedDeclarations(model, rejected, RejectedBy::Clang, options.verbose, options.quiet, fatal,
                               std::cerr);
    if (fatal)
      return fail("declarations of the headers do not compile for the dictionary and --fail_on_warnings is "
                  "set; nothing was written");
    leftOut += static_cast<unsigned>(rejected.size());
    removeRejectedDeclarations(model, rejected);
  }

  OutputKind kind = outputKind(options.output);
  for (const std::string& header : options.headers) {
    std::error_code ec;
    // A library is compiled from a temporary beside the output: include by absolute path.
    model.headers.push_back(kind == OutputKind::SharedLibrary ? std::filesystem::absolute(header, ec).string()
                                                              : header);
  }
  for (const std::string& header : standardHeadersFor(parse)) model.headers.push_back("<" + header + ">");

  EmitOptions emit;
  emit.functionAddresses = options.methodPointers;
  emit.fastPathAll = options.methodPointersAll;
  emit.generator = "genreflex " GENREFLEX_VERSION;
  std::string source;
  auto emitSource = [&]() {
    try {
      source = emitDictionarySource(model, emit);
      return true;
    } catch (const std::exception& e) {
      error = std::string("cannot write the dictionary: ") + e.what();
      return false;
    }
  };
  if (!emitSource()) return fail(error);

  // The rootmap is written beside the dictionary and renamed into place
  // right after it, so neither exists without the other.
  std::optional<OutputFile> rootmap;
  if (!options.rootmapFile.empty()) {
    rootmap.emplace(options.rootmapFile);
    if (!rootmap->write(rootmapText(providedNames(model), rootmapLibrary(options), options.headers), error))
      return fail(error);
  }
  auto commit = [&](OutputFile& dictionary) {
    return dictionary.commit(error) && (!rootmap || rootmap->commit(error));
  };

  if (kind == OutputKind::Source) {
    OutputFile out(options.output);
    if (!out.write(source, error)) return fail(error);
    if (!catalog->recordSource(model, options.output, catalogLibrary(options), error) || !commit(out))
      return fail(error);
    if (options.verbose)
      std::cerr << "genreflex: wrote " << options.output << summary(model, leftOut) << "\n";
    return 0;
  }

  OutputFile sourceFile(options.output, ".cpp");  // removed when done
  OutputFile library(options.output);
  // Clang parsed the headers; the system compiler may still reject a stub
  // (where the two disagree) or the linker a function that no library
  // defines. Those declarations are left out (with a warning, so not under
  // --fail_on_warnings) and the dictionary compiled again, a bounded number
  // of times; anything else is an error.
  bool everySymbolDefined = !options.libraries.empty();
  for (int attempt = 0;; ++attempt) {
    if (!sourceFile.write(source, error)) return fail(error);
    std::string diagnostics;
    int status = compileDictionary(options, abiInclude, sourceFile.temporaryPath(), library.temporaryPath(),
                                   everySymbolDefined, diagnostics, error);
    if (status == 0) {
      if (!options.quiet) std::cerr << diagnostics;  // warnings
      break;
    }
    if (status < 0) return fail(error);
    std::vector<RejectedDeclaration> rejected =
        findRejectedDeclarations(model, source, sourceFile.temporaryPath(), diagnostics);
    // A member of an instantiation genreflex chose to describe that does not
    // compile for it is no fault of the headers: a note, not a warning.
    if (!rejected.empty() && attempt < kMaxCompileAttempts &&
        (!options.failOnWarnings || onlyInstantiationMembers(model, rejected))) {
      reportRejectedDeclarations(model, rejected, RejectedBy::Compiler, options.verbose, options.quiet, false,
                                 std::cerr);
      leftOut += static_cast<unsigned>(rejected.size());
      removeRejectedDeclarations(model, rejected);
      if (!emitSource()) return fail(error);
      continue;
    }
    if (everySymbolDefined && diagnostics.find("undefined reference") != std::string::npos) {
      // Some symbol comes from elsewhere (a library loaded first): link as before -z defs.
      everySymbolDefined = false;
      continue;
    }
    std::cerr << diagnostics;
    return fail(compileFailure(error, firstError(diagnostics), sourceFile.temporaryPath()));
  }
  if (!catalog->recordLibrary(model, library.temporaryPath(), options.output, error) || !commit(library))
    return fail(error);
  if (options.verbose) std::cerr << "genreflex: wrote " << options.output << summary(model, leftOut) << "\n";
  return 0;
}
