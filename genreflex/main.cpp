// main.cpp - genreflex: C++ headers -> reflection dictionary.
//
//   genreflex MyClass.h [--methptrgetter] -o libMyClassDict.so [-I DIR] [-D N[=V]] [-U N]
//
// The pipeline: options -> parse (clang) -> model -> emit -> compile. Output
// appears only when every stage succeeded.
#include <filesystem>
#include <iostream>

#include "genreflex/compile.h"
#include "genreflex/emit.h"
#include "genreflex/options.h"
#include "genreflex/output_file.h"
#include "genreflex/parse.h"

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
  parse.compilerArgs.push_back("-std=" + options.standard);
  if (options.quiet) parse.compilerArgs.push_back("-w");  // errors only: no clang warnings
  for (const std::string& dir : options.includeDirs) parse.compilerArgs.push_back("-I" + dir);
  for (const std::string& d : options.defines) parse.compilerArgs.push_back("-D" + d);
  for (const std::string& u : options.undefines) parse.compilerArgs.push_back("-U" + u);

  Model model;
  if (!parseHeaders(parse, model))
    return fail("the headers did not compile (see the diagnostics above); nothing was written");
  model.name = std::filesystem::path(options.headers.front()).stem().string();

  OutputKind kind = outputKind(options.output);
  for (const std::string& header : options.headers) {
    std::error_code ec;
    // A library is compiled from a temporary beside the output: include by absolute path.
    model.headers.push_back(kind == OutputKind::SharedLibrary ? std::filesystem::absolute(header, ec).string()
                                                              : header);
  }

  EmitOptions emit;
  emit.functionAddresses = options.methodPointers;
  emit.fastPathAll = options.methodPointersAll;
  emit.generator = "genreflex " GENREFLEX_VERSION;
  std::string source;
  try {
    source = emitDictionarySource(model, emit);
  } catch (const std::exception& e) {
    return fail(std::string("cannot write the dictionary: ") + e.what());
  }

  if (kind == OutputKind::Source) {
    OutputFile out(options.output);
    if (!out.write(source, error) || !out.commit(error)) return fail(error);
    return 0;
  }

  OutputFile sourceFile(options.output, ".cpp");  // removed when done
  OutputFile library(options.output);
  if (!sourceFile.write(source, error)) return fail(error);
  if (compileDictionary(options, abiInclude, sourceFile.temporaryPath(), library.temporaryPath(), error) != 0)
    return fail(error + "; nothing was written (write the source with -o X.cpp to inspect it)");
  if (!library.commit(error)) return fail(error);
  if (options.verbose) std::cerr << "genreflex: wrote " << options.output << "\n";
  return 0;
}
