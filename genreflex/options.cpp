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
         "With a source output (-o X.cpp) the library is the -l libXDict.so or --rootmap-lib name beside "
         "it, with no content hash. The loader reads the per-user catalog, " +
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
      (",W", po::value(&o.warnings)->composing()->value_name("WARNING"),
       "a clang warning flag while parsing the headers (-Wall; with --fail_on_warnings they fail the run)")
      ("library,l", po::value(&o.libraries)->composing()->value_name("LIB"),
       "link the dictionary library against libLIB.so (-lLIB, as the linker's -l). A value that names "
       "a library file (ends in .so or .dylib, or holds a '/'), as ROOT's genreflex takes "
       "-l libXDict.so, is the dictionary library's own name instead: the rootmap records it")
      ("library-path,L", po::value(&o.libraryDirs)->composing()->value_name("DIR"),
       "add a directory to search for -l libraries")
      ("selection_file,s", po::value(&o.selectionFile)->value_name("FILE"),
       "a ROOT selection file (lcgdict XML; also --selection=FILE.xml): the dictionary holds what it "
       "selects, from any header the named ones include, and what that needs (base classes, the "
       "instantiations its signatures use). A rule that matches nothing is a warning")
      ("rootmap", po::value(&o.rootmapFile)->value_name("FILE"),
       "also write ROOT's rootmap text (which library provides which class, namespace, typedef, "
       "enum and variable) to FILE, once the dictionary is written")
      ("rootmap-lib", po::value(&o.rootmapLibrary)->value_name("LIB"),
       "the library the rootmap names (default: the -o library, else lib<header>.so; \".so\" added "
       "if missing); a ROOT-style -l libXDict.so takes precedence, as in ROOT")
      ("selSyntaxOnly", po::bool_switch(&o.selectionSyntaxOnly), "check the selection file and exit")
      ("instantiate", po::value(&o.instantiations)->composing()->value_name("NAME"),
       "also describe this class template instantiation, e.g. \"std::map<std::string,int>\" "
       "(repeatable; those the headers' declarations use are described anyway)")
      ("catalog", po::value(&o.catalog)->value_name("DB"), catalogHelp().c_str())
      ("import-rootmap", po::value(&o.importRootmaps)->composing()->value_name("FILE"),
       "import a ROOT rootmap's libraries and names into the --catalog (repeatable; no header needed)")
      ("std", po::value(&o.standard)->value_name("STD"), "C++ standard for parsing and compiling (default gnu++17)")
      ("cppflags", po::bool_switch(&o.printCppflags),
       "print the compiler flags needed to build a dictionary source into a shared library")
      ("fail_on_warnings", po::bool_switch(&o.failOnWarnings), "treat warnings in the headers as errors")
      ("verbose,v", po::bool_switch(&o.verbose), "report what is left out of the dictionary and why")
      ("debug", po::bool_switch(), "the same as -v (ROOT's most verbose level)")
      ("quiet,q", po::bool_switch(&o.quiet), "print errors only")
      ("silent", po::bool_switch(), "the same as --quiet");
  // clang-format on
  return desc;
}

// ROOT genreflex options that mean nothing for these dictionaries: accepted,
// so that ROOT's Makefiles run unchanged, each with a one-line note.
struct InertOption {
  const char* name;  // as boost spells it: "deep", ",m" for a short one
  bool takesValue;
  const char* why;
};
constexpr InertOption kInertOptions[] = {
    {"deep", false, "every class a selected declaration uses is described anyway"},
    {"multiDict", false, "each dictionary is its own library here"},
    {"noIncludePaths", false, "the dictionary stores no include paths"},
    {"interpreteronly", false, "these dictionaries hold no I/O information"},
    {"dataonly", false, "these dictionaries hold no I/O information"},
    {"pool", false, "these dictionaries hold no I/O information"},
    {"split", false, "the dictionary is one source"},
    {"cxxmodule", false, "no C++ module is written"},
    {"writeEmptyPCM", false, "no ROOT pcm is written"},
    {"writeEmptyRootPCM", false, "no ROOT pcm is written"},
    {"noGlobalUsingStd", false, "the generated code never relies on 'using namespace std'"},
    {"no_membertypedefs", false, "ROOT 6 ignores it too"},
    {"no_templatetypedefs", false, "ROOT 6 ignores it too"},
    {"comments", false, "comments are not recorded"},
    {"iocomments", false, "comments are not recorded"},
    {"reflex", false, "the dictionaries are always of this one kind"},
    {"inlineInputHeader", false, "the dictionary includes the headers"},
    {"capabilities", true, "there is no capabilities file"},
    {"gccxmlpath", true, "clang parses the headers"},
    {"gccxmlopt", true, "clang parses the headers"},
    {"gccxmlpost", true, "clang parses the headers"},
    {",m", true, "no ROOT pcm is loaded"},
};

po::options_description inertOptions() {
  po::options_description desc("ROOT genreflex options accepted with a note, without effect here");
  for (const InertOption& option : kInertOptions) {
    if (option.takesValue)
      desc.add_options()(option.name, po::value<std::vector<std::string>>()->value_name("X"), option.why);
    else
      desc.add_options()(option.name, po::bool_switch(), option.why);
  }
  return desc;
}

std::string spelledOption(const InertOption& option) {
  std::string name = option.name;
  return name.rfind(",", 0) == 0 ? "-" + name.substr(1) : "--" + name;
}

// A -l value that names a library file: ROOT's "-l libXDict.so".
bool namesLibraryFile(const std::string& value) {
  if (value.rfind(":", 0) == 0) return false;  // the linker's -l:libfoo.so
  std::string file = std::filesystem::path(value).filename().string();
  return value.find('/') != std::string::npos || file.ends_with(".so") || file.ends_with(".dylib") ||
         file.find(".so.") != std::string::npos;
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
  all.add(visible)
      .add(inertOptions())
      .add_options()("header", po::value(&options.headers)->composing())(
          "selection", po::value(&options.selectionFile));  // ROOT Makefiles' spelling of --selection_file
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
  } catch (const po::unknown_option& e) {
    error = "unknown option '" + e.get_option_name() + "' (see genreflex --help)";
    return std::nullopt;
  } catch (const po::error& e) {
    error = e.what();
    error += " (see genreflex --help)";
    return std::nullopt;
  }
  // (two switches bound to one flag would reset each other: read these here)
  options.verbose = options.verbose || vm["debug"].as<bool>();
  options.quiet = options.quiet || vm["silent"].as<bool>();
  for (const InertOption& option : kInertOptions) {
    std::string name = option.name;  // a short-only option's key is "-m"
    std::string key = name.rfind(",", 0) == 0 ? "-" + name.substr(1) : name;
    if (option.takesValue ? vm.count(key) != 0 : vm[key].as<bool>())
      options.notes.push_back(spelledOption(option) + " has no effect here: " + option.why);
  }
  std::vector<std::string> linked;
  for (const std::string& library : options.libraries) {
    if (namesLibraryFile(library))
      options.targetLibrary = library;
    else
      linked.push_back(library);
  }
  options.libraries = linked;
  if (options.printHelp || options.printVersion || options.printCppflags) return options;
  if (options.selectionSyntaxOnly) {
    if (!options.selectionFile.empty()) return options;
    error = "--selSyntaxOnly needs a selection file (-s FILE.xml)";
    return std::nullopt;
  }
  if (!options.importRootmaps.empty() && options.catalog.empty()) {
    error = "--import-rootmap needs the catalog to import into: --catalog=DB";
    return std::nullopt;
  }
  if (options.headers.empty() && !options.importRootmaps.empty()) return options;
  if (options.headers.empty()) {
    error = "no header given (usage: genreflex MyClass.h [--methptrgetter] -o libMyClassDict.so)";
    return std::nullopt;
  }
  std::error_code ec;
  if (options.output.empty())
    options.output = defaultOutputName(options.headers.front());
  else if (std::filesystem::is_directory(options.output, ec))  // ROOT: -o DIR puts <header>_rflx.cpp there
    options.output =
        (std::filesystem::path(options.output) / defaultOutputName(options.headers.front())).string();
  return options;
}

std::string helpText() {
  Options scratch;
  std::ostringstream out;
  out << "Usage: genreflex HEADER... [options]\n"
         "Generates a reflection dictionary for the classes, functions, enums, typedefs,\n"
         "namespaces and variables declared in the named headers, or, with a selection\n"
         "file (-s), those it selects.\n\n"
      << visibleOptions(scratch) << "\n"
      << inertOptions();
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
