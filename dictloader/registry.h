// registry.h - the type registry behind libdictloader's C API.
//
// Dictionaries are found however they were loaded (our own dictloader_load,
// ctypes.CDLL, or linked into the program) by scanning the process's loaded
// objects for the entry symbol when a lookup misses. Registering a dictionary
// takes a reference on its library, so nothing a client does with its own
// handle can unmap tables the registry points into, and only records its
// scope, enum and typedef names; per-scope tables (methods, data, bases) are
// validated and built on first use. A name no dictionary has is passed to
// the autoloader (catalog_autoloader.h) by findScope(), resolveTypedef() and
// the lookups of namespace members, with its qualified name.
//
// Thread safety: one mutex guards the tables. It is held only while tables are
// read or built, never while the dynamic linker is called (dlopen, dladdr,
// dl_iterate_phdr) or while code from a dictionary or a user library runs: a
// thread inside dlopen holds the linker's lock while static initializers run,
// and an initializer that calls into the loader must not find our lock taken
// by a thread that waits for the linker's. So the member functions that may
// scan or load take the lock themselves and must be called without it; the
// rest (built(), scope tables) need it held by the caller. A Scope, Method or
// Dictionary is never freed or moved once made, so handles stay valid and
// calls through a Method need no lock.
#pragma once

#include <cstdint>
#include <exception>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <typeinfo>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "dictloader/cppyy_capi.h"
#include "dictloader/dictionary_abi.h"

namespace dictloader {

struct Scope;

struct Dictionary {
  const DlDictionary* abi = nullptr;
  std::string origin;       // path of the library, or where it came from
  void* library = nullptr;  // our reference on the library (a dlopen handle), never released
  const char* str(std::uint32_t offset) const { return abi->strings + offset; }
  const char* name() const { return str(abi->name); }
};

// One callable function. Its address is the cppyy_method_t handle.
struct Method {
  DlStubFn stub = nullptr;
  std::uint32_t numArgs = 0;
  std::uint32_t requiredArgs = 0;
  std::uint32_t resultKind = DL_RESULT_VOID;
  std::uint32_t kind = DL_FUNC_METHOD;
  std::uint32_t flags = 0;
  void* fastAddress = nullptr;  // null unless the fast path may be used
  void* newAddress = nullptr;   // constructors (ABI 1.3): `void* f(args...)` making the object
  // The entry (ABI 1.4) as clients get it (dictloader_function_entry): kind
  // DL_ENTRY_NONE and a null address when there is none, the dictionary is
  // older (missing DL_ENTRY_MISSING_UNRECORDED) or DICTLOADER_FASTPATH=none.
  void* entryAddress = nullptr;
  std::uint32_t entryKind = DL_ENTRY_NONE;
  std::uint32_t entryMissing = DL_ENTRY_MISSING_UNRECORDED;
  const char* entrySignature = "";
  const Dictionary* dict = nullptr;
  const DlFunction* fn = nullptr;
  const DlArgument* args = nullptr;
  Scope* scope = nullptr;
  size_t index = 0;  // in scope->methods

  // The name as the dictionary has it: "f<double>" for a template instance.
  const char* name() const { return dict->str(fn->name); }
  // The name clients group overloads by: "f" for "f<double>" (see
  // Registry::nameTemplateInstances).
  std::string_view baseName() const { return std::string_view(name(), baseNameLength); }
  std::uint32_t baseNameLength = 0;
  const char* argType(std::uint32_t i) const { return dict->str(args[i].type); }
  // ABI 1.5: the enum behind argument i's (or the result's) builtin type, by
  // its qualified name; null when it is no enum, or the dictionary is older.
  const std::uint32_t* argEnums = nullptr;
  std::uint32_t resultEnum = DLDICT_NONE;
  const char* argEnum(std::uint32_t i) const {
    return argEnums && argEnums[i] != DLDICT_NONE ? dict->str(argEnums[i]) : nullptr;
  }
  const char* resultEnumName() const { return resultEnum != DLDICT_NONE ? dict->str(resultEnum) : nullptr; }
};

struct DataMember {
  const char* name = "";
  const char* type = "";
  std::uint32_t flags = 0;
  std::uint32_t numDims = 0;
  const std::uint32_t* dims = nullptr;
  std::intptr_t offset = 0;  // object offset, or absolute address when static
  // The enum of an enum value, or of a data member of an enum type (ABI 1.5),
  // by its qualified name; null otherwise (and for an unnamed enum).
  const char* enumName = nullptr;
};

struct BaseClass {
  const Dictionary* dict = nullptr;
  const DlBase* base = nullptr;
  Scope* scope = nullptr;  // resolved on first use; stays null while no dictionary describes it
  const char* name() const { return dict->str(base->base_name); }
};

// A base class a dictionary describes, as one step of a path up the hierarchy.
struct BaseStep {
  const DlBase* base;
  Scope* scope;
};

enum class ScopeKind { Namespace, Class, Enum };

struct ScopePart {
  const Dictionary* dict;
  std::uint32_t index;  // into dict->abi->scopes (or enums, for enum scopes)
};

struct Scope {
  std::string name;
  std::string qualifiedName;
  ScopeKind kind = ScopeKind::Namespace;
  std::vector<ScopePart> parts;  // namespaces may be spread over dictionaries
  std::vector<std::string> childNames;

  // class properties (from the defining dictionary)
  std::uint32_t flags = 0;
  std::uint64_t size = 0;
  DlStubFn deleteObject = nullptr;
  const DlObjectOps* objectOps = nullptr;  // ABI 1.4; null for older dictionaries
  // A std::shared_ptr<T> or std::unique_ptr<T> (ABI 1.6): its record, and what
  // it points to as written ("const ns::T").
  const DlSmartPointer* smart = nullptr;
  const char* pointeeName = "";
  // An exception class (ABI 1.7): its record, from the defining dictionary.
  const DlExceptionClass* exceptionClass = nullptr;
  // Computed on first use (exception_classes.cpp), under the lock: -1 not yet;
  // whether clients raise it as an exception class (its record, or a base's),
  // and how many exception classes it derives from (the most derived first).
  int raisedAsException = -1;
  int exceptionDepth = -1;
  // The class's dispatcher (ABI 1.8), from the dictionary that defines the
  // class; its methods are built with the dispatcher (dispatcherOf).
  const DlDispatcher* dispatcherRecord = nullptr;
  const Dictionary* dispatcherDict = nullptr;
  struct Dispatcher {
    std::vector<std::unique_ptr<Method>> constructors, slots;
    std::vector<cppyy_method_t> constructorHandles, slotHandles;
  };
  std::unique_ptr<Dispatcher> dispatcher;  // null until built, or if refused
  bool dispatcherBuilt = false;

  // built on first use
  size_t builtParts = 0;
  std::vector<std::unique_ptr<Method>> methods;  // destructors excluded
  std::unordered_map<std::string, std::vector<size_t>> methodsByName;
  std::vector<DataMember> data;
  std::unordered_map<std::string, size_t> dataByName;
  std::vector<BaseClass> bases;
  // Function templates whose instances are reached only by template
  // arguments ("kind" of kind<int>() and kind<double>()).
  std::vector<std::string> templatePlaceholders;
  // The mangled RTTI name of this class, set (once, under the lock) before the
  // class is first handed out as an object's dynamic type.
  std::string rttiName;

  bool isClass() const { return kind == ScopeKind::Class; }
};

class Registry {
 public:
  static Registry& instance();

  // For reading or building tables only (see the thread-safety note above).
  std::unique_lock<std::mutex> lock() { return std::unique_lock(mutex_); }

  // --- these take the lock themselves: call them without it ---------------------
  // dlopen + register. False with error set on any failure.
  bool load(const std::string& path, std::string& error);
  // Validates the header and registers names, referencing the library that
  // holds the tables. False with error set if refused.
  bool add(const DlDictionary* dictionary, std::string origin, std::string& error);

  // The one name lookup: scopes, enums, typedefs; rescans loaded objects and
  // asks the autoloader (catalog) on a miss. Null if unknown.
  Scope* findScope(std::string_view name);
  // Typedef target if name is a typedef, the scope's own name if name is
  // another spelling of one (type_names.h), else name itself.
  std::string resolveTypedef(std::string_view name);
  // Is name a class template of which some dictionary has an instantiation?
  bool isTemplate(std::string_view name);
  // Lookups within a scope that rescan for new dictionaries on a miss.
  std::vector<Method*> findMethods(Scope& scope, const std::string& name);
  // Function template instances of scope named like "f<double>" (template
  // arguments spelled any way users write them), after findMethods.
  std::vector<Method*> findTemplateInstances(Scope& scope, std::string_view name);
  long findData(Scope& scope, const std::string& name);
  // The scope's direct bases that some dictionary describes, in declaration order.
  std::vector<BaseStep> knownBases(Scope& scope);
  // The scope an object's dynamic type (RTTI) maps to, null if none.
  Scope* scopeOfDynamicType(const std::type_info& type);

  // Exception classes (exception_classes.cpp, ABI 1.7). Is the class raised
  // as an exception of its own (a record, or a base class that is one)?
  bool isExceptionClass(Scope& scope);
  // A caught exception as a new object of the most derived described
  // exception class that catches it (its class in scope), or null.
  void* copyException(const std::exception_ptr& caught, Scope*& scope);

  // Called with a name that findScope could not resolve; returns true if it
  // made new dictionaries available (the catalog's autoload hook). Called
  // without the lock.
  void setAutoloader(std::function<bool(std::string_view)> autoloader);

  // Looks for dictionaries among the loaded objects; true if it found new ones.
  bool scanLoadedObjects();

  size_t numDictionaries();
  const Dictionary* dictionary(size_t i);

  // --- these need the lock held ----------------------------------------------------
  // Builds (or extends) a scope's tables.
  Scope& built(Scope& scope);
  // The class's dispatcher with its methods, built (and validated) on first
  // use; null if it has none or its records are damaged.
  const Scope::Dispatcher* dispatcherOf(Scope& scope);
  // The method of a dispatcher's slot record (the loader's dispatch
  // callback is handed the record), null if no dispatcher built it.
  Method* slotMethod(const DlFunction* record) const;

 private:
  Registry();
  Scope& scopeNamed(const std::string& qualified, ScopeKind kind, std::string name);
  bool addLocked(const DlDictionary* dictionary, std::string origin, void* library, std::string& error);
  // 1: found (scope set, may be null for a typedef to an unknown type), 0: unknown
  int lookupLocked(const std::string& name, Scope*& scope);
  // The canonical spelling of name, typedefs resolved (type_names.h).
  std::string canonicalLocked(const std::string& name) const;
  void buildPart(Scope& scope, const ScopePart& part);
  void setEntry(Method& m, const DlDictionary& abi, const DlEntry& entry) const;
  std::unique_ptr<Method> methodOf(Scope& scope, const Dictionary& d, std::uint32_t f) const;
  void nameTemplateInstances(Scope& scope, size_t firstMethod);
  // After a miss of scope::member: new dictionaries among the loaded objects,
  // from the catalogs (the autoloader, asked with the qualified name), or
  // registered by another thread since `seen` (numDictionaries then).
  bool moreDictionariesFor(const Scope& scope, const std::string& member, size_t seen);
  void addEnumValues(Scope& scope, const Dictionary& dict, const DlEnum& en);

  std::mutex mutex_;
  std::vector<std::unique_ptr<Dictionary>> dictionaries_;
  std::unordered_map<const DlDictionary*, const Dictionary*> byAddress_;
  std::unordered_map<std::string, std::unique_ptr<Scope>> scopes_;
  std::unordered_map<std::string, std::string> typedefs_;
  std::unordered_set<std::string> templates_;  // "std::vector" once a std::vector<...> is known
  // The retry step of every look-up by name, after a miss in attempt 0, 1 or 2
  // with `seen` dictionaries registered: true if looking again may succeed
  // (new dictionaries among the loaded objects, else the autoloader loaded
  // one, or another thread registered one). Called without the lock.
  bool mayFindAfterMiss(int attempt, std::string_view name,
                        const std::function<bool(std::string_view)>& autoloader, size_t seen);
  std::function<bool(std::string_view)> autoloader_;
  std::function<bool(std::string_view)> templateAutoloader_;  // for a class template's own name
  // Discovery: the linker's counters at the last scan, and the objects it saw
  // (by program-header address, valid only until the next unload).
  unsigned long long scannedAdds_ = ~0ull, scannedSubs_ = ~0ull;
  std::unordered_set<std::uintptr_t> seenObjects_;
  // Dynamic types already mapped to scopes (null: none, as of numDictionaries).
  std::unordered_map<const std::type_info*, std::pair<Scope*, size_t>> dynamicTypes_;
  // Every scope with an exception class record (in registration order), and
  // the class each thrown type was last copied as (null: none), as of
  // numDictionaries.
  std::vector<Scope*> exceptionScopes_;
  std::unordered_map<const std::type_info*, std::pair<Scope*, size_t>> thrownTypes_;
  int exceptionDepth(Scope& scope, int guard);
  int fastPathPolicy_ = 0;  // 0: functions that cannot throw, 1: all, -1: none
  std::unordered_map<const DlFunction*, Method*> slotMethods_;
};

// Validation (validate.cpp): the header, and a scope's own records, before use.
bool validateHeader(const DlDictionary* dictionary, std::string& error);
bool validateScopeRecords(const DlDictionary* dictionary, std::uint32_t scope, std::string& error);
// The ABI 1.4 tables of a validated dictionary, null when it is older or its
// header_size does not reach them (or it has none).
const DlEntry* entryTable(const DlDictionary& dictionary);
const DlObjectOps* objectOpsTable(const DlDictionary& dictionary);
// The ABI 1.5 enum type tables of a validated dictionary (each null when it is
// older or has none): string pool offsets of enum names, or DLDICT_NONE.
struct EnumTables {
  const std::uint32_t* arguments;
  const std::uint32_t* results;
  const std::uint32_t* data;
};
EnumTables enumTables(const DlDictionary& dictionary);
// The ABI 1.8 dispatchers (0 for older dictionaries, or without the callback
// slot), and one's records checked (its class's scope, its functions).
std::uint32_t dispatcherCount(const DlDictionary& dictionary);
bool validateDispatcher(const DlDictionary* dictionary, std::uint32_t index, std::string& error);
// The loader's function for every dictionary's callback slot (dispatchers.cpp).
void dispatchToClient(void* self, const DlFunction* slot, void* const* args, void* result);

// The ABI 1.6 smart pointer records (0 for older dictionaries), and whether
// one may be used.
std::uint32_t smartPointerCount(const DlDictionary& dictionary);
bool smartPointerUsable(const DlDictionary& dictionary, const DlSmartPointer& record);
// The ABI 1.7 exception class records (0 for older dictionaries; validated
// with the header) and the stubs' caught exception (null for older ones).
std::uint32_t exceptionClassCount(const DlDictionary& dictionary);
using TakeStubExceptionFn = void* (*)(void);
TakeStubExceptionFn takeStubException(const DlDictionary& dictionary);
// May a client call this entry of fn (validated): a kind this loader knows
// other than none, an address, and a signature of known letters, one for the
// result and one per argument? What a newer genreflex records and this
// loader cannot read, and a damaged record, is no entry.
bool entryUsable(const DlDictionary& dictionary, const DlFunction& fn, const DlEntry& entry);

// The loader's own dictionary: namespace std and std::string.
const DlDictionary* builtinDictionary();
}  // namespace dictloader

// The standard exception classes, a dictionary genreflex makes when the loader
// is built (std_exceptions.h; its entry symbol renamed, see CMakeLists.txt).
extern "C" const DlDictionary dlstd_exceptions_dictionary;

namespace dictloader {

// This thread's last error (dictloader_last_error).
void setLastError(std::string message);
const std::string& lastError();

}  // namespace dictloader
