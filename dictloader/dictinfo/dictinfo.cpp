// dictinfo.cpp - dictinfo: the registry's query tool, through libdictloader.
//
//   dictinfo [--json] libMyClassDict.so...        what each dictionary provides
//   dictinfo [--json] libX.so --class NAME         one class in detail
//   dictinfo [--json] --class NAME                 the same, autoloaded from the catalogs
//   dictinfo [--json] --which NAME                 which library provides a name (catalogs)
//   dictinfo [--json] --catalog DB --list [--verify]   a catalog's libraries and names
//
// Each function is marked [fast: direct] (PyPy's JIT calls the function's own
// symbol), [fast: wrapper] (a generated wrapper), or [stubs: why not].
// Dictionaries are loaded with dictloader_load (so a refused dictionary is
// reported exactly as clients see it) and read through the cppyy C API;
// catalogs through the native API (dictloader.h). Exit status 0 on success,
// 1 if something asked for could not be found or loaded, 2 on a usage error;
// errors are one line on stderr.
#include <boost/program_options.hpp>
#include <cstdlib>
#include <iostream>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "describe.h"
#include "dictloader/dictloader.h"
#include "text_output.h"

namespace po = boost::program_options;
using nlohmann::json;
using namespace dictinfo;

namespace {

const char* const kUsage =
    "Usage: dictinfo [--json] DICTIONARY.so...            list what each dictionary provides\n"
    "       dictinfo [--json] [DICTIONARY.so] --class NAME  one class: bases, data members, methods\n"
    "       dictinfo [--json] --which NAME                  which library provides NAME (catalogs)\n"
    "       dictinfo [--json] --catalog DB --list [--verify]  list a catalog\n"
    "\n"
    "Queries the dictionary registry of libdictloader, as Python's cppyy sees it.\n"
    "Functions are marked [fast: direct] (PyPy's JIT calls the function itself),\n"
    "[fast: wrapper] (through a generated wrapper) or [stubs: why not].\n"
    "Catalogs asked by --which and by --class without a dictionary: each --catalog\n"
    "DB, then DICTLOADER_CATALOG (colon-separated), then the default catalog.\n";

struct Options {
  std::vector<std::string> dictionaries;
  std::vector<std::string> catalogs;
  std::string className, whichName;
  bool asJson = false, list = false, verify = false;
};

void emit(const json& value, bool asJson, void (*print)(std::ostream&, const json&)) {
  if (asJson)
    std::cout << value.dump(2) << "\n";
  else
    print(std::cout, value);
}

int run(const Options& options) {
  if (options.list) {
    if (options.catalogs.size() != 1) throw Failure("--list needs exactly one --catalog DB", 2);
    emit(listCatalog(options.catalogs.front(), options.verify), options.asJson, printCatalog);
    return 0;
  }
  for (const std::string& catalog : options.catalogs)
    if (!dictloader_add_catalog(catalog.c_str())) throw Failure(dictloader_last_error(), 1);
  if (!options.whichName.empty()) {
    emit(whichProvides(options.whichName), options.asJson, printProviders);
    return 0;
  }
  if (!options.className.empty()) {
    size_t only = kAnyDictionary;
    for (const std::string& path : options.dictionaries) only = loadDictionary(path);
    emit(describeClass(options.className, only), options.asJson, printClass);
    return 0;
  }
  // Each dictionary in turn: one that cannot be loaded is reported, and the
  // others are still listed.
  int status = 0;
  json report = json::array();
  for (const std::string& path : options.dictionaries) {
    try {
      json dictionary = describeDictionary(loadDictionary(path));
      if (options.asJson)
        report.push_back(dictionary);
      else
        printDictionary(std::cout, dictionary);
    } catch (const Failure& failure) {
      std::cerr << "dictinfo: error: " << failure.what() << "\n";
      status = failure.status;
    }
  }
  if (options.asJson) std::cout << report.dump(2) << "\n";
  return status;
}

}  // namespace

int main(int argc, char** argv) {
  Options options;
  po::options_description visible("Options");
  visible.add_options()("help,h", "print this help and exit")("version", "print the version and exit")(
      "json", po::bool_switch(&options.asJson), "print JSON instead of text")(
      "class", po::value(&options.className)->value_name("NAME"),
      "show one class: bases with offsets, data members with types and offsets, methods with their "
      "signatures and fast path")("which", po::value(&options.whichName)->value_name("NAME"),
                                  "say which library provides a C++ name, from the catalogs")(
      "catalog", po::value(&options.catalogs)->value_name("DB"),
      "a catalog file (repeatable): the one --list lists, or one more to ask")(
      "list", po::bool_switch(&options.list),
      "list the libraries of --catalog DB and the names each provides")(
      "verify", po::bool_switch(&options.verify),
      "with --list: check each library's content against the hash the catalog recorded");
  po::options_description all;
  all.add(visible).add_options()("dictionary", po::value(&options.dictionaries));
  po::positional_options_description positional;
  positional.add("dictionary", -1);
  po::variables_map vm;
  try {
    po::store(po::command_line_parser(argc, argv).options(all).positional(positional).run(), vm);
    po::notify(vm);
  } catch (const po::error& e) {
    std::cerr << "dictinfo: error: " << e.what() << " (see dictinfo --help)\n";
    return 2;
  }
  if (vm.count("help")) {
    std::cout << kUsage << "\n" << visible;
    return 0;
  }
  if (vm.count("version")) {
    std::cout << "dictinfo " << dictloader_version() << " (dictionary ABI "
              << dictloader_dictionary_abi() / 1000 << "." << dictloader_dictionary_abi() % 1000
              << ", native API " << dictloader_api_version() << ")\n";
    return 0;
  }
  const char* usageError = nullptr;
  int commands = !options.className.empty() + !options.whichName.empty() + options.list;
  if (commands > 1)
    usageError = "--class, --which and --list are separate queries: give one";
  else if (options.verify && !options.list)
    usageError = "--verify goes with --catalog DB --list";
  else if (options.dictionaries.size() > 1 && !options.className.empty())
    usageError = "--class takes at most one dictionary";
  else if (!options.dictionaries.empty() && (options.list || !options.whichName.empty()))
    usageError = "--which and --list query catalogs, not dictionaries: drop the dictionary";
  else if (commands == 0 && options.dictionaries.empty())
    usageError = options.catalogs.empty() ? "no dictionary given (usage: dictinfo [--json] libMyClassDict.so)"
                                          : "--catalog DB needs --list, --which NAME or --class NAME";
  if (usageError != nullptr) {
    std::cerr << "dictinfo: error: " << usageError << " (see dictinfo --help)\n";
    return 2;
  }
  try {
    return run(options);
  } catch (const Failure& failure) {
    std::cerr << "dictinfo: error: " << failure.what() << "\n";
    return failure.status;
  }
}
