// dictinfo.cpp - dictinfo: what a dictionary holds, read through libdictloader.
//
//   dictinfo [--json] libMyClassDict.so...
//
// Each function is marked [fast: direct] (PyPy's JIT calls the function's own
// symbol), [fast: wrapper] (a generated wrapper), or [stubs: why not].
// Loads each dictionary with dictloader_load (so a refused dictionary is
// reported exactly as clients see it), then lists its scopes, functions, data
// members, enums and typedefs through the cppyy C API. Exit status 0 if every
// dictionary loaded, 1 if one was refused, 2 on a usage error.
#include <boost/program_options.hpp>
#include <cstdlib>
#include <iostream>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "dictloader/cppyy_capi.h"
#include "dictloader/dictionary_abi.h"
#include "dictloader/dictloader.h"

namespace po = boost::program_options;
using nlohmann::json;

namespace {

// Takes ownership of a malloc'ed string from the C API.
std::string take(char* text) {
  std::string out = text ? text : "";
  cppyy_free(text);
  return out;
}

const char* kindName(const DlScope& s) {
  switch (s.kind) {
    case DL_SCOPE_NAMESPACE:
      return "namespace";
    case DL_SCOPE_CLASS:
      return "class";
    case DL_SCOPE_STRUCT:
      return "struct";
    default:
      return "union";
  }
}

// The loader's method for this record of the dictionary: same name, argument
// types and constness (nothing else tells overloads apart).
cppyy_method_t methodFor(const DlDictionary& d, const DlFunction& fn, cppyy_scope_t scope) {
  cppyy_method_t found = 0;
  cppyy_index_t* indices = cppyy_method_indices_from_name(scope, d.strings + fn.name);
  for (cppyy_index_t* i = indices; i && *i != static_cast<cppyy_index_t>(-1) && found == 0; ++i) {
    cppyy_method_t m = cppyy_get_method(scope, *i);
    if (static_cast<std::uint32_t>(cppyy_method_num_args(m)) != fn.num_args) continue;
    if ((cppyy_is_const_method(m) != 0) != ((fn.flags & DL_FUNC_CONST) != 0)) continue;
    bool same = true;
    for (std::uint32_t a = 0; a < fn.num_args && same; ++a)
      same = take(cppyy_method_arg_type(m, static_cast<int>(a))) ==
             d.strings + d.arguments[fn.first_arg + a].type;
    if (same) found = m;
  }
  cppyy_free(indices);
  return found;
}

// Why the loader gives no fast-path address for fn (DICTLOADER_FASTPATH included).
std::string whyNoFastPath(const DlDictionary& d, const DlFunction& fn) {
  const char* policy = std::getenv("DICTLOADER_FASTPATH");
  if (policy != nullptr && std::string(policy) == "none") return "DICTLOADER_FASTPATH=none";
  switch (fn.fast_path) {
    case DL_FAST_MAY_THROW:
      return "may throw (--methptrgetter=all or DICTLOADER_FASTPATH=all give it one)";
    case DL_FAST_NOT_TAKEN:
      return "not a method PyPy's JIT calls directly";
    case DL_FAST_NOT_GENERATED:
      return "no --methptrgetter";
    case DL_FAST_UNRECORDED:  // ABI 1.0
      if (fn.kind == DL_FUNC_CONSTRUCTOR) return "not a method PyPy's JIT calls directly";
      if (!(d.flags & DL_DICT_HAS_FUNCTION_ADDRESSES) || fn.address == nullptr) return "no --methptrgetter";
      return "may throw (DICTLOADER_FASTPATH=all gives it one)";
    default:
      return "unknown fast-path record " + std::to_string(fn.fast_path) + " (a newer genreflex?)";
  }
}

json describeScope(const DlDictionary& d, const DlScope& s) {
  const char* qualified = d.strings + s.qualified_name;
  json out = {{"name", qualified}, {"kind", kindName(s)}};
  cppyy_scope_t scope = cppyy_get_scope(qualified);
  if (scope == 0) return out;
  if (s.kind != DL_SCOPE_NAMESPACE) {
    out["size"] = cppyy_size_of_klass(scope);
    out["abstract"] = cppyy_is_abstract(scope) != 0;
    json bases = json::array();
    for (int b = 0; b < cppyy_num_bases(scope); ++b) bases.push_back(take(cppyy_base_name(scope, b)));
    out["bases"] = bases;
  }
  // Functions: those of this dictionary's part of the scope, each with what
  // the loader makes of its fast-path record.
  json functions = json::array();
  for (std::uint32_t f = s.first_function; f < s.first_function + s.num_functions; ++f) {
    const DlFunction& fn = d.functions[f];
    if (fn.kind == DL_FUNC_DESTRUCTOR) continue;
    cppyy_method_t m = methodFor(d, fn, scope);
    if (m == 0) continue;
    json entry = {{"prototype", take(cppyy_method_prototype(scope, m, 1))},
                  {"fast_path", cppyy_function_address(m) != nullptr}};
    // a constructor's address is its `new T(args...)` (ABI 1.3), for clients that call C directly
    if (fn.address != nullptr)
      entry["address"] = fn.kind == DL_FUNC_CONSTRUCTOR        ? "new"
                         : (fn.flags & DL_FUNC_DIRECT_ADDRESS) ? "direct"
                                                               : "wrapper";
    if (!entry["fast_path"].get<bool>()) entry["why_not"] = whyNoFastPath(d, fn);
    functions.push_back(entry);
  }
  out["functions"] = functions;
  json data = json::array();
  for (std::uint32_t i = s.first_data; i < s.first_data + s.num_data; ++i) {
    int index = cppyy_datamember_index(scope, d.strings + d.data[i].name);
    if (index < 0) continue;
    json member = {{"name", take(cppyy_datamember_name(scope, index))},
                   {"type", take(cppyy_datamember_type(scope, index))},
                   {"static", cppyy_is_staticdata(scope, index) != 0}};
    if (!cppyy_is_staticdata(scope, index)) member["offset"] = cppyy_datamember_offset(scope, index);
    data.push_back(member);
  }
  out["data"] = data;
  return out;
}

json describeDictionary(size_t index) {
  const auto* d = static_cast<const DlDictionary*>(dictloader_dictionary_table(index));
  json out = {{"name", d->strings + d->name},
              {"origin", dictloader_dictionary_origin(index)},
              {"generator", d->strings + d->generator},
              {"abi", std::to_string(d->abi_major) + "." + std::to_string(d->abi_minor)},
              {"function_addresses", (d->flags & DL_DICT_HAS_FUNCTION_ADDRESSES) != 0},
              {"fast_path_all", (d->flags & DL_DICT_FAST_PATH_ALL) != 0}};
  json scopes = json::array();
  for (std::uint32_t s = 0; s < d->num_scopes; ++s) scopes.push_back(describeScope(*d, d->scopes[s]));
  out["scopes"] = scopes;
  json enums = json::array();
  for (std::uint32_t e = 0; e < d->num_enums; ++e) {
    const DlEnum& en = d->enums[e];
    json values = json::object();
    for (std::uint32_t v = 0; v < en.num_enumerators; ++v) {
      const DlEnumerator& value = d->enumerators[en.first_enumerator + v];
      values[d->strings + value.name] = value.value;
    }
    enums.push_back({{"name", d->strings + en.qualified_name},
                     {"scoped", (en.flags & DL_ENUM_SCOPED) != 0},
                     {"type", d->strings + en.underlying_type},
                     {"values", values}});
  }
  out["enums"] = enums;
  json typedefs = json::object();
  for (std::uint32_t t = 0; t < d->num_typedefs; ++t)
    typedefs[d->strings + d->typedefs[t].qualified_name] = d->strings + d->typedefs[t].target;
  out["typedefs"] = typedefs;
  return out;
}

void printText(const json& dict) {
  std::cout << "dictionary " << dict["name"].get<std::string>() << " (" << dict["origin"].get<std::string>()
            << ")\n  made by " << dict["generator"].get<std::string>() << ", ABI "
            << dict["abi"].get<std::string>()
            << (dict["fast_path_all"].get<bool>() ? ", fast path for every function (--methptrgetter=all)\n"
                : dict["function_addresses"].get<bool>() ? ", with fast-path addresses\n"
                                                         : "\n");
  for (const json& scope : dict["scopes"]) {
    std::string name = scope["name"];
    std::cout << "  " << scope["kind"].get<std::string>() << " " << (name.empty() ? "(global)" : name);
    if (scope.contains("size")) std::cout << "  [size " << scope["size"].get<size_t>() << "]";
    if (scope.contains("bases") && !scope["bases"].empty()) {
      std::cout << "  : ";
      for (size_t b = 0; b < scope["bases"].size(); ++b)
        std::cout << (b ? ", " : "") << scope["bases"][b].get<std::string>();
    }
    std::cout << "\n";
    if (scope.contains("functions"))
      for (const json& fn : scope["functions"])
        std::cout << "    " << fn["prototype"].get<std::string>() << "  ["
                  << (fn["fast_path"].get<bool>() ? "fast: " + fn["address"].get<std::string>()
                                                  : "stubs: " + fn["why_not"].get<std::string>())
                  << "]\n";
    if (scope.contains("data"))
      for (const json& member : scope["data"]) {
        std::cout << "    " << (member["static"].get<bool>() ? "static " : "")
                  << member["type"].get<std::string>() << " " << member["name"].get<std::string>();
        if (member.contains("offset")) std::cout << "  [offset " << member["offset"].get<long>() << "]";
        std::cout << "\n";
      }
  }
  for (const json& en : dict["enums"]) {
    std::cout << "  enum " << (en["scoped"].get<bool>() ? "class " : "") << en["name"].get<std::string>()
              << " : " << en["type"].get<std::string>() << " {";
    bool first = true;
    for (const auto& [name, value] : en["values"].items()) {
      std::cout << (first ? " " : ", ") << name << " = " << value.get<long long>();
      first = false;
    }
    std::cout << " }\n";
  }
  for (const auto& [name, target] : dict["typedefs"].items())
    std::cout << "  typedef " << name << " -> " << target.get<std::string>() << "\n";
}

}  // namespace

int main(int argc, char** argv) {
  std::vector<std::string> paths;
  bool asJson = false;
  po::options_description visible("Options");
  visible.add_options()("help,h", "print this help and exit")("version", "print the version and exit")(
      "json", po::bool_switch(&asJson), "print JSON instead of text");
  po::options_description all;
  all.add(visible).add_options()("dictionary", po::value(&paths));
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
    std::cout << "Usage: dictinfo [--json] DICTIONARY.so...\n"
                 "Lists what reflection dictionaries made by genreflex hold.\n\n"
              << visible;
    return 0;
  }
  if (vm.count("version")) {
    std::cout << "dictinfo " << dictloader_version() << " (dictionary ABI "
              << dictloader_dictionary_abi() / 1000 << "." << dictloader_dictionary_abi() % 1000 << ")\n";
    return 0;
  }
  if (paths.empty()) {
    std::cerr << "dictinfo: error: no dictionary given (usage: dictinfo [--json] libMyClassDict.so)\n";
    return 2;
  }
  int status = 0;
  json report = json::array();
  for (const std::string& path : paths) {
    size_t before = dictloader_num_dictionaries();
    if (!dictloader_load(path.c_str())) {
      std::cerr << "dictinfo: error: " << dictloader_last_error() << "\n";
      status = 1;
      continue;
    }
    // The newly registered dictionary is the last one (or an earlier copy of it).
    size_t count = dictloader_num_dictionaries();
    size_t index = count > before ? count - 1 : 0;
    for (size_t i = 0; i < count; ++i)
      if (std::string(dictloader_dictionary_origin(i)) == path) index = i;
    json dict = describeDictionary(index);
    if (asJson) {
      report.push_back(dict);
    } else {
      printText(dict);
    }
  }
  if (asJson) std::cout << report.dump(2) << "\n";
  return status;
}
