// validate.cpp - checks a dictionary's tables before the registry reads them.
//
// The header and the name tables are checked when a dictionary is added; the
// records of one scope (functions, arguments, data, bases) when that scope is
// first used, so adding a dictionary stays independent of its function count.
// Dictionaries of ABI 1.0 to 1.3 end their header after pad7; the entries and
// object operations of ABI 1.4, the enum types of ABI 1.5, the smart pointers
// of ABI 1.6, the exception classes of ABI 1.7 and the dispatchers of ABI 1.8
// are read only where abi_minor and header_size say they are there. A
// dispatcher's records are checked when a client first asks for it.
#include <cstddef>
#include <cstring>
#include <string>

#include "registry.h"

namespace dictloader {
namespace {

struct Checker {
  const DlDictionary* d;
  std::string& error;

  bool fail(const std::string& what) {
    error = what;
    return false;
  }
  bool string(std::uint32_t offset, const char* what) {
    if (offset < d->strings_size) return true;
    return fail(std::string("damaged dictionary: ") + what + " name is outside the string pool");
  }
  bool range(std::uint32_t first, std::uint32_t count, std::uint32_t size, const char* what) {
    if (first <= size && count <= size - first) return true;
    return fail(std::string("damaged dictionary: ") + what + " range is outside its table");
  }
  // An enum type record (ABI 1.5): none, or a name in the pool.
  bool enumName(const std::uint32_t* table, std::uint32_t i) {
    if (table == nullptr || table[i] == DLDICT_NONE || table[i] < d->strings_size) return true;
    return fail("damaged dictionary: enum type name is outside the string pool");
  }
  bool table(const void* pointer, std::uint32_t count, const char* what) {
    if (count == 0 || pointer != nullptr) return true;
    return fail(std::string("damaged dictionary: ") + what + " table is missing");
  }
};

// Where the header of ABI 1.0 to 1.3 ends: their header_size.
constexpr std::size_t kHeaderSizeBefore14 = offsetof(DlDictionary, entries);

// Does the header hold the field that ends at `end`, one of ABI 1.minor?
bool headerReaches(const DlDictionary& d, std::size_t end, unsigned minor = 4) {
  return d.abi_minor >= minor && d.header_size >= end;
}

template <typename Field>
const Field* enumTable(const DlDictionary& d, const Field* const& field) {
  std::size_t end = reinterpret_cast<const char*>(&field) - reinterpret_cast<const char*>(&d) + sizeof field;
  return headerReaches(d, end, 5) ? field : nullptr;
}

bool isSignatureLetter(char c, bool isResult) {
  if (c == 'v' || c == 'o') return isResult;
  return c != '\0' && std::strchr("?cbBhHiIlLqQfdgwuUp", c) != nullptr;
}

}  // namespace

const DlEntry* entryTable(const DlDictionary& d) {
  return headerReaches(d, offsetof(DlDictionary, entries) + sizeof d.entries) ? d.entries : nullptr;
}

const DlObjectOps* objectOpsTable(const DlDictionary& d) {
  return headerReaches(d, offsetof(DlDictionary, objects) + sizeof d.objects) ? d.objects : nullptr;
}

EnumTables enumTables(const DlDictionary& d) {
  return {enumTable(d, d.argument_enums), enumTable(d, d.result_enums), enumTable(d, d.data_enums)};
}

std::uint32_t smartPointerCount(const DlDictionary& d) {
  if (d.abi_minor < 6 || d.header_size < offsetof(DlDictionary, pad8) || d.smart_pointers == nullptr)
    return 0;
  return d.num_smart_pointers;
}

std::uint32_t exceptionClassCount(const DlDictionary& d) {
  if (!headerReaches(d, offsetof(DlDictionary, pad9), 7) || d.exception_classes == nullptr) return 0;
  return d.num_exception_classes;
}

TakeStubExceptionFn takeStubException(const DlDictionary& d) {
  return headerReaches(d, offsetof(DlDictionary, take_stub_exception) + sizeof d.take_stub_exception, 7)
             ? d.take_stub_exception
             : nullptr;
}

// A record the loader cannot use (an unknown kind, no get) is no smart
// pointer: the class stays a plain class.
bool smartPointerUsable(const DlDictionary& d, const DlSmartPointer& sp) {
  return sp.scope < d.num_scopes && sp.scope > 0 && d.scopes[sp.scope].kind != DL_SCOPE_NAMESPACE &&
         sp.pointee < d.strings_size && sp.get != nullptr &&
         (sp.kind == DL_SMART_UNIQUE || (sp.kind == DL_SMART_SHARED && sp.copy != nullptr &&
                                         sp.to_void != nullptr && sp.from_void != nullptr));
}

bool entryUsable(const DlDictionary& d, const DlFunction& fn, const DlEntry& entry) {
  if ((entry.kind != DL_ENTRY_PLAIN && entry.kind != DL_ENTRY_CHECKED) || entry.address == nullptr)
    return false;
  const char* signature = d.strings + entry.signature;
  std::size_t length = std::strlen(signature);
  if (length != 1 + static_cast<std::size_t>(fn.num_args)) return false;
  for (std::size_t i = 0; i < length; ++i)
    if (!isSignatureLetter(signature[i], i == 0)) return false;
  return true;
}

bool validateHeader(const DlDictionary* d, std::string& error) {
  if (d == nullptr) {
    error = "no dictionary";
    return false;
  }
  if (d->magic != DLDICT_MAGIC) {
    error = "not a dictionary (bad magic number)";
    return false;
  }
  if (d->abi_major != DLDICT_ABI_MAJOR) {
    error = "made by an incompatible genreflex (dictionary ABI " + std::to_string(d->abi_major) + "." +
            std::to_string(d->abi_minor) + ", this loader reads " + std::to_string(DLDICT_ABI_MAJOR) +
            ".x); regenerate it with this genreflex";
    return false;
  }
  if (d->header_size < kHeaderSizeBefore14) {
    error = "damaged dictionary: header is truncated";
    return false;
  }
  Checker c{d, error};
  if (d->strings == nullptr || d->strings_size == 0 || d->strings[d->strings_size - 1] != '\0')
    return c.fail("damaged dictionary: string pool is not terminated");
  if (!c.string(d->name, "dictionary") || !c.string(d->generator, "generator")) return false;
  if (!c.table(d->scopes, d->num_scopes, "scope") || !c.table(d->functions, d->num_functions, "function") ||
      !c.table(d->arguments, d->num_arguments, "argument") || !c.table(d->data, d->num_data, "data") ||
      !c.table(d->bases, d->num_bases, "base") || !c.table(d->enums, d->num_enums, "enum") ||
      !c.table(d->enumerators, d->num_enumerators, "enumerator") ||
      !c.table(d->typedefs, d->num_typedefs, "typedef"))
    return false;
  if (d->num_scopes == 0 || d->scopes[0].kind != DL_SCOPE_NAMESPACE || d->scopes[0].parent != DLDICT_NONE)
    return c.fail("damaged dictionary: the first scope is not the global namespace");
  for (std::uint32_t i = 0; i < d->num_scopes; ++i) {
    const DlScope& s = d->scopes[i];
    if (!c.string(s.name, "scope") || !c.string(s.qualified_name, "scope")) return false;
    if (i > 0 && s.parent >= i) return c.fail("damaged dictionary: a scope comes before its parent");
    if (s.kind > DL_SCOPE_UNION) return c.fail("damaged dictionary: unknown scope kind");
    if (!c.range(s.first_function, s.num_functions, d->num_functions, "function") ||
        !c.range(s.first_data, s.num_data, d->num_data, "data member") ||
        !c.range(s.first_base, s.num_bases, d->num_bases, "base class"))
      return false;
  }
  for (std::uint32_t i = 0; i < d->num_enums; ++i) {
    const DlEnum& e = d->enums[i];
    if (!c.string(e.name, "enum") || !c.string(e.qualified_name, "enum") ||
        !c.string(e.underlying_type, "enum type"))
      return false;
    if (e.parent >= d->num_scopes) return c.fail("damaged dictionary: enum in an unknown scope");
    if (!c.range(e.first_enumerator, e.num_enumerators, d->num_enumerators, "enumerator")) return false;
    for (std::uint32_t v = 0; v < e.num_enumerators; ++v)
      if (!c.string(d->enumerators[e.first_enumerator + v].name, "enumerator")) return false;
  }
  for (std::uint32_t i = 0; i < d->num_typedefs; ++i) {
    const DlTypedef& t = d->typedefs[i];
    if (!c.string(t.name, "typedef") || !c.string(t.qualified_name, "typedef") ||
        !c.string(t.target, "typedef target"))
      return false;
    if (t.parent >= d->num_scopes) return c.fail("damaged dictionary: typedef in an unknown scope");
  }
  if (headerReaches(*d, offsetof(DlDictionary, pad9), 7) &&
      !c.table(d->exception_classes, d->num_exception_classes, "exception class"))
    return false;
  for (std::uint32_t i = 0, n = exceptionClassCount(*d); i < n; ++i) {
    std::uint32_t scope = d->exception_classes[i].scope;
    if (scope == 0 || scope >= d->num_scopes || d->scopes[scope].kind == DL_SCOPE_NAMESPACE)
      return c.fail("damaged dictionary: exception class record " + std::to_string(i) +
                    " names no class (scope " + std::to_string(scope) + ")");
  }
  return true;
}

namespace {

// Function record f, which scope `index` owns, and its arguments.
bool validateFunction(Checker& c, const DlDictionary* d, std::uint32_t f, std::uint32_t index) {
  const DlEntry* entries = entryTable(*d);
  const EnumTables enums = enumTables(*d);
  const DlFunction& fn = d->functions[f];
  if (!c.string(fn.name, "function") || !c.string(fn.result_type, "result type")) return false;
  if (entries != nullptr && !c.string(entries[f].signature, "entry signature")) return false;
  if (!c.enumName(enums.results, f)) return false;
  if (fn.scope != index) return c.fail("damaged dictionary: function listed in the wrong scope");
  if (fn.kind > DL_FUNC_DESTRUCTOR || fn.result_kind >= DL_RESULT_KIND_COUNT)
    return c.fail("damaged dictionary: unknown function or result kind");
  if (fn.stub == nullptr) return c.fail("damaged dictionary: function without a call stub");
  if (fn.num_args > 64 || fn.required_args > fn.num_args)
    return c.fail("damaged dictionary: bad argument count");
  if (!c.range(fn.first_arg, fn.num_args, d->num_arguments, "argument")) return false;
  for (std::uint32_t a = fn.first_arg; a < fn.first_arg + fn.num_args; ++a) {
    const DlArgument& arg = d->arguments[a];
    if (!c.string(arg.name, "argument") || !c.string(arg.type, "argument type") ||
        !c.string(arg.default_value, "default value"))
      return false;
    if (arg.passing > DL_PASS_INDIRECT) return c.fail("damaged dictionary: unknown argument passing");
    if (!c.enumName(enums.arguments, a)) return false;
  }
  return true;
}

}  // namespace

std::uint32_t dispatcherCount(const DlDictionary& d) {
  if (d.abi_minor < 8 ||
      d.header_size < offsetof(DlDictionary, dispatch_callback) + sizeof d.dispatch_callback ||
      d.dispatchers == nullptr || d.dispatch_callback == nullptr)
    return 0;
  return d.num_dispatchers;
}

bool validateDispatcher(const DlDictionary* d, std::uint32_t index, std::string& error) {
  Checker c{d, error};
  const DlDispatcher& r = d->dispatchers[index];
  if (r.scope == 0 || r.scope >= d->num_scopes || d->scopes[r.scope].kind == DL_SCOPE_NAMESPACE)
    return c.fail("damaged dictionary: a dispatcher of no class");
  if (r.delete_object == nullptr || r.set_self == nullptr)
    return c.fail("damaged dictionary: a dispatcher without its delete or set_self");
  if (r.num_constructors == 0) return c.fail("damaged dictionary: a dispatcher without constructors");
  if (!c.range(r.first_constructor, r.num_constructors, d->num_functions, "dispatcher constructor") ||
      !c.range(r.first_slot, r.num_slots, d->num_functions, "dispatcher slot"))
    return false;
  for (std::uint32_t f = r.first_constructor; f < r.first_constructor + r.num_constructors; ++f) {
    if (!validateFunction(c, d, f, r.scope)) return false;
    if (d->functions[f].kind != DL_FUNC_CONSTRUCTOR)
      return c.fail("damaged dictionary: a dispatcher constructor that is no constructor");
  }
  for (std::uint32_t f = r.first_slot; f < r.first_slot + r.num_slots; ++f) {
    if (!validateFunction(c, d, f, r.scope)) return false;
    if (d->functions[f].kind != DL_FUNC_METHOD || !(d->functions[f].flags & DL_FUNC_VIRTUAL))
      return c.fail("damaged dictionary: a dispatcher slot that is no virtual function");
  }
  return true;
}

bool validateScopeRecords(const DlDictionary* d, std::uint32_t index, std::string& error) {
  Checker c{d, error};
  const DlScope& s = d->scopes[index];
  const EnumTables enums = enumTables(*d);
  for (std::uint32_t f = s.first_function; f < s.first_function + s.num_functions; ++f)
    if (!validateFunction(c, d, f, index)) return false;
  for (std::uint32_t i = s.first_data; i < s.first_data + s.num_data; ++i) {
    const DlDataMember& m = d->data[i];
    if (!c.string(m.name, "data member") || !c.string(m.type, "data member type")) return false;
    if (!c.enumName(enums.data, i)) return false;
    if (m.num_dims > 4) return c.fail("damaged dictionary: too many array dimensions");
    if ((m.flags & DL_DATA_STATIC) && m.address == nullptr)
      return c.fail("damaged dictionary: static data without an address");
  }
  for (std::uint32_t i = s.first_base; i < s.first_base + s.num_bases; ++i) {
    const DlBase& b = d->bases[i];
    if (!c.string(b.base_name, "base class")) return false;
    if (b.scope != index) return c.fail("damaged dictionary: base listed in the wrong scope");
    if (b.is_virtual && b.offset_fn == nullptr)
      return c.fail("damaged dictionary: virtual base without offset function");
  }
  return true;
}

}  // namespace dictloader
