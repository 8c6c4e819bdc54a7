// options.cpp - genreflex's command line.
#include "genreflex/options.h"

#include <boost/program_options.hpp>
#include <filesystem>
#include <sstream>

#include "catalog/catalog.h"

namespace po = boost::program_options;

namespace genreflex {
namespace {

std::string catalogHelp() {
  std::string defaultPath;
  try {
    defaultPath = dictcatalog::defaultCatalogPath();
  } catch (const dictcatalog::CatalogError&) {
    defaultPath = "$XDG_DATA_HOME/dictloader/catalog.sqlite";
  }
  return "after a successful build, add or replace the library's names in the SQLite catalog DB "
         "(created if missing; one transaction), with the library's absolute path and content hash. "
         "With a source output (-o X.cpp) the library is the --rootmap-lib name beside it, with no "
         "content hash. The loader reads the per-user catalog, " +
         defaultPath + ", by default";
}

po::options_description visibleOptions(Options& o) {
  po::options_description desc("Options");
  // One option per line reads best.
  // clang-format off
  desc.add_options()
      ("help,h", po::bool_switch(&o.printHelp), "print this help and exit")
      ("version", po::bool_switch(&o.printVersion), "print the version and exit")
      ("output,o", po::value(&o.output)->value_name("FILE"),
       "output: libXDict.so builds the dictionary library, X.cpp writes only its source "
       "(default: <header>_rflx.cpp)")
      ("methptrgetter", po::bool_switch(&o.methodPointers),
       "[=all] record a raw function address per function (the fast path). The loader hands "
       "out only those of functions that cannot throw (noexcept, or an inline body "
       "proven not to throw); the others take the stubs, where a C++ exception becomes "
       "a Python one. --methptrgetter=all: every function gets the fast path, and a C++ "
       "exception escaping a fast-path call ends the process with one line naming the "
       "function and the exception's what() text, as a noexcept function does in C++")
      ("include,I", po::value(&o.includeDirs)->composing()->value_name("DIR"), "add an include directory")
      ("define,D", po::value(&o.defines)->composing()->value_name("NAME[=VALUE]"), "define a macro")
      ("undefine,U", po::value(&o.undefines)->composing()->value_name("NAME"), "undefine a macro")
      ("library,l", po::value(&o.libraries)->composing()->value_name("LIB"),
       "link the dictionary library against LIB")
      ("library-path,L", po::value(&o.libraryDirs)->composing()->value_name("DIR"),
       "add a directory to search for -l libraries")
      ("instantiate", po::value(&o.instantiations)->composing()->value_name("NAME"),
       "also describe this class template instantiation, e.g. \"std::map<std::string,int>\" "
       "(repeatable; those the headers' declarations use are described anyway)")
      ("catalog", po::value(&o.catalog)->value_name("DB"), catalogHelp().c_str())
      ("import-rootmap", po::value(&o.importRootmaps)->composing()->value_name("FILE"),
       "import a ROOT rootmap's libraries and names into the --catalog (repeatable; no header needed)")
      ("std", po::value(&o.standard)->value_name("STD"), "C++ standard for parsing and compiling (default c++17)")
      ("cppflags", po::bool_switch(&o.printCppflags),
       "print the compiler flags needed to build a dictionary source into a shared library")
      ("fail_on_warnings", po::bool_switch(&o.failOnWarnings), "treat warnings in the headers as errors")
      ("verbose,v", po::bool_switch(&o.verbose), "report what is left out of the dictionary and why")
      ("quiet,q", po::bool_switch(&o.quiet), "print errors only");
  // clang-format on
  return desc;
}

}  // namespace

std::optional<Options> parseOptions(int argc, const char* const* argv, std::string& error) {
  Options options;
  // --methptrgetter takes no separate value (a header may follow it), so its
  // one variant, =all, is read here and passed on as the plain switch.
  std::vector<std::string> args(argv, argv + argc);
  for (std::string& arg : args) {
    if (arg.rfind("--methptrgetter=", 0) != 0) continue;
    if (arg != "--methptrgetter=all") {
      error = arg + ": the only value is 'all' (or give --methptrgetter alone)";
      return std::nullopt;
    }
    options.methodPointersAll = true;
    arg = "--methptrgetter";
  }
  std::vector<const char*> plainArgv;
  for (const std::string& arg : args) plainArgv.push_back(arg.c_str());
  po::options_description visible = visibleOptions(options);
  po::options_description all;
  all.add(visible).add_options()("header", po::value(&options.headers)->composing());
  po::positional_options_description positional;
  positional.add("header", -1);
  po::variables_map vm;
  try {
    po::store(po::command_line_parser(static_cast<int>(plainArgv.size()), plainArgv.data())
                  .options(all)
                  .positional(positional)
                  .run(),
              vm);
    po::notify(vm);
  } catch (const po::error& e) {
    error = e.what();
    error += " (see genreflex --help)";
    return std::nullopt;
  }
  if (options.printHelp || options.printVersion || options.printCppflags) return options;
  if (!options.importRootmaps.empty() && options.catalog.empty()) {
    error = "--import-rootmap needs the catalog to import into: --catalog=DB";
    return std::nullopt;
  }
  if (options.headers.empty() && !options.importRootmaps.empty()) return options;
  if (options.headers.empty()) {
    error = "no header given (usage: genreflex MyClass.h [--methptrgetter] -o libMyClassDict.so)";
    return std::nullopt;
  }
  if (options.output.empty()) options.output = defaultOutputName(options.headers.front());
  return options;
}

std::string helpText() {
  Options scratch;
  std::ostringstream out;
  out << "Usage: genreflex HEADER... [options]\n"
         "Generates a reflection dictionary for the classes, functions, enums, typedefs,\n"
         "namespaces and variables declared in the named headers.\n\n"
      << visibleOptions(scratch);
  return out.str();
}

OutputKind outputKind(const std::string& path) {
  std::string ext = std::filesystem::path(path).extension().string();
  return ext == ".so" || ext == ".dylib" ? OutputKind::SharedLibrary : OutputKind::Source;
}

std::string defaultOutputName(const std::string& header) {
  return std::filesystem::path(header).stem().string() + "_rflx.cpp";
}

}  // namespace genreflex
