// describe.cpp - dictinfo's reports as JSON, read through libdictloader's C APIs.
#include "describe.h"

#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <string_view>

#include "dictloader/cppyy_capi.h"
#include "dictloader/dictionary_abi.h"
#include "dictloader/dictloader.h"
#include "dictloader/direct_calls.h"

using nlohmann::json;

namespace dictinfo {
namespace {

// Takes ownership of a malloc'ed string from the C API.
std::string take(char* text) {
  std::string out = text ? text : "";
  cppyy_free(text);
  return out;
}

const DlDictionary& tables(size_t index) {
  return *static_cast<const DlDictionary*>(dictloader_dictionary_table(index));
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

// Why the loader gives a function no entry (DlEntryMissing, DICTLOADER_FASTPATH).
std::string whyNoEntry(const dictloader_entry& entry) {
  const char* policy = std::getenv("DICTLOADER_FASTPATH");
  if (policy != nullptr && std::string(policy) == "none") return "DICTLOADER_FASTPATH=none";
  switch (entry.missing) {
    case DL_ENTRY_MISSING_UNRECORDED:
      return "dictionary older than ABI 1.4 (or a record this loader cannot read)";
    case DL_ENTRY_MISSING_NOT_GENERATED:
      return "not generated";
    case DL_ENTRY_MISSING_SIGNATURE:
      return "an argument or result no entry passes";
    case DL_ENTRY_MISSING_NOT_CALLABLE:
      return "not callable (destructor, protected, or constructor of an abstract class)";
    default:
      return "unknown reason " + std::to_string(entry.missing) + " (a newer genreflex?)";
  }
}

// {"kind": "checked", "signature": "iii"}, or {"kind": "none", "why_not": ...}
json describeEntry(cppyy_method_t m) {
  dictloader_entry entry{};
  if (!dictloader_function_entry(m, &entry)) return nullptr;
  switch (entry.kind) {
    case DL_ENTRY_PLAIN:
      return {{"kind", "plain"}, {"signature", entry.signature}};
    case DL_ENTRY_CHECKED:
      return {{"kind", "checked"}, {"signature", entry.signature}};
    default:
      return {{"kind", "none"}, {"why_not", whyNoEntry(entry)}};
  }
}

// The class's DlObjectOps as the loader hands them out (dictloader_object_ops).
json describeObjectOps(cppyy_scope_t scope) {
  struct dictloader_object_ops ops {};
  if (!dictloader_object_ops(scope, &ops)) return nullptr;
  json flags = json::array();
  if (ops.flags & DL_OBJECT_TRIVIAL_DESTRUCTOR) flags.push_back("trivial_destructor");
  if (ops.flags & DL_OBJECT_NO_DESTRUCTOR_EFFECT) flags.push_back("no_destructor_effect");
  return {{"align", ops.align},
          {"flags", flags},
          {"allocate", ops.allocate != nullptr},
          {"destroy", ops.destroy != nullptr},
          {"move_to_heap", ops.move_to_heap != nullptr}};
}

// A smart pointer class (ABI 1.6, dictloader_smart_pointer): what it points
// to and whether it can take ownership (make_shared, make_unique); null if
// the class is not one.
json describeSmartPointer(cppyy_scope_t scope) {
  struct dictloader_smart_pointer smart {};
  if (!dictloader_smart_pointer(scope, &smart)) return nullptr;
  std::string pointee = smart.pointee ? take(cppyy_scoped_final_name(smart.pointee)) : "(not described)";
  return {{"kind", smart.kind == DL_SMART_SHARED ? "shared" : "unique"},
          {"pointee", (smart.pointee_const ? "const " : "") + pointee},
          {"adopts", smart.adopt != nullptr}};
}

// A class's dispatcher (ABI 1.8, dictloader_dispatcher): what Python
// subclasses override and how they construct; null if it has none.
json describeDispatcher(cppyy_scope_t scope) {
  struct dictloader_dispatcher dispatcher {};
  if (!dictloader_dispatcher(scope, &dispatcher)) return nullptr;
  json slots = json::array();
  for (int i = 0; i < dispatcher.num_slots; ++i)
    slots.push_back(take(cppyy_method_prototype(scope, dispatcher.slots[i], 0)));
  return {{"constructors", dispatcher.num_constructors}, {"slots", slots}};
}

// A function record with what the loader makes of it; null if the loader has
// no such method.
json describeFunction(const DlDictionary& d, const DlFunction& fn, cppyy_scope_t scope) {
  cppyy_method_t m = methodFor(d, fn, scope);
  if (m == 0) return nullptr;
  json entry = {{"prototype", take(cppyy_method_prototype(scope, m, 1))},
                {"fast_path", cppyy_function_address(m) != nullptr}};
  // a constructor's address is its `new T(args...)` (ABI 1.3), for clients that call C directly
  if (fn.address != nullptr)
    entry["address"] = fn.kind == DL_FUNC_CONSTRUCTOR        ? "new"
                       : (fn.flags & DL_FUNC_DIRECT_ADDRESS) ? "direct"
                                                             : "wrapper";
  if (!entry["fast_path"].get<bool>()) entry["why_not"] = whyNoFastPath(d, fn);
  entry["entry"] = describeEntry(m);
  return entry;
}

json describeScope(const DlDictionary& d, const DlScope& s) {
  const char* qualified = d.strings + s.qualified_name;
  json out = {{"name", qualified}, {"kind", kindName(s)}};
  cppyy_scope_t scope = cppyy_get_scope(qualified);
  if (scope == 0) return out;
  if (s.kind != DL_SCOPE_NAMESPACE) {
    out["size"] = cppyy_size_of_klass(scope);
    out["abstract"] = cppyy_is_abstract(scope) != 0;
    out["object"] = describeObjectOps(scope);
    if (json smart = describeSmartPointer(scope); !smart.is_null()) out["smart_pointer"] = smart;
    out["exception_class"] = dictloader_is_exception_class(scope) != 0;  // ABI 1.7: raised as its own class
    if (json dispatcher = describeDispatcher(scope); !dispatcher.is_null()) out["dispatcher"] = dispatcher;
    json bases = json::array();
    for (int b = 0; b < cppyy_num_bases(scope); ++b) bases.push_back(take(cppyy_base_name(scope, b)));
    out["bases"] = bases;
  }
  // Functions: those of this dictionary's part of the scope.
  json functions = json::array();
  for (std::uint32_t f = s.first_function; f < s.first_function + s.num_functions; ++f) {
    const DlFunction& fn = d.functions[f];
    if (fn.kind == DL_FUNC_DESTRUCTOR) continue;
    if (json entry = describeFunction(d, fn, scope); !entry.is_null()) functions.push_back(entry);
  }
  out["functions"] = functions;
  json data = json::array();
  for (std::uint32_t i = s.first_data; i < s.first_data + s.num_data; ++i) {
    int index = cppyy_datamember_index(scope, d.strings + d.data[i].name);
    if (index < 0) continue;
    json member = {{"name", take(cppyy_datamember_name(scope, index))},
                   {"type", take(dictloader_datamember_type(scope, index))},
                   {"static", cppyy_is_staticdata(scope, index) != 0}};
    if (!cppyy_is_staticdata(scope, index)) member["offset"] = cppyy_datamember_offset(scope, index);
    data.push_back(member);
  }
  out["data"] = data;
  return out;
}

const char* functionKind(const DlFunction& fn) {
  switch (fn.kind) {
    case DL_FUNC_CONSTRUCTOR:
      return "constructor";
    case DL_FUNC_STATIC:
      return "static";
    default:
      return (fn.flags & DL_FUNC_VIRTUAL) ? "virtual" : "method";
  }
}

}  // namespace

size_t loadDictionary(const std::string& path) {
  size_t before = dictloader_num_dictionaries();
  if (!dictloader_load(path.c_str())) throw Failure(dictloader_last_error(), 1);
  // The newly registered dictionary is the last one (or an earlier copy of it).
  size_t count = dictloader_num_dictionaries();
  size_t index = count > before ? count - 1 : 0;
  for (size_t i = 0; i < count; ++i)
    if (std::string(dictloader_dictionary_origin(i)) == path) index = i;
  return index;
}

json describeDictionary(size_t index) {
  const DlDictionary& d = tables(index);
  json out = {{"name", d.strings + d.name},
              {"origin", dictloader_dictionary_origin(index)},
              {"generator", d.strings + d.generator},
              {"abi", std::to_string(d.abi_major) + "." + std::to_string(d.abi_minor)},
              {"function_addresses", (d.flags & DL_DICT_HAS_FUNCTION_ADDRESSES) != 0},
              {"fast_path_all", (d.flags & DL_DICT_FAST_PATH_ALL) != 0}};
  json scopes = json::array();
  for (std::uint32_t s = 0; s < d.num_scopes; ++s) scopes.push_back(describeScope(d, d.scopes[s]));
  out["scopes"] = scopes;
  json enums = json::array();
  for (std::uint32_t e = 0; e < d.num_enums; ++e) {
    const DlEnum& en = d.enums[e];
    json values = json::object();
    for (std::uint32_t v = 0; v < en.num_enumerators; ++v) {
      const DlEnumerator& value = d.enumerators[en.first_enumerator + v];
      values[d.strings + value.name] = value.value;
    }
    enums.push_back({{"name", d.strings + en.qualified_name},
                     {"scoped", (en.flags & DL_ENUM_SCOPED) != 0},
                     {"type", d.strings + en.underlying_type},
                     {"values", values}});
  }
  out["enums"] = enums;
  json typedefs = json::object();
  for (std::uint32_t t = 0; t < d.num_typedefs; ++t)
    typedefs[d.strings + d.typedefs[t].qualified_name] = d.strings + d.typedefs[t].target;
  out["typedefs"] = typedefs;
  return out;
}

json describeClass(const std::string& name, size_t onlyDictionary) {
  cppyy_scope_t scope = cppyy_get_scope(name.c_str());
  std::string where = onlyDictionary == kAnyDictionary
                          ? std::string("any loaded dictionary or catalog")
                          : std::string(dictloader_dictionary_origin(onlyDictionary));
  if (scope == 0) {
    std::string why = dictloader_autoload_error(name.c_str()) ? dictloader_autoload_error(name.c_str()) : "";
    throw Failure("no class '" + name + "' in " + where + (why.empty() ? "" : " (" + why + ")"), 1);
  }
  if (cppyy_is_namespace(scope))
    throw Failure("'" + name + "' is a namespace or enum, not a class (list it with dictinfo LIBRARY)", 1);
  std::string qualified = take(cppyy_scoped_final_name(scope));
  // The dictionary record that defines the class: its bases, as written.
  size_t count = dictloader_num_dictionaries();
  const DlDictionary* defining = nullptr;
  const DlScope* record = nullptr;
  size_t definingIndex = 0;
  for (size_t i = 0; i < count && record == nullptr; ++i) {
    if (onlyDictionary != kAnyDictionary && i != onlyDictionary) continue;
    const DlDictionary& d = tables(i);
    for (std::uint32_t s = 0; s < d.num_scopes; ++s)
      if (d.scopes[s].kind != DL_SCOPE_NAMESPACE && qualified == d.strings + d.scopes[s].qualified_name) {
        defining = &d;
        record = &d.scopes[s];
        definingIndex = i;
        break;
      }
  }
  if (record == nullptr) throw Failure("class '" + qualified + "' is not described by " + where, 1);

  json out = {{"name", qualified},
              {"kind", kindName(*record)},
              {"dictionary", dictloader_dictionary_origin(definingIndex)},
              {"size", cppyy_size_of_klass(scope)},
              {"abstract", cppyy_is_abstract(scope) != 0},
              {"polymorphic", (record->flags & DL_SCOPE_POLYMORPHIC) != 0},
              {"object", describeObjectOps(scope)},
              {"exception_class", dictloader_is_exception_class(scope) != 0}};
  if (json smart = describeSmartPointer(scope); !smart.is_null()) out["smart_pointer"] = smart;
  if (json dispatcher = describeDispatcher(scope); !dispatcher.is_null()) out["dispatcher"] = dispatcher;
  // Direct bases as the class declares them; the loader knows only those some
  // dictionary describes, and reads a virtual base's offset from the object.
  json bases = json::array();
  for (std::uint32_t b = record->first_base; b < record->first_base + record->num_bases; ++b) {
    const DlBase& base = defining->bases[b];
    const char* baseName = defining->strings + base.base_name;
    json entry = {{"name", baseName}, {"virtual", base.is_virtual != 0}};
    cppyy_scope_t baseScope = cppyy_get_scope(baseName);
    entry["described"] = baseScope != 0 && cppyy_is_subtype(scope, baseScope) != 0;
    if (base.is_virtual)
      entry["offset"] = nullptr;  // only an object knows
    else
      entry["offset"] = entry["described"].get<bool>() ? cppyy_base_offset(scope, baseScope, nullptr, 1)
                                                       : static_cast<std::int64_t>(base.offset);
    bases.push_back(entry);
  }
  out["bases"] = bases;
  json data = json::array();
  for (int i = 0; i < cppyy_num_datamembers(scope); ++i) {
    bool isStatic = cppyy_is_staticdata(scope, i) != 0;
    json member = {{"name", take(cppyy_datamember_name(scope, i))},
                   {"type", take(dictloader_datamember_type(scope, i))},
                   {"static", isStatic},
                   {"const", cppyy_is_const_data(scope, i) != 0}};
    if (!isStatic) member["offset"] = cppyy_datamember_offset(scope, i);
    data.push_back(member);
  }
  out["data"] = data;
  json methods = json::array();
  for (std::uint32_t f = record->first_function; f < record->first_function + record->num_functions; ++f) {
    const DlFunction& fn = defining->functions[f];
    if (fn.kind == DL_FUNC_DESTRUCTOR) continue;
    json entry = describeFunction(*defining, fn, scope);
    if (entry.is_null()) continue;
    cppyy_method_t m = methodFor(*defining, fn, scope);
    entry["name"] = defining->strings + fn.name;
    entry["kind"] = functionKind(fn);
    entry["signature"] = take(cppyy_method_signature(m, 1));
    entry["result"] = take(dictloader_method_result_type(m));
    entry["const"] = (fn.flags & DL_FUNC_CONST) != 0;
    entry["min_args"] = cppyy_method_req_args(m);
    methods.push_back(entry);
  }
  out["methods"] = methods;
  return out;
}

json whichProvides(const std::string& name) {
  json providers = json::array();
  auto visit = [](void* context, const dictloader_provider* p) {
    static_cast<json*>(context)->push_back(
        {{"name", p->name}, {"kind", p->kind}, {"library", p->library}, {"catalog", p->catalog}});
    return 0;
  };
  if (dictloader_which(name.c_str(), visit, &providers) < 0) throw Failure(dictloader_last_error(), 1);
  if (providers.empty())
    throw Failure("no catalog names a library providing '" + name +
                      "' (catalogs asked: dictloader_add_catalog, DICTLOADER_CATALOG, then " +
                      dictloader_default_catalog() + ")",
                  1);
  return {{"name", name}, {"providers", providers}};
}

json listCatalog(const std::string& path, bool verify) {
  json libraries = json::array();
  auto visit = [](void* context, const dictloader_catalog_library* l) {
    json names = json::array();
    for (size_t i = 0; i < l->num_names; ++i) names.push_back({{"name", l->names[i]}, {"kind", l->kinds[i]}});
    static_cast<json*>(context)->push_back(
        {{"path", l->path},
         {"name", l->name},
         {"generator", l->generator},
         {"abi", std::to_string(l->abi_major) + "." + std::to_string(l->abi_minor)},
         {"content_hash", l->content_hash},
         {"generated", l->generated},
         {"origin", l->origin},
         {"state", l->state},
         {"names", names}});
    return 0;
  };
  if (dictloader_list_catalog(path.c_str(), verify ? DICTLOADER_VERIFY_FILES : 0, visit, &libraries) < 0)
    throw Failure(dictloader_last_error(), 1);
  return {{"catalog", path}, {"libraries", libraries}};
}

}  // namespace dictinfo
